"""Merging two versions of study.json (a sync tool, a second machine) without losing either.

A three-way merge against the version both started from (`base`, the file as last read or
written): interviews match by id, attribute definitions and values by key, colour labels
and settings by key. A change made on one side only wins. When both sides changed the same
value differently, the choice is deterministic, so two machines merging the same pair
reach the same file: for an interview's fields the side whose entry was modified later,
else (and for everything else) the value whose canonical JSON sorts last; each such case
is reported. An edit beats a deletion. Without a base (a sync tool's conflict copy)
nothing is deleted, only added or updated. Titles one side gave that make two interviews
titled alike are told apart as new interviews' are (study_titles.py): the interview
modified later is numbered ("Night (2)"), reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import orjson

from reader.core.codebook import Codebook
from reader.core.retired_codes import RETIRED_SETTING, retired_codes
from reader.core.study_file import AttributeDef, AttributeValueError, InterviewEntry, StudyData
from reader.core.study_titles import Titles, title_key
from reader.core.wording import counted

T = TypeVar("T")
_MISSING: Any = object()


@dataclass
class StudyMergeResult:
    """Two versions of a study.json merged, and what changed."""

    data: StudyData
    added: list[str] = field(default_factory=list)  # interview ids
    removed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # one line each, for the user
    other_changes: bool = False  # title, attributes, colours, codes, settings or order

    @property
    def changed(self) -> bool:
        return bool(
            self.added or self.removed or self.updated or self.conflicts or self.other_changes
        )

    def message(self, source: str) -> str:
        parts = [
            f"{counted(len(ids), 'interview')} {verb}"
            for ids, verb in (
                (self.added, "added"),
                (self.updated, "updated"),
                (self.removed, "removed"),
            )
            if ids
        ]
        if self.other_changes:
            parts.append("study settings, attributes, colours or codes updated")
        text = f"Merged the study from {source}: " + (", ".join(parts) or "no changes") + "."
        if self.conflicts:
            text += " Changed on both sides: " + "; ".join(self.conflicts) + "."
        return text


def canonical(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _later(ours: Any, theirs: Any) -> bool:
    """The deterministic tie-break: True when `theirs` wins over `ours`."""
    return canonical(theirs) > canonical(ours)


def _pick(base: Any, ours: Any, theirs: Any, theirs_wins: bool) -> tuple[Any, bool]:
    """(merged value, True when both sides changed it differently). _MISSING stands for
    absent; an edit beats a removal, and without a base an absent value never wins."""
    if ours == theirs:
        return ours, False
    if base is not _MISSING:
        if ours == base:
            return theirs, False
        if theirs == base:
            return ours, False
    if ours is _MISSING or theirs is _MISSING:
        return (theirs if ours is _MISSING else ours), False
    return (theirs if theirs_wins else ours), True


def _merge_mapping(
    base: Mapping[str, T] | None,
    ours: Mapping[str, T],
    theirs: Mapping[str, T],
    conflict: Callable[[str, T, T], bool],
) -> dict[str, T]:
    """Key by key; `conflict(key, ours, theirs)` decides a clash (True: theirs wins) and
    reports it. Keys keep our order, then theirs."""
    merged: dict[str, T] = {}
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        b = _MISSING if base is None else base.get(key, _MISSING)
        o, t = ours.get(key, _MISSING), theirs.get(key, _MISSING)
        value, clash = _pick(b, o, t, o is not _MISSING and t is not _MISSING and _later(o, t))
        if clash:
            value = t if conflict(key, o, t) else o
        if value is not _MISSING:
            merged[key] = value
    return merged


def _apart(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The settings but the record of retired codes, which is merged code by code."""
    return {k: v for k, v in settings.items() if k != RETIRED_SETTING}


def merge_studies(
    base: StudyData | None, ours: StudyData, theirs: StudyData, source: str
) -> StudyMergeResult:
    """Ours and theirs merged; `source` names theirs in messages."""
    result = StudyMergeResult(data=ours.copy())
    data = result.data
    reported: list[str] = result.conflicts

    def report(what: str) -> Callable[[str, Any, Any], bool]:
        def decide(key: str, o: Any, t: Any) -> bool:
            wins = _later(o, t)
            reported.append(f"{what} {key!r} kept as {(t if wins else o)!r}")
            return wins

        return decide

    title, clash = _pick(
        _MISSING if base is None else base.title,
        ours.title,
        theirs.title,
        _later(ours.title, theirs.title),
    )
    data.title = title
    if clash:
        reported.append(f"the study's title kept as {title!r}")
    data.colors = _merge_mapping(
        base and base.colors, ours.colors, theirs.colors, report("colour label")
    )
    data.settings = _merge_mapping(
        base and _apart(base.settings),
        _apart(ours.settings),
        _apart(theirs.settings),
        report("setting"),
    )
    # The codes merged away or deleted, code by code: two windows' changes both kept.
    retired = _merge_mapping(
        base and retired_codes(base.settings),
        retired_codes(ours.settings),
        retired_codes(theirs.settings),
        report("merged or deleted code"),
    )
    if retired:
        data.settings[RETIRED_SETTING] = retired
    data.codebook = _merge_codebooks(base, ours, theirs, report("code"), reported)
    data.attributes = _merge_attributes(base, ours, theirs, reported)
    data.interviews = _merge_interviews(base, ours, theirs, result)
    _titles_apart(data, ours, theirs, result)
    _fit_values(data, reported)
    result.other_changes = (
        data.title != ours.title
        or data.colors != ours.colors
        or data.settings != ours.settings
        or data.codebook != ours.codebook
        or data.attributes != ours.attributes
        or [e.id for e in data.interviews if e.id not in result.added]
        != [e.id for e in ours.interviews if e.id not in result.removed]
    )
    return result


