"""Asking which code: Merge… and Move Into… list codes by their path in the tree ("Work ▸
Stress", not a code named "Work / Stress"), numbered where two read alike, and give back the
one chosen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from reader.core.codebook import Code, Codebook
from reader.ui.dialogs import get_item


def choose_code(
    parent: QWidget,
    title: str,
    label: str,
    book: Codebook,
    codes: Sequence[Code],
    description: str,
    first: str = "",
) -> str | None:
    """The id of the code chosen among `codes`; "" for `first`, an item listed before them
    ("The top level"); None when cancelled. The dialog gives back the text chosen, not its
    row: two codes whose paths read alike are numbered. Its list says `description` to a
    screen reader."""
    seen: Counter[str] = Counter()
    paths = []
    for code in codes:
        path = book.path(code.id, " ▸ ")
        seen[path] += 1
        paths.append(path if seen[path] == 1 else f"{path} ({seen[path]})")
    items = [first, *paths] if first else paths
    chosen, ok = get_item(parent, title, label, items, "Code", description)
    if not ok or chosen not in items:
        return None
    return "" if first and chosen == first else codes[paths.index(chosen)].id
