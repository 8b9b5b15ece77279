"""Memory-over-time child: open one document many times in one process.

    python -m bench.gui_memory app   --doc DOC --notes NOTES [--cycles 50]
    python -m bench.gui_memory floor --doc DOC [--cycles 50]

`app`: one shown MainWindow; each cycle is open_document, as File ▸ Open does it (it
closes the document open before), until painted. `floor`: one shown bare QTextEdit; each
cycle is setPlainText, which replaces the text before. After each cycle, garbage is
collected and free heap pages are handed back, so the resident memory (VmRSS) counts what
is still held.
"""

from __future__ import annotations

import argparse
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTextEdit

from bench.gui import (
    READER_NAME,
    FirstPaint,
    main_window,
    proc_status_kb,
    release_free_memory,
    settle,
)
from bench.proc import emit, scratch_dir
from bench.table import timed


def app_window(args: argparse.Namespace) -> Callable[[], object]:
    notes = scratch_dir("bench-loop-") / "notes.json"
    shutil.copyfile(args.notes, notes)
    window = main_window(desktop_size=False)  # fitted to the 800x600 screen, as the floor
    window.show()
    return lambda: window.open_document(args.doc, notes)


def floor_window(args: argparse.Namespace) -> Callable[[], object]:
    text = args.doc.read_text(encoding="utf-8")
    edit = QTextEdit()
    edit.setObjectName(READER_NAME)
    edit.setReadOnly(True)
    edit.resize(760, 760)
    edit.show()
    return lambda: edit.setPlainText(text)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gui_memory")
    parser.add_argument("mode", choices=("app", "floor"))
    parser.add_argument("--doc", type=Path, required=True)
    parser.add_argument("--notes", type=Path)
    parser.add_argument("--cycles", type=int, default=50)
    args = parser.parse_args()
    app = QApplication([])
    open_ = app_window(args) if args.mode == "app" else floor_window(args)
    hook = FirstPaint(app)
    rss_kb, times = [], []
    for _ in range(args.cycles):
        hook.reset()
        times.append(timed(lambda: (open_(), hook.wait())))
        settle()
        release_free_memory()
        rss_kb.append(proc_status_kb("VmRSS"))
    emit({"rss_kb": rss_kb, "open_s": times})
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
