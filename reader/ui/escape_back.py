"""Escape in a side panel's list (Outline, Annotations, Codebook, Library) or filter field
goes back to the reader, as it does from Search: the key a keyboard user reaches for to
get back to the text; it did nothing there (Ctrl+1 goes to the reader from anywhere). A
filter that holds words is emptied by its first Escape (clear_button.py), the next goes
back: typing in the Library's list goes on in its filter, and left the user there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget


class EscapeBack(QObject):
    """Watches `view`: Escape pressed there, but while a row is edited or a field holds
    words, calls `back`."""

    def __init__(self, view: QWidget, back: Callable[[], object]) -> None:
        super().__init__(view)
        self._view, self._back = view, back
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or watched is not self._view:
            return False
        assert isinstance(event, QKeyEvent)
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        view = self._view
        editing = isinstance(view, QAbstractItemView) and view.state() == view.State.EditingState
        editing = editing or (isinstance(view, QLineEdit) and bool(view.text()))
        if event.key() == Qt.Key.Key_Escape and plain and not editing:
            self._back()
        return False  # on to the window too: a message with Dismiss alone goes (Banner)
