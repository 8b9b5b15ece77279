"""Tests for interview structure detection: roles, speakers, corrections, question numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.interview import (
    Role,
    Segment,
    apply_corrections,
    detect_segments,
    leading_time_end,
    question_numbers,
    question_start,
    speaker_report,
    speech_direction,
    speech_start,
    split_paragraphs,
    words_start,
)

DATA = Path(__file__).parents[1] / "data"
BUNDLED = Path(__file__).parents[2] / "resources" / "her-smell-interview.txt"

Q, A = Role.QUESTION, Role.ANSWER
INTRO, ASIDE, CLOSING, OTHER = Role.INTRO, Role.ASIDE, Role.CLOSING, Role.OTHER


def _bundled() -> str:
    return BUNDLED.read_text(encoding="utf-8")


def _line(text: str, seg: Segment) -> int:
    return text.count("\n", 0, seg.start) + 1


def _summary(text: str) -> list[tuple[Role, str, str]]:
    return [(seg.role, seg.speaker, seg.timestamp) for seg in detect_segments(text)]


# --- the bundled journalistic interview -------------------------------------------------


def test_bundled_interview_matches_golden_file() -> None:
    text = _bundled()
    golden = json.loads((DATA / "her-smell-segments.json").read_text(encoding="utf-8"))
    detected = [
        {
            "role": str(seg.role),
            "speaker": seg.speaker,
            "start": seg.start,
            "end": seg.end,
            "text": text[seg.start : seg.end],
        }
        for seg in detect_segments(text)
    ]
    assert detected == golden


def test_bundled_interview_reading() -> None:
    text = _bundled()
    segments = detect_segments(text)
    by_line = {_line(text, seg): seg for seg in segments}
    assert len(segments) == len(by_line) == 38
    questions = [6, 8, 10, 12, 14, 16, 18, 21, 24, 29, 31, 33, 36]
    assert [line for line, seg in by_line.items() if seg.role == Q] == questions
    assert [line for line, seg in by_line.items() if seg.role == INTRO] == [1, 2, 3, 4]
    assert [line for line, seg in by_line.items() if seg.role == ASIDE] == [5, 28, 35]
    assert [line for line, seg in by_line.items() if seg.role == CLOSING] == [38]
    answers = set(range(1, 39)) - {1, 2, 3, 4, 5, 28, 35, 38, *questions}
    assert {line for line, seg in by_line.items() if seg.role == A} == answers
    assert {seg.speaker for seg in segments if seg.role == Q} == {"Interviewer"}
    assert {seg.speaker for seg in segments if seg.role == A} == {"Interviewee"}
    assert {seg.speaker for seg in segments if seg.role not in (Q, A)} == {""}
    assert question_numbers(segments) == {
        index: number for number, index in enumerate((q - 1 for q in questions), start=1)
    }


def test_journalistic_interview_without_question_mark_first_stays_intro() -> None:
    text = "You will like this one.\nWhat made you start?\nBoredom, mostly.\nThanks for reading."
    assert [role for role, _, _ in _summary(text)] == [INTRO, Q, A, CLOSING]


def test_answer_ending_in_question_mark_before_a_question() -> None:
    text = (
        "Intro.\nHow did it start?\nBy accident.\nBut honestly, who plans these things?\n"
        "And where did it go from there?\nEverywhere, and I loved every minute of it."
    )
    assert [role for role, _, _ in _summary(text)] == [INTRO, Q, A, A, Q, A]


def test_aside_keywords() -> None:
    text = "\n".join(
        f"{keyword}: link" for keyword in ("READ MORE", "RELATED", "SEE ALSO", "WATCH", "LISTEN")
    )
    text += "\nRead more: not upper case, so not an aside\nALSO READ: link"
    assert [role for role, _, _ in _summary(text)] == [
        ASIDE,
        ASIDE,
        ASIDE,
        ASIDE,
        ASIDE,
        OTHER,
        ASIDE,
    ]


def test_no_questions_means_all_other() -> None:
    text = "A plain essay.\n\nIt asks nothing.\nREAD MORE: Elsewhere\nIt just ends."
    assert [role for role, _, _ in _summary(text)] == [OTHER, OTHER, ASIDE, OTHER]
    assert all(seg.speaker == "" for seg in detect_segments(text))


def test_empty_text() -> None:
    assert detect_segments("") == []
    assert detect_segments(" \n\t\n\n") == []
    assert question_numbers([]) == {}


# --- labelled transcripts ---------------------------------------------------------------

TRANSCRIPTS = {
    "transcript-interviewer-interviewee.txt": [
        (INTRO, "", ""),
        (Q, "Interviewer", "00:00:05"),
        (A, "Interviewee", "00:00:12"),
        (A, "Interviewee", ""),
        (Q, "Interviewer", "00:01:03"),
        (A, "Interviewee", "00:01:09"),
        (A, "Interviewee", ""),
        (Q, "Interviewer", "00:02:30"),
        (A, "Interviewee", "00:02:41"),
    ],
    "transcript-qa.txt": [
        (Q, "Q", "00:12"),
        (A, "A", "00:15"),
        (ASIDE, "", ""),
        (Q, "Q", "01:40"),
        (Q, "Q", ""),
        (A, "A", "01:52"),
        (Q, "Q", "02:30"),
        (A, "A", "02:34"),
        (CLOSING, "", ""),
    ],
    # Dr. Smith speaks first, but JANE DOE ends her turns with "?": she is the interviewer.
    "transcript-names.txt": [
        (A, "Dr. Smith", ""),
        (Q, "JANE DOE", ""),
        (A, "Dr. Smith", ""),
        (Q, "JANE DOE", ""),
        (A, "Dr. Smith", ""),
        (Q, "JANE DOE", ""),
        (A, "Dr. Smith", ""),
        (A, "Sam Lee", ""),
    ],
    "transcript-numbered.txt": [
        (INTRO, "", ""),
        (Q, "Interviewer 1", "00:00:10"),
        (A, "Respondent 3", "00:00:18"),
        (A, "Speaker 2", "00:00:25"),
        (A, "Speaker 2", ""),
        (Q, "Interviewer 2", "00:01:02"),
        (A, "Respondent 3", "00:01:10"),
        (Q, "Interviewer 2", "00:01:14"),
        (A, "Speaker 2", "00:01:20"),
    ],
}


@pytest.mark.parametrize("name", sorted(TRANSCRIPTS))
def test_labelled_transcript(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert _summary(text) == TRANSCRIPTS[name]


def test_labelled_segments_span_the_label() -> None:
    text = "[00:00:05] Interviewer: Hello?\n  Interviewee (00:00:09): Hi.  \n"
    segments = detect_segments(text)
    assert [text[seg.start : seg.end] for seg in segments] == [
        "[00:00:05] Interviewer: Hello?",
        "Interviewee (00:00:09): Hi.",
    ]


@pytest.mark.parametrize(
    ("line", "speaker", "timestamp"),
    [
        ("Interviewer: Hello.", "Interviewer", ""),
        ("[00:01:23] Interviewer: Hello.", "Interviewer", "00:01:23"),
        ("(12:04) Interviewer: Hello.", "Interviewer", "12:04"),
        ("00:01:23 Interviewer: Hello.", "Interviewer", "00:01:23"),
        ("Interviewer (00:01:23): Hello.", "Interviewer", "00:01:23"),
        ("Interviewer [12:04]: Hello.", "Interviewer", "12:04"),
        ("Interviewer: [00:01:23] Hello.", "Interviewer", "00:01:23"),
        ("Interviewer 1 (00:01:23): Hello.", "Interviewer 1", "00:01:23"),
        # A cue's span before the label (Transcribo, whisper's console): timed by its start.
        ("[00:00:15 → 00:01:02] **Interviewer:** Hello.", "Interviewer", "00:00:15"),
        ("[00:01:23.000 --> 00:01:25.500] Interviewer: Hello.", "Interviewer", "00:01:23.000"),
        ("[00:01:23 - 00:01:25] Interviewer: Hello.", "Interviewer", "00:01:23"),
        # A timecode with its frame, as broadcast typists write it: no label was read.
        ("[00:01:23:12] Interviewer: Hello.", "Interviewer", "00:01:23:12"),
        ("00:01:23:12 Interviewer: Hello.", "Interviewer", "00:01:23:12"),
        # QualCoder's identifiers before a name (view_av.py): "#" and "@" stood in the words.
        ("#Interviewer: Hello.", "Interviewer", ""),
        ("@Interviewer: Hello.", "Interviewer", ""),
        ("Int.: Hello.", "Int.", ""),
        ("Moderator: Hello.", "Moderator", ""),
        ("Host: Hello.", "Host", ""),
    ],
)
def test_question_label_styles(line: str, speaker: str, timestamp: str) -> None:
    text = f"{line}\nGuest: Hi.\n{line}\nGuest: Bye."
    assert _summary(text) == [
        (Q, speaker, timestamp),
        (A, "Guest", ""),
        (Q, speaker, timestamp),
        (A, "Guest", ""),
    ]


@pytest.mark.parametrize("label", ["A", "Interviewee", "Respondent 3", "Participant", "Guest"])
def test_answer_labels(label: str) -> None:
    text = f"Q: Why?\n{label}: Because.\nQ: Really?\n{label}: Yes."
    assert [role for role, _, _ in _summary(text)] == [Q, A, Q, A]


def test_plain_names_tie_goes_to_first_speaker() -> None:
    text = "Jane Doe: Welcome.\nJohn Roe: Thanks.\nJane Doe: Shall we?\nJohn Roe: Why not?"
    assert _summary(text) == [
        (Q, "Jane Doe", ""),
        (A, "John Roe", ""),
        (Q, "Jane Doe", ""),
        (A, "John Roe", ""),
    ]


def test_answer_label_with_a_plain_name_asking() -> None:
    # "A" asks more, but its label already says it answers: the plain name asks.
    text = "A: Ready?\nJane Doe: Yes.\nA: Sure?\nJane Doe: Why?"
    assert [role for role, _, _ in _summary(text)] == [A, Q, A, Q]


def test_numbered_speakers_only() -> None:
    text = "Speaker 1: So it works.\nSpeaker 2: Does it?\nSpeaker 1: Yes.\nSpeaker 2: How?"
    assert [seg.speaker for seg in detect_segments(text) if seg.role == Q] == ["Speaker 2"] * 2


def test_stray_blank_lines_and_crlf_normalised() -> None:
    crlf = (
        "Intro line.\r\n\r\nQ: One?\r\n\r\n\r\nA: Two.\r\nmore of two\r\n\r\nQ: Three?\r\nA: Four."
    )
    lf = crlf.replace("\r\n", "\n")
    assert _summary(lf) == [
        (INTRO, "", ""),
        (Q, "Q", ""),
        (A, "A", ""),
        (A, "A", ""),
        (Q, "Q", ""),
        (A, "A", ""),
    ]
    # Even un-normalised, the "\r" is whitespace and stays outside the spans.
    assert _summary(crlf) == _summary(lf)
    assert all("\r" not in crlf[seg.start : seg.end] for seg in detect_segments(crlf))


def test_too_few_labels_stay_journalistic() -> None:
    text = (
        "Note: an intro with a label-like start.\nAnother intro.\n"
        "What did you do?\nSomething.\nAnd then?\nNothing.\nNote: I added this later."
    )
    assert [role for role, _, _ in _summary(text)] == [INTRO, INTRO, Q, A, Q, A, A]


def test_a_note_once_in_a_labelled_transcript_is_an_aside_not_a_speaker() -> None:
    """ "Note: the recording paused here…" is the typist's: no speaker "Note", and not
    the turn before it run on. A word of that list used as a label again is a name."""
    text = (
        "Interviewer: Why nights?\nMaria: Quieter.\n"
        "Note: the recording paused here for two minutes.\n"
        "Interviewer: Would you do it again?\nMaria: Yes."
    )
    assert _summary(text) == [
        (Q, "Interviewer", ""),
        (A, "Maria", ""),
        (ASIDE, "", ""),
        (Q, "Interviewer", ""),
        (A, "Maria", ""),
    ]
    twice = "Source: Why?\nAna: Because.\nSource: Sure?\nAna: Yes."
    assert {speaker for _, speaker, _ in _summary(twice)} == {"Source", "Ana"}


def test_aside_keyword_is_not_a_label() -> None:
    text = "READ MORE: one\nREAD MORE: two\nQ: Why?\nA: Because.\nQ: Sure?\nA: Yes."
    assert [role for role, _, _ in _summary(text)] == [ASIDE, ASIDE, Q, A, Q, A]


# --- invariants -------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    ["Q:", "A:", "Interviewer:", "JANE DOE:", "[00:01:23]", "READ MORE:", " you", " I", "?",
     "”", ".", " word", "\n", "\n\n", " ", "\t", "\r", "\u00a0", "é"]
)  # fmt: skip


def _check_invariants(text: str) -> None:
    segments = detect_segments(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert [text[seg.start : seg.end] for seg in segments] == lines
    assert [(seg.start, seg.end) for seg in segments] == split_paragraphs(text)
    previous_end = -1
    for seg in segments:
        assert previous_end < seg.start < seg.end <= len(text)
        chunk = text[seg.start : seg.end]
        assert "\n" not in chunk
        assert chunk == chunk.strip()
        assert isinstance(seg.role, Role)
        previous_end = seg.end


@given(st.text())
def test_invariants_on_arbitrary_text(text: str) -> None:
    _check_invariants(text)


@given(st.lists(_FRAGMENTS, max_size=60).map("".join))
def test_invariants_on_interview_like_text(text: str) -> None:
    _check_invariants(text)


def test_split_paragraphs() -> None:
    assert split_paragraphs("  one \n\n\ttwo\n   \nthree") == [(2, 5), (9, 12), (17, 22)]


# --- corrections and question numbers ---------------------------------------------------


def test_apply_corrections_role_change() -> None:
    text = _bundled()
    detected = detect_segments(text)
    line_27, line_1, line_6 = detected[26], detected[0], detected[5]
    roles = {line_27.start: Q, line_1.start: A, line_6.start: OTHER}
    corrected = apply_corrections(detected, roles, {})
    assert (corrected[26].role, corrected[26].speaker) == (Q, "Interviewer")
    assert (corrected[0].role, corrected[0].speaker) == (A, "Interviewee")
    assert (corrected[5].role, corrected[5].speaker) == (OTHER, "")
    assert corrected[7] == detected[7]
    assert detected[26].role == A  # the input is not modified
    numbers = question_numbers(corrected)
    # Line 27 now runs on, past an aside, into the question on line 29: one question.
    assert numbers[23] == 8 and numbers[26] == numbers[28] == 9
    assert 5 not in numbers


def test_no_corrections_leave_the_detected_segments() -> None:
    detected = detect_segments(_bundled())
    for sides in (None, {}):
        corrected = apply_corrections(detected, {}, {}, sides)
        assert corrected == detected and corrected is not detected


def test_apply_corrections_renames_speakers() -> None:
    detected = detect_segments((DATA / "transcript-names.txt").read_text(encoding="utf-8"))
    renamed = apply_corrections(detected, {}, {"JANE DOE": "Jane", "Dr. Smith": "Ann Smith"})
    assert [seg.speaker for seg in renamed][:3] == ["Ann Smith", "Jane", "Ann Smith"]
    # Moved to QUESTION, a labelled paragraph keeps the speaker its label names.
    corrected = apply_corrections(
        detected, {detected[0].start: Q, detected[7].start: Q}, {"JANE DOE": "Jane"}
    )
    assert (corrected[0].role, corrected[0].speaker) == (Q, "Dr. Smith")
    assert (corrected[7].role, corrected[7].speaker) == (Q, "Sam Lee")


def test_a_role_changed_keeps_the_labelled_speaker_and_a_question_of_its_own() -> None:
    """The participant's own words marked a question stay hers (not the interviewer's,
    which would join them to his next question); the interviewer's marked an answer stay
    his. An unlabelled paragraph (an intro) takes the side's usual speaker."""
    text = (
        "Recorded in March.\n"
        "Interviewer: How did you start?\n"
        "Maria: On nights.\n"
        "Interviewer: Mm-hm.\n"
        "Maria: And then I moved to days.\n"
        "Interviewer: What changed?\n"
        "Maria: Everything."
    )
    detected = detect_segments(text)
    roles = {detected[4].start: Q, detected[1].start: A, detected[0].start: Q}
    corrected = apply_corrections(detected, roles, {"Interviewer": "Ana"})
    assert [(seg.role, seg.speaker) for seg in corrected] == [
        (Q, "Ana"),
        (A, "Ana"),
        (A, "Maria"),
        (Q, "Ana"),
        (Q, "Maria"),
        (Q, "Ana"),
        (A, "Maria"),
    ]
    assert question_numbers(corrected, text, {detected[4].start}) == {0: 1, 4: 2, 5: 3}


