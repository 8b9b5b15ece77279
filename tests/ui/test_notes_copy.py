"""File ▸ Save Notes As… in a study saves a copy; the interview keeps the study's notes
(reader/ui/persistence/notes_copy.py): read-only here (another window has the study), a
study folder that cannot be written now (the unsaved work is in the copy and still saved
to the study later), a writable study, and a copy refused inside the notes folder."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt

from reader.core.notes_file import RecordingRef
from reader.core.recording import stored_path
from reader.ui.window.action_states import SAVE_A_COPY
from reader.ui.window.main_window import MainWindow
from tests.ui.qt_garbage import qt_objects_left_to_collect
from tests.ui.test_highlights import highlight_with_key


def saved(path: Path) -> dict[str, Any]:
    return orjson.loads(path.read_bytes())


@pytest.fixture
def opened(
    make_study_window: Callable[[Path], MainWindow], folder: Path
) -> tuple[MainWindow, Path]:
    """A window on the study, and the notes file of the interview it opens."""
    window = make_study_window(folder)
    notes = window.interview.notes_path
    assert notes is not None
    return window, notes


def save_notes_as(window: MainWindow, dialogs: Any, target: Path) -> None:
    """File ▸ Save Notes As…, answering the file dialog with `target`."""
    dialogs.save_answers.append(str(target))
    window.window_actions.save_notes_as.trigger()


def test_a_read_only_study_saves_a_copy_and_keeps_its_notes(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    tmp_path: Path,
    dialogs: Any,
    qtbot: Any,
) -> None:
    first = make_study_window(folder)
    highlight_with_key(first, qtbot, "coffee")
    study_notes = first.interview.notes_path
    assert study_notes is not None
    qtbot.waitUntil(lambda: study_notes.exists() and saved(study_notes)["highlights"] != [])
    before = study_notes.read_bytes()
    second = make_study_window(folder)  # another window has the study: read-only here
    assert second.interview.read_only and second.interview.notes_path == study_notes
    assert second.window_actions.save_notes_as.statusTip() == SAVE_A_COPY
    copy = tmp_path / "elsewhere" / "ana.json"
    with qt_objects_left_to_collect() as left:
        save_notes_as(second, dialogs, copy)
    # The copy's lock went with it. A FileGuard (a QObject with a file watcher inside) was
    # left in a reference cycle, freed by the cyclic collection once on a saver's worker
    # thread, and the event loop crashed on the watcher's notifier below (CI).
    assert left == []
    assert [h["exact"] for h in saved(copy)["highlights"]] == ["coffee"]
    # Still the study's, still read-only; the status bar says what happened.
    assert second.interview.notes_path == study_notes and second.interview.read_only
    assert "Saved a copy of the notes as" in second.statusBar().currentMessage()
    assert str(copy) in second.statusBar().currentMessage()
    assert second.notes_label.text() == f"Notes: {study_notes}"
    assert study_notes.read_bytes() == before
    # The first window goes on writing the study's notes; the copy stays as it was.
    highlight_with_key(first, qtbot, "handover")
    qtbot.waitUntil(lambda: len(saved(study_notes)["highlights"]) == 2)
    assert len(saved(copy)["highlights"]) == 1


def test_a_study_folder_that_cannot_be_written_keeps_the_unsaved_work_in_both(
    opened: tuple[MainWindow, Path],
    tmp_path: Path,
    dialogs: Any,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
) -> None:
    window, study_notes = opened

    def refuse(path: Path, data: bytes, **_kwargs: bool) -> None:
        raise OSError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr("reader.ui.persistence.saver.atomic_write", refuse)
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "typed while the folder refused")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"))
    copy = tmp_path / "rescue.json"
    save_notes_as(window, dialogs, copy)
    assert saved(copy)["notes"] == "typed while the folder refused"
    assert window.interview.notes_path == study_notes and window.interview.saver.dirty
    assert window.notes_editor.toPlainText() == "typed while the folder refused"
    monkeypatch.undo()  # the folder can be written again: the retry saves to the study
    window.interview.saver.save_soon_now()
    qtbot.waitUntil(
        lambda: (
            study_notes.exists() and saved(study_notes)["notes"] == "typed while the folder refused"
        )
    )


def test_a_writable_study_keeps_writing_its_own_notes_after_a_copy(
    opened: tuple[MainWindow, Path], tmp_path: Path, dialogs: Any, qtbot: Any
) -> None:
    window, study_notes = opened
    highlight_with_key(window, qtbot, "coffee")
    copy = tmp_path / "copy.json"
    save_notes_as(window, dialogs, copy)
    assert [h["exact"] for h in saved(copy)["highlights"]] == ["coffee"]
    highlight_with_key(window, qtbot, "handover")
    qtbot.waitUntil(lambda: study_notes.exists() and len(saved(study_notes)["highlights"]) == 2)
    assert len(saved(copy)["highlights"]) == 1 and window.interview.notes_path == study_notes
    # Switching away and back opens the study's notes, with both highlights.
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert len(window.interview.session.notes.highlights) == 2


def test_a_copy_is_refused_inside_the_studys_notes_folder(
    opened: tuple[MainWindow, Path], dialogs: Any
) -> None:
    window, study_notes = opened
    for target in (study_notes, study_notes.parent / "another.json"):
        save_notes_as(window, dialogs, target)
        assert dialogs.shown[-1][0] == "warning" and "notes folder" in dialogs.shown[-1][1]
    assert not (study_notes.parent / "another.json").exists()
    assert window.interview.notes_path == study_notes


def test_an_interview_on_its_own_still_moves_its_notes(
    make_window: Callable[..., MainWindow], tmp_path: Path, dialogs: Any
) -> None:
    window = make_window()
    assert window.window_actions.save_notes_as.statusTip() != SAVE_A_COPY
    mine = tmp_path / "mine.json"
    save_notes_as(window, dialogs, mine)
    assert window.interview.notes_path == mine


@pytest.mark.permissions
def test_a_study_folder_made_read_only_saves_a_copy(
    opened: tuple[MainWindow, Path], tmp_path: Path, dialogs: Any, qtbot: Any
) -> None:
    window, study_notes = opened
    notes_dir = study_notes.parent
    notes_dir.mkdir(exist_ok=True)
    notes_dir.chmod(0o555)
    try:
        qtbot.keyClicks(window.notes_editor, "kept")
        qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"))
        copy = tmp_path / "kept.json"
        save_notes_as(window, dialogs, copy)
        assert saved(copy)["notes"] == "kept" and window.interview.notes_path == study_notes
    finally:
        notes_dir.chmod(0o755)


def test_a_copy_names_the_interviews_recording_from_its_own_folder(
    opened: tuple[MainWindow, Path], tmp_path: Path, dialogs: Any
) -> None:
    """The recording's path is kept relative to the notes file's folder: the copy's names
    it from where the copy is (found by the recording review)."""
    window, notes = opened
    recording = tmp_path / "media" / "zoom_0.wav"
    controller = window.interview.controller
    assert controller is not None
    controller.set_recording(RecordingRef(stored_path(recording, notes), 5_000))
    copy = tmp_path / "elsewhere" / "ana.json"
    save_notes_as(window, dialogs, copy)
    assert saved(copy)["recording"] == {"path": "../media/zoom_0.wav", "position_ms": 5_000}
    assert controller.session.notes.recording.path == stored_path(recording, notes)
