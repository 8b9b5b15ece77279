"""Typing in a list goes on in its filter field, as in a file manager's list: the Library's
and the Annotations'. In the Annotations list the letters went to Qt's type-ahead, and a
Backspace to correct them deleted the highlight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit


def type_to_filter(event: QKeyEvent, field: QLineEdit) -> bool:
    """A printable character typed (Shift allowed, not a shortcut nor a space) put at the
    end of `field`, which takes the focus; whether it was one."""
    text, mods = event.text(), event.modifiers()
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    chord |= Qt.KeyboardModifier.MetaModifier
    if not text or not text.isprintable() or text.isspace() or mods & chord:
        return False
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    field.end(False)
    field.insert(text)
    return True
