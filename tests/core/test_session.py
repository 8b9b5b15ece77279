"""Tests of Session: structure corrections, highlight bookkeeping and range queries, re-opening."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.anchoring import AnchorSummary
from reader.core.annotations import Highlight, make_highlight
from reader.core.codebook import tag_code_id
from reader.core.document import Document, load_document
from reader.core.interview import Role, detect_segments
from reader.core.markdown_links import quote_label
from reader.core.notes_file import NotesData, RoleCorrection, parse, serialise
from reader.core.session import PLACES_WRONG, Session
from reader.core.structure_cache import MIN_CHARS, cache_folder

BUNDLED = Path(__file__).parents[2] / "resources" / "her-smell-interview.txt"
QUOTE = "Everything in the movie is very specifically scripted."
GONE = "Shot on the same Sony Hi8 Handycam, my actual camera from high school"


def make_document(text: str, name: str = "doc.txt") -> Document:
    return Document(text=text, title="Doc", source=f"/tmp/{name}", encoding="utf-8")


@pytest.fixture(scope="module")
def bundled() -> Document:
    return load_document(BUNDLED)


def quote_highlight(text: str, quote: str) -> Highlight:
    start = text.index(quote)
    return make_highlight(text, start, start + len(quote))


def reopen(session: Session, document: Document | None = None) -> Session:
    """Save the notes to bytes and open them again, as the app does on the next start."""
    return Session.open(document or session.document, parse(serialise(session.notes)))


def in_document_order(highlights: list[Highlight]) -> bool:
    keys = [(h.start, h.end) for h in highlights]
    return keys == sorted(keys)


# --- opening ----------------------------------------------------------------------------


def test_a_long_document_opens_with_its_structure_from_the_cache(bundled: Document) -> None:
    """Without `detected`, a long text's structure comes from the structure cache, as it
    does when the app opens a file: written once, then read back (an entry changed behind
    the cache's back, keeping its key, is what the next open gets); a short text's is
    detected each time."""
    copies = MIN_CHARS // len(bundled.text) + 1
    text = "".join(f"{bundled.text.rstrip()} [{n}]\n" for n in range(copies))
    long = make_document(text, "long.txt")
    assert Session.open(long, None).detected == detect_segments(text)
    entry = cache_folder() / f"{long.sha256}.json"
    data = orjson.loads(entry.read_bytes())
    data["segments"][0][2] = list(Role).index(Role.CLOSING)
    entry.write_bytes(orjson.dumps(data))
    assert Session.open(long, None).detected[0].role is Role.CLOSING
    assert Session.open(bundled, None).detected == detect_segments(bundled.text)
    assert [p.name for p in cache_folder().iterdir()] == [entry.name]


def test_open_without_notes(bundled: Document) -> None:
    """No notes file: fresh notes for this document and the detected structure as it is."""
    session = Session.open(bundled, None)
    assert session.notes.document == bundled.meta()
    assert session.notes.highlights == []
    assert session.notes.notes == ""
    assert session.anchor_summary is None
    assert session.segments == detect_segments(bundled.text)
    assert session.segments == session.detected


def test_reopen_of_the_same_document_has_no_anchor_summary(bundled: Document) -> None:
    """Notes made on this very text open silently, every highlight where it was."""
    session = Session.open(bundled, None)
    session.add_highlight(quote_highlight(bundled.text, QUOTE))
    again = reopen(session)
    assert again.anchor_summary is None
    assert again.notes.highlights == session.notes.highlights


def test_notes_of_this_very_text_are_not_placed_again_unless_one_left_its_span(
    bundled: Document,
) -> None:
    """The text the notes were saved with (its hash matches) keeps each highlight as it
    is, the same object; one that no longer quotes its span (a hand edit of the file) has
    them all placed again, and that is said (it was not: the notes review), not as a
    change of the text; an orphan left an orphan is not said again."""
    session = Session.open(bundled, None)
    session.add_highlight(quote_highlight(bundled.text, QUOTE))
    session.add_highlight(quote_highlight(bundled.text, GONE))
    notes = parse(serialise(session.notes))
    saved = list(notes.highlights)
    opened = Session.open(bundled, notes).notes.highlights
    assert len(opened) == 2 and all(h is s for h, s in zip(opened, saved, strict=True))
    edited = parse(serialise(session.notes))
    moved = replace(edited.highlights[0], start=0, end=len(QUOTE))  # the quote is elsewhere
    edited.highlights[0] = moved
    again = Session.open(bundled, edited)
    assert again.anchor_summary is not None
    assert again.anchor_summary.message() == (
        f"{PLACES_WRONG}: all 2 highlights found again (1 at a new place)."
    )
    assert [(h.start, h.end) for h in again.notes.highlights] == [(h.start, h.end) for h in saved]
    lost = replace(edited.highlights[1], start=1, end=2, exact="words not in the text")
    once = Session.open(bundled, replace(edited, highlights=[saved[0], lost]))
    assert once.anchor_summary is not None and once.anchor_summary.orphaned == 1
    assert Session.open(bundled, once.notes).anchor_summary is None  # an orphan already


# --- structure corrections --------------------------------------------------------------


def test_set_role_survives_a_save_and_reopen(bundled: Document) -> None:
    """A role correction is stored with its quote and applied again after a round trip."""
    session = Session.open(bundled, None)
    intro = session.segments[3]
    answer = next(seg for seg in session.segments if seg.role is Role.ANSWER)
    assert intro.role is Role.INTRO
    session.set_role(intro.start, Role.ASIDE)
    session.set_role(answer.start, Role.QUESTION)
    assert session.segments[3].role is Role.ASIDE
    assert session.segment_at(answer.start).role is Role.QUESTION  # type: ignore[union-attr]
    assert session.notes.roles[0] == RoleCorrection(
        intro.start, bundled.text[intro.start : intro.start + 32], Role.ASIDE
    )

    again = reopen(session)
    assert again.notes.roles == session.notes.roles
    assert again.segments == session.segments
    assert again.segments[3].role is Role.ASIDE


def test_set_role_again_replaces_the_correction(bundled: Document) -> None:
    """One correction per paragraph: the newest choice wins and the old one is dropped."""
    session = Session.open(bundled, None)
    start = session.segments[3].start
    session.set_role(start, Role.ASIDE)
    session.set_role(start, Role.CLOSING)
    assert [c.role for c in session.notes.roles] == [Role.CLOSING]
    assert session.segments[3].role is Role.CLOSING


def test_restore_role_corrections_undoes(bundled: Document) -> None:
    """Restoring an earlier list of corrections restores the earlier structure."""
    session = Session.open(bundled, None)
    before, corrections = list(session.segments), session.role_corrections()
    session.set_role(session.segments[3].start, Role.ASIDE)
    assert session.segments != before
    session.restore_role_corrections(corrections)
    assert session.segments == before


def test_role_correction_follows_its_paragraph_when_the_text_moves(bundled: Document) -> None:
    """Text inserted above a corrected paragraph: the correction finds it by its quote."""
    session = Session.open(bundled, None)
    session.set_role(session.segments[3].start, Role.ASIDE)
    changed = make_document("A new first paragraph, added later.\n\n" + bundled.text)
    again = reopen(session, changed)
    moved = next(
        seg for seg in again.segments if changed.text.startswith("I was fortunate", seg.start)
    )
    assert moved.role is Role.ASIDE


def test_a_role_correction_on_a_repeated_line_stays_on_its_own_copy() -> None:
    """The second of two identical prompts marked an aside, then text added at the top:
    the correction is found on the copy it was made on, nearest where the edit moved it
    (the shift of the correction above tells), not on the first; the notes keep its new
    start."""
    prompt = "Interviewer: Right, and then what happened?"
    text = (
        f"Interviewer: How did you start?\n\nAna: On nights.\n\n{prompt}\n\n"
        f"Ana: I moved to days.\n\n{prompt}\n\nAna: I left the clinic.\n"
    )
    session = Session.open(make_document(text), None)
    session.set_role(0, Role.OTHER)
    session.set_role(text.rindex(prompt), Role.ASIDE)
    added = "Recorded at the clinic on 3 March, in the staff room, with the door closed.\n\n"
    edited = make_document(added + text.replace("On nights", "On nights, mostly"))
    again = reopen(session, edited)
    first, second = edited.text.index(prompt), edited.text.rindex(prompt)
    assert again.segment_at(first).role is Role.QUESTION  # type: ignore[union-attr]
    assert again.segment_at(second).role is Role.ASIDE  # type: ignore[union-attr]
    assert [c.start for c in again.notes.roles] == [len(added), second]


def test_a_short_paragraph_marked_a_question_keeps_it_after_the_next_one_is_edited() -> None:
    """ "Okay." marked a question, then a typo put right in the answer after it: the
    correction's quote is the paragraph's own words, so it is found again."""
    text = (
        "Interviewer: Tell me about the ward.\n\nAna: I work nights.\n\n"
        "Interviewer: Okay.\n\nAna: Anyway, the nights are long.\n"
    )
    session = Session.open(make_document(text), None)
    start = text.index("Interviewer: Okay.")
    session.set_role(start, Role.QUESTION)
    assert session.notes.roles[0].quote == "Interviewer: Okay."
    again = reopen(session, make_document(text.replace("Anyway, the", "Anyway the")))
    assert again.segment_at(start).role is Role.QUESTION  # type: ignore[union-attr]
    assert [number for _, number in again.questions] == [1, 2]


def test_a_role_correction_saved_with_the_next_paragraphs_words_is_found_after_an_edit() -> None:
    """Notes saved before: the quote of "Okay." ran on into the answer after it; a typo
    put right there no longer loses the correction."""
    text = "Interviewer: Tell me.\n\nAna: Nights.\n\nInterviewer: Okay.\n\nAna: Anyway, the rest.\n"
    start = text.index("Interviewer: Okay.")
    notes = NotesData(document=make_document(text).meta())
    notes.roles = [RoleCorrection(start, text[start : start + 32], Role.QUESTION)]
    edited = make_document(text.replace("Anyway, the", "Anyway the"))
    again = Session.open(edited, parse(serialise(notes)))
    assert again.shown_role(again.segment_index_at(start)) is Role.QUESTION


def test_a_short_paragraphs_correction_never_lands_on_a_longer_one_opening_alike() -> None:
    """ "Okay." marked an aside, then deleted from the transcript: the correction is kept
    unapplied, not put on "Okay. So what happened next?", a question, below it."""
    okay, asked = "Interviewer: Okay.\n\n", "Interviewer: Okay. So what happened next?"
    text = (
        f"Interviewer: Tell me.\n\nAna: Nights.\n\n{okay}Ana: Anyway.\n\n{asked}\n\nAna: I left.\n"
    )
    session = Session.open(make_document(text), None)
    session.set_role(text.index(okay), Role.ASIDE)
    edited = make_document(text.replace(okay, ""))
    again = reopen(session, edited)
    assert again.segment_at(edited.text.index(asked)).role is Role.QUESTION  # type: ignore[union-attr]
    assert [c.role for c in again.notes.roles] == [Role.ASIDE]


def test_rename_speaker_applies_and_survives_a_round_trip(bundled: Document) -> None:
    """Renaming a detected speaker renames every paragraph they speak, also after reopening."""
    session = Session.open(bundled, None)
    answers = [i for i, seg in enumerate(session.segments) if seg.role is Role.ANSWER]
    assert answers and all(session.segments[i].speaker == "Interviewee" for i in answers)
    session.rename_speaker("Interviewee", "Alex Ross Perry")
    assert {session.segments[i].speaker for i in answers} == {"Alex Ross Perry"}
    assert all(seg.speaker != "Interviewee" for seg in session.segments), (
        "no paragraph keeps the old name"
    )
    assert reopen(session).segments == session.segments

    session.rename_speaker("Interviewee", "Interviewee")  # back to the detected name
    assert session.notes.speakers == {}
    assert session.segments == session.detected


STUDENT = Path(__file__).parents[1] / "data" / "student"
OUTLINES = {  # each question's number and the start of its words, as the outline shows them
    "P01-zoom.vtt": [
        (1, "Thank you for agreeing to talk with me today. Could you"),
        (2, "How did the scanner, the counting, change how you thought"),  # "Mm-hm." left out
        (3, "And the other workers, did you have friends there?"),
    ],
    "P02-teams.vtt": [
        (1, "Okay, the recording has started. Can you describe a norm"),
        (2, "Called in meaning a meeting with the manager?"),
        (3, "What helps you get through the week?"),
    ],
    "P03.srt": [
        (1, "When did you first hear about the union drive?"),
        (2, "What did people say about it?"),
    ],
    # No speakers: a question's end and a short pause make the turns (they were one
    # paragraph, no question in it).
    "P04-whisper.json": [
        (1, "So what made you decide to leave the job?"),
        (2, "And did the company help you with that?"),
    ],
    "P05-otter.txt": [
        (1, "Thanks again. Let's start with your role. What do you do"),
        (2, "How does that feel, telling them?"),
        (3, "Do you have any say in the targets?"),
    ],
    BUNDLED.name: [
        (1, "The movie is wild, and Elisabeth Moss’ performance is ju"),
        (2, "I assume you don’t want it to feel too measured, but at "),
        (3, "What about the interludes in between the 5 main sections"),
        (4, "Like home video footage, I’m assuming?"),
        (5, "You’ve worked with Elizabeth on several films now. How h"),
        (6, "How did you lock down all this talent in the cast?"),
        (7, "Was there any particular group influence, or stories fro"),
        (8, "So how did you settle on the musical style, can you talk"),
        (9, "You’ve spoken in the past about problems with the indepe"),
        (10, "There’s an argument to be made that Disney, Marvel, Netf"),
        (11, "So Netflix has never reached out to your or anything abo"),
        (12, "As a writer and filmmaker, are you consciously thinking "),
        (13, "Well, you did so much with all the scenes, it almost fel"),
    ],
}


@pytest.mark.parametrize("name", list(OUTLINES))
def test_the_outline_of_each_sample_transcript(name: str) -> None:
    """The questions of the transcripts of each shape, as the outline lists them."""
    path = BUNDLED if name == BUNDLED.name else STUDENT / name
    session = Session.open(load_document(path), None)
    rows = [(number, session.question_words(index)) for index, number in session.questions]
    expected = OUTLINES[name]
    pairs = zip(rows, expected, strict=True)
    assert [(n, words[: len(start)]) for (n, words), (_, start) in pairs] == expected


def test_a_question_typed_with_line_breaks_reads_on_in_its_outline_row() -> None:
    """Found by a new user's .txt that Word saved "with line breaks": each question's row
    in the outline ended where its first line did ("…back in the"), its question mark on
    the next. The row reads on to the sentence's end; a question of two sentences on two
    lines stays its first."""
    text = (
        "Interviewer: So how did it all start for you, back in the\n"
        "day when the garden was new?\n\n"
        "Amal: With three raised beds.\n\n"
        "Interviewer: Right. And the neighbours?\nWhat did they say?\n\n"
        "Amal: They laughed.\n"
    )
    session = Session.open(make_document(text), None)
    rows = [(number, session.question_words(index)) for index, number in session.questions]
    assert rows == [
        (1, "So how did it all start for you, back in the day when the garden was new?"),
        (2, "And the neighbours?"),
    ]


def test_an_arabic_question_ends_at_its_question_mark_in_its_outline_row() -> None:
    """Since the rows read on to a sentence's end, an Arabic question ending in "؟" read on
    into the interviewer's next line: its row said "وماذا عن الليل؟ كان صعبا." where an
    English one stopped at its "?"."""
    text = (
        "المحاور: كيف بدأت؟\nحدثني عن عائلتك أيضا.\n\nالمشارك: بدأت في عام 2015.\n\n"
        "المحاور: وماذا عن الليل؟\nكان صعبا.\n\nالمشارك: نعم.\n"
    )
    session = Session.open(make_document(text), None)
    rows = [(number, session.question_words(index)) for index, number in session.questions]
    assert rows == [(1, "كيف بدأت؟"), (2, "وماذا عن الليل؟")]


# --- highlights: order and bookkeeping --------------------------------------------------

TEXT = ("Q: Why theatre? 🎬\nA: Each act plays out in real time — “live”.\n\n" * 6).strip()
spans = st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 40)).map(
    lambda s: (s[0], min(len(TEXT), s[0] + s[1]))
)


def test_add_remove_replace_keep_document_order() -> None:
    """Highlights stay sorted by (start, end) whatever order they are added in."""
    session = Session.open(make_document(TEXT), None)
    late, early, middle = (make_highlight(TEXT, a, b) for a, b in [(50, 60), (2, 8), (20, 30)])
    for h in (late, early, middle):
        session.add_highlight(h)
    assert session.notes.highlights == [early, middle, late]

    assert session.remove_highlight(middle.id) == middle
    assert session.notes.highlights == [early, late]
    with pytest.raises(KeyError):
        session.remove_highlight(middle.id)

    moved = replace(early, start=70, end=75, exact=TEXT[70:75])
    assert session.replace_highlight(moved) == early
    assert session.notes.highlights == [late, moved]
    assert session.highlight(moved.id) == moved
    assert session.highlight(middle.id) is None


def test_set_highlights_takes_another_writers_list_and_its_lookups() -> None:
    session = Session.open(make_document(TEXT), None)
    gone, kept, new = (make_highlight(TEXT, a, b) for a, b in [(2, 8), (20, 30), (50, 60)])
    session.add_highlight(gone)
    session.add_highlight(kept)
    written = [new, kept]  # a notes file's highlights may be in any order
    session.set_highlights(written)
    assert session.notes.highlights == [kept, new] and written == [new, kept]
    assert session.highlight(gone.id) is None and session.highlight(new.id) == new
    assert session.highlights_at(55) == [new]


@settings(max_examples=100)
@given(
    initial=st.lists(spans, max_size=12),
    ops=st.lists(
        st.tuples(st.sampled_from(["add", "remove", "replace", "orphan"]), spans, st.integers(0)),
        max_size=25,
    ),
    queries=st.lists(spans, min_size=1, max_size=10),
)
def test_overlap_queries_match_brute_force(
    initial: list[tuple[int, int]],
    ops: list[tuple[str, tuple[int, int], int]],
    queries: list[tuple[int, int]],
) -> None:
    """After any edits, the range queries return exactly the anchored overlapping highlights."""
    document = make_document(TEXT)
    notes = NotesData(document=document.meta())
    notes.highlights = [make_highlight(TEXT, a, b) for a, b in initial]
    session = Session.open(document, notes)
    for op, (a, b), pick in ops:
        current = session.notes.highlights
        if op == "add" or not current:
            session.add_highlight(make_highlight(TEXT, a, b))
            continue
        target = current[pick % len(current)]
        if op == "remove":
            session.remove_highlight(target.id)
        elif op == "replace":
            session.replace_highlight(replace(target, start=a, end=b, exact=TEXT[a:b]))
        else:
            session.replace_highlight(replace(target, orphan=True))
        assert in_document_order(session.notes.highlights)

    highlights = session.notes.highlights
    assert in_document_order(highlights)
    for start, end in queries:
        expected = [h for h in highlights if h.start < end and h.end > start and not h.orphan]
        assert session.highlights_overlapping(start, end) == expected
        expected_at = [h for h in highlights if h.start <= start < h.end and not h.orphan]
        assert session.highlights_at(start) == expected_at
    assert session.highlights_overlapping(0, len(TEXT)) == [h for h in highlights if not h.orphan]


def test_orphans_are_not_shown_but_kept() -> None:
    """An orphan is excluded from range queries yet stays in the notes."""
    session = Session.open(make_document(TEXT), None)
    h = make_highlight(TEXT, 3, 15)
    session.add_highlight(replace(h, orphan=True))
    assert session.highlights_overlapping(0, len(TEXT)) == []
    assert session.highlights_at(5) == []
    assert session.highlight(h.id) is not None


# --- segments ---------------------------------------------------------------------------


def test_segment_at_and_boundaries_on_the_bundled_interview(bundled: Document) -> None:
    """Each paragraph is found from any offset inside it; the newline between is no one's."""
    session = Session.open(bundled, None)
    for seg in session.segments:
        assert session.segment_at(seg.start) == seg
        assert session.segment_at(seg.end - 1) == seg
    first, second = session.segments[:2]
    assert session.segment_at(first.end) is None  # the "\n" between paragraphs
    assert session.segment_at(len(bundled.text) + 10) is None
    assert session.segment_boundaries(first.start, second.end) == [first.end, second.start]
    assert session.segment_boundaries(first.start + 1, first.end - 1) == []


paragraphs = st.lists(
    st.tuples(
        st.text(st.sampled_from("ab? 🎬é"), min_size=1, max_size=12),
        st.sampled_from(["\n", "\n\n", "\n  \n", "\n\t"]),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=100)
@given(parts=paragraphs, data=st.data())
def test_segment_queries_match_brute_force(
    parts: list[tuple[str, str]], data: st.DataObject
) -> None:
    """segment_at and segment_boundaries agree with a scan over all segments."""
    text = "".join(par + sep for par, sep in parts)
    session = Session.open(make_document(text), None)
    segments = session.segments
    offset = data.draw(st.integers(0, len(text) + 2), label="offset")
    expected = next((s for s in segments if s.start <= offset < s.end), None)
    assert session.segment_at(offset) == expected
    start = data.draw(st.integers(0, len(text)), label="start")
    end = data.draw(st.integers(start, len(text) + 1), label="end")
    points = sorted(p for s in segments for p in (s.start, s.end) if start < p < end)
    assert session.segment_boundaries(start, end) == points


# --- re-opening a changed document ------------------------------------------------------


def test_changed_document_sets_anchor_summary_and_keeps_orphans(bundled: Document) -> None:
    """Re-opening on an edited text reports kept/moved/orphaned and loses no highlight."""
    session = Session.open(bundled, None)
    moving = quote_highlight(bundled.text, QUOTE).edited(note="scripted!")
    lost = quote_highlight(bundled.text, GONE).edited(
        note="keep me", codes=(tag_code_id("camera"),)
    )
    session.add_highlight(moving)
    session.add_highlight(lost)
    raw = serialise(session.notes)

    paragraph_start = bundled.text.index(GONE)
    paragraph_end = bundled.text.index("\n", paragraph_start) + 1
    edited = "Editor’s note: added.\n" + (
        bundled.text[:paragraph_start] + bundled.text[paragraph_end:]
    )
    changed = make_document(edited, "changed.txt")
    again = Session.open(changed, parse(raw))

    assert again.anchor_summary == AnchorSummary(kept=0, moved=1, orphaned=1)
    assert "1 of 2 highlights found again (1 at a new place); 1 not found" in (
        again.anchor_summary.message()
    )
    assert again.notes.document == changed.meta()
    by_id = {h.id: h for h in again.notes.highlights}
    assert set(by_id) == {moving.id, lost.id}
    placed = by_id[moving.id]
    assert not placed.orphan
    assert edited[placed.start : placed.end] == QUOTE
    orphan = by_id[lost.id]
    assert orphan.orphan
    assert (orphan.exact, orphan.note, orphan.codes) == (GONE, "keep me", (tag_code_id("camera"),))
    assert again.highlights_overlapping(0, len(edited)) == [placed]
    assert in_document_order(again.notes.highlights)

    # The orphan survives the next save as well.
    third = reopen(again)
    assert third.anchor_summary is None
    assert third.highlight(lost.id).orphan  # type: ignore[union-attr]


# --- speakers: rename, merge, sides -----------------------------------------------------

FOCUS_GROUP = (
    "Moderator: Who draws by hand?\n"
    "Ann: I do, every day.\n"
    "Host: And you, Bo?\n"
    "Bo: Never. I start on screen.\n"
    "host: Why not?\n"
    "Bo: Speed, mostly.\n"
)


def test_merging_two_speakers_makes_one_and_undoes_cleanly() -> None:
    session = Session.open(make_document(FOCUS_GROUP), None)
    assert list(session.shown_speakers()) == ["Moderator", "Ann", "Host", "Bo"]
    before = session.speaker_corrections()
    session.restore_speaker_corrections(*session.speakers_renamed("Host", "Moderator"))
    assert session.shown_speakers() == {
        "Moderator": ["Moderator", "Host"],
        "Ann": ["Ann"],
        "Bo": ["Bo"],
    }
    assert [s.speaker for s in session.segments if s.role is Role.QUESTION] == ["Moderator"] * 3
    # Renaming the merged speaker renames every name it stands for.
    session.restore_speaker_corrections(*session.speakers_renamed("Moderator", "Léa"))
    assert session.notes.speakers == {"Moderator": "Léa", "Host": "Léa"}
    assert reopen(session).segments == session.segments
    session.restore_speaker_corrections(*before)
    assert session.segments == session.detected


def test_sides_put_several_speakers_on_each_side() -> None:
    session = Session.open(make_document(FOCUS_GROUP), None)
    session.restore_speaker_corrections(*session.speakers_with_side("Ann", Role.QUESTION))
    session.restore_speaker_corrections(*session.speakers_with_side("Moderator", Role.ANSWER))
    roles = {seg.speaker: seg.role for seg in session.segments}
    assert roles == {
        "Moderator": Role.ANSWER,
        "Ann": Role.QUESTION,
        "Host": Role.QUESTION,
        "Bo": Role.ANSWER,
    }
    # A renamed speaker keeps their side; a side is saved by the name shown.
    session.restore_speaker_corrections(*session.speakers_renamed("Ann", "Ann Lee"))
    assert session.notes.sides == {"Ann Lee": Role.QUESTION, "Moderator": Role.ANSWER}
    assert reopen(session).segments == session.segments
    session.restore_speaker_corrections(*session.speakers_with_side("Ann Lee", None))
    assert session.notes.sides == {"Moderator": Role.ANSWER}


def test_a_highlight_put_back_at_its_index_keeps_its_place_among_those_of_its_span() -> None:
    text = "coffee at dawn"
    session = Session.open(make_document(text), None)
    first, second = make_highlight(text, 0, 6), make_highlight(text, 0, 6, "green")
    later = make_highlight(text, 10, 14)
    for h in (first, second, later):
        session.add_highlight(h)
    session.remove_highlight(first.id)
    session.add_highlight(first, 0)  # an undo: where it was, not after its twin
    assert session.notes.highlights == [first, second, later]
    session.remove_highlight(first.id)
    session.add_highlight(first, 2)  # an index past its span's: the last of its span
    assert session.notes.highlights == [second, first, later]
    session.remove_highlight(later.id)
    session.add_highlight(later, 0)  # an index before its span's: where its span goes
    assert session.notes.highlights == [second, first, later]
    assert session.highlights_at(11) == [later]


def test_replacing_a_highlight_keeps_its_place_among_those_of_its_span() -> None:
    text = "coffee at dawn"
    session = Session.open(make_document(text), None)
    first, second = make_highlight(text, 0, 6), make_highlight(text, 0, 6, "green")
    session.add_highlight(first)
    session.add_highlight(second)
    recoloured = first.edited(color="blue")
    assert session.replace_highlight(recoloured) is first
    assert session.notes.highlights == [recoloured, second]
    assert session.highlight(first.id) is recoloured
    moved = replace(recoloured, start=10, end=14)  # another span: to its place
    session.replace_highlight(moved)
    assert session.notes.highlights == [second, moved]
    assert session.highlights_at(12) == [moved] and session.highlights_at(2) == [second]


@settings(max_examples=200, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, 5), st.integers(1, 3)), min_size=1, max_size=12),
    data=st.data(),
)
def test_removing_and_putting_back_at_the_index_gives_the_same_list(
    spans: list[tuple[int, int]], data: st.DataObject
) -> None:
    text = "x" * 10
    session = Session.open(make_document(text), None)
    for start, length in spans:
        session.add_highlight(make_highlight(text, start, start + length))
    before = list(session.notes.highlights)
    index = data.draw(st.integers(0, len(before) - 1))
    session.remove_highlight(before[index].id)
    session.add_highlight(before[index], index)
    assert session.notes.highlights == before
    assert session.highlights_overlapping(0, len(text)) == before  # its index agrees


