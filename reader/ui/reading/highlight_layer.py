"""Highlights painted under the text of the reading pane, for the visible part only.

Measured on a 5 MB transcript: a character-format change makes QTextDocumentLayout walk
every block after it (about 20 ms near the top), while painting the visible highlights
costs the same whatever their number. So highlights never touch the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock, QTextDocument, QTextLine
from PySide6.QtWidgets import QScrollBar, QWidget

from reader.core.annotations import NO_COLOR, Highlight
from reader.core.session import Session
from reader.ui import theme
from reader.ui.reading.reader_document import ReaderDocument


class ReadingView(Protocol):
    """What the layer needs of the reading pane (its ReaderView)."""

    reading: ReaderDocument | None
    current_highlight_id: str

    @property
    def session(self) -> Session: ...

    def block_at_y(self, y: float) -> QTextBlock: ...

    def document(self) -> QTextDocument: ...

    def viewport(self) -> QWidget: ...

    def verticalScrollBar(self) -> QScrollBar: ...

    def horizontalScrollBar(self) -> QScrollBar: ...


MARKER_RADIUS = 3.5
UNDERLINE = 1.5  # px: a coded passage with no colour


class HighlightLayer:
    def __init__(self, view: ReadingView) -> None:
        self.view = view

    def visible_range(self) -> tuple[int, int]:
        """Code point offsets of the first and last characters in the viewport."""
        view = self.view
        top = view.verticalScrollBar().value()
        bottom = top + view.viewport().height()
        first = view.block_at_y(top)
        # Walk down the page from the first block: a second search would move the view's
        # block hint away from the top, where the next paint starts.
        layout = view.document().documentLayout()
        last = first
        while last.next().isValid() and layout.blockBoundingRect(last).bottom() < bottom:
            last = last.next()
        assert view.reading is not None
        end = last.position() + last.length()
        return view.reading.to_model(first.position()), view.reading.to_model(end)

    def rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering [start, end), one per line it touches."""
        scroll = self._scroll()
        return [r for part in self._blocks(start, end) for r in _block_rects(*part, scroll)]

    def paint_words(self, painter: QPainter, start: int, end: int, color: QColor) -> None:
        """The words of [start, end) drawn again where they are, in `color` (over a fill
        that hid them)."""
        scroll = self._scroll()
        painter.setPen(color)
        for block, lo, hi in self._blocks(start, end):
            layout = block.layout()
            for run in layout.glyphRuns(lo, hi - lo):
                painter.drawGlyphRun(layout.position() - scroll, run)

    def _blocks(self, start: int, end: int) -> Iterator[tuple[QTextBlock, int, int]]:
        """Each block [start, end) touches, with the part of it within (from, to in the
        block)."""
        view = self.view
        assert view.reading is not None
        q_start, q_end = view.reading.to_qt(start), view.reading.to_qt(end)
        block = view.document().findBlock(q_start)
        while block.isValid() and block.position() < q_end:
            lo = max(q_start, block.position()) - block.position()
            yield block, lo, min(q_end, block.position() + block.length() - 1) - block.position()
            block = block.next()

    def _scroll(self) -> QPointF:
        view = self.view
        return QPointF(view.horizontalScrollBar().value(), view.verticalScrollBar().value())

    def paint(self, painter: QPainter) -> None:
        """Highlights under the text: outer first, so inner ones (and overlaps) stand out."""
        view = self.view
        first, last = self.visible_range()
        shown = view.session.highlights_overlapping(first, last + 1)
        if not shown:
            return
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        covered: list[tuple[Highlight, list[QRectF]]] = []
        for h in sorted(shown, key=lambda h: (h.start, -h.end)):
            # Only its lines in the blocks shown: a highlight of a whole answer of 1 MB was
            # laid out line by line at each paint (880 ms a caret blink).
            rects = self.rects(max(h.start, first), min(h.end, last))
            if h.color != NO_COLOR:
                painter.setBrush(theme.highlight_color(h.color))
                for rect in rects:
                    painter.drawRect(rect)
            covered.append((h, rects))
        self._paint_coded(painter, covered)
        self._paint_overlaps(painter, covered)
        self._paint_current(painter, covered)
        painter.restore()

    def _paint_coded(
        self, painter: QPainter, covered: list[tuple[Highlight, list[QRectF]]]
    ) -> None:
        """A passage with no colour (only coded) has no fill: a thin underline in its first
        code's colour says the text is coded, beside the margin's code stripes."""
        book = self.view.session.notes.codebook
        for h, rects in covered:
            if h.color != NO_COLOR:
                continue
            # A colour the page hides (navy on Dark) in a tone it shows.
            painter.setPen(QPen(theme.seen_on(theme.coded_color(book, h.codes)), UNDERLINE))
            for rect in rects:
                y = rect.bottom() - UNDERLINE
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        painter.setPen(Qt.PenStyle.NoPen)

    def _paint_current(
        self, painter: QPainter, covered: list[tuple[Highlight, list[QRectF]]]
    ) -> None:
        """The highlight at the caret: a thin frame in its swatch's deep tone (a neutral one
        with no colour)."""
        current = self.view.current_highlight_id
        for h, rects in covered:
            if h.id == current:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(deep_tone(h.color, 150), 1))
                for rect in rects:
                    painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(Qt.PenStyle.NoPen)
                return

    def paint_markers(self, painter: QPainter) -> None:
        """A dot at the end of each visible highlight that carries a note."""
        first, last = self.visible_range()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for h in self.view.session.highlights_overlapping(first, last + 1):
            if h.note:
                rects = self.rects(h.end - 1, h.end)
                if rects:
                    corner = rects[-1].topRight()
                    painter.setBrush(deep_tone(h.color, 160))
                    centre = QPointF(corner.x() + 1, corner.y() + MARKER_RADIUS)
                    painter.drawEllipse(centre, MARKER_RADIUS, MARKER_RADIUS)
        painter.restore()

    def _paint_overlaps(
        self, painter: QPainter, covered: list[tuple[Highlight, list[QRectF]]]
    ) -> None:
        """Where two highlights overlap, underline in the outer one's colour."""
        for i, (outer, outer_rects) in enumerate(covered):
            if outer.color == NO_COLOR:
                continue  # its own underline runs under the whole passage
            for inner, inner_rects in covered[i + 1 :]:
                if inner.start >= outer.end:
                    break
                pen = QPen(deep_tone(outer.color, 140), 2)
                painter.setPen(pen)
                for a in outer_rects:
                    for b in inner_rects:
                        both = a.intersected(b)
                        if both.width() > 0:
                            painter.drawLine(both.bottomLeft(), both.bottomRight())
        painter.setPen(Qt.PenStyle.NoPen)


