"""The Playback actions follow the recording: greyed out (menu, player bar, keys) while
there is none, none that can play, or no interview; on as soon as one is attached or an
interview with one opens; Attach and Detach off while the notes are read-only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAccessible, QAction, QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from reader.core.read_only import SAVE_AS_WAY_OUT, ReadOnly
from reader.ui.recording.availability import (
    NO_INTERVIEW,
    NO_PICTURE,
    NO_RECORDING,
    NO_TIMES,
    NO_VIDEO,
)
from reader.ui.window.actions import Playback
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import DialogStub
from tests.ui.media_files import write_wav

STUDY_READ_ONLY = ReadOnly.STUDY_IN_USE.value  # another window has the study
NOTES_READ_ONLY = f"{ReadOnly.NOTES_IN_USE.value} {SAVE_AS_WAY_OUT}"  # a lone interview's

CTRL = Qt.KeyboardModifier.ControlModifier


def needing_a_recording(playback: Playback) -> list[QAction]:
    assert playback.speed_menu is not None  # Playback ▸ Speed itself
    return [
        playback.play,
        playback.back,
        playback.forward,
        playback.play_paragraph,
        playback.insert_time,
        playback.follow,
        playback.typist_loop,
        playback.video,
        *playback.speeds,
        playback.speed_menu.menuAction(),
    ]


def playback_menu(window: MainWindow) -> QMenu:
    (menu,) = (a.menu() for a in window.menuBar().actions() if a.text() == "&Playback" and a.menu())
    return menu


def focus(qtbot: QtBot, window: MainWindow, pane: QWidget) -> None:
    """`pane` has the keys, in the active window (where the window's shortcuts work)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pane.setFocus()


def assert_greyed_out(window: MainWindow, why: str) -> None:
    playback = window.window_actions.playback
    assert not any(a.isEnabled() for a in needing_a_recording(playback))
    assert not playback.detach.isEnabled()
    assert playback.play.statusTip() == playback.play.toolTip() == why
    speed = playback.speed_menu.menuAction()  # type: ignore[union-attr]
    assert speed.statusTip() == speed.toolTip() == why  # Playback ▸ Speed says why too
    no_video = NO_INTERVIEW if why == NO_INTERVIEW else NO_VIDEO
    assert playback.video.statusTip() == playback.video.toolTip() == no_video  # View ▸ Video
    menu = playback_menu(window)
    assert menu.toolTipsVisible()  # so the greyed-out items say why
    assert not any(a.isEnabled() for a in menu.actions() if a in needing_a_recording(playback))


def assert_playable(qtbot: QtBot, window: MainWindow) -> None:
    playback = window.window_actions.playback
    qtbot.waitUntil(lambda: playback.play.isEnabled())
    others = [a for a in needing_a_recording(playback) if a is not playback.video]
    if window.interview.read_only:  # no typing in the notes; the recording stays
        others.remove(playback.insert_time)
    if not window.recording.table:  # a transcript without times: nothing to follow
        for untimed in (playback.play_paragraph, playback.follow):
            others.remove(untimed)
            assert not untimed.isEnabled() and untimed.statusTip() == NO_TIMES
    assert all(a.isEnabled() for a in others)
    assert playback.detach.isEnabled() != window.interview.read_only
    assert playback.play.statusTip() == "Play or pause the recording"
    assert playback.play.toolTip() == "Play / Pause"  # nothing of its own: the menu shows none


def test_without_a_recording_playback_is_greyed_out_and_its_keys_do_nothing(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()  # the bundled interview: no recording
    assert_greyed_out(window, NO_RECORDING)
    assert window.window_actions.playback.attach.isEnabled()
    for pane in (window.notes_editor, window.reader):
        focus(qtbot, window, pane)
        qtbot.keyClick(pane, Qt.Key.Key_Space, CTRL)
        qtbot.keyClick(pane, Qt.Key.Key_Space, CTRL | Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(pane, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    # They act on nothing; the status line says why (key_hints.py), as the menu's tip does.
    assert window.statusBar().currentMessage() == f"Insert Time in Notes: {NO_RECORDING}"
    assert window.notes_editor.toPlainText() == ""
    assert window.recording.player is None and not window.player_bar.isVisible()
    # Hovering the greyed-out Play / Pause in the menu says why.
    menu = playback_menu(window)
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(menu.isVisible)
    at = menu.actionGeometry(window.window_actions.playback.play).center()
    QApplication.sendEvent(menu, QHelpEvent(QEvent.Type.ToolTip, at, menu.mapToGlobal(at)))
    assert QToolTip.text() == NO_RECORDING
    menu.hide()


def test_no_interview_open_leaves_even_attach_greyed_out(qtbot: QtBot, dialogs: DialogStub) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert_greyed_out(window, NO_INTERVIEW)
    assert not window.window_actions.playback.attach.isEnabled()
    window.close()


def test_attaching_turns_playback_on_and_detaching_off_again(
    make_window: Callable[..., MainWindow],
    dialogs: DialogStub,
    tmp_path: Path,
    notes_path: Path,
    qtbot: QtBot,
) -> None:
    window = make_window()
    playback = window.window_actions.playback
    dialogs.open_answers.append(str(write_wav(tmp_path / "her smell.wav")))
    playback.attach.trigger()
    assert_playable(qtbot, window)
    player = window.recording.player
    assert player is not None
    qtbot.waitUntil(lambda: player.duration() > 0)
    focus(qtbot, window, window.reader)
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, CTRL)
    qtbot.waitUntil(player.is_playing)
    (play_button,) = (b for b in window.player_bar._buttons if b.defaultAction() is playback.play)
    assert play_button.toolTip() == "Play / Pause (Ctrl+Space)"  # kept when the icon changed
    # A screen reader hears what the button does now, and the slider's place as a time.
    accessible = QAccessible.queryAccessibleInterface(play_button)
    assert accessible.text(QAccessible.Text.Name) == "Pause"
    slider = QAccessible.queryAccessibleInterface(window.player_bar.slider)
    qtbot.waitUntil(lambda: window.player_bar.position_label.text() != "0:00")
    said = slider.text(QAccessible.Text.Description)
    assert said == f"{window.player_bar.position_label.text()} of 0:40"
    video = playback.video
    assert not video.isEnabled() and video.toolTip() == video.statusTip() == NO_PICTURE
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, CTRL)
    qtbot.waitUntil(lambda: not player.is_playing())
    assert accessible.text(QAccessible.Text.Name) == "Play"
    assert window.window_actions.undo.text() == "&Undo Attach Recording"  # a step of its own
    playback.detach.trigger()
    assert_greyed_out(window, NO_RECORDING)
    assert playback.attach.isEnabled() and not window.player_bar.isVisible()
    assert not play_button.isEnabled()
    assert play_button.toolTip() == f"Play / Pause: {NO_RECORDING}"
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, CTRL)
    assert not player.is_playing()
    window.interview.saver.flush()  # type: ignore[union-attr]
    assert "recording" not in orjson.loads(notes_path.read_bytes())


def test_switching_in_a_study_follows_each_interviews_recording(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: QtBot
) -> None:
    write_wav(folder / "P02 Ben.wav")  # found beside its transcript
    window = make_study_window(folder)
    assert "night shifts" in window.interview.session.document.text  # type: ignore[union-attr]
    assert_greyed_out(window, NO_RECORDING)
    focus(qtbot, window, window.reader)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)  # P02 Ben, with its recording
    assert_playable(qtbot, window)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)  # P10 Cem, without
    assert_greyed_out(window, NO_RECORDING)
    assert window.window_actions.playback.attach.isEnabled()
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, CTRL)  # back to P02: its history kept
    assert_playable(qtbot, window)


