"""Rename in Study… in the Speakers dialog: the student's interviewer, "LH" in two
interviews, renamed in both (and nowhere else) from one; the other's notes file written
on disk with a backup of what it held; Ctrl+Z in the dialog takes it back everywhere; the
interview set aside keeps its undo history; participants that were the name follow."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.backups import list_backups
from reader.core.study import open_study
from reader.ui.window.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.speakers.test_participant_follows import (
    CTRL,
    SHIFT,
    open_speakers,
    participants,
    rename_by_keys,
    speakers_on_disk,
)
from tests.ui.test_accessibility import unnamed

# Two more interviews where the interviewer is "LH" and the participant "Ruth".
TALK = "LH: How long have you worked nights?\n\nRuth: {}\n\nLH: And now?\n\nRuth: Days.\n"


@pytest.fixture
def study_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "study"
    shutil.copytree(DATA / "student", folder)
    (folder / "P06.txt").write_text(TALK.format("Six years."), encoding="utf-8")
    (folder / "P07.txt").write_text(TALK.format("Ten years, on and off."), encoding="utf-8")
    study = open_study(folder)
    ids = {entry.title: entry.id for entry in study.interviews}
    study.fill_from_transcripts({ids["P06"]: "Ruth", ids["P07"]: "Ruth"}, {})
    study.save()
    return folder


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], study_folder: Path) -> MainWindow:
    return make_study_window(study_folder)


def notes_of(folder: Path, title: str) -> Path:
    study = open_study(folder)
    return study.notes_path(next(e for e in study.interviews if e.title == title))


def test_rename_in_study_writes_the_others_and_ctrl_z_takes_it_back_everywhere(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any
) -> None:
    # P07 first, with a step of its own history; then P06, P07 set aside with it.
    dialog = open_speakers(window, "P07", qtbot)
    side = dialog.table.cellWidget(1, 1)
    side.setCurrentIndex(side.findText("Asks"))
    qtbot.waitUntil(lambda: notes_of(study_folder, "P07").exists())
    dialog.close()
    dialog = open_speakers(window, "P06", qtbot)
    assert dialog.study_button.isVisible() and dialog.study_button.text() == "Rename in &Study…"
    assert unnamed(dialog) == []
    p01_before = notes_of(study_folder, "P01 Zoom").exists()

    rename_by_keys(dialog, dialogs, "LH", "Dr. Leila Haddad", qtbot, study=True)
    assert [s.name for s in dialog.speakers] == ["Dr. Leila Haddad", "Ruth"]
    assert speakers_on_disk(study_folder, "P07") == {"LH": "Dr. Leila Haddad"}
    assert len(list_backups(notes_of(study_folder, "P07"))) >= 1  # what it held, kept
    assert notes_of(study_folder, "P01 Zoom").exists() == p01_before  # no LH there
    assert not (study_folder / "study.json.speaker-rename").exists()  # whole: none to finish
    undo = window.window_actions.undo
    assert undo.text() == "&Undo Rename Speaker in 2 Interviews"
    assert window.statusBar().currentMessage() == (
        "Renamed “LH” to “Dr. Leila Haddad” in 2 interviews."
    )

    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)
    assert [s.name for s in dialog.speakers] == ["LH", "Ruth"]
    assert speakers_on_disk(study_folder, "P07") == {}
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert speakers_on_disk(study_folder, "P07") == {"LH": "Dr. Leila Haddad"}

    # P07 comes back with the rename and its own history: Ctrl+Z there undoes its side.
    dialog.close()
    dialog = open_speakers(window, "P07", qtbot)
    assert [s.name for s in dialog.speakers] == ["Dr. Leila Haddad", "Ruth"]
    assert undo.text() == "&Undo Choose Who Asks"


def test_the_participants_that_were_the_name_follow_in_every_interview(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any
) -> None:
    dialog = open_speakers(window, "P06", qtbot)
    rename_by_keys(dialog, dialogs, "Ruth", "Ruth Okafor", qtbot, study=True)
    assert participants(study_folder) == {"P06": "Ruth Okafor", "P07": "Ruth Okafor"}
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)
    assert participants(study_folder) == {"P06": "Ruth", "P07": "Ruth"}
    assert speakers_on_disk(study_folder, "P07") == {}


def test_not_offered_for_an_interview_opened_alone(make_window: Any, qtbot: Any) -> None:
    window = make_window(DATA / "student" / "P02-teams.vtt")
    window.window_actions.speakers.trigger()
    dialog = window.speakers.dialog
    assert dialog is not None and not dialog.study_button.isVisible()


def test_a_rename_across_many_interviews_shows_the_wait_cursor(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any, monkeypatch: Any
) -> None:
    """Each notes file is read, backed up and written again: with hundreds, seconds in
    which the window says it is busy."""
    from reader.core.study import Study
    from reader.ui.speakers import study_rename

    cursors: list[object] = []
    correct = Study.correct_speakers

    def watched(self: Study, *args: Any, **kwargs: Any) -> list[str]:
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor is not None else None)
        return correct(self, *args, **kwargs)

    monkeypatch.setattr(Study, "correct_speakers", watched)
    monkeypatch.setattr(study_rename, "MANY_FILES", 1)
    dialog = open_speakers(window, "P06", qtbot)
    rename_by_keys(dialog, dialogs, "LH", "Dr. Leila Haddad", qtbot, study=True)
    assert speakers_on_disk(study_folder, "P07") == {"LH": "Dr. Leila Haddad"}
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None  # given back


def test_the_rename_stays_recorded_while_the_open_interviews_notes_cannot_be_written(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from reader.ui.interview.open_interview import OpenInterview

    dialog = open_speakers(window, "P06", qtbot)
    monkeypatch.setattr(OpenInterview, "flush", lambda self: False)  # a full disk
    rename_by_keys(dialog, dialogs, "LH", "Dr. Leila Haddad", qtbot, study=True)
    assert speakers_on_disk(study_folder, "P07") == {"LH": "Dr. Leila Haddad"}
    # Killed now, the study opened again would rename P06's notes too.
    assert (study_folder / "study.json.speaker-rename").exists()


def test_a_rename_the_open_interviews_notes_could_not_take_is_finished_at_their_next_save(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any, monkeypatch: Any
) -> None:
    """Renamed in Study on a full disk, the open interview's notes not written: the record
    stayed until the study was opened again, though the disk had room and the notes were
    saved. Now their next save finishes it, and the banner says so."""
    from reader.ui.persistence import saver
    from tests.ui.test_random_sessions import FullDisk

    monkeypatch.setattr(saver, "RETRY_MS", 50)
    record = study_folder / "study.json.speaker-rename"
    dialog = open_speakers(window, "P06", qtbot)
    disk = FullDisk(monkeypatch, saver)
    disk.full = True
    rename_by_keys(dialog, dialogs, "LH", "Dr. Leila Haddad", qtbot, study=True)
    assert record.exists()
    disk.full = False
    qtbot.waitUntil(lambda: not record.exists(), timeout=10_000)
    assert speakers_on_disk(study_folder, "P06") == {"LH": "Dr. Leila Haddad"}
    assert speakers_on_disk(study_folder, "P07") == {"LH": "Dr. Leila Haddad"}
    assert "is finished now" in window.banner.text()
