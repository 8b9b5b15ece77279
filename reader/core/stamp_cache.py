"""What a file gives when read, kept and read again only when its size or time changed.

The Library's counts of each notes file (study_headers.NotesCounts) and the notes files
the codebook and the Annotations panel read across a study (notes_files_cache.py) are
each one of these, given the function that reads a file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class StampCache(Generic[T]):
    """`load(path)` for each path, kept with the file's (modification time, size) and
    loaded again when either changed. A file that cannot be stat'ed (none there yet, or
    unreadable) is forgotten and loaded each time: `load` says what is wrong. A worker
    thread may read beside the GUI thread: the table is touched under a lock, the files
    outside it."""

    def __init__(self, load: Callable[[Path], T]) -> None:
        self._load = load
        self._known: dict[Path, tuple[tuple[int, int], T]] = {}
        self._lock = threading.Lock()

    def __call__(self, path: Path) -> T:
        try:
            stat = os.stat(path)
        except OSError:
            with self._lock:
                self._known.pop(path, None)
            return self._load(path)
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            known = self._known.get(path)
        if known is None or known[0] != stamp:
            known = (stamp, self._load(path))
            with self._lock:
                self._known[path] = known
        return known[1]

    def clear(self) -> None:
        with self._lock:
            self._known.clear()
