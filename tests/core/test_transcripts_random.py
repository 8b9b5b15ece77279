"""Random timed transcripts (WebVTT, SubRip, Whisper JSON, Otter) read, highlighted, saved
and read again.

Each seed writes cues (times past an hour, overlapping, empty; voices, "Name:" labels; CJK,
Hebrew, Arabic, emoji, combining marks) in one format, with or without blank lines, a
BOM, CRLF. Read, the file gives a DocumentError or a text that keeps each cue's words in
order, its speakers and its times. A highlight made on that text, saved, stays on its
words when the file comes back with other line ends and BOM, and when a cue before it was
reworded. A failing seed replays alone (`-k "seed-17"`). For a longer search:
RANDOM_TRANSCRIPTS=2000 pytest tests/core/test_transcripts_random.py
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from reader.core.annotations import make_highlight
from reader.core.document import Document, DocumentError, load_document, normalise
from reader.core.notes_file import NotesData, parse, serialise
from reader.core.session import Session
from reader.core.shorten import whole_characters

TRANSCRIPTS = int(os.environ.get("RANDOM_TRANSCRIPTS", "40"))
WORDS = [
    "hello", "wörld", "e\u0301té", "中文", "日本語です", "שלום", "مرحبا", "😢", "👩\u200d👧", "🇺🇦",
    "and", "so", "yes", "a&b", "<laughs>", "1.5", "well,", "ok.", "Привет", "\t",
]  # fmt: skip
NAMES = ["Ana", "Bob Li", "李明", "محمد", "Zoë", "Dr. Smith", "שרה", ""]
# A cue: (start ms, end ms, speaker or "", words). Each cue with words ends in a tag of its
# own ("u3x"), so that no cue repeats another (captions that roll are read once).
CueSpec = tuple[int, int, str, str]


def _cues(rng: random.Random) -> list[CueSpec]:
    cues, at = [], rng.randint(0, 4_000_000)
    for n in range(rng.randint(1, 12)):
        at = max(0, at + rng.randint(-500, 3000))  # before the last one's start: overlapping
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6)))
        if words or rng.random() < 0.9:
            words = f"{words} u{n}x".strip()
        cues.append((at, at + rng.randint(0, 4000), rng.choice(NAMES), words))
    return cues


def _stamp(ms: int, hours: bool, comma: bool) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    clock = f"{h:02d}:{m:02d}:{s:02d}" if hours or h else f"{m:02d}:{s:02d}"
    return f"{clock}{',' if comma else '.'}{milli:03d}"


def _lines(rng: random.Random, words: str) -> str:
    """The words, over two lines now and then."""
    return words.replace(" ", "\n", 1) if rng.random() < 0.3 else words


def _gap(rng: random.Random) -> str:
    return "\n" * rng.choice([2, 2, 2, 3])


def _vtt(rng: random.Random, cues: list[CueSpec]) -> str:
    hours = rng.random() < 0.5
    blocks = ["WEBVTT"]
    for n, (start, end, name, words) in enumerate(cues):
        lines = [str(n + 1)] if rng.random() < 0.4 else []
        lines.append(f"{_stamp(start, hours, False)} --> {_stamp(end, hours, False)}")
        if words and name:
            voiced = rng.random() < 0.7
            lines.append(f"<v {name}>{_lines(rng, words)}</v>" if voiced else f"{name}: {words}")
        elif words:
            lines.append(_lines(rng, words))
        if rng.random() < 0.1:
            blocks.append("NOTE a comment\nover two lines")
        blocks.append("\n".join(lines))
    return "".join(block + _gap(rng) for block in blocks)


def _srt(rng: random.Random, cues: list[CueSpec]) -> str:
    blocks = []
    for n, (start, end, name, words) in enumerate(cues):
        lines = [str(n + 1), f"{_stamp(start, True, True)} --> {_stamp(end, True, True)}"]
        if words:
            lines.append(_lines(rng, f"{name}: {words}" if name else words))
        blocks.append("\n".join(lines))
    return "".join(block + _gap(rng) for block in blocks)


def _whisper(rng: random.Random, cues: list[CueSpec]) -> str:
    segments = [
        {"start": start / 1000, "end": end / 1000, "text": " " + words}
        | ({"speaker": name} if name else {})
        for start, end, name, words in cues
    ]
    text = " ".join(words for *_, words in cues)
    return orjson.dumps({"text": text, "segments": segments}).decode()


def _otter(rng: random.Random, cues: list[CueSpec]) -> str:
    blocks = []
    for start, _, name, words in cues:
        minutes, seconds = divmod(start // 1000, 60)
        hours, minutes = divmod(minutes, 60)
        clock = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        blocks.append(f"{name or 'Speaker 1'}  {clock}\n{words}")
    return "\n\n".join(blocks) + "\n"


WRITERS: dict[str, Callable[[random.Random, list[CueSpec]], str]] = {
    "vtt": _vtt,
    "srt": _srt,
    "json": _whisper,
    "txt": _otter,
}


def _written(path: Path, text: str, crlf: bool, bom: bool) -> Path:
    data = (text.replace("\n", "\r\n") if crlf else text).encode()
    path.write_bytes(b"\xef\xbb\xbf" + data if bom else data)
    return path


def _reopened(document: Document, session: Session) -> Session:
    """The session's notes saved and opened again on `document`."""
    notes: NotesData = parse(serialise(session.notes))
    return Session.open(document, notes)


