"""Qt helpers for the benchmark children: first-paint detection, waiting, memory figures.

The first paint is caught from outside the app: an event filter on the QApplication sees
the first Paint event of the reading pane's viewport (the QTextEdit named "reader"), then
a zero timer fires once that paint, and the rest of the window's frame, is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QTextEdit

READER_NAME = "reader"
LAYOUT_TIMEOUT_S = 120.0


class FirstPaint(QObject):
    """Records when the viewport of the scroll area named `name` has painted for the first
    time since `reset()`; `done_ns` is time.monotonic_ns() then (None before)."""

    def __init__(
        self,
        app: QCoreApplication,
        name: str = READER_NAME,
        on_done: Callable[[FirstPaint], None] | None = None,
    ) -> None:
        super().__init__()
        self.name = name
        self.on_done = on_done
        self.started_ns: int | None = None
        self.done_ns: int | None = None
        app.installEventFilter(self)

    def reset(self) -> None:
        self.started_ns = self.done_ns = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.started_ns is None and event.type() == QEvent.Type.Paint:
            parent = watched.parent()
            if (
                isinstance(parent, QAbstractScrollArea)
                and parent.objectName() == self.name
                and watched is parent.viewport()
            ):
                self.started_ns = time.monotonic_ns()
                QTimer.singleShot(0, self._finished)
        return False

    def _finished(self) -> None:
        self.done_ns = time.monotonic_ns()
        if self.on_done is not None:
            self.on_done(self)

    def wait(self, timeout_s: float = 60.0) -> int:
        """Process events until the first paint is done; its time.monotonic_ns()."""
        app = QApplication.instance()
        deadline = time.monotonic() + timeout_s
        while self.done_ns is None:
            if time.monotonic() > deadline:
                raise TimeoutError("the reading pane never painted")
            app.processEvents()
        return self.done_ns


def layout_done(edit: QTextEdit) -> bool:
    """True once the document layout has reached the last block.

    QTextDocumentLayout lays a long document out lazily, in order, from a timer; asking
    for a block's geometry lays out everything before it. The last block's QTextLayout has
    lines only when everything is laid out, and reading them does not force a layout.
    """
    return edit.document().lastBlock().layout().lineCount() > 0


def wait_for_layout(edit: QTextEdit, timeout_s: float = LAYOUT_TIMEOUT_S) -> int:
    """Process events (as the idle app would) until the whole document is laid out."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout_s
    while not layout_done(edit):
        if time.monotonic() > deadline:
            raise TimeoutError("the document layout did not finish")
        app.processEvents()
    return time.monotonic_ns()


def settle(rounds: int = 3) -> None:
    """Deliver pending events, deferred deletions included."""
    app = QApplication.instance()
    for _ in range(rounds):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def proc_status_kb(field: str) -> int:
    """A "kB" figure of /proc/self/status: VmHWM (peak resident), VmRSS (resident now)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(field)


_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")


def release_free_memory() -> None:
    """Collect garbage and hand free heap pages back, so VmRSS shows what is still held."""
    gc.collect()
    _libc.malloc_trim(0)


class LagProbe(QObject):
    """Measures how long the GUI thread is blocked: a precise 1 ms timer that notes how late
    each of its ticks comes. A gap of 1 ms plus X means the event loop was busy for X."""

    def __init__(self, interval_ms: int = 1) -> None:
        super().__init__()
        self.interval_s = interval_ms / 1000
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._start = self._last = 0.0
        self.blocks: list[tuple[float, float]] = []  # (seconds blocked, seconds from start)

    def start(self) -> None:
        self.blocks = []
        self._start = self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.blocks.append((max(0.0, now - self._last - self.interval_s), self._last - self._start))
        self._last = now

    def longest(self, count: int = 3) -> list[tuple[float, float]]:
        return sorted(self.blocks, reverse=True)[:count]


def run_event_loop(seconds: float) -> None:
    """Run the event loop as the idle app does, for `seconds`."""
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
