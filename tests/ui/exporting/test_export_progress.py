"""An export on a worker (`in_background`) closes its window to input from its start: the
worker reads the study while the window's event loop runs."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog

from reader.ui.exporting.export_progress import Told, in_background


def test_the_window_takes_no_input_while_the_worker_reads(qtbot) -> None:
    """A key pressed in the first moments of a study's export went to the window: a code
    renamed there as the worker went through the codes. The dialog, window-modal, shows at
    once now, not after the 0.4 s a quick export takes without one."""
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    seen: list[object] = []
    reading, looked = threading.Event(), threading.Event()

    def look() -> None:  # on the GUI thread, while the worker reads
        if reading.is_set() and not looked.is_set():
            seen.append(QApplication.activeModalWidget())
            looked.set()

    timer = QTimer(window, interval=0)
    timer.timeout.connect(look)
    timer.start()

    def work(told: Told) -> str:
        reading.set()
        looked.wait(5)
        return "done"

    assert in_background(window, work) == "done"
    assert len(seen) == 1 and isinstance(seen[0], QProgressDialog)
