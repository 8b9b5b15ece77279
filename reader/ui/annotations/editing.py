"""Highlights changed from any pane: add, recolour, delete, note, tags, colour labels, and
going to one. Each change is an undoable command on the open interview's controller."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from reader.core.codebook import codes_for_tags
from reader.core.interview import Role
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.reading.reader_view import ReaderView


class HighlightEditing(QObject):
    def __init__(self, interview: OpenInterview, reader: ReaderView, parent: QWidget) -> None:
        super().__init__(parent)
        self._interview = interview
        self._reader = reader
        self._parent = parent
        # In a study the labels are the study's: this takes them and says True (see
        # InterviewSwitcher.set_color_labels); None or False: the interview's own.
        self.study_labels: Callable[[dict[str, str]], bool] | None = None

    def add(self, start: int, end: int, color: str, then: str = "") -> None:
        """Highlight [start, end); then "note" or "tags" opens that editor on it."""
        controller = self._interview.controller
        if controller is None:
            return
        highlight = controller.add_highlight(start, end, color)
        if highlight is None:
            return
        if then == "note":
            self.edit_note(highlight.id)
        elif then == "tags":
            self.edit_tags(highlight.id)

    def recolor(self, highlight_id: str, color: str) -> None:
        if self._interview.controller is not None:
            self._interview.controller.edit_highlight(
                highlight_id, "Recolour Highlight", color=color
            )

    def delete(self, highlight_id: str) -> None:
        if self._interview.controller is not None:
            self._interview.controller.delete_highlight(highlight_id)

    def edit_note(self, highlight_id: str) -> None:
        controller = self._interview.controller
        highlight = controller.session.highlight(highlight_id) if controller else None
        if controller is None or highlight is None:
            return
        from reader.ui.dialogs import NoteDialog  # dialogs load on first use, not at start-up

        dialog = NoteDialog(highlight.exact, highlight.note, self._parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            controller.edit_highlight(highlight_id, "Edit Note", note=dialog.note())

    def edit_tags(self, highlight_id: str) -> None:
        controller = self._interview.controller
        highlight = controller.session.highlight(highlight_id) if controller else None
        if controller is None or highlight is None:
            return
        known = sorted(controller.session.tags(), key=str.casefold)
        from reader.ui.dialogs import TagsDialog

        names = controller.session.code_names(highlight)
        dialog = TagsDialog(highlight.exact, names, known, self._parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            # Until the codebook has its own panel, a new tag becomes a top-level code.
            codes = codes_for_tags(dialog.tags(), controller.session.notes.codebook)
            controller.edit_highlight(highlight_id, "Edit Tags", codes=codes)

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

    def rename_speaker(self, detected: str) -> None:
        controller = self._interview.controller
        if controller is None:
            return
        current = controller.session.notes.speakers.get(detected, detected)
        name, ok = QInputDialog.getText(
            self._parent, "Rename Speaker", f"Name for “{current}”:", text=current
        )
        if ok:
            controller.rename_speaker(current, name)

    def go_to(self, highlight_id: str) -> None:
        """Scroll the reader to the highlight and make it current."""
        session = self._interview.session
        highlight = session.highlight(highlight_id) if session is not None else None
        if highlight is None or highlight.orphan:
            return
        self._reader.scroll_to_offset(highlight.start, flash_end=highlight.end)
        self._reader.select_highlight(highlight_id)
