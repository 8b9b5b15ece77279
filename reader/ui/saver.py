"""Autosave: a change is written within a second, the disk work off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.store import atomic_write

AUTOSAVE_DELAY_MS = 600


class NotesSaver(QObject):
    """Writes the bytes `serialise()` gives to `path`, debounced, one write at a time.

    Serialising happens on the GUI thread, so the snapshot is consistent (orjson takes a
    few ms at 10,000 highlights); fsync and rename, which can stall, run in a worker.
    """

    stateChanged = Signal(str, str)  # "saved" | "saving" | "error" | "read-only", detail
    _written = Signal(object)  # the worker's outcome: None or the OSError

    def __init__(self, path: Path, serialise: Callable[[], bytes], parent: QObject | None = None):
        super().__init__(parent)
        self.path = path
        self._serialise = serialise
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notes-saver")
        self._pending: Future[None] | None = None
        self._dirty = False
        self.read_only = False
        self.state = "saved"
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.save_soon_now)
        self._written.connect(self._on_written)

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
        self._pending = self._pool.submit(atomic_write, self.path, data)
        self._pending.add_done_callback(lambda f: self._written.emit(f.exception()))

    def flush(self) -> bool:
        """Write everything now and wait (on quit). True when all is on disk."""
        self._timer.stop()
        if self._pending is not None:
            self._pending.exception()
        if self._dirty and not self.read_only:
            self._dirty = False
            try:
                atomic_write(self.path, self._serialise())
            except OSError as exc:
                self._dirty = True
                self._set_state("error", _describe(exc))
                return False
            self._set_state("saved", "")
        return not self._dirty

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)

    def _on_written(self, error: OSError | None) -> None:
        if error is not None:
            self._dirty = True  # keep the edits in memory and try again
            self._set_state("error", _describe(error))
            self._timer.start(5000)
        elif not self._dirty:
            self._set_state("saved", "")

    def _set_state(self, state: str, detail: str) -> None:
        self.state = state
        self.stateChanged.emit(state, detail)


def _describe(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename or ''}".rstrip(": ")
    return str(error)
