"""Start-up child: the real app, `reader.app.main(argv)` as main.py runs it, reporting the
time from its spawn (BENCH_T0_NS) to the first finished paint of the reading pane.

Only the QApplication is made here, before reader.app.main runs, so that the first-paint
hook can be installed; run_gui then uses it. The process exits at once after reporting.
With BENCH_PROFILE=FILE the run is profiled and the summary written to FILE instead.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

T0_NS = int(os.environ["BENCH_T0_NS"])
PROFILE = os.environ.get("BENCH_PROFILE")

if PROFILE:
    from pyinstrument import Profiler

    _profiler = Profiler(interval=0.0005)
    _profiler.start()

from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.gui import FirstPaint, proc_status_kb  # noqa: E402
from bench.proc import emit  # noqa: E402

_hook: FirstPaint | None = None


def report(hook: FirstPaint) -> None:
    assert hook.done_ns is not None and hook.started_ns is not None
    if PROFILE:
        from bench.profiling import summarise

        _profiler.stop()
        summary = summarise(_profiler, "start-up of the app")
        Path(PROFILE).write_text(json.dumps(summary), encoding="utf-8")
    emit(
        {
            "first_paint_s": (hook.done_ns - T0_NS) / 1e9,
            "paint_started_s": (hook.started_ns - T0_NS) / 1e9,
            "vm_hwm_kb": proc_status_kb("VmHWM"),
            "vm_rss_kb": proc_status_kb("VmRSS"),
        }
    )
    os._exit(0)  # the measurement is over: no closing, saving or unlocking


def main() -> int:
    app = QApplication(sys.argv[:1])
    global _hook
    _hook = FirstPaint(app, on_done=report)
    from reader.app import main as app_main

    return app_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