def test_read_only_notes_grey_out_attach_and_detach_but_still_play(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: QtBot
) -> None:
    write_wav(folder / "P01 Ana.wav")
    make_study_window(folder)
    window = make_study_window(folder)  # read-only: the first holds the study
    assert window.interview.read_only
    assert_playable(qtbot, window)
    playback = window.window_actions.playback
    for action in (playback.attach, playback.detach):
        assert not action.isEnabled() and action.statusTip() == STUDY_READ_ONLY
    assert not playback.insert_time.isEnabled()  # the notes take no typing either
    focus(qtbot, window, window.reader)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)  # P02 Ben: no recording
    assert_greyed_out(window, NO_RECORDING)
    assert not playback.attach.isEnabled() and playback.attach.toolTip() == STUDY_READ_ONLY


def test_losing_write_access_greys_out_attach_until_it_comes_back(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window()
    attach = window.window_actions.playback.attach
    window.interview.set_read_only(True)  # as when another window takes the notes file
    assert not attach.isEnabled() and attach.statusTip() == NOTES_READ_ONLY
    window.interview.set_read_only(False)  # as after Save Notes As…
    assert attach.isEnabled() and attach.statusTip() == "The interview's audio or video"


def test_a_missing_recording_greys_out_playing_but_offers_locating(
    make_window: Callable[..., MainWindow],
    make_study_window: Callable[[Path], MainWindow],
    dialogs: DialogStub,
    folder: Path,
    qtbot: QtBot,
) -> None:
    """Opened with its recording gone: nothing plays, the reason is in the tips; Attach
    Recording… and the bar's Locate… choose the file again (not while read-only)."""
    recording = write_wav(folder / "P01 Ana.wav")
    window = make_study_window(folder)
    assert_playable(qtbot, window)
    window.close()
    moved = recording.rename(folder.parent / "elsewhere.wav")
    window = make_study_window(folder)
    bar, playback = window.player_bar, window.window_actions.playback
    qtbot.waitUntil(lambda: bar.isVisible() and bar.locate_button.isVisible())
    assert not playback.play.isEnabled() and "missing" in playback.play.statusTip()
    assert playback.attach.isEnabled() and playback.detach.isEnabled()
    assert bar.locate_button.isEnabled()
    reader_only = make_study_window(folder)  # a second window: read-only
    other_bar = reader_only.player_bar
    qtbot.waitUntil(lambda: other_bar.isVisible() and other_bar.locate_button.isVisible())
    assert not other_bar.locate_button.isEnabled()
    assert not reader_only.window_actions.playback.attach.isEnabled()
    dialogs.open_answers.append(str(moved))
    qtbot.mouseClick(bar.locate_button, Qt.MouseButton.LeftButton)
    assert_playable(qtbot, window)
    assert not bar.locate_button.isVisible()


def test_the_next_interviews_recording_shows_play_after_one_left_playing(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: QtBot
) -> None:
    """Ctrl+PgDn while P01's recording played: P02's, paused, showed Pause (and a screen
    reader said "Pause"), so the first Ctrl+Space seemed to be asked to pause it."""
    write_wav(folder / "P01 Ana.wav")
    write_wav(folder / "P02 Ben.wav")
    window = make_study_window(folder)
    recording = window.recording
    qtbot.waitUntil(lambda: recording.player is not None and recording.player.duration() > 0)
    player = recording.player
    assert player is not None
    focus(qtbot, window, window.reader)
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, CTRL)
    qtbot.waitUntil(player.is_playing)
    play_button = window.player_bar._buttons[1]
    assert play_button.accessibleName() == "Pause"
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: recording.path == folder / "P02 Ben.wav")
    qtbot.waitUntil(lambda: player.duration() > 0)
    assert not player.is_playing()
    assert play_button.accessibleName() == "Play"
