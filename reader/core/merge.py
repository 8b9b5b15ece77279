"""Merging two versions of a notes file (a sync tool, a second machine) without losing either.

A three-way merge against the version both started from (`base`): a change made on only
one side wins. A highlight changed on both sides is merged a field at a time: each side's
change to a field the other left is kept; where both changed one, its note is merged by
lines as the free-form notes are (`text_merge`: only lines changed on both sides are kept
twice), its codes are both sides' additions less either side's removals, and its colour
and place are the later edit's. Without a base (a sync tool's conflict copy) nothing is
deleted, only added or updated, a highlight in both versions the later one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from reader.core.annotations import Highlight
from reader.core.codebook import Codebook
from reader.core.notes_file import NotesData
from reader.core.text_merge import lines_removed, merge_text
from reader.core.wording import counted

K = TypeVar("K")
V = TypeVar("V")


@dataclass
class MergeResult:
    """Two versions of the notes merged, and what changed."""

    notes: NotesData
    added: list[str] = field(default_factory=list)  # highlight ids
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes_conflicts: int = 0  # regions of the free-form notes kept in both versions
    lines_removed: int = 0  # lines of our free-form notes (not blank) the merge took out
    extra_changed: bool = False  # keys this build does not know (NotesData.extra) came
    note_conflicts: list[str] = field(default_factory=list)  # highlights, their notes so
    other_changes: bool = False  # colour labels, speaker names or role corrections
    recording_changed: bool = False  # attached, replaced or detached there

    @property
    def changed(self) -> bool:
        return bool(
            self.added
            or self.updated
            or self.removed
            or self.notes_conflicts
            or self.lines_removed
            or self.extra_changed
            or self.note_conflicts
            or self.other_changes
            or self.recording_changed
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
        if self.lines_removed:
            parts.append(f"{counted(self.lines_removed, 'line')} of your notes removed")
        if self.notes_conflicts:
            parts.append(
                f"lines changed on both sides kept in both versions, between <<<<<<< and "
                f">>>>>>> in your notes ({counted(self.notes_conflicts, 'place')})"
            )
        if self.note_conflicts:
            parts.append(
                f"the notes of {counted(len(self.note_conflicts), 'highlight')}, changed on "
                "both sides, kept in both versions"
            )
        if self.other_changes:
            parts.append("colour labels, speakers or paragraph roles updated")
        if self.recording_changed:
            parts.append(
                "the recording detached" if self.notes.recording is None else "a recording attached"
            )
        return f"Merged changes from {source}: " + (", ".join(parts) or "notes updated") + "."


def merge(base: NotesData | None, ours: NotesData, theirs: NotesData, source: str) -> MergeResult:
    """Ours and theirs merged; `source` names theirs in the notes conflict section."""
    result = MergeResult(notes=replace(ours))
    result.notes.highlights = _merge_highlights(base, ours, theirs, result, source)
    text = merge_text(base and base.notes, ours.notes, theirs.notes, source)
    result.notes.notes, result.notes_conflicts = text.text, text.conflicts
    result.lines_removed = lines_removed(ours.notes, text.text)
    result.notes.colors = _merge_dict(base and base.colors, ours.colors, theirs.colors)
    result.notes.speakers = _merged_corrections(
        base and base.speakers, ours.speakers, theirs.speakers
    )
    result.notes.sides = _merged_corrections(base and base.sides, ours.sides, theirs.sides)
    result.notes.codebook = _merge_codebooks(base, ours, theirs)
    roles = _merged_corrections(
        base and {r.start: r for r in base.roles},
        {r.start: r for r in ours.roles},
        {r.start: r for r in theirs.roles},
    )
    result.notes.roles = sorted(roles.values(), key=lambda r: r.start)
    result.recording_changed = _merge_recording(base, ours, theirs, result.notes)
    result.notes.extra, result.notes.highlight_extra = _merged_extras(base, ours, theirs)
    result.extra_changed = (result.notes.extra, result.notes.highlight_extra) != (
        ours.extra,
        ours.highlight_extra,
    )
    result.other_changes = (
        result.notes.colors != ours.colors
        or result.notes.codebook != ours.codebook
        or result.notes.speakers != ours.speakers
        or result.notes.sides != ours.sides
        or result.notes.roles != sorted(ours.roles, key=lambda r: r.start)
    )
    return result


def _merge_recording(
    base: NotesData | None, ours: NotesData, theirs: NotesData, merged: NotesData
) -> bool:
    """A recording attached, replaced or detached there only is theirs, in `merged`, with
    their place in it; whether it came. Where it was played to is no change: ours. From a
    conflict copy (no base), only one attached where ours has none and was not detached."""

    def which(notes: NotesData) -> tuple[str | None, bool]:
        return notes.recording and notes.recording.path, notes.recording_detached

    if base is None:
        came = which(ours) == (None, False) and theirs.recording is not None
    else:
        came = which(ours) == which(base) != which(theirs)
    if came:
        merged.recording = theirs.recording
        merged.recording_detached = theirs.recording_detached
    return came


def _merged_extras(
    base: NotesData | None, ours: NotesData, theirs: NotesData
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The keys this build does not know, at the top and on each highlight: ours, with
    what theirs changed or added since `base`. A newer build on another machine that
    wrote them while this window was open lost them at the next save here."""
    was = base.extra if base else {}
    top = {**ours.extra, **{k: v for k, v in theirs.extra.items() if was.get(k) != v}}
    on_highlights = {hid: dict(keys) for hid, keys in ours.highlight_extra.items()}
    was_on = base.highlight_extra if base else {}
    for hid, keys in theirs.highlight_extra.items():
        before = was_on.get(hid, {})
        changed = {k: v for k, v in keys.items() if before.get(k) != v}
        if changed:
            on_highlights[hid] = {**on_highlights.get(hid, {}), **changed}
    return top, on_highlights


