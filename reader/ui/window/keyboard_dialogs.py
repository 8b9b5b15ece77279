"""Dialogs opened from the keyboard show the focus frame of their first field at once.

Qt draws focus frames only in a window where the focus moved by keyboard (Tab), so after
Ctrl+E or F1 the focused field looked like the others until the user pressed Tab. One
filter on the application does it for every dialog (ours, message boxes, file dialogs):
when the last input was a key, a dialog getting the focus as it activates is marked as
a keyboard window. Opened with the mouse, Qt's own behaviour stays.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# A key that is a shortcut comes as ShortcutOverride then Shortcut, with no KeyPress.
_KEYS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut)
_MOUSE = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
_FOCUS_IN = QEvent.Type.FocusIn
_ACTIVATION = Qt.FocusReason.ActiveWindowFocusReason
NAME = "keyboard-dialogs"


class KeyboardDialogs(QObject):
    """Installed on the application once (KeyboardDialogs.install)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keyboard = False  # whether the last press was a key's (else the mouse's)

    @classmethod
    def install(cls) -> None:
        """Filter the application's events, once; after the first paint, as a filter on
        every event would make start-up pay about a microsecond each."""
        install_once(cls, NAME)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # every event passes here: the common ones leave at once
        if kind in _KEYS:
            self.keyboard = True
        elif kind in _MOUSE:
            self.keyboard = False
        elif kind == _FOCUS_IN and self.keyboard and isinstance(watched, QWidget):
            # Qt clears the mark as the window activates, just before this focus event.
            assert isinstance(event, QFocusEvent)
            window = watched.window()
            if event.reason() == _ACTIVATION and isinstance(window, QDialog):
                window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        return False


def install_once(kind: type[QObject], name: str) -> None:
    """A filter of `kind` on the application's events, named `name`, made once: every
    window shares it."""
    app = QApplication.instance()
    if app is not None and app.findChild(QObject, name) is None:
        found = kind(app)
        found.setObjectName(name)
        app.installEventFilter(found)
