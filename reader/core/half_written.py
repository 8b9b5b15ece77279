"""Another program's write that may still be under way. Written in place (an SMB copy,
`rsync --inplace`, an editor saving in place), a file is cut to nothing and written again
in parts, and a look between two parts finds half of it. Merged then, half of it reads as
deleted, and our next save, replacing the file, sends the rest of that write nowhere (the
safety review's F4 and F5). So a version that looks cut off is taken as it is only once
it has not changed for a while: until then the merge waits, and so does our save."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import orjson

# How long a version that looks cut off must stay as it is to be taken as whole: longer
# than another program pauses between two parts of one write (a slow network share).
WHOLE_AFTER_NS = 5_000_000_000


class BeingWrittenError(OSError):
    """A file that looks half written by another program still at it: not written over;
    writing may be tried again in `wait_ms`."""

    def __init__(self, path: Path, wait_ms: int) -> None:
        super().__init__(errno.EBUSY, "another program is still writing it", str(path))
        self.wait_ms = wait_ms


def looks_cut(data: bytes, path: Path) -> bool:
    """Whether `data`, another program's version of the file at `path`, looks cut off:
    JSON that does not parse, or text that is empty or ends inside a line."""
    if path.suffix == ".json":
        try:
            orjson.loads(data)
        except orjson.JSONDecodeError:
            return True
        return False
    return not data.endswith(b"\n")


def wait_ms(path: Path, now_ns: int | None = None) -> int:
    """How long until the version at `path`, if it looks cut off, may be taken as whole:
    0 when it has not changed for `WHOLE_AFTER_NS` (or is gone, or dated after now: a
    clock we cannot wait on)."""
    try:
        changed = os.stat(path).st_mtime_ns
    except OSError:
        return 0
    age = (time.time_ns() if now_ns is None else now_ns) - changed
    if age < 0 or age >= WHOLE_AFTER_NS:
        return 0
    return (WHOLE_AFTER_NS - age) // 1_000_000 + 1


def cut_wait_ms(data: bytes, path: Path) -> int:
    """How long to wait before taking `data`, just read from `path`, as another program's
    whole version: 0 unless it looks cut off and is still fresh. The file's age first:
    a stat, where telling JSON cut off reads it whole (a notes file of 6 MB)."""
    wait = wait_ms(path)
    return wait if wait and looks_cut(data, path) else 0
