"""The research notes pane: Markdown typing, formatting keys, quoting, links, panes."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QHelpEvent, QRegion, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from reader.ui.typed_text import typed_text
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import select

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def saved(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def test_typing_lists_continue_and_end(notes, qtbot) -> None:
    qtbot.keyClicks(notes, "- first")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "second")
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # an empty nested item goes a level out
    assert notes.toPlainText() == "- first\n  - second\n- "
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # an empty item ends the list, a blank line after
    qtbot.keyClicks(notes, "1. one")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "two")
    assert notes.toPlainText() == "- first\n  - second\n\n1. one\n2. two"


def test_shift_tab_outdents_and_quotes_continue(notes, qtbot) -> None:
    qtbot.keyClicks(notes, "  - nested")
    qtbot.keyClick(notes, Qt.Key.Key_Backtab)
    assert notes.toPlainText() == "- nested"
    notes.setPlainText("")
    qtbot.keyClicks(notes, "> quoted")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "more")
    assert notes.toPlainText() == "> quoted\n> more"
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # the quote ends: the next words are not in it
    qtbot.keyClicks(notes, "Mine")
    assert notes.toPlainText() == "> quoted\n> more\n\nMine"


def test_formatting_shortcuts(notes, qtbot) -> None:
    qtbot.keyClicks(notes, "key idea")
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    assert notes.toPlainText() == "**key idea**"
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_I, CTRL)
    assert notes.toPlainText() == "***key idea***"
    qtbot.keyClick(notes, Qt.Key.Key_2, CTRL | ALT)
    assert notes.toPlainText() == "## ***key idea***"
    qtbot.keyClick(notes, Qt.Key.Key_1, CTRL | ALT)
    assert notes.toPlainText() == "# ***key idea***"
    notes.setPlainText("a\nb")
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_8, CTRL | SHIFT)
    assert notes.toPlainText() == "- a\n- b"
    qtbot.keyClick(notes, Qt.Key.Key_8, CTRL | SHIFT)
    assert notes.toPlainText() == "a\nb"
    qtbot.keyClick(notes, Qt.Key.Key_Period, CTRL | SHIFT)
    assert notes.toPlainText() == "> a\n> b"


def test_bold_and_italic_keys_typed_as_in_a_word_processor(notes, qtbot) -> None:
    """Ctrl+B, the word, Ctrl+B again goes on in plain text after the closing "**", and
    a key pressed twice before any word takes the empty pair back: no stray asterisks."""
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(notes, "stubborn")
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(notes, " and ")
    qtbot.keyClick(notes, Qt.Key.Key_I, CTRL)
    qtbot.keyClicks(notes, "funny")
    qtbot.keyClick(notes, Qt.Key.Key_I, CTRL)
    qtbot.keyClicks(notes, ".")
    assert notes.toPlainText() == "**stubborn** and *funny*."
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_I, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_I, CTRL)
    qtbot.keyClicks(notes, " Done")
    assert notes.toPlainText() == "**stubborn** and *funny*. Done"
    notes.setPlainText("🎬 ")  # an emoji is two UTF-16 units to Qt, one code point
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(notes, "cut")
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(notes, "!")
    assert notes.toPlainText() == "🎬 **cut**!"


def test_formatting_keys_do_nothing_in_the_reader(window: MainWindow, qtbot) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_B, CTRL)
    assert window.notes_editor.toPlainText() == ""


def test_markdown_is_styled_but_stays_plain(notes, qtbot) -> None:
    notes.setPlainText("# Title 🎬\n\n**bold** and *it*")
    QApplication.processEvents()
    heading = notes.document().firstBlock().layout().formats()
    assert any(r.format.fontPointSize() > notes.font().pointSizeF() for r in heading)
    assert notes.toPlainText() == "# Title 🎬\n\n**bold** and *it*"


def test_preview_renders_and_toggles(window: MainWindow, notes, qtbot) -> None:
    notes.setPlainText("# Findings\n\n- **trust**")
    qtbot.keyClick(notes, Qt.Key.Key_P, CTRL | SHIFT)
    assert window.notes_pane.previewing()
    html = window.notes_pane.preview.toHtml()
    assert "Findings" in html and "font-weight" in html
    assert "#" not in window.notes_pane.preview.toPlainText()
    window.window_actions.toggle_preview.trigger()
    assert not window.notes_pane.previewing()


def test_the_formatting_buttons_rest_while_the_preview_shows(
    window: MainWindow, notes, qtbot
) -> None:
    """They looked ready in the preview, and Bold put "****" in the text behind it."""
    notes.setPlainText("Findings")
    bold = window.window_actions.bold
    qtbot.keyClick(notes, Qt.Key.Key_P, CTRL | SHIFT)
    assert window.notes_pane.previewing() and not bold.isEnabled()
    qtbot.keyClick(window.notes_pane.preview, Qt.Key.Key_B, CTRL)
    assert notes.toPlainText() == "Findings"
    window.window_actions.toggle_preview.trigger()
    assert bold.isEnabled()


def test_quote_selection_creates_highlight_quote_and_link(
    window: MainWindow, notes, qtbot, notes_path
) -> None:
    notes.setPlainText("My notes")
    cursor = notes.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    notes.setTextCursor(cursor)
    text = window.interview.session.document.text
    start = text.index("No improvising.")
    select(window, qtbot, start, start + len("No improvising."))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    (h,) = window.interview.session.notes.highlights
    assert h.exact == "No improvising."
    expected = f"My notes\n\n> No improvising. [↩\u00a0Q1](#h-{h.id})\n\n"
    assert typed_text(notes.document()) == expected
    qtbot.waitUntil(lambda: notes_path.exists() and saved(notes_path)["notes"] == expected)
    assert saved(notes_path)["highlights"][0]["id"] == h.id


def test_following_a_link_from_preview_scrolls_and_flashes(
    window: MainWindow, notes, qtbot
) -> None:
    text = window.interview.session.document.text
    start = text.index("Never.")
    select(window, qtbot, start, start + len("Never."))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    (h,) = window.interview.session.notes.highlights
    window.reader.verticalScrollBar().setValue(0)
    window.window_actions.toggle_preview.trigger()
    window.notes_pane.preview.anchorClicked.emit(QUrl(f"#h-{h.id}"))
    assert window.reader.verticalScrollBar().value() > 0
    assert window.reader._flash is not None
    assert window.reader.current_highlight_id == h.id


def test_ctrl_click_link_in_editor(window: MainWindow, notes, qtbot) -> None:
    text = window.interview.session.document.text
    start = text.index("Never.")
    select(window, qtbot, start, start + len("Never."))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    window.reader.verticalScrollBar().setValue(0)
    cursor = notes.document().find("↩")
    point = notes.cursorRect(cursor).center() + QPoint(2, 0)
    qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton, CTRL, point)
    assert window.reader.verticalScrollBar().value() > 0


def test_ctrl_enter_follows_the_link_at_the_caret(window: MainWindow, notes, qtbot) -> None:
    """By keyboard alone: a quote's link, or a time link just typed with Ctrl+Shift+T,
    followed where the caret is in it or just after it; only Ctrl+click did."""
    text = window.interview.session.document.text
    start = text.index("Never.")
    select(window, qtbot, start, start + len("Never."))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    written = notes.toPlainText()
    window.reader.verticalScrollBar().setValue(0)
    notes.setFocus()
    notes.setTextCursor(notes.document().find("↩"))
    qtbot.keyClick(notes, Qt.Key.Key_Return, CTRL)
    assert window.reader.verticalScrollBar().value() > 0
    assert notes.toPlainText() == written
    window.reader.verticalScrollBar().setValue(0)
    notes.moveCursor(QTextCursor.MoveOperation.Start)
    notes.moveCursor(QTextCursor.MoveOperation.EndOfBlock)  # just after the link
    qtbot.keyClick(notes, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert window.reader.verticalScrollBar().value() > 0
    notes.moveCursor(QTextCursor.MoveOperation.Start)  # on no link: nothing, and a word why
    qtbot.keyClick(notes, Qt.Key.Key_Return, CTRL)
    assert notes.toPlainText() == written
    assert window.statusBar().currentMessage() == "Ctrl+Enter follows a link: put the caret in one."


def test_link_to_deleted_highlight_says_so(window: MainWindow, notes, qtbot) -> None:
    text = window.interview.session.document.text
    start = text.index("Never.")
    select(window, qtbot, start, start + len("Never."))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    (h,) = window.interview.session.notes.highlights
    window.interview.controller.delete_highlight(h.id)
    window.quoting.follow_link(f"#h-{h.id}")
    assert "deleted" in window.statusBar().currentMessage()


def test_external_links_open_only_on_click(window: MainWindow, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "reader.ui.notes.quoting.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()),
    )
    window.notes_editor.setPlainText("[site](https://example.org)")
    assert opened == []
    window.quoting.follow_link("https://example.org")
    assert opened == ["https://example.org"]


def test_pane_shortcuts_and_f6(window: MainWindow, qtbot) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(window.notes_editor.hasFocus)
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(window.annotations.view.hasFocus)
    qtbot.keyClick(window.annotations.view, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(window.reader.hasFocus)
    qtbot.keyClick(window.reader, Qt.Key.Key_F6)
    qtbot.waitUntil(window.notes_editor.hasFocus)
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_F6)
    qtbot.waitUntil(window.annotations.view.hasFocus)


def test_word_count_and_save_state_in_status_bar(window: MainWindow, notes, qtbot) -> None:
    qtbot.keyClicks(notes, "three small words")
    assert window.save_label.text() == "Saving…"
    qtbot.waitUntil(lambda: window.words_label.text() == "3 words")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved")


def test_notes_restored_byte_for_byte(make_window, notes_path, qtbot) -> None:
    window = make_window()
    text = "# Ünïcödé 🎬\r\n\n\ttabbed\n  trailing  \n" + "x" * 10_000
    window.notes_editor.setPlainText(text)
    window.close()
    expected = text.replace("\r\n", "\n")  # Qt's editor keeps LF only
    assert saved(notes_path)["notes"] == expected
    again = make_window()
    assert again.notes_editor.toPlainText() == expected


def test_loaded_notes_get_styled_after_the_first_paint(make_window, notes_path, qtbot) -> None:
    window = make_window()
    window.notes_editor.setPlainText("# Heading")
    window.close()
    again = make_window()
    qtbot.waitUntil(
        lambda: again.notes_editor.highlighter.document() is again.notes_editor.document()
    )
    QApplication.processEvents()
    formats = again.notes_editor.document().firstBlock().layout().formats()
    assert any(r.format.fontPointSize() > again.notes_editor.font().pointSizeF() for r in formats)


def test_quote_link_shows_as_a_chip_without_the_highlight_id(window, qtbot) -> None:
    from PySide6.QtGui import QTextCursor

    editor = window.notes_editor
    link = "[↩ Q4](#h-0d4c3b1a-0000-4000-8000-000000000001)"
    editor.setPlainText(f"> a quote {link} after")
    editor.highlighter.rehighlight()
    text = editor.toPlainText()
    assert link in text  # the stored text is unchanged

    def x(offset: int) -> int:
        cursor = QTextCursor(editor.document())
        cursor.setPosition(offset)
        return editor.cursorRect(cursor).x()

    hidden_start = text.index("](#h-")
    hidden_end = text.index(")", hidden_start) + 1
    assert x(hidden_end) - x(hidden_start) <= 6  # the id takes no room
    label = text.index("↩")
    assert x(label + 4) - x(label) > 10  # "↩ Q4" does


def test_preview_says_what_it_is_when_empty_and_shows_quotes_as_quotes(window, qtbot) -> None:
    from PySide6.QtGui import QTextFormat

    window.notes_editor.setPlainText("")
    window.window_actions.toggle_preview.setChecked(True)
    assert "preview of your research notes" in window.notes_pane.preview.toPlainText()
    window.window_actions.toggle_preview.setChecked(False)
    window.notes_editor.setPlainText("Before\n\n> a quoted line\n\nAfter")
    window.window_actions.toggle_preview.setChecked(True)
    doc = window.notes_pane.preview.document()
    quote = next(
        b
        for b in (doc.findBlockByNumber(i) for i in range(doc.blockCount()))
        if b.text() == "a quoted line"
    )
    assert quote.blockFormat().intProperty(QTextFormat.Property.BlockQuoteLevel) == 1
    assert quote.blockFormat().background().style() != 0  # a tint
    assert quote.charFormat().fontItalic() or quote.begin().fragment().charFormat().fontItalic()


def test_the_empty_notes_hint_keeps_a_margin_on_both_sides(window: MainWindow, qtbot) -> None:
    """Qt's placeholder would run to the right edge; the hint wraps inside the margins."""
    editor = window.notes_editor
    assert editor.document().isEmpty()
    editor.resize(260, 300)  # narrow: the hint wraps
    qtbot.waitUntil(lambda: editor.viewport().width() < 280)
    viewport = editor.viewport()
    image = viewport.grab().toImage()
    base = image.pixelColor(1, 1)
    margin = int(editor.document().documentMargin())
    columns = range(image.width() - margin + 2, image.width())
    inked = {
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y) != base
    }
    assert inked, "the hint is drawn"
    assert not [p for p in inked if p[0] in columns]
    assert not [p for p in inked if p[0] < margin - 2]


