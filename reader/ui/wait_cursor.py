"""The wait cursor over the window while the GUI thread does what takes seconds (every
notes file of a study read and written again, a long interview printed): the window does
not answer meanwhile, and a still arrow said nothing of why."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

# A study's notes file (1,000 codes) takes ~7 ms to read, back up and write: from this many
# files on, a change to each is long enough to show the wait.
MANY_FILES = 20


@contextmanager
def waiting(when: bool = True) -> Iterator[None]:
    """The wait cursor for the block (`when` it is long enough to show)."""
    if when:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        if when:
            QApplication.restoreOverrideCursor()
