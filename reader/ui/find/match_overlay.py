"""The find bar's marks: every visible match outlined over the reader's viewport.

Painted by an overlay, the visible matches only, so a common word with tens of thousands of
matches in 5 MB costs no more to show than one (extra selections repaint in ~120 ms at
10,000).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from reader.ui import theme
from reader.ui.reading.reader_view import ReaderView

MAX_PAINTED = 4000  # matches painted at once: more than a screen can hold


class MatchOverlay(QWidget):
    """A transparent child of the reader's viewport that outlines the visible matches."""

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader.viewport())
        self.setObjectName("find-matches")
        self.reader = reader
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches: list[tuple[int, int]] = []
        self._ends: list[int] = []
        self.current = -1
        self.reading: object = None  # the ReaderDocument the matches belong to
        reader.viewport().installEventFilter(self)
        # The viewport scrolls its children with it: put the overlay back, repaint.
        reader.verticalScrollBar().valueChanged.connect(self._follow_viewport)
        reader.horizontalScrollBar().valueChanged.connect(self._follow_viewport)
        self.setGeometry(reader.viewport().rect())
        self.lower()  # under the selection bar
        self.hide()

    def set_matches(self, matches: list[tuple[int, int]], current: int) -> None:
        self.matches = matches
        self._ends = [end for _, end in matches]
        self.current = current
        self.reading = self.reader.reading
        self.reader.overview.set_matches(matches)
        self.setVisible(bool(matches))
        self.update()

    def set_current(self, current: int) -> None:
        self.current = current
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.reader.viewport() and event.type() == QEvent.Type.Resize:
            self._follow_viewport()
        return False

    def _follow_viewport(self) -> None:
        self.setGeometry(self.reader.viewport().rect())
        self.update()

    def visible_matches(self) -> range:
        """Indexes of the matches in the viewport."""
        if not self.matches or self.reader.reading is None:
            return range(0)
        first, last = self.reader.highlights.visible_range()
        lo = bisect_right(self._ends, first)
        hi = bisect_left(self.matches, (last + 1,))
        return range(lo, min(hi, lo + MAX_PAINTED))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.reader.reading is None or self.reader.reading is not self.reading:
            return  # another document is open: the find bar is about to search it
        del event
        fill, outline, current_fill, current_outline = match_colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        layer = self.reader.highlights
        for i in self.visible_matches():
            start, end = self.matches[i]
            is_current = i == self.current
            painter.setBrush(current_fill if is_current else fill)
            painter.setPen(QPen(current_outline if is_current else outline, 2 if is_current else 1))
            for rect in layer.rects(start, end):
                painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 1.5, -0.5, -1.5), 2.5, 2.5)
        painter.end()


def match_colors() -> tuple[QColor, QColor, QColor, QColor]:
    """(fill, outline) of every match and of the current one: an amber outline shows on
    every highlight colour, the fill stays light enough to read the text through."""
    if theme.is_dark():
        return (
            QColor(255, 190, 80, 45),
            QColor(255, 190, 80, 170),
            QColor(255, 150, 40, 80),
            QColor(255, 170, 60),
        )
    return (
        QColor(255, 170, 0, 50),
        QColor(200, 120, 0, 170),
        QColor(255, 140, 0, 70),
        QColor(214, 90, 0),
    )