def _merge_highlights(
    base: NotesData | None, ours: NotesData, theirs: NotesData, result: MergeResult, source: str
) -> list[Highlight]:
    old = {h.id: h for h in base.highlights} if base else {}
    mine = {h.id: h for h in ours.highlights}
    other = {h.id: h for h in theirs.highlights}
    merged: dict[str, Highlight] = {}
    for hid in mine.keys() | other.keys():
        a, b, o = mine.get(hid), other.get(hid), old.get(hid)
        if a is not None and b is not None:
            # Changed on one side only: that side's, whatever the clocks say (an import
            # in the same second as an edit here); on both, a field at a time.
            if base is None or o is None:
                winner = b if b.modified > a.modified else a
            elif a == o or b == o:
                winner = a if b == o else b
            else:
                winner = _both_changed(o, a, b, source, result)
            if winner != a:
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


def _both_changed(
    base: Highlight, ours: Highlight, theirs: Highlight, source: str, result: MergeResult
) -> Highlight:
    """A highlight changed on both sides since `base`, merged a field at a time."""
    later = theirs if theirs.modified > ours.modified else ours

    def changed(*names: str) -> dict[str, Any]:
        """The fields `names` (one thing together, such as the place) from the side that
        changed them, or the later side if both did."""
        values = [tuple(getattr(h, n) for n in names) for h in (base, ours, theirs)]
        old, mine, other = values
        side = theirs if mine == old else ours if other == old else later
        return {n: getattr(side, n) for n in names}

    note = merge_text(base.note, ours.note, theirs.note, source)
    if note.conflicts:
        result.note_conflicts.append(base.id)
    dropped = {c for c in base.codes if c not in ours.codes or c not in theirs.codes}
    codes = tuple(c for c in dict.fromkeys(ours.codes + theirs.codes) if c not in dropped)
    return replace(
        later,
        **changed("start", "end", "exact", "prefix", "suffix", "orphan"),
        **changed("color"),
        note=note.text,
        codes=codes,
    )


def _merge_codebooks(base: NotesData | None, ours: NotesData, theirs: NotesData) -> Codebook:
    """Codes by id, as colour labels merge: theirs added, theirs changed where ours did not
    change; none removed, so every merged highlight's codes are still there."""

    def by_id(book: Codebook) -> dict[str, dict[str, Any]]:
        return {code.id: code.to_json() for code in book}

    merged = _merge_dict(
        base and by_id(base.codebook), by_id(ours.codebook), by_id(theirs.codebook)
    )
    return Codebook.from_json(list(merged.values()))


def _merged_corrections(
    base: dict[K, V] | None, ours: dict[K, V], theirs: dict[K, V]
) -> dict[K, V]:
    """Speaker names, sides or paragraph roles (by paragraph start): a correction made,
    changed or taken back on one side only is that side's; changed on both, ours. (Ours
    whole, a role corrected on another machine was lost when this one had not touched
    it, and the merge said nothing had come.)"""
    if base is None:  # a conflict copy: nothing is taken back, as with highlights
        return {**theirs, **ours}
    merged = dict(ours)
    for key in base.keys() | theirs.keys():
        if ours.get(key) == base.get(key) != theirs.get(key):  # changed there only
            if key in theirs:
                merged[key] = theirs[key]
            else:
                del merged[key]
    return merged


def _merge_dict(
    base: dict[str, V] | None, ours: dict[str, V], theirs: dict[str, V]
) -> dict[str, V]:
    merged = dict(ours)
    for key, value in theirs.items():
        if key not in ours or (base is not None and ours[key] == base.get(key)):
            merged[key] = value
    return merged
