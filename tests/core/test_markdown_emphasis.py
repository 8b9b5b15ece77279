"""Emphasis in a line of Markdown, found as CommonMark finds it (markdown-it-py, which the
HTML export uses, is the reference), products of numbers excepted."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.core.markdown_emphasis import Emphasis, emphasis_spans, toggle_at, wrap

COMMONMARK = MarkdownIt("commonmark")


def as_html(text: str) -> str:
    """`text` with its emphasis as tags and the delimiters used taken out."""
    spans = emphasis_spans(text)
    used: set[int] = set()
    tags: dict[int, list[str]] = {}
    for span in spans:
        width, name = (2, "strong") if span.strong else (1, "em")
        used.update(range(span.start, span.start + width))
        used.update(range(span.end - width, span.end))
        tags.setdefault(span.start, []).append(f"<{name}>")
        tags.setdefault(span.end, []).insert(0, f"</{name}>")
    # Closing tags before opening ones at the same place; spans nest, so order by size.
    out = []
    for i in range(len(text) + 1):
        here = tags.get(i, [])
        out += [t for t in here if t.startswith("</")]
        out += [t for t in here if not t.startswith("</")][::-1]
        if i < len(text) and i not in used:
            out.append(html.escape(text[i], quote=False))
    return "".join(out)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("*it*", [Emphasis(0, 4, strong=False)]),
        ("_it_", [Emphasis(0, 4, strong=False)]),
        ("**b**", [Emphasis(0, 5, strong=True)]),
        ("__b__", [Emphasis(0, 5, strong=True)]),
        ("***bi***", [Emphasis(1, 7, strong=True), Emphasis(0, 8, strong=False)]),
        ("**b** and *i*", [Emphasis(0, 5, strong=True), Emphasis(10, 13, strong=False)]),
        ("**Hollywood** wants", [Emphasis(0, 13, strong=True)]),
        ("2*3*4", []),
        ("2 * 3 * 4", []),
        ("snake_case_words", []),
        ("un*frigging*believable", [Emphasis(2, 12, strong=False)]),
        ("`*code*` and \\*escaped\\*", []),
        ("[a_link](#h-a_b_c) *i*", [Emphasis(19, 22, strong=False)]),
        ("*unclosed and **also", []),
        ("", []),
    ],
)
def test_spans(text: str, spans: list[Emphasis]) -> None:
    assert emphasis_spans(text) == spans


@settings(max_examples=600)
@given(st.text(alphabet="**__ ab.(!é", max_size=24).map(str.strip))
def test_as_commonmark(text: str) -> None:
    assert as_html(text) == COMMONMARK.renderInline(text)


def test_a_long_line_of_delimiters() -> None:
    """Many runs on a line, most never closed: each emphasis found once."""
    text = "_a *b c* _d " * 3000
    assert len(emphasis_spans(text)) == 3000


@pytest.mark.parametrize(
    ("line", "caret", "marker", "edit"),
    [
        ("", 0, "**", (0, 0, "****", 2)),  # an empty pair, the caret inside
        ("****", 2, "**", (0, 4, "", 0)),  # pressed again at once: the pair goes
        ("**", 1, "*", (0, 2, "", 0)),
        ("****", 2, "*", (2, 2, "**", 3)),  # italic inside an empty bold pair
        ("**bold**", 6, "**", (6, 6, "", 8)),  # before its closing marker: steps past
        ("*it* 🎬", 3, "*", (3, 3, "", 4)),
        ("**bold**", 6, "*", (6, 6, "**", 7)),  # not italic's closing marker
        ("*it*", 3, "**", (3, 3, "****", 5)),
        ("2*3*4", 3, "*", (3, 3, "**", 4)),  # a product, no emphasis to leave
        ("word **", 7, "**", (7, 7, "****", 9)),
        # In a word, the word: "some wo****rd here" was no bold.
        ("some word here", 7, "**", (5, 9, "**word**", 9)),
        ("some **word** here", 9, "**", (5, 13, "word", 7)),  # bold: unbolded
        ("***word***", 5, "*", (0, 10, "**word**", 4)),  # the italic goes, the bold stays
        ("*word*", 3, "**", (1, 5, "**word**", 5)),
        ("don't", 2, "*", (0, 5, "*don't*", 3)),
        ("'quoted'", 3, "*", (1, 7, "*quoted*", 4)),
        ("word here", 4, "**", (4, 4, "****", 6)),  # at its end: for what is typed next
        # In an address or code, nothing: "co****de" in the code, "**" in the address.
        ("[a](https://example.org)", 12, "*", (12, 12, "", 12)),
        ("use `code` here", 7, "**", (7, 7, "", 7)),
        ("some code", 7, "`", (5, 9, "`code`", 8)),
        ("`code`", 3, "`", (0, 6, "code", 2)),
        ("", 0, "`", (0, 0, "``", 1)),
    ],
)
def test_toggle_at(line: str, caret: int, marker: str, edit: tuple) -> None:
    assert toggle_at(line, caret, marker) == edit


@given(st.text(alphabet="*_ ab🎬", max_size=16), st.data(), st.sampled_from(["*", "**"]))
def test_toggle_at_edits_inside_the_line(line: str, data: st.DataObject, marker: str) -> None:
    caret = data.draw(st.integers(0, len(line)))
    start, end, replacement, after = toggle_at(line, caret, marker)
    assert 0 <= start <= end <= len(line)
    assert 0 <= after <= len(line) - (end - start) + len(replacement)
    # Markers put in or taken out, around the line's own words.
    assert words(replacement) == words(line[start:end])


def words(text: str) -> str:
    return text.replace("*", "").replace("_", "")


@pytest.mark.parametrize(
    ("line", "selected", "marker", "after"),
    [
        ("a word here", "word", "**", "a **word** here"),
        ("word ", "word ", "**", "**word** "),  # `**word **` would be no emphasis
        ("**word**", "word", "**", "word"),  # bold again: unbold, not `****word****`
        ("**word**", "**word**", "**", "word"),
        ("***word***", "word", "*", "**word**"),  # the italic goes, the bold stays
        ("***word***", "word", "**", "*word*"),
        ("**word**", "word", "*", "***word***"),
        ("   ", "   ", "**", "   "),
        ("a code here", "code", "`", "a `code` here"),
        ("`code`", "code", "`", "code"),
        # Code holding backticks: a longer fence, one span (found by the notes review)
        ("run `ls` now", "run `ls` now", "`", "``run `ls` now``"),
        ("say `ls`", "say `ls`", "`", "`` say `ls` ``"),
        ("a ``b`` c", "a ``b`` c", "`", "```a ``b`` c```"),
    ],
)
def test_wrap_toggles_the_words_selected(line: str, selected: str, marker: str, after: str) -> None:
    start = line.index(selected)
    written, words_start, words_end = wrap(line, start, start + len(selected), marker)
    assert written == after
    assert written[words_start:words_end] == selected.strip().strip("*")


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ("It is. [↩\u00a0Q1](#h-1)", "`It is.` [↩\u00a0Q1](#h-1)"),
        ("`It is.` [↩\u00a0Q1](#h-1)", "It is. [↩\u00a0Q1](#h-1)"),  # and back
        ("[↩\u00a0Q1](#h-1)", "[↩\u00a0Q1](#h-1)"),
    ],
)
def test_code_on_a_quotes_line_leaves_its_chip_out(line: str, after: str) -> None:
    """Ctrl+` on a quote's whole line made its link back code: "[↩ Q1](#h-1)" shown as
    typed, in the preview and the exports, leading nowhere."""
    assert wrap(line, 0, len(line), "`")[0] == after
