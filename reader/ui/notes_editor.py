"""The research notes editor beside the reader: plain Markdown text, saved as you type."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from reader.ui import theme


class NotesEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notes")
        self.setAccessibleName("Research notes")
        self.setPlaceholderText("Your research notes, in Markdown.\n\nThey are saved as you type.")
        font = theme.ui_font()
        font.setPointSizeF(theme.READING_POINT_SIZE - 2)
        self.setFont(font)
        self.document().setDocumentMargin(14)

    def load_text(self, text: str) -> None:
        """Show saved notes with a fresh undo history (loading is not an edit)."""
        self.document().setUndoRedoEnabled(False)
        self.setPlainText(text)
        self.document().setUndoRedoEnabled(True)
        self.document().setModified(False)

    def word_count(self) -> int:
        return len(self.toPlainText().split())
