"""What the status line says of a key that did nothing. The key of a greyed-out item says
why: a disabled action's shortcut does nothing at all, and its reason is in the menu
item's tip, which a user pressing the key never sees (Ctrl+Shift+R before any code,
Ctrl+PgDn outside a study). The reader's own hints ("No highlight after the caret",
"Select words first") are taken down as soon as its caret moves on, so that a hint about
where the caret was never stands beside where it is now."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStatusBar

from reader.ui.reading.reader_view import ReaderView

SHOWN_MS = 6000


class GreyedKeys(QObject):
    """Watches the keys that reach the window unhandled: those of a disabled action."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._window
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            why = self.why_not(QKeySequence(event.keyCombination()))
            if why:
                self._window.statusBar().showMessage(why, SHOWN_MS)
                return True
        return super().eventFilter(watched, event)

    def why_not(self, keys: QKeySequence) -> str:
        """'Name: reason' of the greyed-out action `keys` would trigger; "" if none."""
        for action in self._window.actions():
            if action.isEnabled() or keys not in action.shortcuts():
                continue
            name = action.text().replace("&", "").removesuffix("…")
            why = action.toolTip()  # the reason, set with the state (available.set_available)
            if why and why not in (name, action.iconText()):  # not Qt's default: the text
                return f"{name}: {why}"
        return ""


class ReaderHints(QObject):
    """Shows what `reader.hint` says in `status`, until the reader's caret moves."""

    def __init__(self, reader: ReaderView, status: QStatusBar) -> None:
        super().__init__(status)
        self._status = status
        self._shown = ""
        reader.hint.connect(self.show)
        reader.cursorPositionChanged.connect(self._moved_on)

    def show(self, text: str) -> None:
        self._shown = text
        self._status.showMessage(text, SHOWN_MS)

    def _moved_on(self) -> None:
        # Only the reader's own hint: a save's or an open's message stays its time.
        if self._shown and self._status.currentMessage() == self._shown:
            self._status.clearMessage()
        self._shown = ""
