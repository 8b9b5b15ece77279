"""The study open in the window: the Study, its lock, its undo history, and study.json
watched for changes made by others (a sync tool, a second machine).

Every change to the study goes through an undoable command (library/study_edits.py) and
is written at once here (study.json changes rarely and is small); `changed` tells the
library to show it again, and `interviewsChanged`, once, which interviews came and went
(added, removed, undone, redone, or by another program). A second window on the study
gets it read-only: the lock (a QLockFile beside study.json) is held while the study is
open. The second window takes it over once the first closes the study (its lock file
goes, which the folder's watch sees) or ends without (killed: DiskWatch.follow_holder),
as the open interview's notes are taken over (persistence/file_guard.py): `lockTaken`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from reader.core.half_written import BeingWrittenError
from reader.core.lock_files import study_lock
from reader.core.notes_files_cache import NotesFilesCache
from reader.core.read_only import UPDATED_BY_WINDOW, ReadOnly, why_read_only
from reader.core.store import describe_os_error
from reader.core.study_places import names_in_folder
from reader.ui.library.study_edits import StudyEdits
from reader.ui.persistence.file_guard import DiskWatch
from reader.ui.persistence.locks import WindowLock
from reader.ui.persistence.other_computer import open_here_offer
from reader.ui.persistence.saver import RETRY_MS

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from reader.core.study import Study
    from reader.core.study_merge import StudyMergeResult

FINISHED_LEFT = (
    "The last change made across the study (codes merged or deleted, or a speaker renamed) "
    "is finished now: every interview's notes show it."
)


class OpenStudy(StudyEdits, QObject):
    opened = Signal(object)  # Study
    closed = Signal()
    changed = Signal()  # interviews, their fields or the attributes changed
    interviewsChanged = Signal(list, list)  # after `changed`: the ids that came, that went
    message = Signal(str)  # for the banner
    # Taken by a window on another computer: what to say, before all else, and the button
    # to take it back.
    lost = Signal(str, list)
    noticed = Signal(str, list)  # what opening found, its buttons: behind the interview's
    amended = Signal(str, str)  # words said of the study no longer true, and what replaces them
    aboutToClose = Signal()  # the study is still there: what is kept of it is kept now
    status = Signal(str, int)
    readOnlyChanged = Signal(bool)
    lockTaken = Signal()  # after readOnlyChanged: the window that had the study let it go
    cameIntoFolder = Signal(list)  # the names new in the study folder (Path each), not ours

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.study: Study | None = None
        self.notice = ""  # what to say about the study just opened (see tell_notice)
        self.offers: list[tuple[str, list]] = []  # and what to offer, with their buttons
        self.undo_stack = QUndoStack(self)
        # The interviews' notes files as last read: the annotations and the codebook share it.
        self.notes_files = NotesFilesCache()
        self._lock: WindowLock | None = None  # study.json.lock, while a study is open
        # What the window that had the study left unfinished, finished as it was taken over.
        self._finished: list[str] = []
        # study.json and the study folder, watched while open; the memo's by the same watch.
        self.disk: DiskWatch | None = None
        self._listing: frozenset[str] = frozenset()  # the folder's names when last watched
        self._ids: list[str] = []  # the study's interviews when last told
        # A change study.json could not take (a full disk): kept here, saving tried again;
        # since when (the first save that failed), to say so if the study turns read-only.
        self.unsaved = False
        self._unsaved_since = datetime.now()
        self._said = ""  # why it could not be saved, as last said: not said at every retry
        # The rescue copy holding that change meanwhile, should the app crash or be killed.
        self.kept_copy: Path | None = None
        self._retry = QTimer(self, singleShot=True, timeout=self.save)
        # What the study memo says of its changes memo.md has not taken as the study turns
        # read-only (ui/memo, `StudyMemo.kept_read_only`); "" when there are none.
        self.memo_kept: Callable[[], str] = lambda: ""
        # What the open interview's notes, taken from this window with the study, say of
        # what was typed in them and kept in a copy (set by the switcher); "" when nothing.
        self.notes_kept: Callable[[], str] = lambda: ""
        # Whether the open interview's notes wait to be written (set by the study wiring):
        # their own save finishes a change across the study then, which would otherwise
        # rewrite their file under them.
        self.notes_waiting: Callable[[], bool] = lambda: False
        # A change across the study left unfinished, finished once the step that wrote a
        # file of the study is over (`wrote`): one try for many writes in a row.
        self._finishing = QTimer(self, singleShot=True, interval=0, timeout=self.finish_left)

    @property
    def read_only(self) -> bool:
        return self.study is None or self.study.read_only

    @property
    def read_only_cause(self) -> ReadOnly | None:
        """Why the open study cannot be changed here; None when it can, or none is open."""
        return None if self.study is None else self.study.read_only_cause

    @property
    def on_other_computer(self) -> bool:
        """Whether a window on another computer has the study (its lock file synced here)."""
        lock = self._lock
        return lock is not None and lock.held_elsewhere and bool(lock.other_computer)

    def why_read_only(self) -> str:
        """The reason in words (reader/core/read_only.py); "" when the study can change."""
        return why_read_only(self.read_only_cause)

    def taken_words(self) -> str:
        """What the window says as it takes the study over from another (`lockTaken`)."""
        assert self._lock is not None
        return "  ".join([self._lock.taken_words("this study", "change it"), *self._finished])

    # Opening and closing ---------------------------------------------------------------

    def open(self, folder: Path, study: Study | None = None) -> str:
        """Open `folder` as the study, or `study` already opened from it (core.study's
        study_of: not read twice); "" or why it cannot be opened."""
        from reader.core.study import StudyBeingWrittenError, StudyError, open_study
        from reader.ui.library.rescued_study import rescued_offer

        if study is None:
            try:
                study = open_study(folder)
            except StudyBeingWrittenError:
                raise  # opened once that write is done (library/awaited_study.py)
            except StudyError as exc:
                return str(exc)
        self.close()
        self.study = study
        notes = list(study.warnings)
        study.warnings.clear()
        self._lock = WindowLock(study_lock(study.folder), "has it open", unwritable_words="")
        holder = self._lock.acquire()  # "" for a folder we cannot write to: saving says so
        study.read_only, study.in_use = study.read_only or bool(holder), self._lock.held_elsewhere
        if finished := study.finish_under_way():  # the app was stopped in the middle
            notes += finished
            self.save()
        self._watch()
        self._ids = [e.id for e in study.interviews]
        self.notice, self.offers = "  ".join(notes), []
        if holder:  # from another computer, offered here: its notes' locks go with it
            offer = open_here_offer(self._lock, study.notes_dir, self.check_disk)
            self.offers.append((f"Opened the study read-only: {holder}.", offer))
        if rescued := rescued_offer(self):
            self.offers.append(rescued)
        self.opened.emit(study)
        self.readOnlyChanged.emit(study.read_only)
        return ""

    def tell_notice(self) -> None:
        """Say what opening the study found (after its first interview has had its say)."""
        for text, actions in [(self.notice, []), *self.offers]:
            if text:
                self.noticed.emit(text, actions)
        self.notice, self.offers = "", []

    def _watch(self) -> None:
        """study.json, and transcripts coming and going in the study folder."""
        assert self.study is not None
        # Its lock file too: rewritten by another computer's window, it is that one's now.
        paths = [self.study.file, study_lock(self.study.folder)]
        self.disk = DiskWatch(paths, self, listing=names_in_folder)
        self.disk.due.connect(self.check_disk)
        if self._lock is not None:  # the window that has it killed: taken over as it closes
            self.disk.follow_holder(self._lock)
        self._rewatch()

    def _rewatch(self) -> None:
        """Atomic saves replace study.json, and a watcher stops watching a replaced file."""
        if self.study is None or self.disk is None:
            return
        self._listing = names_in_folder(self.study.folder)
        self.disk.watch()

    def close(self) -> None:
        if self.study is None:
            return
        self.aboutToClose.emit()
        self._retry.stop()
        self._finishing.stop()
        self.unsaved, self._said, self.kept_copy = False, "", None  # a copy left is offered
        if self.disk is not None:
            self.disk.deleteLater()
            self.disk = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self.undo_stack.clear()
        self.notes_files.clear()
        self.study = None
        self._ids = []
        self.closed.emit()

    # Saving and outside changes ----------------------------------------------------------

    def save(self) -> bool:
        """Write study.json now (merging what others wrote); False when it could not be."""
        if self.study is None or self.study.read_only:
            return False
        if self._lock is not None and self._lock.lost():  # another computer's window has it
            self._not_saved()
            self.check_disk()  # read-only from now on, what was not saved kept, and said
            return False
        try:
            merged = self.study.save()
        except BeingWrittenError as exc:  # saved once another program's write is done
            self._not_saved()
            self._retry.start(exc.wait_ms)
            return False
        except OSError as exc:
            from reader.ui.library.rescued_study import keep_unsaved  # not at start-up

            self._not_saved()
            self.kept_copy = keep_unsaved(self.study, self.kept_copy)
            self._retry.start(RETRY_MS)
            said = (
                f"The study could not be saved: {describe_os_error(exc)}. Your changes are "
                "kept and saving is tried again."
            )
            if said != self._said:
                self._said = said
                self.message.emit(said)
            return False
        if self.unsaved:  # as the notes' saver does, the banner's error goes
            if self.kept_copy is not None:  # study.json holds all it did, and more
                self.kept_copy.unlink(missing_ok=True)
            self.unsaved, self._said, self.kept_copy = False, "", None
            self.message.emit("")
            self.status.emit("The study is saved.", 5000)
        self._report(merged)
        self._rewatch()
        if self.disk is not None:  # as another program may have changed it since
            self.disk.look_soon()
        self.wrote()
        return True

    def wrote(self) -> None:
        """A file of the study was written (study.json, the memo, the open interview's
        notes): the disk takes writes again, so a change across the study left unfinished
        is tried again (`finish_left`), once the step that wrote is over."""
        if self.study is not None and self.study.change_unfinished:
            self._finishing.start()

    def finish_left(self) -> None:
        """A change across the study (a code merge or deletion, Rename in Study) that could
        not reach every notes file, finished as soon as a file of the study is written again
        (the disk has room), with the study's lock held here; said, as opening the study
        says it."""
        study = self.study
        if study is None or not study.change_unfinished or study.read_only:
            return
        if self.notes_waiting():  # their save comes, and tries again
            return
        if self._lock is not None and self._lock.lost():  # another computer's window has it
            return
        if study.finish_left() and self.save():
            # What opening said of it, no longer true, is replaced.
            first, *others = study.unfinished_said or [""]
            self.amended.emit(first, FINISHED_LEFT)
            for said in others:
                self.amended.emit(said, "")
            study.unfinished_said.clear()

    def _not_saved(self) -> None:
        if not self.unsaved:
            self.unsaved, self._unsaved_since = True, datetime.now()

    def check_disk(self) -> None:
        """study.json or the folder changed on disk: merge, and show the study again."""
        if self.study is None:
            return
        was_cause = self.study.read_only_cause
        # The window that had the study let it go (its lock file went): it may change here,
        # unless study.json is a newer build's (come meanwhile, even) or cannot be written.
        if taken := self._lock is not None and self._lock.take_over():
            study = self.study
            study.read_only, study.in_use = study.newer or study.unwritable, False
        # Opened where no lock could be made (a full disk): taken once it can be, or not;
        # or taken from this window by one on another computer (Open Here Anyway).
        late, lock = "", self._lock
        if (
            lock is not None
            and not self.read_only
            and (holder := lock.late() or lock.taken_from_us())
        ):
            self.study.read_only = self.study.in_use = True
            late = f"The study is read-only here now: {holder}."
        try:  # a study.json of a newer build makes it read-only (again)
            merged = self.study.merge_from_disk()
        except OSError:
            merged = None
        # That window killed in a code change or Rename in Study: finished here, as opening
        # the study would, before a save of ours drops its record.
        if taken:
            self._finished = [] if self.study.read_only else self.study.finish_under_way()
            if self._finished:
                self._not_saved()
        cause = self.study.read_only_cause
        kept: list[str] = []
        if cause is not None and cause is not was_cause:  # what was not saved, and becomes
            kept = list(filter(None, (self._kept_read_only(), self.memo_kept())))
            late += " Your changes are saved." if late and not kept else ""
        # A window on another computer has it: to take it back, the button a study opened
        # read-only for it has; said after the open interview's notes follow, with their words.
        offer = open_here_offer(lock, self.study.notes_dir, self.check_disk) if lock else []
        if not (late and offer):
            self.study.warnings[:0] = [late] if late else []
            self.study.warnings.extend(kept)
        self._report(merged, taken or (self._lock is not None and self._lock.held_elsewhere))
        if self.study.file_gone() or self.unsaved:  # a write waited for may be done
            self.save()
        if read_only_changed := self.study.read_only_cause is not was_cause:  # or only why
            self.readOnlyChanged.emit(self.study.read_only)
        if late and offer:
            self.lost.emit("  ".join(filter(None, [late, *kept, self.notes_kept()])), offer)
        if taken:
            self.lockTaken.emit()
            from reader.ui.library.rescued_study import rescued_offer  # not at start-up

            if not self.read_only and (rescued := rescued_offer(self)):  # named at opening
                self.noticed.emit(*rescued)
        listing = self._listing
        self._rewatch()
        if self._listing - listing:
            self.cameIntoFolder.emit([self.study.folder / n for n in self._listing - listing])
        # Our own saves wake the watcher too: the study is shown again (which reads every
        # notes file) only when it changed, or a transcript came or went in the folder.
        if merged is not None or read_only_changed or self._listing != listing:
            self.changed.emit()
            self._tell_interviews()

    def _kept_read_only(self) -> str:
        """The study turned read-only with changes study.json has not taken: what becomes
        of them, in words ("" when there are none); kept in a rescue copy, they are no
        longer this window's alone."""
        from reader.core.study_unsaved import since_words
        from reader.ui.library.rescued_study import kept_read_only  # not at start-up

        assert self.study is not None
        if not self.unsaved:
            return ""
        since = since_words(self._unsaved_since, datetime.now())
        said, copied = kept_read_only(self.study, since, self.kept_copy)
        if copied:
            self.unsaved, self._said = False, ""
        return said

    def _report(self, merged: StudyMergeResult | None, by_window: bool = False) -> None:
        assert self.study is not None
        notes = list(self.study.warnings)
        self.study.warnings.clear()
        if merged is not None and merged.changed and by_window:  # the banner says why read-only
            self.status.emit(UPDATED_BY_WINDOW, 6000)
        elif merged is not None and merged.changed:
            notes.append(merged.message("another program"))
        if notes:
            self.message.emit("  ".join(notes))
        if self.study.wait_ms and self.disk is not None:  # half written: looked at when done
            self.disk.look_in(self.study.wait_ms)

    def study_edited(self) -> None:
        self.save()
        self.changed.emit()
        self._tell_interviews()

    def _tell_interviews(self) -> None:
        """`interviewsChanged` when the set of interviews is not the one last told."""
        ids = [e.id for e in self.study.interviews] if self.study is not None else []
        now, before = set(ids), set(self._ids)
        came, went = [i for i in ids if i not in before], [i for i in self._ids if i not in now]
        self._ids = ids
        if came or went:
            self.interviewsChanged.emit(came, went)
