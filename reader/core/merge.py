"""Merging two versions of a notes file (a sync tool, a second machine) without losing either.

A three-way merge against the version both started from (`base`): a change made on only
one side wins; for a highlight changed on both, the later `modified` wins; free-form
notes are merged by lines (`text_merge`): only lines changed on both sides are kept twice.
Without a base (a sync tool's conflict copy) nothing is deleted, only added or updated.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from reader.core.annotations import Highlight
from reader.core.codebook import Codebook
from reader.core.notes_file import NotesData
from reader.core.text_merge import merge_text
from reader.core.wording import counted

V = TypeVar("V")


@dataclass
class MergeResult:
    """Two versions of the notes merged, and what changed."""

    notes: NotesData
    added: list[str] = field(default_factory=list)  # highlight ids
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes_conflicts: int = 0  # regions of the free-form notes kept in both versions
    other_changes: bool = False  # colour labels, speaker names or role corrections

    @property
    def changed(self) -> bool:
        return bool(
            self.added or self.updated or self.removed or self.notes_conflicts or self.other_changes
        )

    def message(self, source: str) -> str:
        parts = [
            f"{counted(len(ids), 'highlight')} {verb}"
            for ids, verb in (
                (self.added, "added"),
                (self.updated, "updated"),
                (self.removed, "removed"),
            )
            if ids
        ]
        if self.notes_conflicts:
            parts.append(
                f"lines changed on both sides kept in both versions, between <<<<<<< and "
                f">>>>>>> in your notes ({counted(self.notes_conflicts, 'place')})"
            )
        if self.other_changes:
            parts.append("colour labels, speakers or paragraph roles updated")
        return f"Merged changes from {source}: " + (", ".join(parts) or "notes updated") + "."


def merge(base: NotesData | None, ours: NotesData, theirs: NotesData, source: str) -> MergeResult:
    """Ours and theirs merged; `source` names theirs in the notes conflict section."""
    result = MergeResult(notes=replace(ours))
    result.notes.highlights = _merge_highlights(base, ours, theirs, result)
    text = merge_text(base and base.notes, ours.notes, theirs.notes, source)
    result.notes.notes, result.notes_conflicts = text.text, text.conflicts
    result.notes.colors = _merge_dict(base and base.colors, ours.colors, theirs.colors)
    result.notes.speakers = _merge_dict(base and base.speakers, ours.speakers, theirs.speakers)
    result.notes.codebook = _merge_codebooks(base, ours, theirs)
    roles = {r.start: r for r in theirs.roles}
    roles.update({r.start: r for r in ours.roles})
    result.notes.roles = sorted(roles.values(), key=lambda r: r.start)
    result.other_changes = (
        result.notes.colors != ours.colors
        or result.notes.codebook != ours.codebook
        or result.notes.speakers != ours.speakers
        or result.notes.roles != sorted(ours.roles, key=lambda r: r.start)
    )
    return result


def _merge_highlights(
    base: NotesData | None, ours: NotesData, theirs: NotesData, result: MergeResult
) -> list[Highlight]:
    old = {h.id: h for h in base.highlights} if base else {}
    mine = {h.id: h for h in ours.highlights}
    other = {h.id: h for h in theirs.highlights}
    merged: dict[str, Highlight] = {}
    for hid in mine.keys() | other.keys():
        a, b, o = mine.get(hid), other.get(hid), old.get(hid)
        if a is not None and b is not None:
            # Changed on one side only: that side's, whatever the clocks say (an import
            # in the same second as an edit here); on both, the later.
            if base is not None and o is not None and (a == o or b == o):
                winner = a if b == o else b
            else:
                winner = b if b.modified > a.modified else a
            if winner is b and b != a:
                result.updated.append(hid)
            merged[hid] = winner
        elif a is not None:  # only ours: new here, or deleted there
            if base is not None and o is not None and o == a:
                result.removed.append(hid)
            else:
                merged[hid] = a
        elif b is not None and (base is None or o is None or b.modified > o.modified):
            # Only theirs: new there, or edited there after we deleted it. (Deleted here
            # and untouched there stays deleted.)
            result.added.append(hid)
            merged[hid] = b
    return sorted(merged.values(), key=lambda h: (h.start, h.end, h.id))


def _merge_codebooks(base: NotesData | None, ours: NotesData, theirs: NotesData) -> Codebook:
    """Codes by id, as colour labels merge: theirs added, theirs changed where ours did not
    change; none removed, so every merged highlight's codes are still there."""

    def by_id(book: Codebook) -> dict[str, dict[str, Any]]:
        return {code.id: code.to_json() for code in book}

    merged = _merge_dict(
        base and by_id(base.codebook), by_id(ours.codebook), by_id(theirs.codebook)
    )
    return Codebook.from_json(list(merged.values()))


def _merge_dict(
    base: dict[str, V] | None, ours: dict[str, V], theirs: dict[str, V]
) -> dict[str, V]:
    merged = dict(ours)
    for key, value in theirs.items():
        if key not in ours or (base is not None and ours[key] == base.get(key)):
            merged[key] = value
    return merged
