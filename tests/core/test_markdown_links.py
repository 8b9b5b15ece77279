"""Tests of reader.core.markdown_links: the one pattern for `[text](target)`."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from reader.core.markdown_links import (
    LINK,
    heading_line,
    heading_words,
    link_to,
    link_toggle,
    quote,
)


@pytest.mark.parametrize(
    ("line", "links"),
    [
        (
            "See [the trade](https://example.org/trade).",
            [("the trade", "https://example.org/trade")],
        ),
        (
            "> quoted [↩ Q1](#h-3afddd8e) and [↩ Q2](#h-77aa)",
            [("↩ Q1", "#h-3afddd8e"), ("↩ Q2", "#h-77aa")],
        ),
        # Parentheses in pairs belong to the address (they cut it short before).
        (
            "[shift work](https://en.wikipedia.org/wiki/Shift_(work)).",
            [("shift work", "https://en.wikipedia.org/wiki/Shift_(work)")],
        ),
        ("[empty]() target", [("empty", "")]),
        ("[a [b](x)", [("b", "x")]),  # the text holds no bracket: the inner one is the link
        ("[no](spaces in targets)", []),
        ("[unpaired](a(b)", []),
        ("[across\nlines](x)", []),
        ("", []),
    ],
)
def test_links_and_what_is_not_one(line: str, links: list[tuple[str, str]]) -> None:
    assert [m.groups() for m in LINK.finditer(line)] == links


def test_a_long_line_of_brackets_and_parentheses_is_found_through_at_once() -> None:
    """Each character starts one alternative of a target: no backtracking blow-up."""
    line = "[x](" + "(a)b" * 20_000 + " [y](z)"
    assert [m.groups() for m in LINK.finditer(line)] == [("y", "z")]


@pytest.mark.parametrize(
    ("passage", "shown"),
    [
        ("2019. That year I left.", "2019. That year I left."),
        ("1. It was\n- dash start", "1. It was\n- dash start"),
        ("*sigh* at <redacted> with __bad__ luck", "*sigh* at <redacted> with __bad__ luck"),
    ],
)
def test_a_quote_shows_the_words_as_said(passage: str, shown: str) -> None:
    """A quote's Markdown escapes what would turn the words into a list, emphasis or
    HTML: rendered, it is one block quote of exactly those words and its link back."""
    html = MarkdownIt("commonmark").render(quote(passage, "Q4", "#h-1"))
    assert html.count("<blockquote>") == 1 and "<ol" not in html and "<ul" not in html
    assert "<em>" not in html and "<strong>" not in html and "<redacted>" not in html
    text = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">")
    assert [line for line in text.split("\n") if line] == f"{shown} ↩\u00a0Q4".split("\n")


def test_a_heading_is_linked_by_githubs_anchor() -> None:
    """`[see](#results-part-2)` in the notes names "## Results, part 2", as GitHub,
    Obsidian and VS Code name it; the HTML export gives each heading that id."""
    from reader.core.export.html_export import render_markdown
    from reader.core.markdown_links import heading_anchor, heading_line

    assert heading_anchor(" Results, part 2 ") == "results-part-2"
    assert (
        heading_anchor("Émotions & Vertrauen — ein Überblick")
        == "émotions--vertrauen--ein-überblick"
    )
    lines = ["Intro", "```", "## Not this", "```", "##   Results, part 2  ##", "text"]
    assert heading_line(lines, "results-part-2") == 4 and heading_line(lines, "x") is None
    html = render_markdown("# Themes\n\n## Themes\n\n[see](#themes-1)")
    assert '<h1 dir="auto" id="themes">' in html and '<h2 dir="auto" id="themes-1">' in html
    # The second of a name is found by its number in the app too; an empty heading has none.
    assert heading_line(["# Themes", "## Themes"], "themes-1") == 1
    assert "id=" not in render_markdown("#\n\n## !?")


def test_a_quotes_chip_keeps_its_arrow_with_its_label() -> None:
    """ "↩ Q2" broke across lines between the arrow and "Q2": a no-break space holds them
    together, and the link, its search and its export read as before (notes written
    with a plain space too)."""
    from reader.core.export.html_export import render_markdown
    from reader.core.markdown_links import is_quote_link
    from reader.core.search import Query, line_results

    written = quote("No improvising.", "Kenji Sato, Q2", "#h-1")
    assert written.endswith("[↩\u00a0Kenji Sato, Q2](#h-1)")
    for notes in (written, written.replace("\u00a0", " ")):
        ((label, target),) = [m.groups() for m in LINK.finditer(notes)]
        assert is_quote_link(target) and label.endswith("Kenji Sato, Q2")
        (hit,) = line_results(notes, Query("Q2"), 10)
        assert notes[hit.start : hit.end] == "Q2"
        assert "Kenji Sato, Q2</a>" in render_markdown(notes)


@pytest.mark.parametrize(
    ("words", "clipboard", "link", "caret"),
    [
        ("a source", "", "[a source]()", 11),  # the caret in the address
        ("a source", "https://example.org/x", "[a source](https://example.org/x)", 33),
        ("", " https://example.org\n", "[](https://example.org)", 1),  # in its words
        ("", "", "[]()", 1),
        ("see", "not an address", "[see]()", 6),
        ("see", "https://a b", "[see]()", 6),
        ("[1] two\nlines", "", "[(1) two lines]()", 16),  # as a link's text holds it
        ("wiki", "https://en.wikipedia.org/wiki/Shift_(work)", None, None),
    ],
)
def test_link_to(words: str, clipboard: str, link: str | None, caret: int | None) -> None:
    made, at = link_to(words, clipboard)
    if link is not None:
        assert (made, at) == (link, caret)
    assert LINK.fullmatch(made)  # a link to the notes' own eyes, and to the exports'
    assert MarkdownIt("commonmark").renderInline(made).startswith("<a href=")


@pytest.mark.parametrize(
    ("line", "selected", "clipboard", "expected"),
    [
        # the caret in a word: the word, not cut in two ("re[]()port")
        ("see report here", (6, 6), "", ("see [report]() here", 13)),
        ("see report here", (6, 6), "https://a.org", ("see [report](https://a.org) here", 27)),
        # on a link, selected or the caret in it: its words again, as the other keys toggle
        ("see [report](https://a.org) here", (4, 27), "", ("see report here", 10)),
        ("see [report](https://a.org) here", (8, 8), "https://b.org", ("see report here", 10)),
        # nothing selected, no word: a link waits for its words
        ("see  here", (4, 4), "", ("see []() here", 5)),
        # a quote's link back stays: its chip is the way back to the passage
        ("> It is. [↩ Q1](#h-1)", (12, 12), "", ("> It is. [↩ Q1](#h-1)", 12)),
        # selected with the words before it, the words alone: it was "(↩ Q1)(#h-1)"
        ("> It is. [↩ Q1](#h-1)", (2, 21), "", ("> [It is.]() [↩ Q1](#h-1)", 11)),
        ("> It is. [↩ Q1](#h-1)", (8, 21), "", ("> It is. [↩ Q1](#h-1)", 8)),
        # words holding a link: as they are (the link's address was lost in them)
        ("see [report](https://a.org) now", (0, 31), "", ("see [report](https://a.org) now", 31)),
        ("see [report](https://a.org) now", (0, 8), "", ("see [report](https://a.org) now", 8)),
    ],
)
def test_ctrl_k_links_a_word_or_takes_a_link_off(
    line: str, selected: tuple[int, int], clipboard: str, expected: tuple[str, int]
) -> None:
    start, end, replacement, caret = link_toggle(line, *selected, clipboard)
    assert (line[:start] + replacement + line[end:], caret) == expected


def test_a_heading_with_emphasis_or_a_link_is_linked_by_the_words_it_shows() -> None:
    """GitHub anchors the words a heading shows: the editor's Ctrl+Enter said no heading
    was linked as "#see-the-report" (the address's letters were in its anchor)."""
    lines = ["## Using _underscored_ words", "text", "## See [the report](https://x.org)"]
    assert heading_line(lines, "using-underscored-words") == 0
    assert heading_line(lines, "see-the-report") == 2
    assert heading_words("snake_case and *stars*") == "snake_case and *stars*"
