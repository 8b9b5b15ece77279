"""Links in a Markdown interview: a pointing hand over them, opened on a click (a press
and release without dragging), never while selecting text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QMouseEvent
from PySide6.QtWidgets import QTextEdit


class LinkOpener(QObject):
    """Watches the viewport of `view`; the view itself needs to know nothing of links."""

    def __init__(self, view: QTextEdit, active: Callable[[], bool]) -> None:
        super().__init__(view)
        self._view = view
        self._active = active  # only documents with links: a hit test walks the layout
        self._pressed: QPoint | None = None
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._active() or kind not in (
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
        ):
            return False
        assert isinstance(event, QMouseEvent)
        pos = event.position().toPoint()
        href = self._view.anchorAt(pos)
        if kind == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            shape = Qt.CursorShape.PointingHandCursor if href else Qt.CursorShape.IBeamCursor
            self._view.viewport().setCursor(shape)
        elif kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._pressed = pos if href else None
        elif kind == QEvent.Type.MouseButtonRelease and self._pressed is not None:
            clicked = (pos - self._pressed).manhattanLength() < 4
            self._pressed = None
            if clicked and href and not self._view.textCursor().hasSelection():
                QDesktopServices.openUrl(QUrl(href))
        return False
