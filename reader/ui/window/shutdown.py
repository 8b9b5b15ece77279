"""Leaving cleanly when the system asks: SIGTERM, SIGINT, SIGHUP, and the session manager.

A logout, `kill` or a closed terminal must not cost the last second of typing: each
signal is noticed by the Qt event loop (through a pipe Python's signal module writes to;
a pipe, as the socket module would cost start-up time), the notes are written and the
lock released, then the app quits. One that comes while a question asked at start-up is
open (notes that cannot be read, a file not there) closes the question, and the app ends
before its window shows: `quit` does nothing before the event loop runs, and the signal
was spent, the study closed under the window that went on.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class ShutdownOnSignals(QObject):
    """Calls `shut_down` then quits the app on SIGTERM, SIGINT or SIGHUP; calls `flush`
    when the session manager asks the app to save (its commitDataRequest)."""

    def __init__(
        self, app: QGuiApplication, shut_down: Callable[[], None], flush: Callable[[], None]
    ) -> None:
        super().__init__(app)
        self._app = app
        self._shut_down = shut_down
        self.looping = False  # the app's event loop runs (set just before app.exec)
        self.before_loop = False  # a signal came before it ran: the app ends instead
        self._receiver, sender = os.pipe()
        for end in (self._receiver, sender):
            os.set_blocking(end, False)
        signal.set_wakeup_fd(sender, warn_on_full_buffer=False)
        for number in SIGNALS:
            # The work is done on the Qt side; Python's handler only has to exist.
            signal.signal(number, lambda *_: None)
        self._notifier = QSocketNotifier(self._receiver, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._signalled)
        app.commitDataRequest.connect(lambda _manager: flush())

    def _signalled(self) -> None:
        try:
            received = os.read(self._receiver, 64)
        except BlockingIOError:
            return
        if not any(number in received for number in map(int, SIGNALS)):
            return
        if not self.looping:  # in a start-up question's own loop: the opening ends first
            self.before_loop = True
            for _ in range(8):  # each question open, the innermost first
                if (question := QApplication.activeModalWidget()) is None:
                    break
                question.close()
            return
        self._notifier.setEnabled(False)
        self._shut_down()
        self._app.quit()
