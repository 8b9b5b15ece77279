"""A field's clear button (the ✕ Qt shows in a line edit that holds text), named for a
screen reader: Qt's has neither a name nor a tooltip, so it was read as "button"."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

CLEAR_ACTION = "_q_qlineeditclearaction"  # the object name Qt gives the button's action


def add_clear_button(edit: QLineEdit, what: str) -> None:
    """Show the clear button in `edit`, named "Clear" and described as emptying `what`."""
    edit.setClearButtonEnabled(True)
    action = edit.findChild(QAction, CLEAR_ACTION)
    if action is not None:  # the button takes its name and tooltip from it
        action.setText("Clear")
        action.setToolTip(f"Empties {what}")