def test_apply_corrections_defaults_without_questions() -> None:
    detected = detect_segments("One.\nTwo.")
    corrected = apply_corrections(detected, {detected[0].start: Q, detected[1].start: A}, {})
    assert [(seg.role, seg.speaker) for seg in corrected] == [
        (Q, "Interviewer"),
        (A, "Interviewee"),
    ]


def test_question_numbers_merge_consecutive_questions_of_one_speaker() -> None:
    detected = detect_segments((DATA / "transcript-qa.txt").read_text(encoding="utf-8"))
    assert question_numbers(detected) == {0: 1, 3: 2, 4: 2, 6: 3}


def test_question_numbers_split_speakers_and_skip_asides() -> None:
    segments = [
        Segment(Q, "Jane", 0, 1),
        Segment(ASIDE, "", 2, 3),
        Segment(Q, "Jane", 4, 5),
        Segment(Q, "John", 6, 7),
        Segment(A, "Ann", 8, 9),
        Segment(Q, "John", 10, 11),
    ]
    assert question_numbers(segments) == {0: 1, 2: 1, 3: 2, 5: 3}


# --- labels in every shape (issue 13) ---------------------------------------------------


@pytest.mark.parametrize(
    ("asker", "answerer"),
    [
        ("interviewer", "respondent"),  # lower case
        ("**Rob Pike:**", "**Ken Thompson:**"),  # Markdown bold around name and colon
        ("**Rob Pike**:", "**Ken Thompson**:"),
        ("*Rob Pike*:", "_Ken Thompson_:"),  # italic
        ("記者：", "陈师傅："),  # full-width colon
        ("[00:01:02] Rob Pike:", "[00:01:09] Ken Thompson:"),  # time before
        ("Rob Pike (00:01:02):", "Ken Thompson (00:01:09):"),  # time after
    ],
)
def test_label_shapes(asker: str, answerer: str) -> None:
    asker = asker if asker.endswith((":", "：")) else f"{asker}:"
    answerer = answerer if answerer.endswith((":", "：")) else f"{answerer}:"
    text = (
        f"{asker} Did you ask?\n{answerer} No, I never did.\n"
        f"{asker} Why not?\n{answerer} Nobody told me to."
    )
    segments = detect_segments(text)
    assert [seg.role for seg in segments] == [Q, A, Q, A]
    speakers = [seg.speaker for seg in segments]
    assert speakers[0] == speakers[2] and speakers[1] == speakers[3]
    assert speakers[0] != speakers[1] and "*" not in speakers[0] and "_" not in speakers[1]


