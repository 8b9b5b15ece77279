"""Tests of converting offsets between code points (the notes file) and UTF-16 units (Qt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.offsets import Utf16Index, _may_be_astral


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# Any code point but lone surrogates, which no decoded file can contain; astral ones are
# made more likely so most examples have surrogate pairs.
TEXTS = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=["Cs"]),
        st.sampled_from(["🎬", "𠀋", "e", "\u0301", "ש", "ع", "中", "\n"]),
    ),
    max_size=60,
)


@pytest.mark.parametrize(
    ("text", "cp", "u16"),
    [
        ("🎬 Action", 0, 0),
        ("🎬 Action", 1, 2),
        ("🎬 Action", 2, 3),
        ("a🎬b🎬c", 3, 4),
        ("a🎬b🎬c", 4, 6),
        ("a🎬b🎬c", 5, 7),
        ("e\u0301te\u0301", 2, 2),  # combining marks are BMP: one unit each
        ("e\u0301te\u0301", 5, 5),
        ("中文字幕", 3, 3),  # BMP CJK: one unit
        ("x𠀋y", 1, 1),  # astral CJK (U+2000B): two units
        ("x𠀋y", 2, 3),
        ("x𠀋y", 3, 4),
        ("שלום עולם", 5, 5),  # Hebrew, stored in logical order
        ("مرحبا 🎬 بك", 6, 6),
        ("مرحبا 🎬 بك", 7, 8),
        ("مرحبا 🎬 بك", 10, 11),
    ],
)
def test_exact_conversions(text: str, cp: int, u16: int) -> None:
    """Known texts convert to the UTF-16 offsets Qt uses, and back."""
    index = Utf16Index(text)
    assert u16 == utf16_len(text[:cp])
    assert index.to_utf16(cp) == u16
    assert index.to_code_point(u16) == cp


def test_lengths() -> None:
    """The index knows the text's length in both units."""
    index = Utf16Index("a🎬𠀋é")
    assert (index.length_cp, index.length_u16) == (4, 6)
    empty = Utf16Index("")
    assert (empty.length_cp, empty.length_u16) == (0, 0)
    assert empty.to_utf16(0) == empty.to_code_point(0) == 0


@pytest.mark.parametrize(
    ("text", "inside", "snapped"),
    [
        ("🎬", 1, 0),
        ("a🎬b", 2, 1),
        ("🎬🎬", 1, 0),
        ("🎬🎬", 3, 1),
        ("x𠀋y𠀋", 2, 1),
        ("x𠀋y𠀋", 5, 3),
    ],
)
def test_inside_a_surrogate_pair_snaps_back(text: str, inside: int, snapped: int) -> None:
    """A UTF-16 offset between the halves of a pair maps to the start of that character."""
    assert Utf16Index(text).to_code_point(inside) == snapped


@given(data=st.data(), text=TEXTS)
def test_to_utf16_matches_the_encoder_and_inverts(data: st.DataObject, text: str) -> None:
    """For any offset, to_utf16 counts UTF-16 units exactly and to_code_point undoes it."""
    index = Utf16Index(text)
    cp = data.draw(st.integers(0, len(text)), label="cp")
    u16 = index.to_utf16(cp)
    assert u16 == utf16_len(text[:cp])
    assert index.to_code_point(u16) == cp
    assert index.length_u16 == utf16_len(text)


@given(data=st.data(), text=TEXTS)
def test_to_code_point_snaps_back_for_any_utf16_offset(data: st.DataObject, text: str) -> None:
    """Every UTF-16 offset maps to the last character boundary at or before it."""
    index = Utf16Index(text)
    u16 = data.draw(st.integers(0, utf16_len(text)), label="u16")
    cp = index.to_code_point(u16)
    assert 0 <= cp <= len(text)
    before = utf16_len(text[:cp])
    assert before <= u16
    # The boundary is the last one: the next character would go past u16.
    assert cp == len(text) or utf16_len(text[: cp + 1]) > u16
    # Snapping only ever happens inside a pair: at most one unit back.
    assert u16 - before in (0, 1)
    assert u16 - before == 0 or ord(text[cp]) > 0xFFFF


@given(text=TEXTS, padding=st.sampled_from(["", "a" * 5000, "é" * 5000, "ש" * 5000]))
def test_texts_without_astral_characters_are_told_by_their_size(text: str, padding: str) -> None:
    """The quick test of a text's storage never misses an astral character; a long text
    in one or two bytes a character is passed without a search."""
    long_text = padding + text
    if any(ord(c) > 0xFFFF for c in long_text):
        assert _may_be_astral(long_text)
    elif padding:
        assert not _may_be_astral(long_text)
    assert Utf16Index(long_text).length_u16 == utf16_len(long_text)
