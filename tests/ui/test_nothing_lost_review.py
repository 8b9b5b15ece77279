"""More of the data-safety audit (tests/ui/test_nothing_lost.py): a study's notes folder
deleted, a full disk said once, study.json rescued at shutdown, histories kept bounded."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from reader.ui.window.main_window import MainWindow
from tests.ui.test_never_lose import TALK
from tests.ui.test_nothing_lost import (
    FullDisk,
    notes_text,
    rename_first_with_f2,
    titles_on_disk,
    type_notes,
)
from tests.ui.test_read_only_undo import activate


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any) -> MainWindow:
    window = make_study_window(folder)
    activate(window, qtbot)
    return window


# A study's whole notes folder deleted by another program ------------------------------------


def test_a_study_notes_folder_deleted_while_open_is_made_again_with_the_notes(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    """The window still said "Saved" with no notes folder on disk, and quitting without
    typing wrote nothing: the notes shown were lost."""
    path = window.interview.notes_path
    type_notes(window, qtbot, "kept on screen")
    qtbot.waitUntil(lambda: notes_text(path) == "kept on screen")
    shutil.rmtree(path.parent)
    qtbot.waitUntil(lambda: notes_text(path) == "kept on screen", timeout=10_000)
    assert "deleted" in window.banner.text()
    assert window.interview.safety.guard.lock.held()


def test_a_study_folder_renamed_makes_no_notes_folder_at_its_old_place(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    path = window.interview.notes_path
    type_notes(window, qtbot, "kept on screen")
    qtbot.waitUntil(lambda: notes_text(path) == "kept on screen")
    folder.rename(folder.with_name("Nachtschichten 2026"))
    window.interview.safety.guard.file.check()  # as the watcher's would
    assert not folder.exists()


def test_notes_outside_a_study_are_not_made_again_when_their_folder_went(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: Any, dialogs: Any
) -> None:
    """A folder holding notes saved with Save Notes As…, renamed by the user: it must not
    come back at its old name holding only these notes."""
    doc = tmp_path / "talk.txt"
    doc.write_text(TALK, "utf-8")
    alone = make_window(doc, notes=None)
    activate(alone, qtbot)
    elsewhere = tmp_path / "chosen" / "my notes.json"
    dialogs.save_answers.append(str(elsewhere))
    alone.window_actions.save_notes_as.trigger()
    type_notes(alone, qtbot, "mine")
    qtbot.waitUntil(lambda: notes_text(elsewhere) == "mine", timeout=10_000)
    elsewhere.parent.rename(tmp_path / "renamed")
    alone.interview.safety.guard.file.check()
    assert not elsewhere.parent.exists()


# study.json cannot be written (a full disk): said once ----------------------------------------


def test_a_study_the_disk_cannot_take_is_said_once_not_at_every_retry(
    window: MainWindow, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The banner showed the same message again every few seconds while the disk was full."""
    monkeypatch.setattr("reader.ui.library.open_study.RETRY_MS", 20)
    disk = FullDisk(monkeypatch, "reader.core.study")
    tries = []
    real = window.study.study.save  # type: ignore[union-attr]

    def save() -> Any:
        tries.append(1)
        return real()

    monkeypatch.setattr(window.study.study, "save", save)
    said: list[str] = []
    window.study.message.connect(said.append)
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    qtbot.waitUntil(lambda: len(tries) >= 4, timeout=10_000)
    assert len([m for m in said if "could not be saved" in m]) == 1
    assert "could not be saved" in window.banner.text()
    disk.full = False
    qtbot.waitUntil(lambda: titles_on_disk(folder)[:1] == ["Ana, night nurse"], timeout=10_000)
    assert said[-1] == "" and "could not be saved" not in window.banner.text()


# The system ends the app while nothing can be written ----------------------------------------


def test_the_system_ending_the_app_on_a_full_disk_rescues_study_and_notes(
    window: MainWindow, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A logout while study.json could not be written lost the study's changes without a
    word (the notes had a rescue copy): both are rescued now, and the report says where."""
    monkeypatch.setattr("reader.ui.library.open_study.RETRY_MS", 60_000)
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    FullDisk(monkeypatch, "reader.core.study")
    FullDisk(monkeypatch, "reader.ui.persistence.saver")
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    type_notes(window, qtbot, "typed on a full disk")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    report = window.shut_down_now()
    assert not (folder / "study.json").exists()
    rescued = sorted((Path(os.environ["XDG_DATA_HOME"])).rglob("rescued/*.json"))
    study_copy = [p for p in rescued if p.name.startswith(f"{folder.name} study-")]
    notes_copy = [p for p in rescued if p not in study_copy]
    assert len(study_copy) == 1 and len(notes_copy) == 1
    interviews = orjson.loads(study_copy[0].read_bytes())["interviews"]
    assert interviews[0]["title"] == "Ana, night nurse"
    assert notes_text(notes_copy[0]) == "typed on a full disk"
    assert f"the study could not be saved to {folder / 'study.json'}" in report
    assert str(study_copy[0]) in report and str(notes_copy[0]) in report


def test_quitting_while_a_field_is_being_edited_keeps_what_was_typed(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """A code's description and a Library cell keep their typing until the focus leaves
    them; Ctrl+Q moves no focus, so a description typed and then quit on was lost, and so
    was a title being edited (F2) in the Library."""
    window = make_study_window(folder)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    code = window.codebook.hub.create("Coffee")
    assert code is not None
    window.window_actions.codes.focus_codebook.trigger()
    panel = window.codebook.panel
    panel.set_current(code.id)
    panel.memo.setFocus()
    qtbot.waitUntil(panel.memo.hasFocus)
    qtbot.keyClicks(panel.memo, "Coffee as the ritual of the shift")
    window.window_actions.quit.trigger()
    (coffee,) = orjson.loads((folder / "study.json").read_bytes())["codes"]
    assert coffee["description"] == "Coffee as the ritual of the shift"

    window = make_study_window(folder)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.library.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "P01 Ana, nights")
    window.window_actions.quit.trigger()
    titles = [i["title"] for i in orjson.loads((folder / "study.json").read_bytes())["interviews"]]
    assert titles[0] == "P01 Ana, nights"
