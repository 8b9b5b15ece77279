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

from typing import Any

import orjson

from reader.core.document import DocumentError
from reader.core.transcripts import Cue, Parsed, cut_off, from_cues

# Lists of segments by key, most specific first: insanely-fast-whisper writes `speakers`
# (with names) beside `chunks` (without), and a `text` of the whole at the top. A study's
# scan looks for them to tell a transcript from other JSON (study_scan.sniff).
SEGMENT_LISTS = ("speakers", "segments", "transcription", "chunks")
_MAX_SECONDS = 10**7  # over 100 days: not a recording


def _with_nan(text: str) -> Any:
    """`text` read as Python's json module reads it, NaN and ±Infinity taken (openai-whisper
    and WhisperX write them for a segment's scores, which the app does not use); None
    when it is not JSON even so."""
    import json

    try:
        return json.loads(text)
    except ValueError:
        return None


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
    if not isinstance(segments, list) or not all(isinstance(s, dict) for s in segments):
        why = (
            "its list holds no segments such as {“start”: 0.0, “end”: 2.5, “text”: …}"
            if isinstance(data, list)  # a bare list is its own segments
            else "it has no list of “segments” (openai-whisper, WhisperX), “transcription” "
            "(whisper.cpp) or “chunks”"
        )
        raise DocumentError(f"{name} is not a Whisper transcript: {why}.")
    cues = []
    turn = False  # whisper.cpp's `--tinydiarize`: the segment before ends a speaker's turn
    for number, segment in enumerate(segments, start=1):
        words = segment.get("text")
        if not isinstance(words, str):
            raise DocumentError(f"{name}: segment {number} has no “text”.")
        start, end = _times(segment, name, number)
        cues.append(Cue(words, start, end, speaker_name(segment.get("speaker")), turn))
        turn = segment.get("speaker_turn_next") is True
    return from_cues(cues, "whisper-json", name)


def _segments(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    for key in SEGMENT_LISTS:
        value = data.get(key)
        if isinstance(value, list) and value and all(isinstance(s, dict) for s in value):
            return value
    return next((data[key] for key in SEGMENT_LISTS if key in data), None)


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
    (no channel louder) as nobody, so the segment continues the turn before it."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return ""
    speaker = str(value).strip()
    if speaker.isdigit():
        return f"Speaker {speaker}"
    return "" if speaker == "?" else speaker
