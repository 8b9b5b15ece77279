"""reader/ui/wrapped_text.py: words wrapped to a width in at most so many lines, the last
one elided, none wider than the width, none broken inside a word."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetrics

from reader.ui.wrapped_text import wrapped_lines

WORDS = "The movie is wild, Netflix and such, are where people watch it now 陈师傅 🎬"


def test_short_text_is_one_line_and_long_text_elides_its_last(qapp: Any) -> None:
    font = QFont()
    assert wrapped_lines("Q1  Hello", font, 300, 3) == ["Q1  Hello"]
    assert wrapped_lines("", font, 300, 3) == [""]
    lines = wrapped_lines(WORDS * 3, font, 120, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    whole = wrapped_lines(WORDS, font, 120, 1000)
    assert not whole[-1].endswith("…")
    assert "".join(whole).replace(" ", "") == WORDS.replace(" ", "")  # no word lost


def test_a_word_wider_than_the_width_is_elided_not_broken(qapp: Any) -> None:
    # As a sub-code's name was in the Codebook at 1024 px: "Surveillan" over "ce and …".
    font = QFont()
    width = QFontMetrics(font).horizontalAdvance("Surveillan")
    first, second = wrapped_lines("Surveillance and measurement by the scanner", font, width, 2)
    assert first.startswith("Surv") and first.endswith("…")
    assert second.startswith("and ") and second.endswith("…")


@settings(max_examples=60, deadline=None)
@example(text="\u3099", width=10, count=1)  # a lone combining mark Qt will not elide
@given(
    text=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=120),
    width=st.integers(10, 400),
    count=st.integers(0, 8),
)
def test_never_more_lines_than_asked_and_the_last_fits(
    qapp: Any, text: str, width: int, count: int
) -> None:
    font = QFont()
    metrics = QFontMetrics(font)
    lines = wrapped_lines(text, font, width, count)
    assert 1 <= len(lines) <= max(1, count)
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)  # elided ones too
    assert (
        wrapped_lines("\u3099", font, 10, 1)[-1] == "" or metrics.horizontalAdvance("\u3099") <= 10
    )


HEBREW = "ראיון עם האחות הראשית של טיפול נמרץ על משמרות לילה ועל העייפות שאחרי עשרים שנה"


def test_a_right_to_left_name_keeps_its_last_line_at_every_width(qapp: Any) -> None:
    """Qt's "…" after Hebrew overshot the room by a pixel or three: the last line, elided
    too wide, was left out, and a Hebrew code's name in the Codebook showed one line of
    two, with no "…" to say more was there."""
    font = QFont()
    metrics = QFontMetrics(font)
    for width in range(40, 200):
        *_, last = wrapped_lines(HEBREW, font, width, 2)
        assert last.endswith("…") and metrics.horizontalAdvance(last) <= width, (width, last)
