"""Read-only notes take no undo (interview/open_interview.py `set_read_only`): when another
window takes the notes file's lock, Undo, Redo, typing and formatting stop, since nothing
they change could be saved; Save Notes As… gives write access back, and Undo with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from reader.core.read_only import SAVE_AS_WAY_OUT, ReadOnly
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import highlight_with_key
from tests.ui.test_switch_history import highlight

CTRL = Qt.KeyboardModifier.ControlModifier


def saved(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def quotes(path: Path) -> list[str]:
    return [h["exact"] for h in saved(path)["highlights"]]


def model_quotes(window: MainWindow) -> list[str]:
    return [h.exact for h in window.interview.session.notes.highlights]


def activate(window: MainWindow, qtbot: Any) -> None:
    """Undo follows the focus, which only an active window has."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def lose_the_lock(window: MainWindow, qtbot: Any, notes_path: Path) -> QLockFile:
    """Another window takes the notes file's lock; the next save finds it taken."""
    window.interview.safety.guard.lock.release()
    other = QLockFile(f"{notes_path}.lock")
    assert other.tryLock(0)
    highlight_with_key(window, qtbot, "scripted")  # an edit, whose save meets the lock
    qtbot.waitUntil(lambda: window.interview.read_only)
    return other


def test_notes_gone_read_only_take_no_undo_until_write_access_returns(
    make_window: Callable[..., MainWindow], notes_path: Path, dialogs: Any, qtbot: Any
) -> None:
    window = make_window()
    activate(window, qtbot)
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "Perry rehearses")
    highlight_with_key(window, qtbot, "Rehearsal")
    qtbot.waitUntil(lambda: notes_path.exists() and quotes(notes_path) == ["Rehearsal"])
    other = lose_the_lock(window, qtbot, notes_path)
    try:
        assert "Not saved" in window.banner.text()
        assert "read-only" in window.windowTitle()
        actions = window.window_actions
        assert not actions.undo.isEnabled() and not actions.redo.isEnabled()
        why = f"{ReadOnly.NOTES_IN_USE.value} {SAVE_AS_WAY_OUT}"
        assert actions.undo.toolTip() == actions.redo.statusTip() == why
        assert not actions.bold.isEnabled() and window.notes_editor.isReadOnly()
        qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
        assert model_quotes(window) == ["scripted", "Rehearsal"]  # on screen, not undone
        window.notes_editor.setFocus()  # focus moving about gives Undo no stack back
        qtbot.keyClick(window.notes_editor, Qt.Key.Key_Z, CTRL)
        qtbot.keyClicks(window.notes_editor, " more")
        qtbot.keyClick(window.notes_editor, Qt.Key.Key_B, CTRL)
        assert window.notes_editor.toPlainText() == "Perry rehearses"
        window.reader.setFocus()
        assert not actions.undo.isEnabled()
        qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
        assert model_quotes(window) == ["scripted", "Rehearsal"]
        assert quotes(notes_path) == ["Rehearsal"]  # the other window's file is left alone
    finally:
        other.unlock()
    mine = notes_path.with_name("mine.json")
    dialogs.save_answers.append(str(mine))
    window.window_actions.save_notes_as.trigger()
    assert not window.interview.read_only and not window.notes_editor.isReadOnly()
    assert quotes(mine) == ["scripted", "Rehearsal"]  # everything kept, now saved
    assert window.window_actions.undo.isEnabled() and window.window_actions.bold.isEnabled()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert model_quotes(window) == ["Rehearsal"]
    qtbot.waitUntil(lambda: quotes(mine) == ["Rehearsal"])
    window.notes_editor.setFocus()
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_Z, CTRL)  # the typing undoes again
    assert window.notes_editor.toPlainText() == "Perry "  # its last word
    qtbot.waitUntil(lambda: saved(mine)["notes"] == "Perry ")


def test_a_read_only_interview_leaves_the_study_undo_to_the_library(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    study = window.study.study
    assert study is not None
    notes_path = study.notes_path(study.interviews[0])
    activate(window, qtbot)
    view = window.library.view  # a study edit: F2 renames an interview
    view.setFocus()
    view.setCurrentIndex(window.library.proxy.index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Ben, night porter")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    highlight(window, qtbot, "coffee")
    qtbot.waitUntil(lambda: notes_path.exists() and quotes(notes_path) == ["coffee"])
    window.interview.safety.guard.lock.release()
    other = QLockFile(f"{notes_path}.lock")
    assert other.tryLock(0)
    try:
        highlight(window, qtbot, "handover")
        qtbot.waitUntil(lambda: window.interview.read_only)
        assert not window.window_actions.undo.isEnabled()
        view.setFocus()
        assert window.window_actions.undo.text().replace("&", "") == "Undo Rename Interview"
        window.reader.setFocus()
        assert not window.window_actions.undo.isEnabled()
        qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
        assert model_quotes(window) == ["coffee", "handover"]
    finally:
        other.unlock()
