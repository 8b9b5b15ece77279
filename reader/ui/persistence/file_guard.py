"""Guarding the notes file: one writer at a time, and changes made by others noticed.

The noticing, lock-less, is shared with the study (study.json) and its memo (memo.md):
`DiskWatch` wakes its owner when one of its files changed on disk, and `WatchedFile`
tells a change someone else made to a file we write from our own saves."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from reader.core.half_written import cut_wait_ms
from reader.core.lock_files import notes_lock
from reader.core.store import conflict_copies, content_hash
from reader.ui.persistence.locks import NotesLock, WindowLock

CHECK_DELAY_MS = 300  # sync tools and editors write in bursts; look once they are done
# How often a lock another window holds is looked at (WindowLock.let_go: a few system
# calls), only while it holds it.
HOLDER_LOOK_MS = 2000

_Stamp = tuple[int, int, int] | None  # a file's inode, mtime and size; None when it is gone


class DiskWatch(QObject):
    """Files, and the folders they are in, watched: `due` once changes settle, when one
    of the files changed (or what `listing` says of a folder: transcripts come or gone).

    A QFileSystemWatcher stops watching a file that is replaced (as every atomic save
    does), so the folders are watched too and the files added again at each `watch`.
    A folder's change says not which file changed: one whose files look as they did (a
    stat each) is another file's, and passes. So a `watcher` can be shared by the owners
    of the files of one folder (the study's and its memo's), each woken for its own.

    Given `folders` (what their `listing` says alone matters: a study's notes folder), the
    watch looks once a burst of events settles, not at each, and is `due` only when the
    look differs from the last, `look_soon`'s too.
    """

    due = Signal()

    def __init__(
        self,
        paths: Iterable[Path],
        parent: QObject,
        watcher: QFileSystemWatcher | None = None,
        listing: Callable[[Path], object] | None = None,
        folders: Iterable[Path] = (),
    ) -> None:
        super().__init__(parent)
        self.paths = list(dict.fromkeys(paths))
        # The files' folders, and `folders` whose `listing` alone matters.
        self._by_listing = list(folders)
        self.folders = list(dict.fromkeys([*(p.parent for p in self.paths), *folders]))
        self._files = {str(p) for p in self.paths}
        self._listing = listing
        self.watcher = watcher or QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        self.watcher.directoryChanged.connect(self._folder_changed)
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self._settled)
        self._seen = self._look()
        # A look as the user comes back to the app: what no file event tells, a window
        # that had these files open and crashed (its locks left behind), is seen then.
        self._away = False
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._app_state)
        self._holder = QTimer(self, interval=HOLDER_LOOK_MS)
        self._holder.timeout.connect(self._look_for_holder)
        self._lock: WindowLock | None = None

    def follow_holder(self, lock: WindowLock) -> None:
        """While another window on this computer holds `lock`, whether it still does, looked
        at every HOLDER_LOOK_MS: killed or crashed, that window leaves its lock file, of
        which no file event tells, and the window left read-only said so until the user
        left the app and came back. Let go, a look, as when its file goes (the owner takes
        the lock over then). No timer runs while the lock is ours or free, nor for another
        computer's window, whose processes cannot be seen from here."""
        self._lock = lock
        lock.on_held_elsewhere = self._follow_holder
        self._follow_holder()

    @property
    def looking_for_holder(self) -> bool:
        """Whether `follow_holder`'s timer runs: only while another window holds the lock."""
        return self._holder.isActive()

    def _follow_holder(self) -> None:
        if self._watching_holder() and not self._holder.isActive():
            self._holder.start()

    def _watching_holder(self) -> bool:
        lock = self._lock
        return lock is not None and lock.held_elsewhere and not lock.other_computer

    def _look_for_holder(self) -> None:
        if not self._watching_holder():
            self._holder.stop()
        elif self._lock is not None and self._lock.let_go():
            self._timer.start()

    def watch(self) -> None:
        paths = [str(p) for p in self.paths if p.exists()]
        paths += [str(folder) for folder in self.folders if folder.is_dir()]
        current = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [p for p in dict.fromkeys(paths) if p not in current]
        if missing:
            self.watcher.addPaths(missing)

    def look_soon(self) -> None:
        """A look once things settle, whatever the events say: after a write of ours,
        whose events may come when another program changed or deleted the file already
        (then the file looks as it did at the last look, and they would pass)."""
        self._timer.start()

    def look_in(self, ms: int) -> None:
        """A look in `ms`, whatever the events say: a file that looked half written then."""
        QTimer.singleShot(ms, self, self._settled)

    def _app_state(self, state: Qt.ApplicationState) -> None:
        # Only on coming back: the first activation, as the window opens, would look at a
        # 500-interview study.json and its notes while the study loads (0.5 s of Fill
        # Participants as it opens, in the bench).
        if state == Qt.ApplicationState.ApplicationActive and self._away:
            self._timer.start()
        self._away = state != Qt.ApplicationState.ApplicationActive

    def _file_changed(self, path: str) -> None:
        if path in self._files:
            self._timer.start()

    def _folder_changed(self, _folder: str) -> None:
        # Listed folders are looked at once things settle: one look for a burst of saves.
        if self._by_listing or self._look() != self._seen:
            self._timer.start()

    def _settled(self) -> None:
        seen, before = self._look(), self._seen
        self._seen = seen
        self.watch()  # the files replaced since, and `folders` that have come
        if not self._by_listing or seen != before:
            self.due.emit()

    def _look(self) -> tuple[list[_Stamp], list[object]]:
        stamps = [_stamp(p) for p in self.paths]
        if self._listing is None:
            return stamps, []
        return stamps, [self._listing(folder) for folder in self.folders]


class WatchedFile(QObject):
    """A file we read and write that others may change too: `changed` with what another
    program wrote (a write of ours, known by its hash, is not that), `deleted` when the
    file we read or wrote is gone and can be written again. `also`: files whose changes
    wake the owner as well (`checked` after each look); `listing`: what of a folder does
    (see DiskWatch)."""

    changed = Signal(bytes)  # the new content, written by someone else
    deleted = Signal()
    checked = Signal()

    def __init__(
        self,
        path: Path,
        parent: QObject,
        watcher: QFileSystemWatcher | None = None,
        also: Iterable[Path] = (),
        listing: Callable[[Path], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.known_hash = ""  # of what we last read or wrote
        self.writing_hash = lambda: ""  # of a write of ours under way (set by the owner)
        self.known_version = lambda: b""  # see NotesSaver.known_version (set by the owner)
        # Whether the deleted file can be written again (set by the owner): its folder is there.
        self.may_write_again: Callable[[], bool] = lambda: self.path.parent.is_dir()
        self.disk = DiskWatch([path, *also], self, watcher, listing)
        self.disk.due.connect(self.check)

    def remember(self, data: bytes) -> None:
        """`data` is what the file holds now (we read it): not an outside change."""
        self.known_hash = content_hash(data)

    def wrote(self, digest: str) -> None:
        """We wrote the bytes of hash `digest`: remembered, and the file looked at again soon."""
        self.known_hash = digest
        self.disk.look_soon()

    def watch(self) -> None:
        self.disk.watch()

    def check(self) -> None:
        """Compare what is on disk with what we know; signal real outside changes."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            if self.known_hash and self.may_write_again():
                self.known_hash = ""  # said once; writing it again makes it known
                self.deleted.emit()
        except OSError:
            pass
        else:
            if content_hash(data) not in (self.known_hash, self.writing_hash()):
                if wait := cut_wait_ms(data, self.path, self.known_version(), watched=True):
                    self.disk.look_in(wait)  # a write under way: its end awaited
                else:
                    self.remember(data)
                    self.changed.emit(data)
        self.checked.emit()


class FileGuard(QObject):
    """Holds the notes file's lock (`lock`), and watches it (`file`: its changes and
    deletion by others), the document (`documentChangedOnDisk`) and the sync tools'
    conflict copies of the notes (`conflictCopiesCame`) for outside changes.
    Owned by `parent`, and so deleted on the GUI thread with it (see locks.NotesLock)."""

    documentChangedOnDisk = Signal()
    conflictCopiesCame = Signal()  # a sync tool left one more beside the notes
    lockTaken = Signal()  # the window that had the notes let them go: the lock is ours now
    lockLost = Signal(str)  # who took the notes' lock from this window (WindowLock.taken_from_us)

    def __init__(self, notes_path: Path, document_path: Path, parent: QObject) -> None:
        super().__init__(parent)
        self.notes_path = notes_path
        self.document_path = document_path
        self.lock = NotesLock(notes_path)
        self.document_mtime = _mtime(document_path)
        self._conflicts = self._conflict_names()
        self.file = WatchedFile(notes_path, self, also=[document_path], listing=self._listing)
        self.file.may_write_again = self._folder_there
        self.file.disk.follow_holder(self.lock)
        self.file.checked.connect(self._check_document)
        self.file.checked.connect(self._check_folder)

    def _check_document(self) -> None:
        mtime = _mtime(self.document_path)
        if mtime is not None and mtime != self.document_mtime:
            self.document_mtime = mtime
            self.documentChangedOnDisk.emit()

    def _listing(self, folder: Path) -> tuple[set[str], _Stamp]:
        """What of `folder` wakes the guard: the notes' conflict copies, their lock file
        (come, gone, or rewritten by another computer's window)."""
        if folder != self.notes_path.parent:
            return set(), None
        return self._conflict_names(), _stamp(notes_lock(self.notes_path))

    def _conflict_names(self) -> set[str]:
        return {path.name for path in conflict_copies(self.notes_path)}

    def _check_folder(self) -> None:
        """A conflict copy that came while the notes are open is offered then, not only
        the next time they open; the lock another window held is taken once it is let go
        (that window closed, or crashed), so this one may write the notes again; and one
        taken from this window by another computer's is let go."""
        before, self._conflicts = self._conflicts, self._conflict_names()
        if self._conflicts - before:
            self.conflictCopiesCame.emit()
        if self.lock.take_over():
            self.lockTaken.emit()
        elif holder := self.lock.taken_from_us():
            self.lockLost.emit(holder)

    def _folder_there(self) -> bool:
        """Whether the deleted notes can be written again where they were: their folder is
        there, or it is a study's notes folder deleted alone (the study folder is there), made
        again here with its lock. Never a folder of notes outside a study (renamed by the
        user, it would come back holding only these notes), nor a study folder renamed."""
        folder = self.notes_path.parent
        if folder.is_dir():
            return True
        lock = self.lock
        if lock.make_parents or not folder.parent.is_dir() or not lock.held():
            return False  # not holding it: another window writes these notes, or none can
        lock.release()  # its lock file went with the folder; acquire makes the folder
        lock.acquire()  # if the lock cannot be had, the save that follows says why
        self.file.watch()
        return True


def _stamp(path: Path) -> _Stamp:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
