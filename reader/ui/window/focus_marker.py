"""A visible focus for the big panes: the reader, the notes and the lists have no frame (a
frame would box the page in), so a bar in the accent colour along the top edge of the pane
that has the keyboard says where typing goes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from reader.ui import theme

BAR_HEIGHT = 3


class FocusMarker(QObject):
    def __init__(self, window: QWidget, panes: list[QWidget]) -> None:
        super().__init__(window)
        self._window = window
        self._panes = list(panes)
        self._pane: QWidget | None = None
        self.bar = QWidget(window)
        self.bar.setObjectName("focus-marker")
        self.bar.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.bar.setAutoFillBackground(True)
        self.bar.hide()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        for pane in panes:
            pane.installEventFilter(self)

    def add_pane(self, pane: QWidget) -> None:
        """A pane made after the window (a panel made when first shown)."""
        self._panes.append(pane)
        pane.installEventFilter(self)

    def pane(self) -> QWidget | None:
        """The pane that has the focus, or None."""
        return self._pane

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._pane = next(
            (p for p in self._panes if new is not None and (p is new or p.isAncestorOf(new))),
            None,
        )
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._pane and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Move,
            QEvent.Type.Hide,
        ):
            self._place()
        return False

    def _place(self) -> None:
        pane = self._pane
        if pane is None or not pane.isVisible():
            self.bar.hide()
            return
        top_left = pane.mapTo(self._window, QPoint(0, 0))
        self.bar.setGeometry(top_left.x(), top_left.y(), pane.width(), BAR_HEIGHT)
        palette = self.bar.palette()
        palette.setColor(self.bar.backgroundRole(), QColor(theme.accent_color()))
        self.bar.setPalette(palette)
        self.bar.show()
        self.bar.raise_()
