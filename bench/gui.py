"""Qt helpers for the benchmark children: running one, the app's window, first-paint
detection, waiting for events, and memory figures.

The first paint is caught from outside the app: an event filter on the QApplication sees
the first Paint event of the reading pane's viewport (the QTextEdit named "reader"), then
a zero timer fires once that paint, and the rest of the window's frame, is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import itertools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QTextEdit

from bench.proc import child_args, emit

READER_NAME = "reader"


def child_main(**modes: Callable[..., dict[str, Any]]) -> None:
    """Run a child: call the function of its mode with the QApplication and its options,
    and hand the result, with the peak memory, to the parent."""
    mode, options = child_args()
    app = QApplication([])
    emit(modes[mode](app, **options) | {"vm_hwm_kb": proc_status_kb("VmHWM")})
    os._exit(0)  # the measurement is over: skip tearing down thousands of Qt objects


def main_window(desktop_size: bool = True) -> Any:
    """A new MainWindow, no saved settings restored; with `desktop_size`, 1280x820 with the
    reader 768 px wide. The one place the benchmarks name the window's module."""
    from reader.ui.settings import settings
    from reader.ui.window.main_window import MainWindow

    store = settings()
    store.clear()  # every window at the default size: a restored one can come out smaller
    store.sync()
    window = MainWindow()
    if desktop_size:
        # The app fits a first window to the screen, and offscreen the screen is 800x600;
        # on that narrow one, 5 MB of text grows past Qt's 2**23 px layout limit and the
        # layout never ends.
        window.resize(1280, 820)
        window.splitter.setSizes([768, 512])
    return window


def bare_reader() -> QTextEdit:
    """The floors' reading pane: a read-only QTextEdit that FirstPaint watches."""
    edit = QTextEdit()
    edit.setObjectName(READER_NAME)
    edit.setReadOnly(True)
    return edit


def _process_events_until(done: Callable[[], bool], timeout_s: float, what: str) -> int:
    """Process events, as the idle app would, until `done()`; time.monotonic_ns() then."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        app.processEvents()
    return time.monotonic_ns()


class FirstPaint(QObject):
    """Records when the viewport of the scroll area named "reader" has painted for the
    first time since `reset()`; `done_ns` is time.monotonic_ns() then (None before).

    `app_wide`: every event of the application is filtered to find that viewport. Each
    costs a call into Python, so a window of many widgets would pay more for being
    measured than a bare one: without it, `watch` names the viewport instead."""

    def __init__(
        self,
        app: QCoreApplication,
        on_done: Callable[[FirstPaint], None] | None = None,
        *,
        app_wide: bool = True,
    ) -> None:
        super().__init__(app)  # the application keeps it alive
        self.on_done = on_done
        self.started = False
        self.done_ns: int | None = None
        self._viewport: QObject | None = None
        if app_wide:
            app.installEventFilter(self)

    def watch(self, viewport: QObject) -> None:
        """Only `viewport`'s events are filtered from now on."""
        self._viewport = viewport
        viewport.installEventFilter(self)

    def reset(self) -> None:
        self.started, self.done_ns = False, None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.started
            and event.type() == QEvent.Type.Paint
            and (watched is self._viewport or self._is_reader_viewport(watched))
        ):
            self.started = True
            QTimer.singleShot(0, self._finished)
        return False

    @staticmethod
    def _is_reader_viewport(watched: QObject) -> bool:
        parent = watched.parent()
        return (
            isinstance(parent, QAbstractScrollArea)
            and parent.objectName() == READER_NAME
            and watched is parent.viewport()
        )

    def _finished(self) -> None:
        self.done_ns = time.monotonic_ns()
        if self.on_done is not None:
            self.on_done(self)

    def wait(self) -> int:
        """Process events until the first paint is done; its time.monotonic_ns()."""
        _process_events_until(lambda: self.done_ns is not None, 60, "the reader never painted")
        assert self.done_ns is not None
        return self.done_ns


def wait_for_layout(edit: QTextEdit) -> int:
    """Process events until the whole document is laid out; time.monotonic_ns() then.

    QTextDocumentLayout lays a long document out lazily, in order, from a timer. The last
    block's QTextLayout has lines only when everything is laid out, and reading them does
    not force a layout.
    """
    last = edit.document().lastBlock()
    return _process_events_until(lambda: last.layout().lineCount() > 0, 120, "layout unfinished")


def settle(rounds: int = 3) -> None:
    """Deliver pending events, deferred deletions included."""
    app = QApplication.instance()
    for _ in range(rounds):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_event_loop(seconds: float, until: Callable[[], bool] | None = None) -> None:
    """Run the event loop as the idle app does, for `seconds` (or until `until()`)."""
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    poll = QTimer()
    if until is not None:
        poll.timeout.connect(lambda: until() and loop.quit())
        poll.start(5)
    loop.exec()
    poll.stop()


def longest_block(
    seconds: float, start: Callable[[], object], until: Callable[[], bool] | None = None
) -> float:
    """Call `start`, run the event loop for `seconds` (or until `until()`), and return the
    longest time the GUI thread was blocked: a precise 1 ms timer's tick that comes
    1 ms + X late was held X."""
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(1)
    start()
    run_event_loop(seconds, until)
    timer.stop()
    ticks.append(time.perf_counter())
    return max(0.0, *(b - a - 0.001 for a, b in itertools.pairwise(ticks)))


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
