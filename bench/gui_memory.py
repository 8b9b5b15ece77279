"""Memory-over-time child: open and close one document many times in one process.

    python -m bench.gui_memory app   --doc DOC --notes NOTES [--cycles 50] [--warmup 5]
    python -m bench.gui_memory floor --doc DOC [--cycles 50] [--warmup 5]

`app`: one shown MainWindow; each cycle is open_document, as File ▸ Open does it (the
document open before is closed by it), until painted. `floor`: one shown bare QTextEdit;
each cycle is setPlainText, which replaces the text before, until painted.

(close_document() on its own is not used: its controller is deleted on the next turn of
the event loop, taking with it the undo QActions that the next open_document() then
touches, which raises RuntimeError. The app only calls it on quitting.)
Resident memory is read after each cycle, once garbage is collected and free heap pages
are handed back (the same for both), so it counts what is still held.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QTextEdit

from bench.gui import FirstPaint, proc_status_kb, release_free_memory, settle
from bench.proc import emit, scratch_dir


def _cycles(app: QApplication, open_: Callable[[], None], count: int) -> dict[str, Any]:
    hook = FirstPaint(app)
    rss_kb, times = [], []
    for _ in range(count):
        hook.reset()
        start = time.perf_counter()
        open_()
        hook.wait()
        times.append(time.perf_counter() - start)
        settle()
        release_free_memory()
        rss_kb.append(proc_status_kb("VmRSS"))
    return {"rss_kb": rss_kb, "open_s": times}


CENSUS_WARMUP = 5
CENSUS_CYCLES = 10
CENSUS_TOP = 8


def _census() -> Counter[str]:
    gc.collect()
    return Counter(type(o).__qualname__ for o in gc.get_objects())


def _holders(type_name: str) -> dict[str, int]:
    """What refers to the live objects of a type (the census's own lists left out)."""
    found = [o for o in gc.get_objects() if type(o).__qualname__ == type_name]
    holders: Counter[str] = Counter()
    for obj in found:
        for ref in gc.get_referrers(obj):
            if ref is not found and not isinstance(ref, type(gc.get_objects)):
                holders[type(ref).__qualname__] += 1
    del found
    return dict(holders.most_common(3))


def census(app: QApplication, open_: Callable[[], None]) -> dict[str, Any]:
    """The object types that grow by the same count in two runs of CENSUS_CYCLES opens
    (so one-off caches drop out), with what holds on to them."""
    _cycles(app, open_, CENSUS_WARMUP)
    counts = [_census()]
    for _ in range(2):
        _cycles(app, open_, CENSUS_CYCLES)
        counts.append(_census())
    first, second, third = counts
    steady = []
    for name in third:
        grew = second[name] - first[name]
        if grew > 0 and third[name] - second[name] == grew:
            steady.append((grew / CENSUS_CYCLES, name))
    steady.sort(reverse=True)
    return {
        "cycles": CENSUS_CYCLES,
        "growing": [
            {"type": name, "per_open": per, "held_by": _holders(name)}
            for per, name in steady[:CENSUS_TOP]
        ],
    }


def run_app(args: argparse.Namespace, app: QApplication) -> dict[str, Any]:
    from reader.ui.window.main_window import MainWindow

    notes = scratch_dir("bench-loop-") / "notes.json"
    shutil.copyfile(args.notes, notes)
    window = MainWindow()
    window.show()

    def open_() -> None:
        window.open_document(args.doc, notes)

    if args.census:
        return census(app, open_)
    return _cycles(app, open_, args.cycles)


def run_floor(args: argparse.Namespace, app: QApplication) -> dict[str, Any]:
    text = args.doc.read_text(encoding="utf-8")
    edit = QTextEdit()
    edit.setObjectName("reader")
    edit.setReadOnly(True)
    edit.resize(760, 760)
    edit.show()

    def open_() -> None:
        edit.setPlainText(text)

    return _cycles(app, open_, args.cycles)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gui_memory")
    parser.add_argument("mode", choices=("app", "floor"))
    parser.add_argument("--doc", type=Path, required=True)
    parser.add_argument("--notes", type=Path)
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--census", action="store_true", help="find what each open leaves")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    result = run_app(args, app) if args.mode == "app" else run_floor(args, app)
    emit(result)
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