def test_a_tab_after_the_name_is_a_label() -> None:
    """A "Name<tab>speech" line, a spreadsheet's columns or a typist's template (its time first,
    or two tabs): was read as a magazine Q&A, the speakers' names lost."""
    text = (
        "Time\tSpeaker\tText\n"
        "00:00:04\tInterviewer\tWhat brought you to the night shift?\n"
        "00:00:09\tMaria Lopez\tThe money, at first.\n"
        "00:00:15\tInterviewer\t\tAnd now?\n"
        "00:00:17\tMaria Lopez\tThe people."
    )
    segments = detect_segments(text)
    assert [(seg.role, seg.speaker, seg.timestamp) for seg in segments[1:]] == [
        (Q, "Interviewer", "00:00:04"),
        (A, "Maria Lopez", "00:00:09"),
        (Q, "Interviewer", "00:00:15"),
        (A, "Maria Lopez", "00:00:17"),
    ]
    assert segments[0].speaker == ""  # the columns' names: no speaker
    third = segments[3]
    assert text[words_start(text, third) : third.end] == "And now?"


def test_a_tab_in_a_transcript_labelled_with_colons_is_no_label() -> None:
    """A small table typed with tabs in an answer: its first column's words were read as
    speakers (Monday, Tuesday), cut off the speech (found by a review)."""
    text = (
        "Interviewer: When do you work?\n"
        "Maria: It depends on the week.\n"
        "Monday\t10 to 6\n"
        "Tuesday\t10 to 6\n"
        "Interviewer: And weekends?\n"
        "Maria: Never."
    )
    assert {seg.speaker for seg in detect_segments(text)} == {"Interviewer", "Maria"}


