"""Start-up floor child: a bare PySide6 window with the same text, timed like the app.

A QMainWindow holding a QSplitter with a read-only QTextEdit (named "reader", showing the
interview) and an empty QPlainTextEdit, at the app's default window size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
)

from bench.gui import FirstPaint, proc_status_kb
from bench.proc import emit

_hook: FirstPaint | None = None


def build_window(text: str) -> QMainWindow:
    window = QMainWindow()
    splitter = QSplitter()
    reader = QTextEdit()
    reader.setObjectName("reader")
    reader.setReadOnly(True)
    reader.setPlainText(text)
    splitter.addWidget(reader)
    splitter.addWidget(QPlainTextEdit())
    window.setCentralWidget(splitter)
    window.resize(1280, 820)
    return window


def report(hook: FirstPaint) -> None:
    assert hook.done_ns is not None and hook.started_ns is not None
    t0 = int(os.environ["BENCH_T0_NS"])
    emit(
        {
            "first_paint_s": (hook.done_ns - t0) / 1e9,
            "paint_started_s": (hook.started_ns - t0) / 1e9,
            "vm_hwm_kb": proc_status_kb("VmHWM"),
            "vm_rss_kb": proc_status_kb("VmRSS"),
        }
    )
    os._exit(0)


def main() -> int:
    global _hook
    app = QApplication(sys.argv[:1])
    _hook = FirstPaint(app, on_done=report)
    window = build_window(Path(sys.argv[1]).read_text(encoding="utf-8"))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