@pytest.mark.parametrize("typed", ["x", ""], ids=["typed", "emptied"])
def test_the_hint_goes_and_comes_back_whole(window: MainWindow, qtbot, typed: str) -> None:
    """The first character typed repaints the whole hint away (Qt repainted only its line,
    leaving the rest drawn under the text), and emptying the notes draws it whole again."""
    window.show()
    editor = window.notes_editor
    qtbot.waitExposed(window)
    if not typed:
        qtbot.keyClicks(editor, "y")
    painted = QRegion()

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            nonlocal painted
            if event.type() == QEvent.Type.Paint:
                painted = painted.united(event.region())
            return False

    QApplication.processEvents()  # the window's own first paints are over
    watch = Watch()
    editor.viewport().installEventFilter(watch)
    if typed:
        qtbot.keyClicks(editor, typed)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    whole = editor.viewport().rect()
    qtbot.waitUntil(lambda: painted.contains(whole.bottomRight() - QPoint(4, 4)))
    editor.viewport().removeEventFilter(watch)


def caret_at(editor, position: int, anchor: int | None = None) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position if anchor is None else anchor)
    cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


@pytest.mark.parametrize(
    ("text", "caret", "after"),
    [
        ("- first\n- second", 8, "- first\n\n- second"),  # at the line's start
        ("- first\n- second", 10, "- first\n\n- second"),  # at the mark's end
        ("1. first", 1, "\n1. first"),  # inside the mark
        ("> At home", 0, "\n> At home"),
    ],
)
def test_enter_at_or_in_a_mark_opens_a_line_above(notes, qtbot, text, caret, after) -> None:
    """It doubled the mark ("- - second", "> > At") or split it ("1" / ". first")."""
    notes.setPlainText(text)
    caret_at(notes, caret)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "x")
    assert notes.toPlainText() == after[: caret + 1] + "x" + after[caret + 1 :]


