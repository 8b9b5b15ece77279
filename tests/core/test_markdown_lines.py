"""The formatting keys for headings, list items and quotes, on the lines they act on."""

from __future__ import annotations

import pytest

from reader.core.markdown_lines import continued, marker_end, shown_words, toggle_prefix


@pytest.mark.parametrize(
    ("lines", "prefix", "after"),
    [
        (["a", "b"], "- ", ["- a", "- b"]),
        (["- a", "* b", "+ c"], "- ", ["a", "b", "c"]),  # every bullet is a bullet
        (["1. item"], "- ", ["- item"]),  # a number becomes a bullet, not `- 1. item`
        (["  2) [ ] task"], "- ", ["  - [ ] task"]),
        (["- a", "b"], "- ", ["- a", "- b"]),  # not all items yet: all become one
        (["a", "", "b"], "- ", ["- a", "", "- b"]),  # no empty item between paragraphs
        (["## t"], "- ", ["- t"]),
        ([">q"], "> ", ["q"]),  # a quote without its space is a quote
        (["> > q"], "> ", ["> q"]),  # one level off
        (["q"], "> ", ["> q"]),
        (["- item"], "## ", ["## item"]),  # a heading takes the list marker's place
        (["- [x] done"], "## ", ["## done"]),
        (["# t"], "## ", ["## t"]),
        (["## t"], "## ", ["t"]),
        (["### t"], "## ", ["## t"]),
        # In a quote, the marks hold the heading or the item: not "## > head", "## > ## x".
        (["> head"], "## ", ["> ## head"]),
        (["> ## head"], "## ", ["> head"]),
        (["> > a", ">", "> b"], "- ", ["> > - a", ">", "> - b"]),
        (["> - a"], "- ", ["> a"]),
        (["> ## head"], "> ", ["## head"]),
        (["a", "", "b"], "1. ", ["1. a", "", "2. b"]),  # numbered, counting
        (["1. a", "2) b"], "1. ", ["a", "b"]),
        (["- a", "- [ ] b"], "1. ", ["1. a", "2. [ ] b"]),  # a bullet becomes a number
        (["a", "  - b", "c"], "1. ", ["1. a", "  1. b", "2. c"]),  # each depth counts
        (["> a", "> b"], "1. ", ["> 1. a", "> 2. b"]),
    ],
)
def test_toggle_prefix(lines: list[str], prefix: str, after: list[str]) -> None:
    assert toggle_prefix(lines, prefix) == after


@pytest.mark.parametrize(
    ("line", "end"),
    [("- a", 2), ("1. a", 3), ("  - [ ] a", 8), ("> > a", 4), ("## a", 3), ("a - b", 0)],
)
def test_marker_end(line: str, end: int) -> None:
    assert marker_end(line) == end


def test_shown_words_are_a_lines_first_words_as_a_preview_shows_them() -> None:
    assert shown_words("## Routine and *control*: nights") == "Routine and control: nights"
    assert shown_words("> > she **said** [↩ Q4](#h-1) it twice") == "she said ↩ Q4"
    assert shown_words("- [see the ward](https://example.org) daily") == "see the ward daily"
    assert shown_words("   ") == shown_words("> ") == ""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- item", ("- ", "item", False)),
        ("  * item", ("  * ", "item", True)),
        ("9. nine", ("10. ", "nine", False)),
        ("- [x] done", ("- [ ] ", "done", False)),
        ("> said", ("> ", "said", False)),
        ("> - item", ("> - ", "item", False)),  # its bullet was dropped in the quote
        ("- - -", None),  # a horizontal rule, no list item: no bullet added after it
        ("* * *", None),
        ("plain words", None),
    ],
)
def test_enter_goes_on_with_a_list_or_quote_and_nothing_else(line: str, expected) -> None:
    assert continued(line) == expected
