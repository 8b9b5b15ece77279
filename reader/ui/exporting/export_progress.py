"""The progress of an export that takes seconds (a study's Word file, a REFI-QDA project
with hours of recordings): a window-modal "Exporting…" dialog with Cancel, shown once the
export has run SHOW_AFTER_MS. The export calls the function given with (done, total) as
it goes: the window paints and hears Cancel meanwhile, and the function says False once
Cancel was pressed (the export then stops, raising ExportCancelled, and writes nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

SHOW_AFTER_MS = 400  # quick exports show no dialog at all
STEPS = 1000  # of the bar: a count of bytes overflows the dialog's int from 2 GB on
CANCELLED = "Export cancelled; nothing was written."


@contextmanager
def export_progress(parent: QWidget) -> Iterator[Callable[[int, int], bool]]:
    """The dialog for the block, and the function an export tells its progress to."""
    dialog = QProgressDialog("Exporting…", "Cancel", 0, STEPS, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)

    def told(done: int, total: int) -> bool:
        dialog.setValue(STEPS * done // max(total, 1))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        yield told
    finally:
        dialog.close()