def _merge_codebooks(
    base: StudyData | None,
    ours: StudyData,
    theirs: StudyData,
    conflict: Callable[[str, Any, Any], bool],
    reported: list[str],
) -> Codebook:
    """Codes by id, each code's fields as one value (an edit beats a removal); the order is
    merged as the interviews' is: ours, or theirs when only they moved codes among their
    siblings, each side's new codes where that side put them (ours whole, a code moved up
    on the other machine went back down, and one made there at the top went to the end).
    A parent removed on one side lifts its children to the top (Codebook.from_json repairs
    it). A code each side made under one name, in one place, stays two codes, theirs
    numbered ("Trust (2)") and reported, so that lists naming codes tell them apart and
    each keeps its passages."""

    def by_id(book: Codebook) -> dict[str, dict[str, Any]]:
        return {c.id: c.to_json() for c in book}

    mine, other = by_id(ours.codebook), by_id(theirs.codebook)
    merged = _merge_mapping(base and by_id(base.codebook), mine, other, conflict)
    order = _merge_order(
        None if base is None else [c.id for c in base.codebook],
        list(mine),
        list(other),
        set(merged),
    )
    book = Codebook.from_json([merged[code_id] for code_id in order])
    reported.extend(f"a code made on both sides numbered {path!r}" for path in book.named_apart())
    return book


def _merge_attributes(
    base: StudyData | None, ours: StudyData, theirs: StudyData, reported: list[str]
) -> list[AttributeDef]:
    def as_json(defs: list[AttributeDef]) -> dict[str, dict[str, Any]]:
        return {d.key: d.to_json() | {"options": list(d.options)} for d in defs}

    old = None if base is None else as_json(base.attributes)
    mine, other = as_json(ours.attributes), as_json(theirs.attributes)
    merged: dict[str, dict[str, Any]] = {}
    for key in [*mine, *(k for k in other if k not in mine)]:
        b = _MISSING if old is None else old.get(key, _MISSING)
        o, t = mine.get(key, _MISSING), other.get(key, _MISSING)
        value, clash = _pick(b, o, t, False)
        if clash:  # changed on both sides: field by field
            fields = _merge_mapping(
                None if b is _MISSING else b,
                o,
                t,
                _field_report(reported, f"attribute {o['label']!r}"),
            )
            fields["options"] = list(dict.fromkeys([*o["options"], *t["options"]]))
            if b is not _MISSING:  # an option removed on one side and kept on the other goes
                gone = (set(b["options"]) - set(o["options"])) | (
                    set(b["options"]) - set(t["options"])
                )
                fields["options"] = [x for x in fields["options"] if x not in gone]
            value = fields
        if value is not _MISSING:
            merged[key] = value
    # Order: ours, with theirs' new definitions after their predecessor.
    order = _merge_order(
        None if base is None else [d.key for d in base.attributes],
        list(mine),
        list(other),
        set(merged),
    )
    return [AttributeDef.from_json(merged[key]) for key in order]


def _field_report(reported: list[str], what: str) -> Callable[[str, Any, Any], bool]:
    def decide(key: str, o: Any, t: Any) -> bool:
        wins = _later(o, t)
        if key != "options":
            reported.append(f"{what}: {key} kept as {(t if wins else o)!r}")
        return wins

    return decide


def _merge_interviews(
    base: StudyData | None, ours: StudyData, theirs: StudyData, result: StudyMergeResult
) -> list[InterviewEntry]:
    old = {} if base is None else {e.id: e for e in base.interviews}
    mine = {e.id: e for e in ours.interviews}
    other = {e.id: e for e in theirs.interviews}
    merged: dict[str, InterviewEntry] = {}
    for iid in [*mine, *(k for k in other if k not in mine)]:
        a, b, o = mine.get(iid), other.get(iid), old.get(iid)
        if a is not None and b is not None:
            entry = _merge_entry(o, a, b, result.conflicts)
            if entry != a:
                result.updated.append(iid)
            merged[iid] = entry
        elif a is not None:  # only ours: new here, or removed there
            if base is not None and o is not None and o == a:
                result.removed.append(iid)
            else:
                merged[iid] = a
        elif b is not None and (base is None or o is None or b != o):
            # Only theirs: new there, or changed there after we removed it.
            result.added.append(iid)
            merged[iid] = b
    order = _merge_order(
        None if base is None else [e.id for e in base.interviews],
        list(mine),
        list(other),
        set(merged),
    )
    return [merged[iid] for iid in order]


