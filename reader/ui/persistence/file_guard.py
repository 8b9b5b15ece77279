"""Guarding the notes file: one writer at a time, and changes made by others noticed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, QTimer, Signal

from reader.core.lock_files import holder_words, notes_lock
from reader.core.store import content_hash
from reader.ui.persistence.locks import new_lock, try_lock

CHECK_DELAY_MS = 300  # sync tools and editors write in bursts; look once they are done


class FileGuard(QObject):
    """Holds the notes file's lock and watches it and the document for outside changes.

    A QFileSystemWatcher stops watching a file that is replaced (as every atomic save
    does), so the folder is watched too and the file re-added after each change.
    """

    notesChangedOnDisk = Signal(bytes)  # the new content, written by someone else
    notesDeletedOnDisk = Signal()  # the file we read or wrote is gone; can be written again
    documentChangedOnDisk = Signal()

    def __init__(
        self, notes_path: Path, document_path: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.notes_path = notes_path
        self.document_path = document_path
        self.lock = new_lock(notes_lock(notes_path))
        self.held_elsewhere = False  # the last acquire failed because another writer has it
        # Whether taking the lock makes the folders above the notes folder too; not for a
        # study's (set by the owner): renamed while open, it is not made again at its old
        # place, its notes folder alone, as the saver writes (store.atomic_write's `parents`).
        self.make_parents = True
        self.known_notes_hash = ""  # of what we last read or wrote
        self.writing_hash = lambda: ""  # of a write of ours under way (set by the owner)
        self.document_mtime = _mtime(document_path)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._schedule)
        self.watcher.directoryChanged.connect(self._schedule)
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)

    def acquire(self) -> str:
        """Take the lock; "" on success, else why not, in words for the user.

        `held_elsewhere` tells the two failures apart: another writer (this window must
        not write) or a folder that cannot be written now (full, read-only: nobody can
        write, so editing goes on in memory and the lock is tried again with each save).
        """
        self.held_elsewhere = False
        try:
            self.notes_path.parent.mkdir(parents=self.make_parents, exist_ok=True)
        except OSError as exc:
            return f"the notes folder cannot be written to ({exc.strerror or exc})"
        if try_lock(self.lock):
            return ""
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            self.held_elsewhere = True
            info = self.lock.getLockInfo()  # (pid, host, app), or empty when unreadable
            return f"{holder_words(info[1] if info else None)} is editing these notes"
        return "the notes folder cannot be written to"

    def holds_lock(self) -> bool:
        return self.lock.isLocked()

    def release(self) -> None:
        if self.lock.isLocked():
            self.lock.unlock()

    def remember(self, data: bytes) -> None:
        """`data` is what the file holds now (we read or wrote it): not an outside change."""
        self.known_notes_hash = content_hash(data)

    def watch(self) -> None:
        paths = [str(p) for p in (self.notes_path, self.document_path) if p.exists()]
        paths += [str(self.notes_path.parent), str(self.document_path.parent)]
        current = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [p for p in dict.fromkeys(paths) if p not in current]
        if missing:
            self.watcher.addPaths(missing)

    def _schedule(self, _path: str) -> None:
        self._timer.start()

    def check(self) -> None:
        """Compare what is on disk with what we know; signal real outside changes."""
        self.watch()
        try:
            data = self.notes_path.read_bytes()
        except FileNotFoundError:
            data = None
            if self.known_notes_hash and self._folder_there():
                self.known_notes_hash = ""  # said once; writing it again makes it known
                self.notesDeletedOnDisk.emit()
        except OSError:
            data = None
        digest = content_hash(data) if data is not None else ""
        if data is not None and digest not in (self.known_notes_hash, self.writing_hash()):
            self.remember(data)
            self.notesChangedOnDisk.emit(data)
        mtime = _mtime(self.document_path)
        if mtime is not None and mtime != self.document_mtime:
            self.document_mtime = mtime
            self.documentChangedOnDisk.emit()

    def _folder_there(self) -> bool:
        """Whether the deleted notes can be written again where they were: their folder is
        there, or it is a study's notes folder deleted alone (the study folder is there), made
        again here with its lock. Never a folder of notes outside a study (renamed by the
        user, it would come back holding only these notes), nor a study folder renamed."""
        folder = self.notes_path.parent
        if folder.is_dir():
            return True
        if self.make_parents or not folder.parent.is_dir() or not self.holds_lock():
            return False  # not holding it: another window writes these notes, or none can
        self.release()  # its lock file went with the folder; acquire makes the folder
        self.acquire()  # if the lock cannot be had, the save that follows says why
        self.watch()
        return True


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
