"""A speaker renamed across a study (Rename in Study…): each interview's speaker
corrections, before and after, and the record kept beside study.json while it is written.

The app stopped between the interviews' notes files (killed, a power cut) left the speaker
renamed in some interviews and not in others, the participants that were the name as they
were, and the memo's chips as they were. The record is written before the first notes file
and dropped once the open interview's notes and the memo are written too (their savers'),
after study.json. Opening the study with a record finishes the rename in the direction it
was going (each correction holds its before and after, so an undo is finished as a rename
is): the notes files, the participants, the memo's chips.

A rename made while an earlier one is unfinished (its open interview's notes could not be
written, or finishing failed at an opening) joins the record after it (`{"renames": [...]}`;
a record of one, as written before, reads as a list of one): each is finished in turn, and
goes from the record once its files are all written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.chip_relabel import Edit, Renamed, rename_edits, renamed_quotes
from reader.core.interview import Role
from reader.core.session import Session
from reader.core.study_memo import interview_place
from reader.core.under_way import read_record, record_path, write_record

RECORD_SUFFIX = "speaker-rename"  # study.json.speaker-rename, beside it
Corrections = tuple[dict[str, str], dict[Any, Any]]  # Session.speaker_corrections()


@dataclass(frozen=True)
class SpeakerCorrection:
    """One interview's speaker corrections from `was` to `now` (a speaker renamed across
    the study), and its transcript's meta, for a notes file not written yet; `quotes`,
    its passages quoted whose chips the rename relabels (chip_relabel.renamed_quotes)."""

    interview_id: str
    document: dict[str, Any]
    was: Corrections
    now: Corrections
    quotes: Renamed = field(default_factory=dict)

    @classmethod
    def of(
        cls, interview_id: str, session: Session, shown: str, new: str, quoted: Set[str]
    ) -> SpeakerCorrection:
        """The speaker shown as `shown` in `session` called `new`, the chips of the passages
        `quoted` (in its notes or the memo) relabelled."""
        now = session.speakers_renamed(shown, new)
        quotes = renamed_quotes(session, now, quoted)
        return cls(
            interview_id, session.document.meta(), session.speaker_corrections(), now, quotes
        )


@dataclass(frozen=True)
class RenameUnderWay:
    """A speaker renamed across the study being written: from `old` to `new` (`back`: its
    undo, from `new` to `old`), and each interview's speaker corrections; `own`, the open
    interview's id, whose notes its window writes ("": none)."""

    changes: list[SpeakerCorrection]
    old: str
    new: str
    back: bool = False
    key: str = ""  # the rename's, within the record
    own: str = ""

    def names(self) -> tuple[str, str]:
        """The name renamed, and what it becomes, in this direction."""
        return (self.new, self.old) if self.back else (self.old, self.new)

    def said(self) -> str:
        """What the user is told once it is finished."""
        was, now = self.names()
        return (
            f"The app was stopped while it renamed “{was}” to “{now}” in the study's "
            "interviews: that is finished now, in every interview."
        )


def memo_edits(
    memo: str, changes: list[SpeakerCorrection], back: bool, titles: Mapping[str, str]
) -> list[Edit]:
    """The study memo's chips of the passages the rename relabels (each interview's, its
    label beginning with its title: `titles` by interview id), relabelled after it
    (`back`: before it again); in order."""
    return sorted(
        edit
        for change in changes
        if change.interview_id in titles
        for edit in rename_edits(
            memo,
            change.quotes,
            back,
            interview_place(change.interview_id),
            titles[change.interview_id],
        )
    )


def rename_path(study_file: Path) -> Path:
    return record_path(study_file, RECORD_SUFFIX)


def write_renames(path: Path, renames: Sequence[RenameUnderWay]) -> None:
    """The record of `renames`, in order, written atomically; OSError when it cannot be."""
    write_record(path, {"renames": [_entry(rename) for rename in renames]})


def _entry(rename: RenameUnderWay) -> dict[str, Any]:
    changes = [
        {
            "interview": c.interview_id,
            "document": c.document,
            "was": list(c.was),
            "now": list(c.now),
            "quotes": {i: [list(before), list(after)] for i, (before, after) in c.quotes.items()},
        }
        for c in rename.changes
    ]
    return {
        "old": rename.old,
        "new": rename.new,
        "back": rename.back,
        "key": rename.key,
        "own": rename.own,
        "changes": changes,
    }


def read_renames(path: Path) -> list[RenameUnderWay]:
    """The renames the record holds, in the order made; none when there is no record (or
    none that can be read)."""
    data = read_record(path)
    try:
        return [_rename(entry) for entry in data.get("renames", [data])]  # one: as once written
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return []


def _rename(data: Mapping[str, Any]) -> RenameUnderWay:
    changes = [
        SpeakerCorrection(
            str(c["interview"]),
            dict(c["document"]),
            _corrections(c["was"]),
            _corrections(c["now"]),
            {str(i): (_said(pair[0]), _said(pair[1])) for i, pair in c["quotes"].items()},
        )
        for c in data["changes"]
    ]
    return RenameUnderWay(
        changes,
        str(data["old"]),
        str(data["new"]),
        bool(data["back"]),
        str(data.get("key", "")),
        str(data.get("own", "")),
    )


def _corrections(pair: list[Any]) -> Corrections:
    names, sides = pair
    return {str(k): str(v) for k, v in names.items()}, {str(k): Role(v) for k, v in sides.items()}


def _said(pair: list[Any]) -> tuple[str, str]:
    said_by, where = pair
    return str(said_by), str(where)
