"""The Library's sort and filter stay with each study: after a restart, and not taken over
by another study."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

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


def test_the_sort_follows_its_column_when_one_before_it_is_removed(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Sorted by Role, Age (the column before) removed: the arrow stayed on column 7,
    past the last, the rows went back to the study's order and Alt+Down was refused."""
    window = make_study_window(folder)
    study, library = window.study, window.library
    ids = [e.id for e in study.study.interviews]
    study.define_attribute("Age", "number", [])
    study.define_attribute("Role", "choice", ["a-nurse", "b-doctor", "c-porter"])
    for interview_id, role in zip(ids, ["c-porter", "a-nurse", "b-doctor"], strict=True):
        study.set_attribute(interview_id, "role", role)
    model, header = library.model, library.view.horizontalHeader()

    def column(key: str) -> int:
        return next((c for c in range(model.columnCount()) if model.key(c) == key), -1)

    qtbot.waitUntil(lambda: column("role") >= 0)
    library.view.sortByColumn(column("role"), Qt.SortOrder.AscendingOrder)
    by_role = library.visible_ids()
    assert by_role != ids
    study.remove_attribute("age")
    qtbot.waitUntil(lambda: column("age") == -1)
    assert model.key(header.sortIndicatorSection()) == "role"
    assert library.visible_ids() == by_role
    study.remove_attribute("role")  # its own column gone: the study's order
    qtbot.waitUntil(lambda: column("role") == -1)
    assert header.sortIndicatorSection() == -1 and library.visible_ids() == ids


def sort_with_the_menu_key(window: MainWindow, qtbot: Any) -> None:
    """The Menu key on the current cell, then T: Sort by its column."""
    view = window.library.view
    chosen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        chosen.extend(a.text() for a in menu.actions() if "&t" in a.text())
        qtbot.keyClick(menu, Qt.Key.Key_T)
        menu.close()  # (T taken by no item: the menu stood open)

    QTimer.singleShot(0, choose)
    where = view.visualRect(view.currentIndex()).center()
    menu_key = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, where, view.mapToGlobal(where))
    QApplication.sendEvent(view, menu_key)
    assert chosen


def test_the_library_sorts_by_a_column_with_the_keyboard(
    start_window: Callable[..., MainWindow], folder: Path, qtbot: Any
) -> None:
    """Only a click on a heading sorted: the headings take no keyboard."""
    window = start_window(folder)
    view = window.library.view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    qtbot.keyClick(window.reader, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.hasFocus, timeout=10_000)
    sort_with_the_menu_key(window, qtbot)  # by the title, A to Z
    assert view.horizontalHeader().sortIndicatorSection() == 0
    sort_with_the_menu_key(window, qtbot)  # again: Z to A
    assert titles(window) == ["P10 Cem", "P02 Ben", "P01 Ana"]
    window.close()
    again = start_window(None)  # kept with the study, as a heading's click is
    assert titles(again) == ["P10 Cem", "P02 Ben", "P01 Ana"]
