"""The recording found again: after the interview's folder moved, after the transcript and
the recording were renamed together; and not found again once detached."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import DialogStub
from tests.ui.media_files import write_wav
from tests.ui.test_recording import TRANSCRIPT, ready, saved


def interview(folder: Path) -> Path:
    """talk.txt with talk.wav beside it, in `folder`."""
    folder.mkdir(parents=True)
    document = folder / "talk.txt"
    document.write_text(TRANSCRIPT, encoding="utf-8")
    write_wav(folder / "talk.wav")
    return document


def test_a_moved_folder_plays_the_recording_beside_the_transcript_and_stores_its_place(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """The notes kept apart from the interviews (as in the default notes folder)."""
    folder = tmp_path / "Interviews"
    notes = tmp_path / "notes" / "talk.json"
    window = make_window(interview(folder), notes)
    ready(qtbot, window)
    window.close()
    assert saved(notes)["recording"]["path"] == "../Interviews/talk.wav"
    moved = tmp_path / "Research" / "Interviews"
    moved.parent.mkdir()
    shutil.move(folder, moved)
    again = make_window(moved / "talk.txt", notes)
    ready(qtbot, again)
    assert again.recording.path == moved / "talk.wav"
    assert not again.player_bar.locate_button.isVisible()
    again.close()
    assert saved(notes)["recording"]["path"] == "../Research/Interviews/talk.wav"


def test_a_recording_renamed_with_its_transcript_is_found_and_keeps_its_position(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / "Interviews"
    notes = tmp_path / "notes" / "talk.json"
    window = make_window(interview(folder), notes)
    ready(qtbot, window)
    window.recording.seek(9_000)
    window.close()
    assert saved(notes)["recording"] == {"path": "../Interviews/talk.wav", "position_ms": 9_000}
    (folder / "talk.txt").rename(folder / "P01 Ana.txt")
    (folder / "talk.wav").rename(folder / "P01 Ana.wav")
    again = make_window(folder / "P01 Ana.txt", notes)
    ready(qtbot, again)
    assert again.recording.path == folder / "P01 Ana.wav"
    assert not again.player_bar.locate_button.isVisible()
    assert again.recording.player.position() == 9_000  # type: ignore[union-attr]
    again.interview.saver.flush()  # type: ignore[union-attr]
    stored = {"path": "../Interviews/P01 Ana.wav", "position_ms": 9_000}
    assert saved(notes)["recording"] == stored


def test_locate_starts_in_the_transcripts_folder_when_the_recordings_is_gone(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot, dialogs: DialogStub
) -> None:
    document = interview(tmp_path / "Interviews")
    (tmp_path / "audio").mkdir()
    audio = write_wav(tmp_path / "audio" / "ana.wav")
    (document.parent / "talk.wav").unlink()
    notes = tmp_path / "talk.json"
    dialogs.open_answers.append(str(audio))
    window = make_window(document, notes)
    window.window_actions.playback.attach.trigger()
    ready(qtbot, window)
    window.close()
    shutil.rmtree(tmp_path / "audio")
    again = make_window(document, notes)
    bar = again.player_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.locate_button.isVisible())
    assert bar.name_label.text() == "ana.wav is missing"  # the sentence in its tip
    assert bar.name_label.toolTip().startswith("The recording ana.wav is missing (looked for")
    bar.locate_button.click()
    assert dialogs.open_started[-1] == str(document.parent)


def test_a_detached_recording_stays_detached_when_the_interview_opens_again(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot, dialogs: DialogStub
) -> None:
    document = interview(tmp_path / "Interviews")
    notes = tmp_path / "talk.json"
    window = make_window(document, notes)
    ready(qtbot, window)
    window.window_actions.playback.detach.trigger()
    window.close()
    data = saved(notes)
    assert "recording" not in data and data["recording_detached"] is True
    again = make_window(document, notes)
    assert again.interview.session.notes.recording is None  # type: ignore[union-attr]
    assert not again.window_actions.playback.detach.isEnabled()
    dialogs.open_answers.append(str(document.parent / "talk.wav"))
    again.window_actions.playback.attach.trigger()  # attaching again lifts the detachment
    ready(qtbot, again)
    again.close()
    assert "recording_detached" not in saved(notes)
    assert saved(notes)["recording"]["path"] == "Interviews/talk.wav"


def test_a_recording_attached_after_a_missing_one_starts_at_its_own_beginning(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Interview A's recording went missing while paused at 0:12; on to B, which has none,
    and a recording attached there: it started at A's 0:12, and B's notes saved it."""
    first, notes_a = interview(tmp_path / "A"), tmp_path / "a.json"
    second = tmp_path / "B" / "b.txt"
    second.parent.mkdir()
    second.write_text(TRANSCRIPT, encoding="utf-8")
    window = make_window(first, notes_a)
    ready(qtbot, window)
    window.recording.seek(12_000)
    qtbot.waitUntil(lambda: window.recording.position() == 12_000)
    window.open_document(second, tmp_path / "b.json")
    (first.parent / "talk.wav").unlink()
    window.open_document(first, notes_a)
    qtbot.waitUntil(lambda: bool(window.recording._problem))
    window.open_document(second, tmp_path / "b.json")
    write_wav(second.parent / "b.wav")
    window.recording.attaching.attach(second.parent / "b.wav")
    ready(qtbot, window)
    assert window.recording.player.position() == 0  # type: ignore[union-attr]
    window.interview.saver.flush()  # type: ignore[union-attr]
    assert saved(tmp_path / "b.json")["recording"] == {"path": "B/b.wav", "position_ms": 0}