FRAME_SEEN = 2.0  # contrast of a frame or marker with the fill it is drawn on


def deep_tone(color_id: str, darker: int) -> QColor:
    """The swatch's deep tone for frames, markers and underlines; a neutral grey for a
    passage with no colour."""
    if color_id == NO_COLOR:
        return theme.muted_color()
    swatch = theme.swatch_color(color_id)
    # The mildest tone seen on the fill: Dark's fills are deep, and a darker tone sank
    # into them (the current highlight's frame was not seen); High Contrast's blue is
    # mid-tone. Where none is seen, the one most seen.
    tones = [swatch.darker(darker), swatch.lighter(darker), swatch.darker(darker * 2)]
    seen = [tone for tone in tones if theme.contrast(tone, swatch) >= FRAME_SEEN]
    return seen[0] if seen else max(tones, key=lambda tone: theme.contrast(tone, swatch))


def _block_rects(block: QTextBlock, lo: int, hi: int, scroll: QPointF) -> list[QRectF]:
    layout = block.layout()
    origin = layout.position() - scroll
    both_ways = _RIGHT_TO_LEFT.search(block.text()) is not None
    rects = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        a = max(lo, line.textStart())
        b = min(hi, line.textStart() + line.textLength())
        if a >= b:
            continue
        if both_ways:
            spans = _visual_spans(line, a, b)
        else:
            spans = [tuple(sorted((line.cursorToX(a)[0], line.cursorToX(b)[0])))]
        for x1, x2 in spans:
            rects.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
    return rects


# Letters of the scripts written right to left, and the marks that make text run so.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
    "\U0001e800-\U0001efff\u200f\u202b\u202e\u2067]"
)


def _visual_spans(line: QTextLine, start: int, end: int) -> list[tuple[float, float]]:
    """The x ranges [start, end) of `line` covers on screen, left to right. In a line of
    both directions a range can be two pieces ("يطلبون flat" leaves out the " white" of
    "flat white" between them), and the x of a position where the direction changes is
    that of one side or the other: the glyphs' own places are the only sure measure."""
    pieces = []
    for run in line.glyphRuns(start, end - start):
        advances = run.rawFont().advancesForGlyphIndexes(run.glyphIndexes())
        places = [p.x() for p in run.positions()]
        places += [p.x() + a.x() for p, a in zip(run.positions(), advances, strict=True)]
        if places:
            pieces.append((min(places), max(places)))
    merged: list[tuple[float, float]] = []
    for x1, x2 in sorted(pieces):
        if merged and x1 <= merged[-1][1] + 0.5:  # runs side by side (a space, a font)
            merged[-1] = (merged[-1][0], max(merged[-1][1], x2))
        else:
            merged.append((x1, x2))
    return merged
