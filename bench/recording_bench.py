"""Recording child: the time from attaching a recording to the first position reported
while it plays, in a fresh process (so QtMultimedia is imported within the figure).

    python -m bench.recording_bench app '{"doc": DOC, "audio": WAV, "notes": NOTES}'
        the window opens DOC, then Recording.attach(WAV) and Play / Pause
    python -m bench.recording_bench floor '{"audio": WAV}'
        the floor: import QtMultimedia, a bare QMediaPlayer with an audio output, play

The parent writes the WAV (wave module) and a transcript with times; offscreen, with or
without a sound device (without one the position still advances).
"""

from __future__ import annotations

import sys
import time
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication

from bench.proc import child_args, emit
from bench.table import Row

if TYPE_CHECKING:
    from bench.run import Run

TIMEOUT_MS = 20_000
RUNS = 5


def measure(run: Run) -> list[Row]:
    """In the parent: fresh processes of the app and of the floor, one figure each."""
    doc, audio = write_recording(run.work / "recording")
    apps, floors = [], []
    for i in range(RUNS):
        paths = {"doc": str(doc), "audio": str(audio)}
        notes = str(run.work / "recording" / f"notes-{i}.json")
        apps.append(run.child("recording_bench", "app", notes=notes, **paths))
        floors.append(run.child("recording_bench", "floor", audio=str(audio)))
    return [
        Row(
            "9. Recordings",
            "attach a recording → playing (first position reported)",
            [a["attach_to_play_s"] for a in apps],
            floor=[f["attach_to_play_s"] for f in floors],
            floor_name="bare QMediaPlayer, QtMultimedia import included",
            note="a fresh process each time, so QtMultimedia's import is in both figures; "
            "start-up without a recording is section 1",
        )
    ]


def write_recording(folder: Path, seconds: int = 30) -> tuple[Path, Path]:
    """(transcript with a time every 5 s, silent 8 kHz WAV of `seconds`), for the parent."""
    folder.mkdir(parents=True, exist_ok=True)
    doc, audio = folder / "timed.txt", folder / "timed-take.wav"
    speakers = ("Interviewer", "Ana")
    turns = [f"[00:00:{s:02d}] {speakers[s // 5 % 2]}: words" for s in range(0, 30, 5)]
    doc.write_text("\n\n".join(turns) + "\n", encoding="utf-8")
    with wave.open(str(audio), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 8000 * seconds)
    return doc, audio


def finish(started: float, app: QApplication) -> None:
    emit({"attach_to_play_s": time.perf_counter() - started})
    app.exit(0)


def main() -> int:
    mode, options = child_args()
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(TIMEOUT_MS, lambda: app.exit(1))
    audio = Path(options["audio"])
    if mode == "floor":
        started = time.perf_counter()
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

        player, output = QMediaPlayer(), QAudioOutput()
        player.setAudioOutput(output)
        player.positionChanged.connect(lambda ms: ms > 0 and finish(started, app))
        player.setSource(QUrl.fromLocalFile(str(audio)))
        player.play()
        return app.exec()
    from reader.ui.window.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.open_document(Path(options["doc"]), Path(options["notes"]))
    app.processEvents()

    def attach() -> None:
        started = time.perf_counter()
        recording = window.recording
        recording.attaching.attach(audio)
        assert recording.player is not None
        recording.player.positionChanged.connect(lambda ms: ms > 0 and finish(started, app))
        recording.toggle()

    QTimer.singleShot(0, attach)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
