"""The interview open in the window: its session, undo history, saving and safety.

One object owns all of it and announces what happens by signal; panels and dialogs
subscribe and never reach into the window. The research notes live in `notes_document`
(the editor shows that document) and reach the model through `notes_data()` only.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QTextCursor, QTextDocument, QUndoGroup
from PySide6.QtWidgets import QMessageBox, QPlainTextDocumentLayout, QWidget

from reader.core.document import Document, DocumentError
from reader.core.notes_file import NotesData, serialise
from reader.core.notes_location import candidates, locate_notes, remember_notes_path
from reader.core.notes_opening import NotesRead, read_notes
from reader.core.session import Session
from reader.core.store import describe_os_error
from reader.ui.interview import loading
from reader.ui.interview.controller import Controller
from reader.ui.persistence.safety import BannerActions, NotesSafety, keep_backups
from reader.ui.persistence.saver import NotesSaver

READ_ONLY_REFUSED = "These notes are open read-only here: nothing can be changed."


class OpenInterview(QObject):
    researchNotesLoading = Signal()  # the notes document is about to be replaced whole
    opened = Signal(object)  # Session: another interview is open
    aboutToClose = Signal()  # the open interview is about to be written and closed
    replaced = Signal(object)  # Session: the same interview, reloaded or merged
    highlightChanged = Signal(object, object)  # (before, after); None = added / removed
    structureChanged = Signal()
    colorsChanged = Signal()
    saveStateChanged = Signal(str, str)  # "saved" | "saving" | "error" | "read-only", detail
    readOnlyChanged = Signal(bool)
    notesPathChanged = Signal(object)  # Path
    message = Signal(str, list)  # a banner line and its (label, callback) buttons
    status = Signal(str, int)  # a passing status-bar message and its milliseconds

    def __init__(self, window: QWidget, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.notes_document = QTextDocument(self)
        self.notes_document.setDocumentLayout(QPlainTextDocumentLayout(self.notes_document))
        self._loading_notes = False
        self.notes_document.contentsChanged.connect(self._research_notes_edited)
        self.undo_group = QUndoGroup(self)
        self.controller: Controller | None = None
        self.saver: NotesSaver | None = None
        self.safety: NotesSafety | None = None

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

    def research_notes(self) -> str:
        return self.notes_document.toPlainText()

    def notes_data(self) -> NotesData:
        """The notes as they are now, research notes included: what saving, exporting,
        merging and restoring use."""
        assert self.controller is not None
        notes = self.controller.session.notes
        notes.notes = self.research_notes()
        return notes

    def serialise(self) -> bytes:
        return serialise(self.notes_data())

    def dialog_parent(self) -> QWidget | None:
        return self._window

    def show_message(self, text: str, actions: BannerActions | None = None) -> None:
        self.message.emit(text, actions or [])

    # Opening and closing ---------------------------------------------------------------

    def open(
        self, document_path: Path, notes_path: Path | None = None, *, read_only: bool = False
    ) -> bool:
        """Open `document_path` with its notes (`read_only`: never written, as in a study
        another window has open); False (after saying why) when it cannot be, or when the
        user chose to keep the interview that is open."""
        try:
            loaded = loading.load(document_path, self._window)
        except DocumentError as exc:
            QMessageBox.warning(self._window, "Cannot open the interview", str(exc))
            return False
        if loaded is None:  # cancelled while a large file was read
            return False
        document = loaded.document
        if not self.may_discard_unsaved():
            return False
        found = ""
        if notes_path is None:
            notes_path, found = self._locate_notes(document_path, document)
        read = self._read_notes(notes_path)
        if read is None:
            return False
        self.close()
        session = Session.open(document, read.notes, loaded.detected)
        self.saver = NotesSaver(notes_path, self.serialise, self)
        self.saver.read_only = read.read_only or read_only
        self.controller = Controller(session, self.saver, self)
        self.controller.highlightChanged.connect(self.highlightChanged)
        self.controller.structureChanged.connect(self.structureChanged)
        self.controller.colorsChanged.connect(self.colorsChanged)
        self.controller.readOnlyRefused.connect(lambda: self.status.emit(READ_ONLY_REFUSED, 5000))
        self.saver.stateChanged.connect(self.saveStateChanged)
        self.undo_group.addStack(self.controller.undo_stack)
        self.undo_group.setActiveStack(self.controller.undo_stack)
        self.safety = NotesSafety(
            self, self.controller, document_path, read.on_disk, keep_backups(self._settings)
        )
        messages = [found, *read.messages, *self.safety.start()]
        if read.write_back and not self.saver.read_only:
            self.saver.mark_dirty()
        self._load_research_notes(session.notes.notes)
        if document.notice:
            messages.append(document.notice)
        if session.anchor_summary is not None:
            messages.append(session.anchor_summary.message())
        self.opened.emit(session)
        self.notesPathChanged.emit(notes_path)
        self.readOnlyChanged.emit(self.saver.read_only)
        self.saveStateChanged.emit("read-only" if self.saver.read_only else "saved", "")
        conflict_text, conflict_actions = self.safety.conflict_actions()
        text = "  ".join(m for m in [*messages, conflict_text] if m)
        self.show_message(text, conflict_actions)
        return True

    def _load_research_notes(self, text: str) -> None:
        """The notes document holds `text`, with a fresh undo history: loading is no edit."""
        self.researchNotesLoading.emit()
        self._loading_notes = True
        self.notes_document.setUndoRedoEnabled(False)
        self.notes_document.setPlainText(text)
        self.notes_document.setUndoRedoEnabled(True)
        self.notes_document.setModified(False)
        self._loading_notes = False

    def _research_notes_edited(self) -> None:
        if not self._loading_notes and self.controller is not None:
            self.controller.notes_edited()

    def _locate_notes(self, document_path: Path, document: Document) -> tuple[Path, str]:
        """The document's notes file and what to say about how it was found; the notes of
        a moved and edited interview are offered, never taken without asking."""
        location = locate_notes(document_path, document)
        if location.message or location.path.exists():
            return location.path, location.message
        offered = candidates(document_path, document)
        if not offered or offered[0].quotes_found == 0:
            return location.path, ""
        best = offered[0]
        from reader.ui import dialogs  # only when notes cannot be read

        choice = dialogs.ask(
            self._window,
            "Notes of a moved interview?",
            f"This interview has no notes yet, but {best.describe()}.\n\n"
            "Use those notes for this interview?",
            ["Use Those Notes", "Start Empty"],
        )
        if choice != "Use Those Notes":
            return location.path, ""
        with contextlib.suppress(OSError):  # remembered for next time if the folder allows
            remember_notes_path(document_path, best.path)
        return best.path, f"Using the notes of “{best.title}” from {best.source}."

    def _read_notes(self, notes_path: Path) -> NotesRead | None:
        """The notes file read; for an unreadable one, the user's choice. None: stop."""
        read = read_notes(notes_path)
        if read.recovery is None:
            return read
        stop = "Keep Current Interview" if self.controller is not None else "Quit"
        choices = [*read.recovery.choices(), stop]
        from reader.ui import dialogs  # only when notes cannot be read

        choice = dialogs.ask(
            self._window, "Notes file set aside", read.recovery.question(), choices
        )
        return None if choice == stop else read.recovery.choose(choice)

    def may_discard_unsaved(self) -> bool:
        """Save everything; if that fails, ask whether to go on and lose the unsaved part."""
        if self.saver is None or self.saver.flush():
            return True
        answer = QMessageBox.warning(
            self._window,
            "Notes not saved",
            f"Your notes could not be saved to {self.saver.path}.\n\n"
            "Go on anyway and lose the changes since the last save? (Cancel, then File ▸ "
            "Save Notes As…, keeps them.)",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def close(self) -> None:
        """Write everything, release the notes file and forget the interview."""
        if self.controller is None or self.saver is None or self.safety is None:
            return
        self.aboutToClose.emit()
        self.safety.stop()
        self.saver.flush()
        self.saver.shutdown()
        self.undo_group.removeStack(self.controller.undo_stack)
        for owned in (self.safety, self.controller, self.saver):
            owned.deleteLater()
        self.controller = self.saver = self.safety = None

    def flush(self) -> None:
        """Write everything now (the session manager asks before a logout)."""
        if self.saver is not None:
            self.saver.flush()

    def shut_down_now(self) -> str:
        """The system is ending the app: no questions. Everything is written; if the notes
        file cannot be, a rescue copy goes to the data folder. What to report, if any."""
        report = ""
        if self.saver is not None and not self.saver.flush():
            rescued = self.saver.rescue()
            report = f"the notes could not be saved to {self.saver.path}; " + (
                f"a copy was written to {rescued}." if rescued else "nor rescued."
            )
        self.close()
        return report

    # Changes from outside: reloads, merges, restores, another notes file -------------------

    def replace_session(self, session: Session) -> None:
        """`session` in place of the current one (document reloaded, notes merged)."""
        assert self.controller is not None
        self.controller.session = session
        self.controller.undo_stack.clear()  # its commands refer to the replaced highlights
        if self.research_notes() != session.notes.notes:
            cursor = QTextCursor(self.notes_document)
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(session.notes.notes)  # one step of the editor's own undo
        self.replaced.emit(session)

    def replace_notes(self, notes: NotesData) -> None:
        assert self.controller is not None
        self.replace_session(Session.open(self.controller.session.document, notes))

    def notes_moved(self, path: Path) -> None:
        """After Save Notes As…: the notes live at `path`, writable, from now on."""
        assert self.safety is not None
        try:
            remember_notes_path(self.safety.guard.document_path, path)
        except OSError as exc:
            self.status.emit(
                f"Saved, but the choice could not be remembered: {describe_os_error(exc)}", 8000
            )
        self.notesPathChanged.emit(path)
        self.readOnlyChanged.emit(False)
