"""Between the interview and the notes: quoting a passage with a link back, and following
such a link (or a web link) from the notes to where it leads."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices

from reader.ui.annotations.editing import HighlightEditing
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.notes.notes_pane import NotesPane
from reader.ui.reading.reader_view import ReaderView


class NotesQuoting(QObject):
    def __init__(
        self,
        interview: OpenInterview,
        reader: ReaderView,
        notes: NotesPane,
        editing: HighlightEditing,
        preview: QAction,
    ) -> None:
        super().__init__(notes)
        self._interview = interview
        self._reader = reader
        self._notes = notes
        self._editing = editing
        self._preview = preview

    def quote_from_menu(self) -> None:
        """Edit ▸ Quote in Notes: the selection, else the highlight at the caret."""
        if self._reader.selected_range() is not None:
            self._reader.quote_selection()
        elif self._reader.current_highlight_id:
            self.quote_highlight(self._reader.current_highlight_id)

    def quote_selection(self, start: int, end: int) -> None:
        controller = self._interview.controller
        if controller is None:
            return
        highlight = controller.add_highlight(start, end, self._reader.default_color)
        if highlight is not None:
            self.quote_highlight(highlight.id)

    def quote_highlight(self, highlight_id: str) -> None:
        """A block quote of the passage with a link back to it, at the notes' caret."""
        session = self._interview.session
        if session is None or self._notes.editor.isReadOnly():
            return
        highlight = session.highlight(highlight_id)
        if highlight is None:
            return
        label = session.place_label(highlight.start)
        lines = [" ".join(line.split()) for line in highlight.exact.split("\n") if line.strip()]
        body = "\n>\n".join(f"> {line}" for line in lines)
        self._preview.setChecked(False)
        self._notes.editor.insert_block(f"{body} [↩ {label}](#h-{highlight.id})")
        self._interview.status.emit(f"Quoted in your notes, with a link back to {label}.", 4000)

    def follow_link(self, url: str) -> None:
        """#h-<id> goes to a highlight; web links open in the browser, on a click only."""
        if url.startswith("#h-"):
            session = self._interview.session
            highlight = session.highlight(url[3:]) if session is not None else None
            if highlight is None:
                self._interview.status.emit(
                    "That quote's highlight was deleted; Edit ▸ Undo brings it back.", 6000
                )
            elif highlight.orphan:
                self._interview.status.emit(
                    "That quote is no longer in the interview text; see Annotations.", 6000
                )
            else:
                self._editing.go_to(highlight.id)
                self._reader.setFocus(Qt.FocusReason.OtherFocusReason)
        elif url.startswith(("http://", "https://", "mailto:")):
            QDesktopServices.openUrl(QUrl(url))
