"""Whisper and WhisperX JSON: `segments` of {start, end, text} in seconds; WhisperX adds
`speaker` ("SPEAKER_00")."""

from __future__ import annotations

from typing import Any

import orjson

from reader.core.document import DocumentError
from reader.core.transcripts import Cue, Parsed, from_cues


def parse(text: str, name: str) -> Parsed:
    try:
        data: Any = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise DocumentError(f"{name} is not valid JSON: {exc}.") from exc
    segments = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(segments, list) or not all(isinstance(s, dict) for s in segments):
        raise DocumentError(f"{name} is not a Whisper transcript: it has no list of “segments”.")
    cues = []
    for number, segment in enumerate(segments, start=1):
        words = segment.get("text")
        if not isinstance(words, str):
            raise DocumentError(f"{name}: segment {number} has no “text”.")
        speaker = segment.get("speaker")
        cues.append(
            Cue(
                words,
                _ms(segment.get("start"), name, number),
                _ms(segment.get("end"), name, number),
                speaker.strip() if isinstance(speaker, str) else "",
            )
        )
    return from_cues(cues, "whisper-json", name)


def _ms(seconds: object, name: str, number: int) -> int | None:
    if seconds is None:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise DocumentError(f"{name}: segment {number} has a time that is not a number.")
    if seconds > 10**7:  # over 100 days: not a recording
        raise DocumentError(f"{name}: segment {number} has a time of {seconds} seconds.")
    return round(seconds * 1000)
