"""Recordings in REFI-QDA: an AudioSource or VideoSource whose Transcript carries
SyncPoints (a position in the transcript's text and a time in milliseconds).

Importing, the times become written marks at the start of lines ("[00:01:23] Name: …"),
which the app reads as the turn times of any text (reader.core.sync). Marks are only
inserted, never replacing a character, so a position of the original text maps to ours
by adding the lengths of the marks before it (`TimedText.place`); a line that already
starts with the same time gets no second mark, so importing our own export adds nothing.
A time inside a line has no mark to become and is counted, for the report.

A passage marked on the recording by time alone (an AudioSelection or VideoSelection)
becomes a highlight of the turns spoken in it (`spoken_between`).

Exporting, an interview with a recording and turn times gives the SyncPoints at the
places its turns start (and the paragraphs a cue opens inside a turn: SyncTable.marks); its
highlights become TranscriptSelections between SyncPoints placed at their ends (a SyncPoint
without a time only marks a place).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from reader.core.interview import format_ms
from reader.core.media_suffixes import VIDEO_SUFFIXES

# A recording larger than this is referenced by its path in an export, not put in the zip
# (a bound from when exports were built in memory; raising it changes what a study exports).
MAX_EMBEDDED_BYTES = 512 * 2**20
MAX_MARK_MS = 100 * 3600 * 1000  # a written time has two digits of hours
_MARK_RE = re.compile(r"[ \t]*\[(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)\]")


def mark(ms: int) -> str:
    """The written time of a line: "[00:01:23] ", with milliseconds when it has them."""
    fraction = f".{ms % 1000:03d}" if ms % 1000 else ""
    return f"[{format_ms(ms)}{fraction}] "


@dataclass(frozen=True)
class TimedText:
    """The text with its times written in, and where the original's places went."""

    text: str
    inserted: tuple[tuple[int, int], ...]  # (original position, length inserted there)
    not_at_line_start: int  # times inside or at the end of a line: not kept
    unwritable: int = 0  # times before 0 or from MAX_MARK_MS on: no mark holds them

    def place(self, position: int, end: bool = False) -> int:
        """`position` of the original text in ours. A passage starting where a mark went
        starts after it; one ending there ends before it."""
        at, shifts = self._shifts
        count = bisect_left(at, position) if end else bisect_right(at, position)
        return position + shifts[count]

    @cached_property
    def _shifts(self) -> tuple[list[int], list[int]]:
        """Where marks went, and how far the original has moved before each (the first
        0, the last all of them): an import places thousands of passages."""
        return [p for p, _ in self.inserted], [0, *accumulate(n for _, n in self.inserted)]


def write_times(text: str, times: list[tuple[int, int]]) -> TimedText:
    """`text` (normalised) with a mark for each (position, ms) that falls where a line's
    words start; the earliest time wins when a line has several."""
    from reader.core.transcripts import time_ms

    line_times: dict[int, int] = {}  # where the line's words start -> ms
    skipped = unwritable = 0
    for position, ms in times:
        if not 0 <= ms < MAX_MARK_MS:
            unwritable += 1
            continue
        if not 0 <= position <= len(text):
            skipped += 1
            continue
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        words = line_start + len(line) - len(line.lstrip())
        if words >= line_end or position > words:  # a blank line, or inside the line
            skipped += 1
            continue
        line_times[words] = min(ms, line_times.get(words, ms))
    parts, inserted, last = [], [], 0
    for position in sorted(line_times):
        written = _MARK_RE.match(text, position)
        if written and time_ms(written[1]) == line_times[position]:
            continue
        added = mark(line_times[position])
        parts += [text[last:position], added]
        inserted.append((position, len(added)))
        last = position
    parts.append(text[last:])
    return TimedText("".join(parts), tuple(inserted), skipped, unwritable)


def spoken_between(
    times: list[tuple[int, int]], begin: int, end: int, length: int
) -> tuple[int, int] | None:
    """Where a transcript says what its recording says from `begin` to `end` ms, in whole
    turns: from the last of its `times` ((position, ms)) at or before `begin` (the text's
    start if none) to the first at or after `end` (its `length` if none). None when it
    has no times or the span is empty, backwards or timed out of order."""
    if not times or end <= begin:
        return None
    by_time = sorted((ms, position) for position, ms in times)
    before = bisect_right(by_time, (begin, length)) - 1
    after = bisect_left(by_time, (end, -1))
    start = by_time[before][1] if before >= 0 else 0
    stop = by_time[after][1] if after < len(by_time) else length
    return (start, stop) if start < stop else None


def is_video(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in VIDEO_SUFFIXES


def embed_problem(path: Path) -> str:
    """Why the recording cannot go into an export's zip; "" when it can."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"its recording {path.name} cannot be read ({exc.strerror or exc})"
    if size > MAX_EMBEDDED_BYTES:
        return f"its recording {path.name} is larger than {MAX_EMBEDDED_BYTES // 2**20} MB"
    return ""


def outside_path(path: str, base: str, project_file: Path | None) -> Path | None:
    """A media or text path that is not in the zip, as a file path: `absolute://`, `file://`,
    a plain absolute path, or `relative://` (against Project@basePath, else the folder of
    the .qdpx). None for a relative path with nothing to be relative to."""
    scheme, _, rest = path.partition("://")
    if not rest:
        scheme, rest = "", path
    scheme = scheme.lower()
    if scheme == "relative":  # "relative:///x.m4a", as the standard's examples write it,
        rest = rest.lstrip("/\\")  # was taken for the absolute "/x.m4a"
    if scheme == "file":
        rest = unquote(urlparse(path).path)
        if re.match(r"/[A-Za-z]:/", rest):  # file:///C:/x
            rest = rest[1:]
    drive = re.match(r"[A-Za-z]:[/\\]", rest)  # C:\x, absolute on Windows wherever read
    if scheme in ("absolute", "file") or Path(rest).is_absolute() or drive:
        return Path(rest)
    root = outside_path(base, "", None) if base else None
    if root is None and project_file is not None:
        root = Path(os.path.abspath(project_file)).parent
    if root is None:
        return None
    return Path(os.path.normpath(root / rest.replace("\\", "/")))
