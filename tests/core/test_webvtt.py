"""WebVTT as noScribe writes it (reader/core/transcripts/webvtt.py): its mark of speech
over another's speaker made a speaker of its own ("//S00"), its name stood twice
("//S00: //S00: Mhm.") and its marks stood among the words."""

from __future__ import annotations

from pathlib import Path

from reader.core.document import load_document
from reader.core.interview import detect_segments, question_numbers
from tests.core.test_transcripts import load_text

DATA = Path(__file__).parents[1] / "data" / "transcripts"


def test_noscribe_overlapping_speech_is_its_speakers_words_once() -> None:
    doc = load_document(DATA / "noscribe.vtt")
    assert doc.text == (
        "S00: Thanks for coming in. Where did you grow up?\n\n"
        "S01: In Porto, by the river.\n\nS00: Mhm.\n\n"
        "S01: My mother sold fish at the Bolhão market. (..)\n\n"
        "S00: Did you go with her?\n\nS01: On Saturdays. I carried the scales. 🐟\n"
    )
    assert [(t.speaker, t.start_ms, t.end_ms) for t in doc.turns] == [
        ("S00", 0, 4200),
        ("S01", 4900, 8400),
        ("S00", 8400, 9000),
        ("S01", 9000, 13000),
        ("S00", 13000, 14200),
        ("S01", 14800, 17500),
    ]
    segments = detect_segments(doc.text, doc.turns)
    asked = [segments[i] for i in question_numbers(segments, doc.text)]
    assert [doc.text[s.start : s.end] for s in asked] == [
        "S00: Thanks for coming in. Where did you grow up?",
        "S00: Did you go with her?",
    ]


def test_overlapping_speech_ending_before_a_third_speaker(tmp_path: Path) -> None:
    """noScribe ends the words said over another's with "//" where a third speaker, not
    the one spoken over, goes on."""
    doc = load_text(
        tmp_path / "three.vtt",
        "WEBVTT three\n\n1\n00:00:00.000 --> 00:00:02.000\n<v S00>Who was there?\n\n"
        "2\n00:00:02.000 --> 00:00:03.000\n<v S01>My uncle, and\n\n"
        "3\n00:00:02.500 --> 00:00:03.000\n<v //S02>//S02: Me!//\n\n"
        "4\n00:00:03.000 --> 00:00:04.000\n<v S00>You too? http://example.org\n",
    )
    assert doc.text == (
        "S00: Who was there?\n\nS01: My uncle, and\n\nS02: Me!\n\n"
        "S00: You too? http://example.org\n"
    )
