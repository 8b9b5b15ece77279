"""The Codebook's description of the current code (Markdown): six lines with the focus, and
away as many as its text takes, two to six, so that the tree keeps the dock's height."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from reader.ui.edit_menus import letter_edit_menus

MEMO_LINES = 2, 6  # the memo's height in lines: at least (away), and at most or focused
# The placeholder, the longest that fits the memo's two lines at its width: the longest
# alone left its third line cut in half at 1024x640.
PLACEHOLDERS = (
    "What this code means and when to apply it (Markdown)",
    "What it means, when to apply it",
    "Description",
)


# Escape where one writes: it goes back to the reader from the panel's lists, not from here
# (what was typed next would go to the reader's keys, H highlighting).
ESCAPE_STAYS = (
    "Escape leaves the description alone, so what you type next stays here: "
    "Tab goes on to the next field, Ctrl+1 back to the interview."
)


class CodeMemo(QPlainTextEdit):
    left = Signal()  # the focus went elsewhere: what was typed is to be kept
    said = Signal(str)  # for the status line

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_Escape and plain and not self.isReadOnly():
            self.said.emit(ESCAPE_STAYS)  # and on: a message above the panes it dismisses
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._fit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        most = MEMO_LINES[0] * self.fontMetrics().lineSpacing()
        fits = (t for t in PLACEHOLDERS if self._height_of(t) <= most)
        self.setPlaceholderText(next(fits, PLACEHOLDERS[-1]))
        if event.size().width() != event.oldSize().width():
            self._fit()  # the text wraps to other lines

    def _height_of(self, text: str) -> int:
        """How high `text` is, wrapped to the memo's width."""
        margin = int(self.document().documentMargin())
        room = QRect(0, 0, max(1, self.width() - 2 * (self.frameWidth() + margin)), 10**6)
        return self.fontMetrics().boundingRect(room, Qt.TextFlag.TextWordWrap, text).height()

    def _fit(self) -> None:
        # Away, a one-line description took six lines too: at 1024x640 the tree kept three
        # rows beside it.
        line = self.fontMetrics().lineSpacing()
        text = self.toPlainText()
        lines = -(-self._height_of(text) // line) if text else 0
        lines = MEMO_LINES[1] if self.hasFocus() else min(max(lines, MEMO_LINES[0]), MEMO_LINES[1])
        frame = 2 * (self.frameWidth() + int(self.document().documentMargin()))
        self.setFixedHeight(lines * line + frame)
