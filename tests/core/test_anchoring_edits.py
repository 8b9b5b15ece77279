"""Highlights kept on their own words when the transcript is edited in another program:
each lands on the words it was made on (as they read now) or is said not found, never on
other words. The transcript is saved, highlighted, edited and opened again as the app
opens it (decoded and normalised, the notes file read back from disk)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.annotations import Highlight, make_highlight
from reader.core.document import load_document
from reader.core.notes_file import NotesData
from reader.core.session import Session
from reader.core.store import load_notes, save_notes

TRANSCRIPT = (
    "Interviewer: Thank you for joining me today. Can you tell me about your first job?\n"
    "\n"
    "Ana: I started at the bakery on Main Street in 2009. My father painted my name on "
    "the sign above the door, in green letters.\n"
    "\n"
    "Interviewer: Did you like the work?\n"
    "\n"
    "Ana: Yes.\n"
    "\n"
    "Interviewer: Can you tell me more about that?\n"
    "\n"
    "Ana: I baked bred every morning before dawn, and I loved the quiet of the empty "
    "streets. The ovens were warm and the radio played old songs.\n"
    "\n"
    "Interviewer: Can you tell me more about that?\n"
    "\n"
    "Ana: Yes.\n"
    "\n"
    "Interviewer: And the customers?\n"
    "\n"
    "Ana: They came at seven, always the same faces, and they paid in coins.\n"
)


def reopened(
    tmp_path: Path, before: str, after: str | bytes, quotes: list[tuple[str, int]]
) -> list[Highlight]:
    """The highlights of `quotes` (each its words and which of their occurrences), made
    on `before`, saved, and placed again when `after` is opened in their stead; in the
    order of `quotes`."""
    transcript = tmp_path / "interview.txt"
    transcript.write_bytes(before.encode() if isinstance(before, str) else before)
    text = load_document(transcript).text
    made = []
    for quote, occurrence in quotes:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(quote, start + 1)
        note = f"{quote} ({occurrence})"
        made.append(make_highlight(text, start, start + len(quote)).edited(note=note))
    notes_path = tmp_path / "interview.notes.json"
    document = load_document(transcript)
    save_notes(notes_path, NotesData(document=document.meta(), highlights=made))
    transcript.write_bytes(after.encode() if isinstance(after, str) else after)
    notes = load_notes(notes_path)
    assert notes is not None
    session = Session.open(load_document(transcript), notes)
    save_notes(notes_path, session.notes)  # what the user's notes file holds now
    again = load_notes(notes_path)
    assert again is not None
    by_note = {h.note: h for h in again.highlights}  # the file keeps them in text order
    return [by_note[h.note] for h in made]


def on(text: str, h: Highlight, words: str, occurrence: int = 0) -> bool:
    """Whether `h` lies on the `occurrence`-th `words` of `text`, quoting them."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return (h.start, h.end, h.exact, h.orphan) == (start, start + len(words), words, False)


def test_a_typo_corrected_inside_a_highlight_leaves_it_on_the_corrected_words(
    tmp_path: Path,
) -> None:
    after = TRANSCRIPT.replace("baked bred", "baked bread")
    (h,) = reopened(tmp_path, TRANSCRIPT, after, [("I baked bred every morning before dawn", 0)])
    assert on(after, h, "I baked bread every morning before dawn")


def test_words_put_inside_a_highlight_are_in_it(tmp_path: Path) -> None:
    after = TRANSCRIPT.replace("every morning", "every single morning")
    quote = "I baked bred every morning before dawn, and I loved the quiet"
    (h,) = reopened(tmp_path, TRANSCRIPT, after, [(quote, 0)])
    assert on(after, h, "I baked bred every single morning before dawn, and I loved the quiet")


def test_a_repeated_answer_keeps_each_highlight_on_its_own_copy(tmp_path: Path) -> None:
    after = TRANSCRIPT.replace(
        "Interviewer: And the customers?",
        "Interviewer: Were you tired?\n\nAna: Yes.\n\nInterviewer: And the customers?",
    )
    first, second = reopened(tmp_path, TRANSCRIPT, after, [("Yes.", 0), ("Yes.", 1)])
    assert on(after, first, "Yes.", 0)
    assert on(after, second, "Yes.", 1)


