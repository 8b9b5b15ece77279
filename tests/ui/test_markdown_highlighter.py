"""The notes editor's Markdown styling: emphasis as CommonMark reads it, and gradual styling
of long notes that ends as styling at once would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QPlainTextDocumentLayout
from shiboken6 import Shiboken

from reader.ui.notes.markdown_highlighter import CHUNK_BLOCKS, MarkdownHighlighter, links_in
from reader.ui.notes.notes_editor import LONG_NOTES_CHARS, NotesEditor
from tests.conftest import BUNDLED

LINES = [
    "# Heading 🎬",
    "Some **bold** words and *italic* ones, `code` too.",
    "> a quote [↩ Q4](#h-0d4c3b1a-0000-4000-8000-000000000001) after",
    "- a list item with [a link](https://example.org)",
    "",
]


def notes_text(chunks: int = 4) -> str:
    """Several chunks of lines, with a code fence across a chunk boundary."""
    lines = [LINES[i % len(LINES)] for i in range(chunks * CHUNK_BLOCKS)]
    lines[CHUNK_BLOCKS - 2] = "```"  # opened in the first chunk, closed in the second
    lines[CHUNK_BLOCKS + 3] = "```"
    return "\n".join(lines)


def document(text: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    doc.setPlainText(text)
    return doc


def styles(doc: QTextDocument) -> list[list[tuple[int, int, object]]]:
    """Each block's formats, as the highlighter set them."""
    result = []
    block = doc.firstBlock()
    while block.isValid():
        formats = block.layout().formats()
        result.append([(r.start, r.length, QTextCharFormat(r.format)) for r in formats])
        block = block.next()
    return result


def styled_at_once(text: str, size: float = 10) -> list[list[tuple[int, int, object]]]:
    doc = document(text)
    highlighter = MarkdownHighlighter(doc, size)
    highlighter.rehighlight()
    return styles(doc)


def test_gradual_styling_ends_as_styling_at_once(qtbot) -> None:
    text = notes_text()
    doc = document(text)
    highlighter = MarkdownHighlighter(None, 10)
    highlighter.style_gradually(doc)
    assert doc.firstBlock().layout().formats()  # the top at once
    assert not highlighter.styling_done()
    assert not doc.lastBlock().previous().layout().formats()  # the rest later
    qtbot.waitUntil(highlighter.styling_done)
    assert styles(doc) == styled_at_once(text)


def test_edits_while_styling_are_styled_right(qtbot) -> None:
    doc = document(notes_text())
    highlighter = MarkdownHighlighter(None, 10)
    highlighter.style_gradually(doc)
    top = QTextCursor(doc)
    top.insertText("## New heading\n")  # in the part already styled
    far = QTextCursor(doc.findBlockByNumber(3 * CHUNK_BLOCKS))
    far.insertText("**typed** ahead of the styling\n```\n")  # opens a fence
    qtbot.waitUntil(highlighter.styling_done)
    assert styles(doc) == styled_at_once(doc.toPlainText())


def test_other_notes_stop_the_styling_of_the_last(qtbot) -> None:
    highlighter = MarkdownHighlighter(None, 10)
    highlighter.style_gradually(document(notes_text()))
    short = document("# Short")
    highlighter.setDocument(short)
    assert highlighter.styling_done()
    qtbot.waitUntil(lambda: bool(short.firstBlock().layout().formats()))


def test_long_notes_opened_get_styled_to_the_end(make_window, notes_path: Path, qtbot) -> None:
    text = notes_text(chunks=2 + LONG_NOTES_CHARS // (30 * CHUNK_BLOCKS))
    assert len(text) > LONG_NOTES_CHARS
    window = make_window()
    window.notes_editor.setPlainText(text)
    window.close()
    again = make_window()
    editor = again.notes_editor
    assert editor.toPlainText() == text
    qtbot.waitUntil(lambda: editor.highlighter.document() is editor.document())
    qtbot.waitUntil(editor.highlighter.styling_done)
    assert styles(editor.document()) == styled_at_once(text, editor.font().pointSizeF())


def test_long_notes_behind_the_preview_are_styled_once_shown(
    make_window, notes_path: Path, qtbot
) -> None:
    text = notes_text(chunks=2 + LONG_NOTES_CHARS // (30 * CHUNK_BLOCKS))
    window = make_window()
    window.notes_editor.setPlainText(text)
    window.window_actions.toggle_preview.setChecked(True)  # the editor hidden: it never paints
    window.interview.close()
    window.open_document(BUNDLED, notes_path)
    editor = window.notes_editor
    assert not editor.isVisible() and editor.toPlainText() == text
    QApplication.processEvents()  # hidden, its lines wait: they take 8 ms each to style then
    assert editor.highlighter.document() is None
    window.window_actions.toggle_preview.setChecked(False)
    qtbot.waitUntil(lambda: editor.highlighter.document() is editor.document())
    window.window_actions.toggle_preview.setChecked(True)  # hidden again half way: it waits again
    half = styles(editor.document())
    for _ in range(3):
        QApplication.processEvents()
    assert styles(editor.document()) == half != styled_at_once(text, editor.font().pointSizeF())
    window.window_actions.toggle_preview.setChecked(False)
    qtbot.waitUntil(editor.highlighter.styling_done)
    assert styles(editor.document()) == styled_at_once(text, editor.font().pointSizeF())


@pytest.mark.parametrize(
    ("text", "looks"),
    [  # each character: . plain, b bold, i italic, B bold italic
        ("*it*", "iiii"),
        ("_it_", "iiii"),
        ("**b**", "bbbbb"),
        ("__b__", "bbbbb"),
        ("***bi***", "iBBBBBBi"),
        ("**b** and *i*", "bbbbb.....iii"),
        ("**Hollywood** wants", "bbbbbbbbbbbbb......"),
        ("2*3*4", "....."),
        ("snake_case_words", "................"),
        ("> *quoted*", "iiiiiiiiii"),
    ],
)
def test_emphasis_looks_as_commonmark_renders_it(text: str, looks: str, qapp) -> None:
    doc = document(text)
    MarkdownHighlighter(doc, 10).rehighlight()
    formats = doc.firstBlock().layout().formats()

    def look(i: int) -> str:
        fmt = next((r.format for r in formats if r.start <= i < r.start + r.length), None)
        bold = fmt is not None and fmt.fontWeight() == QFont.Weight.Bold
        italic = fmt is not None and fmt.fontItalic()
        return "B" if bold and italic else "b" if bold else "i" if italic else "."

    assert "".join(look(i) for i in range(len(text))) == looks


def test_a_link_to_an_address_with_parentheses_is_one_link_to_all_of_it(qapp) -> None:
    """Ctrl+click opened "…/Shift_(work" and the last ")" was styled as text."""
    line = "See [shift work](https://en.wikipedia.org/wiki/Shift_(work)). [a [b](c)"
    assert links_in(line) == [
        (4, line.index(". "), "https://en.wikipedia.org/wiki/Shift_(work)"),
        (line.index("[b"), len(line), "c"),
    ]


def test_the_notes_editors_highlighter_is_deleted_with_it(qtbot) -> None:
    """By Qt, on the GUI thread. Made without a parent, it was Python's, and went when the
    garbage collection freed the editor's wrapper, on whichever thread that ran, its timer
    and all (tests/ui/qt_garbage.py)."""
    editor = NotesEditor()
    highlighter = editor.highlighter
    editor.deleteLater()
    qtbot.waitUntil(lambda: not Shiboken.isValid(highlighter))
