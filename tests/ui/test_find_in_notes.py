"""Ctrl+F finds in the pane with the focus: with the notes (or their preview) focused, the
find bar searches the notes, steps through them and counts (reader/ui/find/find_targets.py);
from the reader, the interview again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.ui.find.find_bar import FindBar
from reader.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NOTES = "Night shifts 🌙 and zebra crossings.\nA second zebra here.\nNo more."


def find_in(window: MainWindow, qtbot, pane, query: str) -> FindBar:
    window.activateWindow()
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus)
    qtbot.keyClick(pane, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    qtbot.waitUntil(bar.edit.hasFocus)
    bar.edit.setText(query)
    return bar


def test_ctrl_f_in_the_notes_finds_there_and_in_the_reader_the_interview(
    window: MainWindow, qtbot
) -> None:
    notes = window.notes_editor
    notes.setPlainText(NOTES)
    reader_selection = window.reader.textCursor().selectedText()
    bar = find_in(window, qtbot, notes, "zebra")
    assert bar.edit.placeholderText() == "Find in your notes"
    assert bar.count_label.text() == "1 of 2"
    assert notes.textCursor().selectedText() == "zebra"
    assert notes.textCursor().selectionStart() == NOTES.index("zebra") + 1  # after the 🌙
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == "2 of 2"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, SHIFT)
    assert bar.count_label.text() == "1 of 2"
    assert len(notes.extraSelections()) == 2  # every match marked
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is notes and notes.textCursor().selectedText() == "zebra"
    assert notes.extraSelections() == []
    assert window.reader.textCursor().selectedText() == reader_selection  # left alone
    bar = find_in(window, qtbot, window.reader, "the")
    assert bar.edit.placeholderText() == "Find in the interview"
    assert window.reader.textCursor().selectedText().lower() == "the"


def test_typing_in_the_notes_while_the_bar_shows_counts_again_and_leaves_the_caret(
    window: MainWindow, qtbot
) -> None:
    notes = window.notes_editor
    notes.setPlainText(NOTES)
    bar = find_in(window, qtbot, notes, "zebra")
    notes.setFocus()
    cursor = notes.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    notes.setTextCursor(cursor)
    qtbot.keyClicks(notes, " A zebra")
    qtbot.waitUntil(lambda: bar.count_label.text().endswith("of 3"))
    assert notes.textCursor().position() == notes.document().characterCount() - 1
    assert not notes.textCursor().hasSelection()


def test_ctrl_f_in_the_preview_finds_in_the_notes_rendered(window: MainWindow, qtbot) -> None:
    window.notes_editor.setPlainText("## Zebra\n\n- a **zebra** list")
    window.window_actions.toggle_preview.setChecked(True)
    preview = window.notes_pane.preview
    bar = find_in(window, qtbot, preview, "zebra")
    assert bar.count_label.text() == "1 of 2"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert preview.textCursor().selectedText() == "zebra"


def test_long_notes_mark_the_matches_in_view_and_more_as_they_scroll(
    window: MainWindow, qtbot
) -> None:
    """All 2,000 of a common word in long notes were marked at once: 0.9 s in 1 MB."""
    notes = window.notes_editor
    notes.setPlainText("".join(f"Line {i}: the 🌙 word.\n" for i in range(3000)))
    bar = find_in(window, qtbot, notes, "the")
    assert bar.count_label.text() == "1 of 3,000"
    marked = len(notes.extraSelections())
    assert 0 < marked < 200  # those in view
    notes.verticalScrollBar().setValue(notes.verticalScrollBar().maximum())
    marks = notes.extraSelections()
    last = QTextCursor(marks[-1].cursor)
    assert last.selectedText() == "the" and last.block().text().startswith("Line 2999:")


def test_a_pane_made_taller_marks_the_matches_it_now_shows(window: MainWindow, qtbot) -> None:
    notes = window.notes_editor
    notes.setPlainText("".join(f"Line {i}: the word.\n" for i in range(3000)))
    find_in(window, qtbot, notes, "the")
    qtbot.waitUntil(lambda: bool(notes.extraSelections()))
    before = len(notes.extraSelections())
    window.resize(window.width(), window.height() + 300)
    qtbot.waitUntil(lambda: len(notes.extraSelections()) > before)


def test_zooming_while_finding_in_the_notes_zooms_the_notes(window: MainWindow, qtbot) -> None:
    """The find bar lives under the reader, but finding in the notes it works on them:
    Ctrl+= there zoomed the interview, and remembered it so."""
    notes = window.notes_editor
    notes.setPlainText(NOTES)
    reader_size = window.reader.reading_font().pointSizeF()
    notes_size = notes.font().pointSizeF()
    bar = find_in(window, qtbot, notes, "zebra")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Equal, CTRL)
    assert (notes.font().pointSizeF(), window.reader.reading_font().pointSizeF()) == (
        notes_size + 1,
        reader_size,
    )
    bar = find_in(window, qtbot, window.reader, "the")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Equal, CTRL)
    assert window.reader.reading_font().pointSizeF() == reader_size + 1