@pytest.mark.parametrize(
    "colon_line",
    ["Date: 14 February", "Example: the overtime."],  # a header field, a line of an answer
)
def test_a_transcript_labelled_with_tabs_keeps_them_beside_a_line_with_a_colon(
    colon_line: str,
) -> None:
    """One colon anywhere dropped every tab label: Interviewer and Interviewee again, the
    names lost (found by a review)."""
    text = (
        "Interviewer\tWhat brought you to the night shift?\n"
        "Maria Lopez\tThe money, at first.\n"
        f"{colon_line}\n"
        "Interviewer\tAnd now?\n"
        "Maria Lopez\tThe people."
    )
    assert {"Interviewer", "Maria Lopez"} <= {seg.speaker for seg in detect_segments(text)}


def test_lower_case_labels_read_as_labels() -> None:
    """The issue's example: a lower-case interviewer label no longer becomes an answer."""
    text = (
        "respondent: I moved here in 1990.\n"
        "interviewer: yeah, that was my next question. Why then?\n"
        "respondent: Work."
    )
    assert _summary(text) == [
        (A, "respondent", ""),
        (Q, "interviewer", ""),
        (A, "respondent", ""),
    ]


def test_lower_case_words_before_a_colon_are_not_labels() -> None:
    text = "so here is the thing: it works.\nQ: Does it?\nA: Yes.\nQ: Sure?\nA: Yes."
    assert _summary(text)[0] == (INTRO, "", "")


def test_label_variants_are_one_speaker_with_the_variants_kept() -> None:
    text = (
        "Interviewer1: One?\nP1: Yes.\nInterviewer 1: Two?\nP 1: Yes.\n"
        "interviewer1: Three?\np1: No.\nInterviewer2 2: Four?\nP1: Maybe.\nInterviewer 2: Five?"
    )
    segments = detect_segments(text)
    assert [seg.speaker for seg in segments] == [
        "Interviewer 1", "P1", "Interviewer 1", "P1", "Interviewer 1", "P1",
        "Interviewer 2", "P1", "Interviewer 2",
    ]  # fmt: skip
    assert [seg.label for seg in segments][:6] == [
        "Interviewer1", "P1", "Interviewer 1", "P 1", "interviewer1", "p1",
    ]  # fmt: skip
    assert {seg.role for seg in segments if seg.speaker.startswith("Interviewer")} == {Q}


def test_int_is_interviewer() -> None:
    text = "Int.: Ready?\nGuest: Yes.\nInterviewer: Really?\nGuest: Yes!\nInterviewer: Go."
    segments = detect_segments(text)
    assert {seg.speaker for seg in segments if seg.role == Q} == {"Interviewer"}
    assert segments[0].label == "Int."


@pytest.mark.parametrize(
    ("text", "asks", "answers"),
    [
        (
            "RAHEL\nWhere did you grow up?\nTOBIAS\nIn Basel, by the Rhine.\n"
            "RAHEL\nAnd school?\nTOBIAS\nI hated it. 😅",
            "RAHEL",
            "TOBIAS",
        ),
        # "Yes." under "Ana" looks like a name alone, but it is what Ana says.
        (
            "Interviewer\nDid you go to the market that day?\n\nAna\nYes.\n\n"
            "Interviewer\nWhat did you buy there?\n\nAna\nBread and fish, for my mother.\n",
            "Interviewer",
            "Ana",
        ),
    ],
)
def test_name_alone_above_the_speech(text: str, asks: str, answers: str) -> None:
    turn = [(Q, asks), (Q, asks), (A, answers), (A, answers)]
    assert [(role, speaker) for role, speaker, _ in _summary(text)] == turn * 2


def test_short_lines_alone_are_not_names() -> None:
    """ "Yes." or "Okay" alone twice in a Q&A do not become speakers."""
    text = "Q: Ready?\nA: Yes.\nQ: Sure?\nYes.\nQ: Really?\nOkay\nA: Okay\nQ: Go?\nOkay\nA: Fine."
    assert all(seg.speaker in ("Q", "A") for seg in detect_segments(text))


@pytest.mark.parametrize(
    "aside",
    [
        "[inaudible]",
        "(laughs)",
        "[crosstalk 00:12:03]",
        "Connection got interrupted",
        "The call dropped here.",
        "[END OF RECORDING]",
        "---",
        "（笑）",
        # Found by a new user's transcript saved as text from a PDF: each page's number
        # was the last speaker's words.
        "Page 2 of 14",
        "Page 3",
        "- 4 -",
    ],
)
def test_non_speech_line_is_an_aside(aside: str) -> None:
    text = f"Q: One?\nA: Two.\n{aside}\nQ: Three?\nA: Four."
    assert [role for role, _, _ in _summary(text)] == [Q, A, ASIDE, Q, A]


# QualCoder's transcript as its typist writes it (view_av.py): a speaker's name in
# brackets opening the line ("[]", its default identifier, or "{}"), a stamp alone above.
QUALCODER_TURNS = (
    ("", "[00.00.05]"),
    ("Ana", "So how did the weaving group start?"),
    ("Tomas Kay", "It started in the church hall, with four looms."),
    ("", "[00.00.19]"),
    ("Ana", "Who brought the looms?"),
    ("Tomas Kay", "[laughs] My aunt did. She drove them from the coast."),
    ("Ana", "And how often did you meet?"),
    ("Tomas Kay", "Every Thursday evening."),
)


