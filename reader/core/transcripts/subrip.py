"""SubRip subtitles (.srt) from Descript, Rev, Whisper and subtitle tools.

Parsed with `srt`, which is strict: a malformed timing is an error, not a dropped cue.
"""

from __future__ import annotations

import re

import srt

from reader.core.document import DocumentError
from reader.core.transcripts import Cue, Parsed, from_cues

_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>|\{\\[^}]*\}")  # <i>, <font ...>, {\an8}


def parse(text: str, name: str) -> Parsed:
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as exc:
        line = text.count("\n", 0, exc.expected_start) + 1
        bad = text[exc.expected_start : exc.actual_start].strip().split("\n")[0][:60]
        raise DocumentError(
            f"{name} is not valid SubRip: line {line} (“{bad}”) is not a cue number and "
            "timing such as “00:00:01,000 --> 00:00:04,000”."
        ) from exc
    cues = [
        Cue(
            _TAG_RE.sub("", sub.content),
            int(sub.start.total_seconds() * 1000),
            int(sub.end.total_seconds() * 1000),
        )
        for sub in subtitles
    ]
    return from_cues(cues, "srt", name)
