"""Keys that Qt on Linux keeps from a keyboard user, given back by one filter on the
application.

Shift+F10 opens the menu of what has the keyboard, as the Menu key does: a laptop has no
Menu key, and Qt on Linux gives Shift+F10 no menu (Windows gives it one itself). So the
reader's paragraph menu (Paragraph Role), the Library's and the Codebook's row menus and
the fields' edit menus can be had without a mouse on any keyboard.

F10 opens the menu bar's first menu, as on GNOME and Windows (Qt's style here has only
Alt and a letter); the arrows then go along the menus. In a panel floating in a window of
its own, which has no menu bar, the main window's.

A window's key pressed in a one-line field does what the menus and F1 say (Ctrl+E exports):
Qt's fields on Linux took Ctrl+E for End, so in the Library's or a panel's filter, the find
bar or a name being renamed, Ctrl+E did nothing. Only such moves along the line give way:
the fields keep their other keys (undo, copy, paste; the Library filter's Ctrl+F).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit, QMainWindow, QWidget

from reader.ui.window.keyboard_dialogs import install_once

NAME = "app-keys"
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_KEYPAD = Qt.KeyboardModifier.KeypadModifier
_COMMANDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_STD = QKeySequence.StandardKey
# A one-line field's moves that Qt's Linux bindings give a Ctrl key too (Ctrl+E, End's).
LINE_MOVES = (
    _STD.MoveToStartOfLine,
    _STD.MoveToEndOfLine,
    _STD.MoveToStartOfBlock,
    _STD.MoveToEndOfBlock,
    _STD.DeleteEndOfLine,
    _STD.DeleteCompleteLine,
)


class AppKeys(QObject):
    """Installed on the application once (AppKeys.install)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Windows opens the menus of F10 and Shift+F10 itself.
        self._by_itself = QGuiApplication.platformName() == "windows"

    @classmethod
    def install(cls) -> None:
        """Filter the application's key presses, once (every window shares it)."""
        install_once(cls, NAME)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # every event passes here: the common ones leave at once
        if kind == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            return _the_windows_key(watched, event)  # kept from the field: the action acts
        if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        focus = QApplication.focusWidget()
        if event.key() != Qt.Key.Key_F10 or self._by_itself or watched is not focus:
            return False
        if focus is None or QApplication.activePopupWidget():
            return False
        modifiers = event.modifiers() & ~_KEYPAD
        if modifiers == _SHIFT:
            _open_menu_of(focus, event)
            return True
        if modifiers == Qt.KeyboardModifier.NoModifier:
            return _open_menu_bar(focus)
        return False


def _open_menu_of(focus: QWidget, event: QKeyEvent) -> None:
    """The menu of `focus`, where Qt puts the Menu key's: at the caret, or the current row."""
    where = focus.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    at = QRectF(where).center().toPoint() if isinstance(where, QRect | QRectF) else QPoint()
    menu = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, at, focus.mapToGlobal(at), event.modifiers()
    )
    QApplication.sendEvent(focus, menu)


def _open_menu_bar(focus: QWidget) -> bool:
    """The first menu of `focus`'s window opened, as F10 opens it on GNOME and Windows;
    False where the window has no menu bar of its own (a dialog, the Mac's). A panel
    floating in a window of its own has its main window's, as Alt and a letter there has
    them: opened with the panel's window active (Qt takes no activation while a menu is
    open), so that Edit's items act in the panel and Escape leaves the keyboard there."""
    window = _main_window_of(focus)
    bar = window.menuBar() if isinstance(window, QMainWindow) else None
    if bar is None or bar.isNativeMenuBar() or not bar.isVisible() or not bar.actions():
        return False
    bar.setActiveAction(bar.actions()[0])
    return True


def _the_windows_key(field: QWidget, event: QKeyEvent) -> bool:
    """Whether `event` in `field` is a key of one of its window's actions that the field
    takes for a move along its line (its own keys, a Library filter's Ctrl+F, stay its)."""
    if not event.modifiers() & _COMMANDS or not any(event.matches(k) for k in LINE_MOVES):
        return False
    pressed = QKeySequence(event.keyCombination())
    return any(
        action.isEnabled()
        and action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
        and pressed in action.shortcuts()
        for action in _main_window_of(field).actions()
    )


def _main_window_of(widget: QWidget) -> QWidget:
    """`widget`'s window, or for a panel floating in a window of its own, the main window
    whose actions its keys reach (Qt's shortcuts take a floating dock for its window)."""
    window = widget.window()
    if isinstance(window, QDockWidget) and isinstance(window.parentWidget(), QMainWindow):
        return window.parentWidget()
    return window
