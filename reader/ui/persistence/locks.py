"""Taking a lock file (QLockFile) as the window does everywhere: at once or not at all,
stale only when its process is gone (a crash) or its process id is a later process's; and
one this very process left at a path where none of its locks holds it now is taken over.

A study folder renamed or moved while open takes its lock files along (study.json.lock,
the open notes' NAME.json.lock), each carrying this app's process id: Qt counts such a
lock as held (its process runs), so the renamed study, opened again in the same app,
came up read-only as if another window had it. Once the lock that wrote it is let go (the
study or interview at the old path closed) nothing holds the file: it is replaced. A
lock still held by this process stays: Qt keeps each lock file it holds open and locked
(flock, which another open file of the same process meets too), and removeStaleLockFile
refuses such a file; so a second window of the same process on the same study (the app
opens one window; the tests open more) gets it read-only, as another app would.

`WindowLock` is such a lock held while something is open, taken over once the window
that had it lets it go; `NotesLock` is a notes file's, for the open interview's FileGuard
and for a copy written elsewhere (notes_copy.py), which needs no watch. Both are plain
objects, not QObjects, since Python frees what it alone holds whenever and on whichever
thread its garbage collection runs, and Qt objects must be deleted on their own thread.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo

from reader.core.lock_files import holder_words, lock_holder, notes_lock
from reader.core.store import atomic_write


def new_lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # stale only when its process is gone (a crash)
    return lock


def try_lock(lock: QLockFile) -> bool:
    """Take `lock` now, or in place of a lock file no process holds that Qt counts as held:
    one this process left, one whose process id a later process took, or one naming no
    process (core lock_files, `lock_holder`). removeStaleLockFile refuses a file another
    window has locked (flock), whatever its contents say. False when another holds it
    (lock.error() says LockFailedError) or it cannot be written."""
    if lock.tryLock(0):
        return True
    if lock.error() != QLockFile.LockError.LockFailedError:
        return False
    unheld = _ours(lock_info(lock)) or not lock_holder(Path(lock.fileName()))
    return unheld and lock.removeStaleLockFile() and lock.tryLock(0)


def lock_info(lock: QLockFile) -> tuple[int, str] | None:
    """The process id and host name `lock`'s file names; None when it names no process:
    no file, or one empty, cut short or garbled. (PySide6's getLockInfo gives (0, "", "")
    then, a tuple as true as any: never tested for truth.)"""
    pid, host, _app = lock.getLockInfo()
    return (pid, host) if pid > 0 else None


def _ours(info: tuple[int, str] | None) -> bool:
    """Whether a lock file naming `info` is this process's."""
    return info is not None and info in ((os.getpid(), ""), (os.getpid(), _host()))


def _host() -> str:
    return QSysInfo.machineHostName()


class WindowLock:
    """A lock file one window at a time holds (taken as `try_lock` takes it), and whether
    another window holds it: then taken over once that one lets it go (`take_over`). The
    notes' lock (`NotesLock`) and the study's (library/open_study.py) are such locks."""

    def __init__(self, path: Path, held_words: str, unwritable_words: str) -> None:
        self.path = path
        self.file = new_lock(path)
        self.held_elsewhere = False  # the last acquire failed because another window has it
        self.other_computer = ""  # the host of that window, where it is not this computer
        self._held_words = held_words  # what the window holding it does, after its name
        self._unwritable_words = unwritable_words  # why none can be taken there
        self._folder = _FolderHeld(None)  # the lock's folder, followed if renamed
        # Called as an acquire finds another window holding it (set by the owner's DiskWatch).
        self.on_held_elsewhere: Callable[[], None] = lambda: None
        self.ended = False  # taken over from a window that ended without letting it go
        # Taken over as the user chose to open it here anyway (other_computer.py): no
        # window closed it.
        self.opened_anyway = False

    def acquire(self) -> str:
        """Take the lock; "" on success, else why not, in words for the user; with
        `held_elsewhere` when another window holds it."""
        self.held_elsewhere = False
        if try_lock(self.file):
            self._folder.let_go()
            self._folder = _FolderHeld(self.path.parent)
            return ""
        if self.file.error() != QLockFile.LockError.LockFailedError:
            return self._unwritable_words
        return self._held_by(lock_info(self.file))

    def _held_by(self, info: tuple[int, str] | None) -> str:
        """Another window holds the lock, whose file names `info` (pid, host; None when it
        names no process: a program writing it now): who, in words for the user."""
        self.held_elsewhere, self.opened_anyway = True, False
        host = info[1] if info else ""
        self.other_computer = "" if host in ("", _host()) else host
        self.on_held_elsewhere()
        return f"{holder_words(info[1] if info else None)} {self._held_words}"

    def taken_from_us(self) -> str:
        """Who has the lock this window held, now that its file names another window:
        one on another computer that opened it anyway ("Open Here Anyway" deleted this
        window's lock file, synced there, and wrote its own, synced here). The lock is let
        go here, that file left as it is, and taken over as that window lets it go; ""
        while the file still names this window (or cannot be read)."""
        if not self.lost():
            return ""
        info = lock_info(self.file)
        self._unlock_keeping_file()
        return self._held_by(info)

    def lost(self) -> bool:
        """Whether the lock this window holds names another window now (`taken_from_us`);
        not when its file names none (gone with its folder, renamed: Qt says pid 0)."""
        info = lock_info(self.file) if self.file.isLocked() else None
        return info is not None and not _ours(info)

    def _unlock_keeping_file(self) -> None:
        """Unlocked, the file at the lock's path (another window's) left there: Qt's unlock
        deletes whatever is there, so it is kept under another name meanwhile (the same
        file: its time and contents as they were), else its contents written again."""
        aside = self.path.with_name(f"{self.path.name}.{os.getpid()}.kept")
        data, linked = b"", False
        with contextlib.suppress(OSError):  # gone meanwhile: nothing to keep
            data = self.path.read_bytes()
            os.link(self.path, aside)
            linked = True
        self.file.unlock()
        with contextlib.suppress(OSError):
            if linked:
                os.replace(aside, self.path)
            elif data:  # no hard links on this disk
                atomic_write(self.path, data)
        self._folder.let_go()

    def take_over(self) -> bool:
        """Whether the lock another window held is this one's now: that window let it go
        (closed what it had open: its lock file went with it), or ended without (a crash:
        its process gone, Qt takes the file left for stale). The window left read-only
        said another had the notes until it was closed and opened again. `ended` says
        which: its file was still there."""
        if not self.held_elsewhere:
            return False
        left = self.path.exists()
        if self.acquire():
            return False
        self.ended = left
        return True

    def taken_words(self, what: str, may: str) -> str:
        """What the window says as it takes the lock over: who let `what` go, and how."""
        if self.opened_anyway:
            return f"You opened {what} here anyway: you can {may} here now."
        if self.ended:
            how = f"ended without closing {what} (it was closed by force, or crashed)"
        else:
            how = f"closed {what}"
        return f"The other window {how}: you can {may} here now."

    def held(self) -> bool:
        return self.file.isLocked()

    def let_go(self) -> bool:
        """Whether the window holding the lock has let it go: its file gone, or its process
        (a crash), or it names none and no process writes it (`lock_holder`)."""
        return not self.path.exists() or not lock_holder(self.path)

    def late(self) -> str:
        """Taken now, if none could be made before (a full disk) and it is free: "" when it
        is this window's or still cannot be made, else who took it meanwhile."""
        if self.held() or self.held_elsewhere:
            return ""
        holder = self.acquire()
        return holder if self.held_elsewhere else ""

    def release(self) -> None:
        """Let the lock go; its file too, unless it names another window now (one on
        another computer took it, unseen yet): Qt's unlock deletes whatever is there."""
        if self.lost():
            self._unlock_keeping_file()
        elif self.file.isLocked():
            self.file.unlock()  # at the path it was taken at
            self._folder.remove_moved(self.path.name)