def test_a_repeated_question_corrected_in_one_place_stays_on_that_one(tmp_path: Path) -> None:
    """Its words, corrected, were the same as the other copy's, near it: the highlight
    went onto the other question, its note with it."""
    before = TRANSCRIPT.replace("more about that?", "mroe about that?", 1)
    assert before.count("Can you tell me more about that?") == 1
    after = TRANSCRIPT
    quote = "Can you tell me mroe about that?"
    (h,) = reopened(tmp_path, before, after, [(quote, 0)])
    assert on(after, h, "Can you tell me more about that?", 0)


def test_a_paragraph_moved_takes_its_highlights_along(tmp_path: Path) -> None:
    paragraph = "Interviewer: And the customers?\n\nAna: They came at seven, always the same "
    paragraph += "faces, and they paid in coins.\n"
    filler = "".join(
        f"Interviewer: Question {i}?\n\nAna: Answer number {i}.\n\n" for i in range(80)
    )
    before = TRANSCRIPT + "\n" + filler
    after = TRANSCRIPT.replace(paragraph, "") + "\n" + filler + paragraph
    (h, yes) = reopened(tmp_path, before, after, [("always the same faces", 0), ("Yes.", 1)])
    assert on(after, h, "always the same faces")
    assert on(after, yes, "Yes.", 1)


def test_a_renamed_speaker_leaves_highlights_on_the_words_said(tmp_path: Path) -> None:
    after = TRANSCRIPT.replace("Interviewer:", "I:")
    quotes = [("Did you like the work?", 0), ("Can you tell me more about that?", 1), ("Yes.", 1)]
    work, question, yes = reopened(tmp_path, TRANSCRIPT, after, quotes)
    assert on(after, work, "Did you like the work?")
    assert on(after, question, "Can you tell me more about that?", 1)
    assert on(after, yes, "Yes.", 1)


def test_a_highlight_with_the_renamed_label_keeps_the_words_said(tmp_path: Path) -> None:
    after = TRANSCRIPT.replace("Interviewer:", "I:")
    quote = "Interviewer: Thank you for joining me today"
    (h,) = reopened(tmp_path, TRANSCRIPT, after, [(quote, 0)])
    assert h.orphan or on(after, h, "I: Thank you for joining me today")


def _stamped(text: str) -> str:
    """`text` with a time at each turn's start, as a Zoom export writes it."""
    lines = text.split("\n")
    return "\n".join(
        f"[00:{i // 60:02d}:{i % 60:02d}] {line}" if line else line for i, line in enumerate(lines)
    )


@pytest.mark.parametrize("stamps", ["added", "removed"])
def test_times_added_or_removed_at_the_turns_leave_highlights_on_their_words(
    tmp_path: Path, stamps: str
) -> None:
    before, after = (TRANSCRIPT, _stamped(TRANSCRIPT))
    if stamps == "removed":
        before, after = after, before
    quotes = [
        ("My father painted my name", 0),
        ("Yes.", 0),
        ("Yes.", 1),
        ("Can you tell me more about that?", 1),
        ("They came at seven", 0),
    ]
    placed = reopened(tmp_path, before, after, quotes)
    for h, (quote, occurrence) in zip(placed, quotes, strict=True):
        assert on(after, h, quote, occurrence), quote


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_line_ends_changed_leave_highlights_on_their_words(tmp_path: Path, line_end: str) -> None:
    quotes = [("the sign above the door", 0), ("Yes.", 1), ("dawn, and I loved", 0)]
    for before, after in [
        (TRANSCRIPT, TRANSCRIPT.replace("\n", line_end)),
        (TRANSCRIPT.replace("\n", line_end), TRANSCRIPT),
    ]:
        placed = reopened(tmp_path, before, after, quotes)
        text = after.replace(line_end, "\n")
        for h, (quote, occurrence) in zip(placed, quotes, strict=True):
            assert on(text, h, quote, occurrence), quote


def test_accents_decomposed_or_composed_leave_highlights_on_their_words(tmp_path: Path) -> None:
    composed = TRANSCRIPT.replace("Ana", "Renée").replace("bakery", "pâtisserie")
    decomposed = composed.replace("é", "e\u0301").replace("â", "a\u0302")
    quotes = [("Renée: Yes.", 1), ("the pâtisserie on Main Street", 0)]
    for before, after in [(composed, decomposed), (decomposed, composed)]:
        placed = reopened(tmp_path, before, after, quotes)
        for h, (quote, occurrence) in zip(placed, quotes, strict=True):
            assert on(composed, h, quote, occurrence), quote


