"""A recording attached or detached on another machine, merged from the notes file a sync
tool brought: the window shows it (or lets it go), and keeps it in the notes it writes.
It was lost to the next save here, and the merge said nothing had come."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import DialogStub
from tests.ui.media_files import write_wav
from tests.ui.test_recording import TRANSCRIPT, attached_from_elsewhere, moved_to, ready, saved


def another_machine(notes_path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    """The notes file as a sync tool brings it: changed there, put in place by rename."""
    data = saved(notes_path)
    change(data)
    brought = notes_path.with_name("brought.part")
    brought.write_bytes(orjson.dumps(data))
    brought.replace(notes_path)


def saved_with_a_recording_beside(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: QtBot
) -> MainWindow:
    """A window on a transcript with no recording attached, its notes ("mine") saved;
    media/"zoom 0.wav" beside it, for another machine to attach."""
    folder = notes_path.parent
    document = folder / "plain.txt"
    document.write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "media").mkdir()
    write_wav(folder / "media" / "zoom 0.wav")
    window = make_window(document)
    window.notes_editor.setPlainText("mine")
    qtbot.waitUntil(lambda: notes_path.exists() and saved(notes_path)["notes"] == "mine")
    return window


def test_a_recording_attached_on_another_machine_is_shown_and_kept(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: QtBot
) -> None:
    window = saved_with_a_recording_beside(make_window, notes_path, qtbot)
    assert not window.player_bar.isVisible()
    attached = {"path": "media/zoom 0.wav", "position_ms": 9_000}
    another_machine(notes_path, lambda data: data.update(recording=attached))
    qtbot.waitUntil(lambda: "a recording attached" in window.banner.text())
    ready(qtbot, window)
    assert window.player_bar.isVisible()
    assert window.recording.player.position() == 9_000  # type: ignore[union-attr]
    window.notes_editor.setPlainText("mine, and more")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "mine, and more")
    assert saved(notes_path)["recording"] == attached


def test_a_recording_detached_on_another_machine_is_let_go_here(
    make_window: Callable[..., MainWindow], dialogs: DialogStub, notes_path: Path, qtbot: QtBot
) -> None:
    window, _ = attached_from_elsewhere(make_window, dialogs, qtbot, notes_path.parent)
    window.interview.saver.flush()  # type: ignore[union-attr]

    def detached(data: dict[str, Any]) -> None:
        del data["recording"]
        data["recording_detached"] = True

    another_machine(notes_path, detached)
    qtbot.waitUntil(lambda: "the recording detached" in window.banner.text())
    assert not window.player_bar.isVisible() and window.recording.path is None
    window.notes_editor.setPlainText("after")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "after")
    assert "recording" not in saved(notes_path) and saved(notes_path)["recording_detached"]


def test_a_recording_named_by_hand_plays_on_where_it_was_when_the_notes_are_merged(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: QtBot
) -> None:
    """A path the app would write otherwise ("./media/…", typed by hand or by another tool)
    is the same recording: it was let go at each merge, stopped, and opened again."""
    window = saved_with_a_recording_beside(make_window, notes_path, qtbot)
    attached = {"path": "./media/zoom 0.wav", "position_ms": 9_000}
    another_machine(notes_path, lambda data: data.update(recording=attached))
    qtbot.waitUntil(lambda: "a recording attached" in window.banner.text())
    player = moved_to(qtbot, window, 3_000)
    window.recording.toggle()
    qtbot.waitUntil(player.is_playing)
    another_machine(notes_path, lambda data: data.update(notes="mine, and theirs"))
    qtbot.waitUntil(lambda: window.notes_editor.toPlainText() == "mine, and theirs")
    ready(qtbot, window)
    assert player.is_playing() and window.recording.path is not None


def test_undoing_an_attaching_leaves_the_recording_another_machine_attached_since(
    make_window: Callable[..., MainWindow], dialogs: DialogStub, notes_path: Path, qtbot: QtBot
) -> None:
    """Attached here, replaced there: Edit ▸ Undo took theirs away, and the next save
    wrote that over their change."""
    window, _ = attached_from_elsewhere(make_window, dialogs, qtbot, notes_path.parent)
    window.interview.saver.flush()  # type: ignore[union-attr]
    write_wav(notes_path.parent / "media" / "theirs.wav")
    theirs = {"path": "media/theirs.wav", "position_ms": 0}
    another_machine(notes_path, lambda data: data.update(recording=theirs))
    qtbot.waitUntil(lambda: window.recording.path == notes_path.parent / "media" / "theirs.wav")
    window.window_actions.undo.trigger()  # our Attach Recording, before theirs
    assert window.recording.path == notes_path.parent / "media" / "theirs.wav"
    window.notes_editor.setPlainText("after")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "after")
    assert saved(notes_path)["recording"]["path"] == "media/theirs.wav"


def test_the_paragraph_being_said_stays_marked_when_the_notes_are_merged_while_paused(
    make_window: Callable[..., MainWindow], dialogs: DialogStub, notes_path: Path, qtbot: QtBot
) -> None:
    """Paused at 0:12, notes from another machine merged: the paragraph being said lost
    its mark until the recording played again."""
    window, _ = attached_from_elsewhere(make_window, dialogs, qtbot, notes_path.parent)
    moved_to(qtbot, window, 12_000)
    overlay = window.recording.overlay
    qtbot.waitUntil(lambda: overlay.spoken is not None)
    spoken, top = overlay.spoken, window.reader.verticalScrollBar().value()
    window.interview.saver.flush()  # type: ignore[union-attr]
    another_machine(notes_path, lambda data: data.update(notes="theirs"))
    qtbot.waitUntil(lambda: window.notes_editor.toPlainText() == "theirs")
    assert overlay.spoken == spoken
    assert window.reader.verticalScrollBar().value() == top  # marked, not scrolled to
