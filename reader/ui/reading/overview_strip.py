"""A narrow strip beside the reader's scroll bar: where the highlights and the find matches
are in the whole interview, in their colours; a click goes there.

Positions are proportional to the text offset, not to the laid-out height: asking Qt where
a far paragraph lies makes it lay out everything above it (about a second for 5 MB), and
the strip must cost nothing at first paint.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from reader.ui import theme
from reader.ui.reading.reader_document import ReaderDocument


class ScrolledReader(Protocol):
    """What the strip needs of the reading pane (its ReaderView)."""

    reading: ReaderDocument | None

    def viewport(self) -> QWidget: ...

    def scroll_to_offset(self, offset: int, flash_end: int | None = None) -> None: ...

    def setFocus(self, reason: Qt.FocusReason) -> None: ...


STRIP_WIDTH = 10
MARK_HEIGHT = 3
SNAP_PX = 5  # a click this close to a mark goes to the mark


class OverviewStrip(QWidget):
    def __init__(self, reader: ScrolledReader, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overview-strip")
        self.setAccessibleName("Overview of highlights and matches")
        self.setAccessibleDescription(
            "Marks where the highlights and find matches are; click one to go there"
        )
        self.setToolTip("Highlights and find matches in the whole interview; click to go there")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the reader's keys reach every mark
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.reader = reader
        self.matches: list[tuple[int, int]] = []

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        self.matches = matches
        self.update()

    def place(self) -> None:
        """Between the viewport and the vertical scroll bar (the reader keeps room for it)."""
        viewport = self.reader.viewport().geometry()
        self.setGeometry(viewport.right() + 1, viewport.top(), STRIP_WIDTH, viewport.height())

    def _length(self) -> int:
        reading = self.reader.reading
        return max(1, len(reading.session.document.text)) if reading is not None else 1

    def y_of(self, offset: int) -> float:
        return offset / self._length() * (self.height() - MARK_HEIGHT)

    def marks(self) -> list[tuple[int, QColor]]:
        """(offset, colour) of every mark: highlights, then matches over them."""
        reading = self.reader.reading
        if reading is None:
            return []
        found: list[tuple[int, QColor]] = [
            (h.start, theme.swatch_color(h.color))
            for h in reading.session.notes.highlights
            if not h.orphan
        ]
        match_color = QColor("#ffb000") if theme.is_dark() else QColor("#c25a00")
        found.extend((start, match_color) for start, _ in self.matches)
        return found

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(self.palette().ColorRole.Window))
        painter.setPen(Qt.PenStyle.NoPen)
        drawn: set[tuple[int, int]] = set()  # 10,000 marks fall on a few hundred pixels
        for offset, color in self.marks():
            y = round(self.y_of(offset))
            if (y, color.rgb()) in drawn:
                continue
            drawn.add((y, color.rgb()))
            painter.setBrush(color)
            painter.drawRect(QRectF(1, y, self.width() - 2, MARK_HEIGHT))
        painter.end()

    def offset_at(self, y: float) -> int:
        """The offset a click at `y` goes to: the nearest mark within reach, else that
        proportion of the text."""
        offsets = sorted(offset for offset, _ in self.marks())
        proportional = int(max(0.0, y) / max(1, self.height() - MARK_HEIGHT) * self._length())
        i = bisect_left(offsets, proportional)
        near = [o for o in offsets[max(0, i - 1) : i + 1] if abs(self.y_of(o) - y) <= SNAP_PX]
        if near:
            return min(near, key=lambda o: abs(self.y_of(o) - y))
        return min(proportional, self._length() - 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.reader.reading is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self.reader.scroll_to_offset(self.offset_at(event.position().y()))
        self.reader.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()
