"""Whisper JSON in the shapes its tools write, each segment's text with its times in ms.

- openai-whisper, WhisperX, faster-whisper dumps: `segments` of {start, end, text} in
  seconds, or the list alone (faster-whisper's segments dumped as they come,
  `[s._asdict() for s in segments]`); WhisperX adds `speaker` ("SPEAKER_00").
- whisper.cpp (`-oj`): `transcription` of {offsets: {from, to} in ms, text}; with
  `--diarize`, `speaker` "0", "1" or "?" (not known); with `--tinydiarize`,
  `speaker_turn_next` where another speaker follows.
- Hugging Face transformers and insanely-fast-whisper: `chunks` of {timestamp: [start,
  end], text} in seconds; with diarisation, `speakers` of the same with `speaker`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import orjson

from reader.core.document import DocumentError, EmptyTranscriptError
from reader.core.transcripts import Cue, Parsed, cut_off, from_cues

# Lists of segments by key, most specific first: insanely-fast-whisper writes `speakers`
# (with names) beside `chunks` (without), and a `text` of the whole at the top. A study's
# scan looks for them to tell a transcript from other JSON (study_scan.sniff).
SEGMENT_LISTS = ("speakers", "segments", "transcription", "chunks")
_MAX_SECONDS = 10**7  # over 100 days: not a recording
# whisper.cpp's `--diarize` in its subtitles and text (`-osrt`, `-otxt`): "(speaker 0) "
# before each segment's words, "(speaker ?) " where neither channel was louder.
CHANNEL_RE = re.compile(r"\(speaker (\d+|\?)\)[ \t]*")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…。？！])\s+")


def _with_nan(text: str) -> Any:
    """`text` read as Python's json module reads it, NaN and ±Infinity taken (openai-whisper
    and WhisperX write them for a segment's scores, which the app does not use); None
    when it is not JSON even so."""
    import json

    try:
        return _without_lone_surrogates(json.loads(text))
    except ValueError:
        return None


def _without_lone_surrogates(value: Any) -> Any:
    """`value` with each half of a character pair found alone in its strings made U+FFFD.
    Python's json module reads "\\ud83d" alone (a tool that cut an emoji in two, as
    JavaScript may), which no UTF-8 text can hold; orjson refuses it."""
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_lone_surrogates(item) for key, item in value.items()}
    return value


def parse(text: str, name: str) -> Parsed:
    try:
        data: Any = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()):
            raise cut_off(name, "its JSON") from exc
        data = _with_nan(text)  # Python's json.dump writes NaN and Infinity, JSON has none
        if data is None:
            raise DocumentError(f"{name} is not valid JSON: {exc}.") from exc
    segments = _segments(data)
    if not segments and isinstance(data, dict) and isinstance(data.get("text"), str):
        return _words_alone(data["text"], data.get("words"), name)
    if not isinstance(segments, list) or not all(isinstance(s, dict) for s in segments):
        why = (
            "its list holds no segments such as {“start”: 0.0, “end”: 2.5, “text”: …}"
            if isinstance(data, list)  # a bare list is its own segments
            else "it has no list of “segments” (openai-whisper, WhisperX), “transcription” "
            "(whisper.cpp) or “chunks”"
        )
        raise DocumentError(
            f"{name} is not a Whisper transcript: {why}. Save the transcript from the tool "
            "that made it as subtitles (.srt or .vtt) or as text, and open that."
        )
    cues = []
    turn = False  # whisper.cpp's `--tinydiarize`: the segment before ends a speaker's turn
    for number, segment in enumerate(segments, start=1):
        words = segment.get("text")
        if not isinstance(words, str):
            raise DocumentError(f"{name}: segment {number} has no “text”.")
        start, end = _times(segment, name, number)
        cue = Cue(words, start, end, speaker_name(segment.get("speaker")), turn)
        cues += _by_word_speakers(cue, segment.get("words"), name, number)
        turn = segment.get("speaker_turn_next") is True
    return from_cues(cues, "whisper-json", name)


def _words_alone(text: str, words: object, name: str) -> Parsed:
    """OpenAI's transcription as its "json" response gives it, {"text": "…"} (the only JSON
    gpt-4o-transcribe gives), or its "verbose_json" asked for the times of words alone,
    with `words` and no segments (or an empty list of them, as servers made to answer
    like it write): the sentences, each timed by its words where they are given, a
    paragraph parted before and after questions, as a pause parts them in a timed file
    (the words after one are most often its answer). Refused, or as one paragraph with
    no question set apart in the outline, before."""
    text = text.strip()
    if not text:
        raise EmptyTranscriptError(
            f"{name} holds no transcript: its “text” is empty. The recording may be silent: "
            "transcribe it again."
        )
    starts, at = [], 0
    for sentence in (sentences := _SENTENCE_END_RE.split(text)):
        at = text.index(sentence, at)
        starts.append(at)
    timed = _words_timed(text, words)
    asked = [sentence.endswith(("?", "？")) for sentence in sentences]
    cues = []
    for number, (sentence, start) in enumerate(zip(sentences, starts, strict=True)):
        inside = [t for t in timed if start <= t[0] < start + len(sentence)]
        start_ms, end_ms = (inside[0][1], inside[-1][2]) if inside else (None, None)
        parted = bool(number) and asked[number] != asked[number - 1]
        cues.append(Cue(sentence, start_ms, end_ms, paragraph=parted))
    parsed = from_cues(cues, "whisper-json", name)
    if timed:
        return parsed
    return replace(
        parsed,
        notice=f"{name} holds the words without their times, so a recording cannot follow "
        "them: for times, ask OpenAI for its “verbose_json” or “srt” response instead.",
    )


def _words_timed(text: str, words: object) -> list[tuple[int, int, int]]:
    """(where in `text`, start ms, end ms) of each word of OpenAI's `words` found in it in
    order (they are given without punctuation); none where they are not given."""
    timed: list[tuple[int, int, int]] = []
    found = 0
    for word in words if isinstance(words, list) else ():
        said = word.get("word") if isinstance(word, dict) else None
        if not isinstance(said, str) or not (said := said.strip()):
            continue
        start, end = _word_ms(word.get("start")), _word_ms(word.get("end"))
        at = text.find(said, found)
        if at >= 0 and start is not None and end is not None:
            timed.append((at, start, end))
            found = at + len(said)
    return timed


def _segments(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    for key in SEGMENT_LISTS:
        value = data.get(key)
        if isinstance(value, list) and value and all(isinstance(s, dict) for s in value):
            return value
    return next((data[key] for key in SEGMENT_LISTS if key in data), None)


WORD_RUN_MIN = 2  # words: a speaker's run shorter is taken for a stray word's mislabel


def _by_word_speakers(cue: Cue, words: object, name: str, number: int) -> list[Cue]:
    """The segment, one cue for each speaker its words name in turn (WhisperX gives each
    word a speaker, and a segment, cut by pauses, can hold a question and its answer: the
    answer went to the asker). A word without a speaker goes with the words before it; a
    run of fewer than WORD_RUN_MIN words with the run before it (the first, with the
    next). Left whole when its words are not found in its text in order."""
    if not isinstance(words, list) or not cue.speaker:
        return [cue]
    runs: list[_Run] = []
    found = 0
    for word in words:
        said = word.get("word") if isinstance(word, dict) else None
        if not isinstance(said, str) or not (said := said.strip()):
            continue
        at = cue.text.find(said, found)
        if at < 0:
            return [cue]
        found = at + len(said)
        speaker, start = speaker_name(word.get("speaker")), _word_ms(word.get("start"))
        if runs and not runs[-1].speaker:  # words before any named: the first named's
            runs[-1].speaker = speaker
        if runs and speaker in ("", runs[-1].speaker):
            runs[-1].words += 1
            if runs[-1].start is None:  # its first word untimed ("1987," in WhisperX)
                runs[-1].start = start
        else:
            runs.append(_Run(speaker, at, start))
    joined: list[_Run] = []
    for run in runs:
        if joined and (run.words < WORD_RUN_MIN or run.speaker == joined[-1].speaker):
            joined[-1].words += run.words
        elif len(joined) == 1 and joined[0].words < WORD_RUN_MIN:  # a short first: the next's
            joined[0] = replace(run, at=0, start=joined[0].start, words=run.words + joined[0].words)
        else:
            joined.append(run)
    if len(joined) < 2:
        return [cue]
    cues = []
    for run, after in zip(joined, [*joined[1:], None], strict=True):
        text = cue.text[run.at if cues else 0 : after.at if after else len(cue.text)]
        start = cue.start_ms if not cues or run.start is None else run.start
        end = after.start if after and after.start is not None else cue.end_ms
        cues.append(Cue(text, start, end, run.speaker, cue.turn and not cues))
    return cues


def _word_ms(value: object) -> int | None:
    """A word's time in ms; None when it has none, or one that is not a number: a word's
    time only parts a segment, which a file is not refused for."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e7:
        return None
    return round(value * 1000)


