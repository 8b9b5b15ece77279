"""The find bar's match count ("3 of 12"), or its message ("No matches", an error), said
to a screen reader as it changes."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QSizePolicy

from reader.ui.elided_label import ElidedLabel
from reader.ui.window.spoken import Spoken


class CountLabel(Spoken, ElidedLabel):
    """The match count, or a message ("No matches", an error that fits: see
    FindBar._place_error), whole in the tooltip if ever cut; said as it changes (the
    keyboard is in the find field, or in the reader for F3)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def text_width(self) -> int:
        return self._text_width() + self._extra().width()

    def minimumSizeHint(self) -> QSize:
        """A count keeps the room of its digits, all of them, so that the field does not
        jump as it changes ("9 of 12", "10 of 12"); a message, its own."""
        text = self.text()
        width = self.text_width()
        if text[:1].isdigit():
            total = text.rsplit(" ", 1)[-1]
            digits = re.sub(r"\d", "0", f"{total} of {total}")
            width = max(width, self.fontMetrics().horizontalAdvance(digits) + 1)
        return QSize(width, super().minimumSizeHint().height())
