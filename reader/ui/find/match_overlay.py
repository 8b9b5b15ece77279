"""The find bar's marks: every visible match tinted under the reader's text and outlined
over it; the current one filled over the text with the amber itself, its words drawn
again on it.

Painted, the visible matches only, so a common word with tens of thousands of matches in
5 MB costs no more to show than one (extra selections repaint in ~120 ms at 10,000). The
tint goes under the text (the reader's underlays): laid over the text too, it took Dark's
question and secondary text on a highlight to 3.2:1.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from reader.core.palettes import match_tint
from reader.ui import theme
from reader.ui.reading.reader_view import ReaderView

MAX_PAINTED = 4000  # matches painted at once: more than a screen can hold


class MatchOverlay(QWidget):
    """A transparent child of the reader's viewport that outlines the visible matches, and
    tints them under the text."""

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
        reader.underlays.append(self.paint_tint)

    def set_matches(self, matches: list[tuple[int, int]], current: int) -> None:
        self.matches = matches
        self._ends = [end for _, end in matches]
        self.current = current
        self.reading = self.reader.reading
        self.reader.overview.set_matches(matches)
        self.setVisible(bool(matches))
        self.reader.viewport().update()  # the tint under the text, and this overlay

    def set_current(self, current: int) -> None:
        self.current = current
        self.reader.viewport().update()

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

    def _shown(self) -> bool:
        """Whether the matches belong to the document shown (else the find bar is about to
        search the one now open)."""
        reading = self.reader.reading
        return self.isVisible() and reading is not None and reading is self.reading

    def paint_tint(self, painter: QPainter) -> None:
        """The matches' tint, under the text and over the highlights: the text on it keeps
        its colour and its contrast (core/palettes.match_tint)."""
        if not self._shown():
            return
        tint = match_tint(theme.current())
        fill = QColor(tint.color)
        fill.setAlphaF(tint.amount)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        for i, rects in self._visible_rects():
            if i != self.current:  # filled over the text (paintEvent)
                for rect in rects:
                    painter.drawRect(rect)
        painter.restore()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        if not self._shown():
            return
        outline, current_outline = match_outlines()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i, rects in self._visible_rects():
            is_current = i == self.current
            if is_current:
                self._paint_current(painter, i, rects)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(current_outline if is_current else outline, 2 if is_current else 1))
            for rect in rects:
                painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 1.5, -0.5, -1.5), 2.5, 2.5)
        painter.end()

    def _paint_current(self, painter: QPainter, i: int, rects: list[QRectF]) -> None:
        """The current match filled with the amber itself, over the text, and its words
        drawn again on it in an ink that reads there: under the theme's text, a fill
        could be no brighter than the other matches' tint (core/palettes.match_tint)."""
        tint = match_tint(theme.current())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(tint.current))
        for rect in rects:
            painter.drawRect(rect)
        self.reader.highlights.paint_words(painter, *self.matches[i], QColor(tint.current_text))

    def _visible_rects(self) -> Iterator[tuple[int, list[QRectF]]]:
        layer = self.reader.highlights
        for i in self.visible_matches():
            yield i, layer.rects(*self.matches[i])


def match_outlines() -> tuple[QColor, QColor]:
    """The outline of every match and of the current one: an amber that shows on every
    highlight colour, around the text, never over it."""
    if theme.is_dark():
        return QColor(255, 190, 80, 170), QColor(255, 170, 60)
    return QColor(200, 120, 0, 170), QColor(214, 90, 0)
