"""Following along in the reader: the paragraph being spoken is marked, and kept in view
unless the reader has just scrolled elsewhere or selected words (to highlight them); each
timed turn (and each paragraph a transcript's cue opens inside a long turn) shows its time
in the right margin, and a click on a time (or a Ctrl+click in a paragraph) plays from
there.

Painted by an overlay over the reader's viewport, as the find bar's marks are, so the
reader's own selections and highlights are left alone.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from reader.core.sync import SyncTable, format_time
from reader.ui import theme
from reader.ui.painting import centred_baseline
from reader.ui.reading.reader_view import ReaderView

# After the reader scrolls, or selects words, following waits this long before it scrolls.
HANDS_OFF_S = 5.0
MAX_TIMES = 400  # time labels painted at once: more than a screen holds


class FollowOverlay(QWidget):
    timeClicked = Signal(int)  # milliseconds of a time label clicked in the margin
    offsetClicked = Signal(int)  # a Ctrl+click in the text, in code points

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader.viewport())
        self.setObjectName("follow-along")
        self.reader = reader
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table: SyncTable | None = None
        self.spoken: tuple[int, int] | None = None  # the marked paragraph
        self.following = True
        self._starts: list[int] = []
        self._hits: list[tuple[QRectF, int]] = []
        self._hands_on = 0.0
        # The place a recording opens at (where it was left) is marked, not brought into
        # view: the reader opens where it was left too (`open_quietly`).
        self._quiet = False
        reader.viewport().installEventFilter(self)
        self._scrolling = False  # _keep_in_view is moving the scroll bar
        bar = reader.verticalScrollBar()
        bar.valueChanged.connect(self._fit)
        # Any scroll but following's own (the wheel, the scroll bar, a key, Find, a link
        # followed): the reader is looking elsewhere.
        bar.valueChanged.connect(self._scrolled)
        # Words selected, or the selection left (a highlight made): the reader is on them.
        reader.selectionChanged.connect(self._looked_away)
        reader.horizontalScrollBar().valueChanged.connect(self._fit)
        self._fit()
        self.hide()

    def set_table(self, table: SyncTable | None) -> None:
        """The times of the transcript on show (None: no recording, nothing painted)."""
        self.table, self._quiet = table, False
        self._starts = [place for place, _ in table.marks] if table else []
        latest = max((ms for _, ms in table.marks), default=None) if table else None
        self.reader.set_time_labels("" if latest is None else format_time(latest))
        self.spoken = None
        self.setVisible(table is not None)
        self.update()

    # Following ---------------------------------------------------------------------------

    def open_quietly(self, quiet: bool = True) -> None:
        """Whether the next place shown is marked alone, not scrolled to: the recording's
        as it opens where it was left (not one the user asked for while it loaded)."""
        self._quiet = quiet

    def show_position(self, ms: int, now: bool = False) -> None:
        """Mark the paragraph spoken at `ms`; bring it into view when following: when
        another paragraph starts, and inside one taller than the view as its words go on.
        `now`: at once, also where the reader has just scrolled away (Follow Along turned
        on asks to see what is being said)."""
        quiet, self._quiet = self._quiet, False
        if self.table is None or self.reader.reading is None:
            return
        offset = self.table.offset_at(ms)
        session = self.reader.session
        segment = session.segment_at(offset) if offset is not None else None
        if segment is None and offset is not None:
            segment = session.segments[session.segment_index_at(offset)]
        spoken = (segment.start, segment.end) if segment is not None else None
        moved_on = now or spoken != self.spoken
        if spoken != self.spoken:
            self.spoken = spoken
            self.update()
        # Words selected (to highlight or code them) stay in sight, until H, C or Escape.
        selecting = self.reader.textCursor().hasSelection()
        if spoken is not None and self.following and (now or not (quiet or selecting)):
            if now:
                self._hands_on = 0.0
            self._keep_in_view(*spoken, offset, moved_on)

    def _block_span(self, start: int, end: int) -> tuple[float, float]:
        """The document's y from the top of `start`'s block to the bottom of `end`'s:
        block rectangles, not line ones, as a block far below is not laid out line by
        line yet."""
        doc, reading = self.reader.document(), self.reader.reading
        assert reading is not None
        layout = doc.documentLayout()
        top = layout.blockBoundingRect(doc.findBlock(reading.to_qt(start))).top()
        bottom = layout.blockBoundingRect(doc.findBlock(reading.to_qt(end))).bottom()
        return top, bottom

    def _keep_in_view(self, start: int, end: int, place: int | None, moved_on: bool) -> None:
        """The paragraph [start, end) in view, its top a third of the way down, once
        `moved_on` to it; one taller than the view, its top and the line of `place` (the
        words being said) as they go on, or where both do not fit, that line a third of
        the way down."""
        if time.monotonic() - self._hands_on < HANDS_OFF_S or self.reader.reading is None:
            return
        top, bottom = self._block_span(start, end)
        bar = self.reader.verticalScrollBar()
        height = self.reader.viewport().height()
        if not moved_on and bottom - top <= height:
            return  # the same paragraph, whole in the view or once brought there
        to = top - height / 3
        if bottom - top > height and place is not None:
            line_top, bottom = self._line_span(place)
            if bottom - top <= height:  # its top and the line both: as near a third as may be
                to = max(to, bottom - height)
            else:
                top, to = line_top, line_top - height / 3
        if top >= bar.value() and bottom <= bar.value() + height:
            return
        self._scrolling = True
        try:
            bar.setValue(max(0, round(to)))
        finally:
            self._scrolling = False

    def _line_span(self, place: int) -> tuple[float, float]:
        """The document's y from the top to the bottom of the line holding `place`."""
        doc, reading = self.reader.document(), self.reader.reading
        assert reading is not None
        position = reading.to_qt(place)
        block = doc.findBlock(position)
        line = block.layout().lineForTextPosition(position - block.position())
        top = doc.documentLayout().blockBoundingRect(block).top()
        if not line.isValid():  # not laid out yet
            return top, top
        return top + line.y(), top + line.y() + line.height()

    def _scrolled(self) -> None:
        if not self._scrolling:
            self._looked_away()

    def _looked_away(self) -> None:
        self._hands_on = time.monotonic()

    def _fit(self) -> None:
        self.setGeometry(self.reader.viewport().rect())
        self.update()

    # Clicks ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.reader.viewport() or self.table is None:
            return False
        if event.type() == QEvent.Type.Resize:
            self._fit()
        elif event.type() == QEvent.Type.MouseButtonPress:
            assert isinstance(event, QMouseEvent)
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            point = event.position()
            for rect, ms in self._hits:
                if rect.adjusted(-4, -3, 4, 3).contains(point):
                    self.timeClicked.emit(ms)
                    return True
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.reader.reading:
                position = self.reader.cursorForPosition(point.toPoint()).position()
                self.offsetClicked.emit(self.reader.reading.to_model(position))
                return True
        return False

    # Painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        self._hits = []
        if self.table is None or self.reader.reading is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        layer = self.reader.highlights
        accent = theme.accent_color()
        if self.spoken is not None:
            rects = layer.rects(*self.spoken)
            if rects:
                fill = QColor(accent)
                fill.setAlpha(22)
                for rect in rects:
                    painter.fillRect(rect.adjusted(-2, 0, 2, 0), fill)
                left = min(r.left() for r in rects) - 9
                bar = QRectF(left, rects[0].top() + 2, 3, rects[-1].bottom() - rects[0].top() - 4)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent)
                painter.drawRoundedRect(bar, 1.5, 1.5)
        self._paint_times(painter, layer.visible_range())
        painter.end()

    def _paint_times(self, painter: QPainter, visible: tuple[int, int]) -> None:
        """Each timed turn's time, and a timed paragraph's inside a long turn
        (SyncTable.marks), in the right margin where there is room, else in the left
        margin (ReaderView.margin_slot)."""
        assert self.table is not None
        session = self.reader.session
        frame = self.reader.document().rootFrame().frameFormat()
        column_right = self.width() - frame.rightMargin()
        font = self.reader.label_font()  # zoomed with the text
        metrics = QFontMetricsF(font)
        right = self.width() - column_right >= metrics.horizontalAdvance("0:00:00") + 20
        painter.setFont(font)
        painter.setPen(theme.muted_color())
        lo = max(0, bisect_right(self._starts, visible[0]) - 1)
        hi = min(bisect_left(self._starts, visible[1] + 1), lo + MAX_TIMES)
        for place, ms in self.table.marks[lo:hi]:
            segment = session.segment_at(place)
            lines = self.reader.highlights.rects(
                place, segment.end if segment is not None else place + 1
            )
            if not lines:
                continue
            label = format_time(ms)
            width = metrics.horizontalAdvance(label)
            if right:
                x, baseline = (
                    column_right + 14,
                    centred_baseline(lines[0].top(), lines[0].height(), metrics),
                )
            else:
                baseline, end = self.reader.margin_slot(place, width)
                x = end - width
            painter.drawText(QPointF(x, baseline), label)
            hit = QRectF(x, baseline - metrics.ascent(), width, metrics.height())
            self._hits.append((hit, ms))
