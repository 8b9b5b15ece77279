"""Recordings the tests write themselves: a WAV with Python's `wave` module, and a short
video with sound encoded by Qt's own FFmpeg backend (QVideoFrameInput and
QAudioBufferInput into a QMediaRecorder, Qt 6.8+), so no media file is checked in and no
other dependency is needed."""

from __future__ import annotations

import wave
from pathlib import Path

from PySide6.QtCore import QByteArray, QEventLoop, QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QPainter

SAMPLE_RATE = 8000  # 8 kHz mono 16-bit silence: small, and every backend plays it
GIVE_UP_MS = 60_000  # a safety net for a backend that never finishes, not a measure


def write_wav(path: Path, seconds: int = 40) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(b"\0\0" * SAMPLE_RATE * seconds)
    return path


class CannotEncodeError(Exception):
    """This Qt cannot write video here; the message says why (tests skip with it)."""


def write_video(path: Path, seconds: int, width: int = 320, height: int = 180) -> Path:
    """An .mp4 of `seconds`: a coloured picture that changes every frame, with a
    silent sound track. A QApplication must exist."""
    from PySide6 import QtMultimedia

    qtm = QtMultimedia
    if not hasattr(qtm, "QVideoFrameInput"):
        raise CannotEncodeError("Qt before 6.8 cannot encode generated frames")
    fps = 5
    frames_to_send, seconds_to_send = seconds * fps, seconds
    video, audio = qtm.QVideoFrameInput(), qtm.QAudioBufferInput()
    session, recorder = qtm.QMediaCaptureSession(), qtm.QMediaRecorder()
    session.setVideoFrameInput(video)
    session.setAudioBufferInput(audio)
    session.setRecorder(recorder)
    recorder.setQuality(qtm.QMediaRecorder.Quality.LowQuality)
    recorder.setAutoStop(True)  # stops once both inputs have sent their empty end
    recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
    sound = qtm.QAudioFormat()
    sound.setSampleFormat(qtm.QAudioFormat.SampleFormat.Int16)
    sound.setSampleRate(SAMPLE_RATE)
    sound.setChannelConfig(qtm.QAudioFormat.ChannelConfig.ChannelConfigMono)
    sent = {"video": 0, "audio": 0}

    def next_frame() -> None:
        n = sent["video"]
        if n > frames_to_send:
            return
        if n == frames_to_send:
            frame = qtm.QVideoFrame()  # the end of the video
        else:
            frame = qtm.QVideoFrame(_picture(n, fps, width, height))
            frame.setStreamFrameRate(fps)
            frame.setStartTime(n * 1_000_000 // fps)
            frame.setEndTime((n + 1) * 1_000_000 // fps)
        if video.sendVideoFrame(frame):
            sent["video"] += 1

    def next_second() -> None:
        n = sent["audio"]
        if n > seconds_to_send:
            return
        if n == seconds_to_send:
            buffer = qtm.QAudioBuffer()
        else:
            silence = QByteArray(b"\0\0" * SAMPLE_RATE)
            buffer = qtm.QAudioBuffer(silence, sound, n * 1_000_000)
        if audio.sendAudioBuffer(buffer):
            sent["audio"] += 1

    loop = QEventLoop()
    errors: list[str] = []
    video.readyToSendVideoFrame.connect(next_frame)
    audio.readyToSendAudioBuffer.connect(next_second)
    recorder.errorOccurred.connect(lambda _error, text: (errors.append(text), loop.quit()))
    recorder.recorderStateChanged.connect(
        lambda state: state == qtm.QMediaRecorder.RecorderState.StoppedState and loop.quit()
    )
    QTimer.singleShot(GIVE_UP_MS, loop.quit)
    recorder.record()
    if recorder.recorderState() != qtm.QMediaRecorder.RecorderState.StoppedState:
        loop.exec()
    written = Path(recorder.actualLocation().toLocalFile())
    if errors or sent["video"] <= frames_to_send or not written.is_file():
        raise CannotEncodeError(f"Qt could not encode a video here: {errors or sent}")
    return written


def _picture(n: int, fps: int, width: int, height: int) -> QImage:
    """A calm colour that drifts, with a bar that moves across: visibly a moving picture."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor.fromHsv((200 + n * 3) % 360, 90, 150))
    painter = QPainter(image)
    painter.fillRect(
        (n * width // (4 * fps)) % width,
        height // 3,
        width // 10,
        height // 3,
        QColor(250, 240, 220),
    )
    painter.end()
    return image
