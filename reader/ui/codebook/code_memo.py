"""The Codebook's description of the current code (Markdown): two lines while empty and
away, six once it has text or the focus, so that the tree keeps the dock's height."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from reader.ui.edit_menus import letter_edit_menus

MEMO_LINES = 2, 6  # the memo's height in lines: empty and away, or with text or the focus
# The placeholder, the longest that fits the memo's two lines at its width: the longest
# alone left its third line cut in half at 1024x640.
PLACEHOLDERS = (
    "What this code means and when to apply it (Markdown)",
    "What it means, when to apply it",
    "Description",
)


class CodeMemo(QPlainTextEdit):
    left = Signal()  # the focus went elsewhere: what was typed is to be kept

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code-memo")
        self.setPlaceholderText(PLACEHOLDERS[0])
        self.setAccessibleName("Description of the code")
        self.setAccessibleDescription("What it means and when to apply it, in Markdown")
        self.setTabChangesFocus(True)
        letter_edit_menus(self)
        self.textChanged.connect(self._fit)
        self._fit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._fit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        margin = int(self.document().documentMargin())
        room = QRect(0, 0, max(1, event.size().width() - 2 * (self.frameWidth() + margin)), 10**6)
        most = MEMO_LINES[0] * self.fontMetrics().lineSpacing()
        wrap = Qt.TextFlag.TextWordWrap
        fits = (
            t
            for t in PLACEHOLDERS
            if self.fontMetrics().boundingRect(room, wrap, t).height() <= most
        )
        self.setPlaceholderText(next(fits, PLACEHOLDERS[-1]))

    def _fit(self) -> None:
        lines = MEMO_LINES[bool(self.hasFocus() or self.toPlainText())]
        frame = 2 * (self.frameWidth() + int(self.document().documentMargin()))
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + frame)
