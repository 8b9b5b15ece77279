"""The items of an attribute list (attribute_filter.py) and what they hold: one value
("Role", "nurse") or a combination of them from "Several values…" (several_values.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

SEVERAL = "\0several"  # the data of "Several values…"

Pair = tuple[str, Any]  # (attribute key, value): one item's data


def offered_pairs(combo: QComboBox) -> dict[Pair, str]:
    """The single values the list offers, with their labels ("Role: nurse"); not Coded
    Passages' one interview ("\0interview", id), which combines with nothing."""
    found = {}
    for i in range(combo.count()):
        data = combo.itemData(i)
        if is_pair(data) and not data[0].startswith("\0"):
            found[data] = combo.itemText(i)
    return found


def combination_label(combo: QComboBox, pairs: tuple[Pair, ...]) -> str:
    """The label of a combination, from those of its single values: "Role: nurse,
    doctor · Site: A"."""
    labels = offered_pairs(combo)
    by_attribute: dict[str, list[str]] = {}
    for pair in pairs:
        name, _, value = labels[pair].partition(": ")
        by_attribute.setdefault(name, []).append(value)
    return " · ".join(f"{name}: {', '.join(values)}" for name, values in by_attribute.items())


def index_of(combo: QComboBox, data: object) -> int:
    """The item holding `data`, else the first (all). Compared here: findData finds a
    tuple only as the very object the item holds, and a list filled again holds new ones.
    A combination (as stored: lists for tuples) is made again while its values are all
    offered."""
    data = _as_tuples(data)
    found = next((i for i in range(combo.count()) if combo.itemData(i) == data), None)
    if found is not None:
        return found
    offered = offered_pairs(combo)
    if is_combination(data) and all(pair in offered for pair in data):
        return add_combination(combo, data)
    return 0


def add_combination(combo: QComboBox, pairs: tuple[Pair, ...]) -> int:
    """The item of `pairs`, put before "Several values…"; its index."""
    at = next((i for i in range(combo.count()) if combo.itemData(i) == SEVERAL), combo.count())
    combo.insertItem(at, combination_label(combo, pairs), pairs)
    return at


def _as_tuples(data: object) -> object:
    return tuple(_as_tuples(x) for x in data) if isinstance(data, list | tuple) else data


def is_pair(data: object) -> bool:
    return isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], str)


def is_combination(data: object) -> bool:
    return isinstance(data, tuple) and bool(data) and all(is_pair(x) for x in data)