@pytest.mark.parametrize("brackets", ["[]", "{}"])
def test_names_in_brackets_opening_lines_in_turn_are_speakers(brackets: str) -> None:
    """QualCoder's "[Ana] So…" names its speaker, as "Ana: So…" does: the speakers and
    their turns were guessed by question marks, each line's words opening with a name."""
    opening, closing = brackets
    text = "".join(
        f"{opening}{name}{closing} {words}\n" if name else f"{words}\n"
        for name, words in QUALCODER_TURNS
    )
    turn = [(Q, "Ana", ""), (A, "Tomas Kay", "")]
    assert _summary(text) == [(ASIDE, "", "00.00.05"), *turn, (ASIDE, "", "00.00.19"), *turn * 2]
    segments = detect_segments(text)
    assert [text[speech_start(text, seg) : seg.end] for seg in segments if seg.label] == [
        words for name, words in QUALCODER_TURNS if name
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A typist's notes opening lines, however often and in turn: no speakers.
        "[laughs] Why weaving?\n[inaudible] my aunt.\n[Laughs] And then?\n"
        "[inaudible] we met.\n[laughs] Often?\n[Inaudible] every week.",
        # Names opening lines once each, or one name alone recurring: not enough to go by.
        "[Ana] Why weaving?\nBecause of my aunt.\n[Tomas] And then?\nWe met.",
        "[Ana] Why weaving?\nBecause of my aunt.\n[Ana] And then?\nWe met on Thursdays.",
        # Placeholders of an anonymised text, each line after line, not taking turns.
        "[Town] is small.\n[Town] has one school.\n[Company] makes looms?\n"
        "[Company] sells them abroad.",
    ],
)
def test_bracketed_words_that_are_not_speakers(text: str) -> None:
    assert not any(seg.label for seg in detect_segments(text))


def test_speech_in_parentheses_that_is_long_stays_speech() -> None:
    text = "Q: One?\nA: Two.\n(" + "and then we walked home along the river " * 3 + ")\nQ: Next?"
    assert [role for role, _, _ in _summary(text)] == [Q, A, A, Q]


def test_turns_from_a_file_are_the_labels() -> None:
    """Speakers a transcript file named are read from its turns, whatever their names."""
    from reader.core.document import Turn

    text = "Ann (she/her): Why?\n\nBo 2.0: Because.\n"
    turns = (Turn(0, 19, "Ann (she/her)", 0, 900), Turn(21, 38, "Bo 2.0", 1000, 2000))
    segments = detect_segments(text, turns)
    assert [(seg.role, seg.speaker, seg.timestamp) for seg in segments] == [
        (Q, "Ann (she/her)", "00:00:00"),
        (A, "Bo 2.0", "00:00:01"),
    ]


def test_a_turn_the_file_names_nobody_for_is_nobody_s() -> None:
    """A file's turn without a speaker (a dialogue dash in subtitles), among named ones,
    is nobody's, the paragraphs that continue it too; not the speaker's before it. Before
    the first named turn, such paragraphs are the intro."""
    from reader.core.document import Turn

    text = "Harbour, 1978.\n\nAnn: Were you there?\n\nYes.\n\nAll of us.\n\nAnn: Why?\n"
    turns = (
        Turn(0, 14, "", 0, 900),
        Turn(16, 36, "Ann", 1000, 2000),
        Turn(38, 54, "", 1000, 3000),
        Turn(56, 65, "Ann", 4000, 5000),
    )
    segments = detect_segments(text, turns)
    assert [(seg.role, seg.speaker) for seg in segments] == [
        (INTRO, ""),
        (Q, "Ann"),
        (OTHER, ""),
        (OTHER, ""),
        (Q, "Ann"),
    ]


@pytest.mark.parametrize(
    "question",
    [
        "Your shift? 🌙",
        "And then? 👍🏽",
        "Family first? 👨‍👩‍👧",
        "Ready?️ ✨",
        "你们几点开始？",
        "كيف كانت الليلة؟",
        "¿Cómo empezó? 🙂",
        "Ready❓",
        "Really‽",
    ],
)
def test_a_question_mark_counts_before_emoji_and_in_other_scripts(question: str) -> None:
    text = f"Interviewer: {question}\nNurse: With the handover.\n"
    assert [seg.role for seg in detect_segments(text)] == [Q, A]
    assert [seg.role for seg in detect_segments(f"{question}\nWith the handover.")] == [Q, A]


def test_an_emoji_after_a_full_stop_makes_no_question() -> None:
    text = "Interviewer: Tell me about it.\nNurse: Fine. 🙂\nInterviewer: And then? 🌙\n"
    assert [seg.role for seg in detect_segments(text)] == [Q, A, Q]
    assert [seg.role for seg in detect_segments("It went fine. 🙂")] != [Q]


def test_a_short_exchange_labelled_throughout_uses_its_labels() -> None:
    """Two paragraphs, each with its own label (a REFI project's transcript): the labels
    are the speakers, though neither repeats."""
    text = "Interviewer: How do nights start?\nNurse: With the handover. Always tired.\n"
    segments = detect_segments(text)
    assert [(seg.role, seg.speaker) for seg in segments] == [(Q, "Interviewer"), (A, "Nurse")]
    assert not speaker_report(text, segments).unsure
    alone = "Interviewer: How do nights start?"
    report = speaker_report(alone, detect_segments(alone))
    assert report.reasons == ("Only one paragraph starts with a speaker label; it was not used.",)
    titled = "Interview with Ana, 3 May 2021\n" + text  # a title above changes nothing
    assert [(s.role, s.speaker) for s in detect_segments(titled)][1:] == [
        (Q, "Interviewer"),
        (A, "Nurse"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Apple: a fruit that grows on trees.\nBanana: a long yellow fruit.\nCherry: small.\n"
        "Date: sweet and brown.\nElder: a shrub.\nFig: soft inside.\n",
        "Apple: a fruit.\nBanana: another fruit.\n",
    ],
)
def test_a_glossary_of_names_with_colons_is_no_transcript(text: str) -> None:
    """Labels used once each make a transcript only as one question and its answer."""
    assert {seg.speaker for seg in detect_segments(text)} == {""}


def test_speaker_report_is_unsure_without_question_marks() -> None:
    text = "Intro.\nWe talked.\nIt was long.\nThe end."
    report = speaker_report(text, detect_segments(text))
    assert report.unsure and report.reasons == ("No questions were found.",)


def test_speaker_report_is_unsure_with_few_labels() -> None:
    text = "Intro.\nHow did it go?\nWell, I think.\nAnd after?\nUpdate: it rained.\nMore.\nEnd."
    report = speaker_report(text, detect_segments(text))
    assert report.unsure
    assert "speaker label" in report.reasons[0]


def test_speaker_report_of_the_bundled_interview_is_sure() -> None:
    text = _bundled()
    report = speaker_report(text, detect_segments(text))
    assert not report.unsure
    assert [(s.name, s.role, s.turns) for s in report.speakers] == [
        ("Interviewer", Q, 13),
        ("Interviewee", A, 13),
    ]


@pytest.mark.parametrize(
    ("par", "speech"),
    [
        ("Interviewer: Why?", "Why?"),
        ("**Q:** Why?", "Why?"),
        ("[00:01:02] Ann Lee: Why?", "Why?"),
        ("記者：なぜ？", "なぜ？"),
        ("Nobody labels this.", "Nobody labels this."),
    ],
)
def test_speech_start_skips_the_label(par: str, speech: str) -> None:
    text = f"Intro line.\n{par}\nAnn: Because.\nBo: Yes.\nAnn: Sure."
    seg = next(s for s in detect_segments(text) if text[s.start : s.end] == par)
    assert text[speech_start(text, seg) : seg.end] == speech


