"""A code merge or deletion across a study, or its undo, recorded beside study.json while
its notes files are written. The app stopped between them (killed, a power cut) left the
merged-away code in the codebook with no passages, or passages on a code study.json no
longer has.

The record is written before the first notes file and taken away once study.json holds the
change (Study.save). Opening the study with a record finishes the change: the codebook as
the change left it, the interviews it names recoded as the others were. Always forward
(codes merged or deleted): the notes files an undo wrote cannot be taken back to the merge
without the undo history the killed app lost, but they can be recoded forward again; so a
killed merge or deletion is finished, and a killed undo of one leaves it whole.

Its own small file rather than study.json written first: saving study.json merges what
another program wrote there (Study.save), which a change half written should not do, and a
record of a few hundred bytes costs less than a second study.json.

A change made while an earlier one is still unfinished (the open interview's notes could
not be written, or finishing failed at an opening) joins the record after it: the record
holds the changes in the order made (`{"changes": [...]}`; a record of one change, as
written before, reads as a list of one), and finishing takes them together (`composed`),
so that a code merged into one deleted since goes as the deletion took the others."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.codebook import Codebook
from reader.core.under_way import read_record, record_path, write_record

RECORD_SUFFIX = "code-change"  # study.json.code-change, beside it


@dataclass(frozen=True)
class ChangeUnderWay:
    """A code change being written: the codebook it leaves, its merged codes (id -> the
    id merged into) and deleted ones, the interviews whose notes it rewrites, and whether
    it is the undo of that change (finished, it is the change itself again)."""

    codebook: Codebook
    mapping: Mapping[str, str]
    removed: frozenset[str]
    interviews: tuple[str, ...]
    undoing: bool = False
    key: str = ""  # the change's, within the record (its undo names it)
    # study.json was written with the change made: its codebook holds it, where the
    # codebook here is only what the change left (the app stopped before that save).
    saved: bool = False
    # The study's codebook as finishing the change first failed (a full disk as the study
    # opened): a code edited since (renamed, recoloured) keeps its edit once it is finished,
    # at a later opening too. None until then.
    found: Codebook | None = None

    def said(self) -> str:
        """What the user is told once it is finished."""
        what = "merge of codes" if self.mapping else "deletion of codes"
        everywhere = "in the codebook and in every interview's notes"
        if self.undoing:
            done = "stay merged" if self.mapping else "stay deleted"
            return f"The app was stopped while it undid a {what}: the codes {done}, {everywhere}."
        verb, noun = ("merged", "merge") if self.mapping else ("deleted", "deletion")
        return (
            f"The app was stopped while it {verb} codes: the {noun} is finished now, {everywhere}."
        )


def code_change_path(study_file: Path) -> Path:
    return record_path(study_file, RECORD_SUFFIX)


def write_code_changes(path: Path, changes: Sequence[ChangeUnderWay]) -> None:
    """The record of `changes`, in order, written atomically; OSError when it cannot be."""
    entries = [
        {
            "codebook": change.codebook.to_json(),
            "mapping": dict(change.mapping),
            "removed": sorted(change.removed),
            "interviews": list(change.interviews),
            "undoing": change.undoing,
            "key": change.key,
            "saved": change.saved,
            "found": change.found.to_json() if change.found is not None else None,
        }
        for change in changes
    ]
    write_record(path, {"changes": entries})


def read_code_changes(path: Path) -> list[ChangeUnderWay]:
    """The changes the record holds, in the order made; none when there is no record (or
    none that can be read)."""
    data = read_record(path)
    try:
        entries = data.get("changes", [data])  # one, as once written
        return [_change(entry) for entry in entries]
    except (ValueError, KeyError, TypeError, AttributeError):
        return []


def _change(entry: Mapping[str, Any]) -> ChangeUnderWay:
    return ChangeUnderWay(
        Codebook.from_json(entry["codebook"]),
        {str(k): str(v) for k, v in entry["mapping"].items()},
        frozenset(str(i) for i in entry["removed"]),
        tuple(str(i) for i in entry["interviews"]),
        bool(entry["undoing"]),
        str(entry.get("key", "")),
        bool(entry.get("saved", False)),
        Codebook.from_json(found) if (found := entry.get("found")) else None,
    )


def composed(changes: Sequence[ChangeUnderWay]) -> tuple[dict[str, str], frozenset[str]]:
    """What `changes` do together, in order, to each code: merged (id -> the id it ends
    in) or deleted. An undo finished is its change again (see above). A code merged into
    one a later change deleted is deleted, as that deletion took the codes merged before."""
    mapping: dict[str, str] = {}
    removed: set[str] = set()
    for change in changes:
        for code_id, into in list(mapping.items()):
            if into in change.removed:
                del mapping[code_id]
                removed.add(code_id)
            else:
                mapping[code_id] = change.mapping.get(into, into)
        mapping.update(change.mapping)
        removed |= change.removed
    return mapping, frozenset(removed)


def said_of(changes: Sequence[ChangeUnderWay]) -> str:
    """What the user is told once `changes` are finished."""
    if len(changes) == 1:
        return changes[0].said()
    return (
        f"The app was stopped before {len(changes)} changes to the codes reached every "
        "interview's notes: they are finished now, in the order they were made, in the "
        "codebook and in every interview's notes."
    )


def listed(ids: Iterable[str | None]) -> tuple[str, ...]:
    """The interviews named, each once, in order."""
    return tuple(dict.fromkeys(i for i in ids if i))
