"""Escape in a side panel's list (Outline, Annotations, Codebook, Library) goes back to the
reader, as it does from Search: the key a keyboard user reaches for to get back to the
text; it did nothing there (Ctrl+1 goes to the reader from anywhere)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView


class EscapeBack(QObject):
    """Watches `view`: Escape pressed there, but while a row is edited, calls `back`."""

    def __init__(self, view: QAbstractItemView, back: Callable[[], object]) -> None:
        super().__init__(view)
        self._view, self._back = view, back
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or watched is not self._view:
            return False
        assert isinstance(event, QKeyEvent)
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        editing = self._view.state() == QAbstractItemView.State.EditingState
        if event.key() == Qt.Key.Key_Escape and plain and not editing:
            self._back()
        return False  # on to the window too: a message with Dismiss alone goes (Banner)
