"""The next or the previous of a sorted list of places from an offset: the reader's steps
from question to question and from highlight to highlight."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence


def step_from(starts: Sequence[int], offset: int, forward: bool) -> int | None:
    """The index in sorted `starts` of the first one after `offset` (`forward`), or of the
    last one before it; None when there is none that way."""
    if forward:
        at = bisect_right(starts, offset)
        return at if at < len(starts) else None
    at = bisect_left(starts, offset) - 1
    return at if at >= 0 else None


def step_through(
    starts: Sequence[int], current: int | None, offset: int, forward: bool
) -> int | None:
    """The index in sorted `starts` of the next (`forward`) or previous place: the one
    beside `current`, the index of the place the reader is on, when there is one (so that
    places sharing a start are each stepped to, in their order); else as `step_from`."""
    if current is None:
        return step_from(starts, offset, forward)
    at = current + 1 if forward else current - 1
    return at if 0 <= at < len(starts) else None
