"""Qt helpers for the benchmark children: running one, the app's window, first-paint
detection, waiting for events, and memory figures.

The first paint is caught from outside the app: an event filter sees the first Paint event
of the reading pane's viewport (the QTextEdit named "reader"). Qt paints a window's widgets
in one pass and puts the frame on the screen before it returns to the event loop; so the
first timer or queued call after that Paint marks the frame as shown (other events, sent
while painting, do not). Work the app puts off until after its first paint comes later and is
not counted (a zero timer, used before, also counted the timers queued ahead of it: with
5 MB and 10,000 highlights, 50-200 ms of styling the notes and checking the speakers).
"""

from __future__ import annotations

import ctypes
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
# Delivered only by the event loop, never while a window paints.
_FROM_THE_EVENT_LOOP = frozenset({QEvent.Type.Timer, QEvent.Type.MetaCall})


def child_main(**modes: Callable[..., dict[str, Any]]) -> None:
    """Run a child: call the function of its mode with the QApplication and its options,
    and hand the result, with the peak memory, to the parent."""
    mode, options = child_args()
    app = QApplication([])
    emit(modes[mode](app, **options) | {"vm_hwm_kb": proc_status_kb("VmHWM")})
    os._exit(0)  # the measurement is over: skip tearing down thousands of Qt objects


def main_window(desktop_size: bool = True) -> Any:
    """A new MainWindow, no saved settings restored; with `desktop_size`, 1280x820 with the
    reader 768 px wide. Garbage is collected as in the app: by its collector, from the
    event loop (Python's own collections, in the middle of opening 5 MB with 10,000
    highlights, cost 50 ms that the app never pays). The one place the benchmarks name the
    window's module."""
    from reader.ui.settings import settings
    from reader.ui.window.main_window import MainWindow
    from reader.ui.window.startup import collect_after_paint

    store = settings()
    store.clear()  # every window at the default size: a restored one can come out smaller
    store.sync()
    gc.disable()  # as reader.app.main does before it makes the window
    window = MainWindow()
    collect_after_paint(window)  # as run_gui does
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
    """Records when the window has shown its first frame with the viewport of the scroll
    area named "reader" painted, since `reset()`; `done_ns` is time.monotonic_ns() then
    (None before), and `on_done` is called from the event loop just after.

    `app_wide`: every event of the application is filtered to find that viewport. Each
    costs a call into Python, so a window of many widgets would pay more for being
    measured than a bare one: without it, `watch` names the viewport instead, and the
    application's events are filtered only from its paint to the end of the frame."""

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
        self._app = app
        self._app_wide = app_wide
        self._in_frame = False  # the viewport has painted; the rest of its frame is painting
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
        if self._in_frame:
            if event.type() in _FROM_THE_EVENT_LOOP:
                self._frame_shown()
        elif (
            not self.started
            and event.type() == QEvent.Type.Paint
            and (watched is self._viewport or self._is_reader_viewport(watched))
        ):
            self.started = self._in_frame = True
            if not self._app_wide:
                self._app.installEventFilter(self)
            # Its own event ends the frame should nothing else be queued.
            QTimer.singleShot(0, self._finished)
        return False

    def _frame_shown(self) -> None:
        self._in_frame = False
        self.done_ns = time.monotonic_ns()
        if not self._app_wide:
            self._app.removeEventFilter(self)

    @staticmethod
    def _is_reader_viewport(watched: QObject) -> bool:
        parent = watched.parent()
        return (
            isinstance(parent, QAbstractScrollArea)
            and parent.objectName() == READER_NAME
            and watched is parent.viewport()
        )

    def _finished(self) -> None:
        assert self.done_ns is not None  # this timer's own event ended the frame, if none did
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


def release_free_memory() -> None:
    """Collect garbage and hand free heap pages back, so VmRSS shows what is still held."""
    gc.collect()
    # The process's own symbols include libc's: finding libc by name ran ldconfig, 4 ms
    # of every start-up child's import.
    ctypes.CDLL(None).malloc_trim(0)