def test_straight_quotes_made_curly_or_back_leave_highlights_on_their_words(
    tmp_path: Path,
) -> None:
    """A highlight ending on a quotation mark lost it, placed on the words before it; a
    short quoted name was not found."""
    sign = "painted my name on the sign above the door, in green letters, {}"
    straight, curly = '"Ana\'s Bread"', "“Ana’s Bread”"
    texts = {
        name: TRANSCRIPT.replace("in green letters", sign.format(name))
        for name in (straight, curly)
    }
    for before, after in [(straight, curly), (curly, straight)]:
        quotes = [(sign.format(before), 0), (before, 0), ("always the same faces", 0)]
        placed = reopened(tmp_path, texts[before], texts[after], quotes)
        for h, words in zip(
            placed, [sign.format(after), after, "always the same faces"], strict=True
        ):
            assert on(texts[after], h, words), words


def test_emoji_cjk_and_right_to_left_text_beside_highlights(tmp_path: Path) -> None:
    before = TRANSCRIPT.replace("old songs.", "old songs 🎶. 我很想念那里。 אני מתגעגעת.")
    after = "🎬 Interview 2 (נובמבר) 第二次\n\n" + before.replace("baked bred", "baked bread")
    quotes = [("old songs 🎶", 0), ("我很想念那里", 0), ("אני מתגעגעת", 0), ("Yes.", 1)]
    placed = reopened(tmp_path, before, after, quotes)
    for h, (quote, occurrence) in zip(placed, quotes, strict=True):
        assert on(after, h, quote, occurrence), quote


def test_a_highlight_across_a_paragraph_break(tmp_path: Path) -> None:
    quote = "in green letters.\n\nInterviewer: Did you like the work?"
    after = TRANSCRIPT.replace("in green letters.\n\n", "in green letters.\n", 1)
    (h,) = reopened(tmp_path, TRANSCRIPT, after, [(quote, 0)])
    assert on(after, h, "in green letters.\nInterviewer: Did you like the work?")
    crlf = TRANSCRIPT.replace("\n", "\r\n").replace("the work?", "the job?")
    (h,) = reopened(tmp_path, TRANSCRIPT, crlf, [(quote, 0)])
    assert on(
        crlf.replace("\r\n", "\n"), h, "in green letters.\n\nInterviewer: Did you like the job?"
    )


ROUND = (
    "Interviewer: Next photo. What do you see in this one, and how does it make you feel?\n\n"
    "Ana: A street.\n\n"
)


def test_a_short_turn_gone_with_the_times_is_said_lost_not_put_on_another(
    tmp_path: Path,
) -> None:
    """Exported again without times and without the first "Ana: Yes." turn: its
    highlight, "[00:00:06] Ana: Yes.", is not found (its words kept), never put on the
    other "Ana: Yes.", which its own highlight is on."""
    before = _stamped(TRANSCRIPT)
    after = re.sub(r"(?m)^\[00:\d\d:\d\d\] ", "", before).replace("Ana: Yes.\n\n", "", 1)
    gone, kept = "[00:00:06] Ana: Yes.", "[00:00:14] Ana: Yes."
    lost, found = reopened(tmp_path, before, after, [(gone, 0), (kept, 0)])
    assert lost.orphan and lost.exact == gone
    assert on(after, found, "Ana: Yes.")


@pytest.mark.parametrize("rounds_between", [2, 40])  # the copies near it, or far off
def test_a_question_asked_in_every_round_corrected_in_one_stays_in_that_round(
    tmp_path: Path, rounds_between: int
) -> None:
    """The same words beside the same words in every round: the corrected question went to
    the nearest round whose question still read as it had, its note with it."""
    typo = ROUND.replace("how does it", "how dose it")
    before = ROUND * rounds_between + typo + ROUND * rounds_between
    after = before.replace("dose", "does")
    quote = "What do you see in this one, and how dose it make you feel?"
    (h,) = reopened(tmp_path, before, after, [(quote, 0)])
    assert on(after, h, quote.replace("dose", "does"), rounds_between)


