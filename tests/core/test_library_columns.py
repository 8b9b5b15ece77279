"""Which Library columns show in a given width: the title always, the others in order
while they fit (a case column with values before the notes count), or as the user chose."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.library_columns import (
    OTHER_CHARS,
    WIDEST,
    fitted_columns,
    natural_widths,
    tried_order,
)


def columns_shown(*args: object, **choices: object) -> list[bool]:
    """Whether each column shows (fitted_columns gives its width, or None)."""
    return [width is not None for width in fitted_columns(*args, **choices)]  # type: ignore[arg-type]


KEYS = ["title", "highlights", "notes", "read", "participant", "date", "role"]
WIDTHS = [300, 22, 22, 36, 100, 70, 50]


def test_a_narrow_dock_keeps_the_counts_and_drops_the_case_columns() -> None:
    shown = columns_shown(KEYS, WIDTHS, room=176, title_floor=70)
    assert shown == [True, True, True, True, False, False, False]


def test_a_wide_dock_shows_more_and_the_title_keeps_two_fifths() -> None:
    shown = columns_shown(KEYS, WIDTHS, room=440, title_floor=70)
    assert shown == [True, True, True, True, True, True, False]  # 176 + 250 = 426
    assert columns_shown(KEYS, WIDTHS, room=2000, title_floor=70) == [True] * len(KEYS)


def test_columns_that_do_not_fit_never_let_a_later_one_jump_ahead() -> None:
    widths = [100, 20, 400, 20]
    assert columns_shown(KEYS[:4], widths, room=200, title_floor=50) == [True, True, False, False]


def test_participants_filled_show_in_place_of_the_notes_count() -> None:
    """The Library at 1024 px after Fill Participants: titles "P01", counts, how far read;
    the Participant column showed only in a dock 20 px wider (the ✎ count went first)."""
    keys = KEYS[:6]
    widths = [31, 22, 21, 37, 94, 33]
    assert columns_shown(keys, widths, 186, 70) == [True, True, True, True, False, False]
    filled = columns_shown(keys, widths, 186, 70, filled={"participant"})
    assert filled == [True, True, False, True, True, False]
    # A date filled too comes before the ✎ count; case columns still empty after it.
    order = tried_order(KEYS, filled={"participant", "date"}, empty={"role"})
    assert order == [0, 1, 3, 4, 5, 2, 6]
    order = tried_order(KEYS, filled={"role"}, empty={"participant", "date"})
    assert order == [0, 1, 3, 6, 2, 4, 5]  # an attribute with values before the empty two
    assert tried_order(KEYS, filled=set(), empty={"role"}) == list(range(len(KEYS)))
    assert columns_shown(keys, widths, 400, 70, filled={"participant"}) == [True] * 6


def test_a_long_name_shows_cut_in_what_is_left_rather_than_not_at_all() -> None:
    """José Ángel Muñoz, 15 characters wide, left 6 px short: his column shows narrower,
    if at least `least` pixels are left, the names cut (whole in their tooltips)."""
    keys, widths = KEYS[:6], [31, 22, 21, 37, 105, 33]
    fitted = fitted_columns(keys, widths, 186, 70, filled={"participant"}, least=56)
    assert fitted == [31, 22, None, 37, 96, None]
    assert columns_shown(keys, widths, 186, 70, filled={"participant"}) == [
        True, True, False, True, False, False
    ]  # fmt: skip
    long_title = [300, *widths[1:]]  # the title keeps 74 px: 53 are left
    fitted = fitted_columns(keys, long_title, 186, 70, filled={"participant"}, least=56)
    assert fitted == [74, 22, None, 37, None, None]
    assert fitted_columns(keys, widths, 186, 70, empty={"participant"}, least=56)[4] is None


def test_choices_hold_whatever_the_room() -> None:
    shown = columns_shown(KEYS, WIDTHS, room=176, title_floor=70, shown={"date"}, hidden={"notes"})
    assert shown == [True, True, False, True, False, True, False]
    assert columns_shown(KEYS, WIDTHS, 5000, 70, hidden=set(KEYS)) == [True] + [False] * 6


def test_no_columns_and_a_lone_title() -> None:
    assert columns_shown([], [], room=100, title_floor=70) == []
    assert columns_shown(["title"], [900], room=10, title_floor=70) == [True]


@given(
    widths=st.lists(st.integers(0, 400), min_size=1, max_size=12),
    room=st.integers(0, 3000),
    floor=st.integers(0, 200),
    cases=st.lists(st.sampled_from([None, True, False]), min_size=12, max_size=12),
)
def test_what_shows_by_itself_fits_beside_the_title(
    widths: list[int], room: int, floor: int, cases: list[bool | None]
) -> None:
    """`cases`: each column a case column with values (True), one without (False), or
    another (None)."""
    keys = ["title", "highlights", "notes", *(f"k{i}" for i in range(3, 12))][: len(widths)]
    filled = {k for k, case in zip(keys[3:], cases[3:], strict=False) if case}
    empty = {k for k, case in zip(keys[3:], cases[3:], strict=False) if case is False}
    shown = columns_shown(keys, widths, room, floor, filled=filled, empty=empty)
    assert shown[0]
    others = [w for w, s in zip(widths[1:], shown[1:], strict=True) if s]
    assert not others or min(widths[0], max(floor, room * 2 // 5)) + sum(others) <= room
    # A prefix in the order tried: once one column gives way, every later one does too.
    order = tried_order(keys, filled, empty)
    assert sorted(order) == list(range(len(keys))) and order[0] == 0
    tried = [shown[c] for c in order]
    assert tried == sorted(tried, reverse=True)
    # Narrower, a column with values fits; never narrower than `least`, nor wider than it is.
    least = 50
    fitted = fitted_columns(keys, widths, room, floor, filled=filled, empty=empty, least=least)
    assert fitted[0] is not None
    others = [w for w in fitted[1:] if w is not None]
    assert not others or fitted[0] + sum(others) <= room
    for key, width, natural in zip(keys[1:], fitted[1:], widths[1:], strict=True):
        assert width is None or width == natural or (least <= width < natural and key in filled)


def test_columns_but_the_title_are_capped_so_a_long_name_leaves_room_for_the_rest() -> None:
    # title, highlights, participant (a long name), date; 7 px a character.
    widths = natural_widths([600, 10, 400, 70], [40, 22, 80, 40], char_width=7)
    assert widths == [WIDEST, 22, OTHER_CHARS * 7, 70]
    keys = ["title", "highlights", "participant", "date"]
    assert columns_shown(keys, widths, room=440, title_floor=70) == [True] * 4


def test_natural_widths_of_nothing_and_of_odd_fonts() -> None:
    assert natural_widths([], [], char_width=7) == []
    assert natural_widths([0, 0], [0, 0], char_width=0) == [0, 0]
    assert natural_widths([900, 900], [10, 10], char_width=100) == [WIDEST, WIDEST]


@given(
    pairs=st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 400)), max_size=12),
    char_width=st.integers(0, 40),
)
def test_a_column_is_as_wide_as_its_contents_but_never_wider_than_its_cap(
    pairs: list[tuple[int, int]], char_width: int
) -> None:
    contents, headings = [c for c, _ in pairs], [h for _, h in pairs]
    widths = natural_widths(contents, headings, char_width)
    for column, (width, content, heading) in enumerate(
        zip(widths, contents, headings, strict=True)
    ):
        cap = WIDEST if column == 0 else min(WIDEST, max(1, OTHER_CHARS * char_width))
        assert width == min(max(content, heading), cap)
