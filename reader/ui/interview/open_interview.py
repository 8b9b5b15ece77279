"""The interview open in the window: its session, undo history, saving and safety.

One object owns all of it and announces what happens by signal; panels and dialogs
subscribe and never reach into the window. The research notes live in `notes_document`,
one per interview (the editor shows the open one's, and follows `notesDocumentChanged`),
and reach the model through `notes_data()` only.

Opening another interview with `keep_history` (switching in a study) sets the one left
aside with its session, undo history and notes document, whose own typing history is its
undo too (`Parked`): written, its lock released, nothing watching it. Opened again while
its files are as they were left, it comes back as it was, so Undo goes on where it
stopped; changed on disk meanwhile, it is opened afresh, its history said to be dropped.
While the notes are read-only (another window writes them), an undo could not be saved:
the interview's undo stack is not the group's active one until write access returns."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QTextDocument, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.core.document import DocumentError
from reader.core.markdown_links import quoted_ids
from reader.core.notes_file import NotesData, encode
from reader.core.notes_location import remember_notes_path
from reader.core.read_only import ReadOnly, why_read_only
from reader.core.session import Session
from reader.core.store import describe_os_error
from reader.ui.interview import loading
from reader.ui.interview.controller import Controller
from reader.ui.interview.kept_histories import DELETED_WHILE_AWAY, KeptHistories, Parked
from reader.ui.interview.notes_document import new_notes_document
from reader.ui.interview.notes_questions import ask_about_notes, may_go_on_unsaved, notes_asking
from reader.ui.interview.open_again import OpenAgain
from reader.ui.persistence.safety import BannerActions, NotesSafety
from reader.ui.persistence.saver import NotesSaver
from reader.ui.settings import keep_backups
from reader.ui.typed_text import retype, typed_text

KEPT_HISTORIES = 5  # interviews left aside with their undo history (each holds its session)


class OpenInterview(QObject):
    notesDocumentChanged = Signal(object)  # QTextDocument: the research notes shown now
    researchNotesChanged = Signal()  # the research notes shown were edited (typed, undone)
    opened = Signal(object)  # Session: another interview is open
    aboutToClose = Signal()  # the open interview is about to be written and closed
    replaced = Signal(object)  # Session: the same interview, reloaded or merged
    highlightChanged = Signal(object, object)  # (before, after); None = added / removed
    structureChanged = Signal()
    colorsChanged = Signal()
    saveStateChanged = Signal(str, str)  # "saved" | "saving" | "error" | "read-only", detail
    notesWritten = Signal()  # the open interview's notes file was written (not just opened)
    readOnlyChanged = Signal(bool)
    notesPathChanged = Signal(object)  # Path
    message = Signal(str, list)  # a banner line and its (label, callback) buttons
    status = Signal(str, int)  # a passing status-bar message and its milliseconds

    def __init__(self, window: QWidget, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.memo_quoted: Callable[[], frozenset[str]] = frozenset  # memo/wiring.py: its quotes
        self._notes_document = new_notes_document(self, "")
        self._notes_document.contentsChanged.connect(self._research_notes_edited)
        self.undo_group = QUndoGroup(self)
        self.choose_undo_stack: Callable[[], QUndoStack | None] = self.writable_undo_stack
        self.controller: Controller | None = None
        self.saver: NotesSaver | None = None
        self.safety: NotesSafety | None = None
        self._file_cause: ReadOnly | None = None  # why the notes file opened read-only
        self.study_read_only: ReadOnly | None = None  # the study's, passed to `open`, till taken
        self.in_study = False  # the notes are a study's: they stay in its notes folder
        self.kept = KeptHistories()  # and each interview's Crossing, by notes file
        self.unreadable: dict[Path, str] | None = None  # as a study opens: said at once after
        self.said: list[str] = []  # what opening says, which those told `opened` may change
        self.lock_after_paint = False  # the notes' lock waits for the first paint (safety.start)
        # A note typed in a dialog still open, which `flush` applies first (HighlightEditing).
        self.unapplied: Callable[[], None] | None = None
        self.rescued = ""  # the line saying where notes that could not be written went

    # What is open ----------------------------------------------------------------------

    @property
    def session(self) -> Session | None:
        return self.controller.session if self.controller is not None else None

    @property
    def notes_path(self) -> Path | None:
        return self.saver.path if self.saver is not None else None

    @property
    def read_only(self) -> bool:
        return self.saver is None or self.saver.read_only

    @property
    def read_only_cause(self) -> ReadOnly | None:
        """Why the open notes cannot be written here; None when they can, or none is open."""
        if self.saver is None or not self.saver.read_only:
            return None
        if self._file_cause is not None:
            return self._file_cause
        return self.study_read_only or ReadOnly.NOTES_IN_USE  # or the lock is another's

    def why_read_only(self, then: str = "") -> str:
        """The reason in words (reader/core/read_only.py); "" when the notes can change."""
        return why_read_only(self.read_only_cause, in_study=self.in_study, then=then)

    @property
    def notes_document(self) -> QTextDocument:
        """The open interview's research notes (the last one's when none is open)."""
        return self._notes_document

    def writable_undo_stack(self) -> QUndoStack | None:
        """The open interview's undo history, None while nothing it undoes could be saved."""
        return self.controller.undo_stack if self.controller and not self.read_only else None

    def follow_undo(self) -> None:
        """Undo works on the history `choose_undo_stack` names from now on: the window's
        UndoFocus decides it by the focus; without one, the interview's."""
        self.undo_group.setActiveStack(self.choose_undo_stack())  # the same: Qt does nothing

    def research_notes(self) -> str:
        return typed_text(self.notes_document)  # no-break spaces kept

    def notes_data(self) -> NotesData:
        """The notes now, research notes included (saving, exporting, merging, restoring)."""
        assert self.controller is not None
        notes = self.controller.session.notes
        notes.notes = self.research_notes()
        return notes

    def prepare_write(self) -> Callable[[], bytes]:
        """The notes gathered as they are now (a shallow copy: the highlights are frozen),
        and how to encode them, which the saver's worker does."""
        return partial(encode, self.notes_data().to_json(native_highlights=True))

    def dialog_parent(self) -> QWidget | None:
        return self._window

    def show_message(self, text: str, actions: BannerActions | None = None) -> None:
        self.message.emit(text, actions or [])

    def show_status(self, text: str, ms: int) -> None:
        self.status.emit(text, ms)

    # Opening and closing ---------------------------------------------------------------

    def open(
        self,
        document_path: Path,
        notes_path: Path | None = None,
        *,
        in_study: bool = False,
        read_only: ReadOnly | None = None,
        keep_history: bool = False,
        asked: bool = False,
        from_recent: bool = False,
    ) -> bool:
        """Open `document_path` with its notes (`in_study`: a study's, kept in its folder;
        `read_only`: why they are never written, as in a study another window has open);
        False (after saying why) when it cannot be, or when the user chose to keep the
        interview that is open. `keep_history`: the interview open now is set aside with
        its undo history, and one set aside comes back. `asked`: the caller asked
        already whether to let unsaved notes go (may_discard_unsaved), and the user agreed.
        `from_recent`: `notes_path` is the recent list's, asked about if its folder is gone."""
        wanted, parked = notes_path, self.kept.take(notes_path)
        if parked is not None and keep_history:
            dropped, on_disk = parked.change(document_path)
            if not dropped:
                return self._resume(parked, on_disk, in_study, read_only, asked)
            self.kept.let_go[notes_path] = dropped  # said as it opens, kept if it does not
        if parked is not None:
            parked.discard()
        try:
            loaded = loading.load(document_path, self._window)
        except DocumentError as exc:
            if self.unreadable is not None:
                self.unreadable[document_path] = str(exc)
                return False
            QMessageBox.warning(self._window, "Cannot open the interview", str(exc))
            return False
        if loaded is None:  # cancelled while a large file was read
            return False
        document = loaded.document
        if not asked and not self.may_discard_unsaved():
            return False
        notes_path, found = notes_asking(self._window, document, notes_path, in_study, from_recent)
        if notes_path is None:
            return False
        remembered = keep_history and read_only is None
        read = self.kept.read_notes(notes_path, remembered=remembered, writable=read_only is None)
        read = ask_about_notes(self._window, read, self.controller is not None, asked)
        if read is None:
            return False
        self._leave(keep_history)
        session = Session.open(document, read.notes, loaded.detected)
        saver = NotesSaver(notes_path, self.prepare_write, self)
        crossing = self.kept.crossing(notes_path) if keep_history else None
        controller = Controller(session, saver, self, crossing)
        controller.quoted = lambda: quoted_ids(self.research_notes()) | self.memo_quoted()
        controller.highlightChanged.connect(self.highlightChanged)
        controller.structureChanged.connect(self.structureChanged)
        controller.colorsChanged.connect(self.colorsChanged)
        controller.refused.connect(lambda why: self.status.emit(why or self.why_read_only(), 8000))
        self._file_cause = read.file_cause
        notes_document = new_notes_document(self, session.notes.notes)
        self.in_study, self.study_read_only = in_study, read_only
        messages = self._attach(controller, notes_document, document_path, read.on_disk)
        # Highlights anchored again in a changed transcript are saved where they are now.
        if (read.write_back or session.anchor_summary is not None) and not saver.read_only:
            saver.mark_dirty()
        if document.notice:
            messages.append(document.notice)
        if session.anchor_summary is not None:
            messages.append(session.anchor_summary.message())
        self._opened([found, *read.messages, *messages])
        if read.wait_ms:  # another program is writing the notes: opened once it is done
            OpenAgain(self, read.wait_ms, document_path)
        if dropped := self.kept.let_go.pop(wanted, ""):  # said once, as it opens again
            title = session.document.title
            self.status.emit(f"The undo history of “{title}” was dropped: {dropped}.", 10000)
        return True

    def _resume(
        self,
        parked: Parked,
        on_disk: bytes | None,
        in_study: bool,
        read_only: ReadOnly | None,
        asked: bool,
    ) -> bool:
        """The interview set aside comes back with its undo history; `on_disk`: its notes
        file as read when it was found unchanged."""
        if not asked and not self.may_discard_unsaved():
            self.kept.keep(parked, KEPT_HISTORIES)
            return False
        self._leave(keep_history=True)
        controller = parked.controller
        controller.saver = NotesSaver(parked.notes_path, self.prepare_write, self)
        self._file_cause = parked.file_cause
        self.in_study, self.study_read_only = in_study, read_only
        deleted = parked.notes_deleted()
        messages = self._attach(controller, parked.notes_document, parked.document_path, on_disk)
        if deleted and not controller.saver.read_only:
            controller.saver.mark_dirty()
            messages.append(DELETED_WHILE_AWAY)
        if controller.saver.read_only:  # another window took the notes meanwhile
            controller.undo_stack.clear()  # an undo now would change what cannot be saved
            parked.notes_document.clearUndoRedoStacks()
            messages.append("Its undo history was dropped.")
        self._opened(messages)
        return True

    def _attach(
        self,
        controller: Controller,
        notes_document: QTextDocument,
        document_path: Path,
        on_disk: bytes | None,
    ) -> list[str]:
        """`controller` becomes the open interview's, with its saver writing, the notes
        file locked and watched, `notes_document` shown; the messages of taking the lock."""
        self.controller, self.saver = controller, controller.saver
        self.saver.read_only = self._file_cause is not None or self.study_read_only is not None
        self.saver.stateChanged.connect(self.saveStateChanged)
        self.saver.written.connect(self.notesWritten)
        self.undo_group.addStack(controller.undo_stack)
        self.safety = NotesSafety(
            self, controller, document_path, on_disk, keep_backups(self._settings)
        )
        messages = self.safety.start(self.lock_after_paint)
        self.follow_undo()
        self._show_notes(notes_document)
        return messages

    def _opened(self, messages: list[str]) -> None:
        """Tell everyone which interview is open now, and show what there is to say."""
        assert self.controller is not None and self.saver is not None and self.safety
        self.said = messages
        self.opened.emit(self.controller.session)
        self.notesPathChanged.emit(self.saver.path)
        self.readOnlyChanged.emit(self.saver.read_only)
        self.saveStateChanged.emit("read-only" if self.saver.read_only else "saved", "")
        conflict_text, conflict_actions = self.safety.conflict_actions()
        text = "  ".join(m for m in [*self.said, conflict_text] if m)
        self.show_message(text, conflict_actions)

    def _show_notes(self, document: QTextDocument) -> None:
        """`document` holds the open interview's research notes from now on. The one shown
        before is deleted, unless it was set aside with its interview."""
        before = self._notes_document
        if document is before:
            return
        before.contentsChanged.disconnect(self._research_notes_edited)
        document.contentsChanged.connect(self._research_notes_edited)
        self._notes_document = document
        self.notesDocumentChanged.emit(document)
        if not self.kept.holds(before):
            before.deleteLater()

    def _research_notes_edited(self) -> None:
        self.researchNotesChanged.emit()
        if self.controller is not None:
            self.controller.notes_edited()

    def may_discard_unsaved(self) -> bool:
        """Save everything; if that fails, ask whether to go on and lose the unsaved part."""
        saver, safety = self.saver, self.safety
        return saver is None or saver.flush() or may_go_on_unsaved(self._window, saver, safety)

    def close(self) -> None:
        """Write everything, release the notes file and forget the interview."""
        controller = self._detach()
        if controller is not None:
            controller.deleteLater()

    def close_to_nothing(self) -> None:
        """Close the interview, and hold none after it (a study none of whose transcripts
        can be opened): empty notes, which take no typing, as read-only ones."""
        self.close()
        self._notes_document.setPlainText("")
        self.readOnlyChanged.emit(True)

    def _leave(self, keep_history: bool) -> None:
        """Close the open interview, or (`keep_history`, with history to keep and all of it
        written) set it aside."""
        safety = self.safety
        controller = self._detach()
        if controller is None or safety is None:
            return
        if keep_history:  # as written on leaving: what comes back if the file is deleted
            self.kept.left(safety.notes_path, safety.base_bytes)
        notes = self._notes_document
        history = (
            controller.undo_stack.count() or notes.isUndoAvailable() or notes.isRedoAvailable()
        )
        if not keep_history or not history or controller.saver.dirty:
            controller.deleteLater()
            return
        parked = Parked.now(controller, notes, safety.guard.document_path, self._file_cause)
        self.kept.keep(parked, KEPT_HISTORIES)

    def drop_histories(self) -> None:
        """Forget the interviews set aside (the study they belong to closed)."""
        self.kept.drop_all()

    def _detach(self) -> Controller | None:
        """Write everything, release and stop watching the notes file; the controller,
        which holds the session and its undo history, is no longer the open one."""
        controller, saver, safety = self.controller, self.saver, self.safety
        if controller is None or saver is None or safety is None:
            return None
        self.aboutToClose.emit()
        self.notes_data()  # the research notes as typed, kept with the session
        saver.flush()  # under the lock, so released for good just after
        self.rescued = safety.stop()  # what could not be written, in a rescue copy
        safety.guard.blockSignals(True)  # nothing it sees from now on is news for us
        saver.shutdown()
        self.undo_group.removeStack(controller.undo_stack)
        safety.deleteLater()
        saver.deleteLater()
        self.controller = self.saver = self.safety = None
        return controller

    def flush(self) -> bool:
        """Write everything now, a note in a dialog still open too; False if it cannot be."""
        if self.unapplied is not None:
            self.unapplied()
        return self.saver is None or self.saver.flush()

    def shut_down_now(self) -> str:
        """The app is being ended: no questions, all written or rescued; what to report."""
        self.flush()  # an edit in a dialog still open too
        self.rescued = ""
        self.close()  # else a rescue copy, said in `rescued`
        return self.rescued

    # Changes from outside: reloads, merges, restores, another notes file -------------------

    def replace_session(self, session: Session, keep_history: bool = False) -> None:
        """`session` in place of the current one (document reloaded, notes merged or
        restored); the undo history dropped, unless `keep_history` (notes_merge.py)."""
        assert self.controller is not None
        self.controller.session = session
        if not keep_history:  # its steps hold offsets, or parts the notes no longer have
            self.controller.undo_stack.clear()
        retype(self.notes_document, session.notes.notes)
        self.replaced.emit(session)

    def replace_notes(self, notes: NotesData, keep_history: bool = False) -> None:
        assert self.controller is not None
        session = self.controller.session  # the same document: its structure stands
        self.replace_session(Session.open(session.document, notes, session.detected), keep_history)

    def notes_moved(self, path: Path) -> None:
        """After Save Notes As…: the notes live at `path`, writable, from now on."""
        assert self.safety is not None
        self._file_cause = None  # a file of their own
        try:
            remember_notes_path(self.safety.guard.document_path, path)
        except OSError as exc:
            said = f"Saved, but the choice could not be remembered: {describe_os_error(exc)}"
            self.status.emit(said, 8000)
        self.notesPathChanged.emit(path)
        self.set_read_only(False)

    def set_read_only(self, read_only: bool, cause: ReadOnly | None = None) -> None:
        """Write access lost (another window took the notes file's lock; `cause`: the file,
        a newer build's) or back (Save Notes As…, the lock or the study's taken over): Undo,
        Redo and the notes editor follow. The study's cause, passed to `open`, is gone."""
        assert self.saver is not None and self.controller is not None
        self._file_cause, self.study_read_only = cause or self._file_cause, None
        self.saver.read_only = read_only
        self.follow_undo()
        self.readOnlyChanged.emit(read_only)
