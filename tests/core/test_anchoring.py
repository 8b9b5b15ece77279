"""Tests of re-anchoring highlights on a changed document."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.anchoring import (
    FUZZY_THRESHOLD,
    MIN_CONTEXT_CHARS,
    NEAR_CHARS,
    AnchorStatus,
    AnchorSummary,
    _prefix_ratios,
    _snap,
    _whole_words,
    all_in_place,
    anchor,
    reanchor_all,
)
from reader.core.annotations import Highlight, make_highlight
from reader.core.shorten import whole_characters

TEXT = (
    "Perry wrote the film in long scenes. He said the structure came from theatre, "
    "where each act plays out in real time. Moss rehearsed every scene for weeks."
)


def highlight(text: str, quote: str, occurrence: int = 0) -> Highlight:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return make_highlight(text, start, start + len(quote)).edited(note="my note")


def assert_placed(text: str, h: Highlight) -> None:
    assert not h.orphan
    assert text[h.start : h.end] == h.exact
    assert h.prefix == text[max(0, h.start - 32) : h.start]
    assert h.suffix == text[h.end : h.end + 32]


def test_unchanged_text_keeps_the_highlight() -> None:
    h = highlight(TEXT, "the structure came from theatre")
    result = anchor(TEXT, h)
    assert result.status is AnchorStatus.KEPT
    assert result.highlight == h


def test_all_in_place_only_when_each_quotes_its_own_span_and_none_is_an_orphan() -> None:
    h = highlight(TEXT, "the structure came from theatre")
    other = highlight(TEXT, "Moss rehearsed")
    assert all_in_place(TEXT, []) and all_in_place(TEXT, [h, other])
    assert not all_in_place(TEXT, [h, replace(other, orphan=True)])
    assert not all_in_place(TEXT, [h, replace(other, start=other.start + 1)])
    assert not all_in_place(TEXT[: other.end - 1], [other])
    assert not all_in_place(TEXT, [replace(other, start=other.end + 1, end=other.end)])


def test_kept_refreshes_context_and_clears_orphan() -> None:
    h = replace(highlight(TEXT, "the structure came from theatre"), orphan=True)
    text = TEXT.replace("He said", "We said")
    result = anchor(text, h)
    assert result.status is AnchorStatus.KEPT
    assert (result.highlight.start, result.highlight.end) == (h.start, h.end)
    assert "We said" in result.highlight.prefix
    assert result.highlight.modified == h.modified
    assert_placed(text, result.highlight)


def test_text_inserted_before_moves_the_highlight() -> None:
    h = highlight(TEXT, "each act plays out")
    text = "A new opening paragraph.\n" + TEXT
    result = anchor(text, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.start == h.start + len("A new opening paragraph.\n")
    assert result.highlight.exact == h.exact
    assert result.highlight.note == "my note"
    assert result.highlight.modified == h.modified
    assert_placed(text, result.highlight)


def test_quote_moved_beyond_the_near_window_is_found() -> None:
    h = highlight(TEXT, "Moss rehearsed every scene")
    text = "filler words. " * (NEAR_CHARS // 5) + TEXT
    result = anchor(text, h)
    assert result.status is AnchorStatus.MOVED
    assert_placed(text, result.highlight)


def test_repeated_quote_goes_where_the_context_matches() -> None:
    old = "A red fox says: hello world. And then a blue cat says: hello world."
    h = highlight(old, "hello world", occurrence=1)
    new = "The blue cat says: hello world. Much later, a red fox says: hello world."
    assert new[h.start : h.end] != h.exact
    result = anchor(new, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.start == new.index("hello world")


def test_repeated_quote_with_the_same_context_goes_to_the_nearest() -> None:
    block = "These words repeat in every copy: " + "QUOTE" + " and so do these words after.\n"
    old = block * 3 + "The end."  # so every copy has a full suffix
    h = highlight(old, "QUOTE", occurrence=1)
    new = "0123456789" + block + block + "The end."  # the middle copy deleted
    result = anchor(new, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.start == h.start + 10  # the copy that was third, 10 chars away
    assert_placed(new, result.highlight)


def test_changed_characters_inside_the_quote_move_it_fuzzily() -> None:
    h = highlight(TEXT, "the structure came from theatre, where each act")
    text = "Intro. " + TEXT.replace("came from theatre", "came from the theater")
    result = anchor(text, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.exact == "the structure came from the theater, where each act"
    assert_placed(text, result.highlight)


def test_word_inserted_into_the_quote_is_included_in_the_new_span() -> None:
    old = "Before it. The quick brown fox jumps over the lazy dog. After it."
    h = highlight(old, "The quick brown fox jumps over the lazy dog")
    new = old.replace("fox jumps", "fox swiftly jumps")
    result = anchor(new, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.exact == "The quick brown fox swiftly jumps over the lazy dog"


def test_fuzzy_match_far_away_is_found() -> None:
    h = highlight(TEXT, "He said the structure came from theatre")
    text = "Unrelated. " * NEAR_CHARS + TEXT.replace("came from", "comes from")
    result = anchor(text, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.exact == "He said the structure comes from theatre"


def test_deleted_quote_is_orphaned_with_everything_kept() -> None:
    h = highlight(TEXT, "where each act plays out in real time")
    text = TEXT.replace("where each act plays out in real time", "")
    result = anchor(text, h)
    assert result.status is AnchorStatus.ORPHANED
    assert result.highlight == replace(h, orphan=True)
    again = anchor(text, result.highlight)
    assert again.status is AnchorStatus.ORPHANED
    assert again.highlight == result.highlight


def test_a_rewritten_quote_is_not_moved_onto_another_answer_like_it() -> None:
    """Its note went to another question's answer, the old words overwritten in the file
    (the safety review's F1); orphaned, it keeps them. Its own words changed beside the
    same words stay found."""
    old = (
        "Interviewer: What was hardest?\nAna: We never had enough money for the servers.\n"
        "Interviewer: And for you personally?\nAna: We never had enough time for the tests.\n"
    )
    h = highlight(old, "We never had enough money for the servers")
    rewritten = old.replace("We never had enough money for the servers", "Money was fine")
    result = anchor(rewritten, h)
    assert result.status is AnchorStatus.ORPHANED
    assert result.highlight.exact == h.exact
    corrected = old.replace("enough money for the servers", "enough money for servers")
    assert anchor(corrected, h).highlight.exact == "We never had enough money for servers"
    # At the text's end its suffix is "", which is 100% like "": no sign of anything.
    last = old.rstrip("\n").replace("enough time for the tests", "enough money for the servers")
    last = last.replace("We never had enough money for the servers.\nInterviewer", "Fine.\nI", 1)
    h = highlight(last, "We never had enough money for the servers")
    assert h.suffix == "."
    rewritten = last.replace("We never had enough money for the servers", "Budgets were fine")
    rewritten = rewritten.replace("Fine.", "We never had enough time for the tests.")
    assert anchor(rewritten, h).status is AnchorStatus.ORPHANED


def test_a_short_answer_stays_with_its_question_when_an_exchange_is_put_in_before_it() -> None:
    """The exchange put in is as long as the shift: "Yes." was at its old offsets, in the
    answer to "Did you cry?" (the safety review's F9)."""
    old = (
        "Interviewer: Tell me about the night.\nAna: It was long.\n"
        "Interviewer: Did you eat?\nAna: Yes.\nInterviewer: And after that?\nAna: We slept.\n"
    )
    start = old.index("Yes.")
    h = make_highlight(old, start, start + len("Yes."))
    inserted = "Interviewer: Did you eat?\n"
    new = old.replace(inserted, "Interviewer: Did you cry?\nAna: Yes.\n" + inserted)
    result = anchor(new, h)
    assert result.highlight.start == new.index("Did you eat?\nAna: Yes.") + len(
        "Did you eat?\nAna: "
    )
    assert result.status is AnchorStatus.MOVED


def test_a_short_quote_deleted_is_not_put_on_the_same_words_elsewhere() -> None:
    """ "Yes." with its note, deleted from one answer in another editor, went to the
    "Yes." of the next answer, said to be found again at a new place. Not found now, it
    keeps its words and note; words put in on both sides of a short quote still leave it
    found, between the words it was saved with."""
    old = (
        "Interviewer: Did you like the night shifts?\nAna: Yes. It was a good time for all "
        "of us.\nInterviewer: Would you go back?\nAna: Yes. We would go back tomorrow.\n"
    )
    deleted = [("Ana: Yes. It", "Ana: It"), ("Ana: Yes. We", "Ana: We")]
    for occurrence, edit in enumerate(deleted):
        h = highlight(old, "Yes.", occurrence)
        new = old.replace(*edit)
        result = anchor(new, h)
        assert result.status is AnchorStatus.ORPHANED
        assert result.highlight == replace(h, orphan=True)
    h = highlight(old, "Yes.", 1)
    new = old.replace("Ana: Yes. We", "Ana: Well, honestly: Yes. We really, truly", 1)
    result = anchor(new, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.start == new.index("Yes. We really")


def test_short_quote_is_not_matched_fuzzily() -> None:
    old = "one two Moss hid three"
    h = highlight(old, "Moss hid")
    assert anchor("one two Moss hxd three", h).highlight.exact == "Moss hxd"  # 8 chars
    short = highlight(old, "Moss hi")
    result = anchor("one two Moxs hi three", short)
    assert result.status is AnchorStatus.ORPHANED
    assert result.highlight.exact == "Moss hi"


def test_a_short_quote_whose_spacing_changed_is_moved_not_orphaned() -> None:
    """A Japanese subtitle file's cues were joined with a space, and are not any more:
    a quote across two cues is found without it, too short as it is to match fuzzily."""
    old = "佐藤：はい。 そうです。 毎朝 六時に 起きます。"
    h = highlight(old, "い。 そう")
    new = old.replace(" ", "")
    result = anchor(new, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.exact == "い。そう"
    assert_placed(new, result.highlight)
    rewrapped = anchor("one two\nMoss  hid", highlight("one two Moss hid", "o Moss"))
    assert rewrapped.highlight.exact == "o\nMoss"


def test_a_respaced_short_quote_near_its_place_wins_over_the_same_words_far_away() -> None:
    old = "a cat. " + "x " * 3000 + "a cat."
    h = highlight(old, "a cat", occurrence=0)
    new = old.replace("a cat. x", "a  cat. x", 1)
    result = anchor(new, h)
    assert (result.highlight.start, result.highlight.exact) == (0, "a  cat")


def test_a_short_quote_is_not_found_respaced_inside_other_words() -> None:
    """Its letters run together in "vacation" near where "a cat" was, but the words
    around it are not those around the quote: the quote goes where it is written."""
    old = "We saw a cat there. " + "x " * 3000 + "We saw a cat there."
    h = highlight(old, "a cat", occurrence=0)
    new = old.replace("We saw a cat there. x", "Our vacation started. x", 1)
    result = anchor(new, h)
    assert result.highlight.exact == "a cat"
    assert result.highlight.start == new.rindex("a cat")


INTERVIEW = (
    "Q: Why film?\nA: Because film is patient, and I am not. It waits for you while you "
    "think about what to say next.\nQ: And video?\nA: Too quick, far too quick.\n"
)


@pytest.mark.parametrize(
    ("quote", "edit", "found"),
    [
        # A double space typed into the quote: found at its place, not fuzzily as "oo
        # quick" cut from the "far too quick" after it.
        ("Too quick", ("Too quick", "Too  quick"), "Too  quick"),
        # A line added above and the quote's first word now in lower case: not "t waits".
        (
            "It waits for you while you think",
            ("It waits", "it waits"),
            "it waits for you while you think",
        ),
        # A short word in capitals: found, not orphaned.
        ("patient", ("patient", "PATIENT"), "PATIENT"),
    ],
)
def test_a_quote_only_respaced_or_recased_is_found_whole_at_its_place(
    quote: str, edit: tuple[str, str], found: str
) -> None:
    h = highlight(INTERVIEW, quote)
    new = "Intro line\n" + INTERVIEW.replace(*edit)
    result = anchor(new, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.exact == found
    assert result.highlight.start == new.index(found)
    assert_placed(new, result.highlight)


def test_a_quote_matched_fuzzily_is_not_cut_into_a_word() -> None:
    """Recased and with a letter gone, the quote is found fuzzily; its best-scoring span
    began after the lower-case "i" ("t wait for you"): widened to the whole word."""
    h = highlight(INTERVIEW, "It waits for you")
    new = INTERVIEW.replace("It waits", "it wait")
    result = anchor(new, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.exact == "it wait for you"


def test_a_longer_quote_is_not_found_respaced_inside_another_word() -> None:
    """Found word by word, a quote that began a word does not begin inside one: "bobcat
    sat on" is not "cat sat on" moved."""
    old = "the cat sat on the mat today"
    h = highlight(old, "cat sat on")
    result = anchor("the bobcat  sat on the mat today", h)
    assert result.highlight.exact != "cat  sat on"


def test_summary_message() -> None:
    assert AnchorSummary(37, 2, 1).message() == (
        "The transcript changed since last time: 39 of 40 highlights found again (2 at a "
        "new place); 1 not found in the text, kept with its words under Not found in "
        "the Annotations list."
    )
    assert AnchorSummary(0, 3, 0).message() == (  # "0 kept" read as if all were lost
        "The transcript changed since last time: all 3 highlights found again (3 at a new place)."
    )
    assert AnchorSummary(1, 0, 0).message("It changed on disk") == (
        "It changed on disk: the highlight found again."
    )
    assert AnchorSummary(0, 0, 0).message() == ""  # not "all 0 highlights found again"


def test_reanchor_all_counts_and_keeps_order() -> None:
    quotes = ["Moss rehearsed", "real time", "Perry wrote", "the structure"]
    hs = [highlight(TEXT, q) for q in quotes]
    text = TEXT.replace("Moss rehearsed", "Moss practised").replace("in real", "in more real")
    results, summary = reanchor_all(text, hs)
    assert [r.highlight.id for r in results] == [h.id for h in hs]
    assert [r.status for r in results] == ["orphaned", "moved", "kept", "kept"]
    assert (summary.kept, summary.moved, summary.orphaned) == (2, 1, 1)


def test_reanchor_all_follows_many_shifts() -> None:
    paragraphs = [f"Paragraph {i} says something about scene {i * 7}." for i in range(400)]
    old = "\n".join(paragraphs)
    hs = [highlight(old, f"something about scene {i * 7}.") for i in range(0, 400, 3)]
    for i in range(0, 400, 10):
        paragraphs[i] = "Inserted words at the start. " * 3 + paragraphs[i]
    new = "\n".join(paragraphs)
    results, summary = reanchor_all(new, hs)
    assert summary.orphaned == 0
    for old_h, result in zip(hs, results, strict=True):
        assert result.highlight.exact == old_h.exact
        assert_placed(new, result.highlight)


NON_BMP = "Scene 🎬 one: café and cafe\u0301, 映画の撮影, שלום עולם, مرحبا بالعالم, 🎬🎞️ end."


@pytest.mark.parametrize(
    "quote", ["🎬 one", "cafe\u0301,", "映画の撮影", "שלום עולם", "مرحبا بالعالم", "🎞️ end"]
)
def test_non_bmp_text_keeps_offsets_in_code_points(quote: str) -> None:
    h = highlight(NON_BMP, quote)
    for text in (NON_BMP, "🎬👩‍👩‍👧 inserted. " + NON_BMP, "前" + NON_BMP.replace("撮影", "撮")):
        result = anchor(text, h)
        if result.status is not AnchorStatus.ORPHANED:
            assert_placed(text, result.highlight)
    moved = anchor("🎬 " + NON_BMP, h)
    assert moved.status is AnchorStatus.MOVED
    assert moved.highlight.exact == quote


def test_non_bmp_fuzzy_match() -> None:
    h = highlight(NON_BMP, "映画の撮影, שלום עולם")
    text = "🎬🎬 " + NON_BMP.replace("שלום", "שלוס")
    result = anchor(text, h)
    assert result.status is AnchorStatus.MOVED
    assert result.highlight.exact == "映画の撮影, שלוס עולם"
    assert_placed(text, result.highlight)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(min_size=1, max_size=300),
    span=st.tuples(st.integers(0, 299), st.integers(1, 80)),
    cuts=st.tuples(st.integers(0, 300), st.integers(0, 300)),
    before=st.text(max_size=100),
    after=st.text(max_size=100),
)
@example(text="0", span=(0, 1), cuts=(0, 0), before="", after="\u200d")  # joins the "0"
@example(text="0", span=(0, 1), cuts=(0, 0), before="0\u0300", after="")  # another letter
@example(text="0" * 14 + "1" + "0" * 9, span=(8, 8), cuts=(0, 0), before="0", after="")
@example(  # the saved words after it found in the insert, the quote cut short before them
    text="0" * 15 + "1" + "0" * 7 + "1", span=(8, 8), cuts=(8, 0), before="0" * 13 + "1", after=""
)
@example(  # found only like itself, among more of its letters: not widened by one
    text="1" * 8 + "0" * 14, span=(184, 10), cuts=(184, 0), before="000", after=""
)
@example(text="1" * 10 + "0" * 11, span=(199, 10), cuts=(82, 0), before="0000", after="")
def test_text_inserted_outside_the_span_keeps_the_quote(
    text: str, span: tuple[int, int], cuts: tuple[int, int], before: str, after: str
) -> None:
    start = span[0] % len(text)
    end = min(len(text), start + span[1])
    h = make_highlight(text, start, end)
    cut_before = cuts[0] % (start + 1)  # anywhere before the span
    cut_after = end + cuts[1] % (len(text) - end + 1)  # anywhere after it
    new = text[:cut_before] + before + text[cut_before:cut_after] + after + text[cut_after:]
    result = anchor(new, h)
    # Its place is told by the words saved beside it (a side of fewer than MIN_CONTEXT_CHARS,
    # at the text's edge, tells nothing). An insert that leaves them whole on one side, or on
    # each side further off (put in just beside the quote), keeps it found; one that cuts
    # into them may leave it not found, as it says: "Yes." deleted from one answer is not
    # the "Yes." of another (test_a_short_quote_deleted_is_not_put_on_the_same_words_elsewhere).
    sides = [
        (h.prefix, not before or cut_before <= start - len(h.prefix), cut_before == start),
        (h.suffix, not after or cut_after >= end + len(h.suffix), cut_after == end),
    ]
    told = [(len(saved) >= MIN_CONTEXT_CHARS, whole, beside) for saved, whole, beside in sides]
    if result.status is AnchorStatus.ORPHANED:
        assert not any(tells and whole for tells, whole, _ in told)
        assert not all(not tells or whole or beside for tells, whole, beside in told)
        assert result.highlight == replace(h, orphan=True)
        return
    # The quote stays, widened only where an insert joins its edge (a ZWJ, an accent).
    placed = start + len(before)
    if whole_characters(new, placed, placed + len(h.exact)) == (placed, placed + len(h.exact)):
        assert result.highlight.exact == h.exact
    else:
        assert h.exact in result.highlight.exact
    assert_placed(new, result.highlight)


VOWELLESS = "بدأت في عام ٢٠١٩، بعد أن أغلق المخبز. كتب أبي اسمي على اللافتة."


@pytest.mark.parametrize(
    ("quote", "bare", "vocalised", "placed"),
    [
        ("أغلق المخبز. كتب", "كتب", "كَتَبَ", "أغلق المخبز. كَتَبَ"),  # fuzzily
        ("بعد أن أغلق", "أغلق", "أغلقَ", "بعد أن أغلقَ"),  # kept where it was
    ],
)
def test_vowel_marks_added_after_a_quote_join_it(
    quote: str, bare: str, vocalised: str, placed: str
) -> None:
    """An Arabic transcript given its vowel marks: a quote that ended with a letter ends
    after the mark now on it, not between the two."""
    text = VOWELLESS.replace(bare, vocalised)
    result = anchor(text, highlight(VOWELLESS, quote))
    assert result.highlight.exact == placed
    assert_placed(text, result.highlight)


def test_placed_again_from_before_while_only_re_anchoring_changed_them() -> None:
    """A change of the open transcript places the highlights from where they were before
    the change before it, while nothing else has moved them (a half-written transcript
    shortened a quote for good, and a note given meanwhile made that stick)."""
    from reader.core.anchoring import PlacedAgain

    text = "Letters, boxes of them, written to him while he was at sea for three years. Then?"
    start = text.index("boxes")
    before = make_highlight(text, start, text.index(" Then"))
    half = text[: text.index(" years.")]
    memory = PlacedAgain()
    results, summary = reanchor_all(half, memory.originals([before]))
    placed = [r.highlight for r in results]
    memory.remember([before], placed)
    assert placed[0].exact != before.exact and summary.reworded == 1
    assert "1 of them on changed words" in summary.message()
    assert memory.originals(placed) == [before]
    # A note given meanwhile goes with it; a highlight moved by the user stays where it is.
    edited = replace(placed[0], note="mine now")
    assert memory.originals([edited]) == [replace(before, note="mine now")]
    widened = replace(placed[0], start=placed[0].start - 1)
    assert memory.originals([widened]) == [widened]
    results, summary = reanchor_all(text, memory.originals(placed))
    memory.remember([before], [r.highlight for r in results])
    assert results[0].highlight.exact == before.exact and summary.reworded == 0
    assert memory.originals([results[0].highlight]) == [results[0].highlight]


def test_a_quote_found_respaced_is_not_on_changed_words() -> None:
    """Cues joined without their space: the same words, not "changed words"."""
    before_text = "Letters, boxes of them,  written to him while he was at sea. Then?"
    start = before_text.index("boxes")
    before = make_highlight(before_text, start, before_text.index(" Then"))
    text = before_text.replace(",  ", ", ")
    results, summary = reanchor_all(text, [before])
    assert results[0].highlight.exact == "boxes of them, written to him while he was at sea."
    assert summary.moved == 1 and summary.reworded == 0


def _snap_one_ratio_at_a_time(
    text: str, exact: str, start: int, end: int
) -> tuple[int, int] | None:
    """The spans' ends as `_snap` found them before it scored them in one pass: rapidfuzz
    asked for each candidate end, then each start (the oracle of the test below)."""
    from rapidfuzz import fuzz

    reach = len(exact) // 4 + 1

    def score(s: int, e: int) -> float:
        return fuzz.ratio(exact, text[s:e])

    ends = range(max(start + 1, end - reach), min(len(text), end + reach) + 1)
    new_end = max(ends, key=lambda e: (score(start, e), -abs(e - end)))
    starts = range(max(0, start - reach), min(new_end - 1, start + reach) + 1)
    new_start = max(starts, key=lambda s: (score(s, new_end), -abs(s - start)))
    if score(new_start, new_end) < FUZZY_THRESHOLD:
        return None
    whole = _whole_words(text, exact, new_start, new_end, reach)
    return whole if score(*whole) >= FUZZY_THRESHOLD else (new_start, new_end)


LETTERS = "ab c.é🎬"  # few, so that spans score alike and their ties are broken alike


@settings(max_examples=500, deadline=None)
@given(
    before=st.text(alphabet=LETTERS, max_size=60),
    exact=st.text(alphabet=LETTERS, min_size=1, max_size=80),
    edits=st.lists(
        st.tuples(st.integers(0, 79), st.text(alphabet=LETTERS, max_size=3)), max_size=4
    ),
    after=st.text(alphabet=LETTERS, max_size=60),
    moved=st.tuples(st.integers(-20, 20), st.integers(-20, 20)),
)
def test_a_fuzzy_span_is_snapped_to_the_same_ends_as_one_ratio_at_a_time(
    before: str, exact: str, edits: list[tuple[int, str]], after: str, moved: tuple[int, int]
) -> None:
    changed = exact
    for at, put in edits:  # a few letters replaced, put in or taken out
        at %= len(changed) + 1
        changed = changed[:at] + put + changed[at + 1 :]
    text = before + changed + after
    if not text:
        return
    start = min(len(text) - 1, max(0, len(before) + moved[0]))
    end = min(len(text), max(start + 1, len(before) + len(changed) + moved[1]))
    assert _snap(text, exact, start, end) == _snap_one_ratio_at_a_time(text, exact, start, end)


@settings(max_examples=300, deadline=None)
@given(quote=st.text(min_size=1, max_size=90), span=st.text(max_size=90))
def test_prefix_ratios_are_rapidfuzz_ratios_to_the_bit(quote: str, span: str) -> None:
    from rapidfuzz import fuzz

    assert _prefix_ratios(quote, span) == [
        fuzz.ratio(quote, span[:j]) for j in range(len(span) + 1)
    ]


BAKERY = (
    "I started at the bakery on Main Street in 2009, and my father painted my name on the "
    "sign above the door in green letters."
)
SERVERS = (
    "We never had enough money for the servers, so every winter we had to choose between "
    "heating the office and keeping the machines running."
)


def timed(turns: list[str]) -> str:
    """`turns` each opening with its time, "[00:00:06] Ana: Yes.", a blank line between."""
    return "".join(f"[00:00:{7 * i + 6:02d}] {turn}\n\n" for i, turn in enumerate(turns))


def without_times(text: str) -> str:
    return re.sub(r"(?m)^\[00:00:\d\d\] ", "", text)


def test_a_long_turn_said_twice_stays_on_its_own_copy_when_the_times_are_removed() -> None:
    """Its time gone, the turn is found only alike; the first copy scored a hair better
    (a letter of the time matching the question before it) and took its note."""
    before = timed(
        [
            "Interviewer: What do you mean by that?",
            f"Ana: {BAKERY}",
            "Interviewer: Why do you think that was?",
            "Ana: Yes.",
            "Interviewer: And then what happened?",
            f"Ana: {BAKERY}",
            "Interviewer: How did that make you feel?",
        ]
    )
    after = without_times(before)
    h = anchor(after, highlight(before, f"[00:00:41] Ana: {BAKERY}")).highlight
    assert (h.start, h.exact) == (after.rindex(f"Ana: {BAKERY}"), f"Ana: {BAKERY}")


def test_a_deleted_long_turn_said_elsewhere_too_is_said_lost_not_put_on_a_copy() -> None:
    """Exported again without times and without one of three turns alike: nearly its words,
    the copies between other words each took it, its note on another turn."""
    turns = [
        "Interviewer: Did you like the work?",
        f"Ana: {SERVERS}",
        "Interviewer: Why do you think that was?",
        "Ana: Yes.",
        "Interviewer: How did that make you feel?",
        f"Ana: {SERVERS}",
        "Interviewer: How did it end?",
        "Ana: No.",
        "Interviewer: Who paid for it?",
        f"Ana: {SERVERS}",
        "Interviewer: Thank you.",
    ]
    before = timed(turns)
    quote = f"[00:00:41] Ana: {SERVERS}"
    after = without_times(before.replace(f"{quote}\n\n", ""))
    result = anchor(after, highlight(before, quote))
    assert result.status is AnchorStatus.ORPHANED
    assert (result.highlight.start, result.highlight.exact) == (before.index(quote), quote)


def turns(lines: list[str]) -> str:
    """`lines` as an untimed transcript, a blank line between turns."""
    return "\n\n".join(lines) + "\n"


def test_a_turn_said_again_at_another_time_is_not_its_own_when_it_was_deleted() -> None:
    """The times kept, an answer deleted with the question after it: its words said at
    another time differ only in the time, and were taken for its own words corrected; its
    note went to the other turn."""
    before = timed(
        [
            "Interviewer: Did you like the work?",
            f"Ana: {SERVERS}",
            "Interviewer: How did it end?",
            "Ana: Yes.",
            "Interviewer: Who paid for it?",
            f"Ana: {SERVERS}",
            "Interviewer: Thank you.",
        ]
    )
    quote = f"[00:00:13] Ana: {SERVERS}"
    after = before.replace(f"{quote}\n\n[00:00:20] Interviewer: How did it end?\n\n", "")
    result = anchor(after, highlight(before, quote))
    assert result.status is AnchorStatus.ORPHANED
    assert (result.highlight.start, result.highlight.exact) == (before.index(quote), quote)


def test_a_deleted_turn_is_not_put_on_its_copy_beside_the_same_question() -> None:
    """The words it stood between now meet where it was: its copy, after the same question
    elsewhere, agreed on one side, and took the note."""
    before = turns(
        [
            "Interviewer: Did you like the work?",
            f"Ana: {SERVERS}",
            "Interviewer: How did it end?",
            "Ana: No.",
            "Interviewer: Did you like the work?",
            f"Ana: {SERVERS}",
            "Interviewer: Thank you.",
        ]
    )
    quote = f"Ana: {SERVERS}"
    after = before.replace(f"{quote}\n\n", "", 1)
    result = anchor(after, highlight(before, quote))
    assert result.status is AnchorStatus.ORPHANED


def test_two_highlights_on_copies_of_an_exchange_one_deleted_are_not_both_on_the_other() -> None:
    """The same question and answer twice, the first exchange deleted: both answers'
    highlights went to the second, the deleted one's note with them."""
    exchange = ["Interviewer: Can you tell me more about that?", f"Ana: {BAKERY}"]
    before = turns(["Interviewer: Hello.", *exchange, *exchange, "Interviewer: How did it end?"])
    after = before.replace(turns(exchange), "", 1)
    first, second = (highlight(before, f"Ana: {BAKERY}", k) for k in (0, 1))
    results, summary = reanchor_all(after, [first, second])
    assert results[0].status is AnchorStatus.ORPHANED
    assert_placed(after, results[1].highlight)
    assert results[1].highlight.start == after.index(f"Ana: {BAKERY}")
    assert (summary.kept + summary.moved, summary.orphaned) == (1, 1)


def test_a_question_is_found_beside_the_answer_before_it_when_the_times_are_removed() -> None:
    """Exported again without times, the answer after it deleted: the words before it
    were the same answer's, but the time and speaker's name were most of what it saved
    with them, and a question asked twice was said not found."""
    question = "Interviewer: How did that make you feel?"
    before = timed(
        [
            "Interviewer: Did you like the work?",
            "Ana: No.",
            question,
            "Ana: They came at eight, always the same faces, and they paid in coins.",
            "Interviewer: Why?",
            "Ana: Yes.",
            question,
            "Ana: I see.",
            "Interviewer: Bye.",
        ]
    )
    after = re.sub(r"\n\nAna: They came.*\n", "\n", without_times(before))
    h = anchor(after, highlight(before, f"[00:00:20] {question}")).highlight
    assert_placed(after, h)
    assert (h.start, h.exact) == (after.index(question), question)


def test_answers_said_twice_stay_on_their_own_turns_when_an_exchange_moves() -> None:
    """An exchange swapped with the next and "Interviewer:" made "I:": neither answer's
    note is taken for the other's, nor said not found for being said twice."""
    asked = "Interviewer: And in winter?"
    exchange = ["Interviewer: Did you like the work?", "Ana: Yes."]
    rest = ["Interviewer: Why do you think that was?", f"Ana: {SERVERS}", "Interviewer: Bye."]
    hello = ["Interviewer: Hello.", "Ana: Hi."]
    before = turns([*hello, asked, f"Ana: {SERVERS}", *exchange, *rest])
    after = turns([*hello, *exchange, asked, f"Ana: {SERVERS}", *rest])
    after = after.replace("Interviewer:", "I:")
    made = [highlight(before, f"Ana: {SERVERS}", k) for k in (0, 1)]
    placed = [r.highlight for r in reanchor_all(after, made)[0]]
    for h in placed:
        assert_placed(after, h)
    first = after.index(f"Ana: {SERVERS}")
    assert [h.start for h in placed] == [first, after.index(f"Ana: {SERVERS}", first + 1)]


def test_short_turns_said_again_and_again_each_stay_on_their_own_when_times_are_removed() -> None:
    """Every turn highlighted, the times taken off: a turn found as its words did not tell
    the next where to look, the place each was looked for drifted a time's length a turn,
    and after the first dozen or so most went to the turns alike beside their own, or
    were not found."""
    questions = [
        "Interviewer: And then what happened?",
        "Interviewer: Can you tell me more about that?",
    ]
    answers = ["Ana: Yes.", "Ana: No.", "Ana: Right.", "Ana: Okay."]
    said = [turn for k in range(20) for turn in (questions[k % 2], answers[k % 4])]
    before = "".join(f"[00:{k // 60:02d}:{k % 60:02d}] {turn}\n\n" for k, turn in enumerate(said))
    after = re.sub(r"(?m)^\[00:\d\d:\d\d\] ", "", before)
    made = [make_highlight(before, m.start(), m.end()) for m in re.finditer(r"(?m)^\[.+$", before)]
    placed = [r.highlight for r in reanchor_all(after, made)[0]]
    starts = [m.start() for m in re.finditer(r"(?m)^\S", after)]
    assert [(h.start, h.orphan) for h in placed] == [(start, False) for start in starts]
