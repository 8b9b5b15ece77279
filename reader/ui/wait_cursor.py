"""The wait cursor over the window while the GUI thread does what takes seconds (every
notes file of a study read and written again, a long interview printed): the window does
not answer meanwhile, and a still arrow said nothing of why."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEventLoop, Qt
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


@contextmanager
def busy(say: Callable[[str], None], line: str) -> Iterator[None]:
    """`line` said ("Importing P01.qdpx…", in the status bar) and painted before the block,
    which holds the GUI thread, and the wait cursor meanwhile; what the user does
    meanwhile waits too."""
    say(line)
    with waiting():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        yield
