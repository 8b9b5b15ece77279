"""whisper.cpp's lyrics (`-olrc`): a header "[by:whisper.cpp]", then a line for each
segment, its start before its words ("[01:02.50] So where…", minutes past 99 in full),
and with `--diarize` on a stereo recording its channel after the start, "(speaker 0)"
(examples/cli/cli.cpp, output_lrc). Other tags of the lyrics' format ("[ti:…]") are
passed over.

It says when each segment starts, not when it ends, so no pause parts its turns: each
segment is a paragraph, as a line of whisper.cpp's text is.
"""

from __future__ import annotations

import re

from reader.core.document import DocumentError
from reader.core.transcripts import Cue, Parsed, from_cues
from reader.core.transcripts.whisper import CHANNEL_RE, speaker_name

_TIMED_RE = re.compile(r"\[(\d+):(\d{2})(?:[.:](\d{1,3}))?\][ \t]*(.*)")
_TAG_RE = re.compile(r"\[[A-Za-z]+:[^\]\n]*\]")


def parse(text: str, name: str) -> Parsed:
    cues = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line or _TAG_RE.fullmatch(line):
            continue
        timed = _TIMED_RE.fullmatch(line)
        if timed is None:
            raise DocumentError(
                f"{name}: line {number} (“{line[:60]}”) is not a time and words such as "
                "“[00:01.50] Hello.”"
            )
        minutes, seconds, fraction, words = timed.groups()
        start = (int(minutes) * 60 + int(seconds)) * 1000 + int((fraction or "0").ljust(3, "0"))
        channel = CHANNEL_RE.match(words)
        speaker = speaker_name(channel[1]) if channel else ""
        words = words[channel.end() :] if channel else words
        cues.append(Cue(words, start, None, speaker, paragraph=True))
    return from_cues(cues, "lrc", name)
