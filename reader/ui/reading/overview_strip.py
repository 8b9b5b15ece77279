"""A narrow strip beside the reader's scroll bar: where the highlights and the find matches
are in the whole interview, in their colours; a click goes there. The highlights' marks
are on its left, the matches' ticks on its right: a common word's matches, one on every
row, made the strip one orange column that hid every highlight.

Positions are proportional to the text offset, not to the laid-out height: asking Qt where
a far paragraph lies makes it lay out everything above it (about a second for 5 MB), and
the strip must cost nothing at first paint. An interview that fits in the pane has none:
all of it is in sight, and marks placed by offset stood beside other words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import Protocol

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QScrollBar, QWidget

from reader.core.annotations import NO_COLOR, Highlight
from reader.ui import theme
from reader.ui.painting import fill
from reader.ui.reading.reader_document import ReaderDocument


class ScrolledReader(Protocol):
    """What the strip needs of the reading pane (its ReaderView)."""

    reading: ReaderDocument | None

    def viewport(self) -> QWidget: ...

    def verticalScrollBar(self) -> QScrollBar: ...

    def scroll_to_offset(self, offset: int, flash_end: int | None = None) -> None: ...

    def setFocus(self, reason: Qt.FocusReason) -> None: ...


STRIP_WIDTH = 10
MARK_HEIGHT = 3
HIGHLIGHTS_LANE = (1, 5)  # px: from the strip's left edge, and wide
MATCHES_LANE = (7, 3)
TICK_HEIGHT = 2  # a match's: the ticks of matches on neighbouring rows stay apart
SNAP_PX = 5  # a click this close to a mark goes to the mark
MATCH = ""  # the colour id of find matches among the marks
CODED = "code:"  # + a code id: a passage with no colour, marked in its first code's colour


def mark_of(highlight: Highlight) -> str:
    """What a highlight's mark is counted under: its colour id, or CODED and its first
    code for a passage with no colour (that code's colour is looked up as it is painted)."""
    if highlight.color != NO_COLOR:
        return highlight.color
    return CODED + (highlight.codes[0] if highlight.codes else "")


def match_mark_color() -> QColor:
    """The find matches' ticks: an amber of no highlight colour's."""
    return QColor("#ffb000") if theme.is_dark() else QColor("#c25a00")


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
        self.setBackgroundRole(self.backgroundRole().Window)
        self.reader = reader
        self.matches: list[tuple[int, int]] = []
        self._rows: dict[int, Counter[str]] | None = None  # row -> colour -> highlights
        self._match_rows: set[int] | None = None
        self._image: QPixmap | None = None  # the strip as painted, redrawn by bands
        bar = reader.verticalScrollBar()
        self._scrolls = bar.maximum() > 0  # the interview is longer than the pane: marks show
        bar.rangeChanged.connect(self._range_changed)

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        if self._scrolls != (maximum > 0):
            self._scrolls = maximum > 0
            self._image = None
            self.update()

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        self.matches = matches
        self._match_rows = None
        self._image = None
        self.update()

    def refresh(self) -> None:
        """Count every highlight's row again (another document, size or theme)."""
        self._rows = None
        self._match_rows = None
        self._image = None
        self.update()

    def highlight_changed(self, before: Highlight | None, after: Highlight | None) -> None:
        """One highlight added, changed or removed: its rows only, counted and repainted,
        so an edit among 10,000 highlights costs what it does among ten."""
        if self._rows is None:
            return
        for highlight, step in ((before, -1), (after, 1)):
            if highlight is not None and not highlight.orphan:
                row = self.row_of(highlight.start)
                self._rows.setdefault(row, Counter())[mark_of(highlight)] += step
                if self._image is not None:
                    self._repaint_band(row)

    def place(self) -> None:
        """Between the viewport and the vertical scroll bar (the reader keeps room for it);
        the rows are counted again only when the height changed."""
        viewport = self.reader.viewport().geometry()
        resized = viewport.height() != self.height()
        self.setGeometry(viewport.right() + 1, viewport.top(), STRIP_WIDTH, viewport.height())
        if resized:
            self.refresh()

    def _length(self) -> int:
        reading = self.reader.reading
        return max(1, len(reading.session.document.text)) if reading is not None else 1

    def y_of(self, offset: int) -> float:
        return offset / self._length() * (self.height() - MARK_HEIGHT)

    def row_of(self, offset: int) -> int:
        return round(self.y_of(offset))

    def rows(self) -> tuple[dict[int, Counter[str]], set[int]]:
        """How many highlights of each colour start on each pixel row; the rows of matches."""
        reading = self.reader.reading
        if reading is None:
            return {}, set()
        if self._rows is None:
            # row_of inlined: 10,000 highlights are counted before the first paint.
            length, span = self._length(), self.height() - MARK_HEIGHT
            counted = Counter(
                (round(h.start / length * span), h.color or mark_of(h))
                for h in reading.session.notes.highlights
                if not h.orphan
            )
            self._rows = {}
            for (row, color), count in counted.items():
                counts = self._rows.get(row)
                if counts is None:
                    self._rows[row] = counts = Counter()
                counts[color] = count
        if self._match_rows is None:
            self._match_rows = self._rows_of_matches()
        return self._rows, self._match_rows

    def _rows_of_matches(self) -> set[int]:
        """The rows with a match: one look-up per row, not one per match ("e" has 464,000
        in 5 MB, the strip a few hundred rows). The matches are in order."""
        matches, rows = self.matches, set()
        length, span = self._length(), self.height() - MARK_HEIGHT
        i = 0
        while i < len(matches):
            row = self.row_of(matches[i][0])
            rows.add(row)
            if span <= 0:
                break
            # The first offset past this row, or an offset just before it (int() floors):
            # a match there is counted again, and one more step goes on.
            past = int((row + 0.5) * length / span)
            i = max(i + 1, bisect_left(matches, (past,), i))
        return rows

    def marks(self, lo: int = 0, hi: int | None = None) -> list[tuple[int, str]]:
        """(row, colour id or MATCH) of the marks that show on rows lo to hi, matches last
        (on top). Of several colours on one row the last (by id) covers the others, so it
        alone is listed and painted."""
        if not self._scrolls:
            return []
        highlights, matches = self.rows()
        hi = self.height() if hi is None else hi
        found = []
        for row in sorted(r for r in highlights if lo <= r <= hi):
            shown = [color for color, count in highlights[row].items() if count > 0]
            if shown:
                found.append((row, max(shown)))
        return found + [(row, MATCH) for row in sorted(matches) if lo <= row <= hi]

    def _paint_rows(self, painter: QPainter, lo: int, hi: int) -> None:
        """The strip from row lo to row hi (marks that reach into it included)."""
        rows = QRect(0, lo, self.width(), hi - lo + 1)
        background = self.palette().color(self.backgroundRole())
        fill(painter, rows, background)
        painter.setClipRect(rows)
        painter.setPen(Qt.PenStyle.NoPen)
        # Each colour once, in a tone the strip shows (yellow on Light, navy on Dark).
        colors: dict[str, QColor] = {}
        for row, color_id in self.marks(lo - MARK_HEIGHT, hi):
            if color_id not in colors:
                color = match_mark_color() if color_id == MATCH else self._color_of(color_id)
                colors[color_id] = theme.seen_on(color, background)
            painter.setBrush(colors[color_id])
            if color_id == MATCH:
                painter.drawRect(QRectF(MATCHES_LANE[0], row, MATCHES_LANE[1], TICK_HEIGHT))
            else:
                painter.drawRect(QRectF(HIGHLIGHTS_LANE[0], row, HIGHLIGHTS_LANE[1], MARK_HEIGHT))
        painter.setClipping(False)

    def _color_of(self, mark: str) -> QColor:
        """A colour id's swatch; a passage with no colour in its first code's colour."""
        if not mark.startswith(CODED):
            return theme.swatch_color(mark)
        reading = self.reader.reading
        if reading is None:
            return theme.muted_color()
        return theme.coded_color(reading.session.notes.codebook, (mark[len(CODED) :],))

    def _repaint_band(self, row: int) -> None:
        assert self._image is not None
        painter = QPainter(self._image)
        self._paint_rows(painter, row, row + MARK_HEIGHT)
        painter.end()
        self.update(0, row, self.width(), MARK_HEIGHT + 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is None or self._image.size() != self.size():
            self._image = QPixmap(self.size())
            painter = QPainter(self._image)
            self._paint_rows(painter, 0, self.height())
            painter.end()
        painter = QPainter(self)
        painter.drawPixmap(event.rect(), self._image, event.rect())
        painter.end()

    def offset_at(self, y: float) -> int:
        """The offset a click at `y` goes to: the start of the nearest highlight or match
        within reach, else that proportion of the text."""
        proportional = int(max(0.0, y) / max(1, self.height() - MARK_HEIGHT) * self._length())
        reading = self.reader.reading
        if reading is None:
            return 0
        # The nearest start is next to the offset at y, just before or after it, among the
        # highlights' or the matches': four to look at, not every mark (a second a click).
        starts = sorted(h.start for h in reading.session.notes.highlights if not h.orphan)
        i, j = bisect_left(starts, proportional), bisect_left(self.matches, (proportional,))
        near = [starts[k] for k in (i - 1, i) if 0 <= k < len(starts)]
        near += [self.matches[k][0] for k in (j - 1, j) if 0 <= k < len(self.matches)]
        near = [o for o in near if abs(self.y_of(o) + MARK_HEIGHT / 2 - y) <= SNAP_PX]
        if near:
            return min(near, key=lambda o: abs(self.y_of(o) - y))
        return min(proportional, self._length() - 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if (
            not self._scrolls
            or self.reader.reading is None
            or event.button() != Qt.MouseButton.LeftButton
        ):
            return
        self.reader.scroll_to_offset(self.offset_at(event.position().y()))
        self.reader.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()