LABELLED = (
    "Interviewer: How did you start?\n\nParticipant: A friend took me along. 🙂\n\n"
    "No label here, the turn goes on.\n\nInterviewer: And then?\n\nParticipant: I stayed.\n"
)
OTTER = "Emma  0:03\nHow did you start?\n\nDev Patel  0:10\nWe unload the van first.\n\n" * 2


@pytest.mark.parametrize(
    ("selected", "taken"),
    [
        ("Participant: A friend took me along.", "A friend took me along."),
        ("pant: A friend", "A friend"),  # begun inside the label
        ("A friend took", "A friend took"),
        ("Participant", "Participant"),  # the label alone is what was meant
        ("Participant: ", "Participant: "),
        ("No label here", "No label here"),
        (
            "Interviewer: How did you start?\n\nParticipant: A friend",
            "How did you start?\n\nParticipant: A friend",
        ),
    ],
)
def test_a_passage_begun_at_a_turns_start_leaves_its_speaker_label_out(
    selected: str, taken: str
) -> None:
    session = Session.open(make_document(LABELLED), None)
    start = LABELLED.index(selected)
    a, b = session.passage_span(start, start + len(selected))
    assert LABELLED[a:b] == taken and b == start + len(selected)


def test_a_passage_begun_at_a_name_alone_above_the_words_starts_at_the_words() -> None:
    session = Session.open(make_document(OTTER), None)
    start = OTTER.index("Dev Patel")
    a, b = session.passage_span(start, OTTER.index("the van"))
    assert OTTER[a:b] == "We unload "