def test_a_recording_detached_by_mistake_comes_back_with_undo_where_it_stood(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Detach Recording took it away with no step to undo: Ctrl+Z undid an earlier edit
    (or nothing), and attaching it again started it from its beginning."""
    document = interview(tmp_path / "Interviews")
    notes = tmp_path / "talk.json"
    window = make_window(document, notes)
    ready(qtbot, window)
    window.recording.seek(12_000)
    qtbot.waitUntil(lambda: window.recording.position() == 12_000)
    actions = window.window_actions
    actions.playback.detach.trigger()
    assert window.recording.path is None and not window.player_bar.isVisible()
    assert actions.undo.text() == "&Undo Detach Recording"
    actions.undo.trigger()
    ready(qtbot, window)
    assert window.recording.path == document.with_suffix(".wav")
    assert window.recording.player.position() == 12_000  # type: ignore[union-attr]
    assert window.player_bar.isVisible() and actions.playback.detach.isEnabled()
    actions.redo.trigger()
    assert window.recording.path is None
    window.close()
    data = saved(notes)
    assert "recording" not in data and data["recording_detached"] is True


def test_a_recording_dropped_on_the_window_is_attached_to_the_open_interview(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Dropped on the window, a recording was refused ("is a recording: open its
    transcript…") while that transcript was open."""
    document = tmp_path / "plain.txt"
    document.write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "audio").mkdir()
    audio = write_wav(tmp_path / "audio" / "ana.wav")
    window = make_window(document)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(audio))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    folder_named_so = tmp_path / "takes.wav"
    folder_named_so.mkdir()
    mime.setUrls([QUrl.fromLocalFile(str(folder_named_so))])
    assert not window.recording.attaching.eventFilter(window, drop)  # a folder: the study's
    mime.setUrls([QUrl.fromLocalFile(str(audio))])
    # What the window's drop runs: its filter is asked before the study's (a file to add).
    assert window.recording.attaching.eventFilter(window, drop)
    ready(qtbot, window)
    assert window.recording.path == audio
    assert window.interview.session.document.source == str(document)  # type: ignore[union-attr]
    assert window.window_actions.undo.text() == "&Undo Attach Recording"