def _merge_entry(
    base: InterviewEntry | None, ours: InterviewEntry, theirs: InterviewEntry, reported: list[str]
) -> InterviewEntry:
    """Field by field; a clash goes to the side modified later (then canonical JSON)."""
    if ours == theirs:
        return ours
    theirs_wins = (theirs.modified, canonical(theirs.to_json({}))) > (
        ours.modified,
        canonical(ours.to_json({})),
    )
    changes: dict[str, Any] = {}
    for name in ("path", "title", "participant", "date"):
        b = _MISSING if base is None else getattr(base, name)
        value, clash = _pick(b, getattr(ours, name), getattr(theirs, name), theirs_wins)
        changes[name] = value
        if clash:
            reported.append(f"{name} of “{ours.title}” kept as {value!r}")

    def decide(key: str, o: Any, t: Any) -> bool:
        reported.append(f"{key} of “{ours.title}” kept as {(t if theirs_wins else o)!r}")
        return theirs_wins

    changes["attributes"] = _merge_mapping(
        None if base is None else base.attributes, ours.attributes, theirs.attributes, decide
    )
    changes["added"] = min(filter(None, (ours.added, theirs.added)), default="")
    changes["modified"] = max(ours.modified, theirs.modified)
    return replace(ours, **changes)


def _titles_apart(
    data: StudyData, ours: StudyData, theirs: StudyData, result: StudyMergeResult
) -> None:
    """Interviews titled alike (this machine renamed one "Night", another machine another
    "night") where a side's title came with the merge: the one modified first (then by
    id, alike on every machine) keeps it, the others are numbered. Titles alike on both
    sides already are left as they are."""
    sides = [{e.id: e.title for e in side.interviews} for side in (ours, theirs)]
    where = {e.id: index for index, e in enumerate(data.interviews)}
    alike: dict[str, list[InterviewEntry]] = defaultdict(list)
    for entry in data.interviews:
        alike[title_key(entry.title)].append(entry)
    titles: Titles | None = None  # made when needed: two alike are rare
    for group in alike.values():
        if len(group) < 2 or all(side.get(e.id) == e.title for e in group for side in sides):
            continue
        titles = titles or Titles.of((e.title, e.path) for e in data.interviews)
        keeper, *later = sorted(group, key=lambda e: (e.modified, e.id))
        for entry in later:
            title = titles.free(entry.title)
            data.interviews[where[entry.id]] = replace(entry, title=title)
            said = f"title of “{entry.title}” kept as {title!r}: “{keeper.title}” has it"
            result.conflicts.append(said)
            if entry.id not in (*result.added, *result.updated):
                result.updated.append(entry.id)


def _merge_order(
    base: list[str] | None, ours: list[str], theirs: list[str], keep: set[str]
) -> list[str]:
    """Our order, or theirs when only they reordered; items only the other order has go
    after the item they follow there."""

    def common(order: list[str]) -> list[str]:
        return [k for k in order if base is None or k in base]

    reordered_here = base is None or common(ours) != [k for k in base if k in ours]
    first, second = (ours, theirs) if reordered_here else (theirs, ours)
    order = [k for k in first if k in keep]
    for index, key in enumerate(second):
        if key in keep and key not in order:
            before = next((k for k in reversed(second[:index]) if k in order), None)
            order.insert(0 if before is None else order.index(before) + 1, key)
    return order


def _fit_values(data: StudyData, reported: list[str]) -> None:
    """After the merge every value must fit its definition: values of removed attributes
    go; a choice gains an option a value needs; a value that fits no more is reported."""
    definitions = {d.key: d for d in data.attributes}
    for index, entry in enumerate(data.interviews):
        attributes: dict[str, Any] = {}
        for key, value in entry.attributes.items():
            definition = definitions.get(key)
            if definition is None:
                continue
            if definition.type == "choice" and value not in definition.options:
                definition = replace(definition, options=(*definition.options, str(value)))
                definitions[key] = definition
            try:
                attributes[key] = definition.check(value)
            except AttributeValueError:
                reported.append(f"{definition.label} of “{entry.title}” ({value!r}) dropped")
        if attributes != entry.attributes:
            data.interviews[index] = replace(entry, attributes=attributes)
    data.attributes = [definitions[d.key] for d in data.attributes]
