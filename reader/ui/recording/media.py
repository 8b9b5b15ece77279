"""The player itself: QtMultimedia behind a small interface, imported on first use only.

QtMultimedia (PySide6-Addons) is loaded when a recording is attached, never at start-up.
Whatever goes wrong (the module cannot load, a codec the system cannot play, a corrupt or
empty file) becomes one sentence in `failed`; with no sound device the recording still
plays silently, so positions, seeking and following along keep working.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSize, QUrl, Signal
from PySide6.QtWidgets import QWidget

from reader.ui.recording.backend_logs import (
    quiet_ffmpeg,
    quiet_multimedia_categories,
    without_sound_server_warning,
)


class MediaUnavailableError(Exception):
    """QtMultimedia cannot be loaded here; the message is for the user."""


def multimedia() -> Any:
    """The QtMultimedia module, or MediaUnavailableError saying why not."""
    quiet_multimedia_categories()  # before the import: it looks for libraries at once
    try:
        from PySide6 import QtMultimedia
    except ImportError as exc:  # Addons not installed, or a system library missing
        raise MediaUnavailableError(
            f"Recordings cannot be played here: Qt's multimedia module did not load ({exc})."
        ) from exc
    return QtMultimedia


def _made_by_qt(qtm: Any, parent: QObject) -> tuple[Any, Any]:
    """A QMediaPlayer and its QAudioOutput made by Qt (its QML engine), not by Python.

    FFmpeg's threads, deleting the renderers they play with (on stop, seek, a new file),
    call disconnectNotify() on the audio output while holding a connection lock. On an
    object Python made, PySide overrides that method and first takes the GIL, which the
    GUI thread holds while, inside stop(), it waits for that same lock: the app froze in
    3 of 200 closes while playing (none in 420 since). Objects Qt made have no Python
    overrides.
    """
    try:
        from PySide6.QtQml import QQmlComponent, QQmlEngine
    except ImportError:  # a PySide6 without QtQml: the rare freeze is the lesser evil
        return qtm.QMediaPlayer(parent), qtm.QAudioOutput(parent)
    engine = QQmlEngine()
    made = []
    for kind in ("MediaPlayer", "AudioOutput"):
        component = QQmlComponent(engine, engine)  # what it made lives while it does
        component.setData(f"import QtMultimedia\n{kind} {{}}".encode(), QUrl())
        made.append(component.create())
    player, audio = made
    if player is None or audio is None:
        return qtm.QMediaPlayer(parent), qtm.QAudioOutput(parent)
    for owned in (player, audio, engine):  # the engine goes last, after what it made
        QQmlEngine.setObjectOwnership(owned, QQmlEngine.ObjectOwnership.CppOwnership)
        owned.setParent(parent)
    return player, audio


class Player(QObject):
    """One recording at a time. Positions are milliseconds."""

    positionChanged = Signal(int)
    durationChanged = Signal(int)
    playingChanged = Signal(bool)
    videoChanged = Signal(bool)  # the recording has a picture
    loaded = Signal()  # the file opened and can play
    failed = Signal(str)  # one sentence: the file cannot be played

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        qtm = multimedia()
        self._qtm = qtm
        with without_sound_server_warning():
            self.player, self.audio = _made_by_qt(qtm, self)
            self.silent = not qtm.QMediaDevices.audioOutputs()
            self._devices = qtm.QMediaDevices(self)
        quiet_ffmpeg()  # its backend has loaded with the player
        # No sound device: no audio output, and the recording plays silently on Qt's clock.
        # Given one all the same, FFmpeg's thread warned "No audio device detected" at each
        # play, and a message handler swapped meanwhile (another window's player being made;
        # pytest-qt between two tests) crashed the process.
        self._devices.audioOutputsChanged.connect(self._sound_device_found)
        self._sound_device_found()
        # Qt 6.10 keeps the pitch when the rate changes if asked; the FFmpeg backend of
        # earlier versions always did.
        if hasattr(self.player, "setPitchCompensation"):
            self.player.setPitchCompensation(True)
        self.path: Path | None = None
        self._failed = False
        self._loaded = False  # the open file has said it can play
        self._video: QWidget | None = None
        self.player.positionChanged.connect(self.positionChanged.emit)
        self.player.durationChanged.connect(self.durationChanged.emit)
        self.player.hasVideoChanged.connect(self.videoChanged.emit)
        self.player.playbackStateChanged.connect(
            lambda state: self.playingChanged.emit(
                state == qtm.QMediaPlayer.PlaybackState.PlayingState
            )
        )
        self.player.errorOccurred.connect(self._error)
        self.player.mediaStatusChanged.connect(self._status)

    def open(self, path: Path) -> None:
        self.path = path
        self._failed = self._loaded = False
        self.player.setSource(QUrl.fromLocalFile(str(path)))

    def close(self) -> None:
        # Quiet while stopping: no position of the closed file reaches the bar. That nothing
        # plays does: left playing, the next recording's bar and menu showed Pause.
        self.player.blockSignals(True)
        try:
            self.player.stop()
            self.player.setSource(QUrl())
        finally:
            self.player.blockSignals(False)
        self.path = None
        self.playingChanged.emit(False)

    def _sound_device_found(self) -> None:
        if self.player.audioOutput() is None and self._qtm.QMediaDevices.audioOutputs():
            self.player.setAudioOutput(self.audio)
            self.silent = False

    # Playing ---------------------------------------------------------------------------

    def is_playing(self) -> bool:
        return self.player.playbackState() == self._qtm.QMediaPlayer.PlaybackState.PlayingState

    def play(self) -> None:
        if not self._failed:
            self.player.play()

    def pause(self) -> None:
        self.player.pause()

    def position(self) -> int:
        return self.player.position()

    def duration(self) -> int:
        return self.player.duration()

    def seek(self, ms: int) -> None:
        duration = self.player.duration()
        ms = max(0, ms if duration <= 0 else min(ms, duration))
        self.player.setPosition(ms)

    def set_rate(self, rate: float) -> None:
        self.player.setPlaybackRate(rate)

    def has_video(self) -> bool:
        return self.player.hasVideo()

    def picture_aspect(self) -> float | None:
        """Height over width of the recording's picture, when the file says."""
        size = self.player.metaData().value(self._qtm.QMediaMetaData.Key.Resolution)
        if isinstance(size, QSize) and size.width() > 0 and size.height() > 0:
            return size.height() / size.width()
        return None

    def video_widget(self) -> QWidget:
        """The picture, made on first use (QtMultimediaWidgets is in Addons too)."""
        if self._video is None:
            from PySide6.QtMultimediaWidgets import QVideoWidget

            self._video = QVideoWidget()
            self._video.setObjectName("recording-video")
            # A screen reader met a nameless area in the Video dock.
            self._video.setAccessibleName("Video of the recording")
            self._video.setAccessibleDescription("The recording's picture; Ctrl+Space plays it")
            self._video.setMinimumSize(240, 135)
            self.player.setVideoOutput(self._video)
        return self._video

    # What went wrong -------------------------------------------------------------------

    def _status(self, status: Any) -> None:
        statuses = self._qtm.QMediaPlayer.MediaStatus
        if status == statuses.LoadedMedia and not self._loaded:
            self._loaded = True  # once: seeking a paused player says LoadedMedia again
            if self.player.hasVideo():  # paused, not stopped: the picture shows, not black
                self.player.pause()
            self.loaded.emit()
        elif status == statuses.InvalidMedia:
            self._fail("")

    def _error(self, error: Any, detail: str) -> None:
        errors = self._qtm.QMediaPlayer.Error
        if error != errors.NoError:
            self._fail(detail, format_error=error == errors.FormatError)

    def _fail(self, detail: str, format_error: bool = False) -> None:
        if self._failed or self.path is None:
            return  # an error and the invalid status arrive together: say it once
        self._failed = True
        name = self.path.name
        why = f" ({detail.rstrip('.')})" if detail else ""
        if format_error:
            text = (
                f"{name} cannot be played: it is damaged, empty, or in a format this system "
                f"cannot play{why}. The transcript stays open as usual."
            )
        else:
            text = f"{name} cannot be opened{why}. The transcript stays open as usual."
        self.failed.emit(text)
