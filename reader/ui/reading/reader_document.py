"""The reading pane's QTextDocument: the interview text, styled by paragraph role.

The document's text is exactly the normalised source text (Qt turns each LF into a block
boundary), so no label or decoration ever enters the text that offsets refer to: speaker
labels, markers and highlights are painted by the view; roles are character formats.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reader.core.interview import Role, Segment
from reader.core.offsets import Utf16Index
from reader.core.session import Session
from reader.ui import theme

LINE_HEIGHT_PERCENT = 140


class ReaderDocument:
    """Builds the QTextDocument for a Session and keeps its formats in step with it."""

    def __init__(self, session: Session, font: QFont) -> None:
        self.session = session
        self.font = font
        self.index = Utf16Index(session.document.text)
        self.qdoc = QTextDocument()
        self.qdoc.setUndoRedoEnabled(False)  # read-only text; formats are not undo steps
        self.qdoc.setDefaultFont(font)
        self.qdoc.setDocumentMargin(0)
        self.qdoc.setPlainText(session.document.text)
        self.block_segment: list[int] = []  # block number -> segment index, -1 for blank lines
        self.question_numbers: dict[int, int] = {}  # question segment start -> its number
        self.apply_structure()

    # Offsets: the single conversion point between the model and Qt ----------------------

    def to_qt(self, offset: int) -> int:
        return self.index.to_utf16(offset)

    def to_model(self, position: int) -> int:
        return self.index.to_code_point(position)

    def segment_of_block(self, block_number: int) -> Segment | None:
        if 0 <= block_number < len(self.block_segment) and self.block_segment[block_number] >= 0:
            return self.session.segments[self.block_segment[block_number]]
        return None

    # Structure ---------------------------------------------------------------------------

    def apply_structure(self) -> None:
        """Block and character formats for every paragraph, from its role."""
        segments = self.session.segments
        text = self.session.document.text
        self.block_segment = [-1] * self.qdoc.blockCount()
        cursor = QTextCursor(self.qdoc)
        cursor.beginEditBlock()
        line = 0
        line_start = 0
        previous_role: Role | None = None
        # Formats are values: build each once, not once per paragraph (16,000 in 5 MB).
        char_formats = {role: self.base_format(role) for role in Role}
        block_formats: dict[tuple[Role, Role | None], QTextBlockFormat] = {}
        for i, seg in enumerate(segments):
            # Segments are whole lines: advance to the line that holds this one.
            while True:
                newline = text.find("\n", line_start)
                if newline == -1 or newline >= seg.start:
                    break
                line += 1
                line_start = newline + 1
            self.block_segment[line] = i
            block = self.qdoc.findBlockByNumber(line)
            cursor.setPosition(block.position())
            key = (seg.role, previous_role if seg.role is Role.QUESTION else None)
            if key not in block_formats:
                block_formats[key] = self._block_format(*key)
            cursor.setBlockFormat(block_formats[key])
            cursor.setPosition(
                block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.setCharFormat(char_formats[seg.role])
            previous_role = seg.role
        cursor.endEditBlock()
        self.question_numbers = {
            segments[i].start: n for i, n in self.session.question_numbers.items()
        }

    def _block_format(self, role: Role, previous: Role | None) -> QTextBlockFormat:
        em = self.font.pointSizeF() * 1.33  # points to pixels at 96 dpi
        fmt = QTextBlockFormat()
        fmt.setLineHeight(LINE_HEIGHT_PERCENT, 1)  # 1 = QTextBlockFormat.ProportionalHeight
        fmt.setBottomMargin(0.75 * em)
        if role is Role.QUESTION:
            fmt.setTopMargin((1.2 if previous is not Role.QUESTION else 0.2) * em)
            fmt.setBottomMargin(0.45 * em)
        elif role is Role.ASIDE:
            fmt.setLeftMargin(1.5 * em)
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
