"""Escape in a side panel (Outline, Annotations, Codebook, Library, Search) goes back to the
reader, as it does from Search: the key a keyboard user reaches for to get back to the
text (Ctrl+1 goes to the reader from anywhere). Wherever the control with the keyboard
leaves Escape unused: a list, an empty filter, a drop-down, a button, a check box, the
panels' tabs. A control that uses it keeps it: a filter that holds words is emptied by its
first Escape (clear_button.py), a row being renamed is left as it was, an open drop-down
closes. Typing in the Library's list goes on in its filter, and left the user there."""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget

_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


class EscapeBack(QObject):
    """Watches `window`'s docks and the tab bars of its docks tabbed together, each as it
    is made: an Escape that reaches one gives `reader` the focus, its window activated
    (from a floating dock). A key goes up from the control that left it unused to its dock,
    where this sees it; the tab bars use none. It goes on to the window: a message with
    Dismiss alone goes too (Banner)."""

    def __init__(self, window: QMainWindow, reader: QWidget) -> None:
        super().__init__(window)
        self._window, self._reader = window, reader
        window.installEventFilter(self)  # the docks and tab bars made later: polished
        for child in window.findChildren(QWidget, options=_DIRECT):
            self._watch(child)

    def _watch(self, child: QObject) -> None:
        if isinstance(child, QDockWidget | QTabBar):
            child.installEventFilter(self)  # once: installed again, it only moves first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildPolished and watched is self._window:
            assert isinstance(event, QChildEvent)
            self._watch(event.child())
        elif kind == QEvent.Type.KeyPress and watched is not self._window:
            assert isinstance(event, QKeyEvent)
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() == Qt.Key.Key_Escape and plain:
                self._window.activateWindow()
                self._reader.setFocus(Qt.FocusReason.OtherFocusReason)
        return False
