"""Painting helpers of the panes.

`fill` fills a rectangle with a colour, as QPainter.fillRect does but without its first-call
cost: PySide's choice among fillRect's overloads builds QGradient's enums (about 2 ms, with
its 180 presets), and the reading pane's strip and the focus bar paint in the first frame.

`centred_baseline` puts a label on a line of the text.

`paint_empty_text` is what an empty pane says, and `EmptyListText` has a list say it while
it has no row: the reader with no interview, the empty notes, a list a filter emptied.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QAbstractItemView, QWidget

LIST_MARGIN = 8  # the empty list's text from the viewport's edges


def centred_baseline(top: float, height: float, metrics: QFontMetricsF) -> float:
    """The baseline that centres a label in `metrics`' font on a line of the text from
    `top`, `height` high (a recording's time in the margin)."""
    return top + (height + metrics.ascent() - metrics.descent()) / 2


def fill(painter: QPainter, rect: QRect, color: QColor) -> None:
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRect(rect)
    painter.restore()


def paint_empty_text(viewport: QWidget, text: str, dx: float, dy: float) -> None:
    """`text` wrapped from the top left of `viewport`, `dx` and `dy` in from its edges, in
    the placeholder colour: Qt's own placeholder is one line, cut at the edge."""
    painter = QPainter(viewport)
    painter.setPen(viewport.palette().placeholderText().color())
    area = QRectF(viewport.rect()).adjusted(dx, dy, -dx, -dy)
    painter.drawText(area, Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, text)
    painter.end()


class EmptyListText(QObject):
    """Paints `text()` in `view` while its model has no row and the text is not "" (why
    the list is empty, and how to fill it): a blank list said nothing."""

    def __init__(self, view: QAbstractItemView, text: Callable[[], str]) -> None:
        super().__init__(view.viewport())  # gone with it: not told of its destruction
        self._view, self._text = view, text
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Before the view paints its rows, of which there are none: the background is
        # filled already, and nothing is drawn over the text.
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            model = self._view.model()
            text = self._text() if model is not None and model.rowCount() == 0 else ""
            if text:
                paint_empty_text(watched, text, LIST_MARGIN, LIST_MARGIN)
        return super().eventFilter(watched, event)
