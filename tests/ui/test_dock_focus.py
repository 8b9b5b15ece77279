"""A dock closed, or the player bar gone, while it has the focus gives it to the reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow
from tests.ui.media_files import write_wav


def test_closing_the_library_with_the_focus_in_it_leaves_the_focus_in_the_reader(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """The focus went on to the panels' tab bar, where an arrow key switched the panels."""
    window = make_study_window(folder)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.library_dock.isAncestorOf(QApplication.focusWidget()))
    window.library_dock.toggleViewAction().trigger()  # View ▸ Library
    qtbot.waitUntil(lambda: not window.library_dock.isVisible())
    assert QApplication.focusWidget() is window.reader


def tab_to_the_player(window: MainWindow, qtbot: Any) -> None:
    """From the reader, Tab on to the recording's slider, under it."""
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus, timeout=10_000)
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.player_bar.slider:
            return
    raise AssertionError(f"Tab never reached the slider: {QApplication.focusWidget()}")


def test_the_player_going_with_the_focus_in_it_leaves_the_focus_in_the_reader(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Ctrl+PgDn to an interview with no recording, or Playback ▸ Detach Recording, from
    the player's keys: the focus went on to the notes' tabs, where typing did nothing."""
    write_wav(folder / "P01 Ana.wav")
    window = make_study_window(folder)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    qtbot.waitUntil(lambda: window.recording.player is not None, timeout=10_000)
    tab_to_the_player(window, qtbot)
    qtbot.keyClick(
        window.player_bar.slider, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: "P02" in window.windowTitle(), timeout=10_000)
    assert not window.player_bar.isVisible()
    assert QApplication.focusWidget() is window.reader
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: "P01" in window.windowTitle() and window.player_bar.isVisible(), timeout=10_000
    )
    tab_to_the_player(window, qtbot)
    window.window_actions.playback.detach.trigger()  # Alt+P, D
    qtbot.waitUntil(lambda: not window.player_bar.isVisible(), timeout=10_000)
    assert QApplication.focusWidget() is window.reader


def test_the_go_to_keys_take_the_keyboard_into_and_out_of_a_floating_panel(
    window: MainWindow, qtbot: Any
) -> None:
    """Ctrl+1 in a panel floating in a window of its own gave the reader the focus of the
    main window, which stayed behind: the keyboard stayed in the panel. So Ctrl+4 into it,
    and F6 out of it."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    dock = window.outline_dock
    dock.setFloating(True)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.reader, Qt.Key.Key_4, ctrl)
    qtbot.waitUntil(lambda: dock.isActiveWindow() and window.outline.hasFocus(), timeout=10_000)
    qtbot.keyClick(window.outline, Qt.Key.Key_1, ctrl)
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.reader.hasFocus(), timeout=10_000)
    qtbot.keyClick(window.reader, Qt.Key.Key_4, ctrl)
    qtbot.waitUntil(window.outline.hasFocus, timeout=10_000)
    qtbot.keyClick(window.outline, Qt.Key.Key_F6)  # the panes after it: the reader first
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.reader.hasFocus(), timeout=10_000)
