"""Print and PDF: the interview with its highlights in colour and notes as numbered endnotes."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from reader.core.annotations import NO_COLOR
from reader.core.session import Session
from reader.core.shorten import shorten
from reader.ui import theme
from reader.ui.reading.reader_document import ReaderDocument


def print_document(reading: ReaderDocument) -> QTextDocument:
    """A copy of the reading pane's document with highlights and endnote numbers in it.

    The reading pane paints highlights instead of storing them (it must stay fast at
    10,000); a printout is made once, so here they become character formats.
    """
    session: Session = reading.session
    doc = reading.qdoc.clone()
    doc.setUndoRedoEnabled(False)
    frame = doc.rootFrame().frameFormat()
    frame.setLeftMargin(0)
    frame.setRightMargin(0)
    doc.rootFrame().setFrameFormat(frame)
    cursor = QTextCursor(doc)
    annotated = [h for h in session.notes.highlights if not h.orphan]
    book = session.notes.codebook
    for h in annotated:
        fmt = QTextCharFormat()
        if h.color != NO_COLOR:
            fmt.setBackground(theme.highlight_color(h.color))
        else:  # a passage only coded: underlined in its first code's colour, as on screen
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(theme.coded_color(book, h.codes))
        cursor.setPosition(reading.to_qt(h.start))
        cursor.setPosition(reading.to_qt(h.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    notes = [h for h in annotated if h.note or h.codes]
    # Numbers are inserted from the end backwards so earlier positions stay valid.
    marker = QTextCharFormat()
    marker.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    marker.setForeground(theme.accent_color())
    for number, h in reversed(list(enumerate(notes, start=1))):
        cursor.setPosition(reading.to_qt(h.end))
        cursor.insertText(str(number), marker)
    if notes:
        cursor.movePosition(QTextCursor.MoveOperation.End)
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setFontPointSize(reading.font.pointSizeF() * 1.2)
        cursor.insertBlock()
        cursor.insertText("Notes", heading)
        body = QTextCharFormat()
        body.setFontPointSize(reading.font.pointSizeF() * 0.9)
        labels = session.notes.colors
        for number, h in enumerate(notes, start=1):
            cursor.insertBlock()
            codes = ", ".join(session.code_names(h))
            quote = shorten(h.exact, 80)
            label = labels.get(h.color, h.color)  # none for NO_COLOR: its codes follow
            text = f"{number}. “{quote}”" + (f" — {label}" if label else "")
            text += f". {h.note}" if h.note else ""
            text += f" (codes: {codes})" if codes else ""
            cursor.insertText(text, body)
    return doc


def pdf_printer(path: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, _margins()
        )
    )
    return printer


def _margins():

    return QMarginsF(20, 20, 20, 20)