class _FolderHeld:
    """The folder of a lock taken, followed where it goes: renamed or moved while the lock
    was held (the study folder), it keeps the lock file, which unlocking at the old path
    leaves there for good; a window on another computer syncing the folder then opens the
    study read-only (found by the safety review). Linux names an open folder's place now."""

    def __init__(self, folder: Path | None) -> None:
        self._fd = -1
        if folder is not None and Path("/proc/self/fd").is_dir():
            with contextlib.suppress(OSError):
                self._fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        self._was = self._place()

    def _place(self) -> Path | None:
        """Where the folder is now, as the system names it; None when that is not known."""
        try:
            return Path(os.readlink(f"/proc/self/fd/{self._fd}")) if self._fd >= 0 else None
        except OSError:
            return None

    def remove_moved(self, name: str) -> None:
        """The lock file `name`, this process's, removed at the folder's new place; the
        folder let go of."""
        now = self._place()
        if now is not None and now != self._was:
            with contextlib.suppress(OSError):
                lock = now / name
                if lock.read_text("utf-8").split("\n", 1)[0] == str(os.getpid()):
                    lock.unlink()
        self.let_go()

    def let_go(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class NotesLock(WindowLock):
    """The lock of the notes file at `notes_path`: one writer at a time."""

    def __init__(self, notes_path: Path) -> None:
        unwritable = "the notes folder cannot be written to"
        super().__init__(notes_lock(notes_path), "is editing these notes", unwritable)
        self.notes_path = notes_path
        # Whether taking the lock makes the folders above the notes folder too; not for a
        # study's (set by the owner): renamed while open, it is not made again at its old
        # place, its notes folder alone, as the saver writes (store.atomic_write's `parents`).
        self.make_parents = True

    def acquire(self) -> str:
        """Take the lock; "" on success, else why not, in words for the user.

        `held_elsewhere` tells the two failures apart: another writer (this window must
        not write) or notes that cannot be written now (a folder full or read-only, a file
        made read-only: nobody can write, so editing goes on in memory and the lock is
        tried again with each save).
        """
        self.held_elsewhere = False
        try:
            self.notes_path.parent.mkdir(parents=self.make_parents, exist_ok=True)
        except OSError as exc:
            return f"the notes folder cannot be written to ({exc.strerror or exc})"
        if not os.access(self.notes_path, os.W_OK) and self.notes_path.exists():
            return "the notes file is read-only"  # not locked: looked at again at each save
        return super().acquire()


def unwritable_message(reason: str) -> str:
    """The banner's line for notes whose lock cannot be taken (`reason`: acquire's words)
    for want of write access, not because another window has them."""
    return (
        f"These notes cannot be written now: {reason}. You can edit; your changes are kept "
        "in memory and saving is tried again, or use Save Notes As…."
    )
