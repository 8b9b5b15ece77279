"""Escape goes back to the reader from wherever in the main window the control with the
keyboard leaves it unused, as it does from Search: the key a keyboard user reaches for to
get back to the text (Ctrl+1 goes to the reader from anywhere). In a side panel (Outline,
Annotations, Codebook, Library), floating or not, and on the panels' tabs: a list, an
empty filter, a drop-down, a button, a check box; above and beside the text: a message's
buttons, the recording's bar, the notes' tabs and formatting bar. A control that uses it
keeps it: a filter that holds words is emptied by its first Escape (clear_button.py), a
row being renamed is left as it was, an open drop-down closes. Where one writes (the
notes, a code's description) Escape leaves the keyboard alone: what was typed next would
have gone to the reader's keys (H highlights)."""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from reader.ui.lazy_dock import take_keyboard

_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


class EscapeBack(QObject):
    """Watches the parts of `window`, each as it is made (its docks, the tab bars of its
    docks tabbed together, its central widget): an Escape that reaches one gives `reader`
    the focus, its window activated (from a floating dock). A key goes up from the
    control that left it unused to the part it is in, where this sees it. It goes on to
    the window: a message with Dismiss alone goes too (Banner)."""

    def __init__(self, window: QMainWindow, reader: QWidget) -> None:
        super().__init__(window)
        self._window, self._reader = window, reader
        window.installEventFilter(self)  # the docks and tab bars made later: polished
        for child in window.findChildren(QWidget, options=_DIRECT):
            self._watch(child)

    def _watch(self, child: QObject) -> None:
        """Not its dialogs nor menus, which use Escape, nor its menu bar."""
        if isinstance(child, QDockWidget | QTabBar) or child is self._window.centralWidget():
            child.installEventFilter(self)  # once: installed again, it only moves first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildPolished and watched is self._window:
            assert isinstance(event, QChildEvent)
            self._watch(event.child())
        elif kind == QEvent.Type.KeyPress and watched is not self._window:
            assert isinstance(event, QKeyEvent)
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() == Qt.Key.Key_Escape and plain and not _writing():
                take_keyboard(self._reader)
        return False


def _writing() -> bool:
    """Whether the keyboard is in a text the user writes (the notes, a code's description)."""
    focus = QApplication.focusWidget()
    return isinstance(focus, QTextEdit | QPlainTextEdit) and not focus.isReadOnly()
