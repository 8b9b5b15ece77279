"""Memory child: resident memory after each stage of opening a document, and the peak.

    python -m bench.memory_stages app   --doc DOC [--notes NOTES] [--tracemalloc]
    python -m bench.memory_stages floor --doc DOC

`app` goes the way run_gui does (QApplication, the app's modules, MainWindow,
open_document, show) and then waits for the layout to finish; `floor` builds the start-up
floor's bare window. With --tracemalloc the app's biggest Python allocation sites are
listed too (tracemalloc slows the run, so its figures are not used for anything else).
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import tracemalloc
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from bench.gui import FirstPaint, proc_status_kb, wait_for_layout
from bench.proc import ROOT, emit, scratch_dir

TRACE_TOP = 10
# The app's imports one by one, its third-party libraries first; a module shared by two is
# counted with the first. reader.ui.window.main_window comes last and brings in the rest.
IMPORTS = (
    "orjson",
    "platformdirs",
    "rapidfuzz.fuzz",
    "fastjsonschema",
    "reader.core.session",
    "reader.core.export",
    "reader.core.backups",
    "reader.ui.annotations.panel",
    "reader.ui.reading.reader_view",
    "reader.ui.notes.notes_pane",
    "reader.ui.persistence.safety",
    "reader.ui.window.main_window",
)


def _stage(stages: list[tuple[str, int]], name: str) -> None:
    stages.append((name, proc_status_kb("VmRSS")))


def _app(args: argparse.Namespace, stages: list[tuple[str, int]]) -> dict[str, Any]:
    if args.tracemalloc:
        tracemalloc.start()
    app = QApplication([])
    hook = FirstPaint(app)
    _stage(stages, "Python, PySide6 and a QApplication")
    imports = []
    for module in IMPORTS:
        before = proc_status_kb("VmRSS")
        importlib.import_module(module)
        imports.append((module, proc_status_kb("VmRSS") - before))
    from reader.ui.window.main_window import MainWindow

    _stage(stages, "importing the app (reader.ui.window.main_window)")
    window = MainWindow()
    window.resize(1280, 820)  # a desktop size, as in gui_scale (offscreen's screen is 800x600)
    window.splitter.setSizes([768, 512])
    _stage(stages, "MainWindow()")
    notes = scratch_dir("bench-mem-") / "notes.json"
    if args.notes is not None:
        shutil.copyfile(args.notes, notes)
    window.open_document(args.doc, notes)
    _stage(stages, "open_document()")
    window.show()
    hook.wait()
    _stage(stages, "show() and first paint")
    wait_for_layout(window.reader)
    _stage(stages, "layout finished")
    result: dict[str, Any] = {"imports": imports}
    if args.tracemalloc:
        snapshot = tracemalloc.take_snapshot()
        app_files = tracemalloc.Filter(True, str(ROOT / "reader") + "/*")
        top = snapshot.filter_traces([app_files]).statistics("lineno")[:TRACE_TOP]
        result["python_allocations"] = [
            {
                "where": f"{Path(s.traceback[0].filename).relative_to(ROOT)}:"
                f"{s.traceback[0].lineno}",
                "kb": s.size // 1024,
                "count": s.count,
            }
            for s in top
        ]
        result["python_total_kb"] = sum(s.size for s in snapshot.statistics("filename")) // 1024
    return result


def _floor(args: argparse.Namespace, stages: list[tuple[str, int]]) -> dict[str, Any]:
    from bench.startup_floor import build_window

    app = QApplication([])
    hook = FirstPaint(app)
    _stage(stages, "Python, PySide6 and a QApplication")
    window = build_window(args.doc.read_text(encoding="utf-8"))
    _stage(stages, "the window with the text")
    window.show()
    hook.wait()
    _stage(stages, "show() and first paint")
    return {}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory_stages")
    parser.add_argument("mode", choices=("app", "floor"))
    parser.add_argument("--doc", type=Path, required=True)
    parser.add_argument("--notes", type=Path)
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()
    stages: list[tuple[str, int]] = []
    result = _app(args, stages) if args.mode == "app" else _floor(args, stages)
    result.update(stages=stages, vm_hwm_kb=proc_status_kb("VmHWM"))
    emit(result)
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
