"""Delete or Backspace on a Library cell that holds a value (participant, date, attribute)
clears that value, one undoable step said on the status line, as in a spreadsheet; the
interview stays in the study. Delete on the title still removes the interview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt

from reader.core.study import open_study
from reader.ui.window.main_window import MainWindow
from tests.ui.library.test_read_only_unsaved import newer_study_json_comes
from tests.ui.test_library_fit import Menus, menu_key
from tests.ui.test_library_remove import listed, to_library
from tests.ui.test_read_only_undo import activate

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any) -> MainWindow:
    """A study whose P01 Ana has a participant, a date and a Role; P02 Ben has none."""
    study = open_study(folder)
    study.define_attribute("Role", "text", [])
    ana = next(e for e in study.interviews if e.title == "P01 Ana")
    study.update_interview(ana.id, participant="Ana", date="2024-03-05")
    study.set_attribute(ana.id, "role", "nurse")
    study.save()
    window = make_study_window(folder)
    activate(window, qtbot)
    to_library(window, qtbot)
    return window


def on_disk(folder: Path, title: str) -> dict[str, Any]:
    data = orjson.loads((folder / "study.json").read_bytes())
    return next(i for i in data["interviews"] if i["title"] == title)


def go_to(window: MainWindow, title: str, key: str) -> None:
    """The cell of `title`'s row in the column of `key` current in the Library."""
    panel = window.library
    column = [panel.model.key(c) for c in range(panel.model.columnCount())].index(key)
    row = next(r for r, h in enumerate(panel.model.rows) if h.title == title)
    panel.view.setCurrentIndex(panel.proxy.mapFromSource(panel.model.index(row, column)))


def said(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_delete_on_an_attribute_clears_it_and_undo_brings_it_back(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    go_to(window, "P01 Ana", "role")
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)

    assert listed(folder) == ["P01 Ana", "P02 Ben", "P10 Cem"]  # no interview removed
    qtbot.waitUntil(lambda: "role" not in on_disk(folder, "P01 Ana").get("attributes", {}))
    assert on_disk(folder, "P01 Ana")["participant"] == "Ana"  # only that cell
    assert said(window) == "Cleared Role of “P01 Ana”. Edit ▸ Undo brings it back."
    assert window.study.undo_stack.undoText() == "Clear Role"

    qtbot.keyClick(window.library.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: on_disk(folder, "P01 Ana").get("attributes") == {"role": "nurse"})
    assert said(window) == "Role of “P01 Ana” is back."
    assert listed(folder) == ["P01 Ana", "P02 Ben", "P10 Cem"]


def test_backspace_clears_the_participant_and_delete_the_date(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    view = window.library.view
    go_to(window, "P01 Ana", "participant")
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: not on_disk(folder, "P01 Ana").get("participant"))
    assert said(window) == "Cleared Participant of “P01 Ana”. Edit ▸ Undo brings it back."
    go_to(window, "P01 Ana", "date")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not on_disk(folder, "P01 Ana").get("date"))
    assert listed(folder) == ["P01 Ana", "P02 Ben", "P10 Cem"]

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # one step each
    qtbot.waitUntil(lambda: on_disk(folder, "P01 Ana").get("date") == "2024-03-05")
    assert not on_disk(folder, "P01 Ana").get("participant")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: on_disk(folder, "P01 Ana").get("participant") == "Ana")


def test_delete_on_an_empty_cell_does_nothing_and_on_the_title_removes(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    before, steps = (folder / "study.json").read_bytes(), window.study.undo_stack.count()
    for key in ("role", "participant", "date"):
        go_to(window, "P02 Ben", key)
        qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
        qtbot.keyClick(window.library.view, Qt.Key.Key_Backspace)
    assert (folder / "study.json").read_bytes() == before
    assert window.study.undo_stack.count() == steps
    assert listed(folder) == ["P01 Ana", "P02 Ben", "P10 Cem"]

    go_to(window, "P02 Ben", "title")
    qtbot.keyClick(window.library.view, Qt.Key.Key_Backspace)  # Backspace removes nothing
    assert listed(folder) == ["P01 Ana", "P02 Ben", "P10 Cem"]
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert listed(folder) == ["P01 Ana", "P10 Cem"]


def test_a_read_only_study_says_why_the_cell_is_not_cleared(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    newer = newer_study_json_comes(window, folder, qtbot)
    go_to(window, "P01 Ana", "role")
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert said(window) == f"Role not cleared: {window.study.why_read_only()}"
    assert window.study.why_read_only()
    assert (folder / "study.json").read_bytes() == newer


def test_the_row_menu_names_delete_where_it_clears_and_where_it_removes(
    window: MainWindow, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    menus = Menus(monkeypatch)
    view = window.library.view
    for column in range(window.library.model.columnCount()):
        view.setColumnHidden(column, False)  # the current cell shown: its menu at its place
    go_to(window, "P01 Ana", "role")
    view.scrollTo(view.currentIndex())
    menu_key(window)
    texts = [a.text() for a in menus.opened[-1].actions()]
    assert "Cl&ear Role\tDelete" in texts and "Re&move from Study" in texts
    go_to(window, "P01 Ana", "title")
    view.scrollTo(view.currentIndex())
    menu_key(window)
    texts = [a.text() for a in menus.opened[-1].actions()]
    assert "Re&move from Study\tDelete" in texts and not any("Cl&ear" in t for t in texts)

    go_to(window, "P01 Ana", "role")
    view.scrollTo(view.currentIndex())
    menu_key(window)
    menus.action("Clear Role").trigger()
    qtbot.waitUntil(lambda: "role" not in on_disk(folder, "P01 Ana").get("attributes", {}))
    assert listed(folder) == ["P01 Ana", "P02 Ben", "P10 Cem"]


def test_a_study_another_window_has_says_why_its_librarys_keys_do_nothing(
    window: MainWindow,
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
) -> None:
    """Delete on a title, F2 and Alt+arrows in the Library of a study another window had
    open did nothing and said nothing (Delete on a value cell said why): each says why."""
    second = make_study_window(folder)
    activate(second, qtbot)
    to_library(second, qtbot)
    before = (folder / "study.json").read_bytes()
    why = second.study.why_read_only()
    assert "another Interview Reader window" in why
    alt = Qt.KeyboardModifier.AltModifier
    for key, modifiers in [
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Down, alt),
    ]:
        go_to(second, "P01 Ana", "title")
        second.statusBar().clearMessage()
        qtbot.keyClick(second.library.view, key, modifiers)
        assert said(second) == why, key
    assert second.library.view.state() != second.library.view.State.EditingState
    assert (folder / "study.json").read_bytes() == before
    assert listed(folder) == ["P01 Ana", "P02 Ben", "P10 Cem"]
