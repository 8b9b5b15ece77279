"""The recording's picture in a dock, for a recording that has one.

The dock is made with the first video (start-up makes none): where the user last had it
when the window remembers that, else under the left docks, as tall as the picture (at
most half the window). It shows while the recording has a picture and the user has not
closed it; View ▸ Video shows it again. An audio recording, a detached or closed one,
shows no dock. Whether View ▸ Video can act, and its tip, is availability.py's to say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow

from reader.ui.appearance.docks import dress_dock

if TYPE_CHECKING:
    from reader.ui.recording.media import Player

ASPECT = 9 / 16  # a widescreen picture's height for its width, when the file does not say


class VideoDock(QObject):
    def __init__(self, window: QMainWindow, action: QAction) -> None:
        super().__init__(window)
        self._window = window
        self.action = action  # View ▸ Video: checked while the picture shows
        self.dock: QDockWidget | None = None
        self.wanted = True  # False once the user closes the dock, until View ▸ Video
        self._has_video = False
        action.triggered.connect(self._asked)
        self._update()

    def show_picture(self, player: Player, has_video: bool) -> None:
        """The recording in `player` has a picture (or not, or no longer)."""
        self._has_video = has_video
        if has_video and self.dock is None:
            self._make(player)
        self._update()

    def hide_picture(self) -> None:
        """No recording any more (detached, another interview, the window closing)."""
        self._has_video = False
        self._update()

    def _asked(self, checked: bool) -> None:
        self.wanted = checked
        self._update()
        if checked and self.dock is not None:
            self.dock.raise_()

    def _update(self) -> None:
        visible = self._has_video and self.wanted
        self.action.setChecked(visible)
        if self.dock is not None:
            self.dock.toggleViewAction().setEnabled(self._has_video)
            self.dock.setVisible(visible)

    def _make(self, player: Player) -> None:
        dock = QDockWidget("Video", self._window)
        dock.setObjectName("video-dock")
        dress_dock(dock)  # its title buttons in the theme's colours
        dock.setWidget(player.video_widget())
        dock.installEventFilter(self)
        dock.toggleViewAction().triggered.connect(self._asked)  # the docks' context menu
        self.dock = dock
        window = self._window
        if not window.restoreDockWidget(dock):  # a first time: under the left docks
            window.addDockWidget(
                Qt.DockWidgetArea.LeftDockWidgetArea, dock, Qt.Orientation.Vertical
            )
            # Once laid out, the dock's width is known: as tall as the picture needs.
            QTimer.singleShot(0, self, lambda: self._fit(player.picture_aspect() or ASPECT))

    def _fit(self, aspect: float) -> None:
        dock = self.dock
        if dock is None or not dock.isVisible() or dock.isFloating():
            return
        # resizeDocks sizes the dock's contents, the picture, not its title bar.
        height = min(round(dock.widget().width() * aspect), self._window.height() // 2)
        self._window.resizeDocks([dock], [height], Qt.Orientation.Vertical)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The dock's close button (or the window manager's, floating): the user's choice.
        if watched is self.dock and event.type() == QEvent.Type.Close:
            self.wanted = False
            self.action.setChecked(False)
        return False