def test_a_passage_begun_at_a_lines_opening_time_starts_at_the_words() -> None:
    """whisper's console writes a time before each line's words: not words said."""
    text = (
        "[00:00:00.000 --> 00:00:04.000]   Thanks for coming.\n"
        "[00:00:04.000 --> 00:00:08.500]   What was your first job?\n"
    )
    session = Session.open(make_document(text), None)
    start = text.index("[00:00:04")
    a, b = session.passage_span(start, text.index("?") + 1)
    assert text[a:b] == "What was your first job?"
    inside = text.index("00:00:08")  # begun inside the time: as selected
    assert session.passage_span(inside, inside + 8) == (inside, inside + 8)


def test_a_highlight_made_with_its_label_is_still_the_one_on_that_selection() -> None:
    """Notes made before labels were left out hold "Participant: A friend…": selecting that
    again finds it (recoloured or coded, not doubled); the words alone find it too."""
    session = Session.open(make_document(LABELLED), None)
    old = quote_highlight(LABELLED, "Participant: A friend took me along.")
    session.add_highlight(old)
    start, end = old.start, old.end
    assert session.highlight_on(start, end) == old
    words = LABELLED.index("A friend")
    assert session.highlight_on(words, end) is None
    assert session.highlight_on(start + 3, end) is None  # begun inside the label: the words


