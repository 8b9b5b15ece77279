"""Whisper's text, a line for each segment, in the shapes its tools write it:

- whisper.cpp's of a stereo recording (`-otxt --diarize`), each line opening with its
  channel, "(speaker 0) Where did you learn to weave?", and "(speaker ?)" where neither
  channel was louder (examples/cli/cli.cpp, output_txt);
- WhisperX's (`--diarize`), "[SPEAKER_00]: Where did you grow up?" (whisperx/utils.py,
  WriteTXT), a segment of no speaker without the label;
- each segment's times before it, "[00:16.020 --> 00:41.090]  Can you…": what
  openai-whisper and whisper.cpp print as they go (saved with `tee` or copied from the
  terminal) and Faster-Whisper-XXL writes as its .txt; faster-whisper's example prints
  "[0.00s -> 7.00s]  Can you…"; a speaker may follow the times, "(speaker 0)" or
  "[SPEAKER_00]:", and whisper.cpp's `--tinydiarize` ends a turn's last with
  "[SPEAKER_TURN]".

Read as its subtitles are (subrip.py): "Speaker 0: …" turns, a segment of no speaker going
on with the turn before it. Read as prose, the times and labels stood in the words and
the speakers were guessed by question marks.
"""

from __future__ import annotations

import re

from reader.core.transcripts import Cue, Parsed, from_cues, time_ms
from reader.core.transcripts.whisper import CHANNEL_RE, speaker_name

_SHAPED_SHARE = 0.75  # of its lines (WhisperX labels no segment it found no speaker for);
# fewer, and it is a text that mentions a speaker or a time
_TIME = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_TIMES_RE = re.compile(
    rf"\[(?P<start>{_TIME})[ \t]*-->[ \t]*(?P<end>{_TIME})\][ \t]*"
    r"|\[(?P<start_s>\d+(?:\.\d+)?)s[ \t]*->[ \t]*(?P<end_s>\d+(?:\.\d+)?)s\][ \t]*"
)
_WHISPERX_LABEL_RE = re.compile(r"\[SPEAKER_\d+\]:[ \t]")
_TURN_ENDS = "[SPEAKER_TURN]"


def parse(text: str, name: str) -> Parsed | None:
    """The turns of Whisper's text; None for a text not in its shape."""
    lines = [line for line in text.split("\n") if line.strip()]
    times = [_TIMES_RE.match(line) for line in lines]
    shaped = sum(
        timed is not None or _speaker_opens(line[timed.end() if timed else 0 :])
        for line, timed in zip(lines, times, strict=True)
    )
    if shaped < _SHAPED_SHARE * len(lines):
        return None
    cues: list[Cue] = []
    turn = False  # the line before ended a speaker's turn (`--tinydiarize`)
    for line, timed in zip(lines, times, strict=True):
        words = line[timed.end() :] if timed else line
        start, end = _times(timed) if timed else (None, None)
        ends_turn = words.rstrip().endswith(_TURN_ENDS)
        if ends_turn:
            words = words.rstrip().removesuffix(_TURN_ENDS)
        channel = CHANNEL_RE.match(words)
        speaker = speaker_name(channel[1]) if channel else ""
        cues.append(Cue(words[channel.end() :] if channel else words, start, end, speaker, turn))
        turn = ends_turn
    return from_cues(cues, "whisper-text", name)


def _speaker_opens(words: str) -> bool:
    return CHANNEL_RE.match(words) is not None or _WHISPERX_LABEL_RE.match(words) is not None


def _times(timed: re.Match[str]) -> tuple[int | None, int | None]:
    """A line's start and end in ms, from "00:16.020" or faster-whisper's "16.02s"."""
    if timed["start"] is not None:
        return time_ms(timed["start"]), time_ms(timed["end"])
    return round(float(timed["start_s"]) * 1000), round(float(timed["end_s"]) * 1000)
