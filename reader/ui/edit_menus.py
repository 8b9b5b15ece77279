"""Qt's own edit menu (a right-click, or the Menu key, in a text field or the notes) with
a letter on every item: Qt gives its Delete and Select All none, and every menu item here
has its own."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractScrollArea, QLineEdit, QMenu, QPlainTextEdit, QTextEdit

# By the object names Qt gives the standard menu's actions.
_LETTERED = {"edit-delete": "&Delete", "select-all": "Select &All"}


def lettered(menu: QMenu) -> QMenu:
    """`menu`, Qt's standard edit menu, each of its items with a letter; its keys kept."""
    for action in menu.actions():
        if text := _LETTERED.get(action.objectName()):
            _, tab, keys = action.text().partition("\t")
            action.setText(f"{text}{tab}{keys}")
    return menu


def letter_edit_menus(*fields: QLineEdit | QPlainTextEdit | QTextEdit) -> None:
    """The fields' edit menus lettered (`lettered`). A scrolling field's menu is asked
    for by its viewport, where the filter goes."""
    for field in fields:
        watched = field.viewport() if isinstance(field, QAbstractScrollArea) else field
        watched.installEventFilter(_LetteredMenu(field))


class _LetteredMenu(QObject):
    def __init__(self, field: QLineEdit | QPlainTextEdit | QTextEdit) -> None:
        super().__init__(field)
        self.field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        field = self.field
        if isinstance(field, QLineEdit):
            menu = field.createStandardContextMenu()
        else:
            menu = field.createStandardContextMenu(event.pos())
        lettered(menu).exec(event.globalPos())
        menu.deleteLater()
        return True
