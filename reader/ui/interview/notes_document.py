"""The research notes' document: one QTextDocument per interview (and one for the study
memo), plain text with the notes editor's margin, holding the notes as read, with no undo
history; each paragraph aligned by its own direction."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

NOTES_MARGIN = 16  # around the research notes in the editor


def new_notes_document(parent: QObject, text: str) -> QTextDocument:
    """Research notes holding `text`, with no undo history: loading is no edit. Filled
    before anything shows or styles it (styling 1 MB of notes takes ~230 ms)."""
    document = QTextDocument(parent)
    document.setDocumentLayout(ParagraphDirections(document))
    # Before the text: a margin set later would be an edit, which Ctrl+Z undoes.
    document.setDocumentMargin(NOTES_MARGIN)
    document.setPlainText(text)  # which starts its undo history afresh
    return document


class ParagraphDirections(QPlainTextDocumentLayout):
    """A Hebrew or Arabic paragraph flush right, a Latin one flush left, as the preview
    has them. The plain text layout gives every paragraph the document's one text option
    and does not flip its alignment for a right-to-left one (which sat flush left); so
    each block's is set here, after its layout and before anything draws it or places a
    caret in it: both ask for its rectangle first."""

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)  # lays the block out, with the document's
        layout = block.layout() if block.isValid() else None
        if layout is None:  # a block an undo has just removed, which Qt may still ask for
            return rect
        right_to_left = block.textDirection() == Qt.LayoutDirection.RightToLeft
        align = Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft
        option = layout.textOption()
        if option.alignment() != align:
            option.setAlignment(align)
            layout.setTextOption(option)  # read as lines are drawn: no new layout
        return rect
