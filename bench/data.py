"""The material the benchmarks work on: a 5 MB transcript, highlights, notes, an edited copy.

Everything is derived from the bundled interview with a fixed seed, so two runs measure
the same work. Spans are whole words inside one paragraph, as a reader would select them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from reader.core.annotations import COLOR_IDS, Highlight, make_highlight
from reader.core.codebook import Codebook, codes_for_tags, tag_code_id
from reader.core.document import load_document
from reader.core.notes_file import NotesData
from reader.core.store import save_notes
from reader.resources import BUNDLED_INTERVIEW

SEED = 20240611
BIG_BYTES = 5_000_000
BIG_HIGHLIGHTS = 10_000
STARTUP_HIGHLIGHTS = 200
NOTES_BYTES = 1_000_000
EDITED_SHARE = 0.01  # of the paragraphs, for re-anchoring
RARE_WORD = "xylophone"  # put once into the big transcript, three quarters of the way in
EMOJI = ("🎬", "🎸", "🎤", "🥁")
TAGS = ("method", "rehearsal", "music", "casting", "distribution", "influence", "follow-up")
NOTE_PHRASES = (
    "Compare with the rehearsal answer.",
    "Key claim about control and chaos 🎬",
    "Ask about the budget here.",
    "Echoes the distribution argument.",
    "Quote for the chapter on method.",
)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Corpus:
    """Paths of the files written for one run of the benchmarks."""

    big_document: Path
    big_notes: Path  # 10,000 highlights and 1 MB of research notes
    edited_document: Path  # the big document with 1% of its paragraphs edited
    edited_paragraphs: int
    bundled_notes: Path  # 200 highlights on the bundled interview
    one_paragraph: Path  # the big document saved without line ends


def bundled_text() -> str:
    return BUNDLED_INTERVIEW.read_text(encoding="utf-8")


def build_transcript(target_bytes: int = BIG_BYTES) -> str:
    """The bundled interview repeated until it weighs `target_bytes` in UTF-8.

    Each copy's paragraphs end in the copy's number, and some carry an emoji, so no two
    paragraphs are equal and Qt's UTF-16 offsets drift from the code points throughout.
    """
    paragraphs = [p for p in bundled_text().split("\n") if p.strip()]
    lines: list[str] = []
    size = 0
    copy = 0
    while size < target_bytes:
        copy += 1
        for i, paragraph in enumerate(paragraphs):
            emoji = f" {EMOJI[(i + copy) % len(EMOJI)]}" if (i * 7 + copy) % 5 == 0 else ""
            line = f"{paragraph}{emoji} [{copy}]"
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
    rare = len(lines) * 3 // 4
    lines[rare] = lines[rare].replace(" the ", f" the {RARE_WORD} ", 1)
    return "\n".join(lines) + "\n"


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line."""
    spans = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def word_span(
    text: str, lo: int, hi: int, rng: random.Random, min_words: int = 3, max_words: int = 40
) -> tuple[int, int] | None:
    """A run of whole words within text[lo:hi], or None when there are too few."""
    words = [m.span() for m in _WORD.finditer(text, lo, hi)]
    if len(words) < min_words:
        return None
    count = rng.randint(min_words, min(max_words, len(words)))
    first = rng.randrange(0, len(words) - count + 1)
    return words[first][0], words[first + count - 1][1]


def tag_codebook() -> Codebook:
    """The codes the highlights of `make_highlights` carry, one per tag."""
    book = Codebook()
    codes_for_tags(TAGS, book)
    return book


def make_highlights(text: str, count: int, seed: int = SEED) -> list[Highlight]:
    """`count` highlights over whole words, a third with a note, a fifth with codes; in
    document order, as the app keeps and saves them."""
    rng = random.Random(seed)
    paragraphs = line_spans(text)
    highlights: list[Highlight] = []
    while len(highlights) < count:
        span = word_span(text, *rng.choice(paragraphs), rng)
        if span is None:
            continue
        color = COLOR_IDS[len(highlights) % len(COLOR_IDS)]
        h = make_highlight(text, span[0], span[1], color)
        changes: dict[str, object] = {}
        if rng.random() < 1 / 3:
            changes["note"] = rng.choice(NOTE_PHRASES)
        if rng.random() < 1 / 5:
            tags = sorted(rng.sample(TAGS, rng.randint(1, 3)))
            changes["codes"] = tuple(tag_code_id(tag) for tag in tags)  # the codes tags become
        highlights.append(h.edited(**changes) if changes else h)
    highlights.sort(key=lambda h: (h.start, h.end))  # the order the app saves them in
    return highlights


def research_notes(target_bytes: int = NOTES_BYTES, seed: int = SEED) -> str:
    """Markdown notes of about `target_bytes`: headings, paragraphs, bullets, quotes."""
    rng = random.Random(seed)
    words = bundled_text().split()
    lines: list[str] = []
    size = 0
    while size < target_bytes:
        n = len(lines)
        if n % 40 == 0:
            line = f"## Theme {n // 40 + 1}"
        elif n % 9 == 0:
            line = ""
        else:
            body = " ".join(rng.choice(words) for _ in range(rng.randint(8, 40)))
            line = ("- " if n % 3 == 0 else "> " if n % 17 == 0 else "") + body
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\n"


def edit_paragraphs(text: str, share: float = EDITED_SHARE, seed: int = SEED) -> tuple[str, int]:
    """`text` with `share` of its paragraphs edited: a phrase inserted, a word dropped or
    a word replaced, as a transcriber's correction would. Returns the text and the count."""
    rng = random.Random(seed + 1)
    paragraphs = line_spans(text)
    chosen = sorted(rng.sample(range(len(paragraphs)), max(1, round(len(paragraphs) * share))))
    pieces: list[str] = []
    done = 0
    for index in chosen:
        start, end = paragraphs[index]
        words = [m.span() for m in _WORD.finditer(text, start, end)]
        a, b = words[rng.randrange(len(words))]
        kind = index % 3
        pieces.append(text[done:a])
        if kind == 0:
            pieces.append("— as I said — " + text[a:b])
        elif kind == 1:
            pieces.append("")  # the word goes; the space after it stays
        else:
            pieces.append("really")
        done = b
    pieces.append(text[done:])
    return "".join(pieces), len(chosen)


def write_corpus(folder: Path) -> Corpus:
    """Write the documents and notes files into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    big = folder / "big-interview.txt"
    big.write_text(build_transcript(), encoding="utf-8")
    document = load_document(big)
    notes = NotesData(
        document=document.meta(),
        codebook=tag_codebook(),
        highlights=make_highlights(document.text, BIG_HIGHLIGHTS),
        notes=research_notes(),
    )
    big_notes = folder / "big-notes.json"
    save_notes(big_notes, notes)
    edited_text, edited = edit_paragraphs(document.text)
    edited_path = folder / "big-interview-edited.txt"
    edited_path.write_text(edited_text, encoding="utf-8")
    bundled = load_document(BUNDLED_INTERVIEW)
    small_notes = NotesData(
        document=bundled.meta(),
        codebook=tag_codebook(),
        highlights=make_highlights(bundled.text, STARTUP_HIGHLIGHTS),
    )
    bundled_notes = folder / "bundled-notes.json"
    save_notes(bundled_notes, small_notes)
    one_paragraph = folder / "big-interview-one-paragraph.txt"
    one_paragraph.write_text(" ".join(document.text.split("\n")), encoding="utf-8")
    return Corpus(big, big_notes, edited_path, edited, bundled_notes, one_paragraph)
