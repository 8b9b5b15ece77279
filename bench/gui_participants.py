"""Fill Participants and Dates from Transcripts child: the app with a study of 500
interviews of 60 KB whose transcripts name their speakers ("Interviewer:", "Ana Pereira:";
a group and a "Speaker 2" now and then), timing Edit ▸ Fill Participants and Dates from
Transcripts from the command to the report, and the longest the window went without handling events
meanwhile. `cold`: the command given as the study opens; `warm`: once the study's texts
are loaded for search (the first WARM, as the study opens; each is kept and not read again).

    python -m bench.gui_participants cold '{"count": 500}'
    python -m bench.gui_participants warm '{"count": 500}'
"""

from __future__ import annotations

import time
from itertools import product
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from bench.data import build_transcript
from bench.gui import child_main, main_window, run_event_loop, settle
from bench.gui_switch import INTERVIEW_BYTES
from bench.proc import scratch_dir
from bench.table import Row, Target

INTERVIEWS = 500
TICK_MS = 5  # the timer that finds how long the event loop was kept waiting
FILL_TARGET_S = 10.0  # a one-off command behind a progress dialog: seconds, not minutes
FIRST = ("Ana", "Ben", "Chiara", "Dmitri", "Efua", "Farid", "Grace", "Hiroshi", "Ines", "Jonas",
         "Kemal", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Tariq",
         "Uma", "Viktor", "Wanjiru", "Xavier", "Yara")  # fmt: skip
LAST = ("Pereira", "Okafor", "Lindqvist", "Haddad", "Nakamura", "Novak", "Diaz", "Mensah",
        "Kowalski", "Byrne", "Rossi", "Achterberg", "Singh", "Moreau", "Tanaka", "Alves",
        "Murphy", "Yilmaz", "Costa", "Ngata")  # fmt: skip


def write_named_study(count: int = INTERVIEWS, folder: Path | None = None) -> Path:
    """A study of `count` transcripts of INTERVIEW_BYTES, each naming its participant
    ("Interviewer:" asks, the participant answers); every 50th is a group of two, every
    40th names its participant only "Speaker 2"."""
    from reader.core.study import open_study

    if folder is None:
        folder = scratch_dir("bench-participants-") / "study"
    folder.mkdir(parents=True)
    lines = build_transcript(INTERVIEW_BYTES).splitlines()
    asks = [line.rstrip(" 0123456789[]").endswith("?") for line in lines]
    names = [f"{first} {last}" for last, first in product(LAST, FIRST)]
    for i in range(count):
        answer = [names[i % len(names)]]
        if i % 50 == 49:
            answer.append(names[(i + 1) % len(names)])
        elif i % 40 == 39:
            answer = ["Speaker 2"]
        turns = []
        for n, (line, asked) in enumerate(zip(lines, asks, strict=True)):
            speaker = "Interviewer" if asked else answer[n % len(answer)]
            turns.append(f"{speaker}: {line} (P{i})")
        (folder / f"P{i:03d}.txt").write_text("\n".join(turns) + "\n", "utf-8")
    open_study(folder).save()
    return folder


def run(app: QApplication, count: int = INTERVIEWS, warm: bool = False) -> dict[str, Any]:
    folder = write_named_study(count)
    window = main_window()
    window.show()
    assert window.study_actions.open_path(folder)
    settle()
    if warm:
        run_event_loop(600, until=lambda: window.switcher.texts.warmed)
    gaps: list[float] = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer(interval=TICK_MS)
    ticker.timeout.connect(tick)
    ticker.start()
    said: list[str] = []
    window.study.message.connect(said.append)
    start = time.monotonic()
    last[0] = start
    window.window_actions.fill_from_transcripts.trigger()
    run_event_loop(600, until=lambda: bool(said))
    seconds = time.monotonic() - start
    ticker.stop()
    filled = sum(1 for e in window.study.study.interviews if e.participant)
    return {"fill_s": seconds, "max_gap_ms": max(gaps) * 1000, "filled": filled, "said": said[0]}


def run_cold(app: QApplication, count: int = INTERVIEWS) -> dict[str, Any]:
    return run(app, count)


def run_warm(app: QApplication, count: int = INTERVIEWS) -> dict[str, Any]:
    return run(app, count, warm=True)


def measure(run_: Any) -> list[Row]:
    """bench/run.py's rows: the command as the study opens, and once its texts are loaded."""
    cold, warm = run_.child("gui_participants", "cold"), run_.child("gui_participants", "warm")
    note = f"{cold['filled']} of {INTERVIEWS} filled; the longest wait for events: "
    return [
        Row(
            "9. Studies",
            f"Fill Participants and Dates from Transcripts, {INTERVIEWS} interviews of 60 KB, "
            "as the study opens: command → report",
            [cold["fill_s"]],
            "s",
            target=Target(FILL_TARGET_S),
            note=note + f"{cold['max_gap_ms']:.0f} ms",
        ),
        Row(
            "9. Studies",
            "the same, once the study's texts are loaded for search",
            [warm["fill_s"]],
            "s",
            target=Target(FILL_TARGET_S),
            note=note + f"{warm['max_gap_ms']:.0f} ms",
        ),
    ]


if __name__ == "__main__":
    child_main(cold=run_cold, warm=run_warm)