def test_an_askers_back_channel_is_shown_as_speech_and_every_role_agrees_in_one_pass() -> None:
    text = "Interviewer: Where did it start?\n\nAna: By the river.\n\nInterviewer: Mm-hm.\n\n"
    text += "Ana: Then Lisbon.\n\nInterviewer: Why Lisbon?\n\nAna: Work.\n"
    document = Document(text=text, title="t", source="t.txt", encoding="utf-8")
    session = Session.open(document, NotesData(document=document.meta()))
    shown = session.shown_roles()
    assert shown == [session.shown_role(i) for i in range(len(session.segments))]
    said = [text[s.start : s.end] for s in session.segments]
    assert shown[said.index("Interviewer: Mm-hm.")] is Role.OTHER
    assert shown[said.index("Interviewer: Why Lisbon?")] is Role.QUESTION


def test_whose_words_a_passage_is() -> None:
    """A quote's attribution (Q, Copy as Quotation, the exports): the one speaker the
    transcript names over the whole passage; none across two speakers' turns, and none
    for a generic label."""
    from reader.core.document import load_document
    from tests.conftest import DATA

    session = Session.open(load_document(DATA / "transcripts" / "zoom.vtt"), None)
    text = session.document.text
    cafe = text.index("café in Kyōto")
    stubborn = text.index("stubbornness")
    landlord = text.index("landlord!")
    assert session.said_by(cafe, cafe + 4) == "Kenji Sato (he/him)"
    assert session.said_by(cafe, stubborn) == "Kenji Sato (he/him)"  # two of his turns
    assert session.said_by(cafe, landlord) == ""  # Aïcha Benali's turn too
    assert quote_label("", session.said_by(cafe, landlord), session.place_label(cafe)) == "Q1"
    assert session.quotation(cafe, stubborn + 12).endswith("(Kenji Sato (he/him), Q1, 0:10, Zoom)")
    bundled = Session.open(load_document(DATA / "transcript-qa.txt"), None)
    assert bundled.said_by(0, len(bundled.document.text)) == ""


