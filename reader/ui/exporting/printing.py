"""Print and PDF: the interview under its title, each turn led by its time (a timed
transcript's) and its speaker as the reading pane's margin names them, its highlights in
colour, their notes as numbered endnotes, then the research notes: a printed page tells
whose interview it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from reader.core.annotations import NO_COLOR, Highlight
from reader.core.export.common import ORPHANS, RESEARCH_NOTES
from reader.core.export.html_export import demote_headings
from reader.core.interview import speech_start
from reader.core.session import Session
from reader.core.shorten import shorten
from reader.ui import theme
from reader.ui.notes.preview import style_quotes
from reader.ui.reading.reader_document import ReaderDocument


def print_document(reading: ReaderDocument) -> QTextDocument:
    """A copy of the reading pane's document with its title, speakers, highlights,
    endnotes and research notes (as `session.notes.notes` holds them) in it, in the light
    theme's colours whatever the screen's.

    The reading pane paints highlights and margin labels instead of storing them (it must
    stay fast at 10,000); a printout is made once, so here they become text and formats.
    """
    with theme.on_paper():  # the screen's theme may be dark; paper is white
        return _paper_document(reading)


def _paper_document(reading: ReaderDocument) -> QTextDocument:
    session: Session = reading.session
    # Built anew, not the reading pane's copied: that one has the screen's colours.
    doc = ReaderDocument(session, reading.font).qdoc
    doc.setUndoRedoEnabled(False)
    frame = doc.rootFrame().frameFormat()
    frame.setLeftMargin(0)
    frame.setRightMargin(0)
    doc.rootFrame().setFrameFormat(frame)
    cursor = QTextCursor(doc)
    _bold_labels(reading, cursor)  # before any insertion: model offsets still hold
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
    marker = QTextCharFormat()
    marker.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    marker.setForeground(theme.accent_color())
    # Each passage's number at its end, the last end first so that the ends before it
    # hold (a passage inside another ends before it); those ending together as "1,2".
    ends: dict[int, list[str]] = {}
    for number, h in enumerate(notes, start=1):
        ends.setdefault(h.end, []).append(str(number))
    for end in sorted(ends, reverse=True):
        cursor.setPosition(reading.to_qt(end))
        cursor.insertText(",".join(ends[end]), marker)
    _name_turns(reading, doc)
    _time_turns(reading, doc)
    _title(reading, cursor)
    body = QTextCharFormat()
    body.setFontPointSize(reading.font.pointSizeF() * 0.9)
    # Those whose words left the transcript, with their notes and codes, as every other
    # export lists them: the printout left them out, unsaid.
    orphans = [h for h in session.notes.highlights if h.orphan]
    for heading, listed, numbered in (("Notes", notes, True), (ORPHANS, orphans, False)):
        if listed:
            _heading(reading, cursor, heading)
        for number, h in enumerate(listed, start=1):
            cursor.insertBlock()
            cursor.insertText(f"{number}. " * numbered + _listed(session, h), body)
    if session.notes.notes.strip():
        _heading(reading, cursor, RESEARCH_NOTES)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        start = cursor.position()
        # Markdown; any HTML in them as text. Their "# Themes" is of the size of Qt's
        # ### (1.2 times the text's): under this heading, not bigger than it.
        research = demote_headings(session.notes.notes.strip("\n"), 2)
        cursor.insertMarkdown(research, QTextDocument.MarkdownFeature.MarkdownNoHTML)
        # As the notes' preview shows them (its tint would print dark in a dark theme).
        style_quotes(doc, None, theme.muted_color(), reading.font.pointSizeF() * 3)
        _ink_links(doc, start)
    return doc


def _listed(session: Session, h: Highlight) -> str:
    """A passage as the printout lists it: its words, label, note and codes."""
    codes = ", ".join(session.code_labels(h))
    label = session.notes.colors.get(h.color, h.color)  # none for NO_COLOR: codes follow
    text = f"“{shorten(h.exact, 80)}”" + (f" — {label}" if label else "")
    text += f". {h.note}" if h.note else ""
    return text + (f" (codes: {codes})" if codes else "")


def _ink_links(doc: QTextDocument, start: int) -> None:
    """The links after `start` in the accent colour: Qt's Markdown gives them the screen's
    (a dark theme's light blue, nearly unseen on paper)."""
    ink = QTextCharFormat()
    ink.setForeground(theme.accent_color())
    cursor = QTextCursor(doc)
    block = doc.findBlock(start)
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isAnchor():
                cursor.setPosition(fragment.position())
                cursor.setPosition(
                    fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.mergeCharFormat(ink)
            fragments += 1
        block = block.next()


def _heading(reading: ReaderDocument, cursor: QTextCursor, text: str) -> None:
    """`text` as a heading of its own, at the end of the document."""
    cursor.movePosition(QTextCursor.MoveOperation.End)
    heading = QTextCharFormat()
    heading.setFontWeight(QFont.Weight.Bold)
    heading.setFontPointSize(reading.font.pointSizeF() * 1.3)
    space = QTextBlockFormat()
    space.setTopMargin(reading.font.pointSizeF())
    # Apart from what it heads: the research notes' own first heading came right under it.
    space.setBottomMargin(reading.font.pointSizeF() * 0.6)
    cursor.insertBlock(space)
    cursor.insertText(text, heading)


def _title(reading: ReaderDocument, cursor: QTextCursor) -> None:
    """The interview's title and its file's name, above its first line."""
    document = reading.session.document
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.insertBlock()  # the interview's first line keeps its own formats
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.setBlockFormat(QTextBlockFormat())
    title = QTextCharFormat()
    title.setFontWeight(QFont.Weight.Bold)
    title.setFontPointSize(reading.font.pointSizeF() * 1.5)
    cursor.insertText(document.title or "Interview", title)
    if document.source:
        source = QTextCharFormat()
        source.setForeground(theme.muted_color())
        source.setFontPointSize(reading.font.pointSizeF() * 0.9)
        cursor.insertBlock()
        cursor.insertText(Path(document.source).name, source)
    space = QTextBlockFormat()
    space.setBottomMargin(reading.font.pointSizeF() * 1.5)
    cursor.mergeBlockFormat(space)


def _bold_labels(reading: ReaderDocument, cursor: QTextCursor) -> None:
    """A speaker label in the text ("Nurse: ") in bold and the text's colour: on screen
    it is quiet, as the margin names the speaker; on paper there is no margin."""
    text = reading.session.document.text
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    bold.setForeground(theme.text_color())
    for seg in reading.session.segments:
        end = speech_start(text, seg)
        if end > seg.start:
            cursor.setPosition(reading.to_qt(seg.start))
            cursor.setPosition(reading.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(bold)


def _name_turns(reading: ReaderDocument, doc: QTextDocument) -> None:
    """Where the margin names a speaker (or a question's number) and the text does not,
    "Name: " in bold at the start of the paragraph. By block number, from the end: endnote
    numbers are in the text already, so model offsets no longer hold, block numbers do."""
    text = reading.session.document.text
    for number in reversed(range(doc.blockCount())):
        segment = reading.segment_of_block(number)
        lines = [line.text for line in reading.margin_of_block(number)]
        if segment is None or not lines or lines[0] in ("aside", "intro"):
            continue
        if speech_start(text, segment) > segment.start:  # labelled in the text: in bold
            continue
        label = f"{lines[0]} ({lines[1]})" if len(lines) > 1 else lines[0]
        cursor = QTextCursor(doc.findBlockByNumber(number))
        fmt = QTextCharFormat(cursor.block().charFormat())
        fmt.setFontWeight(QFont.Weight.Bold)
        cursor.insertText(f"{label}: ", fmt)


def _time_turns(reading: ReaderDocument, doc: QTextDocument) -> None:
    """ "[12:05] " before each turn a timed transcript says is spoken then (and each
    paragraph a cue opens inside a long turn: SyncTable.marks), in the quiet colour: a
    printed Zoom transcript (a thesis's appendix) is cited by its times, as the margin
    shows them on screen. By block number, from the end, as `_name_turns`."""
    from reader.core.sync import format_time

    session = reading.session
    table = session.sync_table()
    starts = dict(table.marks)
    quiet = QTextCharFormat()
    quiet.setForeground(theme.muted_color())
    quiet.setFontWeight(QFont.Weight.Normal)
    for number in reversed(range(doc.blockCount())):
        segment = reading.segment_of_block(number)
        if segment is None or not reading.starts_segment(number):
            continue  # no paragraph, or a long one's later part
        ms = starts.get(segment.start)
        if (
            ms is None
            or (
                segment.timestamp  # a speaker's stamp (subtitles have none)
                and segment.timestamp in session.document.text[segment.start : segment.end]
            )
        ):
            continue  # untimed, or its time is written in the text already
        QTextCursor(doc.findBlockByNumber(number)).insertText(f"[{format_time(ms)}] ", quiet)


def print_to(printer: QPrinter, doc: QTextDocument) -> None:
    """`doc` printed, its paragraphs' left and right margins and first-line indents scaled
    from the screen's pixels to the printer's: Qt's printing scales the page's margins,
    the paragraphs' space above and below and the fonts but not these (nor the indent
    width), so at 1200 dpi a quote's indent (and an aside's) all but vanished."""
    screen = QGuiApplication.primaryScreen()
    scale = printer.logicalDpiX() / (screen.logicalDotsPerInchX() if screen else 96.0)
    doc.setIndentWidth(doc.indentWidth() * scale)  # an aside's indent, a list's
    cursor = QTextCursor(doc)
    block = doc.firstBlock()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.leftMargin() or fmt.rightMargin() or fmt.textIndent():
            fmt.setLeftMargin(fmt.leftMargin() * scale)
            fmt.setRightMargin(fmt.rightMargin() * scale)
            fmt.setTextIndent(fmt.textIndent() * scale)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()
    doc.print_(printer)


def pdf_printer(path: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),  # millimetres, QPageLayout's default unit
        )
    )
    return printer
