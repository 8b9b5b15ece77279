"""Rows dragged in a read-only study's Library or Codebook (reader/ui/refused_drag.py): the
status line says why they do not move, as the keys that would move them do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from reader.ui.window.main_window import MainWindow
from tests.ui.test_read_only_undo import activate


def dragged(window: MainWindow, view: QAbstractItemView, qtbot: Any) -> str:
    """The first row dragged down by the mouse; what the status line says."""
    window.statusBar().clearMessage()
    start = view.visualRect(view.model().index(0, 0)).center()
    left, viewport = Qt.MouseButton.LeftButton, view.viewport()
    qtbot.mousePress(viewport, left, pos=start)
    for step in range(1, 4):
        qtbot.mouseMove(viewport, start + QPoint(0, step * QApplication.startDragDistance()))
    qtbot.mouseRelease(viewport, left, pos=start + QPoint(0, 3 * QApplication.startDragDistance()))
    return window.statusBar().currentMessage()


def test_rows_dragged_in_a_read_only_study_say_why_they_do_not_move(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Found by the lock review: a Library row or a code dragged in a study another window
    has did not move, and nothing said why, where Alt+Up and Alt+Down say it."""
    first = make_study_window(folder)
    for name in ("A", "B"):
        first.codebook.hub.create(name)
    second = make_study_window(folder)
    assert second.study.read_only
    activate(second, qtbot)
    why = second.study.why_read_only()
    assert why and dragged(second, second.library.view, qtbot) == why
    second.window_actions.codes.focus_codebook.trigger()
    panel = second.codebook.panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert dragged(second, panel.view, qtbot) == why
    assert [c.name for c in second.codebook.hub.book.children("")] == ["A", "B"]
