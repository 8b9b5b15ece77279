"""A list pane's menu from the keyboard: the Menu key (or Shift+F10) opens the current
row's menu beside that row."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView


def menu_key_point(view: QAbstractItemView, event: QContextMenuEvent) -> QPoint | None:
    """Where the current row's menu opens (viewport point) when `event` came from the
    keyboard; None for a mouse's, whose own point stands. Qt's point for the key is off by
    a heading's height, and the row below would be taken."""
    if event.reason() != QContextMenuEvent.Reason.Keyboard:
        return None
    current = view.currentIndex()
    return view.visualRect(current).center() if current.isValid() else QPoint(-1, -1)
