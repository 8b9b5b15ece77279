"""Memory-over-time child: open one document many times in one process.

    python -m bench.gui_memory app '{"doc": DOC, "notes": NOTES, "cycles": 50}'
    python -m bench.gui_memory floor '{"doc": DOC, "cycles": 50}'

`app`: one shown MainWindow; each cycle is open_document, as File ▸ Open does it (it
closes the document open before), until painted. `floor`: one shown bare QTextEdit; each
cycle is setPlainText, which replaces the text before. After each cycle, garbage is
collected and free heap pages are handed back, so the resident memory (VmRSS) counts what
is still held.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from bench.gui import (
    FirstPaint,
    bare_reader,
    child_main,
    main_window,
    proc_status_kb,
    release_free_memory,
    settle,
)
from bench.proc import scratch_dir
from bench.table import timed


def reopen(app: QApplication, count: int, open_: Callable[[], object]) -> dict[str, Any]:
    hook = FirstPaint(app)
    result: dict[str, list[Any]] = {"rss_kb": [], "open_s": []}
    for _ in range(count):
        hook.reset()
        result["open_s"].append(timed(lambda: (open_(), hook.wait())))
        settle()
        release_free_memory()
        result["rss_kb"].append(proc_status_kb("VmRSS"))
    return result


def run_app(app: QApplication, doc: str, notes: str, cycles: int = 50) -> dict[str, Any]:
    copy = scratch_dir("bench-loop-") / "notes.json"
    shutil.copyfile(notes, copy)
    window = main_window(desktop_size=False)  # fitted to the 800x600 screen, as the floor
    window.show()
    return reopen(app, cycles, lambda: window.open_document(Path(doc), copy))


def run_floor(app: QApplication, doc: str, cycles: int = 50) -> dict[str, Any]:
    text = Path(doc).read_text(encoding="utf-8")
    edit = bare_reader()
    edit.resize(760, 760)
    edit.show()
    return reopen(app, cycles, lambda: edit.setPlainText(text))


if __name__ == "__main__":
    child_main(app=run_app, floor=run_floor)
