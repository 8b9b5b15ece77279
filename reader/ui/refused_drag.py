"""A row dragged in a view whose rows cannot move now (the Library or the Codebook of a
read-only study) says why on the status line, as the keys that move rows do: the view
starts no drag there, and the row stayed put without a word."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication


class RefusedDrag(QObject):
    """Watches `view`'s mouse: a row pressed and moved as far as a drag starts, while
    `why` says why rows cannot move (""  when they can), has `say` say it, once a press."""

    def __init__(
        self, view: QAbstractItemView, why: Callable[[], str], say: Callable[[str], None]
    ) -> None:
        super().__init__(view)
        self._view, self._why, self._say = view, why, say
        self._pressed: QPoint | None = None  # where a row was pressed, till the drag is said
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QMouseEvent):
            return False
        at, left = event.position().toPoint(), Qt.MouseButton.LeftButton
        if event.type() == QEvent.Type.MouseButtonPress:
            on_row = event.button() == left and self._view.indexAt(at).isValid()
            self._pressed = at if on_row else None
        elif event.type() == QEvent.Type.MouseMove and self._pressed is not None:
            far = (at - self._pressed).manhattanLength() >= QApplication.startDragDistance()
            if not event.buttons() & left:
                self._pressed = None
            elif far:
                self._pressed = None
                if why := self._why():
                    self._say(why)
        return False