@dataclass
class _Run:
    """Words of one speaker in a segment: who, where in its text they start, and when."""

    speaker: str
    at: int
    start: int | None
    words: int = 1


def _times(segment: dict[str, Any], name: str, number: int) -> tuple[int | None, int | None]:
    """(start, end) in ms, from seconds, whisper.cpp's ms `offsets` or a `timestamp` pair."""
    offsets, pair = segment.get("offsets"), segment.get("timestamp")
    if isinstance(offsets, dict):
        values, per_second = (offsets.get("from"), offsets.get("to")), 1000
    elif isinstance(pair, list) and len(pair) == 2:
        values, per_second = (pair[0], pair[1]), 1
    else:
        values, per_second = (segment.get("start"), segment.get("end")), 1
    return (_ms(values[0], per_second, name, number), _ms(values[1], per_second, name, number))


def _ms(value: object, per_second: int, name: str, number: int) -> int | None:
    if value is None or value != value:  # NaN: a time the tool did not know
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise DocumentError(f"{name}: segment {number} has a time that is not a number.")
    seconds = value / per_second
    if seconds > _MAX_SECONDS:
        raise DocumentError(f"{name}: segment {number} has a time of {seconds:g} seconds.")
    return round(seconds * 1000)


def speaker_name(value: object) -> str:
    """The speaker's name; whisper.cpp's channel numbers read as "Speaker 0", and its "?"
    (no channel louder) as nobody, so the segment continues the turn before it. OpenAI's
    diarised transcripts letter their voices ("A", "B"): "Speaker A", since "A:" alone
    is a typist's label of the answers, and its questioner was shown answering."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return ""
    speaker = str(value).strip()
    if speaker.isdigit() or (len(speaker) == 1 and speaker.isupper()):
        return f"Speaker {speaker}"
    return "" if speaker == "?" else speaker
