"""Whisper's text of segments (reader/core/transcripts/whisper_text.py) in the shapes its
tools write: each segment's times before its words, WhisperX's "[SPEAKER_00]: " labels,
whisper.cpp's channels. Read as prose, the times and labels stood in the words and the
speakers were guessed by question marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import load_document
from reader.core.interview import Role, detect_segments
from tests.core.test_transcripts import load_text

DATA = Path(__file__).parents[1] / "data" / "transcripts"
Q, A = Role.QUESTION, Role.ANSWER


@pytest.mark.parametrize(
    ("name", "text", "turns"),
    [
        # Faster-Whisper-XXL's .txt (and openai-whisper's lines as it prints them): a
        # segment that goes on without a sentence's end joins the turn.
        (
            "faster-whisper-xxl.txt",
            "Thanks for coming in. Where did you grow up?\n\n"
            "In Porto, by the river. My mother sold fish at the Bolhão market.\n\n"
            "Did you go with her?\n\nOn Saturdays. I carried the scales. 🐟\n",
            [("", 0, 3480), ("", 4120, 12300), ("", 13000, 14200), ("", 14800, 17500)],
        ),
        # WhisperX's --diarize .txt: a segment it found no speaker for has no label, and
        # goes on with the turn before it.
        (
            "whisperx-diarized.txt",
            "SPEAKER_00: Thanks for coming in. Where did you grow up?\n\n"
            "SPEAKER_01: In Porto, by the river. My mother sold fish at the Bolhão market.\n\n"
            "SPEAKER_00: Did you go with her?\n\n"
            "SPEAKER_01: On Saturdays. I carried the scales. 🐟\n",
            [("SPEAKER_00", None, None), ("SPEAKER_01", None, None)] * 2,
        ),
        # whisper.cpp's lines as it prints them with --diarize (saved with `tee`), an hour
        # in, and "(speaker ?)" going on with the turn before.
        (
            "whisper-cpp-printed.txt",
            "Speaker 0: Where did you learn to weave?\n\n"
            "Speaker 1: From my aunt in Oaxaca, when I was nine. Nine!\n\n"
            "Speaker 0: Do you still have her loom?\n",
            [("Speaker 0", 0, 3480), ("Speaker 1", 4120, 7600), ("Speaker 0", 3723000, 3725250)],
        ),
    ],
)
def test_whisper_text_gives_its_words_once_with_speakers_and_times(
    name: str, text: str, turns: list[tuple[str, int | None, int | None]]
) -> None:
    doc = load_document(DATA / name)
    assert doc.format == "whisper-text"
    assert doc.text == text
    assert [(t.speaker, t.start_ms, t.end_ms) for t in doc.turns] == turns
    roles = [seg.role for seg in detect_segments(doc.text, doc.turns)]
    assert roles == [Q, A, Q, A] if len(turns) == 4 else [Q, A, Q]


def test_each_timed_segment_keeps_its_time_inside_a_turn() -> None:
    """The recording follows a turn of two segments by each one's start."""
    doc = load_document(DATA / "faster-whisper-xxl.txt")
    second = doc.text.index("at the Bolhão")
    assert (second, 9900, 12300) in doc.cues


def test_faster_whisper_printed_seconds_and_tinydiarize_turns(tmp_path: Path) -> None:
    """faster-whisper's example prints "[0.00s -> 7.00s]"; whisper.cpp's --tinydiarize
    ends a speaker's last segment with "[SPEAKER_TURN]", kept out of the words."""
    doc = load_text(
        tmp_path / "printed.txt",
        "[0.00s -> 2.50s]  Where did you grow up? [SPEAKER_TURN]\n"
        "[2.50s -> 7.00s]  In Porto.\n[7.00s -> 9.25s]  By the river.\n",
    )
    assert doc.text == "Where did you grow up?\n\nIn Porto. By the river.\n"
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [(0, 2500), (2500, 9250)]


def test_prose_that_opens_with_a_time_in_brackets_is_as_it_is(tmp_path: Path) -> None:
    text = "[00:01 --> 00:05] was cut.\nThen we talked about the ward.\nAnd the nights.\n"
    doc = load_text(tmp_path / "notes.txt", text)
    assert (doc.format, doc.text) == ("text", text)
