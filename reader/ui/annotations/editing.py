"""Highlights changed from any pane: add, recolour, delete, note, colour labels, and going
to one. Each change is an undoable command on the open interview's controller. Codes are
chosen in the code picker (reader/ui/codebook), asked for by signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from reader.core.annotations import Highlight
from reader.core.interview import Role
from reader.ui.annotations.deleting import delete_highlights
from reader.ui.interview.controller import Controller
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.reading.reader_view import ReaderView


class HighlightEditing(QObject):
    codesRequested = Signal(str)  # the codes of a highlight, in the picker
    codeSpanRequested = Signal(int, int)  # a passage to code: start, end

    def __init__(self, interview: OpenInterview, reader: ReaderView, parent: QWidget) -> None:
        super().__init__(parent)
        self._interview = interview
        self._reader = reader
        self._parent = parent
        # In a study the labels are the study's: this takes them and says True (see
        # InterviewSwitcher.set_color_labels); None or False: the interview's own.
        self.study_labels: Callable[[dict[str, str]], bool] | None = None

    def add(self, start: int, end: int, color: str, then: str = "") -> None:
        """Highlight [start, end); then "note" opens its editor, and the passage becomes
        a highlight once a note is typed (Cancel leaves nothing; a highlight already on
        the span keeps its colour); "tags" (C, T) asks for the code picker first, and the
        passage becomes a highlight once coded (with no colour: reader/ui/codebook/hub.py,
        code_span)."""
        controller = self._interview.controller
        if controller is None:
            return
        if then == "tags":
            self.codeSpanRequested.emit(start, end)
        elif then == "note":
            highlight = controller.highlight_for(start, end, color)
            if highlight is not None:
                self._ask_note(controller, highlight)
        else:
            controller.add_highlight(start, end, color)

    def recolor(self, highlight_id: str, color: str) -> None:
        if self._interview.controller is not None:
            self._interview.controller.edit_highlight(
                highlight_id, "Recolour Highlight", color=color
            )

    def delete(self, highlight_id: str) -> None:
        delete_highlights(self._interview, [highlight_id])

    def edit_note(self, highlight_id: str) -> None:
        controller = self._interview.controller
        highlight = controller.session.highlight(highlight_id) if controller else None
        if controller is not None and highlight is not None and controller.writable():
            self._ask_note(controller, highlight)  # (read-only: the status bar says why)

    def _ask_note(self, controller: Controller, highlight: Highlight) -> None:
        """The note dialog on `highlight` (a new one is added with what is typed)."""
        from reader.ui.dialogs import NoteDialog  # dialogs load on first use, not at start-up

        dialog = NoteDialog(highlight.exact, highlight.note, self._parent)
        # A logout or a signal may end the app while the dialog is open: what is typed is
        # written with the notes all the same (no question asked then).
        self._interview.unapplied = lambda: self._keep_note(
            controller, highlight, dialog.note(), ask=False
        )
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self._interview.unapplied = None
        if accepted:
            self._keep_note(controller, highlight, dialog.note())

    def _keep_note(
        self, controller: Controller, highlight: Highlight, note: str, ask: bool = True
    ) -> None:
        """`note`, typed in the dialog, on `highlight`. The notes having gone read-only
        meanwhile, it goes to the clipboard and the user is told (`ask`)."""
        if controller is not self._interview.controller or note == highlight.note:
            return  # the interview closed (the app ends) or nothing was typed
        if not self._interview.read_only:
            controller.edit_note(highlight, note)
        elif ask:
            QApplication.clipboard().setText(note)
            then = "Your note is on the clipboard: paste it where you can keep it."
            QMessageBox.warning(self._parent, "Note not saved", self._interview.why_read_only(then))

    def edit_tags(self, highlight_id: str) -> None:
        """The code picker on the highlight (C, T, the context menu)."""
        self.codesRequested.emit(highlight_id)

    def edit_color_labels(self) -> None:
        controller = self._interview.controller
        if controller is None:
            return
        from reader.ui.dialogs import ColorLabelsDialog

        dialog = ColorLabelsDialog(dict(controller.session.notes.colors), self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self.study_labels is None or not self.study_labels(dialog.labels()):
            controller.set_color_labels(dialog.labels())

    def set_role(self, start: int, role: object) -> None:
        if self._interview.controller is not None and isinstance(role, Role):
            self._interview.controller.set_role(start, role)

    def rename_speaker(self, shown: str) -> None:
        """Ask for a new name for the speaker shown as `shown`."""
        controller = self._interview.controller
        # Read-only notes refuse it, saying why, before a name is typed for nothing.
        if controller is None or not shown or not controller.writable():
            return
        from reader.ui.dialogs import speaker_name  # dialogs load on first use

        name, ok = speaker_name(self._parent, shown)
        if ok:
            controller.rename_speaker(shown, name)

    def go_to(self, highlight_id: str) -> None:
        """Scroll the reader to the highlight and make it current."""
        session = self._interview.session
        highlight = session.highlight(highlight_id) if session is not None else None
        if highlight is None or highlight.orphan:
            return
        self._reader.scroll_to_offset(highlight.start, flash_end=highlight.end)
        self._reader.select_highlight(highlight_id)
