"""step_from: the next or previous of sorted places from an offset."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.stepping import step_from


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
