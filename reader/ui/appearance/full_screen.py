"""View ▸ Full Screen (F11): the window over the whole screen for hours of reading, as
Calibre's and Foliate's viewers have it. The action's tick follows the window however it
enters or leaves full screen (the window manager's own key, a restored geometry)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


class FullScreen(QObject):
    def __init__(self, window: QWidget, action: QAction) -> None:
        super().__init__(window)
        self._window = window
        self._action = action
        action.setChecked(window.isFullScreen())
        action.toggled.connect(self._set)
        window.installEventFilter(self)

    def _set(self, on: bool) -> None:
        if on != self._window.isFullScreen():  # XOR keeps a maximised window maximised after
            self._window.setWindowState(
                self._window.windowState() ^ Qt.WindowState.WindowFullScreen
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowStateChange:
            self._action.setChecked(self._window.isFullScreen())
        return False