def test_line_keys_act_on_the_lines_selected_and_read_their_marks(notes, qtbot) -> None:
    notes.setPlainText("one\ntwo\nthree")
    notes.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(notes, Qt.Key.Key_Down, SHIFT)  # "one\n": "two" is not selected
    qtbot.keyClick(notes, Qt.Key.Key_8, CTRL | SHIFT)
    assert notes.toPlainText() == "- one\ntwo\nthree"
    qtbot.keyClick(notes, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(notes, Qt.Key.Key_Period, CTRL | SHIFT)
    assert notes.toPlainText() == "> - one\n> two\nthree"
    for text, keys, after in [
        (">q", (Qt.Key.Key_Period, CTRL | SHIFT), "q"),
        ("* item", (Qt.Key.Key_8, CTRL | SHIFT), "item"),
        ("1. item", (Qt.Key.Key_8, CTRL | SHIFT), "- item"),
        ("- item", (Qt.Key.Key_2, CTRL | ALT), "## item"),
    ]:
        notes.setPlainText(text)
        qtbot.keyClick(notes, *keys)
        assert notes.toPlainText() == after


def test_bold_on_selected_words_as_in_a_word_processor(notes, qtbot) -> None:
    """Bold bold words unbolds them; spaces selected at either end stay out; each
    paragraph is wrapped on its own, in one step of undo."""
    notes.setPlainText("**word**")
    caret_at(notes, 6, anchor=2)
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    assert notes.toPlainText() == "word"
    assert notes.textCursor().selectedText() == "word"
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    assert notes.toPlainText() == "**word**"
    notes.setPlainText("word \n\n- two")
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_I, CTRL)
    assert notes.toPlainText() == "*word* \n\n- *two*"
    qtbot.keyClick(notes, Qt.Key.Key_Z, CTRL)
    assert notes.toPlainText() == "word \n\n- two"