JOURNALIST = Path(__file__).parents[1] / "data" / "journalist" / "okonkwo-otter.txt"


def test_a_quotation_of_a_timed_transcript_gives_when_its_turn_is_said() -> None:
    """Copy as Quotation is pasted into an article: the time of the turn (as the margin
    and the exports give it) lets the writer find the words again in the recording."""
    session = Session.open(load_document(JOURNALIST), None)
    text = session.document.text
    mould = text.index("My mum's flat")
    assert session.quotation(mould, mould + len("My mum's flat")) == (
        "“My mum's flat” (Ade Okonkwo, Q3, 1:02:09, Okonkwo interview - housing fund)"
    )
    untimed = Session.open(load_document(BUNDLED), None)
    scripted = untimed.document.text.index(QUOTE)
    quoted = untimed.quotation(scripted, scripted + len(QUOTE))
    assert quoted == f"“{QUOTE}” (Q1, Her Smell Interview)"


def test_a_quotation_within_a_quotation_takes_single_marks() -> None:
    """The words quoted inside a quote are marked ‘…’, as in print: “… said "temporary",
    …” would close the quotation at the inner mark."""
    session = Session.open(load_document(JOURNALIST), None)
    text = session.document.text
    letter = text.index("When the letter came")
    end = text.index("2019.") + len("2019.")
    assert session.quotation(letter, end).startswith(
        "“When the letter came, it said ‘temporary’, and that was in 2019.” ("
    )