def test_an_interviewers_acknowledgement_is_no_numbered_question() -> None:
    """ "Right." or "Mm-hmm, okay." from the one who asks gets no number (nor an outline
    row); "Go on." and "Right?" still do."""
    text = (
        "Interviewer: Where did you grow up?\n\nAna: In Porto.\n\nInterviewer: Right.\n\n"
        "Ana: By the river.\n\nInterviewer: Mm-hmm, okay.\n\nAna: Then Lisbon.\n\n"
        "Interviewer: Go on.\n\nAna: I studied there.\n\nInterviewer: Right?\n\nAna: Yes.\n"
    )
    segments = detect_segments(text)
    numbered = {
        text[segments[i].start : segments[i].end]: n
        for i, n in question_numbers(segments, text).items()
    }
    assert numbered == {
        "Interviewer: Where did you grow up?": 1,
        "Interviewer: Go on.": 2,
        "Interviewer: Right?": 3,
    }
    assert len(question_numbers(segments)) == 5  # without the text, every question counts
    right = next(seg for seg in segments if text[seg.start : seg.end] == "Interviewer: Right.")
    marked = question_numbers(segments, text, marked={right.start})
    assert len(marked) == 4  # marked a question by hand, it is one


@pytest.mark.parametrize(
    "said", ["Mm-hm.", "Mhmm.", "Mmm.", "Mm hm, yeah.", "Aha.", "Uh-huh.", "Lovely, of course."]
)
def test_back_channels_as_zoom_and_otter_spell_them_are_no_questions(said: str) -> None:
    """A Zoom transcript's "Mm-hm." between two answers was question 2 of the outline, the
    heading of the quotes after it in every export, and a stop of Ctrl+Down."""
    text = (
        "Emma: How did you start?\n\nJosé: A friend took me along.\n\n"
        f"Emma: {said}\n\nJosé: And I stayed.\n\nEmma: What is a shift like?\n\nJosé: Busy.\n"
    )
    segments = detect_segments(text)
    asked = [text[segments[i].start : segments[i].end] for i in question_numbers(segments, text)]
    assert asked == ["Emma: How did you start?", "Emma: What is a shift like?"]


@pytest.mark.parametrize(
    "asked",
    [
        "Emma: Mm-hm.\n\nEmma: What is a shift like?",  # Otter: a header above each
        "Emma: Mm-hm.\nWhat is a shift like?",  # a typist's line break
    ],
)
def test_a_back_channel_before_the_next_question_leaves_it_a_question_of_its_own(
    asked: str,
) -> None:
    """The asker's "Mm-hm." after an answer, then their next question as a turn or a
    paragraph of its own: that question was numbered as the one before the back-channel,
    so it had no row in the outline."""
    text = f"Emma: How did you start?\n\nJosé: A friend took me along.\n\n{asked}\n\nJosé: Busy.\n"
    segments = detect_segments(text)
    numbered = {
        text[speech_start(text, segments[i]) : segments[i].end]: n
        for i, n in question_numbers(segments, text).items()
    }
    assert numbered == {"How did you start?": 1, "What is a shift like?": 2}


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Mm-hm. How did the scanner change things?", "How did the scanner change things?"),
        ("Right. Okay! So, and the others?", "So, and the others?"),
        ("Uh-huh… Go on.", "Go on."),
        ("Thank you. Could you tell me more?", "Could you tell me more?"),
        # Not back-channels alone, or nothing after them: the words as they are.
        ("Okay, the recording has started. Can you?", "Okay, the recording has started. Can you?"),
        ("Thanks again. What do you do?", "Thanks again. What do you do?"),
        ("Mm-hm, how did it start?", "Mm-hm, how did it start?"),
        ("Right. Okay.", "Right. Okay."),
    ],
)
def test_a_questions_words_start_after_a_back_channel_before_them(said: str, asked: str) -> None:
    """Zoom writes the asker's "Mm-hm." and their next question as two cues, which join in
    one turn: the question's words (its outline row, an export's heading) start after it."""
    text = f"Emma: Where?\n\nJosé: Here.\n\nEmma: {said}\n\nJosé: Yes.\n"
    seg = detect_segments(text)[2]
    assert text[question_start(text, seg) : seg.end] == asked


def test_a_typed_transcripts_header_fields_are_no_speakers() -> None:
    """A Word transcript that starts "Date: …" and "Location: …" had speakers "Date" and
    "Location", answering; the header is the introduction. "Notes:" spoken later stays."""
    text = (
        "Interview P10 – Anaïs Lefèvre\n\nDate: 14 February 2024\n\nLocation: online (Zoom)\n\n"
        "Emma: How did you start?\n\nAnaïs: A friend took me along.\n\n"
        "Emma: And the van?\n\nAnaïs: We unload it first.\n"
    )
    segments = detect_segments(text)
    header = [s for s in segments if text[s.start : s.end].startswith(("Date", "Location"))]
    assert [(s.role, s.speaker) for s in header] == [(Role.INTRO, "")] * 2
    assert speaker_report(text, segments).speakers[0].name == "Emma"
    assert {s.speaker for s in segments} == {"", "Emma", "Anaïs"}


@pytest.mark.parametrize(
    "header",
    [
        "Interviewer: Dr. Ruth Mensah\nParticipant: P12 (nurse, 34)\nDate: 3 May 2024",
        "Project: Housing study\nDate: 3 May 2024\nInterviewer: J. Okafor",
    ],
)
def test_a_header_naming_who_plays_each_role_is_no_turn(header: str) -> None:
    """ "Interviewer: Dr. Ruth Mensah" in a typed header was question 1 of the outline,
    and the "Date:" after it a speaker."""
    text = (
        f"{header}\n\nInterviewer: Thanks. Could you describe your ward?\n\n"
        "Participant: It's a 30-bed medical ward.\n\nInterviewer: How many nurses?\n\n"
        "Participant: Four.\n"
    )
    segments = detect_segments(text)
    lines = len(header.split("\n"))
    assert [(s.role, s.speaker) for s in segments[:lines]] == [(Role.INTRO, "")] * lines
    assert {s.speaker for s in segments} == {"", "Interviewer", "Participant"}
    asked = [text[segments[i].start : segments[i].end] for i in question_numbers(segments, text)]
    assert asked[0] == "Interviewer: Thanks. Could you describe your ward?"


@pytest.mark.parametrize(
    "header", ["Interviewer: Tom Baker\nInterviewee: Ayesha Khan", "Moderator: Tom Baker"]
)
def test_a_header_naming_who_speaks_under_their_own_name_is_no_turn(header: str) -> None:
    """With no "Date:" in the header, "Interviewer: Tom Baker" was the only question and
    Tom's own questions answers."""
    text = (
        f"{header}\n\nTom: How did you come to open the shop?\n\n"
        "Ayesha: My uncle had a shop.\n\nTom: And when did you open your own?\n\n"
        "Ayesha: In 2008.\n"
    )
    segments = detect_segments(text)
    lines = len(header.split("\n"))
    assert [(s.role, s.speaker) for s in segments[:lines]] == [(Role.INTRO, "")] * lines
    asked = [text[segments[i].start : segments[i].end] for i in question_numbers(segments, text)]
    assert asked == [
        "Tom: How did you come to open the shop?",
        "Tom: And when did you open your own?",
    ]