LINK = "[↩ Q4](#h-0d4c3b1a-0000-4000-8000-000000000001)"


def test_a_quotes_link_back_is_one_thing_to_the_caret(notes, qtbot, notes_path) -> None:
    """Its hidden target took some 40 unseen steps of the caret, took typing (which broke
    it) and lost its ")" to a Backspace at the line's end."""
    line = f"> No improvising. {LINK}"
    chip, end = line.index("["), len(line)
    notes.setPlainText(line + "\n\nnext")
    caret_at(notes, end)
    qtbot.keyClick(notes, Qt.Key.Key_Left)
    assert notes.textCursor().position() == chip
    qtbot.keyClick(notes, Qt.Key.Key_Right)
    assert notes.textCursor().position() == end
    qtbot.keyClick(notes, Qt.Key.Key_Left, CTRL)  # a word back: not into the id
    assert notes.textCursor().position() == chip
    qtbot.keyClick(notes, Qt.Key.Key_Right, CTRL | SHIFT)
    assert notes.textCursor().selectedText() == LINK
    caret_at(notes, end - 3)  # put there by a click, say: typing goes after it
    qtbot.keyClicks(notes, "!")
    assert notes.toPlainText().startswith(line + "!")
    qtbot.keyClick(notes, Qt.Key.Key_Backspace)
    qtbot.keyClick(notes, Qt.Key.Key_Backspace)  # just after it: the whole chip selected
    assert notes.toPlainText().startswith(line + "\n")
    assert notes.textCursor().selectedText() == LINK
    qtbot.keyClick(notes, Qt.Key.Key_Backspace)  # and then deleted
    assert notes.toPlainText() == "> No improvising. \n\nnext"
    qtbot.keyClick(notes, Qt.Key.Key_Z, CTRL)
    assert notes.toPlainText() == line + "\n\nnext"
    qtbot.waitUntil(lambda: notes_path.exists() and LINK in saved(notes_path)["notes"])


