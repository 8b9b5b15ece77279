"""What a study sent as a REFI-QDA project: for each interview, the highlights exported,
the passage of each and the codes on it, and its participant and attribute values, so
that the project sent back (qdpx_merge) tells a highlight or a coding deleted here since
it was sent (not brought back) from one made there (added), a highlight resized here
since (the passage that comes back is the one sent) from one resized there, and a value
cleared here since it was sent (not filled in again) from one given there (filled in).

Kept in its own file, `.refi-sent.json` in the study folder, not in study.json: a study
of 500 interviews with 200 highlights each sends 100,000 highlights and more codings,
which would make study.json (read, merged and written on every change) megabytes long.
The file is hidden, as the folder scan leaves hidden files out (a visible .json there
would be reported as "skipped" each time the folder is scanned). It holds hashes, not the
ids: for each interview a sorted run of 6-byte hashes, base64, of "highlight:ID",
"span:ID/START/END" and "passage:START/END" for each highlight sent, "coding:ID/CODE" and
"passage-coding:START/END/CODE" for each of its codes (8 characters each; with 1,000 of
them in an interview, a chance of one in 3·10¹¹ per look-up that a highlight, passage or
coding made there is taken for one sent), and "participant:NAME" and "value:KEY/VALUE"
(VALUE in JSON, as study.json has it) for what it was sent with. The passage keys, without
the id, know a highlight that comes back under a GUID of its own (NVivo and some ATLAS.ti
versions make the selections' GUIDs anew). A run whose highlights were each sent over
one passage also holds "one-span-each:N", N the number of hashes in the run with it: a
highlight here that each export sending it sent over its passage here was not resized
here since, and a merge looks for the highlight sent over a passage deleted here among
the others only (Sent.maybe_resized), not among all the interview's highlights for each
such passage. A run an older build has added to (record_received) no longer holds N
hashes, so it is not taken as marked; one that took back a highlight over a passage
other than the one it was sent over is not marked. Each kind of key came with a build of
its own, all in version 1 of the file: a record written before passages, values, passages
without ids, or the mark were recorded has none: every passage that differs reads as
resized there, every value empty here is filled in from the file, a highlight deleted
here that comes back under a new GUID is added, and one sent over a passage deleted here
is looked for among all the highlights, as they did; an older build reading a newer
record passes the keys it does not know over.

An export is recorded once its file is written (Sending.record), never before: a file
not written (the save dialog cancelled, a full disk) sent nothing, and a highlight it
would have carried, deleted here later, must come back from the file that did go. A study's
export records each of its interviews; one interview of the study exported alone records
that one (an interview opened alone has no study to keep a record in: a project comes
back into a study, and no study sent it).

Each interview's last KEPT exports are kept (an export is dropped once each interview it
sent has been sent KEPT times since, so exporting one interview alone again and again
does not push out the study's export), each with its time, newest last, and a look-up
asks all of them: a file sent before the newest export, coming back after it, still
merges right (a highlight deleted between the two exports was sent in the first). An
export that sends what the newest one sent only updates its time. What a file sent back brings into
an interview with a record joins the newest export's (record_received): the other tool
keeps what it made, so a supervisor's highlight deleted here after the first file came
back does not come again with the second, and what a project brings into interviews it
makes is recorded as sent (the record begins so in a study never exported). A study
without the file (an older study, one never exported) has no record: a project merges
into it as before.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from hashlib import sha256
from pathlib import Path
from typing import NamedTuple

from filelock import FileLock

from reader.core.annotations import Highlight, now_iso
from reader.core.store import atomic_write
from reader.core.study_file import AttributeValue

SENT_FILE = ".refi-sent.json"
LOCK_FILE = f"{SENT_FILE}.lock"  # hidden too; left in place, as lock files of its kind are
LOCK_WAIT = 10.0  # seconds: another export's write takes milliseconds
FORMAT = "interview-reader-refi-sent"
VERSION = 1
KEPT = 3  # exports remembered of each interview
_HASH_BYTES = 6


@dataclass(frozen=True)
class Carried:
    """What a project carries of one interview, sent or brought back: its highlights, its
    participant ("" for none) and its attribute values (key -> value as stored)."""

    highlights: tuple[Highlight, ...] = ()
    participant: str = ""
    attributes: Mapping[str, AttributeValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Sent:
    """What was sent of one interview, in the exports kept."""

    hashes: frozenset[bytes] = frozenset()
    # Each export's run (_packed), when `hashes` joins more than one: unpacked only when
    # asked which highlights may have been resized (maybe_resized), once.
    exports: tuple[str, ...] = ()

    def has(self, highlight_id: str) -> bool:
        """The highlight was sent."""
        return _hash(f"highlight:{highlight_id}") in self.hashes

    def had(self, highlight_id: str, code_id: str) -> bool:
        """The highlight was sent with this code on it."""
        return _hash(f"coding:{highlight_id}/{code_id}") in self.hashes

    def spanned(self, highlight_id: str, start: int, end: int) -> bool:
        """The highlight was sent over this passage (its offsets in the interview's text)."""
        return _hash(f"span:{highlight_id}/{start}/{end}") in self.hashes

    def sent_over(self, start: int, end: int, codes: Iterable[str] = ()) -> bool:
        """A highlight, whatever its id, was sent over this passage, and each of `codes`
        on one sent over it: a selection that comes back with a GUID of its own may be
        ours (NVivo and some ATLAS.ti versions give selections new GUIDs)."""
        return _hash(f"passage:{start}/{end}") in self.hashes and all(
            _hash(f"passage-coding:{start}/{end}/{code}") in self.hashes for code in codes
        )

    def maybe_resized(self, highlights: Iterable[Highlight]) -> list[Highlight]:
        """Those of `highlights` (an interview's here) that may have been sent over a
        passage other than theirs here (resized here since it was sent): the others were
        sent over theirs by each export that sent them, one marked as sending each of its
        highlights over one passage (_keys); in an export not marked, any it sent may
        have been. The highlight sent over a passage is one of `over` it or of these."""
        found = []
        for h in highlights:
            sent, spanned = _hash(f"highlight:{h.id}"), _hash(f"span:{h.id}/{h.start}/{h.end}")
            if any(sent in run and not (marked and spanned in run) for run, marked in self._runs):
                found.append(h)
        return found

    @cached_property
    def _runs(self) -> list[tuple[frozenset[bytes], bool]]:
        """Each export's run, and whether it is marked (_keys)."""
        runs = [_unpacked(packed) for packed in self.exports] or [self.hashes]
        return [(run, _marked(run)) for run in runs]

    def named(self, participant: str) -> bool:
        """The interview was sent as this participant's."""
        return _hash(f"participant:{participant}") in self.hashes

    def gave(self, key: str, value: AttributeValue) -> bool:
        """The interview was sent with this value of the attribute `key`."""
        return _hash(_value_key(key, value)) in self.hashes


NOTHING_SENT = Sent()


def _hash(key: str) -> bytes:
    return sha256(key.encode("utf-8")).digest()[:_HASH_BYTES]


def _value_key(key: str, value: AttributeValue) -> str:
    return f"value:{key}/{json.dumps(value, ensure_ascii=False)}"


def _one_span_each(count: int) -> bytes:
    """The mark of a run of `count` hashes (itself counted) whose highlights were each sent
    over one passage."""
    return _hash(f"one-span-each:{count}")


def _marked(run: frozenset[bytes] | set[bytes]) -> bool:
    return _one_span_each(len(run)) in run


def _keys(carried: Carried, had: frozenset[bytes] = frozenset()) -> set[bytes]:
    """The run that records `carried`, joined to `had` (an export's, when what came back
    joins it), marked when each highlight in it was sent over one passage."""
    keys = set(had)
    keys.discard(_one_span_each(len(had)))
    before = Sent(had)
    one_each = not had or _marked(had)
    spans: dict[str, tuple[int, int]] = {}
    for h in carried.highlights:
        span = spans.setdefault(h.id, (h.start, h.end))
        if span != (h.start, h.end) or (before.has(h.id) and not before.spanned(h.id, *span)):
            one_each = False
        keys.add(_hash(f"highlight:{h.id}"))
        keys.add(_hash(f"span:{h.id}/{h.start}/{h.end}"))
        keys.add(_hash(f"passage:{h.start}/{h.end}"))
        keys.update(_hash(f"coding:{h.id}/{code}") for code in h.codes)
        keys.update(_hash(f"passage-coding:{h.start}/{h.end}/{code}") for code in h.codes)
    if carried.participant:
        keys.add(_hash(f"participant:{carried.participant}"))
    keys.update(_hash(_value_key(k, v)) for k, v in carried.attributes.items())
    if one_each:
        keys.add(_one_span_each(len(keys) + 1))
    return keys


def _packed(keys: set[bytes] | frozenset[bytes]) -> str:
    return base64.b64encode(b"".join(sorted(keys))).decode("ascii")


def _unpacked(packed: str) -> frozenset[bytes]:
    raw = base64.b64decode(packed, validate=True)
    return frozenset(raw[i : i + _HASH_BYTES] for i in range(0, len(raw), _HASH_BYTES))


@dataclass(frozen=True)
class Sending:
    """What a .qdpx export sends: each (interview id, what it carries of it), to be
    recorded in the study in `folder` once the file is written. `folder` None: there is
    nowhere to record it (an interview opened alone, a study that cannot be written)."""

    folder: Path | None = None
    interviews: tuple[tuple[str, Carried], ...] = ()

    def record(self) -> str:
        """Recorded now (record_sent): "" when done or there is nowhere to, else what
        was not, a line for the export's report."""
        if self.folder is None:
            return ""
        try:
            record_sent(self.folder, self.interviews, now_iso())
        except OSError as exc:
            return (  # the folder, not the temporary file that failed, is the user's
                f"what was sent is not recorded ({SENT_FILE} in {self.folder}: "
                f"{exc.strerror or exc}): highlights deleted here may come back with the "
                "project sent back"
            )
        return ""


def record_sent(folder: Path, sent: Iterable[tuple[str, Carried]], when: str) -> None:
    """Remember an export of the study in `folder`: each (interview id, what it carried of
    it), at `when`. OSError when the file cannot be written."""
    interviews = {interview_id: _packed(_keys(carried)) for interview_id, carried in sent}
    with _one_at_a_time(folder):
        exports = [export.record for export in _exports(folder / SENT_FILE)]
        if exports and exports[-1].get("interviews") == interviews:
            exports[-1]["time"] = when  # the same as sent last: one export, sent again
        else:
            exports.append({"time": when, "interviews": interviews})
        _write(folder, _kept(exports))


def _one_at_a_time(folder: Path) -> FileLock:
    """Held while the record is read, changed and written: two exports at once (two
    windows, the command line) each added theirs to the record as read, and the second
    write lost the first's. TimeoutError (an OSError) when another holds it too long."""
    return FileLock(folder / LOCK_FILE, timeout=LOCK_WAIT)


def _kept(exports: list[dict]) -> list[dict]:
    """The exports still asked, oldest first: the newest, and each that holds one of an
    interview's last KEPT exports."""
    sent_since: dict[str, int] = {}  # interview id -> its exports newer than the one looked at
    kept = []
    for index, export in enumerate(reversed(exports)):
        ids = export["interviews"]
        if index == 0 or any(sent_since.get(i, 0) < KEPT for i in ids):
            kept.append(export)
        for i in ids:
            sent_since[i] = sent_since.get(i, 0) + 1
    return kept[::-1]


def record_received(
    folder: Path, came: Mapping[str, Carried], made: Mapping[str, Carried] | None = None
) -> None:
    """What a project sent back brought of each interview (interview id -> its selections
    as merged, the values it has as the interview has them) joins what the newest export
    sent: the study has had it since, so deleted (or cleared) here later it does not come
    back with the next file from there either (the other tool keeps it). `made`: the same
    of the interviews the project made, recorded in a study never exported too (a project
    begun in another tool). Written only when it adds to the record. OSError when it
    cannot be."""
    if not made and not (folder / SENT_FILE).exists():
        return  # never exported: no record to add to (nor a lock to leave)
    with _one_at_a_time(folder):
        exports = _exports(folder / SENT_FILE)
        if not exports and not made:
            return
        exports = exports or [_Export({"time": now_iso(), "interviews": {}}, {})]
        newest, grown = exports[-1], False
        for interview_id, carried in {**came, **(made or {})}.items():
            had = newest.hashes.get(interview_id, frozenset())
            keys = _keys(carried, had)
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
    runs: dict[str, list[str]] = {}
    for export in _exports(folder / SENT_FILE):
        for interview_id, hashes in export.hashes.items():
            by_interview.setdefault(interview_id, set()).update(hashes)
            runs.setdefault(interview_id, []).append(export.record["interviews"][interview_id])
    return {
        key: Sent(frozenset(hashes), tuple(runs[key]) if len(runs[key]) > 1 else ())
        for key, hashes in by_interview.items()
    }


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
