"""Filling a rectangle with a colour, as QPainter.fillRect does but without its first-call
cost: PySide's choice among fillRect's overloads builds QGradient's enums (about 2 ms, with
its 180 presets), and the reading pane's strip and the focus bar paint in the first frame."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter


def fill(painter: QPainter, rect: QRect, color: QColor) -> None:
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRect(rect)
    painter.restore()