def test_the_sync_table_is_made_once_per_structure() -> None:
    """The Annotations list asks every row's turn time: the table is made once, and again
    when a role or a speaker changes (the segments are made anew then)."""
    session = Session.open(load_document(JOURNALIST), None)
    mould = session.document.text.index("My mum's flat")
    table = session.sync_table()
    assert session.sync_table() is table
    session.rename_speaker("Ade Okonkwo", "Adeola Okonkwo")
    assert session.sync_table() is not table
    assert session.passage_time(mould) == "1:02:09"
    assert session.said_by(mould, mould + 5) == "Adeola Okonkwo"
    table = session.sync_table()
    session.set_role(session.segment_at(mould).start, Role.ASIDE)
    assert session.sync_table() is not table
    assert session.passage_time(mould) == "1:02:09"


def test_a_quote_of_a_text_that_held_a_paragraph_separator_stays_on_its_words(
    tmp_path: Path,
) -> None:
    """U+2029 is a line end now, as Qt reads it: notes saved before quote it as it was, and
    the highlight was said to be "at a new place" on the same words."""
    from reader.core.document import text_sha256
    from reader.core.notes_file import parse, serialise

    text = "Q: How did it start?\u2029Tell me.\nA: It started at dawn.\n"
    path = tmp_path / "old.txt"
    path.write_text(text, encoding="utf-8")
    document = load_document(path)
    start = document.text.index("start?")
    notes = NotesData(document={**document.meta(), "sha256": text_sha256(text)})  # as then
    notes.highlights.append(make_highlight(text, start, start + len("start?\u2029Tell")))
    session = Session.open(document, parse(serialise(notes)))
    (highlight,) = session.notes.highlights
    assert (highlight.start, highlight.exact) == (start, "start?\nTell")
    summary = session.anchor_summary
    assert summary is not None and (summary.kept, summary.moved) == (1, 0)


def test_a_role_correction_saved_without_a_quote_is_applied_at_its_start() -> None:
    """The notes' schema asks no quote of a role correction (one written by hand or by
    another tool): it is applied where its paragraph starts, the text unedited."""
    text = "Interviewer: Tell me.\n\nAna: Nights.\n\nInterviewer: Okay.\n\nAna: Anyway, the rest.\n"
    document = make_document(text)
    start = text.index("Interviewer: Okay.")
    notes = NotesData(document=document.meta())
    notes.roles = [RoleCorrection(start, "", Role.QUESTION)]
    again = Session.open(document, parse(serialise(notes)))
    assert again.shown_role(again.segment_index_at(start)) is Role.QUESTION
