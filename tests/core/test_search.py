"""Tests of reader.core.search: find options, code point offsets, searching a session."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.annotations import make_highlight
from reader.core.codebook import codes_for_tags
from reader.core.document import Document
from reader.core.markdown_links import LINK
from reader.core.search import (
    KINDS,
    SNIPPET_CHARS,
    Query,
    Result,
    SearchError,
    find_all,
    fold,
    links_as_read,
    outside,
    search_everything,
    within,
)
from reader.core.session import Session

FILM = (
    "An interview about film.\n"
    "Q: Scene 🎬 starts where? The café scene, with 映画 and עברית text?\n"
    "A: It starts at dawn. We shot 🎬🎬 twice, then שלום again. Filmmakers film films.\n"
    "Q: And the ending?\n"
    "A: The ending was improvised on the day, 𝔣𝔦𝔩𝔪 in fraktur.\n"
)


def matched(text: str, pattern: str, **options: bool) -> list[str]:
    return [text[a:b] for a, b in find_all(text, pattern, **options)]


# --- find_all -----------------------------------------------------------------------------


def test_plain_text_ignores_case_and_diacritics_by_default() -> None:
    # Fraktur letters are letters with a style (NFKD): "film" is there too, as in Chrome.
    assert matched(FILM, "film") == ["film", "Film", "film", "film", "𝔣𝔦𝔩𝔪"]
    assert matched(FILM, "film", diacritics=True) == ["film", "Film", "film", "film"]
    assert find_all(FILM, "film")[0] == (FILM.index("film"), FILM.index("film") + 4)


def test_match_case() -> None:
    assert matched(FILM, "Film", case=True) == ["Film"]
    assert matched(FILM, "FILM", case=True) == []


def test_whole_word() -> None:
    assert matched(FILM, "film", whole_word=True, diacritics=True) == ["film", "film"]
    assert matched(FILM, "film", whole_word=True) == ["film", "film", "𝔣𝔦𝔩𝔪"]
    assert matched(FILM, "starts", whole_word=True) == ["starts", "starts"]
    assert matched("a cat, a catalogue, the cat.", "cat", whole_word=True) == ["cat", "cat"]


def test_whole_word_with_punctuation_at_the_ends() -> None:
    """Unlike a bare \\b, a query may start or end with a space or punctuation."""
    text = "e.g. this, e.g.that and keg.gate"
    assert matched(text, "e.g.", whole_word=True) == ["e.g.", "e.g."]
    assert find_all("in the end", " the", whole_word=True) == [(2, 6)]
    assert find_all("in theory", " the", whole_word=True) == []


def test_special_characters_are_literal_without_regex() -> None:
    text = "Is it (really) 3.5* better? [sic] a+b"
    for query in ("(really)", "3.5*", "?", "[sic]", "a+b"):
        assert matched(text, query) == [query]
    assert matched("a.c abc", "a.c") == ["a.c"]


def test_regular_expressions() -> None:
    assert matched(FILM, r"\bfilm\w*", regex=True) == ["film", "Filmmakers", "film", "films"]
    assert matched(FILM, r"^q: .*?\?", regex=True) == [
        "Q: Scene 🎬 starts where?",
        "Q: And the ending?",
    ]
    assert matched(FILM, r"films?", regex=True, whole_word=True) == ["film", "film", "films"]
    assert matched(FILM, r"Film", regex=True, case=True) == ["Film"]


def test_zero_length_matches_are_skipped() -> None:
    assert find_all(FILM, "^", regex=True) == []
    assert find_all("aaa b", "a*", regex=True) == [(0, 3)]
    assert find_all(FILM, r"\b", regex=True) == []


def test_empty_query_finds_nothing() -> None:
    assert find_all(FILM, "") == []
    assert find_all(FILM, "", regex=True) == []
    assert find_all("", "film") == []


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        ("(unclosed", "missing ), unterminated subpattern at position 1"),
        ("[a-", "unterminated character set at position 1"),
        ("*a", "nothing to repeat at position 1"),
        (r"a{2,1}", "min repeat greater than max repeat at position 3"),
        ("(?<=a+)b", "look-behind requires fixed-width pattern"),
    ],
)
def test_bad_regular_expression_raises_a_readable_error(pattern: str, fragment: str) -> None:
    with pytest.raises(SearchError) as info:
        find_all(FILM, pattern, regex=True)
    message = str(info.value)
    assert message.startswith("Invalid regular expression: ")
    assert fragment in message.lower()


def test_a_bad_regex_is_fine_as_plain_text() -> None:
    assert find_all("f(x", "(", regex=False) == [(1, 2)]


@pytest.mark.parametrize(
    "word", ["starts", "🎬", "🎬🎬 twice", "café", "映画", "עברית", "שלום", "𝔣𝔦𝔩𝔪", "dawn"]
)
def test_offsets_are_code_points_after_emoji_cjk_and_rtl(word: str) -> None:
    spans = find_all(FILM, word, diacritics=True)
    assert spans
    for start, end in spans:
        assert FILM[start:end].casefold() == word.casefold()
        assert end - start == len(word)


def test_match_after_emoji_has_python_offsets() -> None:
    """'Scene 🎬 starts': 'starts' is at 8 in code points (9 in UTF-16)."""
    text = "Scene 🎬 starts"
    assert find_all(text, "starts") == [(8, 14)]
    assert find_all(text, r"s\w+", regex=True, case=True) == [(8, 14)]


def test_combining_marks_are_matched_as_written_when_diacritics_count() -> None:
    text = "cafe\u0301 and café"  # decomposed, then composed
    assert matched(text, "café", diacritics=True) == ["café"]
    assert matched(text, "e\u0301", diacritics=True) == ["é"]  # the query is read in NFC
    for query in ("café", "cafe\u0301", "cafe", "CAFÉ"):  # otherwise either is either
        assert matched(text, query) == ["cafe\u0301", "café"]


@pytest.mark.parametrize(
    "options", [{}, {"diacritics": True}, {"regex": True}, {"diacritics": True, "case": True}]
)
def test_a_decomposed_query_finds_the_composed_text(options: dict[str, bool]) -> None:
    """The text is NFC (document.normalise): "e" + U+0301, as a Mac may type it, is "é"."""
    text = "Zoë at the Café, cafés"
    case = options.get("case", False)
    assert matched(text, "Cafe\u0301", **options) == ["Café"] + ([] if case else ["café"])
    assert matched(text, "Zoe\u0308", whole_word=True, **options) == ["Zoë"]
    assert matched(text, "cafe\u0301", whole_word=True, **options) == ([] if case else ["Café"])


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("ΟΔΟΣ οδός", "οδοσ", ["ΟΔΟΣ"]),  # final sigma is sigma to IGNORECASE
        ("STRAſSE straße", "strasse", ["STRAſSE"]),  # long s
        ("İstanbul istanbul", "istanbul", ["İstanbul", "istanbul"]),  # İ lowers to two chars
        ("KELVIN 5 K", "k", ["K", "K"]),  # Kelvin sign
        ("Straße STRASSE", "STRASSE", ["STRASSE"]),  # no full case folding, like re
    ],
)
def test_ignore_case_with_unusual_letters(text: str, query: str, expected: list[str]) -> None:
    assert matched(text, query, diacritics=True) == expected


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("ΟΔΟΣ οδός", "οδοσ", ["ΟΔΟΣ", "οδός"]),
        ("STRAſSE straße", "strasse", ["STRAſSE", "straße"]),  # full case folding
        ("Straße STRASSE", "STRASSE", ["Straße", "STRASSE"]),
        ("İstanbul istanbul", "istanbul", ["İstanbul", "istanbul"]),
        ("KELVIN 5 K", "k", ["K", "K"]),
    ],
)
def test_ignore_case_and_diacritics_with_unusual_letters(
    text: str, query: str, expected: list[str]
) -> None:
    assert matched(text, query) == expected


def test_fold_keeps_offsets_or_gives_none() -> None:
    assert fold("ÀÉÎ ΣΟΦΟΣ") == "àéî σοφοσ"
    assert fold("İ") == "i"
    assert len(fold("Scene 🎬 Starts")) == len("Scene 🎬 Starts")


_ALPHABET = "aAbBsSſiIİıσςΣkKKßẞé\u0301 .🎬映\n_-"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=_ALPHABET, max_size=40),
    st.text(alphabet=_ALPHABET, min_size=1, max_size=4),
    st.booleans(),
    st.booleans(),
)
def test_plain_search_agrees_with_re(text: str, query: str, case: bool, whole: bool) -> None:
    """The fast lower-cased scan finds what re.IGNORECASE finds, at the same offsets, in
    text normalised as a document's (NFC), with the query read so too."""
    text, query = (unicodedata.normalize("NFC", s) for s in (text, query))
    pattern = re.escape(query)
    if whole:  # the definition: the match cuts no word in two at either end
        pattern = rf"(?:(?<!\w)|(?!\w)){pattern}(?:(?<!\w)|(?!\w))"
    expected = [m.span() for m in re.finditer(pattern, text, 0 if case else re.IGNORECASE)]
    assert find_all(text, query, case=case, whole_word=whole, diacritics=True) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=_ALPHABET + "\x00", max_size=12), max_size=6),
    st.text(alphabet=_ALPHABET, min_size=1, max_size=4),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_short_texts_searched_together_match_each_searched_alone(
    texts: list[str], query: str, case: bool, whole: bool, diacritics: bool
) -> None:
    """Quotes and notes are searched joined into one text (Query.spans_in_each): no match
    crosses from one into the next, and each is found where a search of it alone finds it."""
    matcher = Query(query, case=case, whole_word=whole, diacritics=diacritics)
    assert matcher.spans_in_each(texts) == [matcher.spans(text) for text in texts]


