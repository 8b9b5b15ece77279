"""Study window child: process start to the first paint of the window opening a study of
STUDY_INTERVIEWS interviews (60 KB, 100 highlights each: 50,000 in all), and its peak
memory then and once the study's texts are loaded in the background (for Search
Everything); against the app opening one such interview with its notes.

    python -m bench.gui_study study '{"folder": DIR}'
    python -m bench.gui_study one '{"doc": FILE, "notes": FILE}'

`measure` runs the children for bench/run.py: the study is written once, in the bench's
temporary folder, and each child opens it (opening writes nothing but a lock).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from functools import partial
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from bench.gui import FirstPaint, proc_status_kb
from bench.gui_switch import write_study
from bench.proc import child_args, emit
from bench.table import Row, Target

STUDY_INTERVIEWS = 500
RUNS = 3
OPEN_TARGET_S = 1.0
MEMORY_RATIO = 1.5
LOADED_TIMEOUT_S = 180
IDLE_S = 2.0  # the app with one interview, left idle as long as a study's texts load
T0_NS = int(os.environ.get("BENCH_T0_NS", "0"))


def _window() -> Any:
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main-window")


def _loaded() -> bool:
    """The background load of the study's texts is over (or there is no study)."""
    switcher = _window().switcher
    texts = switcher.texts
    return texts is None or texts.warmed


def _report(first: dict[str, Any], started: float, done: Any) -> None:
    if not done() and time.monotonic() - started < LOADED_TIMEOUT_S:
        QTimer.singleShot(50, partial(_report, first, started, done))
        return
    emit(first | {"settled_s": time.monotonic() - started, "vm_hwm_kb": proc_status_kb("VmHWM")})
    os._exit(0)  # the measurement is over: no closing, saving or unlocking


def _painted(mode: str, hook: FirstPaint) -> None:
    assert hook.done_ns is not None
    first = {
        "first_paint_s": (hook.done_ns - T0_NS) / 1e9,
        "vm_hwm_first_kb": proc_status_kb("VmHWM"),
        "interviews": len(_window().library.model.rows),
    }
    started = time.monotonic()

    def idle() -> bool:
        return time.monotonic() - started >= IDLE_S

    _report(first, started, _loaded if mode == "study" else idle)


def main() -> int:
    mode, options = child_args()
    app = QApplication(sys.argv[:1])
    FirstPaint(app, on_done=partial(_painted, mode))
    from reader.app import main as app_main

    argv = [options["folder"]] if mode == "study" else [options["doc"], "--notes", options["notes"]]
    return app_main(argv)


def _mb(results: tuple[dict[str, Any], ...], key: str) -> list[float]:
    return [r[key] / 1024 for r in results]


def measure(run: Any) -> list[Row]:
    """bench/run.py's rows: `run` gives the temporary folder (`work`) and `child`."""
    folder = run.work / "gui-study" / "study"
    write_study(STUDY_INTERVIEWS, folder)
    doc = next(folder.glob("P000.txt"))
    notes = folder / "notes"
    one_notes = run.work / "gui-study" / "one-notes.json"

    def one() -> dict[str, Any]:
        # P000's own notes, copied (the app may change them): another interview's, the
        # app asks whether to open them for this one.
        shutil.copyfile(next(notes.glob("p000-*.json")), one_notes)
        return run.child("gui_study", "one", doc=str(doc), notes=str(one_notes))

    one()  # unmeasured, both: the disk cache
    run.child("gui_study", "study", folder=str(folder))
    studies, ones = zip(
        *[(run.child("gui_study", "study", folder=str(folder)), one()) for _ in range(RUNS)],
        strict=True,
    )
    listed = studies[0]["interviews"]
    row = partial(Row, "9. Studies", floor_name="the app with one 60 KB interview")
    loaded = max(r["settled_s"] for r in studies)
    return [
        row(
            f"window with a study of {listed} interviews (50,000 highlights): process "
            "start → first paint",
            [r["first_paint_s"] for r in studies],
            floor=[r["first_paint_s"] for r in ones],
            target=Target(OPEN_TARGET_S),
            note="the library lists every interview from the notes files; texts load later",
        ),
        row(
            "the same: peak memory at first paint (VmHWM)",
            _mb(studies, "vm_hwm_first_kb"),
            "MB",
            floor=_mb(ones, "vm_hwm_first_kb"),
            target=Target(MEMORY_RATIO, ratio=True),
        ),
        row(
            "the same: peak memory once the study's texts are loaded for search (VmHWM)",
            _mb(studies, "vm_hwm_kb"),
            "MB",
            floor=_mb(ones, "vm_hwm_kb"),
            target=Target(MEMORY_RATIO, ratio=True),
            note=f"loaded in the background within {loaded:.1f} s of the first paint; "
            f"the floor idle {IDLE_S:g} s",
        ),
    ]


if __name__ == "__main__":
    sys.exit(main())
