"""Another program's write that may still be under way. Written in place (an SMB copy,
`rsync --inplace`, an editor saving in place), a file is cut to nothing and written again
in parts, and a look between two parts finds half of it. Merged then, half of it reads as
deleted, and our next save, replacing the file, sends the rest of that write nowhere (the
safety review's F4 and F5). So a version that may be cut off is taken as it is only once
it has not changed for a while: until then the merge waits, and so does our save."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path
from time import monotonic_ns

import orjson

from reader.core.hashing import sha256_hex

# How long a version that looks cut off must stay as it is to be taken as whole: longer
# than another program pauses between two parts of one write (a slow network share).
WHOLE_AFTER_NS = 5_000_000_000
# How long another version of a text file that looks whole must stay as it is: Markdown has
# no end mark, and a write paused at a line end looks whole (a pause of 0.9 s was seen).
SETTLE_NS = 2_000_000_000


class BeingWrittenError(OSError):
    """A file that looks half written by another program still at it: not written over;
    writing may be tried again in `wait_ms`."""

    def __init__(self, path: Path, wait_ms: int) -> None:
        super().__init__(errno.EBUSY, "another program is still writing it", str(path))
        self.wait_ms = wait_ms


def looks_cut(data: bytes, path: Path, known: bytes = b"") -> bool:
    """Whether `data`, another program's version of the file at `path`, looks cut off:
    JSON that does not parse, or text that is empty, ends inside a line, or is the start
    alone of `known`, the version we last read or wrote (the rest of it to be written)."""
    if path.suffix == ".json":
        try:
            orjson.loads(data)
        except orjson.JSONDecodeError:
            return True
        return False
    return not data.endswith(b"\n") or (len(data) < len(known) and known.startswith(data))


def whole_after_ns(data: bytes, path: Path, known: bytes = b"") -> int:
    """How long `data`, another program's version of the file at `path`, must stay as it is
    to be taken as whole: none for JSON that parses (its last brace ends it), longer for
    what looks cut off than for text that looks whole."""
    if looks_cut(data, path, known):
        return WHOLE_AFTER_NS
    return 0 if path.suffix == ".json" else SETTLE_NS


def wait_ms(path: Path, after_ns: int, now_ns: int | None = None) -> int:
    """How long until the version at `path` is `after_ns` old: 0 once it is (or when it is
    gone, or dated after now: a clock we cannot wait on)."""
    try:
        changed = os.stat(path).st_mtime_ns
    except OSError:
        return 0
    age = (time.time_ns() if now_ns is None else now_ns) - changed
    if age < 0 or age >= after_ns:
        return 0
    return (after_ns - age) // 1_000_000 + 1


# A version of a watched file as first seen here, until it is taken (`cut_wait_ms`):
# path -> (its hash, monotonic_ns()).
_first_seen: dict[str, tuple[str, int]] = {}


def seen_wait_ms(path: Path, data: bytes, after_ns: int) -> int:
    """How long until `data`, the version of `path` just read, has been seen unchanged here
    for `after_ns` by our own clock, counted from the first look that found it."""
    key, digest, now = os.fspath(path), sha256_hex(data), monotonic_ns()
    seen = _first_seen.get(key)
    if seen is None or seen[0] != digest:
        _first_seen[key] = seen = (digest, now)
    age = now - seen[1]
    return 0 if age >= after_ns else (after_ns - age) // 1_000_000 + 1


def cut_wait_ms(data: bytes, path: Path, known: bytes = b"", *, watched: bool = False) -> int:
    """How long to wait before taking `data`, just read from `path`, as another program's
    whole version (`whole_after_ns`): 0 once it has stayed as it is for long enough. A file
    `watched` while open also waits by our clock (`seen_wait_ms`). Else the file's age
    first: a stat, where telling JSON cut off reads it whole (a notes file of 6 MB)."""
    wait = 0
    if (watched or wait_ms(path, max(WHOLE_AFTER_NS, SETTLE_NS))) and (
        after := whole_after_ns(data, path, known)
    ):
        wait = max(wait_ms(path, after), seen_wait_ms(path, data, after) if watched else 0)
    if not wait:  # taken: the next write is timed afresh, were it the same bytes (cut to nothing)
        _first_seen.pop(os.fspath(path), None)
    return wait
