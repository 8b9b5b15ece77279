"""Switching child: the app with a study of SWITCH_INTERVIEWS interviews of 60 KB (100
highlights each) open, timing a switch to another interview to the reader's first paint;
or the floor, a bare QTextEdit given the same text (setPlainText + paint).

    python -m bench.gui_switch app '{"runs": 10}'
    python -m bench.gui_switch floor '{"runs": 10}'
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from bench.data import build_transcript, make_highlights
from bench.gui import FirstPaint, bare_reader, child_main, main_window, settle
from bench.proc import scratch_dir

SWITCH_INTERVIEWS = 6
INTERVIEW_BYTES = 60_000
HIGHLIGHTS = 100


def write_study(count: int = SWITCH_INTERVIEWS, folder: Path | None = None) -> Path:
    """A saved study of `count` interviews of INTERVIEW_BYTES with HIGHLIGHTS each, in
    `folder` (a new one by default)."""
    from reader.core.document import load_document
    from reader.core.notes_file import NotesData
    from reader.core.store import save_notes
    from reader.core.study import open_study

    if folder is None:
        folder = scratch_dir("bench-switch-") / "study"
    folder.mkdir(parents=True)
    base = build_transcript(INTERVIEW_BYTES)
    for i in range(count):
        (folder / f"P{i:03d}.txt").write_text(base.replace("\n", f" (P{i})\n"), "utf-8")
    study = open_study(folder)
    for i, entry in enumerate(study.interviews):
        document = load_document(study.transcript_path(entry))
        highlights = make_highlights(document.text, HIGHLIGHTS, seed=i)
        save_notes(study.notes_path(entry), NotesData(document.meta(), highlights=highlights))
    study.save()
    return folder


def run_app(app: QApplication, runs: int = 10) -> dict[str, Any]:
    folder = write_study()
    window = main_window()
    window.show()
    assert window.study_actions.open_path(folder)
    settle()
    hook = FirstPaint(app)
    ids = [e.id for e in window.study.study.interviews]
    times = []
    for run in range(runs):
        hook.reset()
        start = time.monotonic_ns()
        assert window.switcher.open(ids[(run + 1) % len(ids)])
        times.append((hook.wait() - start) / 1e9)
        settle()
    return {"switch": times}


def run_floor(app: QApplication, runs: int = 10) -> dict[str, Any]:
    texts = [build_transcript(INTERVIEW_BYTES).replace("\n", f" (P{i})\n") for i in range(2)]
    edit = bare_reader()
    edit.resize(768, 760)
    edit.show()
    settle()
    hook = FirstPaint(app)
    times = []
    for run in range(runs):
        hook.reset()
        start = time.monotonic_ns()
        edit.setPlainText(texts[run % 2])
        times.append((hook.wait() - start) / 1e9)
        settle()
    return {"switch": times}


if __name__ == "__main__":
    child_main(app=run_app, floor=run_floor)
