"""Ctrl+PgDn or Enter just after a Redo of Remove from Study: the Library still lists the
interview taken off until it is read again, soon after the step; the key went to it, and
failed with "The study has no interview" (found by a random session of the Library)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.ui.window.main_window import MainWindow
from tests.ui.test_random_library_sessions import entries, listed
from tests.ui.test_random_sessions import CTRL, SHIFT, go_to_neighbour, open_study_of


def test_ctrl_pgdn_at_once_after_a_redo_passes_over_the_interview_taken_off(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    window, _folder = open_study_of(make_study_window, tmp_path, qtbot, 4)
    assert go_to_neighbour(window, qtbot, True)  # P02
    view = window.library.view
    view.setFocus()
    view.setCurrentIndex(window.library.proxy.index(2, 0))  # P03
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(entries(window)) == 3)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert listed(window, qtbot) == 4
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)  # P03 off again; still listed a moment
    assert window.library.proxy.rowCount() == 4
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: window.switcher.current.startswith("p04"))


def test_enter_at_once_after_a_redo_on_the_interview_taken_off_says_so(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    window, _folder = open_study_of(make_study_window, tmp_path, qtbot, 3)
    view = window.library.view
    view.setFocus()
    view.setCurrentIndex(window.library.proxy.index(2, 0))  # P03
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(entries(window)) == 2)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert listed(window, qtbot) == 3
    view.setCurrentIndex(window.library.proxy.index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)  # P03 off again; still listed a moment
    with qtbot.waitSignal(window.study.status) as said:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert said.args[0] == "That interview is no longer in the study."
    assert window.switcher.current.startswith("p01")
