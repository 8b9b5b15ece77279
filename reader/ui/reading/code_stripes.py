"""Coding stripes: beside each coded passage, in the margin right of the text column, a
thin bar in each of its codes' colours (as ATLAS.ti's and MAXQDA's margins show them);
hovering a bar names its code.

Painted from the reader's paint path for the visible passages only, with the layout Qt
has already made: a passage's top and bottom come from the lines holding its first and
last characters, clipped to the viewport, so a frame costs the same however long the
passages or however many the codings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QHelpEvent, QPainter
from PySide6.QtWidgets import QToolTip

from reader.ui import theme
from reader.ui.reading.reader_view import GAP, PAD, STRIPE

if TYPE_CHECKING:
    from reader.ui.reading.reader_view import ReaderView


class CodeStripes(QObject):
    def __init__(self, view: ReaderView) -> None:
        super().__init__(view)
        self.view = view
        self.painted: list[tuple[QRectF, str]] = []  # each bar and its code id, last paint
        view.overlays.append(self.paint)
        view.viewport().installEventFilter(self)

    def _y_range(self, q_start: int, q_end: int, first: int, last: int) -> tuple[float, float]:
        """Viewport y of the top of the line holding q_start and the bottom of the line
        holding q_end - 1; past the viewport's edges when the passage goes on beyond."""
        view = self.view
        scroll = view.verticalScrollBar().value()
        height = view.viewport().height()
        top, bottom = -2.0, height + 2.0
        doc = view.document()
        if q_start >= first:
            y = _line_edge(doc.findBlock(q_start), q_start, bottom=False)
            top = -2.0 if y is None else y - scroll
        if q_end <= last:
            y = _line_edge(doc.findBlock(q_end - 1), q_end - 1, bottom=True)
            bottom = height + 2.0 if y is None else y - scroll
        return top, bottom

    def paint(self, painter: QPainter) -> None:
        view = self.view
        self.painted = []
        if view.reading is None:
            return
        session = view.session
        first, last = view.highlights.visible_range()
        coded = [h for h in session.highlights_overlapping(first, last + 1) if h.codes]
        if not coded:
            return
        reading = view.reading
        frame = view.document().rootFrame().frameFormat()
        x0 = view.viewport().width() - frame.rightMargin() + PAD
        x0 -= view.horizontalScrollBar().value()
        lanes = max(1, int((frame.rightMargin() - PAD - 2) // (STRIPE + GAP)))
        q_first, q_last = reading.to_qt(first), reading.to_qt(last)
        ends: list[float] = []  # the bottom of the last bar in each lane
        painter.save()
        for h in sorted(coded, key=lambda h: (h.start, -h.end)):
            top, bottom = self._y_range(
                reading.to_qt(h.start), reading.to_qt(h.end), q_first, q_last
            )
            for code_id in h.codes:
                lane = next((i for i, end in enumerate(ends) if end < top), len(ends))
                if lane == len(ends):
                    ends.append(bottom)
                else:
                    ends[lane] = bottom
                if lane >= lanes:
                    continue  # no room: the hover still names every code of the passage
                rect = QRectF(x0 + lane * (STRIPE + GAP), top + 1, STRIPE, bottom - top - 2)
                color = theme.coded_color(session.notes.codebook, (code_id,))
                painter.setBrush(color)
                edged = theme.faint_on_page(color)
                painter.setPen(theme.SWATCH_EDGE if edged else Qt.PenStyle.NoPen)
                painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5) if edged else rect)
                self.painted.append((rect, code_id))
        painter.restore()

    def names_at(self, x: float, y: float) -> list[str]:
        """The paths of the codes whose bars are at (x, y), from the last paint."""
        view = self.view
        if view.reading is None:
            return []
        book = view.session.notes.codebook
        found = [
            code_id
            for rect, code_id in self.painted
            if rect.adjusted(-GAP / 2, 0, GAP / 2, 0).contains(x, y)
        ]
        return [book.path(i) if i in book else i for i in dict.fromkeys(found)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and watched is self.view.viewport():
            assert isinstance(event, QHelpEvent)
            names = self.names_at(event.pos().x(), event.pos().y())
            if names:
                from html import escape  # on the first tooltip, not at start-up

                text = "<br>".join(f"■ {escape(n)}" for n in names)
                QToolTip.showText(event.globalPos(), text, self.view.viewport())
                return True
        return super().eventFilter(watched, event)


def _line_edge(block: object, position: int, bottom: bool) -> float | None:
    """Document y of the top (or bottom) of the line holding `position`; None when the
    block is not laid out yet."""
    layout = block.layout()  # type: ignore[attr-defined]
    if layout is None or layout.lineCount() == 0:
        return None
    line = layout.lineForTextPosition(position - block.position())  # type: ignore[attr-defined]
    if not line.isValid():
        return None
    y = layout.position().y() + line.y()
    return y + line.height() if bottom else y