def test_lines_read_out_after_a_colon_stay_in_the_turn() -> None:
    """ "Time:" and "Break:", read from a board after "…on the board:", were speakers."""
    text = (
        "Interviewer: What was the schedule like?\n"
        "Worker: Brutal. Let me read you what was on the board:\n"
        "Time: 6am to 6pm, Monday to Saturday.\nBreak: 20 minutes.\n"
        "That was it.\nInterviewer: And pay?\nWorker: Piece rate.\n"
    )
    segments = detect_segments(text)
    assert [s.speaker for s in segments] == ["Interviewer"] + ["Worker"] * 4 + [
        "Interviewer",
        "Worker",
    ]
    assert {info.name for info in speaker_report(text, segments).speakers} == {
        "Interviewer",
        "Worker",
    }


def test_the_askers_closing_thanks_is_no_numbered_question() -> None:
    text = (
        "Interviewer: What would you change?\n\nSam: The opening hours.\n\n"
        "Interviewer: That's all my questions. Thank you so much for your time.\n\n"
        "Sam: Thank you.\n"
    )
    segments = detect_segments(text)
    assert list(question_numbers(segments, text)) == [0]


@pytest.mark.parametrize(
    "opening",
    [
        "Interviewer: Anna Berg\nParticipant: Hi\nNote: she joined late",  # no header: "Hi"
        "Interviewer: Hello. Date: when was it?\nParticipant: May",  # said, not a name
        "Date: 3 May 2024\nInterviewer: Good Morning\nParticipant: Morning",  # greeted
    ],
)
def test_turns_that_name_no_one_start_the_interview_whatever_follows(opening: str) -> None:
    text = f"{opening}\n\nInterviewer: And then?\n\nParticipant: We moved.\n"
    segments = detect_segments(text)
    first = next(s for s in segments if text[s.start : s.end].startswith("Interviewer"))
    assert first.role is Role.QUESTION
    assert first.speaker == "Interviewer"


def test_the_speaker_report_counts_no_header_field_as_a_label() -> None:
    """As detection leaves a header field out ("Date: …" before the first turn), so does
    the report's count of the labels it did not use (it said one paragraph had one)."""
    text = (
        "Date: was it the 14th of February?\n\nYes, I went to work early and stayed late.\n\n"
        "Why so long?\n\nBecause the ward was short of staff.\n"
    )
    segments = detect_segments(text)
    assert not any(s.label for s in segments)
    assert speaker_report(text, segments).reasons == ()


def test_a_turns_words_say_its_direction_when_its_speakers_name_says_another() -> None:
    text = "يوسف العلي: It starts.\nAna: نعم\nفاطمة: نعم\nAna: 12 — ok\nAna: 12 —\n"
    segments = detect_segments(text)
    assert [seg.label for seg in segments] == ["يوسف العلي", "Ana", "فاطمة", "Ana", "Ana"]
    found = [speech_direction(text, seg, speech_start(text, seg)) for seg in segments]
    assert found == ["ltr", "rtl", "", "", ""]


@pytest.mark.parametrize(
    ("opening", "numbered"),
    [
        ("Good morning. Is the recording running?", False),
        ("Hello! Can you hear me okay?", False),
        ("Thanks for joining. Shall we start?", False),
        ("Is the audio okay on your side?", False),
        ("Good afternoon, everyone.", False),
        ("Hi Tom, can you hear me okay?", False),
        ("Hi Sam, thanks for joining me today.", False),
        (
            "Great. Thanks for taking the time today. Before we start, is it okay if I record?",
            False,
        ),
        ("Thanks. Do you mind if I record this?", False),
        ("Hi Sam. Tell me about it.", True),
        ("Thanks Maria. What about the trains?", True),
        # Questions of the interview, whatever words they share with a check:
        ("Is the recording of your mother still around?", True),
        ("Can you see the river from there?", True),
        ("Good morning. Where did you grow up?", True),
        ("Are you recording your own interviews now?", True),
    ],
)
def test_a_greeting_or_a_check_of_the_call_is_no_numbered_question(
    opening: str, numbered: bool
) -> None:
    """A Teams transcript's "Good morning. Is the recording running?" was question 1 of
    the outline and the heading of the first quotes in every export; Zoom's "Hi Tom, can
    you hear me okay?" and the consent to record, questions 1 and 2."""
    text = (
        f"Emma: {opening}\n\nJosé: Yes.\n\nEmma: How did you start?\n\n"
        "José: A friend took me along.\n"
    )
    segments = detect_segments(text)
    asked = [text[segments[i].start : segments[i].end] for i in question_numbers(segments, text)]
    assert asked == [f"Emma: {opening}"] * numbered + ["Emma: How did you start?"]


def test_a_question_before_a_stamp_ending_its_paragraph_still_asks() -> None:
    """Every paragraph ends in a time: the asker was the first speaker, who asked nothing."""
    text = (
        "John Roe: Hello there. [00:00:03]\nJane Doe: Why did you come? [00:00:05]\n"
        "John Roe: For work. [00:00:09]\nJane Doe: Which work? #00:00:10-5#\n"
    )
    assert _summary(text) == [
        (A, "John Roe", "00:00:00"),
        (Q, "Jane Doe", "00:00:03"),
        (A, "John Roe", "00:00:05"),
        (Q, "Jane Doe", "00:00:09"),
    ]


def test_an_interviewer_who_prompts_asks_though_the_participant_asks_more_questions() -> None:
    """Only question marks counted: Ben's two made him the interviewer, Ana's prompts none."""
    text = (
        "Ana Ruiz: Thanks for coming. Tell me about your work at the mill.\n"
        "Ben Okoro: I started in 1990. Do you know the mill?\n"
        "Ana Ruiz: Not really. So, describe a typical day.\n"
        "Ben Okoro: Early start, long shifts. You know what I mean?\n"
        "Ana Ruiz: Can you walk me through the day it closed.\n"
        "Ben Okoro: It was sudden.\n"
    )
    assert [role for role, _, _ in _summary(text)] == [Q, A] * 3


def test_a_participant_who_tells_and_describes_is_not_taken_to_prompt() -> None:
    text = (
        "Ben Okoro: Hello. Let me tell you about the mill. I could describe it all day.\n"
        "Ana Ruiz: Why did it close?\n"
        "Ben Okoro: Tell me about it! Nobody knew. Explaining it is hard.\n"
        "Ana Ruiz: Right.\n"
    )
    assert [role for role, _, _ in _summary(text)] == [A, Q] * 2


