"""Edit ▸ Undo works on the history of where the focus is (reader/ui/window/undo_focus.py):
the library's and the codebook's in a study are the study's, everywhere else the open
interview's; decided in one place, whatever happens first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow
from tests.ui.test_read_only_undo import activate
from tests.ui.test_switch_history import highlight

CTRL = Qt.KeyboardModifier.ControlModifier


def active(window: MainWindow) -> Any:
    return window.interview.undo_group.activeStack()


def test_undo_follows_the_focus_across_a_switch_in_a_study(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    activate(window, qtbot)
    highlight(window, qtbot, "coffee")
    assert active(window) is window.interview.controller.undo_stack
    view = window.library.view
    view.setFocus()
    qtbot.waitUntil(lambda: active(window) is window.study.undo_stack)
    # The next interview opens while the library keeps the focus: Undo stays the study's.
    qtbot.keyClick(view, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: window.switcher.current == window.study.study.interviews[1].id)
    assert view.hasFocus() and active(window) is window.study.undo_stack
    window.reader.setFocus()
    qtbot.waitUntil(lambda: active(window) is window.interview.controller.undo_stack)
    # The codebook, made on first use, claims the study's history too.
    window.actions.codes.focus_codebook.trigger()
    qtbot.waitUntil(lambda: active(window) is window.study.undo_stack)


def test_the_codebook_of_a_lone_interview_undoes_in_the_interview(
    make_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    window = make_window()
    activate(window, qtbot)
    interview = window.interview.controller.undo_stack
    window.actions.codes.focus_codebook.trigger()
    qtbot.waitUntil(lambda: window.codebook.panel.view.hasFocus())
    assert active(window) is interview


def test_the_menu_bar_taking_the_focus_leaves_undo_to_the_pane_left(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    activate(window, qtbot)
    highlight(window, qtbot, "coffee")
    view = window.library.view
    view.setFocus()
    qtbot.waitUntil(lambda: active(window) is window.study.undo_stack)
    bar = window.menuBar()
    bar.setFocus(Qt.FocusReason.MenuBarFocusReason)  # as Alt+E gives it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar)
    assert active(window) is window.study.undo_stack
