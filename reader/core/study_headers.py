"""What the library lists for each interview, read without loading any transcript.

Each interview's counts come from its notes file, parsed by orjson without validation
(about 0.15 ms for 100 highlights), so a study of 500 interviews with 50,000 highlights
lists in well under a second; the window keeps them (`NotesCounts`) by each file's size
and time, as every edit of the study lists the interviews again. How far each interview
was read is this machine's state, not the study's: it lives in the app's data folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from reader.core import json_bytes
from reader.core.annotations import DEFAULT_COLOR, NO_COLOR
from reader.core.hashing import sha256_hex
from reader.core.stamp_cache import StampCache
from reader.core.store import atomic_write, data_dir
from reader.core.study import Study
from reader.core.study_file import AttributeValue


@dataclass(frozen=True)
class InterviewHeader:
    """One row of the library. `read` is the share of the text read, 0 to 1, or None."""

    id: str
    title: str
    participant: str
    date: str
    path: str  # as study.json has it
    attributes: dict[str, AttributeValue] = field(default_factory=dict)
    missing: bool = False  # the transcript is not where study.json says
    highlights: int = 0  # with a colour: a passage only coded (NO_COLOR) counts under none
    notes: int = 0  # highlights with a note
    orphans: int = 0  # highlights not found in the text when last opened
    research_notes: bool = False  # the free-form notes are not empty
    read: float | None = None
    problem: str = ""  # e.g. the notes file cannot be read; "" when all is well


Counts = tuple[dict[str, Any], str]  # InterviewHeader's counts, and the problem


def headers(
    study: Study,
    read: dict[str, float] | None = None,
    counts_of: Callable[[Path], Counts] | None = None,
) -> list[InterviewHeader]:
    """The header of every interview, in the study's order. `read` maps interview ids to
    the share read (see load_read_positions); `counts_of` reads a notes file's counts
    (`_counts`, or a NotesCounts that keeps them)."""
    read = read or {}
    counts_of = counts_of or _counts
    rows = []
    for entry in study.interviews:
        counts, problem = counts_of(study.notes_path(entry))
        rows.append(
            InterviewHeader(
                id=entry.id,
                title=entry.title,
                participant=entry.participant,
                date=entry.date,
                path=entry.path,
                attributes=dict(entry.attributes),
                missing=study.is_missing(entry),
                read=read.get(entry.id),
                problem=problem,
                **counts,
            )
        )
    return rows


class NotesCounts(StampCache[Counts]):
    """Each notes file's counts as last read, read again only when its size or time
    changed: a code made, a title edited lists the interviews again, and reading 500 notes
    files was most of the 300 ms each such edit held the window."""

    def __init__(self) -> None:
        super().__init__(_counts)


def _counts(notes_path: Path) -> Counts:
    try:
        raw = notes_path.read_bytes()
    except FileNotFoundError:
        return {}, ""
    except OSError as exc:
        return {}, f"its notes cannot be read ({exc.strerror or exc})"
    try:
        data = json_bytes.loads(raw)
        highlights = data["highlights"]
        return {
            "highlights": sum(1 for h in highlights if h.get("color", DEFAULT_COLOR) != NO_COLOR),
            "notes": sum(1 for h in highlights if h.get("note")),
            "orphans": sum(1 for h in highlights if h.get("orphan")),
            "research_notes": bool(str(data.get("notes", "")).strip()),
        }, ""
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
        return {}, "its notes file cannot be read; it is set aside when the interview opens"


# How far each interview was read, per machine ----------------------------------------------


def read_positions_path(study_folder: Path) -> Path:
    folder = str(Path(os.path.abspath(study_folder)))
    slug = re.sub(r"[^\w.-]+", "-", Path(folder).name).strip("-")[:60] or "study"
    digest = sha256_hex(folder.encode("utf-8"))[:10]
    return data_dir() / "studies" / f"{slug}-{digest}.json"


def load_read_positions(study_folder: Path) -> dict[str, float]:
    """Interview id -> share of its text read (0 to 1); {} when none is stored or the
    file is unreadable (it is only a convenience, rebuilt as the reader reads)."""
    try:
        data = orjson.loads(read_positions_path(study_folder).read_bytes())
        return {
            str(k): min(1.0, max(0.0, float(v)))
            for k, v in data.get("read", {}).items()
            if isinstance(v, int | float) and not isinstance(v, bool)
        }
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return {}


def save_read_positions(study_folder: Path, read: dict[str, float]) -> None:
    data = {"study": str(Path(os.path.abspath(study_folder))), "read": dict(sorted(read.items()))}
    atomic_write(read_positions_path(study_folder), orjson.dumps(data, option=orjson.OPT_INDENT_2))
