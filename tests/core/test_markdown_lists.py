"""Tab and Shift+Tab on list items: nested as CommonMark nests them, numbers that count."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from reader.core.markdown_lists import counted_on, indented


@pytest.mark.parametrize(
    ("above", "lines", "outdent", "after"),
    [
        (["- a"], ["- b"], False, ["  - b"]),
        # Under "1. " the words begin at the fourth column: two spaces made no sublist.
        (["1. one"], ["2. "], False, ["   1. "]),  # a new sublist counts from 1
        (["1. one", "   1. nested"], ["   2. "], True, ["2. "]),  # back: the outer list's 2
        (["1. one", "   1. a"], ["2. b"], False, ["   2. b"]),  # joins the sublist above
        (["- x"], ["- a", "  - b", "- c"], False, ["  - a", "    - b", "  - c"]),
        (["- x"], ["  - a", "    - b", "  - c"], True, ["- a", "  - b", "- c"]),
        (["1. x"], ["2. a", "3. b"], False, ["   1. a", "   2. b"]),  # each counted
        (["- [ ] task"], ["- sub"], False, ["  - sub"]),  # the checkbox is its words
        ([], ["- first"], False, ["  - first"]),  # no item above to go under: an indent
        ([], ["- top"], True, ["- top"]),  # out as far as it goes
        ([], ["- a", "", "  more of a"], False, ["  - a", "", "    more of a"]),
        # In a block quote, within it: Tab typed a tab after the words
        (["> - a"], ["> - b"], False, [">   - b"]),
        (["> 1. a", ">    1. b"], [">    2. c"], True, ["> 2. c"]),
    ],
)
def test_indented(above: list[str], lines: list[str], outdent: bool, after: list[str]) -> None:
    assert indented(lines, above[::-1], outdent) == after


@pytest.mark.parametrize(
    ("above", "lines", "outdent", "below", "after"),
    [
        # "2. two" moved in: "3. three" left below is the outer list's 2 now.
        (["1. one"], ["2. two"], False, ["3. three", "4. four"], ["2. three", "3. four"]),
        # "2. c" moved out under "1. a": its sublist below counts from 1, the list on.
        (
            ["1. a", "   1. b"],
            ["   2. c"],
            True,
            ["   3. d", "", "2. e", "Text", "9. other"],
            ["   1. d", "", "3. e", "Text"],  # read as far as the list goes
        ),
        (["1. a"], ["1. b"], False, ["1. c"], ["1. c"]),  # numbered "1." each: as it is
        (["- a"], ["- b"], False, ["- c", "End"], ["- c", "End"]),  # bullets: nothing
    ],
)
def test_the_lists_items_below_count_on(
    above: list[str], lines: list[str], outdent: bool, below: list[str], after: list[str]
) -> None:
    result = indented(lines, above[::-1], outdent, below)
    assert result is not None and result[len(lines) :] == after


def test_plain_lines_are_not_the_lists_to_indent() -> None:
    assert indented(["plain text", ""], [], outdent=False) is None


def test_a_nested_numbered_item_is_nested_in_the_preview() -> None:
    above, lines = ["1. one"], ["2. nested"]
    text = "\n".join([*above, *indented(lines, above, outdent=False)])
    assert MarkdownIt("commonmark").render(text).count("<ol>") == 2


def test_tab_twice_then_shift_tab_twice_comes_back() -> None:
    lines, above = ["- a"], ["- x"]
    for _ in range(2):
        lines = indented(lines, above, outdent=False)
    assert lines == ["    - a"]
    for expected in (["  - a"], ["- a"]):
        lines = indented(lines, above, outdent=True)
        assert lines == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Enter after "1. one" made "2. ": the items it pushed down count on.
        (["2. ", "2. two", "3. three"], ["2. ", "3. two", "4. three"]),
        # a blank line and a nested item inside the list, then its end
        (
            ["2) ", "2) two", "", "   - sub", "3) three", "Text", "4) other"],
            ["2) ", "3) two", "", "   - sub", "4) three", "Text", "4) other"],
        ),
        (["2. ", "1. one", "1. one"], ["2. ", "1. one", "1. one"]),  # numbered "1." each
        (["- ", "2. two"], ["- ", "2. two"]),  # a bullet counts nothing
        (["  2. ", "2. outer"], ["  2. ", "2. outer"]),  # another depth: another list
    ],
)
def test_items_pushed_down_by_a_new_one_count_on(lines: list[str], expected: list[str]) -> None:
    assert counted_on(lines) == expected
