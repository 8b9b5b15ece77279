"""The quick test of every .txt opened: it never turns away a text the Otter reader reads
whose first header is within its first HEADERS_WITHIN characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.timed_lines import HEADERS_WITHIN, may_have_headers
from reader.core.transcripts import otter

PIECES = [
    "Jane Doe",
    "Sam",
    " ",
    "  ",
    "\n",
    "\n\n",
    "Hello there.",
    "0:03",
    "12:34",
    "5 minutes",
    " 43 seconds",
    "1 hour",
    "JD",
    "just a second",
]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_a_text_the_otter_reader_reads_passes_the_quick_test(text: str) -> None:
    if otter.parse(text, "t.txt") is not None:
        assert may_have_headers(text)


def test_texts_with_and_without_a_line_ending_in_a_time() -> None:
    assert may_have_headers("Jane Doe  0:03\nHello.\n")
    assert may_have_headers("Jane Doe 5 minutes 43 seconds\nHello.\n")
    assert not may_have_headers("Q: When did you start?\nA: At 9:30 in the morning.\n")
    assert not may_have_headers("Hold on, just a second\nSure.\n")


def test_only_the_start_of_a_text_is_looked_at() -> None:
    """An export's first header is among its first lines: a time at the end of a line
    after HEADERS_WITHIN characters of prose makes no transcript of it."""
    prose = "Words of a long interview, spoken and written down.\n" * (HEADERS_WITHIN // 50)
    assert may_have_headers("Jane Doe  0:03\n" + prose)
    assert not may_have_headers(prose + "Jane Doe  0:03\nHello.\n")
    assert not may_have_headers(prose + "Jane Doe 5 minutes 43 seconds\nHello.\n")
