"""The recording in a real window (Xvfb): Ctrl+Space plays and pauses with real key
presses while the notes have the focus, Alt+Right skips, and the place where it paused
is in the notes file."""

from __future__ import annotations

import signal
from contextlib import suppress
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.e2e.test_real_window import App, pytestmark, saved, wait_for
from tests.ui.media_files import CannotEncodeError, write_video, write_wav
from tests.ui.test_recording import TRANSCRIPT

__all__ = ["pytestmark"]  # the skip when Xvfb or xdotool is missing, shared


def test_real_keys_play_and_pause_the_recording(display: str, tmp_path: Path) -> None:
    document = tmp_path / "talk.txt"
    document.write_text(TRANSCRIPT, encoding="utf-8")
    write_wav(tmp_path / "talk.wav")
    notes = tmp_path / "notes.json"
    app = App(display, tmp_path, notes, str(document), "--notes", str(notes))
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


def test_closing_or_ending_the_app_while_it_plays_ends_it(
    display: str, tmp_path: Path, qapp: QApplication
) -> None:
    """Ctrl+Q and SIGTERM while a sound or a video recording plays: the app ends. (It
    froze in 3 of 200 closes while the player's audio output was made by Python;
    see tests/ui/test_recording_teardown.py.)"""
    recordings = [write_wav(tmp_path / "talk.wav")]
    with suppress(CannotEncodeError):  # else sound alone; test_recording_video says why
        recordings.append(write_video(tmp_path / "film.mp4", 20))
    for round in range(4):  # sound then video; Ctrl+Q then SIGTERM each
        recording = recordings[round // 2 % len(recordings)]
        document = recording.with_suffix(".txt")
        document.write_text(TRANSCRIPT, encoding="utf-8")
        notes = tmp_path / f"notes-{round}.json"  # new each time: attached, then the keys
        app = App(display, tmp_path, notes, str(document), "--notes", str(notes))
        try:
            wait_for(
                lambda n=notes, r=recording: saved(n).get("recording", {}).get("path") == r.name
            )
            app.keys("ctrl+space")
            if round % 2:
                app.process.send_signal(signal.SIGTERM)
            else:
                app.keys("ctrl+q")
            assert app.process.wait(30) == 0, app.log.read_text(errors="replace")[-2000:]
        finally:
            if app.process.poll() is None:
                app.process.kill()
