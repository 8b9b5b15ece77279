"""A dock closed while it has the focus gives it to the reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow


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
