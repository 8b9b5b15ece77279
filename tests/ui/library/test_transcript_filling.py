"""Edit ▸ Fill Participants and Dates from Transcripts, by keys: the Library's empty
Participant and Date cells get the names and dates the transcripts give, in one step that
Ctrl+Z in the Library undoes;
study.json on disk each time; the banner's report; Cancel changes nothing; the open
interview's unsaved speaker names count."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QProgressDialog

from reader.ui.library import transcript_filling
from reader.ui.window.main_window import MainWindow
from tests.participant_study import (
    DATED,
    FILLED,
    REPORT,
    TYPED,
    TYPED_DATE,
    write_participant_study,
)
from tests.ui.conftest import lay_out_first_start
from tests.ui.test_library_fit import Menus, assert_fits, shown_keys

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def study_folder(tmp_path: Path) -> Path:
    return write_participant_study(tmp_path / "study")


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], study_folder: Path) -> MainWindow:
    window = make_study_window(study_folder)
    window.activateWindow()
    return window


def on_disk(folder: Path, field: str = "participant") -> dict[str, str]:
    data = orjson.loads((folder / "study.json").read_bytes())
    return {e["title"]: e[field] for e in data["interviews"] if e[field]}


def in_library(window: MainWindow, field: str = "participant") -> dict[str, str]:
    rows = window.library.model.rows
    return {row.title: getattr(row, field) for row in rows if getattr(row, field)}


def edit_menu(window: MainWindow) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")


def fill_by_keys(window: MainWindow, qtbot: Any) -> None:
    """Alt+E, S: Edit ▸ Fill Participant&s and Dates from Transcripts."""
    qtbot.waitUntil(window.isActiveWindow)
    menu = edit_menu(window)
    qtbot.keyClick(window, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_S)


def test_the_command_fills_saves_reports_and_ctrl_z_in_the_library_undoes(
    window: MainWindow, study_folder: Path, qtbot: Any
) -> None:
    assert on_disk(study_folder) == {"P06": TYPED}
    window.reader.setFocus()  # reading: Ctrl+Z there undoes the interview's steps
    fill_by_keys(window, qtbot)
    qtbot.waitUntil(lambda: window.banner.text() == REPORT)
    assert window.statusBar().currentMessage().startswith("Filled 4 participants and 1 date.")
    assert on_disk(study_folder) == FILLED
    assert on_disk(study_folder, "date") == DATED
    qtbot.waitUntil(lambda: in_library(window) == FILLED)
    assert in_library(window, "date") == DATED
    view = window.library.view
    window.activateWindow()  # offscreen, a closed menu stays the active window
    qtbot.waitUntil(view.hasFocus)  # given to the Library, where Ctrl+Z undoes the step
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert on_disk(study_folder) == {"P06": TYPED}
    assert on_disk(study_folder, "date") == {"P02": TYPED_DATE}
    qtbot.waitUntil(lambda: in_library(window) == {"P06": TYPED})
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert on_disk(study_folder) == FILLED


def test_the_librarys_add_button_and_right_click_menu_offer_it(
    window: MainWindow, study_folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    action = window.window_actions.fill_from_transcripts
    assert action in window.library.add_button.menu().actions()
    menus = Menus(monkeypatch).opened
    view = window.library.view
    window.library._row_menu(view.visualRect(view.model().index(0, 0)).center())
    assert action in menus[-1].actions()
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: on_disk(study_folder) == FILLED)


def test_a_read_only_study_greys_it_out_saying_why(
    make_study_window: Callable[[Path], MainWindow], study_folder: Path
) -> None:
    make_study_window(study_folder)
    second = make_study_window(study_folder)  # the first holds the study's lock
    action = second.window_actions.fill_from_transcripts
    assert not action.isEnabled() and "read-only" in action.toolTip()


def test_cancel_leaves_every_cell_as_it_was(
    window: MainWindow, study_folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transcript_filling, "SLICE_MS", 0)  # one transcript a slice
    monkeypatch.setattr(transcript_filling, "SHOW_AFTER_MS", 0)
    window.window_actions.fill_from_transcripts.trigger()
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is not None)
    dialog = window.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.value() >= 1)
    assert dialog.maximum() == 8  # the interviews without a participant or a date
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == transcript_filling.CANCELLED)
    assert on_disk(study_folder) == {"P06": TYPED}
    assert not window.study.undo_stack.canUndo()
    assert QApplication.activeModalWidget() is None


def test_the_open_interviews_unsaved_speaker_name_counts(
    window: MainWindow, study_folder: Path, qtbot: Any
) -> None:
    study = window.study.study
    p05 = next(e.id for e in study.interviews if e.title == "P05")
    assert window.switcher.open(p05)
    window.interview.controller.rename_speaker("Speaker 2", "Mei Lin")
    window.window_actions.fill_from_transcripts.trigger()
    qtbot.waitUntil(lambda: on_disk(study_folder).get("P05") == "Mei Lin")
    assert "P05" not in window.banner.text()


def test_with_none_empty_it_says_so_and_makes_no_step(
    window: MainWindow, study_folder: Path, qtbot: Any
) -> None:
    for entry in window.study.study.interviews:
        window.study.rename(
            entry.id, participant=entry.participant or "Someone", date=entry.date or "2025-01-01"
        )
    steps = window.study.undo_stack.count()
    window.window_actions.fill_from_transcripts.trigger()
    qtbot.waitUntil(lambda: window.banner.text() == "Every interview has a participant and a date.")
    assert window.study.undo_stack.count() == steps


def test_at_1024_px_the_participants_filled_show_in_place_of_the_notes_count(
    window: MainWindow, qtbot: Any
) -> None:
    """The Library at 1024x640 showed Title and the counts only, the names filled out of
    sight; now the ✎ count gives way to them, and a name too long is cut (whole in its
    tooltip). Where even that does not fit, the status line says where they are."""
    window.resize(1024, 640)
    lay_out_first_start(window)
    qtbot.waitUntil(lambda: window.width() <= 1024)
    fill_by_keys(window, qtbot)
    qtbot.waitUntil(lambda: window.banner.text() == REPORT)
    assert shown_keys(window) == ["title", "highlights", "read", "participant"]
    assert_fits(window)
    view, model = window.library.view, window.library.model
    column = next(c for c in range(model.columnCount()) if model.key(c) == "participant")
    name = FILLED["P01"]  # José Ángel Muñoz: the longest, cut
    assert view.columnWidth(column) < view.fontMetrics().horizontalAdvance(name)
    assert window.statusBar().currentMessage() == (
        "Filled 4 participants and 1 date. The Date column is hidden for lack of room: "
        "widen the Library, or right-click a heading (Shift+F10 on a row ▸ Columns) to show it."
    )
    window.library.owner.undo_stack.undo()
    qtbot.waitUntil(lambda: in_library(window) == {"P06": TYPED})
    window.resizeDocks([window.library_dock], [100], Qt.Orientation.Horizontal)  # its least
    qtbot.waitUntil(lambda: view.viewport().width() < 140)
    window.activateWindow()
    fill_by_keys(window, qtbot)
    qtbot.waitUntil(lambda: in_library(window) == FILLED)
    assert "participant" not in shown_keys(window)
    assert window.statusBar().currentMessage() == (
        "Filled 4 participants and 1 date. The Participant and Date columns are hidden for "
        "lack of room: widen the Library, or right-click a heading (Shift+F10 on a row ▸ "
        "Columns) to show them."
    )
