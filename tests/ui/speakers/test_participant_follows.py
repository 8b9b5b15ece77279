"""A speaker renamed in the Speakers dialog of a study's interview takes the study's
Participant along when it was exactly the speaker's name (Fill Participants sets it so):
one step, which Ctrl+Z in the dialog takes back whole; a participant typed otherwise is
never changed; the Library's Undo of its own steps leaves the participant that followed.
study.json and the notes file on disk each time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt

from reader.core.study import open_study
from reader.ui.speakers.speakers_dialog import SpeakersDialog
from reader.ui.window.main_window import MainWindow
from tests.conftest import DATA

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
FILLED = {"P01 Zoom": "Tomasz Wiśniewski", "P02 Teams": "Amara Okonkwo"}
TYPED = "Grace M."  # P05's, typed: its transcript says Grace Mwangi


@pytest.fixture
def study_folder(tmp_path: Path) -> Path:
    """The student's five transcripts: P01 and P02 filled from their transcripts, P05's
    participant typed."""
    folder = tmp_path / "study"
    shutil.copytree(DATA / "student", folder)
    study = open_study(folder)
    ids = {entry.title: entry.id for entry in study.interviews}
    study.fill_from_transcripts({ids[title]: name for title, name in FILLED.items()}, {})
    study.update_interview(ids["P05 Otter"], participant=TYPED)
    study.save()
    return folder


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], study_folder: Path) -> MainWindow:
    return make_study_window(study_folder)


def entries(folder: Path) -> dict[str, dict[str, Any]]:
    data = orjson.loads((folder / "study.json").read_bytes())
    return {entry["title"]: entry for entry in data["interviews"]}


def participants(folder: Path) -> dict[str, str]:
    return {title: e["participant"] for title, e in entries(folder).items() if e["participant"]}


def speakers_on_disk(folder: Path, title: str) -> dict[str, str]:
    notes = open_study(folder).notes_path(entries(folder)[title]["id"])
    if not notes.exists():
        return {}
    return orjson.loads(notes.read_bytes()).get("structure", {}).get("speakers", {})


def open_speakers(window: MainWindow, title: str, qtbot: Any) -> SpeakersDialog:
    study = window.study.study
    assert study is not None
    assert window.switcher.open(next(e.id for e in study.interviews if e.title == title))
    window.reader.setFocus()  # reading: Undo is the interview's
    window.window_actions.speakers.trigger()
    dialog = window.speakers.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def rename_by_keys(
    dialog: SpeakersDialog, dialogs: Any, old: str, new: str, qtbot: Any, study: bool = False
) -> None:
    """The speaker's row chosen with the arrow keys, Rename… (`study`: Rename in Study…)
    clicked, the name typed."""
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Home, CTRL)
    for _ in range(dialog.table.rowCount()):
        if dialog.selected() == old:
            break
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.selected() == old
    dialogs.text_answers.append((new, True))
    button = dialog.study_button if study else dialog.rename_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_participant_follows_its_speaker_renamed_and_ctrl_z_takes_back_both(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any
) -> None:
    dialog = open_speakers(window, "P02 Teams", qtbot)
    rename_by_keys(dialog, dialogs, "Amara Okonkwo", "Amara Okonkwo-Reyes", qtbot)
    renamed = {**FILLED, "P02 Teams": "Amara Okonkwo-Reyes", "P05 Otter": TYPED}
    assert participants(study_folder) == renamed
    qtbot.waitUntil(lambda: window.library.model.rows[1].participant == "Amara Okonkwo-Reyes")
    assert window.window_actions.undo.text() == "&Undo Rename Speaker and Participant"
    qtbot.waitUntil(lambda: speakers_on_disk(study_folder, "P02 Teams") != {})
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)
    assert participants(study_folder) == {**FILLED, "P05 Otter": TYPED}
    assert [s.name for s in dialog.speakers] == ["Haddad, Leila", "Amara Okonkwo"]
    qtbot.waitUntil(lambda: speakers_on_disk(study_folder, "P02 Teams") == {})
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert participants(study_folder) == renamed
    qtbot.waitUntil(
        lambda: (
            speakers_on_disk(study_folder, "P02 Teams") == {"Amara Okonkwo": "Amara Okonkwo-Reyes"}
        )
    )


def test_a_participant_typed_otherwise_stays(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any
) -> None:
    dialog = open_speakers(window, "P05 Otter", qtbot)
    rename_by_keys(dialog, dialogs, "Grace Mwangi", "Grace Wanjiru Mwangi", qtbot)
    assert "Grace Wanjiru Mwangi" in [s.name for s in dialog.speakers]
    assert window.window_actions.undo.text() == "&Undo Rename Speaker"
    assert participants(study_folder) == {**FILLED, "P05 Otter": TYPED}
    # Nor the interviewer's rename, who is nobody's participant.
    rename_by_keys(dialog, dialogs, "Leila Haddad", "Dr. Leila Haddad", qtbot)
    assert participants(study_folder) == {**FILLED, "P05 Otter": TYPED}


def test_a_participant_typed_after_the_rename_stays_when_it_is_undone(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any
) -> None:
    dialog = open_speakers(window, "P01 Zoom", qtbot)
    rename_by_keys(dialog, dialogs, "Tomasz Wiśniewski", "Tomek", qtbot)
    p01 = entries(study_folder)["P01 Zoom"]["id"]
    assert window.study.rename(p01, participant="Tomasz W.")  # typed in the Library
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)
    assert "Tomasz Wiśniewski" in [s.name for s in dialog.speakers]
    assert participants(study_folder)["P01 Zoom"] == "Tomasz W."


def test_the_librarys_undo_of_its_own_step_leaves_the_participant_that_followed(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any
) -> None:
    p02 = entries(study_folder)["P02 Teams"]["id"]
    assert window.study.rename(p02, date="2024-04-16")  # the Library's step, before
    dialog = open_speakers(window, "P02 Teams", qtbot)
    rename_by_keys(dialog, dialogs, "Amara Okonkwo", "Amara O.", qtbot)
    dialog.close()
    window.activateWindow()
    view = window.library.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)  # in the Library, Ctrl+Z undoes the study's steps
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    p02_now = entries(study_folder)["P02 Teams"]
    assert (p02_now["date"], p02_now["participant"]) == ("", "Amara O.")


def test_ctrl_z_in_the_dialog_opened_from_the_library_undoes_the_rename(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any
) -> None:
    """Ctrl+Z in the Library undoes the study's steps; in the Speakers dialog opened from
    there, the rename made in it, not the Library's last step."""
    p02 = entries(study_folder)["P02 Teams"]["id"]
    assert window.switcher.open(p02)
    assert window.study.rename(p02, date="2024-04-16")
    view = window.library.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    window.window_actions.speakers.trigger()
    dialog = window.speakers.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    rename_by_keys(dialog, dialogs, "Amara Okonkwo", "Amara O.", qtbot)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL)
    p02_now = entries(study_folder)["P02 Teams"]
    assert (p02_now["date"], p02_now["participant"]) == ("2024-04-16", "Amara Okonkwo")
    assert "Amara O." not in [s.name for s in dialog.speakers]
