"""OpenAI's transcription in its default "json" response, {"text": "…"}, read by
reader/core/transcripts/whisper.py: it was refused as "not a Whisper transcript" on its
own and skipped from a study, though gpt-4o-transcribe gives no other JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import DocumentError, EmptyTranscriptError, load_document
from reader.core.interview import Role, detect_segments
from tests.core.test_transcripts import load_text

DATA = Path(__file__).parents[1] / "data" / "transcripts"


def test_words_alone_are_read_once_with_questions_set_apart() -> None:
    doc = load_document(DATA / "openai-text.json")
    assert doc.format == "whisper-json"
    assert doc.text == (
        "Thanks for coming in.\n\nWhere did you grow up?\n\n"
        "In Porto, by the river. My mother sold fish at the Bolhão market.\n\n"
        "Did you go with her? Why? Who asked you?\n\n"
        "On Saturdays. I carried the scales. 🐟\n"
    )
    roles = [seg.role for seg in detect_segments(doc.text, doc.turns)]
    assert roles[1:] == [Role.QUESTION, Role.ANSWER, Role.QUESTION, Role.ANSWER]
    assert (doc.turns, doc.cues) == ((), ())
    assert doc.notice.startswith("openai-text.json holds the words without their times")


@pytest.mark.parametrize("text", ['{"text": ""}', '{"text": " \\n "}'])
def test_empty_words_say_the_file_holds_no_transcript(tmp_path: Path, text: str) -> None:
    with pytest.raises(EmptyTranscriptError, match=r"^silent\.json holds no transcript: its"):
        load_text(tmp_path / "silent.json", text)


def test_words_alone_with_their_times_time_each_sentence() -> None:
    """OpenAI's "verbose_json" asked for the times of words alone has no segments (or an
    empty list, as speaches writes it): it was refused as holding no transcript."""
    doc = load_document(DATA / "openai-verbose-words.json")
    assert doc.text == (
        "Thanks for coming in.\n\nWhere did you grow up?\n\n"
        "In Porto, by the river. My mother sold fish.\n"
    )
    assert [(t.start_ms, t.end_ms) for t in doc.turns] == [(0, 3480), (4120, 7900)]
    starts = [doc.text.index(s) for s in ("Thanks", "Where", "In Porto", "My mother")]
    ends = (1100, 3480, 6000, 7900)
    assert doc.cues == tuple(zip(starts, (0, 1500, 4120, 6500), ends, strict=True))
    assert doc.notice == ""


def test_json_of_another_tool_says_what_to_open_instead(tmp_path: Path) -> None:
    """A transcription service's own JSON (AssemblyAI's utterances) was refused without
    a word of what to do."""
    with pytest.raises(DocumentError) as refused:
        load_text(tmp_path / "P07.json", '{"utterances": [{"speaker": "A", "text": "Hi?"}]}')
    said = str(refused.value)
    assert said.startswith("P07.json is not a Whisper transcript: it has no list of")
    assert said.endswith(
        "Save the transcript from the tool that made it as subtitles (.srt "
        "or .vtt) or as text, and open that."
    )
