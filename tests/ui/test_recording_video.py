"""A recording with a picture: the video shows in a dock placed and sized for it,
remembered with the window's layout, closed and shown again from View ▸ Video; an audio
recording shows none, and switching interviews, detaching and closing take it away. The
video is written by the test with Qt's own encoder (tests/ui/media_files.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from reader.ui.recording.availability import NO_INTERVIEW, NO_PICTURE, NO_VIDEO
from reader.ui.window.main_window import MainWindow
from tests.ui.media_files import CannotEncodeError, write_video, write_wav
from tests.ui.test_recording import TRANSCRIPT, ready

SECONDS = 12


@pytest.fixture(scope="session")
def video_file(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Encoded once for the session: 320×180 at 5 frames a second, with silent sound."""
    try:
        return write_video(tmp_path_factory.mktemp("video") / "talk.mp4", SECONDS)
    except CannotEncodeError as exc:
        pytest.skip(f"this platform cannot encode video: {exc}")


def interview(folder: Path, name: str, recording: Path | None) -> Path:
    """`name`.txt with times, and the recording beside it under the same name."""
    folder.mkdir(exist_ok=True)
    document = folder / f"{name}.txt"
    document.write_text(TRANSCRIPT, encoding="utf-8")
    if recording is not None:
        shutil.copy(recording, folder / f"{name}{recording.suffix}")
    return document


def showing_video(qtbot: QtBot, window: MainWindow) -> QDockWidget:
    ready(qtbot, window)
    qtbot.waitUntil(lambda: window.recording.video is not None)
    dock = window.recording.video.dock  # type: ignore[union-attr]
    assert dock is not None
    qtbot.waitUntil(dock.isVisible)
    return dock


def test_a_video_plays_in_a_dock_under_the_left_docks_that_closes_and_comes_back(
    make_window: Callable[..., MainWindow], tmp_path: Path, video_file: Path, qtbot: QtBot
) -> None:
    window = make_window(interview(tmp_path / "a", "talk", video_file))
    dock = showing_video(qtbot, window)
    view_video = window.window_actions.playback.video
    assert view_video.isEnabled() and view_video.isChecked()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert dock.geometry().top() > window.outline_dock.geometry().top()  # below, not tabbed
    picture = dock.widget()
    assert picture.accessibleName() == "Video of the recording"  # a nameless area before
    assert "Ctrl+Space" in picture.accessibleDescription()
    # As tall as the 16:9 picture is for the dock's width: no black bands.
    qtbot.waitUntil(lambda: abs(picture.height() - picture.width() * 9 / 16) <= 3)
    # Before playing, the picture at the saved place shows (a paused player, not a
    # stopped one, which would show black); playing moves it on.
    sink = picture.videoSink()
    qtbot.waitUntil(lambda: sink.videoFrame().isValid())
    assert sink.videoFrame().size().width() == 320
    first = sink.videoFrame().startTime()
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sink.videoFrame().startTime() > first)
    window.window_actions.playback.play.trigger()
    # The dock's close button closes it; View ▸ Video brings it back.
    dock.close()
    assert not dock.isVisible() and not view_video.isChecked()
    view_video.trigger()
    assert dock.isVisible() and view_video.isChecked()
    # The docks' own context menu (right-click on a dock's title) says the same.
    dock.toggleViewAction().trigger()
    assert not dock.isVisible() and not view_video.isChecked()
    dock.toggleViewAction().trigger()
    assert dock.isVisible() and view_video.isChecked()


def test_audio_shows_no_video_and_switching_or_detaching_takes_the_picture_away(
    make_window: Callable[..., MainWindow], tmp_path: Path, video_file: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / "study"
    audio = interview(folder, "audio", write_wav(tmp_path / "audio.wav"))
    video = interview(folder, "video", video_file)
    window = make_window(audio)
    ready(qtbot, window)
    assert window.recording.video is None  # no dock is made for sound alone
    assert not window.window_actions.playback.video.isEnabled()
    window.open_document(video, tmp_path / "video.json")
    dock = showing_video(qtbot, window)
    window.open_document(audio, tmp_path / "audio.json")
    ready(qtbot, window)
    assert not dock.isVisible()
    assert not window.window_actions.playback.video.isEnabled()
    window.open_document(video, tmp_path / "video.json")
    showing_video(qtbot, window)
    window.window_actions.playback.detach.trigger()
    assert not dock.isVisible() and not window.window_actions.playback.video.isEnabled()


def test_view_video_says_why_it_cannot_show_a_picture(
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    video_file: Path,
    qtbot: QtBot,
    dialogs: Any,
) -> None:
    """One owner (recording/availability.py) sets View ▸ Video and its tip, whatever
    happened last: a recording without a picture, one with, detaching, closing."""
    folder = tmp_path / "study"
    audio = interview(folder, "audio", write_wav(tmp_path / "audio.wav"))
    video = interview(folder, "video", video_file)
    window = make_window(audio)
    view_video = window.window_actions.playback.video
    ready(qtbot, window)
    assert not view_video.isEnabled() and view_video.statusTip() == NO_PICTURE
    window.open_document(video, tmp_path / "video.json")
    showing_video(qtbot, window)
    assert view_video.isEnabled() and view_video.statusTip() == "The recording's picture"
    window.window_actions.playback.detach.trigger()
    assert not view_video.isEnabled() and view_video.statusTip() == NO_VIDEO
    dialogs.open_answers.append(str(folder / "video.mp4"))
    window.window_actions.playback.attach.trigger()  # File ▸ Attach Recording…
    showing_video(qtbot, window)
    assert view_video.isEnabled()
    window.interview.close()
    assert not view_video.isEnabled() and view_video.statusTip() == NO_INTERVIEW


def test_a_closed_video_stays_closed_for_the_next_video_until_view_shows_it(
    make_window: Callable[..., MainWindow], tmp_path: Path, video_file: Path, qtbot: QtBot
) -> None:
    first = interview(tmp_path / "s", "first", video_file)
    second = interview(tmp_path / "s", "second", video_file)
    window = make_window(first)
    showing_video(qtbot, window).close()
    window.open_document(second, tmp_path / "second.json")
    ready(qtbot, window)
    qtbot.waitUntil(window.window_actions.playback.video.isEnabled)
    dock = window.recording.video.dock  # type: ignore[union-attr]
    assert dock is not None and not dock.isVisible()
    window.window_actions.playback.video.trigger()
    assert dock.isVisible()


def test_where_the_user_put_the_video_is_remembered_with_the_layout(
    make_window: Callable[..., MainWindow], tmp_path: Path, video_file: Path, qtbot: QtBot
) -> None:
    document = interview(tmp_path / "a", "talk", video_file)
    window = make_window(document)
    dock = showing_video(qtbot, window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.close()
    again = make_window(document)
    dock = showing_video(qtbot, again)
    assert again.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
