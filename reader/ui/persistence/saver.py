"""Autosave: every change is on disk within a second, the disk work off the GUI thread."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.backups import (
    DEFAULT_KEEP,
    INTERVAL_SECONDS,
    Kept,
    keep_before_merge,
    make_backup,
)
from reader.core.half_written import cut_wait_ms
from reader.core.notes_file import NotesData, parse, serialise
from reader.core.store import (
    atomic_write,
    content_hash,
    describe_os_error,
    rescue_copy,
    rescued_line,
    rewrite_rescued,
)
from reader.ui.persistence.outside_change import (
    OutsideChangeError,
    check_unchanged,
    unchanged_since,
)

AUTOSAVE_DELAY_MS = 600  # a pause in typing this long saves at once...
DEADLINE_MS = 1000  # ...and steady typing still saves this soon after the first change
RETRY_MS = 5000
MERGES_ON_FLUSH = 3  # another program's versions merged by one flush before it writes over
BACKUP_DELAY_MS = 1000  # the backup of the file as opened: after the window's first paint


if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor


class NotesSaver(QObject):
    """Writes the notes to `path`, debounced, one write at a time.

    `prepare()` runs on the GUI thread: it gathers the notes as they are (a shallow copy,
    cheap) and returns the encoding of that copy, which runs in the worker with the hash,
    fsync and rename, and the rolling backup taken at most every ten minutes of editing.
    At 10,000 highlights encoding takes ~6 ms, which the GUI thread no longer waits for
    (orjson keeps the interpreter lock while it runs, so the copy cannot change under it).
    """

    stateChanged = Signal(str, str)  # "saved" | "saving" | "error" | "read-only", detail
    written = Signal(bytes, str)  # what is now on disk, after a successful write; its hash
    outsideChange = Signal(bytes)  # a save found the file changed by someone else: not written
    _finished = Signal(object, object)  # the worker's outcome: (_Write, None or the error)

    def _worker(self) -> ThreadPoolExecutor:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notes-saver")
        return self._pool

    def __init__(
        self, path: Path, prepare: Callable[[], Callable[[], bytes]], parent: QObject | None = None
    ):
        super().__init__(parent)
        self.path = path
        self._prepare = prepare
        self._pool: ThreadPoolExecutor | None = None  # made at the first write, after start-up
        self._shut_down = False
        self._pending: Future[None] | None = None
        self._dirty = False
        self._first_unsaved = 0.0  # time.monotonic() of the oldest change not yet written
        self.read_only = False
        self.state = "saved"
        self.keep_backups = DEFAULT_KEEP
        # Whose backups (core/backups.py) these are, when not the file's own name: the
        # study memo's go with the interviews' in the study's notes folder.
        self.backup_name: Path | None = None
        self.last_backup = time.monotonic()  # the session-start backup counts
        self._opening_backup: tuple[Path, bytes] | None = None  # see back_up_soon
        # Of what we believe the file holds ("" before it exists): a save that finds
        # something else there stops, so the outside change is merged, not overwritten.
        self.expected_hash = ""
        # Whether a save makes the file's folder again when it went: a notes folder yes;
        # the study folder, where the study memo is, never (moved or renamed, the study
        # would be made again at its old place, and the work saved there astray).
        self.makes_its_folder = True
        # Asked before each write: False stops it (the owner found another writer).
        self.may_write: Callable[[], bool] = lambda: True
        self.in_flight_hash = ""  # of a write under way, so a watcher does not take it for theirs
        # What the file held as last read or written, for a text file (the memo), where a write
        # cut at a line end shows as its start alone (core/half_written.py; set by the owner).
        self.known_version: Callable[[], bytes] = lambda: b""
        # What a rescue copy of the file at a path is named after (set by the owner), and
        # the copy holding the notes while saving fails (`_keep_unsaved`).
        self.rescue_named: Callable[[Path], Path] = lambda path: path
        self._kept_copy: Path | None = None
        self._kept_name = Path()  # what `_kept_copy` is named after
        self._in_flight: _Write | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.save_soon_now)
        self._finished.connect(self._on_finished)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self) -> None:
        """A change to save: after a pause in changes, and never later than the deadline."""
        if self.read_only:
            return
        now = time.monotonic()
        if not self._dirty:
            self._first_unsaved = now
        self._dirty = True
        self._set_state("saving", "")
        left_ms = DEADLINE_MS - (now - self._first_unsaved) * 1000
        self._timer.start(max(0, min(AUTOSAVE_DELAY_MS, int(left_ms))))

    def save_soon_now(self) -> None:
        """Start writing now, in the worker; a write already under way is followed by this."""
        if not self._dirty or self.read_only or self._shut_down:
            return
        if self._in_flight is not None:
            # One write at a time, until its end is handled here: a write done in the worker
            # whose result is still queued would leave expected_hash stale, and the next
            # write would take our own file for another program's. Try again shortly.
            self._timer.start(AUTOSAVE_DELAY_MS)
            return
        self.write_backup()
        if not self.may_write():
            return
        try:
            job = _Write(self._prepare())
        except Exception as exc:  # whatever the cause, it must show, never stall "saving"
            self._cannot_prepare(exc)
            return
        self._dirty = False
        self._in_flight = job
        self._pending = self._worker().submit(self._encode_and_write, job, self.expected_hash)
        self._pending.add_done_callback(lambda f: self._finished.emit(job, f.exception()))

    def _encode_and_write(self, job: _Write, expected: str) -> None:
        """In the worker: the bytes of the notes gathered, known as ours before the file
        changes (a watcher then takes the change for ours), written."""
        try:
            job.data = job.encode()
        except Exception as exc:
            raise _PrepareError(exc) from exc
        self.in_flight_hash = content_hash(job.data)
        try:
            self._write(self.path, job.data, expected)
        except OSError:
            self._keep_unsaved(job.data)
            raise

    def _keep_unsaved(self, data: bytes, name: Path | None = None) -> Path | None:
        """`data`, which the file could not take (a full disk, a share gone), in a rescue
        copy at once: a crash or a kill before a save succeeds loses none of it, and the
        copy is offered when the notes open again. One copy while saving fails, written
        over at each try, and gone once a save succeeds. Where it is; None if nowhere."""
        name, earlier = name or self.rescue_named(self.path), self._kept_copy
        if earlier is not None and name == self._kept_name and rewrite_rescued(earlier, data):
            return earlier
        # Named for another reason now (another computer took the notes after a save had
        # failed): its name and the banner's words say that one. The earlier copy goes
        # once this one, holding all it did and what was typed since, is written; kept
        # with the words, under its old name, where no other copy can be made.
        made = rescue_copy(self.path, data, name, self.expected_hash)
        if made is None and earlier is not None and rewrite_rescued(earlier, data):
            return earlier
        # Not when made at the earlier's own path (that one deleted, its name free again).
        if earlier is not None and made not in (None, earlier):
            with contextlib.suppress(OSError):
                earlier.unlink(missing_ok=True)
        self._kept_copy, self._kept_name = made, name
        return made

    def _serialise_or_report(self) -> bytes | None:
        """The bytes to write, made here, or None after reporting why the notes cannot be
        written (the edits stay in memory and dirty, so quitting asks first)."""
        try:
            return self._prepare()()
        except Exception as exc:  # whatever the cause, it must show, never stall "saving"
            self._cannot_prepare(exc)
            return None

    def _cannot_prepare(self, exc: BaseException) -> None:
        self._dirty = True
        self._set_state("error", f"the notes could not be prepared for writing ({exc})")

    def _write(self, path: Path, data: bytes, expected: str) -> None:
        """In the worker: check nobody else wrote the file, write it atomically, and take a
        backup when ten minutes have passed."""
        # When the file holds these very bytes (in_flight_hash is `data`'s), nothing is
        # written: an edit undone before the save would write the file again, unchanged.
        same, seen = check_unchanged(path, expected, self.makes_its_folder)
        if same and self.in_flight_hash == expected:
            return
        atomic_write(path, data, parents=False, before_replace=unchanged_since(path, seen))
        if time.monotonic() - self.last_backup >= INTERVAL_SECONDS:
            self.last_backup = time.monotonic()
            with contextlib.suppress(OSError):  # the notes are safe; a missed backup is not fatal
                make_backup(self.backup_name or path, data, self.keep_backups)

    def back_up_soon(self, data: bytes) -> None:
        """Keep `data`, the file as it was when opened, in backups/: written just after the
        window's first paint (its fsyncs and pruning cost start-up ~20 ms), or before the
        first write if that comes sooner, so that what is kept is the file from before this
        session whatever is saved meanwhile (issue #17)."""
        self._opening_backup = (self.backup_name or self.path, data)
        QTimer.singleShot(BACKUP_DELAY_MS, self, self.write_backup)

    def back_up_now(self, notes: NotesData) -> tuple[NotesData, Kept]:
        """Keep `notes` in backups/ now (before a merge takes some of them out), else in a
        rescue copy; a copy of them, for the window to bring back while it is open, and
        where they were kept."""
        data = serialise(notes)
        return parse(data), self.keep_version(data)

    def keep_version(self, data: bytes, rescue_name: Path | None = None) -> Kept:
        """`data`, a version of the file a merge is about to take words out of, in
        backups/, else in a rescue copy named after `rescue_name` (default the file)."""
        return keep_before_merge(self.path, data, self.keep_backups, self.backup_name, rescue_name)

    def write_backup(self) -> None:
        """The backup `back_up_soon` asked for, if it is not written yet: before any write,
        a restore from backups, or closing. A failure is said by the first save, which
        meets the same folder."""
        backup, self._opening_backup = self._opening_backup, None
        if backup is not None:
            with contextlib.suppress(OSError):
                make_backup(*backup, self.keep_backups)

    def flush(self) -> bool:
        """Write everything now and wait (on quit, on leaving an interview). True when all
        is on disk. Another program's version found there is merged first (the owner does
        it at `outsideChange`, at once), and kept as a backup as well."""
        self._timer.stop()
        self.settle()
        self.write_backup()
        merges = 0
        while self._dirty and not self.read_only and self.may_write():
            data = self._serialise_or_report()
            if data is None:
                return False
            self._dirty = False
            digest, path = content_hash(data), self.path
            try:
                try:
                    same, seen = check_unchanged(path, self.expected_hash, self.makes_its_folder)
                    if not (same and digest == self.expected_hash):  # else it holds these bytes
                        atomic_write(
                            path, data, parents=False, before_replace=unchanged_since(path, seen)
                        )
                except OutsideChangeError as change:
                    # Another program's write under way: left to end, ours kept aside (`rescue`),
                    # and saved once it is done (kept open: nothing else may ask for a save).
                    if wait := cut_wait_ms(change.data, path, self.known_version(), watched=True):
                        self._dirty = True
                        if not self._shut_down:
                            self._timer.start(wait)
                        return False
                    make_backup(self.backup_name or path, change.data, self.keep_backups)
                    if merges < MERGES_ON_FLUSH:  # else changing still: written over, kept
                        merges += 1
                        self._dirty = True
                        self.expected_hash = content_hash(change.data)
                        self.outsideChange.emit(change.data)  # merged, then written (loop)
                        continue
                    atomic_write(path, data, parents=False)
            except OSError as exc:
                self._dirty = True
                self._keep_unsaved(data)
                self._set_state("error", describe_os_error(exc))
                if not self._shut_down:  # kept open (the user cancelled): tried again
                    self._timer.start(RETRY_MS)
                return False
            self._remember(data, digest)
            self._set_state("saved", "")
        self._timer.stop()  # a merge asked for a save: made here
        return not self._dirty

    def settle(self) -> bool:
        """The write under way, waited for and handled here, now: its queued end would come
        later (after the interview closed, even) and undo what is known by then. Whether
        all is written."""
        if self._pending is not None and self._in_flight is not None:
            error = self._pending.exception()  # waits for it
            self._on_finished(self._in_flight, error)
        return not self._dirty

    def rescue(self, name: Path | None = None) -> str:
        """Write the notes to a rescue file in the data folder (the notes file could not be
        written and the app must end), named as `name` and after the file's version the
        notes were last read from or written as; the line that reports it."""
        return rescued_line("the notes", self.path, self.rescue_copy(name))

    def rescue_copy(self, name: Path | None = None) -> Path | None:
        """The notes in a rescue copy now (`store.rescue_copy`): where; None if none."""
        data = self._serialise_or_report()
        return self._keep_unsaved(data, name) if data else None

    def kept_elsewhere(self) -> None:
        """What was not saved is in a rescue copy, offered from now on: closing makes no
        other, nor does a save delete it (the notes may show what another window wrote)."""
        self._dirty = False
        self._kept_copy = None

    def retarget(self, path: Path) -> None:
        """Save to `path` from now on (Save Notes As…), writing everything there at once."""
        self.path = path
        self.read_only = False
        self._dirty = True
        self.flush()

    def shutdown(self) -> None:
        """The end of this saver (its interview closed, flushed first): the write under way
        finishes, and no timer starts another (a pending retry would find no worker)."""
        self._timer.stop()
        self._shut_down = True
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def _on_finished(self, job: _Write, error: BaseException | None) -> None:
        if job is not self._in_flight:
            return  # handled already, by a flush
        digest = self.in_flight_hash  # of job.data, hashed in the worker
        self.in_flight_hash, self._in_flight = "", None
        if isinstance(error, _PrepareError):
            self._cannot_prepare(error.cause)
            return
        if isinstance(error, OutsideChangeError):
            self._dirty = True
            # A write under way: neither merged nor written over before it ends.
            if wait := cut_wait_ms(error.data, self.path, self.known_version(), watched=True):
                self._timer.start(wait)
                return
            self.expected_hash = content_hash(error.data)
            self.outsideChange.emit(error.data)  # merged, then saved again
            return
        if error is not None:
            self._dirty = True  # the edits stay in memory and the write is tried again
            self._set_state("error", describe_os_error(error))
            self._timer.start(RETRY_MS)
            return
        self._remember(job.data, digest)
        if not self._dirty:
            self._set_state("saved", "")

    def _remember(self, data: bytes, digest: str) -> None:
        if self._kept_copy is not None:  # the file holds all it did, and more
            with contextlib.suppress(OSError):
                self._kept_copy.unlink(missing_ok=True)
            self._kept_copy = None
        self.expected_hash = digest
        self.written.emit(data, digest)

    def _set_state(self, state: str, detail: str) -> None:
        self.state = state
        self.stateChanged.emit(state, detail)


class _Write:
    """One write under way: the encoding prepared on the GUI thread, its bytes once made."""

    def __init__(self, encode: Callable[[], bytes]) -> None:
        self.encode = encode
        self.data = b""


class _PrepareError(Exception):
    """Encoding the notes failed in the worker (a value JSON cannot hold): not a disk error."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause
