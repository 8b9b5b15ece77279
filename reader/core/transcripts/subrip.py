"""SubRip subtitles (.srt) from Descript, Rev, Whisper, whisper.cpp and subtitle tools.

Parsed with `srt`, which is strict: a malformed timing is an error, not a dropped cue.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import timedelta

import srt

from reader.core.document import DocumentError
from reader.core.transcripts import Cue, Parsed, cut_off, from_cues, marked_at, unrolled
from reader.core.transcripts.whisper import CHANNEL_RE, speaker_name

# The markup players know (<i>, <font ...>, {\an8}); any other "<...>" is the
# transcriber's ("<laughs>"), words kept.
_TAG_RE = re.compile(r"</?(?:[ibus]|font)(?:[\s=][^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)
# A character reference as tools write them in SubRip ("&amp;", "&#39;", "&#x2019;"), its
# semicolon required: SubRip is not HTML, and "R&D" or "&copy" in a line are words.
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# `srt` reads a cue number left at the end, after a blank line, as the last cue's words.
_TRAILING_NUMBER_RE = re.compile(r"\n[ \t]*\n\s*(\d+)\s*$")
# A timing line, and one of its times written without hours ("00:01,000", as some tools
# write a short clip's): `srt` reads its comma as a colon, 00 hours 1 minute. Or with a
# fraction of one or two digits ("00:00:01,5"): `srt` reads 5 milliseconds.
_TIMING_RE = re.compile(r"^([ \t]*)([\d:,.]+)([ \t]*-->[ \t]*)([\d:,.]+)", re.MULTILINE)
_INDENTED_TIMING_RE = re.compile(r"^[ \t]+(?=[\d:,.]+[ \t]*-->)", re.MULTILINE)
# Looked for after the arrow (a tool writes its start times as its end times): a pattern
# that opens with "-->" is searched for that first, 25 ms for 4.6 MB where one that opened
# at each line's start took 136 (srt.parse itself: 1.1 s).
# A timing line of timecodes with frames: each time's hours, minutes and seconds, and its
# frame number (the words of a cue are never read as one, whatever numbers they hold).
_FRAMES_RE = re.compile(
    r"^([ \t]*\d{1,2}:\d{2}:\d{2}):(\d{2})([ \t]*-->[ \t]*\d{1,2}:\d{2}:\d{2}):(\d{2})"
    r"(?=[ \t]*\r?$)",
    re.MULTILINE,
)
# A timing line right above the next cue's number and timing: an empty cue written without
# the blank line after it. `srt` read the next cue's number and timing as its words, and
# that cue's speaker's label with them.
_EMPTY_CUE_RE = re.compile(r"(-->[^\n]*\n)(?=[ \t]*\d+[ \t]*\n[ \t]*[\d:,.]+[ \t]*-->)")
_UNUSUAL_TIME_RE = re.compile(r"-->[ \t]*(?:\d{1,2}:\d{2}[,.]\d|[\d:]+[,.]\d{1,2}(?![\d:]))")


def parse(text: str, name: str) -> Parsed:
    if "\n " in text or "\n\t" in text:  # an indented timing (hand-edited): `srt` took
        text = _INDENTED_TIMING_RE.sub("", text)  # it, cue number and all, for words
    text, notice = _frames_read(text, name)
    text = _EMPTY_CUE_RE.sub(r"\1\n", text)
    if _UNUSUAL_TIME_RE.search(text):
        text = _TIMING_RE.sub(_usual_times, text)
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as exc:
        block = text[exc.expected_start : exc.actual_start]
        line = text.count("\n", 0, exc.expected_start + len(block) - len(block.lstrip())) + 1
        bad, *below = block.strip().split("\n")
        if bad.isdigit() and text[exc.expected_start :].strip().count("\n") <= 1:
            raise cut_off(name, f"cue {bad}") from exc  # its number and a part of its timing
        if bad.strip().isdigit() and below:  # a cue number, and under it no timing
            raise DocumentError(
                f"{name} is not valid SubRip: line {line + 1} (“{below[0].strip()[:60]}”), "
                f"under cue number {bad.strip()}, is not a timing such as “00:00:01,000 --> "
                "00:00:04,000”."
            ) from exc
        raise DocumentError(
            f"{name} is not valid SubRip: line {line} (“{bad[:60]}”) is not a cue number and "
            "timing such as “00:00:01,000 --> 00:00:04,000”."
        ) from exc
    _check_end(subtitles, name)
    cues = []
    for sub in subtitles:
        words = _TAG_RE.sub("", sub.content)
        if "&" in words:  # after the tags: "&lt;i&gt;" is words, not markup
            words = _ENTITY_RE.sub(lambda ref: html.unescape(ref[0]), words)
        channel = CHANNEL_RE.match(words)
        cues.append(
            Cue(
                words[channel.end() :] if channel else words,
                sub.start // timedelta(milliseconds=1),  # not through a float: 0.29 s is 289
                sub.end // timedelta(milliseconds=1),
                speaker_name(channel[1]) if channel else "",
                marked=marked_at(sub.content),
            )
        )
    parsed = from_cues(unrolled(cues), "srt", name)
    return replace(parsed, notice=notice) if notice else parsed


def _frames_read(text: str, name: str) -> tuple[str, str]:
    """Timecodes with frames ("00:00:01:12", as video tools write them) as milliseconds,
    at 25 frames a second (30 where a frame number says more), and what to tell the user:
    `srt` read the frames as milliseconds, each time up to a second early, unsaid."""
    timings = list(_FRAMES_RE.finditer(text))
    if not timings:
        return text, ""
    rate = 25 if max(int(t[n]) for t in timings for n in (2, 4)) < 25 else 30

    def in_ms(timing: re.Match[str]) -> str:
        start, start_frame, arrow_end, end_frame = timing.groups()
        start_ms, end_ms = (min(int(f), rate - 1) * 1000 // rate for f in (start_frame, end_frame))
        return f"{start},{start_ms:03d}{arrow_end},{end_ms:03d}"

    said = (
        f"{name} times its cues with frames (00:00:01:12); they were read at {rate} frames "
        "a second."
    )
    return _FRAMES_RE.sub(in_ms, text), said


def _usual_times(timing: re.Match[str]) -> str:
    """A timing line with its times as `srt` reads them: hours, and milliseconds."""
    lead, start, arrow, end = timing.groups()
    return lead + _usual(start) + arrow + _usual(end)


def _usual(time: str) -> str:
    """ "00:" before a time of minutes and seconds; a fraction of fewer than three digits
    written as milliseconds ("1,5" is 1,500)."""
    if time.count(":") == 1:
        time = f"00:{time}"
    whole, mark, fraction = time.rpartition(",") if "," in time else time.rpartition(".")
    if mark and fraction.isdigit() and len(fraction) < 3:
        time = whole + mark + fraction.ljust(3, "0")
    return time


def _check_end(subtitles: list[srt.Subtitle], name: str) -> None:
    """Refuse a file cut off after a cue number, or inside a cue's timing (`srt` reads
    "00:00:0" as a time, so the last cue ends before it starts and has no words)."""
    if not subtitles:
        return
    last = subtitles[-1]
    number = _TRAILING_NUMBER_RE.search(last.content)
    if number is not None or (not last.content.strip() and last.end < last.start):
        raise cut_off(name, f"cue {number[1] if number else last.index}")
