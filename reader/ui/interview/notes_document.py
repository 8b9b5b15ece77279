"""The research notes' document: one QTextDocument per interview, plain text with the
notes editor's margin, holding the notes as read, with no undo history."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

NOTES_MARGIN = 16  # around the research notes in the editor


def new_notes_document(parent: QObject, text: str) -> QTextDocument:
    """Research notes holding `text`, with no undo history: loading is no edit. Filled
    before anything shows or styles it (styling 1 MB of notes takes ~230 ms)."""
    document = QTextDocument(parent)
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    # Before the text: a margin set later would be an edit, which Ctrl+Z undoes.
    document.setDocumentMargin(NOTES_MARGIN)
    document.setPlainText(text)  # which starts its undo history afresh
    return document
