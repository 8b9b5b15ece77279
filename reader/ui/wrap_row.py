"""A row of buttons that folds into two rows when its dock is too narrow for one.

The Codebook's four buttons side by side asked 346 px, more than the fifth of a 1024 px
screen that the left docks get: the window grew past the screen and the notes were cut
off (#17). Folded, they ask about half that.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QWidget

Direction = QBoxLayout.Direction


class WrapRow(QWidget):
    """`buttons` left to right; the first half above the second when the row is narrower
    than they need side by side. Its minimum width is that of the folded rows. With `fill`
    they share the row's width (the Annotations' two filters), else keep to their own."""

    def __init__(
        self, buttons: Sequence[QWidget], parent: QWidget | None = None, fill: bool = False
    ) -> None:
        super().__init__(parent)
        self._buttons = list(buttons)
        self._rows = QBoxLayout(Direction.LeftToRight, self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        # The layout must not hold the widget at the one-row width, or it never folds.
        self._rows.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        half = (len(self._buttons) + 1) // 2
        self._halves: list[QHBoxLayout] = []
        for part in (self._buttons[:half], self._buttons[half:]):
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            for button in part:
                row.addWidget(button, int(fill))
            self._rows.addLayout(row)
            self._halves.append(row)
        if not fill:
            self._rows.addStretch(1)

    def _width(self, buttons: Sequence[QWidget]) -> int:
        gaps = self._rows.spacing() * max(0, len(buttons) - 1)
        return sum(b.minimumSizeHint().width() for b in buttons) + gaps

    def folded(self) -> bool:
        return self._rows.direction() == Direction.TopToBottom

    def minimumSizeHint(self) -> QSize:
        half = (len(self._buttons) + 1) // 2
        width = max(self._width(self._buttons[:half]), self._width(self._buttons[half:]))
        return QSize(width, self._rows.minimumSize().height())

    def sizeHint(self) -> QSize:
        return QSize(self._width(self._buttons), self._rows.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        fold = event.size().width() < self._width(self._buttons)
        direction = Direction.TopToBottom if fold else Direction.LeftToRight
        if self._rows.direction() != direction:
            self._rows.setDirection(direction)
            self.updateGeometry()  # its height changes
        super().resizeEvent(event)
