"""Autosave: a change is written within a second, the disk work off the GUI thread."""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.backups import DEFAULT_KEEP, INTERVAL_SECONDS, make_backup
from reader.core.store import atomic_write

AUTOSAVE_DELAY_MS = 600
RETRY_MS = 5000


class NotesSaver(QObject):
    """Writes the bytes `serialise()` gives to `path`, debounced, one write at a time.

    Serialising happens on the GUI thread, so the snapshot is consistent (orjson takes a
    few ms at 10,000 highlights); fsync and rename, which can stall, run in a worker, as
    does the rolling backup taken at most every ten minutes of editing.
    """

    stateChanged = Signal(str, str)  # "saved" | "saving" | "error" | "read-only", detail
    written = Signal(bytes)  # what is now on disk, after a successful write
    _finished = Signal(object, object)  # the worker's outcome: (data, None or the error)

    def __init__(self, path: Path, serialise: Callable[[], bytes], parent: QObject | None = None):
        super().__init__(parent)
        self.path = path
        self._serialise = serialise
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notes-saver")
        self._pending: Future[None] | None = None
        self._dirty = False
        self.read_only = False
        self.state = "saved"
        self.keep_backups = DEFAULT_KEEP
        self.last_backup = time.monotonic()  # the session-start backup counts
        self.last_written_hash = ""
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.save_soon_now)
        self._finished.connect(self._on_finished)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self) -> None:
        if self.read_only:
            return
        self._dirty = True
        self._set_state("saving", "")
        self._timer.start(AUTOSAVE_DELAY_MS)

    def save_soon_now(self) -> None:
        """Start writing now, in the worker; a write already under way is followed by this."""
        if not self._dirty or self.read_only:
            return
        if self._pending is not None and not self._pending.done():
            self._timer.start(AUTOSAVE_DELAY_MS)  # one write at a time; try again shortly
            return
        self._dirty = False
        data = self._serialise()
        self._pending = self._pool.submit(self._write, self.path, data)
        self._pending.add_done_callback(lambda f: self._finished.emit(data, f.exception()))

    def _write(self, path: Path, data: bytes) -> None:
        """In the worker: the atomic write, then a backup when ten minutes have passed."""
        atomic_write(path, data)
        if time.monotonic() - self.last_backup >= INTERVAL_SECONDS:
            self.last_backup = time.monotonic()
            with contextlib.suppress(OSError):  # the notes are safe; a missed backup is not fatal
                make_backup(path, data, self.keep_backups)

    def flush(self) -> bool:
        """Write everything now and wait (on quit). True when all is on disk."""
        self._timer.stop()
        if self._pending is not None:
            self._pending.exception()  # waits for the write under way
        if self._dirty and not self.read_only:
            self._dirty = False
            data = self._serialise()
            try:
                atomic_write(self.path, data)
            except OSError as exc:
                self._dirty = True
                self._set_state("error", describe_error(exc))
                return False
            self._remember(data)
            self._set_state("saved", "")
        return not self._dirty

    def retarget(self, path: Path) -> None:
        """Save to `path` from now on (Save Notes As…), writing everything there at once."""
        self.path = path
        self.read_only = False
        self._dirty = True
        self.flush()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)

    def _on_finished(self, data: bytes, error: BaseException | None) -> None:
        if error is not None:
            self._dirty = True  # the edits stay in memory and the write is tried again
            self._set_state("error", describe_error(error))
            self._timer.start(RETRY_MS)
            return
        self._remember(data)
        if not self._dirty:
            self._set_state("saved", "")

    def _remember(self, data: bytes) -> None:
        self.last_written_hash = hashlib.sha256(data).hexdigest()
        self.written.emit(data)

    def _set_state(self, state: str, detail: str) -> None:
        self.state = state
        self.stateChanged.emit(state, detail)


def describe_error(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename or ''}".rstrip(": ")
    return str(error)
