"""Counting the other interviews' codings off the GUI thread, for the Codebook's counts.

Reading a study's notes files takes ~0.4 s with 500 interviews, during which the window
would not answer. A worker reads them through the study's NotesFilesCache (core: plain
Python, no widget touched) and hands the counts to a relay made once and kept for the
app's life, so that a window closed meanwhile is never emitted into: its `Counting`
goes with its CodeCounts, and Qt drops their connection; its `CountJob` stops at the
next file. A result is taken only from the job last started and not stopped since:
CodeCounts stops it whenever what it counts changes (code_counts.py).

Imported on the first count, after the first paint.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from reader.core.code_use import CodingSets
    from reader.core.notes_files_cache import NotesFilesCache


class CountJob:
    """A count under way: `stop()` ends it at the next file, and it sends nothing then."""

    def __init__(self) -> None:
        self._stopped = threading.Event()

    def stop(self) -> None:
        self._stopped.set()

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()


class _Relay(QObject):
    # (CountJob, the coding sets (core CodingSets) or the exception the count raised): emitted
    # from the worker, delivered on the GUI thread.
    counted = Signal(object, object)


_relay: _Relay | None = None
_pool: ThreadPoolExecutor | None = None
# Set as the app quits: Python waits for the worker's thread at exit, so a count under way
# ends at its next file instead of reading the rest of a study first.
_quitting = threading.Event()


def _worker() -> tuple[_Relay, ThreadPoolExecutor]:
    global _relay, _pool
    if _relay is None or _pool is None:
        from concurrent.futures import ThreadPoolExecutor

        _relay = _Relay()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_quitting.set)
        # One at a time: a count stopped for a newer one ends at its next file.
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="codebook-counts")
    return _relay, _pool


class Counting(QObject):
    """The counts under way for one CodeCounts (its child, made on its first count)."""

    counted = Signal(object)  # the coding sets (core CodingSets) of the last count started

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._job: CountJob | None = None
        _worker()[0].counted.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, files: NotesFilesCache, paths: list[Path]) -> None:
        """Count the codings of the notes files at `paths` in the worker, unless a count is
        under way (stop it first if it is stale)."""
        if self._job is not None:
            return
        relay, pool = _worker()
        self._job = job = CountJob()

        def work() -> None:
            try:
                counts: CodingSets | Exception | None = files.coding_sets(
                    paths, lambda: job.stopped or _quitting.is_set()
                )
            except Exception as exc:  # a bug: raised again on the GUI thread
                counts = exc
            if counts is not None and not job.stopped:
                relay.counted.emit(job, counts)

        pool.submit(work)

    def stop(self) -> None:
        """The count under way is stale: it ends, and what it finds is dropped."""
        if self._job is not None:
            self._job.stop()
            self._job = None

    def _arrived(self, job: CountJob, counts: CodingSets | Exception) -> None:
        if job is not self._job:  # another CodeCounts', or stopped after it had sent
            return
        self._job = None
        if isinstance(counts, Exception):
            raise counts
        self.counted.emit(counts)
