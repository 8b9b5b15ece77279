"""Work that must wait until a widget has painted: a zero timer started from the widget's
next Paint event. A zero timer started earlier runs before the window's first paint (Qt
handles timers before the paint it has queued), so the user would wait for it (#17)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """`start()` runs `work` once, just after `widget`'s next paint (a window not shown
    yet: once it is shown); at once (from the event loop) when the widget is hidden in a
    shown window, as it then would not paint."""

    def __init__(self, widget: QWidget, work: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(work)
        self._armed = False

    def start(self) -> None:
        if self._widget.window().isVisible() and not self._widget.isVisible():
            self._timer.start()
            return
        if not self._armed:
            self._armed = True
            self._widget.installEventFilter(self)
        self._widget.update()  # a paint is coming even if nothing else changed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._armed:
            self._armed = False
            self._widget.removeEventFilter(self)
            self._timer.start()
        return False