@pytest.mark.parametrize("seed", range(TRANSCRIPTS), ids=lambda seed: f"seed-{seed}")
def test_a_random_transcript_keeps_speech_speakers_times_and_highlights(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    suffix = rng.choice(sorted(WRITERS))
    cues = _cues(rng)
    text = WRITERS[suffix](rng, cues)
    crlf, bom = rng.random() < 0.3, rng.random() < 0.3
    try:
        document = load_document(_written(tmp_path / f"a.{suffix}", text, crlf, bom))
    except DocumentError:
        assert not any(words for *_, words in cues)
        return
    read = document.text
    tags = [re.search(r"u\d+x", words) for *_, words in cues]
    at = [read.find(tag[0]) for tag in tags if tag]
    assert -1 not in at and at == sorted(at)  # each cue's words, in order
    speakers = {t.speaker for t in document.turns}
    spoken = {normalise(name) for _, _, name, words in cues if name and words}
    # One "Name  0:03" line alone is not told from a plain text's line (otter.py).
    if suffix != "txt" or len(cues) > 1:
        assert all(name in speakers or f"{name}:" in read for name in spoken)
    starts = {start - start % unit for start, *_ in cues for unit in (1, 1000)}
    assert all(t.start_ms in starts for t in document.turns if t.start_ms is not None)
    assert all(0 <= t.start < t.end <= len(read) for t in document.turns)

    other = load_document(_written(tmp_path / f"b.{suffix}", text, not crlf, not bom))
    assert (other.text, other.turns) == (read, document.turns)
    tagged = [tag[0] for tag in tags if tag]
    if len(tagged) < 2:
        return
    tag = rng.choice(tagged[1:])
    start = max(read.index(tagged[0]) + len(tagged[0]), read.index(tag) - rng.randint(0, 12))
    end = min(len(read), read.index(tag) + len(tag) + rng.randint(0, 3))
    start, end = whole_characters(read, start, end)
    session = Session.open(document, None)
    session.add_highlight(make_highlight(read, start, end).edited(note="why"))
    (kept,) = _reopened(other, session).notes.highlights
    assert (kept.start, kept.end, kept.orphan) == (start, end, False)
    reworded = text.replace(tagged[0], "other words here", 1)
    changed = load_document(_written(tmp_path / f"c.{suffix}", reworded, crlf, bom))
    (moved,) = _reopened(changed, session).notes.highlights
    assert not moved.orphan and moved.exact == read[start:end] and moved.note == "why"
