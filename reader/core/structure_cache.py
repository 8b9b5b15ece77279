"""The detected structure of long interviews, cached in the data folder by the text's hash.

Detecting the paragraphs' roles and speakers of a 5 MB transcript takes ~120 ms, and the
same text is opened again and again. The cache is never the source of truth: an entry is
used only when it was made by this very detector on this very text, and its segments fit
the text; anything else (missing, unreadable, corrupt, stale) is ignored and the structure
detected again. Writing it may fail without consequence.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from reader import __version__
from reader.core import interview
from reader.core.document import Document, Span, Turn
from reader.core.hashing import sha256_hex
from reader.core.interview import Role, Segment, detect_segments
from reader.core.store import data_dir, write_cache_file

MIN_CHARS = 200_000  # shorter texts are detected in a few ms: no file for them
KEEP_FILES = 16  # the most recently used entries; older ones are removed
_ROLES = tuple(Role)


def cache_folder() -> Path:
    return data_dir() / "structure"


@cache
def detector_version() -> str:
    """Changes whenever the detector's code (or the app's version) does."""
    source = b""
    with contextlib.suppress(OSError, TypeError):
        source = Path(interview.__file__).read_bytes()  # type: ignore[arg-type]
    return sha256_hex(__version__.encode() + source)


def cache_key(
    text_sha256: str, text: str, turns: Sequence[Turn], spans: Sequence[Span] = ()
) -> str:
    """What an entry must have been made from: the detector, the text, the file's turns
    and its formatting."""
    digests = f"{_digest(turns)}:{_digest(spans)}" if spans else _digest(turns)
    return f"{detector_version()}:{text_sha256}:{len(text)}:{digests}"


def _digest(items: Sequence[Turn] | Sequence[Span]) -> str:
    """The hash of the turns' (or spans') fields as JSON: 6 ms for 40,000 turns, where
    their repr took 35 ms. Entries keyed by the repr before simply miss and are written
    again."""
    try:
        data = orjson.dumps(items)
    except orjson.JSONEncodeError:  # a time past 64 bits, a lone surrogate: still a key
        data = repr(tuple(items)).encode()
    return sha256_hex(data)


def detected_segments(
    document: Document, folder: Path | None = None, *, remember: bool = True
) -> list[Segment]:
    """detect_segments of the document's text and turns, from the cache in `folder` (by
    default the data folder's) when it holds them; a fresh detection is written there.
    Without `remember`, the cache is only read, and its use order left alone: work over a
    whole study (search, export) would otherwise push out the interviews the user opened."""
    text, turns, spans = document.text, document.turns, document.spans
    if len(text) < MIN_CHARS:
        return detect_segments(text, turns, spans)
    folder = cache_folder() if folder is None else folder
    key = cache_key(document.sha256, text, turns, spans)
    path = folder / f"{document.sha256}.json"
    segments = read_entry(path, key, len(text))
    if segments is None:
        segments = detect_segments(text, turns, spans)
        if not remember:
            return segments
        # A speaker's name with a lone surrogate has no JSON: not cached, as if unwritable.
        with contextlib.suppress(OSError, orjson.JSONEncodeError):
            write_entry(path, key, segments)
            prune(folder)
    elif remember:
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept by `prune`
    return segments


def read_entry(path: Path, key: str, length: int) -> list[Segment] | None:
    """The segments of the entry at `path`, None unless it is whole, made for `key`, and
    its segments fit a text of `length` code points, in order and without overlap."""
    try:
        data = orjson.loads(path.read_bytes())
        if data["key"] != key:
            return None
        speakers, rows = data["speakers"], data["segments"]
        if not (_rows_fit(rows, length) and all(type(name) is str for name in speakers)):
            return None
        return [
            _segment(_ROLES[role], speakers[speaker], start, end, timestamp, label)
            for start, end, role, speaker, timestamp, label in rows
        ]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError, IndexError):
        return None


def _rows_fit(rows: list[Any], length: int) -> bool:
    previous_end = 0
    for start, end, _role, _speaker, timestamp, label in rows:
        if not (
            type(start) is int
            and type(end) is int
            and previous_end <= start < end <= length
            and type(timestamp) is str
            and type(label) is str
        ):
            return False
        previous_end = end
    return True


def _segment(role: Role, speaker: str, start: int, end: int, timestamp: str, label: str) -> Segment:
    """A Segment with its fields set as its frozen dataclass's __init__ would set them, less
    that __init__'s call of object.__setattr__ for each: the 16,000 of a 5 MB transcript in
    two thirds of the time (a test holds these names to Segment's fields)."""
    segment = object.__new__(Segment)
    segment.__dict__.update(
        role=role, speaker=speaker, start=start, end=end, timestamp=timestamp, label=label
    )
    return segment


def write_entry(path: Path, key: str, segments: list[Segment]) -> None:
    """Write the entry whole or not at all (a temporary file renamed over it)."""
    speakers: dict[str, int] = {}
    rows: list[Any] = [
        [
            s.start,
            s.end,
            _ROLES.index(s.role),
            speakers.setdefault(s.speaker, len(speakers)),
            s.timestamp,
            s.label,
        ]
        for s in segments
    ]
    data = orjson.dumps({"key": key, "speakers": list(speakers), "segments": rows})
    write_cache_file(path, data)


def prune(folder: Path, keep: int = KEEP_FILES) -> None:
    """Remove all but the `keep` most recently used entries."""
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
