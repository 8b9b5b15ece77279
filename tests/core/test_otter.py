"""Otter headers are counted line by line as one search over the whole text counted them."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.core.transcripts import otter

# The search it replaces: every line start, through the whole text.
WHOLE_TEXT = re.compile(r"^\S[^\n]{0,60}?[ \t]{2,}(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]*$", re.MULTILINE)
PIECES = ["a", "Jane Doe", " ", "  ", "\t", "\n", "\r", "\u00a0", "0", "1", ":", "12:34", " 0:03"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_lines_counted_as_the_whole_text_search_counts(text: str) -> None:
    assert otter.count_headers(text) == len(WHOLE_TEXT.findall(text))


def test_headers_of_an_otter_export_and_of_prose() -> None:
    text = "Jane Doe  0:03\nHello there.\n\nSpeaker 2  1:02:03\nHi.\n"
    assert otter.count_headers(text) == 2
    assert otter.count_headers("Plain prose, single spaces only.\nAnd a second line.") == 0
    assert otter.count_headers("Two  spaces but no time.\n") == 0
