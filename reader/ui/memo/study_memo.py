"""The open study's memo (memo.md, core/study_memo.py) in the window: its document, kept
as safe as the interview notes. It is saved by their saver (persistence/saver.py): soon
after typing stops, atomically, off the GUI thread, with rolling backups in the study's
notes folder, and written on closing the study or the window. A change another program
made on disk is merged by lines (core/text_merge.py), never overwritten; a memo deleted
on disk is written again. It is read-only while the study is (another window has it, a
newer build wrote it), and while memo.md holds what is not UTF-8 text (left as it is)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from reader.core.half_written import cut_wait_ms
from reader.core.read_only import ReadOnly
from reader.core.store import (
    came_from,
    content_hash,
    describe_os_error,
    keep_aside,
    rescued_copies,
    rescued_line,
)
from reader.core.study_memo import (
    MemoUnreadableError,
    begun_memo_text,
    memo_bytes,
    memo_path,
    memo_text,
)
from reader.core.study_places import MEMO_FILE
from reader.core.study_unsaved import MEMO_CHANGES, kept_now, since_words, unsaved_read_only
from reader.core.text_merge import lines_removed, merge_text
from reader.core.wording import counted
from reader.ui.interview.notes_document import new_notes_document
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.rescued_study import ask_to_close
from reader.ui.memo.memo_merged import say_merged
from reader.ui.memo.missing_memo import recovered_memo
from reader.ui.persistence.file_guard import WatchedFile
from reader.ui.persistence.offered_copies import (
    BannerActions,
    merge_each,
    put_away_said,
    rescued_said,
    show_folder,
)
from reader.ui.persistence.other_computer import kept_when_taken
from reader.ui.persistence.saver import NotesSaver
from reader.ui.typed_text import UNDO_RESTARTS, retype, typed_text

if TYPE_CHECKING:
    from reader.core.study import Study

BannerOffer = tuple[str, BannerActions]  # what the banner says, and its buttons


class StudyMemo(QObject):
    documentChanged = Signal(object)  # the memo's QTextDocument; None once the study closed
    readOnlyChanged = Signal(bool)
    saveStateChanged = Signal()  # see save_state()

    def __init__(self, study: OpenStudy, window: QWidget) -> None:
        super().__init__(study)
        self._study, self._window = study, window
        self.document: QTextDocument | None = None
        self.saver: NotesSaver | None = None
        self.unreadable = ""  # why memo.md cannot be read, in words; "" when it can
        self._base = ""  # the text as last read or written: the base of a merge
        self._merging = False
        # Opened halfway through another program's write: the memo from before the session,
        # backed up once that write is whole (`_merge`), not the half of it.
        self._back_up_whole = False
        self._said = ""  # the last save error said, not said again at every retry
        self._unsaved_since: datetime | None = None  # the first change not written; None: all
        self.disk: WatchedFile | None = None  # memo.md, by the study folder's watch
        self.rescued = ""  # the line saying where the memo went when closing could not write it
        study.opened.connect(self.open)
        study.aboutToClose.connect(self.close)
        study.readOnlyChanged.connect(self._follow_study)
        study.lockTaken.connect(self._taken)  # after the window's handler, which says so

    @property
    def path(self) -> Path | None:
        return self.saver.path if self.saver is not None else None

    @property
    def read_only(self) -> bool:
        return self.document is None or self._study.read_only or bool(self.unreadable)

    def text(self) -> str:
        return typed_text(self.document) if self.document is not None else ""

    def save_state(self) -> tuple[str, str]:
        """As the saver says it ("saved", "saving", "error" with why), or "read-only"."""
        if self.read_only or self.saver is None:
            return "read-only", ""
        return self.saver.state, self._said

    def why_read_only(self) -> str:
        """Why the memo takes no typing, in words; "" when it does (or no study is open)."""
        if self.unreadable:
            return f"The study memo is read-only: {self.unreadable}"
        return self._study.why_read_only()

    # Opening and closing ---------------------------------------------------------------

    def open(self, study: Study) -> None:
        self.close()
        path = memo_path(study.folder)
        raw = self._read(path)
        # The half of another program's write under way: neither saved over nor taken as
        # the file's version, so our save waits for the rest and the watch merges it.
        half = raw is not None and cut_wait_ms(raw, path) > 0
        text = ""
        if raw is not None:
            try:
                text = (begun_memo_text if half else memo_text)(raw, path)
            except MemoUnreadableError as exc:
                self.unreadable = str(exc)
        missing = raw is None and not self.unreadable
        recovered = recovered_memo(self._window, self._study, study) if missing else None
        text = recovered if recovered is not None else text
        self.document = new_notes_document(self, text)
        self.document.contentsChanged.connect(self._edited)
        saver = self.saver = NotesSaver(path, self._prepare, self)
        saver.backup_name = study.notes_dir / MEMO_FILE  # with the interviews' backups
        saver.makes_its_folder = False  # the study's own: never made again
        saver.expected_hash = content_hash(raw) if raw is not None and not half else ""
        saver.read_only = self.read_only
        saver.known_version = lambda: memo_bytes(self._base)
        saver.rescue_named = memo_rescue_name
        saver.written.connect(self._written)
        saver.outsideChange.connect(self._merge)
        saver.stateChanged.connect(self._save_state)
        self._base = text
        self._watch_disk(saver, None if half else raw)
        self._back_up_whole = half
        if raw and not half and not self.read_only:  # the memo as it was before this session
            saver.back_up_soon(raw)
        if recovered is not None:  # written at once: not taken for a deleted memo again
            saver.mark_dirty()
        self.documentChanged.emit(self.document)
        self.readOnlyChanged.emit(self.read_only)
        if not self.read_only and (offer := self._rescued_offer(saver, raw)):
            self._study.offers.append(offer)  # after the interview's
        if self.unreadable:  # said with what opening the study found, after the interview
            said = self.why_read_only()
            self._study.notice = "  ".join(filter(None, (self._study.notice, said)))

    def _rescued_offer(self, saver: NotesSaver, raw: bytes | None) -> BannerOffer | None:
        """Copies of the memo rescued when the app last ended (memo.md would not take them)
        that hold other than memo.md (`raw`): what offers to merge them, or put them away,
        as the interview notes' are (persistence/offered_copies.py); None when none."""
        copies = rescued_copies(memo_rescue_name(saver.path), saver.path, raw)
        if not copies:
            return None
        # memo.md as it is now: what those made from it came from (see offered_copies.py)
        base = self._base
        descended = [copy for copy in copies if came_from(copy, raw)]
        merge = ("Merge Into Memo", lambda: self._merge_rescued(copies, descended, base))
        kept = saver.backup_name or saver.path
        away = ("Put Away", lambda: self._study.message.emit(put_away_said(copies, kept)))
        said = rescued_said(copies, "the study memo", MEMO_FILE)
        return said, [merge, show_folder(copies), away]

    def _merge_rescued(self, copies: list[Path], descended: list[Path], base: str) -> None:
        """The rescued copies joined to the memo by lines, against `base` (memo.md as those
        `descended` were made from; the others by the lines both have), what both changed
        since kept twice, marked, each in turn; then moved to the memo's backups: kept, not
        offered again."""
        saver = self.saver
        if saver is None or self.read_only:
            return
        text, conflicts = self.text(), 0

        def merge_one(copy: Path) -> bool:
            nonlocal text, conflicts
            try:
                theirs = memo_text(copy.read_bytes(), copy)
            except (OSError, MemoUnreadableError):
                return False
            merged = merge_text(base if copy in descended else None, text, theirs, copy.name)
            text, conflicts = merged.text, conflicts + merged.conflicts
            return True

        merged = merge_each(copies, merge_one, saver.backup_name or saver.path)
        if not merged:
            self._study.message.emit(
                "The rescued copies of the study memo could not be read; they are left as they are."
            )
            return
        copies_said = "the rescued copy" if merged == 1 else f"{merged} rescued copies"
        said = f"Merged {copies_said} into the study memo."
        if conflicts:
            passages = counted(conflicts, "passage")
            said += f" Both versions of {passages} are kept, between marker lines."
        self.restore(text, said)

    def _read(self, path: Path) -> bytes | None:
        """memo.md's bytes; None when there is none yet, or it cannot be read (said)."""
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.unreadable = f"it cannot be read ({describe_os_error(exc)})."
            return None

    def may_close(self) -> bool:
        """Write the memo; if that fails, ask whether to close and let the changes go, kept
        in a copy first, so that the question says where (closing makes no other)."""
        saver = self.saver
        if saver is None or saver.flush():
            return True
        copy, cause = saver.rescue_copy(memo_rescue_name(saver.path)), self._study.read_only_cause
        unsaved = f"The study memo's last changes could not be saved to {saver.path}."
        go_on = ask_to_close(self._window, "Study memo not saved", unsaved, copy, cause, MEMO_FILE)
        if go_on and copy is not None:
            saver.kept_elsewhere()
        return go_on

    def kept_read_only(self) -> str:
        """The study turns read-only here with changes memo.md has not taken: what becomes
        of them, in words ("" when there are none). Where they can never be written from
        here, or a window on another computer has the study, they are kept in a rescue copy
        now."""
        saver, cause, now = self.saver, self._study.read_only_cause, datetime.now()
        if saver is None or cause is None or saver.settle():  # a write under way may take them
            return ""
        # That window writes memo.md now: kept in a copy named and said for it, as the notes.
        if self._study.on_other_computer and (copy := kept_when_taken(saver)):
            saver.kept_elsewhere()
            self._unsaved_since = None
            return f"What you typed in the study memo since it was last saved is kept in {copy}."
        since = since_words(self._unsaved_since or now, now)
        copy = saver.rescue_copy(memo_rescue_name(saver.path)) if kept_now(cause) else None
        if copy is not None:
            saver.kept_elsewhere()
            self._unsaved_since = None
        return unsaved_read_only(cause, since, copy, MEMO_CHANGES, MEMO_FILE)

    def close(self) -> None:
        """Write the memo (what its file cannot take goes to a rescue copy), and forget it."""
        saver, document = self.saver, self.document
        if saver is None or document is None:
            return
        self.rescued = ""
        if not saver.flush() and saver.dirty:
            self.rescued = rescued_line("the study memo", saver.path, saver.rescue_copy())
            self._study.message.emit(self.rescued)
        saver.shutdown()
        saver.deleteLater()
        if self.disk is not None:
            self.disk.deleteLater()
            self.disk = None
        self.saver = self.document = self._unsaved_since = None
        self.unreadable = self._said = ""
        self.documentChanged.emit(None)
        document.deleteLater()

    def restore(self, text: str, said: str) -> None:
        """`text` in place of the memo (restored from a backup): one step of the editor's
        undo, saved soon."""
        assert self.document is not None and self.saver is not None
        retype(self.document, text)  # marks it to save, as typing does
        self._study.message.emit(said)

    # Saving ----------------------------------------------------------------------------

    def _prepare(self) -> Callable[[], bytes]:
        text = self.text()
        return lambda: memo_bytes(text)

    def _edited(self) -> None:
        if not self._merging and self.saver is not None:
            self.saver.mark_dirty()

    def _written(self, data: bytes, digest: str) -> None:
        self._base = data.decode("utf-8")
        if self.disk is not None:
            self.disk.wrote(digest)
        self._study.wrote()  # a change across the study left unfinished may finish now

    def _save_state(self, state: str, detail: str) -> None:
        """A save that failed is said once in the banner, its end in the status line."""
        if state == "saved":
            self._unsaved_since = None
        elif self._unsaved_since is None:
            self._unsaved_since = datetime.now()
        if state == "error" and detail != self._said:
            self._said = detail
            self._study.message.emit(
                f"The study memo could not be saved: {detail}. It is kept, and saving is "
                "tried again."
            )
        elif state == "saved" and self._said:
            self._said = ""
            self._study.message.emit("")
            self._study.status.emit("The study memo is saved.", 5000)
        self.saveStateChanged.emit()  # the status bar's, while the memo shows

    def _follow_study(self, _read_only: bool) -> None:
        """Read-only as the study is; writable again (the other window let it go), what
        memo.md has not taken is saved now."""
        if self.saver is not None:
            self.saver.read_only = self.read_only
            if not self.read_only and self.saver.dirty:
                self.saver.mark_dirty()
            self.readOnlyChanged.emit(self.read_only)

    def _taken(self) -> None:
        """The study is this window's now, taken over from the window that had it open (and
        offered the memo's rescued copies): offered here now, after what says so."""
        if self.saver is None or self.read_only:
            return
        if offer := self._rescued_offer(self.saver, self._read(self.saver.path)):
            self._study.noticed.emit(*offer)

    # Changes made on disk --------------------------------------------------------------

    def _watch_disk(self, saver: NotesSaver, raw: bytes | None) -> None:
        """memo.md watched by the study folder's watch (library/open_study.py): a save of
        either file wakes only its owner. Merged when someone else wrote it; written again
        when it was deleted (what the editor holds is all there is now)."""
        assert self._study.disk is not None
        disk = self.disk = WatchedFile(saver.path, self, self._study.disk.watcher)
        disk.writing_hash = lambda: saver.in_flight_hash
        disk.known_version = saver.known_version
        if raw:
            disk.remember(raw)
        disk.changed.connect(self._merge)
        disk.deleted.connect(self._deleted)
        disk.watch()

    def _deleted(self) -> None:
        if self.saver is not None and not self.read_only:
            self.saver.mark_dirty()

    def _keep_unreadable(self, saver: NotesSaver, data: bytes) -> None:
        """Another program left memo.md holding what is not text: our next save replaces
        it, so it is kept beside it first (as the notes' safety does), or said not kept."""
        try:
            kept = f"kept as {keep_aside(saver.path, data).name}"
        except OSError as exc:
            kept = f"which could not be kept ({describe_os_error(exc)})"
        self._study.message.emit(
            f"Your study memo is written back: another program replaced memo.md with "
            f"something that is not text, {kept}."
        )
        saver.mark_dirty()

    def _merge(self, data: bytes) -> None:
        """Another program's version of the memo (found by the watcher, or by a save):
        its changes joined to ours by lines; what both changed is kept twice, marked."""
        saver, document = self.saver, self.document
        if saver is None or document is None:
            return
        saver.expected_hash = content_hash(data)  # the next save replaces it knowingly
        if self.disk is not None:  # and the watch takes it for no news
            self.disk.remember(data)
        try:
            theirs = memo_text(data, saver.path)
        except MemoUnreadableError:
            if self.unreadable:
                return  # it was not text before either: still left alone
            self._keep_unreadable(saver, data)
            return
        if self._back_up_whole and not self.read_only:
            self._back_up_whole = False
            saver.back_up_soon(data)
        if self.unreadable:  # made text again (saved as UTF-8, say): shown, and writable
            self.unreadable = ""
            saver.read_only = self.read_only
            self.readOnlyChanged.emit(self.read_only)
        ours = self.text()  # empty while it was unreadable: theirs is taken as it is
        merged = merge_text(self._base, ours, theirs, "another program")
        # Written by the window that has the study, this one having nothing of its own: what
        # went, that window took out; not kept (a backup of it would push older ones out).
        by_window = self._study.read_only_cause is ReadOnly.STUDY_IN_USE and not saver.dirty
        kept = None
        if lost := 0 if by_window else lines_removed(ours, merged.text):  # an older copy won
            kept = saver.keep_version(memo_bytes(ours), memo_rescue_name(saver.path))
            if kept.backup is None and kept.rescued is None:  # nothing of ours goes then
                merged = merge_text(None, ours, theirs, "another program")
                lost = lines_removed(ours, merged.text)
        self._base = theirs
        retyped = merged.text != ours and document.isUndoAvailable()
        if merged.text != ours:
            self._merging = True
            retype(document, merged.text)  # the typing cursor stays where it was
            document.clearUndoRedoStacks()  # undone, the merge took their words back out
            self._merging = False
        if merged.text != theirs:
            saver.mark_dirty()
        undo = UNDO_RESTARTS if retyped else ""
        say_merged(self._study, merged, lost, kept, undo, by_window)


def memo_rescue_name(path: Path) -> Path:
    """What a rescue copy of the memo at `path` is named after: its study, as the study's
    own (library/open_study.py), found again when the study opens."""
    return path.with_name(f"{path.parent.name} {MEMO_FILE}")
