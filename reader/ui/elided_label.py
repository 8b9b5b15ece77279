"""A label that shortens its text with … to the room it is given: on one line, or wrapped
between words on a few.

A plain QLabel asks for its whole text as its minimum width: a long path or message in a
bar then widened the window past the screen. This one asks for a few characters, paints
what fits, and keeps the whole text in its tooltip (and, as its text, for screen readers).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from reader.ui.wrapped_text import wrapped_lines


def cut_after_a_word(text: str, metrics: QFontMetrics, room: int) -> str:
    """`text` as it fits `room` pixels: cut with "…", after a whole word, unless that loses
    more than a third of what fits."""
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
    if shown == text:
        return shown
    head = shown.removesuffix("…")
    words = head[: head.rfind(" ") + 1] if not text[len(head)].isspace() else head
    return f"{words.rstrip()}…" if len(words) > len(head) * 2 // 3 else shown


class ElidedLabel(QLabel):
    def __init__(
        self,
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        minimum_chars: int = 8,
        lines: int = 1,
    ) -> None:
        """`minimum_chars`: the width it asks for at least, in average characters; `lines`:
        how many it may wrap to (as tall as its text needs), the last elided."""
        super().__init__(parent)
        self._mode = mode
        self._minimum_chars = minimum_chars
        self._lines = lines
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def setText(self, text: str, tip: str | None = None) -> None:
        """`text` on one line; its tooltip `tip`, or the text itself."""
        super().setText(text)
        self.setToolTip(text if tip is None else tip)
        self.updateGeometry()
        self._fit_height()

    def _one_line(self) -> str:
        return " ".join(self.text().split())

    def _text_width(self) -> int:
        """In whole pixels, rounded up: a width rounded down had "0 words" shown "0 wor…"."""
        return math.ceil(QFontMetricsF(self.font()).horizontalAdvance(self._one_line()))

    def _extra(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:
        return QSize(self._text_width(), self.fontMetrics().height()) + self._extra()

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        least = metrics.averageCharWidth() * self._minimum_chars
        width = min(self._text_width(), least)
        return QSize(width, metrics.height()) + self._extra()

    def heightForWidth(self, width: int) -> int:
        extra = self._extra()
        shown = self._wrapped(width - extra.width())
        return self.fontMetrics().height() * len(shown) + extra.height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as its wrapped lines: a dock's layout does not ask heightForWidth."""
        if self._lines > 1:
            self.setFixedHeight(self.heightForWidth(self.width()))

    def _wrapped(self, width: int) -> list[str]:
        return wrapped_lines(self._one_line(), self.font(), width, self._lines)

    def shown_text(self) -> str:
        """The text as it fits: cut with "…", after a whole word where it ends cut (a
        message read "…this build reads up…"), unless that loses more than a third."""
        text, room = self._one_line(), self.contentsRect().width()
        if self._mode != Qt.TextElideMode.ElideRight:
            return self.fontMetrics().elidedText(text, self._mode, room)
        return cut_after_a_word(text, self.fontMetrics(), room)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        room = self.contentsRect()
        if self._lines == 1:
            painter.drawText(room, int(self.alignment()), self.shown_text())
        else:
            line = room.adjusted(0, 0, 0, self.fontMetrics().height() - room.height())
            for text in self._wrapped(room.width()):
                painter.drawText(line, int(self.alignment()), text)
                line.translate(0, line.height())
        painter.end()

    def is_elided(self) -> bool:
        if self._lines > 1:
            return any(line.endswith("…") for line in self._wrapped(self.contentsRect().width()))
        return self._text_width() > self.contentsRect().width()
