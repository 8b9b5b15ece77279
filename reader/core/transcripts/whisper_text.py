"""whisper.cpp's text of a stereo recording with its speakers (`-otxt --diarize`): a line
for each segment, opening with its channel, "(speaker 0) Where did you learn to weave?",
and "(speaker ?)" where neither channel was louder (examples/cli/cli.cpp, output_txt).
Read as its subtitles are (subrip.py): "Speaker 0: …" turns, a segment of no channel going
on with the turn before it. It has no times.
"""

from __future__ import annotations

from reader.core.transcripts import Cue, Parsed, from_cues
from reader.core.transcripts.whisper import CHANNEL_RE, speaker_name

_CHANNELLED_SHARE = 0.9  # of its lines: fewer, and it is a text that mentions a speaker


def parse(text: str, name: str) -> Parsed | None:
    """The turns of whisper.cpp's diarised text; None for a text not in its shape."""
    lines = [line for line in text.split("\n") if line.strip()]
    channels = [CHANNEL_RE.match(line) for line in lines]
    if sum(c is not None for c in channels) < _CHANNELLED_SHARE * len(lines):
        return None
    cues = [
        Cue(line[c.end() :], speaker=speaker_name(c[1])) if c else Cue(line)
        for line, c in zip(lines, channels, strict=True)
    ]
    return from_cues(cues, "whisper-text", name)
