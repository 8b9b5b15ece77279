"""The reading pane's QTextDocument: the interview text, styled by paragraph role.

The document's text is exactly the normalised source text (Qt turns each LF into a block
boundary; a paragraph too long to lay out at once shows a few of its spaces as line ends,
and a U+FEFF opening the text, which Qt would drop, shows as U+2060: each keeps every
offset), so no label or decoration ever enters the text that offsets
refer to: speaker
labels, markers and highlights are painted by the view; roles are character formats.
Speaker labels in the text are dimmed, blank lines between paragraphs kept low, and a
Markdown file's formatting (Document.spans) is applied on top.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontDatabase,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reader.core.document import Span, opening_feff_kept
from reader.core.interview import (
    Role,
    Segment,
    leading_time_end,
    speech_direction,
    speech_start,
)
from reader.core.long_paragraphs import LONG_PARAGRAPH, paragraph_breaks
from reader.core.offsets import Utf16Index
from reader.core.session import Session
from reader.ui import theme
from reader.ui.reading.margin import MarginLine, margin_lines

LINE_HEIGHT_PERCENT = 140
BLANK_LINE_PX = 2  # paragraphs keep their own spacing; a blank line adds almost none
HEADING_SCALE = {1: 1.5, 2: 1.3, 3: 1.15, 4: 1.05, 5: 1.0, 6: 1.0}
# A line's kind: its paragraph's role, and for a question the role before it (which sets
# the space above). No paragraph is of the kinds below, which have no role.
_Kind = tuple[Role | None, Role | None]
BLANK: _Kind = (None, None)  # a blank line between paragraphs: kept low
DEFAULT: _Kind = (None, Role.OTHER)  # a line after the last paragraph: Qt's formats


class ReaderDocument:
    """Builds the QTextDocument for a Session and keeps its formats in step with it."""

    def __init__(self, session: Session, font: QFont, parent: QObject | None = None) -> None:
        """`parent`: the reading pane that shows it, which deletes it. PySide keeps a
        document given to setDocument alive, so one without a parent outlived its pane,
        laying its text out from Qt's timer for nobody (a 5 MB transcript: 250 MB)."""
        self.session = session
        self.font = font
        self.index = Utf16Index(session.document.text)
        self.qdoc = QTextDocument(parent)
        self.qdoc.setUndoRedoEnabled(False)  # read-only text; formats are not undo steps
        self.qdoc.setDefaultFont(font)
        self.qdoc.setDocumentMargin(0)
        self.block_segment: list[int] = []  # block number -> segment index, -1 for blank lines
        self.continued: set[int] = set()  # blocks that go on with the paragraph above them
        self.breaks = _long_paragraph_breaks(session)
        self.transcript = False  # turns start with speaker labels
        self.one_answerer = True  # every answer is one person's (or nobody's)
        self.has_links = any(span.kind == "link" for span in session.document.spans)
        kinds = self._line_kinds()
        # The text goes in with the formats of its commonest kind of line, so that only
        # the other lines are formatted after (most lines of an interview are answers).
        common = Counter(kinds).most_common(1)[0][0]
        block_format, char_format = self._formats(common)
        cursor = QTextCursor(self.qdoc)
        cursor.beginEditBlock()
        cursor.setBlockFormat(block_format)
        cursor.setBlockCharFormat(char_format)
        cursor.insertText(_shown_text(session.document.text, self.breaks), char_format)
        cursor.endEditBlock()
        self._apply_structure(kinds, done=common)

    # Offsets: the single conversion point between the model and Qt ----------------------

    def to_qt(self, offset: int) -> int:
        return self.index.to_utf16(offset)

    def to_model(self, position: int) -> int:
        return self.index.to_code_point(position)

    def segment_of_block(self, block_number: int) -> Segment | None:
        """The paragraph `block_number` shows, or shows part of."""
        if 0 <= block_number < len(self.block_segment) and self.block_segment[block_number] >= 0:
            return self.session.segments[self.block_segment[block_number]]
        return None

    def margin_of_block(self, block_number: int, narrow: bool = False) -> tuple[MarginLine, ...]:
        """What the margin says beside a block (nothing beside a blank line). A `narrow`
        margin, which would cut names to "Int…", leaves out those the text says already
        (a transcript's turn starts with its speaker) or that tell nothing (one person
        answers every question); a speaker renamed ("Haddad, Leila" shown as "Leila
        Haddad") it names, or the rename showed nowhere. Nothing beside a long
        paragraph's later parts."""
        if block_number in self.continued:
            return ()
        if 0 <= block_number < len(self.block_segment) and self.block_segment[block_number] >= 0:
            segments = self.session.segments
            index = self.block_segment[block_number]
            numbers = self.session.question_numbers
            lines = margin_lines(segments, index, numbers, self.transcript)
            segment = segments[index]
            said = segment.label and _same_name(segment.label, segment.speaker)
            if narrow and (said or self.one_answerer):
                return tuple(line for line in lines if not line.name)
            return lines
        return ()

    # Structure ---------------------------------------------------------------------------

    def apply_structure(self) -> None:
        """Block and character formats for every paragraph, from its role."""
        self._apply_structure(self._line_kinds())

    def _line_kinds(self) -> list[_Kind]:
        """Each line's kind, from the segments; also fills `block_segment`.

        Segments are whole lines; the lines between them are BLANK, the lines after the
        last one (a final line end) DEFAULT. A long paragraph's later parts (`breaks`) are
        of its kind, as if it were a question after a question (a little space above).
        """
        count = self.session.document.text.count  # the line breaks before each segment, in C
        parts = {}  # segment index -> its blocks, where more than one
        if self.breaks:
            from bisect import bisect_left

            parts = {
                i: 1 + bisect_left(self.breaks, seg.end) - bisect_left(self.breaks, seg.start)
                for i, seg in enumerate(self.session.segments)
            }
        shown = self.session.shown_roles()  # a back-channel ("Mm-hm.") as plain speech
        kinds: list[_Kind] = []
        self.block_segment = block_segment = []
        self.continued = set()
        counted_to = 0
        previous_role: Role | None = None
        for i, seg in enumerate(self.session.segments):
            # The lines passed on the way to this segment's hold no segment: blank.
            blanks = count("\n", counted_to, seg.start) - (i > 0)
            counted_to = seg.start
            if blanks > 0:
                kinds += [BLANK] * blanks
                block_segment += [-1] * blanks
            role = shown[i]
            kinds.append((role, previous_role if role is Role.QUESTION else None))
            block_segment.append(i)
            if parts.get(i, 1) > 1:
                self.continued.update(range(len(kinds), len(kinds) + parts[i] - 1))
                kinds += [(role, role)] * (parts[i] - 1)
                block_segment += [i] * (parts[i] - 1)
            previous_role = role
        rest = count("\n") + len(self.breaks) + 1 - len(kinds)
        kinds += [DEFAULT] * rest
        block_segment += [-1] * rest
        return kinds

    def _apply_structure(self, kinds: list[_Kind], done: _Kind | None = None) -> None:
        """Format each run of lines of one kind (but those of kind `done`, which the text
        already has) in one step: a 5 MB transcript has 16,000 lines, and a step is a few
        calls into Qt. Then the Markdown formatting and the speaker labels."""
        segments = self.session.segments
        # Asides, quotations and lists are indented by a block's indent, which Qt puts on
        # the side its lines start (a left margin stayed on the left of Arabic ones).
        self.qdoc.setIndentWidth(1.5 * self.font.pointSizeF() * 1.33)
        cursor = QTextCursor(self.qdoc)
        cursor.beginEditBlock()
        formats: dict[_Kind, tuple[QTextBlockFormat, QTextCharFormat]] = {}
        first = 0
        for last, kind in enumerate(kinds):
            if last + 1 < len(kinds) and kinds[last + 1] == kind:
                continue
            start, first = first, last + 1
            if kind == done:
                continue
            if kind not in formats:  # formats are values: built once each, not per line
                formats[kind] = self._formats(kind)
            block_format, char_format = formats[kind]
            block = self.qdoc.findBlockByNumber(last)
            cursor.setPosition(self.qdoc.findBlockByNumber(start).position())
            cursor.setPosition(
                block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(char_format)  # an empty line is as tall as this
            cursor.setCharFormat(char_format)
        if self.session.document.spans:  # Markdown only: plain text pays nothing
            self._apply_spans(cursor, self.session.document.spans)
        labelled = [seg for seg in segments if seg.label]
        self._dim_labels(cursor, labelled)
        self._dim_times(cursor, [seg for seg in segments if seg.timestamp and not seg.label])
        self.transcript = bool(labelled)
        answerers = {seg.speaker for seg in segments if seg.role is Role.ANSWER}
        self.one_answerer = len(answerers) <= 1
        cursor.endEditBlock()

    def starts_segment(self, block_number: int) -> bool:
        """Whether `block_number` shows the start of a paragraph."""
        return self.segment_of_block(block_number) is not None and (
            block_number not in self.continued
        )

    def _formats(self, kind: _Kind) -> tuple[QTextBlockFormat, QTextCharFormat]:
        if kind == DEFAULT:
            return QTextBlockFormat(), QTextCharFormat()
        if kind == BLANK:
            return QTextBlockFormat(), self._blank_format()
        return self._block_format(*kind), self.base_format(kind[0])

    def _block_format(self, role: Role, previous: Role | None) -> QTextBlockFormat:
        em = self.font.pointSizeF() * 1.33  # points to pixels at 96 dpi
        fmt = QTextBlockFormat()
        fmt.setLineHeight(LINE_HEIGHT_PERCENT, 1)  # 1 = QTextBlockFormat.ProportionalHeight
        fmt.setBottomMargin(0.75 * em)
        if role is Role.QUESTION:
            fmt.setTopMargin((1.2 if previous is not Role.QUESTION else 0.2) * em)
            fmt.setBottomMargin(0.45 * em)
        elif role is Role.ASIDE:
            fmt.setIndent(1)  # on the side where its lines start: the right in Arabic
            fmt.setTopMargin(0.2 * em)
        elif role is Role.CLOSING:
            fmt.setTopMargin(1.5 * em)
            fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        return fmt

    def base_format(self, role: Role) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(theme.text_color())
        fmt.setBackground(QBrush())
        fmt.setFontUnderline(False)
        fmt.setFontItalic(False)
        fmt.setFontWeight(QFont.Weight.Normal)
        fmt.setFontPointSize(self.font.pointSizeF())
        if role is Role.QUESTION:
            fmt.setFontWeight(QFont.Weight.DemiBold)
            fmt.setForeground(theme.accent_color())
        elif role is Role.INTRO:
            fmt.setForeground(theme.mix(theme.text_color(), theme.muted_color(), 0.5))
            fmt.setFontPointSize(self.font.pointSizeF() * 1.04)
        elif role in (Role.ASIDE, Role.CLOSING):
            fmt.setForeground(theme.muted_color())
            fmt.setFontItalic(True)
            if role is Role.ASIDE:
                fmt.setFontPointSize(self.font.pointSizeF() * 0.86)
        return fmt

    # Transcripts and Markdown ----------------------------------------------------------

    def _blank_format(self) -> QTextCharFormat:
        """A blank line's height comes from its font: a tiny one keeps it low."""
        fmt = QTextCharFormat()
        fmt.setFontPointSize(BLANK_LINE_PX * 0.5)
        return fmt

    @staticmethod
    def _quiet_format() -> QTextCharFormat:
        """What the text says that is not words said (a label, a time): quiet and plain."""
        quiet = QTextCharFormat()
        quiet.setForeground(theme.muted_color())
        quiet.setFontWeight(QFont.Weight.Normal)
        quiet.setFontItalic(False)
        return quiet

    def _merge(self, cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
        cursor.setPosition(self.to_qt(start))
        cursor.setPosition(self.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    def _dim_times(self, cursor: QTextCursor, segments: list[Segment]) -> None:
        """The time opening an unlabelled paragraph ("[00:00:00.000 --> 00:00:04.000]", as
        whisper's console writes each line) in the labels' quiet tone: when, not words."""
        text, quiet = self.session.document.text, self._quiet_format()
        for seg in segments:
            end = leading_time_end(text, seg)
            if end > seg.start:
                self._merge(cursor, seg.start, end, quiet)

    def _dim_labels(self, cursor: QTextCursor, segments: list[Segment]) -> None:
        """The speaker label at a turn's start in a quiet tone: the margin names the speaker.
        A turn reads in the direction of its words, not of its speaker's name."""
        text, quiet = self.session.document.text, self._quiet_format()
        tight = QTextBlockFormat()
        tight.setBottomMargin(0.1 * self.font.pointSizeF() * 1.33)
        ways = {"ltr": Qt.LayoutDirection.LeftToRight, "rtl": Qt.LayoutDirection.RightToLeft}
        for seg in segments:
            end = speech_start(text, seg)
            if end > seg.start:
                self._merge(cursor, seg.start, end, quiet)
            if end >= seg.end:  # a name alone on its line sits on the words below it
                cursor.mergeBlockFormat(tight)
            elif way := speech_direction(text, seg, end):  # the words', not the name's
                direction = QTextBlockFormat()
                direction.setLayoutDirection(ways[way])
                cursor.mergeBlockFormat(direction)

    def _apply_spans(self, cursor: QTextCursor, spans: tuple[Span, ...]) -> None:
        """Headings, emphasis, code, links, lists and quotations of a Markdown file, over
        the role formats; the text stays the rendered plain text."""
        for span in spans:
            cursor.setPosition(self.to_qt(span.start))
            cursor.setPosition(self.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
            if span.kind in ("list_item", "blockquote"):
                em = self.font.pointSizeF() * 1.33  # points to pixels at 96 dpi
                block = QTextBlockFormat()
                block.setIndent(1)
                if span.kind == "list_item":  # items of a list sit together
                    block.setBottomMargin(0.25 * em)
                cursor.mergeBlockFormat(block)
            cursor.mergeCharFormat(self._span_format(span))

    def _span_format(self, span: Span) -> QTextCharFormat:
        fmt = QTextCharFormat()
        kind = span.kind
        if kind.startswith("heading"):
            fmt.setFontPointSize(self.font.pointSizeF() * HEADING_SCALE.get(int(kind[-1]), 1.0))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setForeground(theme.text_color())
        elif kind == "strong":
            fmt.setFontWeight(QFont.Weight.Bold)
        elif kind == "emphasis":
            fmt.setFontItalic(True)
        elif kind == "strike":
            fmt.setFontStrikeOut(True)
        elif kind == "code":
            fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            fmt.setFontFamilies([fixed.family()])
        elif kind == "link":
            fmt.setAnchor(True)
            fmt.setAnchorHref(span.url)
            fmt.setFontUnderline(True)
            fmt.setForeground(theme.accent_color())
            fmt.setToolTip(span.url)
        elif kind == "blockquote":
            fmt.setFontItalic(True)
        return fmt


def _long_paragraph_breaks(session: Session) -> list[int]:
    """The spaces shown as line ends, in order: none unless a paragraph is long."""
    long = [seg for seg in session.segments if seg.end - seg.start > LONG_PARAGRAPH]
    text = session.document.text
    return [space for seg in long for space in paragraph_breaks(text, seg.start, seg.end)]


def _shown_text(text: str, breaks: list[int]) -> str:
    """`text` with the spaces at `breaks` made line ends, and a U+FEFF opening it as Qt
    keeps it (`opening_feff_kept`): its length unchanged."""
    text = opening_feff_kept(text)
    if not breaks:
        return text
    pieces = []
    start = 0
    for space in breaks:
        pieces.append(text[start:space])
        start = space + 1
    pieces.append(text[start:])
    return "\n".join(pieces)


def _same_name(label: str, speaker: str) -> bool:
    """Whether a label as written names the speaker shown ("interviewer 1" is
    "Interviewer1"; "Haddad, Leila" renamed "Leila Haddad" is not)."""
    return "".join(filter(str.isalnum, label.casefold())) == "".join(
        filter(str.isalnum, speaker.casefold())
    )
