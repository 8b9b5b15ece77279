"""A paragraph too long to lay out at once: where the reading pane breaks it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.long_paragraphs import LONG_PARAGRAPH, PIECE, paragraph_breaks


def pieces(text: str, breaks: list[int]) -> list[str]:
    starts = [0, *(space + 1 for space in breaks)]
    return [text[a:b] for a, b in zip(starts, [*breaks, len(text)], strict=True)]


def test_a_paragraph_that_is_not_long_is_not_broken() -> None:
    text = "Yes. " * (LONG_PARAGRAPH // 5)
    assert paragraph_breaks(text, 0, len(text)) == []


def test_a_long_paragraph_breaks_at_sentence_ends() -> None:
    text = ("He said “it was the band.” Then we shot it again! " * 400).strip()
    breaks = paragraph_breaks(text, 0, len(text))
    assert breaks and all(text[space] == " " for space in breaks)
    for piece in pieces(text, breaks):
        assert len(piece) <= LONG_PARAGRAPH
        assert piece.endswith(("”", "!"))
    assert all(len(piece) >= PIECE for piece in pieces(text, breaks)[:-1])


def test_without_sentence_ends_it_breaks_between_words() -> None:
    text = "and then the band played on " * 1000
    breaks = paragraph_breaks(text, 0, len(text))
    assert breaks and all(text[space] == " " for space in breaks)
    assert all(PIECE <= len(piece) <= LONG_PARAGRAPH for piece in pieces(text, breaks)[:-1])


def test_only_the_paragraph_asked_about_is_broken() -> None:
    before, after = "Q: Short?\n", "\nA: Short."
    text = before + "We talked. " * 1000 + after
    breaks = paragraph_breaks(text, len(before), len(text) - len(after))
    assert breaks and len(before) < breaks[0] and breaks[-1] < len(text) - len(after)


def test_chinese_and_arabic_sentence_ends_with_a_space_after_them_break() -> None:
    for sentence in ("我们拍了很多次。 ", "هل كان ذلك صعبا؟ "):
        text = sentence * (2 * LONG_PARAGRAPH // len(sentence))
        breaks = paragraph_breaks(text, 0, len(text))
        assert breaks and all(text[space - 1] in "。؟" for space in breaks)


def test_words_without_spaces_are_left_whole() -> None:
    text = "我们拍了很多次。" * 1000
    assert paragraph_breaks(text, 0, len(text)) == []


@given(st.text(alphabet="ab .!\n", max_size=20_000))
def test_every_break_is_a_space_and_the_pieces_are_the_text(text: str) -> None:
    breaks = paragraph_breaks(text, 0, len(text))
    assert breaks == sorted(set(breaks))
    assert all(text[space] == " " for space in breaks)
    assert " ".join(pieces(text, breaks)) == text
