"""The notes editor's formatting keys as a writer uses them: Tab in lists, bold and
italic on the word at the caret, links, numbered lists and code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.ui.notes.notes_editor import NotesEditor
from reader.ui.typed_text import typed_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def select(editor: NotesEditor, anchor: int, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(anchor)
    cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_a_nested_numbered_item_counts_from_one_and_back_out_goes_on(notes, qtbot) -> None:
    """It went on counting ("  2. nested"), and out again skipped one ("3. back")."""
    qtbot.keyClicks(notes, "1. one")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    qtbot.keyClicks(notes, "nested")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClick(notes, Qt.Key.Key_Backtab)
    qtbot.keyClicks(notes, "back")
    assert notes.toPlainText() == "1. one\n   1. nested\n2. back"


def test_tab_on_a_numbered_item_recounts_the_items_left_below(notes, qtbot) -> None:
    """ "3. three" stayed 3 under the item Tab moved in, where the preview counts 2;
    Shift+Tab puts it back, and one Undo takes back each key's whole change."""
    notes.setPlainText("1. one\n2. two\n3. three\n4. four")
    cursor = notes.textCursor()
    cursor.setPosition(len("1. one\n2. t"))
    notes.setTextCursor(cursor)
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert notes.toPlainText() == "1. one\n   1. two\n2. three\n3. four"
    qtbot.keyClick(notes, Qt.Key.Key_Backtab)
    assert notes.toPlainText() == "1. one\n2. two\n3. three\n4. four"
    qtbot.keyClick(notes, Qt.Key.Key_Z, CTRL)
    assert notes.toPlainText() == "1. one\n   1. two\n2. three\n3. four"
    assert notes.textCursor().block().text() == "   1. two"


def test_tab_indents_every_line_selected_in_one_step_of_undo(notes, qtbot) -> None:
    """Only the caret's line moved."""
    notes.setPlainText("- x\n- a\n- b")
    select(notes, 4, len(notes.toPlainText()))
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert notes.toPlainText() == "- x\n  - a\n  - b"
    qtbot.keyClick(notes, Qt.Key.Key_Tab)  # still selected: deeper again
    assert notes.toPlainText() == "- x\n    - a\n    - b"
    qtbot.keyClick(notes, Qt.Key.Key_Backtab)
    assert notes.toPlainText() == "- x\n  - a\n  - b"
    qtbot.keyClick(notes, Qt.Key.Key_Z, CTRL)
    assert notes.toPlainText() == "- x\n    - a\n    - b"


def test_tab_at_a_plain_lines_start_makes_no_code_block(window, notes, qtbot) -> None:
    """A tab there made the line a code block in the preview, unseen in the editor."""
    qtbot.keyClicks(notes, "plain words")
    notes.moveCursor(QTextCursor.MoveOperation.StartOfBlock)
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert notes.toPlainText() == "plain words"
    assert "code block" in window.statusBar().currentMessage()
    assert notes.hasFocus()
    notes.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClick(notes, Qt.Key.Key_Tab)  # after words, a tab is a tab
    assert notes.toPlainText() == "plain words\t"


def test_bold_with_the_caret_in_a_word_bolds_the_word(notes, qtbot) -> None:
    """It put "****" inside the word: "some wo****rd here"."""
    notes.setPlainText("some word here")
    select(notes, 7, 7)
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    assert notes.toPlainText() == "some **word** here"
    qtbot.keyClicks(notes, "o")  # the caret stayed between the same letters
    assert notes.toPlainText() == "some **woord** here"
    qtbot.keyClick(notes, Qt.Key.Key_B, CTRL)
    assert notes.toPlainText() == "some woord here"
    qtbot.keyClick(notes, Qt.Key.Key_I, CTRL)
    assert notes.toPlainText() == "some *woord* here"


def test_link_numbered_list_and_code_keys(notes, qtbot) -> None:
    QApplication.clipboard().setText("not an address")
    notes.setPlainText("a source")
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(notes, "https://example.org")  # the caret waits in the address
    assert notes.toPlainText() == "[a source](https://example.org)"
    QApplication.clipboard().setText("https://example.org/x")
    notes.setPlainText("see")
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(notes, ".")
    assert notes.toPlainText() == "[see](https://example.org/x)."
    notes.setPlainText("a\nb")
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_7, CTRL | SHIFT)
    assert notes.toPlainText() == "1. a\n2. b"
    qtbot.keyClick(notes, Qt.Key.Key_7, CTRL | SHIFT)
    assert notes.toPlainText() == "a\nb"
    notes.setPlainText("run ls now")
    select(notes, 5, 5)
    qtbot.keyClick(notes, Qt.Key.Key_QuoteLeft, CTRL)
    assert notes.toPlainText() == "run `ls` now"


def test_tab_leaves_read_only_notes_as_they_are(notes, qtbot) -> None:
    notes.setPlainText("- a")
    notes.moveCursor(QTextCursor.MoveOperation.End)
    notes.setReadOnly(True)
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert notes.toPlainText() == "- a"


def test_read_only_notes_take_no_list_item_nor_indent_from_keys(notes: NotesEditor, qtbot) -> None:
    """Enter after a list item and Tab in it went on adding "- " and spaces to notes that
    take no typing (another window has them, a newer format)."""
    qtbot.keyClicks(notes, "- first")
    notes.setReadOnly(True)
    notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert notes.toPlainText() == "- first"


def test_ctrl_k_on_a_quotes_whole_line_links_its_words_and_keeps_its_chip(notes, qtbot) -> None:
    """It made the line a link's text, quote mark and chip too: "[> It is. (↩ Q1)(#h-1)]()",
    no more a quote, its chip and the way back to the passage gone."""
    notes.setPlainText("> It is. [↩\u00a0Q1](#h-1)")
    qtbot.keyClick(notes, Qt.Key.Key_End, SHIFT)
    qtbot.keyClick(notes, Qt.Key.Key_K, CTRL)
    assert typed_text(notes.document()) == "> [It is.]() [↩\u00a0Q1](#h-1)"
    assert notes.textCursor().position() == len("> [It is.](")


def test_ctrl_k_links_the_word_at_the_caret_takes_a_link_off_and_keeps_paragraphs(
    notes, qtbot
) -> None:
    """The caret in a word cut it in two ("re[]()port"); a link selected was mangled;
    two paragraphs selected were joined into one line."""
    QApplication.clipboard().setText("https://a.org")
    notes.setPlainText("see report here")
    select(notes, 6, 6)
    qtbot.keyClick(notes, Qt.Key.Key_K, CTRL)
    assert notes.toPlainText() == "see [report](https://a.org) here"
    select(notes, 8, 8)  # in the link: off again
    qtbot.keyClick(notes, Qt.Key.Key_K, CTRL)
    assert notes.toPlainText() == "see report here"
    said: list[str] = []
    notes.said.connect(said.append)
    notes.setPlainText("first para\n\nsecond [x] para")
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_K, CTRL)
    assert notes.toPlainText() == "first para\n\nsecond [x] para"
    assert said == ["Ctrl+K links words in one paragraph: select fewer."]
    notes.setPlainText("see [report](https://a.org) now")  # a link in a link: none
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_K, CTRL)
    assert notes.toPlainText() == "see [report](https://a.org) now"
    assert said[-1] == "Ctrl+K links words with no link in them: these hold one already."
