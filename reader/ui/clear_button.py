"""A field's clear button (the ✕ Qt shows in a line edit that holds text), named for a
screen reader: Qt's has neither a name nor a tooltip, so it was read as "button"; and
Escape in a filter field, which empties it as in a browser's or a file manager's. A filter
in a narrow dock can show its placeholder cut after a whole word: at 1024 px the
Annotations' read "Filter quo…", Qt's cut; it reads "Filter quotes…"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QToolButton

CLEAR_ACTION = "_q_qlineeditclearaction"  # the object name Qt gives the button's action


def add_clear_button(
    edit: QLineEdit, what: str, *, escape_clears: bool = False, fitted: bool = False
) -> None:
    """Show the clear button in `edit`, named "Clear" and described as emptying `what`;
    with `escape_clears` (a filter field), Escape empties it too while it holds text; with
    `fitted`, its placeholder shows whole or cut after a word, at every width."""
    edit.setClearButtonEnabled(True)
    if escape_clears:
        edit.installEventFilter(_EscapeClears(edit))
    if fitted:
        edit.installEventFilter(_FittedPlaceholder(edit))
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


def placeholder_cuts(placeholder: str) -> list[str]:
    """`placeholder` whole, then cut after each word, the longest first, with "…"."""
    words = placeholder.split()
    cuts = [" ".join(words[:n]).rstrip(",;:.…") + "…" for n in range(len(words) - 1, 0, -1)]
    return [placeholder, *cuts]


def placeholder_room(edit: QLineEdit) -> int:
    """The width in which `edit` shows its placeholder whole: less its own margins and frame,
    and its clear button's place, which Qt keeps while the field is empty, unseen."""
    room = edit.contentsRect().width() - 12
    buttons = edit.findChildren(QToolButton)
    return room - sum(b.width() + 2 for b in buttons if b.isVisibleTo(edit))


class _FittedPlaceholder(QObject):
    """Shows the longest of the placeholder's cuts that the field shows whole."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._cuts = placeholder_cuts(edit.placeholderText())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QLineEdit):
            room = placeholder_room(watched)
            advance = watched.fontMetrics().horizontalAdvance
            fits = (cut for cut in self._cuts if advance(cut) <= room)
            watched.setPlaceholderText(next(fits, self._cuts[-1]))
        return False