def test_a_regular_expression_reads_each_short_text_alone() -> None:
    texts = ["the end", "begins here", "x"]
    assert Query(r"end\W+begins", regex=True).spans_in_each(texts) == [[], [], []]
    assert Query("x", regex=True).spans_in_each(texts) == [[], [], [(0, 1)]]


def test_find_all_on_five_megabytes() -> None:
    """Correct at scale (its speed is measured by `make bench`, not asserted here)."""
    text = (FILM * (5_000_000 // len(FILM) + 1))[:5_000_000]
    spans = find_all(text, "the")
    assert len(spans) > 10_000
    assert all(text[a:b].casefold() == "the" for a, b in spans[:1000])


# --- search_everything ----------------------------------------------------------------------


def make_session(text: str = FILM) -> Session:
    document = Document(text=text, title="Film", source="/tmp/film.txt", encoding="utf-8")
    return Session.open(document, None)


def add_highlight(session: Session, quote: str, note: str = "", tags: tuple[str, ...] = ()):
    start = session.document.text.index(quote)
    highlight = replace(
        make_highlight(session.document.text, start, start + len(quote)),
        note=note,
        codes=codes_for_tags(tags, session.notes.codebook),
    )
    session.add_highlight(highlight)
    return highlight


@pytest.fixture
def session() -> Session:
    session = make_session()
    # Kept in document order: café, dawn, improvised.
    add_highlight(session, "It starts at dawn", note="Dawn light, like the opening film")
    add_highlight(session, "improvised", note="Ask about the script", tags=("method", "films"))
    add_highlight(session, "The café scene", tags=("film",))
    session.notes.notes = "# Themes\n\nLight and time.\nA film 🎬 about film.\n"
    return session


def test_search_everything_groups_by_kind(session: Session) -> None:
    results = search_everything(session, "film")
    assert list(results) == list(KINDS)
    document = results["document"]
    assert [FILM[r.start : r.end] for r in document] == ["film", "Film", "film", "film", "𝔣𝔦𝔩𝔪"]
    assert [r.label for r in document] == ["Intro", "Q1", "Q1", "Q1", "Q2"]
    assert results["quotes"] == []
    (note,) = results["notes"]
    dawn = session.notes.highlights[1]
    assert note.highlight_id == dawn.id
    assert dawn.note[note.start : note.end] == "film"
    assert note.label == "Q1"
    assert [r.label for r in results["tags"]] == ["#film", "#films"]  # equal first
    research = results["research"]
    notes_text = session.notes.notes
    assert [(r.line, notes_text[r.start : r.end]) for r in research] == [(4, "film"), (4, "film")]
    assert research[1].start == notes_text.index("about film") + 6
    assert research[0].label == "Line 4"
    assert not any(group.more for group in results.values())


def test_results_are_frozen_with_a_snippet_around_the_match(session: Session) -> None:
    result = search_everything(session, "dawn")["document"][0]
    assert isinstance(result, Result)
    with pytest.raises(AttributeError):
        result.start = 0  # type: ignore[misc]
    assert result.snippet[result.snippet_start : result.snippet_end] == "dawn"
    assert "\n" not in result.snippet
    assert result.label == "Q1"
    quote = search_everything(session, "dawn")["quotes"][0]
    dawn = session.notes.highlights[1]
    assert quote.highlight_id == dawn.id
    assert dawn.exact[quote.start : quote.end] == "dawn"


def test_snippets_of_long_lines_are_cut_at_words() -> None:
    text = (
        " ".join(f"word{i}" for i in range(200)) + " needle " + " ".join("x" * 5 for _ in range(80))
    )
    (result,) = search_everything(make_session(text), "needle")["document"]
    assert result.snippet.startswith("…word") and result.snippet.endswith("…")
    assert len(result.snippet) < 120
    assert result.snippet[result.snippet_start : result.snippet_end] == "needle"


def test_a_long_quote_found_by_its_tag_is_cut_at_a_word() -> None:
    text = "Intro. " + " ".join(f"word{i}," for i in range(60)) + " end."
    session = make_session(text)
    add_highlight(session, text[7:-1], tags=("method",))
    (tag,) = search_everything(session, "method")["tags"]
    assert tag.snippet.endswith("…") and not tag.snippet.endswith(",…")
    assert len(tag.snippet) <= 3 * SNIPPET_CHARS
    assert text.startswith(tag.snippet.removesuffix("…"), 7)  # whole words from the start


def test_tags_match_with_or_without_hash(session: Session) -> None:
    assert [r.label for r in search_everything(session, "#method")["tags"]] == ["#method"]
    assert [r.label for r in search_everything(session, "METH")["tags"]] == ["#method"]
    assert search_everything(session, "METH", case=True)["tags"] == []
    (tag,) = search_everything(session, "method")["tags"]
    assert tag.highlight_id == session.notes.highlights[2].id
    assert tag.snippet == "improvised"


def test_research_notes_while_being_edited(session: Session) -> None:
    results = search_everything(session, "🎬 about", notes_text="x\ny\nz 🎬 about")
    (hit,) = results["research"]
    assert (hit.line, hit.start, hit.end) == (3, 6, 13)


QUOTED = (
    "Her first job:\n"
    "> My first job was at the fish [↩ Q1](#h-3afddd8e-0154-46b6-9d3b-1234567890ab) market\n"
    "See [the fish trade](https://example.org/trade) and [↩ Q2](#h-77aa) for fish."
)


@pytest.mark.parametrize(
    ("query", "marked"),
    [("fish", "fish"), ("Q1", "Q1"), ("market", "market"), ("fish trade", "fish trade")],
)
def test_research_notes_results_read_links_as_their_text(
    session: Session, query: str, marked: str
) -> None:
    """A quote's link back showed its target in the results ("[↩ Q1](#h-3afddd8e-…");
    the results read as the preview does, the match marked where it is read."""
    for hit in search_everything(session, query, notes_text=QUOTED)["research"]:
        assert "](" not in hit.snippet and "#h-" not in hit.snippet, hit.snippet
        assert hit.snippet[hit.snippet_start : hit.snippet_end].casefold() == marked.casefold()
        assert QUOTED[hit.start : hit.end].casefold() == marked.casefold()  # where it goes


@pytest.mark.parametrize("query", ["3afddd8e", "h-", "](", "[", "example.org"])
def test_a_match_only_in_what_a_link_hides_is_not_a_result(session: Session, query: str) -> None:
    """It was listed with nothing marked, led nowhere and swelled the count."""
    research = search_everything(session, query, notes_text=QUOTED)["research"]
    assert research == [] and research.total == 0


def test_a_match_reaching_into_a_links_text_is_a_result(session: Session) -> None:
    research = search_everything(session, "[↩ Q", notes_text=QUOTED)["research"]
    assert [QUOTED[r.start : r.end] for r in research] == ["[↩ Q", "[↩ Q"]
    assert [r.snippet[r.snippet_start : r.snippet_end] for r in research] == ["↩ Q", "↩ Q"]


@pytest.mark.parametrize(
    ("query", "found"),
    [("2019. That", "2019\\. That"), ("*sigh*", "*sigh\\*"), ("<redacted> x", "<redacted\\> x")],
)
def test_a_quotes_escaped_words_are_found_as_they_read(
    session: Session, query: str, found: str
) -> None:
    """A quote put in with Q is escaped ("2019\\. That year"): searched as written, its
    words found nothing; they are found as they read, marked in the notes as written."""
    notes = "> 2019\\. That year I left\\. \\*sigh\\* \\<redacted\\> x [↩ Q1](#h-1)"
    (hit,) = search_everything(session, query, notes_text=notes)["research"]
    assert notes[hit.start : hit.end] == found


def test_a_link_to_an_address_with_parentheses_reads_as_its_text(session: Session) -> None:
    notes = "Read [shift work](https://en.wikipedia.org/wiki/Shift_(work)) today."
    (hit,) = search_everything(session, "today", notes_text=notes)["research"]
    assert hit.snippet == "Read shift work today."
    assert hit.snippet[hit.snippet_start : hit.snippet_end] == "today"


def _as_read_by_character(lines: str, start: int, end: int) -> tuple[str, int, int]:
    """The reference: where every character of `lines` is once links read as their text."""
    where, read = [], ""
    done = 0
    for link in [*LINK.finditer(lines), None]:
        plain_end = len(lines) if link is None else link.start()
        where += [len(read) + i for i in range(plain_end - done)]
        read += lines[done:plain_end]
        if link is None:
            break
        where.append(len(read))  # the "["
        where += [len(read) + i for i in range(len(link.group(1)))]
        read += link.group(1)
        where += [len(read)] * (link.end() - link.start(2) + 2)  # "](target)"
        done = link.end()
    where.append(len(read))
    return read, where[start], where[end]


_PIECES = st.one_of(
    st.text(alphabet="ab []()#\n", max_size=6),
    st.builds(lambda t, u: f"[{t}]({u})", st.text("ab ↩", max_size=4), st.text("a#(", max_size=4)),
)


@given(st.lists(_PIECES, max_size=8).map("".join), st.data())
@settings(max_examples=300)
def test_offsets_as_read_agree_with_a_map_of_every_character(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    lines = text[first : len(text) if last == -1 else last]
    expected = _as_read_by_character(lines, start - first, end - first)
    assert links_as_read(text, start, end) == expected


def test_results_are_capped_with_a_flag(session: Session) -> None:
    results = search_everything(session, "e", limit=5)
    document = results["document"]
    assert len(document) == 5
    assert document.more
    assert document.total == len(find_all(FILM, "e"))
    assert not results["tags"].more


def test_options_and_errors_in_search_everything(session: Session) -> None:
    assert len(search_everything(session, "film", whole_word=True)["document"]) == 3
    assert (
        len(search_everything(session, "film", whole_word=True, diacritics=True)["document"]) == 2
    )
    assert len(search_everything(session, r"film\w+", regex=True)["document"]) == 2
    with pytest.raises(SearchError):
        search_everything(session, "film(", regex=True)
    assert all(not group for group in search_everything(session, "").values())


def test_orphan_highlights_are_found_and_labelled(session: Session) -> None:
    orphan = replace(session.notes.highlights[2], orphan=True)
    session.replace_highlight(orphan)
    (hit,) = search_everything(session, "script")["notes"]
    assert hit.label == "Not in the text"


def test_a_match_across_lines_has_a_one_line_snippet() -> None:
    session = make_session()
    (result,) = search_everything(session, r"ending\?\nA: The", regex=True)["document"]
    assert "\n" not in result.snippet
    assert result.snippet[result.snippet_start : result.snippet_end] == "ending? A: The"
    assert FILM[result.start : result.end] == "ending?\nA: The"


def test_comparing_reads_a_text_as_a_search_with_those_options_does() -> None:
    from reader.core.search import comparing

    assert comparing()("Siobhán") == comparing()("SIOBHAN")  # plain text: folded
    assert comparing(case=True)("Siobhán") == comparing(case=True)("Siobhan")
    assert comparing(diacritics=True)("Siobhán") != comparing(diacritics=True)("Siobhan")
    assert comparing(regex=True)("Siobhán") == "siobhán"  # as written, but for case
    assert comparing(regex=True, case=True)("Siobhán") == "Siobhán"


def test_a_replacement_fills_a_regular_expressions_groups_and_nothing_else() -> None:
    text = "Ward 7 🙂: night shift, day shift."
    regex = Query(r"(?<=, )(\w+) (?P<what>shift)", regex=True)
    ((start, _end),) = regex.spans(text)
    assert regex.replacement(text, start, r"\g<what> (\1)") == "shift (day)"
    plain = Query("shift")
    assert plain.replacement(text, text.index("shift"), r"\1 $1") == r"\1 $1"  # as typed
    with pytest.raises(SearchError, match="invalid group reference"):
        regex.replacement(text, start, r"\3")
    # As VS Code and Notepad++ write them; $$ a dollar.
    assert regex.replacement(text, start, "${what} $1 $$2") == "shift day $2"


def test_spans_within_areas_are_those_inside_one_whole() -> None:
    areas = [(5, 10), (20, 30)]
    spans = [(0, 4), (5, 10), (6, 7), (9, 11), (19, 21), (20, 20), (29, 30), (31, 32)]
    assert within(spans, areas) == [False, True, True, False, False, True, True, False]
    assert within(spans, []) == [False] * len(spans)


def test_spans_touching_a_hidden_one_stay_and_those_in_it_go() -> None:
    hidden = [(5, 10), (20, 30)]
    spans = [(0, 5), (4, 6), (9, 11), (10, 12), (15, 20), (25, 26), (29, 31), (30, 31)]
    assert outside(spans, hidden) == [(0, 5), (10, 12), (15, 20), (30, 31)]
    assert outside(spans, []) == spans