def test_ctrl_backspace_after_a_chip_and_a_space_leaves_the_chip_whole(notes, qtbot) -> None:
    """Ctrl+Backspace after "[↩ Q4](#h-…) " took the hidden ")" with the space: the chip
    became its raw Markdown, "[↩ Q4](#h-…after", and its way back to the passage broke.
    Now the space goes; the next press selects the chip, as Backspace does. Ctrl+Delete
    before " [↩ Q4]" likewise."""
    line = f"> No improvising. {LINK} after"
    end = line.index(" after")
    notes.setPlainText(line)
    caret_at(notes, end + 1)
    qtbot.keyClick(notes, Qt.Key.Key_Backspace, CTRL)
    assert notes.toPlainText() == f"> No improvising. {LINK}after"
    assert notes.textCursor().position() == end
    qtbot.keyClick(notes, Qt.Key.Key_Backspace, CTRL)
    assert notes.textCursor().selectedText() == LINK
    notes.setPlainText(f"> No {LINK}")
    caret_at(notes, len("> No"))
    qtbot.keyClick(notes, Qt.Key.Key_Delete, CTRL)
    assert notes.toPlainText() == f"> No{LINK}"


def test_a_link_says_how_to_follow_it_as_the_pointer_rests_on_it(notes, qtbot) -> None:
    """A click on a chip only put the caret beside it: nothing said that Ctrl+click (or
    Ctrl+Enter) goes to the passage, nor opens a web link."""
    notes.setPlainText(f"> No improvising. {LINK} and [the report](https://example.org)")
    QApplication.processEvents()

    def tip_over(words: str) -> str:
        point = notes.cursorRect(notes.document().find(words)).center()
        hover = QHelpEvent(QEvent.Type.ToolTip, point, notes.viewport().mapToGlobal(point))
        QApplication.sendEvent(notes.viewport(), hover)
        return QToolTip.text()

    assert tip_over("Q4") == "Ctrl+click or Ctrl+Enter goes to the quoted passage"
    assert tip_over("report") == "Ctrl+click opens it in your browser or mail program"
    tip_over("improvising")  # no link: no tip
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_a_click_on_a_quotes_link_back_puts_the_caret_beside_it(notes, qtbot) -> None:
    notes.setPlainText(f"> No improvising. {LINK} after")
    QApplication.processEvents()
    text = notes.toPlainText()
    label = notes.document().find("Q4")
    point = notes.cursorRect(label).center() + QPoint(2, 0)  # just after "Q4", its id hidden
    qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert notes.textCursor().position() == text.index(LINK) + len(LINK)
    qtbot.mouseDClick(notes.viewport(), Qt.MouseButton.LeftButton, pos=point - QPoint(4, 0))
    assert notes.textCursor().selectedText() == LINK


