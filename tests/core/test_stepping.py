"""step_from: the next or previous of sorted places from an offset; step_through: from the
place the reader is on, when there is one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.stepping import step_from, step_through


def test_steps_over_the_place_the_caret_is_at() -> None:
    starts = [10, 20, 20, 30]
    assert step_from(starts, 0, True) == 0
    assert step_from(starts, 10, True) == 1
    assert step_from(starts, 20, True) == 3
    assert step_from(starts, 30, True) is None
    assert step_from(starts, 20, False) == 0
    assert step_from(starts, 10, False) is None
    assert step_from([], 5, True) is None and step_from([], 5, False) is None


@given(st.lists(st.integers(0, 1000)), st.integers(-5, 1005), st.booleans())
def test_the_nearest_place_that_way(starts: list[int], offset: int, forward: bool) -> None:
    starts.sort()
    at = step_from(starts, offset, forward)
    beyond = [s for s in starts if (s > offset if forward else s < offset)]
    if at is None:
        assert beyond == []
    else:
        assert starts[at] == (min(beyond) if forward else max(beyond))


def test_steps_through_places_sharing_a_start_from_the_current_one() -> None:
    starts = [10, 20, 20, 30]
    assert step_through(starts, 1, 20, True) == 2  # not over the other at 20
    assert step_through(starts, 2, 20, False) == 1
    assert step_through(starts, 3, 30, True) is None
    assert step_through(starts, 0, 10, False) is None
    assert step_through(starts, None, 20, True) == 3  # none current: from the caret
    assert step_through(starts, None, 25, False) == 2


spans = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 40)).map(lambda s: (s[0], s[0] + s[1])),
    max_size=30,
)


@given(spans)
def test_each_in_turn_forward_and_back(found: list[tuple[int, int]]) -> None:
    """Stepped to, a place becomes current and the caret goes to its start: from before the
    first, forward visits every place in order; from the end, backward in reverse; equal
    starts, nested and equal spans included."""
    found.sort()
    starts = [start for start, _end in found]
    every = list(range(len(found)))
    for forward, caret, expected in ((True, -1, every), (False, 100, every[::-1])):
        visited, current = [], None
        while (at := step_through(starts, current, caret, forward)) is not None:
            visited.append(at)
            current, caret = at, starts[at]
        assert visited == expected
