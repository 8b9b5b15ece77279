"""A field's clear button (the ✕ Qt shows in a line edit that holds text), named for a
screen reader: Qt's has neither a name nor a tooltip, so it was read as "button"; and
Escape in a filter field, which empties it as in a browser's or a file manager's."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLineEdit

CLEAR_ACTION = "_q_qlineeditclearaction"  # the object name Qt gives the button's action


def add_clear_button(edit: QLineEdit, what: str, *, escape_clears: bool = False) -> None:
    """Show the clear button in `edit`, named "Clear" and described as emptying `what`;
    with `escape_clears` (a filter field), Escape empties it too while it holds text."""
    edit.setClearButtonEnabled(True)
    if escape_clears:
        edit.installEventFilter(_EscapeClears(edit))
    action = edit.findChild(QAction, CLEAR_ACTION)
    if action is not None:  # the button takes its name and tooltip from it
        action.setText("Clear")
        action.setToolTip(f"Empties {what}")


class _EscapeClears(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and isinstance(watched, QLineEdit)
            and watched.text()
        ):
            watched.clear()
            return True
        return False  # an empty field's Escape goes on, as before
