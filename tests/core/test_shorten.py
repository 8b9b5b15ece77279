"""Previews cut at a word's end with "…" (reader/core/shorten.py)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.shorten import ELLIPSIS, shorten, shorten_start, whole_characters


def test_a_short_text_is_left_as_it_is() -> None:
    assert shorten("", 10) == ""
    assert shorten("ten chars.", 10) == "ten chars."


def test_the_cut_falls_between_words_without_a_space_or_comma_before_the_ellipsis() -> None:
    text = "How did you lock down, in the end, all this talent in the cast?"
    assert shorten(text, 26) == "How did you lock down, in…"
    assert shorten(text, 25) == "How did you lock down…"  # not "down," nor "down, i…"
    assert shorten(text, 21) == "How did you lock…"
    assert shorten("Was it (really) true?", 12) == "Was it…"  # not "Was it (…"


def test_the_end_kept_is_cut_at_a_words_start() -> None:
    """The words before a coded passage, in its context: their end, nearest the passage."""
    text = "How did you lock down, in the end, all this talent in the cast?"
    assert shorten_start(text, 100) == text
    assert shorten_start(text, 26) == "…this talent in the cast?"
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    assert shorten_start(word, 11) == ELLIPSIS + word[-10:]
    assert shorten_start("飛行機 👨‍👩‍👧 で来ました", 13) == "…で来ました"  # no part of a family
    assert shorten_start("飛行機 👨‍👩‍👧 で来ました", 14) == "…👨‍👩‍👧 で来ました"


def test_a_word_ending_just_at_the_limit_is_kept_whole() -> None:
    assert shorten("one two three four", 8) == "one two…"


def test_one_very_long_word_is_still_cut() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    assert shorten(word, 20) == word[:19] + ELLIPSIS
    # Before it, a word too short to be all the preview shows.
    assert shorten(f"Q: {word}", 20) == f"Q: {word}"[:19] + ELLIPSIS


def test_text_without_spaces_breaks_between_cjk_characters() -> None:
    text = "映画の撮影は夜明けに始まりました。二回撮りました、それから終わりです。"
    assert shorten(text, 36) == "映画の撮影は夜明けに始まりました…"  # the "。" left off
    assert shorten("映画、" * 10, 13) == "映画、映画…"  # no "、" before "…"


def test_wide_characters_count_two_as_they_take_two_letters_room() -> None:
    assert shorten("映画" * 10, 9) == "映画映画…"  # 8 wide, and the "…"
    assert shorten("e\u0301" * 20, 9) == "e\u0301" * 8 + ELLIPSIS  # accents take no room
    thumbs = "👍🏽"  # a thumb and its skin tone: one emoji, two letters wide
    assert shorten(f"ok {thumbs} " * 10, 9) == f"ok {thumbs} ok…"
    family = "👩\u200d👩\u200d👧"  # three people joined: one emoji
    assert shorten(family * 10, 7) == family * 3 + ELLIPSIS


def test_mixed_cjk_and_latin_breaks_at_the_last_boundary() -> None:
    assert shorten("The word 映画 means film, roughly", 14) == "The word 映画…"


def test_emoji_are_never_split() -> None:
    family = "👩\u200d👩\u200d👧"  # one family: three people joined
    thumbs = "👍🏽"  # a thumb and its skin tone
    flag = "🇫🇷"
    for emoji in (family, thumbs, flag, "e\u0301", "❤\ufe0f"):
        text = "x" * 5 + emoji * 20
        for limit in range(2, len(text)):
            short = shorten(text, limit)
            assert shorten(short, limit) == short  # it fits
            if short == text:
                continue
            head = short[: -len(ELLIPSIS)]
            assert (len(head) - 5) % len(emoji) == 0 or len(head) < 5, (emoji, limit, short)


def test_flags_pair_up_from_the_first() -> None:
    flags = "🇫🇷🇩🇪🇮🇹🇪🇸"  # four flags, eight regional indicators
    for limit in range(2, 8):
        head = shorten(flags, limit)[:-1]
        assert len(head) % 2 == 0 and flags.startswith(head)


def test_nothing_but_punctuation_is_cut_anyway() -> None:
    assert shorten("?" * 50, 10) == "?" * 9 + ELLIPSIS
    assert shorten(" " * 50, 10) == ELLIPSIS


@given(st.text(max_size=300), st.integers(min_value=1, max_value=120))
def test_any_text_shortens_to_a_prefix_within_the_limit(text: str, limit: int) -> None:
    short = shorten(text, limit)
    assert shorten(short, limit) == short  # it fits: shortening it again leaves it
    if short == text:
        return
    assert short.endswith(ELLIPSIS)
    head = short[: -len(ELLIPSIS)]
    assert text.startswith(head)
    if head and any(c.isalnum() for c in head):
        last = head[-1]
        assert not last.isspace() and not unicodedata.category(last).startswith("P")


@pytest.mark.parametrize(
    ("text", "part", "whole"),
    [
        ("a 👍🏽 b", "👍", "👍🏽"),
        ("a 👨\u200d👩\u200d👧 b", "👩", "👨\u200d👩\u200d👧"),
        ("a 🇯🇵🇫🇷 b", "🇫", "🇫🇷"),
        ("a x\u0301\u0323 b", "x", "x\u0301\u0323"),
        ("a क्षमा b", "क", "क्ष"),  # a conjunct
        ("a சொல் b", "ச", "சொ"),  # Tamil's virama joins no conjunct
    ],
)
def test_whole_characters_widens_a_span_to_what_reads_as_characters(
    text: str, part: str, whole: str
) -> None:
    at, start = text.index(part), text.index(whole)
    end = start + len(whole)
    assert whole_characters(text, at, at + len(part)) == (start, end)
    if len(whole) > 1:  # from inside, too
        assert whole_characters(text, start + 1, end - 1) == (start, end)


def test_no_character_below_the_combining_accents_joins_its_neighbour() -> None:
    """The premise of whole_characters' quick path for Latin text: below U+0300 there is
    no mark, joiner, selector or virama (a newer Unicode could, in principle, add one)."""
    from reader.core import shorten as module

    for code in range(ord(module._FIRST_JOINING)):
        char = chr(code)
        assert unicodedata.category(char) not in ("Mn", "Mc", "Me")
        assert char != module._ZWJ and char not in module._LINKERS
        # and, for shorten's quick path, one letter wide but the soft hyphen
        narrow = unicodedata.east_asian_width(char) not in ("W", "F")
        assert narrow and (unicodedata.category(char) == "Cf") == (char == module._SOFT_HYPHEN)
    assert whole_characters("e\u0301 x", 0, 1) == (0, 2)  # the accent after Latin still joins


@given(
    st.text(alphabet=st.sampled_from("ab é’“\u00ad\u200d\u0301👍🏽漢字ｶ\t"), max_size=40),
    st.integers(0, 30),
)
def test_the_quick_path_for_latin_measures_as_the_tables_do(text: str, limit: int) -> None:
    from reader.core import shorten as module

    def width(char: str) -> int:  # by Unicode's tables alone, Latin letters too
        if unicodedata.category(char) in ("Mn", "Me", "Cf") or char == "🏽":
            return 0
        return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1

    used, expected = 0, len(text)
    for index, char in enumerate(text):  # every character measured by the tables
        used += 0 if index and text[index - 1] == module._ZWJ else width(char)
        if used > limit:
            expected = index
            break
    assert module._index_within(text, limit) == expected
