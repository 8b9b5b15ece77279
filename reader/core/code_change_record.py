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
record of a few hundred bytes costs less than a second study.json."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

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


def write_code_change(path: Path, change: ChangeUnderWay) -> None:
    """The record written, atomically; OSError when it cannot be."""
    data = {
        "codebook": change.codebook.to_json(),
        "mapping": dict(change.mapping),
        "removed": sorted(change.removed),
        "interviews": list(change.interviews),
        "undoing": change.undoing,
    }
    write_record(path, data)


def read_code_change(path: Path) -> ChangeUnderWay | None:
    """The change the record holds; None when there is none (or none that can be read)."""
    data = read_record(path)
    try:
        return ChangeUnderWay(
            Codebook.from_json(data["codebook"]),
            {str(k): str(v) for k, v in data["mapping"].items()},
            frozenset(str(i) for i in data["removed"]),
            tuple(str(i) for i in data["interviews"]),
            bool(data["undoing"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def listed(ids: Iterable[str | None]) -> tuple[str, ...]:
    """The interviews named, each once, in order."""
    return tuple(dict.fromkeys(i for i in ids if i))
