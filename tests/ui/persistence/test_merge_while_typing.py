"""Another program's change to the research notes merged in while the user types: the
caret stays with the words typed, and Undo never takes that program's words back out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reader.core.notes_file import parse
from reader.core.store import save_notes
from reader.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def type_lines(qtbot, editor, lines: list[str]) -> None:
    for i, line in enumerate(lines):
        if i:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


def test_a_merge_while_typing_keeps_the_caret_and_undo_leaves_their_words(
    make_window, notes_path: Path, qtbot
) -> None:
    """The caret went to the end of the span from the first difference to the last (the
    next words glued to the other program's line); one Ctrl+Z took their words out, and
    the save wrote that."""
    window: MainWindow = make_window()
    editor = window.notes_editor
    editor.setFocus()
    type_lines(qtbot, editor, ["Title line", "", "First paragraph.", "", "Second paragraph"])
    window.interview.saver.flush()
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(2).position())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " More words")
    theirs = parse(notes_path.read_bytes())  # a sync tool brings the laptop's edit
    theirs.notes = theirs.notes.replace("Title line", "Title line (on the laptop)") + "\n\nBy sync."
    save_notes(notes_path, theirs)
    qtbot.waitUntil(lambda: "laptop" in editor.toPlainText(), timeout=5000)
    qtbot.keyClicks(editor, " and more")
    assert editor.toPlainText() == (
        "Title line (on the laptop)\n\nFirst paragraph. More words and more\n\n"
        "Second paragraph\n\nBy sync."
    )
    assert "Undo there starts again from here" in window.banner.text()
    for _ in range(10):  # all that can be undone: what was typed since the merge
        qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == (
        "Title line (on the laptop)\n\nFirst paragraph. More words\n\nSecond paragraph\n\nBy sync."
    )
