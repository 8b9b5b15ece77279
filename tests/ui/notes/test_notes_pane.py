"""The notes pane (reader/ui/notes/notes_pane.py) as a researcher with two windows meets
it: keys that would type into notes or a memo another window has say why nothing came."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reader.core.read_only import ReadOnly
from reader.ui.window.main_window import MainWindow
from tests.ui.memo.test_study_memo import memo_file, open_memo
from tests.ui.test_read_only_undo import activate
from tests.ui.test_safety import notes_with

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
TYPING = [
    (Qt.Key.Key_X, NONE),
    (Qt.Key.Key_Return, NONE),
    (Qt.Key.Key_Backspace, NONE),
    (Qt.Key.Key_Delete, NONE),
    (Qt.Key.Key_V, CTRL),
    (Qt.Key.Key_B, CTRL),  # bold, greyed out in the menu
    (Qt.Key.Key_1, CTRL | Qt.KeyboardModifier.AltModifier),  # a heading
]


def said_at_each_key(window: MainWindow, qtbot: Any) -> list[str]:
    """What the status line says after each key of TYPING, then of an arrow (none)."""
    editor, said = window.notes_editor, []
    QGuiApplication.clipboard().setText("pasted")
    for key, modifiers in [*TYPING, (Qt.Key.Key_Right, NONE)]:
        window.statusBar().clearMessage()
        qtbot.keyClick(editor, key, modifiers)
        said.append(window.statusBar().currentMessage())
    return said


def test_typing_into_notes_another_window_edits_says_why_nothing_comes(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any
) -> None:
    """Typing, Enter, Backspace, Delete, Ctrl+V or a formatting key in the read-only
    window's notes did nothing and said nothing (the banner, above, said why once; the
    Format menu's greyed items in their tips): each says why now."""
    notes_with(notes_path, ["Rehearsal"], text="the first window's notes\n")
    first, second = make_window(), make_window()
    assert second.interview.read_only_cause is ReadOnly.NOTES_IN_USE
    activate(second, qtbot)
    second.notes_editor.setFocus()
    why = second.interview.why_read_only()
    assert said_at_each_key(second, qtbot) == [why] * len(TYPING) + [""]
    assert second.notes_editor.toPlainText() == "the first window's notes\n"
    assert first.interview.flush() and "pasted" not in notes_path.read_text("utf-8")


def test_typing_into_a_memo_another_window_has_says_why_nothing_comes(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    make_study_window(folder)
    second = make_study_window(folder)
    open_memo(second, qtbot)
    why = second.notes_pane.why_read_only()
    assert "another Interview Reader window" in why
    assert said_at_each_key(second, qtbot) == [why] * len(TYPING) + [""]
    assert second.notes_editor.toPlainText() == "" and not memo_file(folder).exists()


def dragged_over(window: MainWindow, text: str) -> str:
    """`text` dragged onto the notes editor and dropped there, as a mouse does (the drag's
    events sent to where it lands); what the status line says."""
    from PySide6.QtCore import QMimeData, QPointF
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    viewport, data = window.notes_editor.viewport(), QMimeData()
    data.setText(text)
    window.statusBar().clearMessage()
    at, move = QPointF(10, 10), Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    QGuiApplication.sendEvent(viewport, QDragEnterEvent(at.toPoint(), move, data, buttons, NONE))
    QGuiApplication.sendEvent(viewport, QDropEvent(at, move, data, buttons, NONE))
    return window.statusBar().currentMessage()


def test_text_dropped_onto_notes_or_a_memo_another_window_has_says_why_nothing_comes(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Found by the lock review: text dragged there was refused without a word, where
    the keys say why."""
    make_study_window(folder)
    second = make_study_window(folder)
    activate(second, qtbot)
    notes = second.notes_editor.toPlainText()
    assert dragged_over(second, "dropped") == second.interview.why_read_only() != ""
    assert second.notes_editor.toPlainText() == notes
    open_memo(second, qtbot)
    assert dragged_over(second, "dropped") == second.notes_pane.why_read_only() != ""
    assert second.notes_editor.toPlainText() == ""
