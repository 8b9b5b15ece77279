"""A list pane's menu from the keyboard: the Menu key (or Shift+F10) opens the current
row's menu beside that row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView


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
