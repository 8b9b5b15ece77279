"""The recording in a real window (Xvfb): Ctrl+Space plays and pauses with real key
presses while the notes have the focus, Alt+Right skips, and the place where it paused
is in the notes file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.e2e.test_real_window import App, display, pytestmark, saved, wait_for
from tests.ui.media_files import write_wav
from tests.ui.test_recording import TRANSCRIPT

__all__ = ["display", "pytestmark"]  # the Xvfb fixture and the skip, shared


class TalkApp(App):
    """The app on `document` (App opens the bundled interview)."""

    def __init__(self, display: str, tmp_path: Path, document: Path, notes: Path) -> None:
        self.env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        self.env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path))
        self.log = tmp_path / "app.log"
        self.process = subprocess.Popen(
            [sys.executable, "main.py", str(document), "--notes", str(notes)],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.window = str(wait_for(self._find_window))


def test_real_keys_play_and_pause_the_recording(display: str, tmp_path: Path) -> None:
    document = tmp_path / "talk.txt"
    document.write_text(TRANSCRIPT, encoding="utf-8")
    write_wav(tmp_path / "talk.wav")
    notes = tmp_path / "notes.json"
    app = TalkApp(display, tmp_path, document, notes)
    try:
        wait_for(lambda: "Talk" in app.xdotool("getwindowname", app.window), 10)
        # The recording found beside the transcript is attached (and saved) before the keys.
        wait_for(lambda: saved(notes).get("recording", {}).get("path") == "talk.wav")
        app.keys("ctrl+2", "ctrl+space", "alt+Right", "alt+Right", "ctrl+space")
        wait_for(lambda: saved(notes).get("recording", {}).get("position_ms", 0) >= 10_000)
        assert saved(notes)["recording"]["path"] == "talk.wav"
        assert saved(notes)["notes"] == ""  # the keys typed nothing into the notes
        app.keys("ctrl+q")
        assert app.process.wait(30) == 0
    finally:
        if app.process.poll() is None:
            app.process.kill()
