"""The Library's sort and filter stay with each study: after a restart, and not taken over
by another study."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import TALKS


def click_heading(window: MainWindow, qtbot: Any, column: int) -> None:
    header = window.library.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def titles(window: MainWindow) -> list[str]:
    study = window.study.study
    assert study is not None
    return [study.interview(i).title for i in window.library.visible_ids()]


def test_sort_and_filter_come_back_with_the_study(
    start_window: Callable[..., MainWindow], folder: Path, qtbot: Any, tmp_path: Path
) -> None:
    window = start_window(folder)
    click_heading(window, qtbot, 0)
    click_heading(window, qtbot, 0)  # the titles Z to A
    view = window.library.view
    assert titles(window) == ["P10 Cem", "P02 Ben", "P01 Ana"]
    qtbot.keyClicks(view, "e")  # typing in the table goes on in the filter
    assert titles(window) == ["P10 Cem", "P02 Ben"]
    window.close()
    again = start_window(None)
    assert again.library.filter.text() == "e"
    assert titles(again) == ["P10 Cem", "P02 Ben"]
    header = again.library.view.horizontalHeader()
    assert header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    # Another study lists all its interviews in its own order.
    other = tmp_path / "other"
    other.mkdir()
    for name, text in TALKS.items():
        (other / name).write_text(text, encoding="utf-8")
    assert again.study_actions.open_path(other)
    assert again.library.filter.text() == ""
    assert titles(again) == ["P01 Ana", "P02 Ben", "P10 Cem"]
    assert again.study_actions.open_path(folder)
    assert titles(again) == ["P10 Cem", "P02 Ben"]


def test_typing_a_filter_writes_the_settings_once_it_pauses(
    start_window: Callable[..., MainWindow], folder: Path, qtbot: Any, monkeypatch: Any
) -> None:
    """Each write syncs the settings file to disk: it was written at every keystroke."""
    from PySide6.QtCore import QSettings

    from reader.ui.library.library_memory import KEY

    written: list[str] = []
    set_value = QSettings.setValue
    monkeypatch.setattr(
        QSettings, "setValue", lambda s, k, v: (written.append(k), set_value(s, k, v))[1]
    )
    window = start_window(folder)
    qtbot.keyClicks(window.library.view, "nurse")
    assert written.count(KEY) == 0
    qtbot.waitUntil(lambda: written.count(KEY) == 1)  # once typing paused
