"""Which of the Library's columns show: the title always, then each column in order
while it fits beside the title, unless the user chose to show or hide it; and how wide
each is.

Columns are known by key (a fixed field or an attribute's key), so a choice holds in
every study that has the column, whatever else the study has.
"""

from __future__ import annotations

from collections.abc import Sequence

WIDEST = 260  # px: no column is wider by itself
# A column other than the title is at most this many characters wide (its cells elide,
# whole in their tooltips): one long participant name must not push every column after
# it out of the dock.
OTHER_CHARS = 15


def natural_widths(contents: Sequence[int], headings: Sequence[int], char_width: int) -> list[int]:
    """Each column's width (the first is the title) for its contents and its heading, in
    pixels: at most WIDEST, and at most OTHER_CHARS characters of `char_width` but for the
    title, which takes what the others leave."""
    cap = max(1, OTHER_CHARS * char_width)
    return [
        min(max(content, heading), WIDEST if column == 0 else min(WIDEST, cap))
        for column, (content, heading) in enumerate(zip(contents, headings, strict=True))
    ]


def columns_shown(
    keys: Sequence[str],
    widths: Sequence[int],
    room: int,
    title_floor: int,
    shown: frozenset[str] | set[str] = frozenset(),
    hidden: frozenset[str] | set[str] = frozenset(),
) -> list[bool]:
    """For each column (the first is the title): does it show in `room` pixels, each as
    wide as `widths`? The title keeps two fifths of the room (not less than `title_floor`,
    not more than its own width). Columns chosen in `shown` or `hidden` follow the choice;
    the others show in order until the first that does not fit, so the set showing by
    itself never needs a horizontal scroll bar and never skips a column for a later one."""
    if not keys:
        return []
    visible = [True]
    used = min(widths[0], max(title_floor, room * 2 // 5))
    fitting = True
    for key, width in zip(keys[1:], widths[1:], strict=True):
        if key in hidden:
            show = False
        elif key in shown:
            show = True
        else:
            fitting = fitting and used + width <= room
            show = fitting
        visible.append(show)
        used += width if show else 0
    return visible
