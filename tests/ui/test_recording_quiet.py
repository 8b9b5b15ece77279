"""Opening a recording says nothing in the terminal: Qt's multimedia backend and FFmpeg
printed about fifteen lines there (libraries it looked for, the sound server it could not
reach, a dump of the file's streams) on every start with a recording. What the user must
know is said in the app; other warnings still reach the terminal."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

from tests.core.test_no_qt import run_python
from tests.ui.media_files import write_wav

BACKEND_CHATTER = (
    "symbolsresolver",  # "Couldn't load pipewire-0.3 library", "… va-drm symbols"
    "Using Qt multimedia with FFmpeg",
    "PulseAudioService",
    "Input #0",  # FFmpeg's dump of the file's streams
    "Stream #0",
)


def test_opening_a_recording_prints_no_backend_chatter(tmp_path: Path) -> None:
    recording = write_wav(tmp_path / "talk.wav", seconds=1)
    code = f"""
        import sys
        from PySide6.QtCore import QTimer, qWarning
        from PySide6.QtWidgets import QApplication
        from pathlib import Path
        from reader.ui.recording.media import Player

        app = QApplication([])
        player = Player()
        player.loaded.connect(app.quit)
        player.failed.connect(lambda why: (print(why), app.quit()))
        player.open(Path({str(recording)!r}))
        QTimer.singleShot(20_000, app.quit)  # a safety net, not a measure
        app.exec()
        print("duration", player.duration())
        qWarning("a warning of the app's own")
        """
    quiet_env = {"QT_QPA_PLATFORM": "offscreen"}
    with mock.patch.dict(os.environ, quiet_env):
        for chosen in ("QT_LOGGING_RULES", "QT_FFMPEG_DEBUG", "QT_MESSAGE_PATTERN"):
            os.environ.pop(chosen, None)
        done = run_python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "duration 1000" in done.stdout, done.stdout + done.stderr
    heard = [line for line in done.stderr.splitlines() if any(c in line for c in BACKEND_CHATTER)]
    assert heard == []
    assert "a warning of the app's own" in done.stderr
