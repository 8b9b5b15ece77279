"""The codes a study merged away or deleted, remembered in study.json's settings.

An interview taken out of the study keeps its notes file, and with it the codes its
passages carried then. Added again after a code was merged or deleted, its notes would
bring those codes back into the codebook (code_adoption). With this record they follow
the study instead: a merged code's passages join the code it went into, and a deleted
code comes off its passages, as it came off every other interview's.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, MutableMapping
from typing import Any

RETIRED_SETTING = "retired-codes"  # code id -> the id it was merged into, "" when deleted
DELETED = ""


def retired_codes(settings: Mapping[str, Any]) -> dict[str, str]:
    """The record in the study's `settings` (one written by hand and wrong: what is right)."""
    value = settings.get(RETIRED_SETTING)
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def retire(
    settings: MutableMapping[str, Any], mapping: Mapping[str, str], removed: Iterable[str]
) -> dict[str, str]:
    """Record codes merged (`mapping`: id -> the id merged into) and deleted (`removed`);
    returns the record as it was, for `take_back`."""
    before = retired_codes(settings)
    now = {**before, **mapping, **dict.fromkeys(removed, DELETED)}
    if now != before:
        settings[RETIRED_SETTING] = now
    return before


def take_back(
    settings: MutableMapping[str, Any], before: Mapping[str, str], ids: Iterable[str]
) -> None:
    """Undo of `retire` for the codes `ids`: each as `before` had it (another change
    recorded since, by another window's study.json, stays)."""
    now = retired_codes(settings)
    for code_id in ids:
        if code_id in before:
            now[code_id] = before[code_id]
        else:
            now.pop(code_id, None)
    if now:
        settings[RETIRED_SETTING] = now
    else:
        settings.pop(RETIRED_SETTING, None)


def followed(
    record: Mapping[str, str], live: Container[str]
) -> tuple[dict[str, str], frozenset[str]]:
    """(merged id -> the code it lives on in, deleted ids) for `codebook.recode`: a code
    merged into one merged or deleted since follows that one too. An id `live` in the
    codebook again (a tag's code, whose id its name makes, used again; a code adopted back
    from an interview) is no longer retired, and a chain stops at it."""
    mapping: dict[str, str] = {}
    removed: set[str] = set()
    for code_id in record:
        if code_id in live:
            continue
        seen, current = {code_id}, record[code_id]
        # (`seen`: a loop, written by hand, ends)
        while current in record and current not in seen and current not in live:
            seen.add(current)
            current = record[current]
        if current == DELETED:
            removed.add(code_id)
        else:
            mapping[code_id] = current
    return mapping, frozenset(removed)
