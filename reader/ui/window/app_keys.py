"""Keys that Qt on Linux keeps from a keyboard user, given back by one filter on the
application.

Shift+F10 opens the menu of what has the keyboard, as the Menu key does: a laptop has no
Menu key, and Qt on Linux gives Shift+F10 no menu (Windows gives it one itself). So the
reader's paragraph menu (Paragraph Role), the Library's and the Codebook's row menus and
the fields' edit menus can be had without a mouse on any keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication

from reader.ui.window.keyboard_dialogs import install_once

NAME = "app-keys"
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_KEYPAD = Qt.KeyboardModifier.KeypadModifier


class AppKeys(QObject):
    """Installed on the application once (AppKeys.install)."""

    @classmethod
    def install(cls) -> None:
        """Filter the application's key presses, once (every window shares it)."""
        if QGuiApplication.platformName() != "windows":  # there Shift+F10 opens menus
            install_once(cls, NAME)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() != Qt.Key.Key_F10 or event.modifiers() & ~_KEYPAD != _SHIFT:
            return False
        focus = QApplication.focusWidget()
        if watched is not focus or focus is None or QApplication.activePopupWidget():
            return False
        # Where Qt puts the Menu key's menu: at the caret, or the current row.
        where = focus.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
        at = QRectF(where).center().toPoint() if isinstance(where, QRect | QRectF) else QPoint()
        menu = QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, at, focus.mapToGlobal(at), event.modifiers()
        )
        QApplication.sendEvent(focus, menu)
        return True
