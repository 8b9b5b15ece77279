"""Which Library columns show in a given width: the title always, the others in order
while they fit, or as the user chose."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.library_columns import OTHER_CHARS, WIDEST, columns_shown, natural_widths

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
)
def test_what_shows_by_itself_fits_beside_the_title(
    widths: list[int], room: int, floor: int
) -> None:
    keys = [f"k{i}" for i in range(len(widths))]
    shown = columns_shown(keys, widths, room, floor)
    assert shown[0]
    others = [w for w, s in zip(widths[1:], shown[1:], strict=True) if s]
    assert not others or min(widths[0], max(floor, room * 2 // 5)) + sum(others) <= room
    # A prefix: once one column gives way, every later one does too.
    assert shown == sorted(shown, reverse=True)


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