@pytest.mark.parametrize(
    ("asker", "teller"),
    [
        ("I", "IP"),  # German, after Dresing & Pehl
        ("Interviewerin", "Befragte"),
        ("Enquêtrice", "Enquêté"),
        ("Entrevistador", "Entrevistada 2"),
        ("Pesquisadora", "Participante"),
        ("Intervistatore", "Intervistata"),
        ("Onderzoeker", "Geïnterviewde"),
    ],
)
def test_labels_of_other_languages_say_their_side(asker: str, teller: str) -> None:
    """The teller asks back more than once: only the labels can say who interviews."""
    text = f"{asker}: Gut.\n{teller}: Wieso? Warum?\n{asker}: Ja.\n{teller}: Wer? Wann?\n"
    assert [role for role, _, _ in _summary(text)] == [Q, A, Q, A]


def test_a_b_speakers_stay_names_so_whoever_asks_is_the_interviewer() -> None:
    """German writes "B:" for the Befragte, but "A:"/"B:" are as often two anonymous speakers."""
    text = "A: Ready?\nB: Why?\nA: Sure.\nB: How come?\n"
    assert [role for role, _, _ in _summary(text)] == [A, Q, A, Q]


@pytest.mark.parametrize(
    "prompt",
    [
        "Danke. Erzählen Sie mir von Ihrer Arbeit.",
        "Gut. Dann beschreiben Sie einen typischen Tag.",
        "Merci. Racontez-moi votre enfance.",
        "Bueno, háblame de tu familia.",
        "Obrigada. Me conta sobre a fábrica.",
        "Allora, mi racconti la sua giornata.",
        "Vertel eens over je werk.",
    ],
)
def test_an_interviewer_who_prompts_in_another_language_asks(prompt: str) -> None:
    """Only question marks counted, the participant would interview: Ana's prompts ask."""
    text = (
        f"Ana Ruiz: {prompt}\nBen Okoro: 1990. Wissen Sie?\n"
        f"Ana Ruiz: {prompt}\nBen Okoro: Ja. Kennen Sie das?\n"
    )
    assert [role for role, _, _ in _summary(text)] == [Q, A, Q, A]


@pytest.mark.parametrize(
    "telling", ["Ich erzähle Ihnen das gern.", "Je vous raconte tout.", "Le explico todo."]
)
def test_a_participant_who_tells_in_another_language_is_not_taken_to_prompt(
    telling: str,
) -> None:
    text = f"Ben Okoro: {telling}\nAna Ruiz: Warum?\nBen Okoro: {telling}\nAna Ruiz: Gut.\n"
    assert [role for role, _, _ in _summary(text)] == [A, Q, A, Q]


def test_lines_of_whispers_console_are_timed_by_their_cues_start() -> None:
    """whisper (and whisper.cpp) print each cue as "[start --> end]   words", a file many
    save as a transcript: each line is timed, for the recording, by its start."""
    text = (
        "[00:00:00.000 --> 00:00:04.000]   Thanks for joining me today.\n"
        "[00:00:04.000 --> 00:00:08.500]   Can you tell me about your first job?\n"
        "[00:00:09.000 --> 00:00:15.000]   Sure, I started at the plant in 1998.\n"
    )
    assert [timestamp for _, _, timestamp in _summary(text)] == [
        "00:00:00.000",
        "00:00:04.000",
        "00:00:09.000",
    ]


def test_a_time_alone_above_a_turn_is_its_stamp_not_speech() -> None:
    """A transcript that writes each turn's time on its own line above it: the time is
    not the previous speaker's words, and it times the place of the turn."""
    text = (
        "0:00:00\nSpeaker 1: What do you do first?\n00:00:17\nSPEAKER 2:\nI start the machines."
        "\n[00:00:35]\nSpeaker 1: And then?\n"
    )
    assert _summary(text) == [
        (Role.ASIDE, "", "0:00:00"),
        (Q, "Speaker 1", ""),
        (Role.ASIDE, "", "00:00:17"),
        (A, "SPEAKER 2", ""),
        (A, "SPEAKER 2", ""),
        (Role.ASIDE, "", "00:00:35"),
        (Q, "Speaker 1", ""),
    ]


def test_the_time_opening_a_question_is_not_its_outline_words() -> None:
    text = (
        "[00:00:00.000 --> 00:00:04.000]   Thanks for joining me today.\n"
        "[00:00:04.000 --> 00:00:08.500]   Can you tell me about your first job?\n"
        "[00:00:09.000 --> 00:00:15.000]   Sure, I started at the plant in 1998.\n"
    )
    question = next(seg for seg in detect_segments(text) if seg.role is Q)
    assert text[question_start(text, question) : question.end] == (
        "Can you tell me about your first job?"
    )
    assert leading_time_end(text, question) == question_start(text, question)


def test_notes_in_brackets_in_a_transcript_labelled_with_colons_are_no_speakers() -> None:
    """A transcript whose interviewer is labelled "Interviewer:" and whose answers open
    with a typist's note the list does not know ("[Nods] Yes…", "[Smiles] We…") had
    "Nods" and "Smiles" among its speakers: QualCoder writes every label in brackets, so
    names in brackets are no labels beside a "Name:" that labels turns."""
    text = (
        "Interviewer: How did it start?\n[Nods] Yes, at the market.\n"
        "Interviewer: And then?\n[Smiles] We met often.\n"
        "Interviewer: Why?\n[Nods] Because.\n[Smiles] And more.\n"
    )
    speakers = {seg.speaker for seg in detect_segments(text)}
    assert not speakers & {"Nods", "Smiles"}


def test_names_in_brackets_are_speakers_beside_lines_opening_with_a_lower_case_word() -> None:
    """Speech that opens lines with "so:" or "well:" is no "Name:" labelling turns."""
    text = "".join(
        f"[{name}] {words}\nso: that was it.\n" if name else f"{words}\n"
        for name, words in QUALCODER_TURNS
    )
    assert {seg.speaker for seg in detect_segments(text)} >= {"Ana", "Tomas Kay"}


@pytest.mark.parametrize("note", ["Crying", "Nods", "Smiles", "Sniffs", "Whispers", "Shrugs"])
def test_a_typists_note_opening_lines_among_bracketed_speakers_is_none(note: str) -> None:
    """A QualCoder transcript ("[Ana] …", "[Tomas] …") whose answers go on in lines opening
    with a note ("[Crying] It was hard.") had that note among its speakers."""
    text = (
        f"[Ana] How did it start?\n[Tomas] At the market.\n[{note}] It was hard.\n"
        f"[Ana] And then?\n[Tomas] We met.\n[{note}] Often.\n[Ana] Why?\n[Tomas] Because.\n"
    )
    speakers = {seg.speaker for seg in detect_segments(text)}
    assert speakers == {"Ana", "Tomas"}
