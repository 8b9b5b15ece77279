"""Tests of reader.core.folding: text folded for search without diacritics, and the map of
each match back to the original's code points (through search.find_all, which uses it)."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.folding import fold_char, fold_query, fold_text, folded, lower, non_ascii
from reader.core.search import find_all, prepare


def matched(text: str, query: str, **options: bool) -> list[str]:
    return [text[a:b] for a, b in find_all(text, query, **options)]


NAMES = "Interview 🎬 with Siobhán, Zoë Ñuñez and Anders Ångström. SIOBHÁN laughs."


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("siobhan", ["Siobhán", "SIOBHÁN"]),
        ("zoe", ["Zoë"]),
        ("nunez", ["Ñuñez"]),
        ("ANGSTROM", ["Ångström"]),
        ("Siobhán", ["Siobhán", "SIOBHÁN"]),  # the accent in the query does not count either
        ("siobha\u0301n", ["Siobhán", "SIOBHÁN"]),  # nor a combining mark typed in it
    ],
)
def test_names_are_found_without_their_accents(query: str, expected: list[str]) -> None:
    assert matched(NAMES, query) == expected


_QUOTED = "aAsSßé\u0301İ ’‘“”„'\"🎬_-"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=_QUOTED, max_size=30),
    st.text(alphabet="aAsSßé İ_-", min_size=1, max_size=3),
    st.booleans(),
    st.booleans(),
)
def test_a_query_without_quotes_finds_the_same_where_quotes_do_not_fold(
    text: str, query: str, case: bool, whole: bool
) -> None:
    """Folding the typographic quotes took most of a long text's folding; a query
    without a quote is searched in a folding that leaves them as written."""
    pattern = re.compile(re.escape(fold_query(query, case)) + (r"(?!\w)" if whole else ""))
    spans = []
    for quotes in (True, False):
        found = fold_text(text, case, quotes=quotes)
        target = text if case else text.lower()
        spans.append(
            found.spans(pattern) if found else [m.span() for m in pattern.finditer(target)]
        )
    assert spans[0] == spans[1]


def test_a_long_text_folds_its_quotes_once_a_query_has_one() -> None:
    text = "It’s “Siobhán” here. " * 4000  # long: its foldings are kept
    assert len(find_all(text, "siobhan")) == 4000  # folded leaving the quotes
    assert len(find_all(text, "it's")) == 4000  # folded again with them
    assert find_all(text, "it's siobhan") == []
    assert len(find_all(text, '"siobhan"')) == 4000
    assert len(find_all(text, "siobhan")) == 4000


def test_match_diacritics_and_match_case() -> None:
    assert matched(NAMES, "siobhan", diacritics=True) == []
    assert matched(NAMES, "siobhán", diacritics=True) == ["Siobhán", "SIOBHÁN"]
    assert matched(NAMES, "Siobhan", case=True) == ["Siobhán"]
    assert matched(NAMES, "Siobhán", case=True, diacritics=True) == ["Siobhán"]


def test_typographic_apostrophes_and_quotes_are_the_keyboards() -> None:
    """A transcript writes "it’s" and “so”; the keyboard types "it's" and "so": each finds
    the other, as in a web browser, unless Match diacritics tells them apart."""
    text = "It’s Moss’ film, ‘quiet’, “loud”, „leise“ and it's plain."
    assert matched(text, "it's") == ["It’s", "it's"]
    assert matched(text, "moss'") == ["Moss’"]
    assert matched(text, "it’s") == ["It’s", "it's"]
    assert matched(text, "'quiet'") == ["‘quiet’"]
    assert matched(text, '"loud"') == ["“loud”"]
    assert matched(text, '"leise"') == ["„leise“"]
    assert matched(text, "it's", diacritics=True) == ["it's"]


def test_offsets_are_code_points_of_the_original_after_emoji() -> None:
    start = NAMES.index("Siobhán")
    assert find_all(NAMES, "siobhan")[0] == (start, start + 7)


def test_precomposed_and_decomposed_letters_are_selected_whole() -> None:
    text = "Siobha\u0301n and Siobhán; a\u0301\u0302 and x\u0301"
    assert matched(text, "siobhan") == ["Siobha\u0301n", "Siobhán"]
    assert matched(text, "siobha") == ["Siobha\u0301", "Siobhá"]  # the mark goes with its a
    assert matched(text, "a ") == ["a\u0301\u0302 "]  # every mark on the letter
    assert matched(text, "\u0301") == []  # a query of marks alone is empty
    assert matched("\u0301x", "x") == ["x"]  # a mark with no letter before it is left


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Straße and STRASSE", "strasse", ["Straße", "STRASSE"]),
        ("Straße", "s", ["S"]),  # not half of the ß
        ("sß", "ss", ["ß"]),  # the match after the one that cut the ß
        ("ßs", "ss", ["ß"]),
        ("ﬁne and fine", "fine", ["ﬁne", "fine"]),
        ("ﬁne", "i", []),
        ("İstanbul ISTANBUL", "istanbul", ["İstanbul", "ISTANBUL"]),
        ("İ", "i\u0307", ["İ"]),  # the dot is a mark, in the query too
        ("wait… ok...", "...", ["…", "..."]),
        ("Ｆｕｌｌ width", "full", ["Ｆｕｌｌ"]),
        ("x² x2", "x2", ["x²", "x2"]),
        ("ΟΔΟΣ οδός", "οδοσ", ["ΟΔΟΣ", "οδός"]),
    ],
)
def test_characters_whose_folding_changes_length(
    text: str, query: str, expected: list[str]
) -> None:
    assert matched(text, query) == expected


def test_cjk_emoji_and_hangul() -> None:
    text = "映画 🎬🎬 한국어 か が 👩🏽‍🔬 café"
    assert matched(text, "映画") == ["映画"]
    assert matched(text, "🎬") == ["🎬", "🎬"]
    assert matched(text, "한국") == ["한국"]
    assert matched(text, "하") == []  # part of 한: the syllable is not split
    assert matched(text, "か") == ["か"]  # voicing makes another kana: が is not か
    assert matched(text, "👩🏽‍🔬") == ["👩🏽‍🔬"]
    assert matched(text, "cafe") == ["café"]


def test_hebrew_points_and_arabic_vowel_signs_are_ignored() -> None:
    """Unvocalised Hebrew and Arabic find vocalised text, and hamza goes with the marks
    (أحمد is found by احمد); "Match diacritics" tells them apart."""
    text = "שָׁלוֹם עליכם، مُحَمَّد و أحمد"
    assert matched(text, "שלום") == ["שָׁלוֹם"]
    assert matched(text, "محمد") == ["مُحَمَّد"]
    assert matched(text, "احمد") == ["أحمد"]
    assert matched(text, "שלום", diacritics=True) == []
    assert matched(text, "احمد", diacritics=True) == []


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Søren", "soren"),
        ("Wałęsa", "walesa"),
        ("ŁÓDŹ", "lodz"),
        ("Đà Nẵng", "da nang"),
        ("Đorđe", "dorde"),
        ("ħobż", "hobz"),
        ("Œuvre", "oeuvre"),
        ("Ærø", "aero"),
        ("مـرحـبـا", "مرحبا"),
    ],
)
def test_letters_with_a_stroke_ligatures_and_tatweel_fold_as_a_browser_finds_them(
    text: str, query: str
) -> None:
    """Found by the study review: no decomposition parts ø or ł from their letter, and
    the tatweel is no mark, so "soren" missed "Søren" and "مرحبا" a stretched word."""
    assert matched(f"— {text} —", query) == [text]
    assert matched(text, query, diacritics=True) == []


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("zero\u200bwidth", "zerowidth"),  # a zero-width space inside a word from the web
        ("soft\u00adhyphen", "softhyphen"),
        ("said \u200fAmal", "said amal"),  # a right-to-left mark before a name
        ("\u2068Leila\u2069 said", "leila said"),  # a name isolated, as Teams writes it
        ("Name:\ufeff Ana", "name: ana"),  # a byte order mark where two files were joined
    ],
)
def test_characters_that_show_nothing_are_found_as_the_text_reads(text: str, query: str) -> None:
    """Ctrl+F found nothing of "zerowidth" in a transcript that showed "zerowidth": the
    zero-width space between its letters, which nothing shows, had to be typed."""
    found = matched(f"— {text} —", query)
    assert len(found) == 1 and fold_query(found[0], case=False) == query
    assert matched(text, query, diacritics=True) == []


def test_letters_made_by_a_mark_are_kept() -> None:
    # Kept, apart from their letters: the text written either way folds alike.
    assert fold_char("\u304c", True) == "\u304b\u3099"  # kana voicing
    assert fold_query("\u0958", True) == "\u0915\u093c"  # nukta
    assert fold_query("กิ่", True) == "กิ่"  # Thai vowel and tone signs
    assert fold_query("é", True) == "e"


def test_whole_word_and_regex() -> None:
    assert matched("Zoë, Zoëlle", "zoe", whole_word=True) == ["Zoë"]
    # A regular expression matches diacritics as written.
    assert matched(NAMES, "siobh.n", regex=True) == ["Siobhán", "SIOBHÁN"]
    assert matched(NAMES, "siobhan", regex=True) == []


def test_non_ascii_and_texts_without_anything_to_fold() -> None:
    assert non_ascii("plain") == frozenset()
    assert non_ascii("a’b 🎬 é\ud800") == frozenset("’🎬é\ud800")  # a lone surrogate too
    assert fold_text("It — quoted 🎬", case=False) is None  # searched as it is
    apostrophe = fold_text("It’s", case=True)  # the keyboard's apostrophe finds it
    assert apostrophe is not None and apostrophe.text == "It's"
    folded = fold_text("Zoë", case=False)
    assert folded is not None and folded.text == "zoe"
    assert fold_text("", case=True) is None


def test_a_long_text_is_folded_once_and_searched_often() -> None:
    text = ("Siobhán said: “ﬁne”. " * 4000) + "the end"
    prepare(text)
    assert len(find_all(text, "siobhan")) == 4000
    assert len(find_all(text, "fine", case=True)) == 4000
    assert find_all(text, "the end") == [(len(text) - 7, len(text))]


def test_bad_input() -> None:
    binary = bytes(range(256)).decode("latin-1") * 50
    assert find_all(binary, "\x00") == [(i * 256, i * 256 + 1) for i in range(50)]
    # a, A, ª, À to Å and à to å (æ is a letter of its own), in each of the 50 copies
    assert len(find_all(binary, "a")) == 15 * 50
    assert find_all("x" * 100_000 + "é", "e") == [(100_000, 100_001)]


# --- properties ---------------------------------------------------------------------------

_ALPHABET = "aAeEsSsſiIİıßẞéÉᎠꭰ\u0301\u0308\u0327ﬁﬀ…²ΣσςΟόשָׁمَ\u0654أ한か\u3099が🎬映\n .,_-"
_texts = st.text(alphabet=_ALPHABET, max_size=40)
_queries = st.text(alphabet=_ALPHABET, min_size=1, max_size=4)


def _is_mark(char: str, case: bool) -> bool:
    return fold_char(char, case) == ""


def _brute_force(text: str, query: str, case: bool) -> list[tuple[int, int]]:
    """Every match by definition: from each character that is not a lone mark, the shortest
    stretch that folds to the query, with the marks after it; leftmost first, none overlapping."""
    wanted = fold_query(query, case)
    spans: list[tuple[int, int]] = []
    start = 0
    while wanted and start < len(text):
        if _is_mark(text[start], case):
            start += 1
            continue
        for end in range(start + 1, len(text) + 1):
            folded = fold_query(text[start:end], case)
            if folded == wanted:
                while end < len(text) and _is_mark(text[end], case):
                    end += 1
                spans.append((start, end))
                start = end
                break
            if not wanted.startswith(folded):
                start += 1
                break
        else:
            start += 1
    return spans


@settings(max_examples=400, deadline=None)
@given(_texts, _queries, st.booleans())
@example("sß", "ss", False)
@example("Ǆ", "d", False)
def test_every_match_folds_to_the_query_and_none_is_missed(
    text: str, query: str, case: bool
) -> None:
    spans = find_all(text, query, case=case)
    wanted = fold_query(query, case)
    for start, end in spans:
        assert fold_query(text[start:end], case) == wanted  # the original range, folded
    assert all(a[1] <= b[0] for a, b in pairwise(spans))  # in order, apart
    assert spans == _brute_force(text, query, case)


@settings(max_examples=200, deadline=None)
@given(_texts, st.booleans())
def test_folding_a_text_is_folding_its_characters(text: str, case: bool) -> None:
    folded = fold_text(text, case)
    expected = fold_query(text, case)
    if folded is None:
        assert expected == (text if case else text.lower())
    else:
        assert folded.text == expected
        for i in range(len(text) + 1):  # each place between characters maps back to itself
            at = len(fold_query(text[:i], case))
            if i == len(text) or not _is_mark(text[i], case):
                mapped = folded.original(at)
                assert mapped is not None and mapped >= i
                assert all(_is_mark(c, case) for c in text[i:mapped])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.text(min_size=1, max_size=3), st.booleans(), st.booleans())
def test_any_text_any_query(text: str, query: str, case: bool, whole: bool) -> None:
    """Any Unicode at all: matches fold to the query and select whole characters."""
    wanted = fold_query(query, case)
    for start, end in find_all(text, query, case=case, whole_word=whole):
        assert fold_query(text[start:end], case) == wanted
        assert 0 <= start < end <= len(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=20))
def test_non_ascii_is_the_set_of_characters_beyond_ascii(text: str) -> None:
    assert non_ascii(text) == frozenset(c for c in text if ord(c) > 127)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=40))
@example("“Quoted” — said Ana, 😀 漢字 café")  # nothing beyond ASCII changes: the bytes' way
@example("ÉCOLE Straße")  # É lowers: str.lower
@example("ΟΔΟΣ")  # a final sigma
@example("İstanbul \ud800")  # İ lowers to two; a lone surrogate
def test_lower_is_str_lower(text: str) -> None:
    """The fast lower-casing of a text whose characters beyond ASCII have no case is
    str.lower's, character for character (#17: a study's search lower-cases each text)."""
    assert lower(text, non_ascii(text)) == text.lower()


@pytest.mark.parametrize("text", ["\u304c", "\u304b\u3099"])
@pytest.mark.parametrize("query", ["\u304c", "\u304b\u3099"])
def test_a_letter_with_a_kept_mark_finds_itself_written_either_way(text: str, query: str) -> None:
    """A letter with its kana voicing mark, written whole or as "か" and the mark (pasted
    from a Mac): the query, put in NFC, found nothing in the text written apart."""
    assert find_all(f"x{text}y", query) == [(1, 1 + len(text))]


def test_folded_query_is_normalised() -> None:
    for query in ("Å", "A\u030a", "\u212b"):  # precomposed, decomposed, the Ångström sign
        assert fold_query(query, False) == "a"
    assert fold_query("한국어 が", True) == "한국어 \u304b\u3099"  # Hangul stays whole
    assert re.fullmatch("a", fold_query("Å", False))


@pytest.mark.parametrize("case", [False, True])
@pytest.mark.parametrize("diacritics", [False, True])
def test_prepare_for_any_options_then_search(case: bool, diacritics: bool) -> None:
    text = "Zoë said: ﬁne. " * 5000
    prepare(text, case=case, diacritics=diacritics)
    found = find_all(text, "Zoe", case=case, diacritics=diacritics)
    assert len(found) == (0 if diacritics else 5000)
    assert len(find_all(text, "zoë", case=case, diacritics=diacritics)) == (0 if case else 5000)


@given(st.text())
@example("Siobhán STRAßE ﬁx İ Σ’s")
def test_folded_is_the_folding_a_filters_terms_have(text: str) -> None:
    """A filter's haystack (folded, in C) reads as its typed terms (fold_query) do."""
    assert folded(text) == fold_query(text, case=False)
