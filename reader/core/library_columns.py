"""Which of the Library's columns show: the title always, then each column in order
while it fits beside the title, unless the user chose to show or hide it; and how wide
each is. Once a case column (the participant, the date, an attribute) has values, it is
tried before the count of highlights with a note (✎) and before the case columns still
empty: after Fill Participants, the names showed only in a dock 20 px wider than at
1024 px, behind the least useful count.

Columns are known by key (a fixed field or an attribute's key), so a choice holds in
every study that has the column, whatever else the study has.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

WIDEST = 260  # px: no column is wider by itself
# A column other than the title is at most this many characters wide (its cells elide,
# whole in their tooltips): one long participant name must not push every column after
# it out of the dock.
OTHER_CHARS = 15
GIVES_WAY = frozenset({"notes"})  # to a case column with values
LEAST_CHARS = 8  # a case column with values shows this narrow rather than not at all


def natural_widths(contents: Sequence[int], headings: Sequence[int], char_width: int) -> list[int]:
    """Each column's width (the first is the title) for its contents and its heading, in
    pixels: at most WIDEST, and at most OTHER_CHARS characters of `char_width` but for the
    title, which takes what the others leave."""
    cap = max(1, OTHER_CHARS * char_width)
    return [
        min(max(content, heading), WIDEST if column == 0 else min(WIDEST, cap))
        for column, (content, heading) in enumerate(zip(contents, headings, strict=True))
    ]


def tried_order(
    keys: Sequence[str], filled: Set[str] = frozenset(), empty: Set[str] = frozenset()
) -> list[int]:
    """The columns in the order they are tried: as they stand while no case column has
    values; else the title, the others but the ✎ count (GIVES_WAY) and the case columns
    still `empty`, in order (those `filled` among them), then the ✎ count, then those."""
    if not filled:
        return list(range(len(keys)))
    rest = range(1, len(keys))
    ahead = [c for c in rest if keys[c] not in GIVES_WAY and keys[c] not in empty]
    giving_way = [c for c in rest if keys[c] in GIVES_WAY and keys[c] not in empty]
    return [0, *ahead, *giving_way, *(c for c in rest if keys[c] in empty)]


def fitted_columns(
    keys: Sequence[str],
    widths: Sequence[int],
    room: int,
    title_floor: int,
    shown: Set[str] = frozenset(),
    hidden: Set[str] = frozenset(),
    filled: Set[str] = frozenset(),
    empty: Set[str] = frozenset(),
    least: int = 0,
) -> list[int | None]:
    """For each column (the first is the title): its width in `room` pixels, or None when
    it does not show; each is as wide as `widths`. The title keeps two fifths of the room
    (not less than `title_floor`, not more than its own width). Columns chosen in `shown`
    or `hidden` follow the choice; the others show in the order tried (`tried_order`: the
    case columns `filled` with values before the ✎ count and those `empty`) until the
    first that does not fit, so the set showing by itself never needs a horizontal scroll
    bar and never skips a column for one tried later. A column `filled` with values that
    does not fit whole shows narrower (its cells elide) in what is left, if that is at
    least `least` pixels."""
    if not keys:
        return []
    fitted: list[int | None] = [None] * len(keys)
    used = fitted[0] = min(widths[0], max(title_floor, room * 2 // 5))
    fitting = True
    for column in tried_order(keys, filled, empty)[1:]:
        key, width = keys[column], widths[column]
        if key in hidden:
            continue
        if key not in shown and fitting and used + width > room:
            left = room - used
            fitting = key in filled and 0 < least <= left
            width = left
        if key in shown or fitting:
            fitted[column] = width
            used += width
    return fitted
