"""The progress of an export that takes seconds (a study's Word file, a REFI-QDA project
with hours of recordings): a window-modal "Exporting…" dialog with Cancel, shown once the
export has run SHOW_AFTER_MS. The export calls the function given with (done, total) as
it goes: the window paints and hears Cancel meanwhile, and the function says False once
Cancel was pressed (the export then stops, raising ExportCancelled, and writes nothing).
`in_background` runs such an export on a worker thread instead, its dialog saying what it
does: a study's .qdpx held the window 12 s, reading 300 interviews and building the file."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

SHOW_AFTER_MS = 400  # quick exports show no dialog at all
STEPS = 1000  # of the bar: a count of bytes overflows the dialog's int from 2 GB on
POLL_MS = 30  # how often the dialog shows where a worker's export is, and sees it end
# How long the worker holds the GIL at most while the GUI thread waits for it (Python's
# default is 5 ms): each of the GUI thread's many short Python calls (event filters, slots)
# waited so long, and showing the dialog held the window 0.25 s instead of 0.14 s.
WORKER_TURN_S = 0.0005
CANCELLED = "Export cancelled; nothing was written."
# What a worker's export tells: what it does now, in words, and how far it is (done, total).
# It says False once Cancel was pressed.
Told = Callable[[str, int, int], bool]
Result = TypeVar("Result")


def _dialog(parent: QWidget) -> QProgressDialog:
    dialog = QProgressDialog("Exporting…", "Cancel", 0, STEPS, parent)
    dialog.setWindowTitle("Exporting")  # untitled, a screen reader said "dialog" alone
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    # Esc rejects the dialog, which Qt (6.3 on) closes without the close event by which a
    # QProgressDialog knows it is cancelled: the dialog went, the export went on.
    dialog.rejected.connect(dialog.cancel)
    return dialog


@contextmanager
def export_progress(parent: QWidget) -> Iterator[Callable[[int, int], bool]]:
    """The dialog for the block, and the function an export tells its progress to."""
    dialog = _dialog(parent)

    def told(done: int, total: int) -> bool:
        dialog.setValue(STEPS * done // max(total, 1))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        yield told
    finally:
        dialog.close()


def in_background(parent: QWidget, work: Callable[[Told], Result]) -> Result:
    """What `work(told)` returns (or raises), run on a worker thread: it touches no Qt
    object. Meanwhile the window paints and the dialog, shown at once, shows what `work`
    told last, its Cancel (or Esc) making `told` say False."""
    dialog = _dialog(parent)
    dialog.setAutoReset(False)  # the bar full at one stage's end is not the export done
    cancelled = threading.Event()
    latest: list[tuple[str, int, int]] = [("Exporting…", 0, 1)]
    outcome: dict[str, object] = {}

    def told(line: str, done: int, total: int) -> bool:
        latest[0] = (line, done, total)  # one assignment: the GUI thread reads it whole
        return not cancelled.is_set()

    def run() -> None:
        try:
            outcome["result"] = work(told)
        except BaseException as exc:  # raised again on the GUI thread, as if run there
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="export", daemon=True)
    loop = QEventLoop()

    def show() -> None:
        if dialog.wasCanceled():
            cancelled.set()
        if not worker.is_alive():
            loop.quit()
        elif not cancelled.is_set():
            line, done, total = latest[0]
            if dialog.labelText() != line:
                dialog.setLabelText(line)
            dialog.setValue(STEPS * done // max(total, 1))

    poll = QTimer(dialog, interval=POLL_MS)
    poll.timeout.connect(show)
    turn = sys.getswitchinterval()
    sys.setswitchinterval(WORKER_TURN_S)
    # Shown at once, not after SHOW_AFTER_MS: the window is closed to input while the worker
    # reads the study (a code renamed meanwhile would change what it iterates over).
    dialog.show()
    worker.start()
    poll.start()
    try:
        loop.exec()
    finally:
        poll.stop()
        worker.join()
        sys.setswitchinterval(turn)
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
