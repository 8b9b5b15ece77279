"""A list pane's row menu: made to be shown once, and opened from the keyboard (the Menu
key or Shift+F10) beside the current row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget


def menu_from_key(
    view: QAbstractItemView, event: QContextMenuEvent, open_menu: Callable[[QPoint], None]
) -> bool:
    """Open the current row's menu (`open_menu` at a viewport point) when `event` came
    from the keyboard; False for a mouse's, whose own point stands. Qt's point for the key
    is off by a heading's height, and the row below would be taken."""
    if event.reason() != QContextMenuEvent.Reason.Keyboard:
        return False
    current = view.currentIndex()
    open_menu(view.visualRect(current).center() if current.isValid() else QPoint(-1, -1))
    return True


def passing_menu(parent: QWidget) -> QMenu:
    """A row's menu, deleted once it closes: parented to the pane it opens on (for its
    style), each stayed among the pane's children, one more at each right-click."""
    menu = QMenu(parent)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return menu
