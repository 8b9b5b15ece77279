"""Before a save writes over the notes file: that it holds what we last read or wrote,
else another program (a sync tool, another window) changed it, and the save stops so that
its version is merged, not replaced; checked again just before the write's rename."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reader.core.store import content_hash


class OutsideChangeError(Exception):
    """The notes file holds something we did not write; `data` is what it holds."""

    def __init__(self, data: bytes) -> None:
        super().__init__("the notes file was changed by another program")
        self.data = data


# What a file was when looked at: its inode, modification time (ns) and size; None: absent.
_Seen = tuple[int, int, int] | None


def check_unchanged(path: Path, expected: str, make_folder: bool = True) -> tuple[bool, _Seen]:
    """Before a write: the file holds what we believe it does ("": that there is none),
    and its folder is there. True when the file is there, holding `expected`; and what
    the file was (unchanged_since checks it again just before the write replaces it)."""
    try:
        with path.open("rb") as handle:
            seen = _seen(os.fstat(handle.fileno()))
            data = handle.read()
    except FileNotFoundError:  # new, or moved away: nothing to overwrite
        # Its own folder is made again if it went (a study's notes folder deleted alone);
        # none above it, as the write that follows makes none (atomic_write's `parents`).
        if make_folder:
            path.parent.mkdir(exist_ok=True)
        return False, None
    # A file where we believed there was none is another's too: a sync tool's copy of
    # the notes from another machine, arrived before our first save.
    if not expected or content_hash(data) != expected:
        raise OutsideChangeError(data)
    return True, seen


def unchanged_since(path: Path, seen: _Seen) -> Callable[[], None]:
    """For atomic_write, last before its rename: another program's write since the check
    (while ours was flushed to disk) stops ours, so that it is merged, not replaced."""

    def check() -> None:
        try:
            now = _seen(os.stat(path))
        except FileNotFoundError:
            return  # deleted meanwhile: ours is all there is
        if now != seen:
            raise OutsideChangeError(path.read_bytes())

    return check


def _seen(info: os.stat_result) -> _Seen:
    return info.st_ino, info.st_mtime_ns, info.st_size
