"""The reading pane: the interview laid out for reading, with its structure in the margin."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QContextMenuEvent,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from reader.core.interview import Role, Segment
from reader.core.session import Session
from reader.ui import theme
from reader.ui.reader_document import ReaderDocument

ROLE_LABELS = {
    Role.QUESTION: "Question",
    Role.ANSWER: "Answer",
    Role.ASIDE: "Aside",
    Role.INTRO: "Introduction",
    Role.CLOSING: "Closing line",
    Role.OTHER: "Other",
}
FLASH_MS = 900


class ReaderView(QTextEdit):
    """Read-only, selectable, keyboard-navigable view of one interview."""

    roleRequested = Signal(int, object)  # paragraph start (code points), Role
    renameSpeakerRequested = Signal(str)  # the detected speaker name
    topSegmentChanged = Signal(int)  # index of the segment at the top of the view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        # Keyboard selection too, so that the keyboard does everything (caret browsing).
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setAccessibleName("Interview text")
        self.reading = None  # type: ReaderDocument | None
        self._font = theme.reading_font()
        self._label_font = theme.ui_font()
        self._label_font.setPointSizeF(self._font.pointSizeF() * 0.72)
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(lambda: self.setExtraSelections([]))
        self.verticalScrollBar().valueChanged.connect(self._emit_top_segment)

    # Content -----------------------------------------------------------------------------

    def show_session(self, session: Session) -> None:
        self.reading = ReaderDocument(session, self._font)
        self.setDocument(self.reading.qdoc)
        self._update_margins()

    @property
    def session(self) -> Session:
        assert self.reading is not None
        return self.reading.session

    def refresh_structure(self) -> None:
        if self.reading is not None:
            self.reading.apply_structure()
            self.viewport().update()

    # Layout: a centred column of comfortable width, the gutter in its left margin --------

    def column_width(self) -> int:
        return round(QFontMetricsF(self._font).averageCharWidth() * theme.COLUMN_CHARS)

    def _update_margins(self) -> None:
        width = self.viewport().width()
        column = min(self.column_width(), max(200, width - theme.GUTTER_WIDTH - 32))
        left = max(theme.GUTTER_WIDTH + 8, (width - column) // 2)
        right = max(24, width - left - column)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if (fmt.leftMargin(), fmt.rightMargin()) != (left, right):
            fmt.setLeftMargin(left)
            fmt.setRightMargin(right)
            fmt.setTopMargin(36)
            fmt.setBottomMargin(64)
            frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    # Navigation --------------------------------------------------------------------------

    def scroll_to_offset(self, offset: int, flash_end: int | None = None) -> None:
        """Put the paragraph holding `offset` near the top; flash [offset, flash_end)."""
        assert self.reading is not None
        position = self.reading.to_qt(offset)
        block = self.document().findBlock(position)
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(max(0, round(top) - 24))
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        self.setTextCursor(cursor)
        if flash_end is not None:
            self.flash(offset, flash_end)

    def flash(self, start: int, end: int) -> None:
        assert self.reading is not None
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(self.document())
        selection.cursor.setPosition(self.reading.to_qt(start))
        selection.cursor.setPosition(self.reading.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.format.setBackground(self.palette().highlight())
        selection.format.setForeground(self.palette().highlightedText())
        self.setExtraSelections([selection])
        self._flash_timer.start()

    def selected_range(self) -> tuple[int, int] | None:
        """The selection in code points of the document text, None when nothing is selected."""
        cursor = self.textCursor()
        if self.reading is None or not cursor.hasSelection():
            return None
        return self.reading.to_model(cursor.selectionStart()), self.reading.to_model(
            cursor.selectionEnd()
        )

    def cursor_offset(self) -> int:
        assert self.reading is not None
        return self.reading.to_model(self.textCursor().position())

    def top_segment_index(self) -> int:
        if self.reading is None:
            return 0
        cursor = self.cursorForPosition(QPoint(0, 8))
        return self.session.segment_index_at(self.reading.to_model(cursor.position()))

    def _emit_top_segment(self) -> None:
        if self.reading is not None:
            self.topSegmentChanged.emit(self.top_segment_index())

    # The margin: question numbers and speakers, painted, never part of the text ----------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.reading is None:
            return
        painter = QPainter(self.viewport())
        painter.setFont(self._label_font)
        layout = self.document().documentLayout()
        offset_y = self.verticalScrollBar().value()
        left = self.document().rootFrame().frameFormat().leftMargin()
        block = self.cursorForPosition(QPoint(0, 0)).block()
        height = self.viewport().height()
        numbers = self.reading.question_numbers
        previous = self.reading.segment_of_block(block.blockNumber() - 1)
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            top = rect.top() - offset_y
            if top > height:
                break
            segment = self.reading.segment_of_block(block.blockNumber())
            if segment is not None:
                label, color = self._margin_label(segment, previous, numbers)
                if label:
                    line = block.layout().lineAt(0) if block.layout().lineCount() else None
                    line_height = line.height() if line is not None else rect.height()
                    box = QRect(
                        0,
                        round(top + block.blockFormat().topMargin()),
                        round(left) - 18,
                        round(line_height),
                    )
                    painter.setPen(color)
                    painter.drawText(
                        box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
                    )
                previous = segment
            block = block.next()
        painter.end()

    def _margin_label(
        self, segment: Segment, previous: Segment | None, numbers: dict[int, int]
    ) -> tuple[str, QColor]:
        muted = theme.muted_color()
        if segment.role is Role.QUESTION:
            number = numbers.get(segment.start)
            if (
                previous is not None
                and previous.role is Role.QUESTION
                and previous.speaker == segment.speaker
            ):
                return "", muted
            return (f"Q{number}" if number else "Q"), theme.accent_color()
        if segment.role is Role.ANSWER:
            if (
                previous is not None
                and previous.role is Role.ANSWER
                and previous.speaker == segment.speaker
            ):
                return "", muted
            return _short_name(segment.speaker), muted
        if segment.role is Role.ASIDE:
            return "aside", muted
        if segment.role is Role.INTRO and (previous is None or previous.role is not Role.INTRO):
            return "intro", muted
        return "", muted

    # Context menu ------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a right-click at viewport position `pos`."""
        menu = self.createStandardContextMenu(pos)
        menu.setParent(self, menu.windowFlags())
        if self.reading is not None:
            cursor = self.cursorForPosition(pos)
            segment = self.reading.segment_of_block(cursor.blockNumber())
            if segment is not None:
                self._add_structure_actions(menu, segment)
        return menu

    def _add_structure_actions(self, menu: QMenu, segment: Segment) -> None:
        menu.addSeparator()
        roles = menu.addMenu("Paragraph &Role")
        group = QActionGroup(roles)
        for role, label in ROLE_LABELS.items():
            action = QAction(label, roles, checkable=True, checked=segment.role is role)
            group.addAction(action)
            action.triggered.connect(
                lambda _=False, r=role: self.roleRequested.emit(segment.start, r)
            )
            roles.addAction(action)
        rename = menu.addAction("Re&name Speaker…")
        rename.setEnabled(bool(segment.speaker))
        detected = self.session.detected[self.session.segments.index(segment)].speaker
        rename.triggered.connect(lambda: self.renameSpeakerRequested.emit(detected))


def _short_name(name: str) -> str:
    """What fits in the margin: a long name is cut to its last word."""
    return name if len(name) <= 14 else name.split()[-1][:14]
