"""Qt objects that only Python's cyclic garbage collection would free.

Python deletes a Qt object it alone owns (made without a parent) when its last reference
goes; held in a reference cycle (a bound method or lambda stored on it is enough), only
when the cyclic collection runs, on whichever thread happens to allocate then: a notes
saver's worker too. A Qt object must be deleted on its own thread: a QFileSystemWatcher
deleted on another leaves its socket notifier registered with the GUI thread's event
loop, which then crashes on it (a segfault in CI once, tests/ui/test_notes_copy.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject
from shiboken6 import Shiboken


@contextmanager
def qt_objects_left_to_collect() -> Iterator[list[str]]:
    """The class names, filled on leaving, of the Qt objects of Python's own that what ran
    inside left to the cyclic collection (unreachable, in a cycle, alive in C++)."""
    gc.collect()
    left: list[str] = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield left
    finally:
        gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds is kept to look at
        gc.collect()
        left += [type(o).__name__ for o in gc.garbage if _python_owned_qt_object(o)]
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()  # freed now, here on the GUI thread
        if enabled:
            gc.enable()


def _python_owned_qt_object(o: object) -> bool:
    return isinstance(o, QObject) and Shiboken.isValid(o) and Shiboken.ownedByPython(o)
