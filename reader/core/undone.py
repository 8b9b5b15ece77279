"""Undo field by field: a step of the study's history takes back what it changed, and
only where it is still as the step left it. study.json is merged with another program's
version (a synced copy, a second window) while the history stays, so a field that program
changed since, or one the step never touched, keeps its value; putting the whole thing
back as it was would blank that program's change, unsaid."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields, replace
from typing import Any, TypeVar

Fields = TypeVar("Fields")


def fields_undone(old: Fields, new: Fields, now: Fields, skip: Iterable[str] = ()) -> Fields:
    """`now` with the fields the step from `old` to `new` changed put back as in `old`,
    those still as `new`; `skip` names fields the caller takes back itself."""
    passed = set(skip)
    back = {
        f.name: getattr(old, f.name)
        for f in fields(old)  # type: ignore[arg-type]
        if f.name not in passed
        and getattr(old, f.name) != getattr(new, f.name) == getattr(now, f.name)
    }
    return replace(now, **back)  # type: ignore[type-var]


def entries_undone(
    old: Mapping[str, Any], new: Mapping[str, Any], now: Mapping[str, Any]
) -> dict[str, Any]:
    """`now` with the keys the step from `old` to `new` set, changed or removed put back
    as in `old` (a key it added goes), those still as `new`."""
    back = dict(now)
    for key in old.keys() | new.keys():
        was, became = old.get(key), new.get(key)
        if was != became == now.get(key):
            back.pop(key, None)
            if key in old:
                back[key] = old[key]
    return back
