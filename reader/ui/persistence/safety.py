"""Keeping the reader's notes safe while a document is open.

One writer per notes file (a second window gets it read-only), a backup at the start of
each session, changes made on disk by others merged in, sync tools' conflict copies
offered for merging, the document re-anchored when it changes, and a clear way out when
the notes cannot be written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from reader.core import checked_notes
from reader.core.anchoring import PlacedAgain
from reader.core.document import DocumentError, load_document
from reader.core.notes_file import NewerVersionError, NotesData, NotesFormatError, parse
from reader.core.read_only import UPDATED_BY_WINDOW, ReadOnly
from reader.core.session import Session
from reader.core.store import content_hash, describe_os_error, keep_aside
from reader.ui.after_paint import AfterPaint
from reader.ui.interview.controller import Controller
from reader.ui.persistence.file_guard import FileGuard
from reader.ui.persistence.interview_host import InterviewHost
from reader.ui.persistence.locks import unwritable_message
from reader.ui.persistence.notes_merge import merge_into_open
from reader.ui.persistence.offered_copies import (
    BannerActions,
    copies_offer,
    parse_or_none,
    rescue_name,
)
from reader.ui.persistence.other_computer import kept_when_taken, open_here_offer


class NotesSafety(QObject):
    def __init__(
        self,
        host: InterviewHost,
        controller: Controller,
        document_path: Path,
        on_disk: bytes | None,
        keep: int,
    ) -> None:
        super().__init__(controller)
        self.host = host
        self.controller = controller
        self.notes_path = controller.saver.path
        self._save_problem_shown = False
        self.lock_pending = False  # see start
        self._placed_again = PlacedAgain()
        # Typed here as another computer's window took the notes, still shown, in a rescue
        # copy (`_lock_lost`): their file shown instead as it changes or is taken back.
        self._typed_kept = False
        self.kept_said = ""  # what `_lock_lost` said of that copy, for the study to say again
        self.guard = self.make_guard(self.notes_path, document_path)
        # What the file held when we last read or wrote it: the base of a three-way merge,
        # parsed only when a merge needs it (parsing 10,000 highlights takes ~100 ms).
        self.base_bytes = on_disk
        if on_disk is not None:
            self.guard.file.remember(on_disk)
            controller.saver.expected_hash = self.guard.file.known_hash  # hashed once
        controller.saver.keep_backups = keep
        controller.saver.rescue_named = lambda path: rescue_name(path, document_path)
        controller.saver.may_write = self._may_write
        controller.saver.written.connect(self._written)
        controller.saver.outsideChange.connect(self._outside_change_at_save)
        controller.saver.stateChanged.connect(self._save_state)

    def make_guard(self, notes_path: Path, document_path: Path) -> FileGuard:
        guard = FileGuard(notes_path, document_path, self)
        guard.file.writing_hash = lambda: self.controller.saver.in_flight_hash
        guard.lock.make_parents = not self.host.in_study
        guard.file.changed.connect(self._merge_from_disk)
        guard.file.deleted.connect(self._deleted_on_disk)
        guard.documentChangedOnDisk.connect(self._reload_document)
        guard.conflictCopiesCame.connect(self._offer_conflict_copies)
        guard.lockTaken.connect(self._lock_taken)
        guard.lockLost.connect(self._lock_lost)
        return guard

    def start(self, lock_after_paint: bool = False) -> list[str]:
        """Lock, back up, watch; the messages for the banner. `lock_after_paint` (the
        interview opened at start-up): the lock is taken just after the window's first
        paint, or before a save that comes sooner, since taking it syncs the disk, which
        may wait long on a busy disk (#17); `lock_pending` until then."""
        messages: list[str] = []
        if not self.controller.saver.read_only:
            if lock_after_paint:
                self.lock_pending = True
                window = self.host.dialog_parent()
                assert window is not None
                AfterPaint(window, self.take_pending_lock).start()
            else:
                messages = self._lock()
        self.guard.file.watch()
        return messages

    def _lock(self) -> list[str]:
        """Take the lock as the notes open: read-only if another window has them, a
        message if the folder cannot be written, else the notes as opened backed up."""
        self.lock_pending = False
        saver = self.controller.saver
        holder = self.guard.lock.acquire()
        if holder and self.guard.lock.held_elsewhere:
            saver.read_only = True
            return [f"Opened read-only: {holder}."]
        if holder:
            self._save_problem_shown = True
            return [unwritable_message(holder)]
        if self.base_bytes is not None:  # the notes as they were: kept
            saver.back_up_soon(self.base_bytes)
        return []

    def take_pending_lock(self) -> None:
        """The lock `start` left for later, taken now, and what opening would have said
        of it said now; nothing once it is taken or the interview closed."""
        if not self.lock_pending:
            return
        messages = self._lock()
        if self.controller.saver.read_only:  # another window has them: as if opened so
            self.controller.undo_stack.clear()  # nothing done meanwhile could be saved
            self.host.notes_document.clearUndoRedoStacks()
            self.host.set_read_only(True)
            self.controller.saver.stateChanged.emit("read-only", "")
        # The copies to offer, looked for only now: their folder is the data folder's (a
        # few ms of platformdirs and a listing before the window's first paint, #17).
        text, actions = self.conflict_actions()
        if messages or text:
            self.host.said.extend(messages)
            self.host.show_message("  ".join(m for m in [*self.host.said, text] if m), actions)

    def _may_write(self) -> bool:
        """Before a save: hold the lock, taking it now if the folder could not be written
        when the notes opened (a full disk with room again). False if another writer has
        taken it meanwhile: then these notes go read-only, and the edits stay on screen."""
        if holder := self.guard.lock.taken_from_us():
            self._lock_lost(holder)
            return False
        if self.guard.lock.held():
            return True
        if self.lock_pending:  # before start-up's lock was taken: as it would have been
            self.take_pending_lock()
            self.controller.saver.write_backup()  # the notes as opened, before this write
            return not self.controller.saver.read_only
        holder = self.guard.lock.acquire()
        if holder and self.guard.lock.held_elsewhere:
            self.host.set_read_only(True)  # undo and typing stop: nothing could be saved
            self.host.show_message(
                f"Not saved: {holder}. Save Notes As… keeps your changes in another file.",
                [("Save Notes As…", self.save_as)],
            )
            return False
        return True  # locked now, or the write meets the same folder and says why

    def conflict_actions(self) -> tuple[str, list]:
        """A banner message and its buttons: Save As when the folder cannot be written or
        another window has the notes, a merge for sync conflict copies and for copies
        rescued when the app last ended."""
        saver = self.controller.saver
        if not saver.read_only and not self.guard.lock.held() and not self.lock_pending:
            return "", [("Save Notes As…", self.save_as)]  # the folder cannot be written
        if saver.read_only and self.guard.lock.held_elsewhere:  # a file of their own: writable
            lock, by_study = self.guard.lock, self.host.in_study  # the study's offers its own
            here = [] if by_study else open_here_offer(lock, None, self.guard.file.check)
            return "", [*here, ("Save Notes As…", self.save_as)]
        if saver.read_only or self.lock_pending:  # copies are looked for once it is taken
            return "", []
        document, say = self.controller.session.document, self.host.show_message
        return copies_offer(self.notes_path, document, self.base_bytes, self._merge, say)

    def _lock_taken(self) -> None:
        """The window that had these notes closed them (their lock was taken as its file
        went), or the user opened them here anyway: writable here now, as their file holds
        them, the copies of them offered; unless read-only for another reason."""
        if self.host.read_only_cause is not ReadOnly.NOTES_IN_USE:
            self.guard.lock.release()  # not ours to hold: another window may write them
            return
        self._show_file(self.base_bytes)
        self.host.set_read_only(False)
        self.controller.saver.stateChanged.emit("saved", "")
        text, actions = self.conflict_actions()
        taken = self.guard.lock.taken_words("these notes", "edit them")
        self.host.show_message("  ".join(filter(None, [taken, text])), actions)

    def _lock_lost(self, holder: str) -> None:
        """A window on another computer took these notes from this one (Open Here Anyway):
        read-only here from now on, as if opened while it had them, what was not saved kept
        in a copy (that window writes the file now), and said; taken back as it lets go."""
        saver = self.controller.saver
        copy = kept_when_taken(saver)
        if copy is not None:
            saver.kept_elsewhere()
            self._typed_kept = True
        self.host.set_read_only(True)
        saver.stateChanged.emit("read-only", "")
        self.kept_said = (
            f"What you typed in these notes since they were last saved is kept in a copy, {copy}."
            if copy
            else ""
        )
        said = f"These notes are read-only here now: {holder}.  {self.kept_said}"
        self.host.show_message(said.strip(), self.conflict_actions()[1])

    def study_taken(self) -> tuple[str, BannerActions]:
        """The study, which another window had open (these notes read-only for it), is this
        window's now: the notes are locked as when they open, and writable; or read-only
        still while another window edits them, taken over as it lets them go
        (`_lock_taken`). What to say of them, and its buttons (copies to merge)."""
        if self.host.read_only_cause is not ReadOnly.STUDY_IN_USE:
            return "", []
        messages = self._lock()
        held = self.guard.lock.held_elsewhere
        if not held:
            self.guard.file.check()  # what the window that had them wrote last, if not seen yet
            self._show_file(self.base_bytes)
        self.host.set_read_only(held)  # the notes' own cause from now on, not the study's
        self.controller.saver.stateChanged.emit("read-only" if held else "saved", "")
        text, actions = self.conflict_actions()
        said = [ReadOnly.NOTES_IN_USE.value] if held else messages
        return "  ".join(m for m in [*said, text] if m), actions

    def study_turned_read_only(self) -> None:
        """The study turned read-only while these notes were writable: what was typed is
        written first (or kept in a rescue copy at closing), their lock let go, so that the
        window that has the study may edit them; `study_taken` takes them back."""
        self.controller.saver.flush()
        self.lock_pending = False
        self.guard.lock.release()
        self.controller.saver.stateChanged.emit("read-only", "")

    def _show_file(self, data: bytes | None, notes: NotesData | None = None) -> None:
        """The notes shown as `data`, their file, holds them (`notes`), if `_typed_kept`: as
        another computer's window left them, not with what was typed here before it took
        them, which the rescue copy holds, offered to merge (`conflict_actions`)."""
        if not self._typed_kept or (notes := notes or parse_or_none(data)) is None:
            return
        self._typed_kept = False
        self.host.replace_notes(notes)  # the history too: its steps led to what was typed
        self.host.notes_document.clearUndoRedoStacks()
        self.base_bytes = data
        self.host.show_status(UPDATED_BY_WINDOW, 6000)

    def _offer_conflict_copies(self) -> None:
        text, actions = self.conflict_actions()
        if text:
            self.host.show_message(text, actions)

    def stop(self) -> str:
        """The notes closed, flushed first: what could not be written goes to a rescue
        copy in the data folder (nothing is lost); the line that says so, if any."""
        self.lock_pending = False  # closed first: never taken
        saver = self.controller.saver
        saver.write_backup()
        rescued = saver.rescue() if saver.dirty else ""
        if rescued:  # left for another interview, or quitting: then found when it opens
            self.host.show_message(rescued)
        self.guard.lock.release()
        return rescued

    # Outside changes ---------------------------------------------------------------------

    def _written(self, data: bytes, digest: str) -> None:
        self.guard.file.wrote(digest)
        self.base_bytes = data
        checked_notes.written(self.controller.saver.path, data, digest)

    def _outside_change_at_save(self, data: bytes) -> None:
        """A save found someone else's version on disk: merge it, then save the merge."""
        self.guard.file.remember(data)
        self._merge_from_disk(data)
        self.controller.saver.mark_dirty()

    def _merge_from_disk(self, data: bytes) -> None:
        if self.host.controller is not self.controller:
            return  # a check queued before this interview closed: its file is not ours now
        # Whatever comes of it, the next save replaces this version knowingly.
        self.controller.saver.expected_hash = content_hash(data)
        try:
            theirs = parse(data)
        except NewerVersionError as exc:
            self._newer_on_disk(exc)
            return
        except NotesFormatError as exc:
            self._keep_unreadable(data, str(exc))
            return
        if self._typed_kept:  # what was typed here is in its copy: not merged in again
            self._show_file(data, theirs)
            return
        self._merge(theirs, "another program", base=parse_or_none(self.base_bytes))
        self.base_bytes = data

    def _deleted_on_disk(self) -> None:
        """Another program deleted the notes file: what is on screen is all there is now,
        so it is written again (else only the next change would, and quitting lost it)."""
        if self.host.controller is not self.controller or self.controller.saver.read_only:
            return
        self.host.show_message(
            "The notes file was deleted outside the app; your notes, as shown here, are "
            "written to it again."
        )
        self.controller.saver.mark_dirty()

    def _newer_on_disk(self, newer: NewerVersionError) -> None:
        """A newer build wrote the notes file meanwhile: as when one opens such a file, it
        is never written here (it was set aside as unreadable, and replaced by an older
        format); the notes go read-only, what is on screen kept to save elsewhere."""
        self.host.set_read_only(True, ReadOnly.NOTES_FILE)
        self.controller.saver.stateChanged.emit("read-only", "")
        self.host.show_message(
            f"These notes are read-only now: their file was written again {newer.by_whom()}, "
            "and is left as it is.",
            [("Save Notes As…", self.save_as)],
        )

    def _keep_unreadable(self, data: bytes, reason: str) -> None:
        """Another program left a version we cannot read (a hand edit with a trailing
        comma): our next save replaces it, so it is kept beside the notes first."""
        path = self.notes_path
        try:
            kept = keep_aside(path, data)
        except OSError as exc:
            kept_text = f"it could not be kept ({describe_os_error(exc)})"
        else:
            kept_text = f"it was kept as {kept.name}"
        self.host.show_message(
            f"Your notes are saved as shown here: another program left a version of their "
            f"file that cannot be read ({reason}); {kept_text}."
        )
        self.controller.saver.mark_dirty()

    def _merge(self, theirs: NotesData, source: str, base: NotesData | None) -> None:
        merge_into_open(self.host, self.controller, theirs, source, base)

    def _reload_document(self) -> None:
        controller = self.controller
        try:
            document = load_document(self.guard.document_path)
        except DocumentError as exc:
            self.host.show_message(f"The interview changed on disk and cannot be read: {exc}")
            return
        if document.sha256 == controller.session.document.sha256:
            return
        notes, placed_again = controller.session.notes, self._placed_again
        notes.notes = self.host.research_notes()
        notes.highlights = before = placed_again.originals(notes.highlights)
        session = Session.open(document, notes)
        placed_again.remember(before, session.notes.highlights)
        self.host.replace_session(session)
        summary, said = session.anchor_summary, "The interview changed on disk"
        said = (summary and summary.message(said)) or f"{said} and was reloaded."
        self.host.show_message(said)
        controller.saver.mark_dirty()

    # Saving problems ---------------------------------------------------------------------

    def _save_state(self, state: str, detail: str) -> None:
        if state == "error":
            self._save_problem_shown = True
            self.host.show_message(
                f"Your notes could not be saved ({detail}). They are kept in memory and "
                "saving is tried again; or save them somewhere else.",
                [("Save Notes As…", self.save_as)],
            )
        elif state == "saved" and self._save_problem_shown:
            self._save_problem_shown = False
            self.host.show_message("")

    def save_as(self) -> None:
        """File ▸ Save Notes As…: a lone interview goes on there; a study's is copied."""
        from reader.ui.persistence.save_notes_as import save_notes_as  # rarely used

        save_notes_as(self)
