"""The notes' preview as a user meets it: it opens where the editor is (it opened near the
foot, its first quote cut off) and a narrow pane's quotes keep most of its width."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextFormat
from PySide6.QtWidgets import QApplication

from reader.core.text_merge import conflict_markers
from reader.ui.window.main_window import MainWindow

NOTES = "\n\n".join(
    f"## Theme {n}\n\n> what was said about theme {n}, long enough to take a line or two "
    f"of the pane [↩ Q{n}](#h-{n})\n\nA note on theme {n}."
    for n in range(1, 25)
)


def preview_shown(window: MainWindow) -> None:
    window.window_actions.toggle_preview.setChecked(True)
    QApplication.processEvents()


def test_the_preview_opens_at_the_top_with_the_editor_there(window: MainWindow) -> None:
    editor = window.notes_editor
    editor.setPlainText(NOTES)
    editor.setTextCursor(QTextCursor(editor.document()))
    editor.verticalScrollBar().setValue(0)
    preview_shown(window)
    bar = window.notes_pane.preview.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0


def test_the_preview_opens_at_the_paragraph_at_the_editors_top(window: MainWindow) -> None:
    editor, pane = window.notes_editor, window.notes_pane
    editor.setPlainText(NOTES)
    assert pane.go_to_heading("theme-12")  # the heading at the editor's top
    assert editor.firstVisibleBlock().text() == "## Theme 12"
    preview_shown(window)
    preview = pane.preview
    heading = preview.document().find("Theme 12").block()
    top = preview.document().documentLayout().blockBoundingRect(heading).top()
    assert abs(preview.verticalScrollBar().value() - top) < 4
    window.window_actions.toggle_preview.setChecked(False)  # and back where it was
    assert editor.firstVisibleBlock().text() == "## Theme 12"


def test_a_narrow_panes_quotes_keep_most_of_its_width(window: MainWindow) -> None:
    """At 1024 px Qt's 40 px each side left a quote a column of 125 px, three or four
    words a line."""
    window.notes_editor.setPlainText("Before.\n\n> " + "words said in the interview " * 9)
    window.resize(1400, 800)
    QApplication.processEvents()
    total = sum(window.splitter.sizes())
    preview = window.notes_pane.preview
    indents = []
    for notes in (252, 620):
        window.splitter.setSizes([total - notes, notes])
        preview_shown(window)  # shown the first time, resized the second
        quote = preview.document().find("words said").block()
        fmt = quote.blockFormat()
        indents.append(fmt.leftMargin())
        assert fmt.leftMargin() == fmt.rightMargin()  # and on the right
        assert quote.layout().lineCount() > 1
    assert indents[0] <= 12 and indents[0] < indents[1] <= 40
    assert preview.viewport().width() > 300  # (the pane grew)


def test_lines_kept_twice_by_a_merge_show_apart_between_their_markers(window: MainWindow) -> None:
    """The markers ran into the lines around them ("Line one <<<<<<< your notes Line two
    and mine ======= …"), and ">>>>>>> end of the two versions" showed as a quote."""
    start, middle, end = conflict_markers("another program")
    merged = f"Line one\n{start}Line two and mine\n{middle}Line two changed elsewhere\n{end}"
    window.notes_editor.setPlainText(merged)
    preview_shown(window)
    document = window.notes_pane.preview.document()
    blocks = [document.findBlockByNumber(n) for n in range(document.blockCount())]
    assert [b.text() for b in blocks] == [line for line in merged.split("\n") if line]
    quote_level = QTextFormat.Property.BlockQuoteLevel
    assert not any(b.blockFormat().intProperty(quote_level) for b in blocks)
