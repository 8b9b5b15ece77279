"""What a study sent as a REFI-QDA project: for each interview, the highlights exported,
the passage of each and the codes on it, so that the project sent back (qdpx_merge) tells
a highlight or a coding deleted here since it was sent (not brought back) from one made
there (added), and a highlight resized here since (the passage that comes back is the
one sent) from one resized there.

Kept in its own file, `.refi-sent.json` in the study folder, not in study.json: a study
of 500 interviews with 200 highlights each sends 100,000 highlights and more codings,
which would make study.json (read, merged and written on every change) megabytes long.
The file is hidden, as the folder scan leaves hidden files out (a visible .json there
would be reported as "skipped" each time the folder is scanned). It holds hashes, not the
ids: for each interview a sorted run of 6-byte hashes, base64, of "highlight:ID" and
"span:ID/START/END" for each highlight sent and "coding:ID/CODE" for each of its codes (8
characters each; with 1,000 of them in an interview, a chance of one in 3·10¹¹ per
look-up that a highlight, passage or coding made there is taken for one sent). A record
written before passages were recorded has none: every passage that differs reads as
resized there, as it did; an older build reading a newer record passes them over.

The last KEPT exports are kept, each with its time, newest last, and a look-up asks all
of them: a file sent before the newest export, coming back after it, still merges right
(a highlight deleted between the two exports was sent in the first). An export that
sends what the newest one sent only updates its time. What a file sent back brings into
an interview with a record joins the newest export's (record_received): the other tool
keeps what it made, so a supervisor's highlight deleted here after the first file came
back does not come again with the second. A study without the file (an older study, one
never exported) has no record: a project merges into it as before.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import NamedTuple

from reader.core.annotations import Highlight
from reader.core.store import atomic_write

SENT_FILE = ".refi-sent.json"
FORMAT = "interview-reader-refi-sent"
VERSION = 1
KEPT = 3  # exports remembered
_HASH_BYTES = 6


@dataclass(frozen=True)
class Sent:
    """What was sent of one interview, in the exports kept."""

    hashes: frozenset[bytes] = frozenset()

    def has(self, highlight_id: str) -> bool:
        """The highlight was sent."""
        return _hash(f"highlight:{highlight_id}") in self.hashes

    def had(self, highlight_id: str, code_id: str) -> bool:
        """The highlight was sent with this code on it."""
        return _hash(f"coding:{highlight_id}/{code_id}") in self.hashes

    def spanned(self, highlight_id: str, start: int, end: int) -> bool:
        """The highlight was sent over this passage (its offsets in the interview's text)."""
        return _hash(f"span:{highlight_id}/{start}/{end}") in self.hashes


NOTHING_SENT = Sent()


def _hash(key: str) -> bytes:
    return sha256(key.encode("utf-8")).digest()[:_HASH_BYTES]


def _keys(highlights: Iterable[Highlight]) -> set[bytes]:
    keys = set()
    for h in highlights:
        keys.add(_hash(f"highlight:{h.id}"))
        keys.add(_hash(f"span:{h.id}/{h.start}/{h.end}"))
        keys.update(_hash(f"coding:{h.id}/{code}") for code in h.codes)
    return keys


def _packed(keys: set[bytes] | frozenset[bytes]) -> str:
    return base64.b64encode(b"".join(sorted(keys))).decode("ascii")


def _unpacked(packed: str) -> frozenset[bytes]:
    raw = base64.b64decode(packed, validate=True)
    return frozenset(raw[i : i + _HASH_BYTES] for i in range(0, len(raw), _HASH_BYTES))


def record_sent(folder: Path, sent: Iterable[tuple[str, Iterable[Highlight]]], when: str) -> None:
    """Remember an export of the study in `folder`: each (interview id, the highlights
    exported) of it, at `when`. OSError when the file cannot be written."""
    exports = [export.record for export in _exports(folder / SENT_FILE)]
    interviews = {interview_id: _packed(_keys(highlights)) for interview_id, highlights in sent}
    if exports and exports[-1].get("interviews") == interviews:
        exports[-1]["time"] = when  # the same as sent last: one export, sent again
    else:
        exports.append({"time": when, "interviews": interviews})
    _write(folder, exports[-KEPT:])


def record_received(folder: Path, came: Mapping[str, Iterable[Highlight]]) -> None:
    """What a project sent back brought of each interview (interview id -> its selections
    as merged) joins what the newest export sent: the study has had it since, so deleted
    here later it does not come back with the next file from there either (the other
    tool keeps it). Written only when it adds to the record. OSError when it cannot be."""
    exports = _exports(folder / SENT_FILE)
    if not exports:
        return
    newest, grown = exports[-1], False
    for interview_id, highlights in came.items():
        had = newest.hashes.get(interview_id, frozenset())
        keys = had | _keys(highlights)
        if keys != had:
            newest.record["interviews"][interview_id], grown = _packed(keys), True
    if grown:
        _write(folder, [export.record for export in exports])


def _write(folder: Path, exports: list[dict]) -> None:
    data = {"format": FORMAT, "version": VERSION, "exports": exports}
    atomic_write(folder / SENT_FILE, json.dumps(data, indent=1).encode("utf-8") + b"\n")


def read_sent(folder: Path) -> dict[str, Sent]:
    """What the study in `folder` sent of each interview (by its id), in the exports
    kept; {} when it has no record, or none this build can read (then a project merges as
    into a study never exported: nothing is lost, a deleted highlight may come back)."""
    by_interview: dict[str, set[bytes]] = {}
    for export in _exports(folder / SENT_FILE):
        for interview_id, hashes in export.hashes.items():
            by_interview.setdefault(interview_id, set()).update(hashes)
    return {key: Sent(frozenset(hashes)) for key, hashes in by_interview.items()}


class _Export(NamedTuple):
    """An export as the file records it, and the hashes it sent, unpacked once."""

    record: dict  # "time", "interviews": interview id -> its hashes packed (_packed)
    hashes: dict[str, frozenset[bytes]]  # interview id -> its hashes


def _exports(path: Path) -> list[_Export]:
    """The exports the file records that can be read, oldest first."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return []
    if data.get("version") != VERSION:  # a newer build's: this one starts a record anew
        return []
    exports = data.get("exports")
    if not isinstance(exports, list):
        return []
    return [export for export in map(_read, exports) if export is not None]


def _read(record: object) -> _Export | None:
    """The export `record` is, None when it cannot be read."""
    if not isinstance(record, dict) or not isinstance(record.get("time"), str):
        return None
    interviews = record.get("interviews")
    if not isinstance(interviews, dict):
        return None
    try:
        hashes = {interview_id: _unpacked(packed) for interview_id, packed in interviews.items()}
    except (TypeError, ValueError):  # not a string, not base64
        return None
    return _Export(record, hashes)
