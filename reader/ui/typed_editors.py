"""An item view's cell editor keeps what the user typed or chose in it. Qt gives an open
editor its cell's value again whenever the model says that cell, or a range holding it,
changed: another program's change to study.json merged, or a recount of the codebook,
put the old name back under the user's typing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

_SHOWN = "valueShown"  # the editor's property: the value it was last given


def _value(editor: QWidget) -> str:
    if isinstance(editor, QComboBox):
        return editor.currentText()
    return editor.text() if isinstance(editor, QLineEdit) else ""


def touched(editor: QWidget) -> bool:
    """Whether the user changed what the editor was given."""
    return editor.property(_SHOWN) not in (None, _value(editor))


def fill_untouched(editor: QWidget, fill: Callable[[], None]) -> None:
    """`fill` the editor (a delegate's setEditorData) on opening, and again only while it
    still shows the value it was given: then a change from elsewhere shows in it."""
    if touched(editor):
        return
    fill()
    editor.setProperty(_SHOWN, _value(editor))