def test_words_changed_just_before_a_round_s_question_leave_it_on_that_round(
    tmp_path: Path,
) -> None:
    """The rounds' questions differ by a word, and the words saved before this one changed:
    it stays on its own words, not on the next round's question between words like its."""
    rounds = [ROUND.replace("this one", f"photo {i}") for i in range(1, 5)]
    before = "".join(rounds)
    after = before.replace(
        "photo. What do you see in photo 3", "photo, please. What do you see in photo 3"
    )
    quote = "What do you see in photo 3, and how does it make you feel?"
    (h,) = reopened(tmp_path, before, after, [(quote, 0)])
    assert on(after, h, quote)


@pytest.mark.parametrize("rounds_between", [2, 40])
def test_words_put_inside_a_round_s_short_highlight_keep_it_in_that_round(
    tmp_path: Path, rounds_between: int
) -> None:
    """Too changed to be found like itself, it went to the same words in another round."""
    before = ROUND * (2 * rounds_between + 1)
    marked = before.index("how does it", len(ROUND) * rounds_between)
    after = before[:marked] + before[marked:].replace("does it", "does it really, truly", 1)
    (h,) = reopened(tmp_path, before, after, [("how does it make you feel", rounds_between)])
    assert on(after, h, "how does it really, truly make you feel")
    assert h.start == after.index("how does it really")


def _restamped(text: str, seconds: int) -> str:
    """`text` with each time at a turn's start moved by `seconds`: exported again from the
    recording, trimmed differently."""

    def later(match: re.Match[str]) -> str:
        total = int(match[1]) * 60 + int(match[2]) + seconds
        return f"[00:{total // 60:02d}:{total % 60:02d}]"

    return re.sub(r"\[00:(\d\d):(\d\d)\]", later, text)


@pytest.mark.parametrize(
    ("edit", "may_be_lost"),
    [
        (lambda text: _restamped(text, 7), False),
        (lambda text: re.sub(r"(?m)^\[00:\d\d:\d\d\] ", "", text), False),
        (lambda text: text.replace("Interviewer:", "I:").replace("Ana:", "Ana Lima:"), True),
    ],
    ids=["times moved", "times removed", "speakers renamed"],
)
def test_whole_turns_highlighted_follow_their_words_or_are_said_lost(
    tmp_path: Path, edit: Callable[[str], str], may_be_lost: bool
) -> None:
    """A turn highlighted whole (a paragraph's triple click) starts with its time and its
    speaker's name. With the times moved, "[00:00:06] Ana: Yes." went to the next
    "[00:00:21] Ana: Yes." and that one to the first, the repeated question's two turns
    swapped too. With the times removed (exported again without them), it was said not
    found: it is on "Ana: Yes.", its turn's label and words, each repeated turn on its own
    copy. A short turn that lost its speaker's name may be too unlike itself to be found:
    it is then said not found, never put on other words."""
    before = _stamped(TRANSCRIPT)
    after = edit(before)
    turns = [line for line in before.split("\n") if line]
    placed = reopened(tmp_path, before, after, [(turn, 0) for turn in turns])
    now = [line for line in after.split("\n") if line]
    for i, (h, turn, turn_now) in enumerate(zip(placed, turns, now, strict=True)):
        lost = may_be_lost and h.orphan and h.exact == turn
        assert on(after, h, turn_now, now[:i].count(turn_now)) or lost, turn_now


@pytest.mark.parametrize("rounds_between", [2, 40])
def test_a_round_s_highlight_whose_words_were_rewritten_is_said_lost(
    tmp_path: Path, rounds_between: int
) -> None:
    """Its words rewritten in that round, it went with its note to the same words in
    another round, beside the same words as its own."""
    before = ROUND * (2 * rounds_between + 1)
    marked = before.index("how does it", len(ROUND) * rounds_between)
    rewritten = "what do you think of it"
    after = before[:marked] + before[marked:].replace("how does it make you feel", rewritten, 1)
    (h,) = reopened(tmp_path, before, after, [("how does it make you feel", rounds_between)])
    assert h.orphan
    assert (h.start, h.exact) == (marked, "how does it make you feel")