def test_a_quote_put_in_a_list_leaves_one_blank_line_each_side(
    window: MainWindow, notes, qtbot
) -> None:
    notes.setPlainText("- first\n- second")
    caret_at(notes, len("- first"))
    text = window.interview.session.document.text
    start = text.index("No improvising.")
    select(window, qtbot, start, start + len("No improvising."))
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    (h,) = window.interview.session.notes.highlights
    quote = f"> No improvising. [↩\u00a0Q1](#h-{h.id})"
    assert typed_text(notes.document()) == f"- first\n\n{quote}\n\n- second"


def test_the_preview_shows_angle_brackets_as_typed_and_headings_whole(
    window: MainWindow, notes, qtbot
) -> None:
    """`<name of ward>` was taken for HTML, and hid all after it; a heading's emphasis
    shrank to the body's size."""
    from PySide6.QtGui import QTextFormat

    notes.setPlainText("Ask about <name of ward> next.\n\n## Routine and *control*\n\nMore.")
    qtbot.keyClick(notes, Qt.Key.Key_P, CTRL | SHIFT)
    preview = window.notes_pane.preview
    assert preview.toPlainText() == "Ask about <name of ward> next.\nRoutine and control\nMore."
    heading = preview.document().findBlockByNumber(1)
    sizes = set()
    fragments = heading.begin()
    while not fragments.atEnd():
        chars = fragments.fragment().charFormat()
        sizes.add(chars.intProperty(QTextFormat.Property.FontSizeAdjustment))
        fragments += 1
    assert sizes == {2}


def test_a_link_to_a_heading_of_the_notes_goes_there(window: MainWindow, notes, qtbot) -> None:
    """`[see](#results)` in long notes did nothing, and said nothing, in the editor and in
    the preview: it goes to the heading now, in whichever shows."""
    told: list[str] = []
    window.interview.status.connect(lambda text, _ms: told.append(text))
    notes.setPlainText("[see](#results-part-2)\n\n" + "filler\n\n" * 200 + "## Results, part 2\n")
    window.quoting.follow_link("#results-part-2")
    assert notes.textCursor().block().text() == "## Results, part 2"
    assert notes.verticalScrollBar().value() > 0
    window.window_actions.toggle_preview.trigger()
    preview = window.notes_pane.preview
    qtbot.waitUntil(lambda: window.notes_pane.previewing() and preview.isVisible())
    preview.verticalScrollBar().setValue(0)
    window.quoting.follow_link("#results-part-2")
    assert preview.verticalScrollBar().value() > 0
    window.quoting.follow_link("#nowhere")
    assert told == ["No heading in these notes is linked as “#nowhere”."]


def test_enter_in_a_fenced_code_block_adds_no_list_mark(notes, qtbot) -> None:
    """A "- " in code went on as a list: the next line got a bullet inside the code."""
    notes.setPlainText("```\n- code line")
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    assert notes.toPlainText() == "```\n- code line\n"
    notes.setPlainText("```\n- code\n```\n\n- item")
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # after the block: a list again
    assert notes.toPlainText() == "```\n- code\n```\n\n- item\n- "


def test_a_numbered_item_put_in_the_middle_pushes_the_next_ones_on(notes, qtbot) -> None:
    """The items below kept their numbers: "2. new", then "2. two"."""
    notes.setPlainText("1. one\n2. two\n3. three")
    cursor = notes.textCursor()
    cursor.setPosition(len("1. one"))
    notes.setTextCursor(cursor)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "new")
    assert notes.toPlainText() == "1. one\n2. new\n3. two\n4. three"
    notes.undo()
    notes.undo()  # the item and the numbers it pushed on, in one step
    assert notes.toPlainText() == "1. one\n2. two\n3. three"
