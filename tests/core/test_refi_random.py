"""Random studies through REFI-QDA: exported to .qdpx, imported into a new study, and sent
back into the study they came from.

Each seed builds a study of a few interviews (emoji, combining marks, CJK, Hebrew, Arabic,
CRLF, tabs, control characters, a BOM written twice), a codebook of nested codes with
colours and memos, highlights with notes and codes, research notes and a study memo.
Imported, everything must be as it was; sent back unchanged, nothing may change. A
failing seed replays alone (`-k "seed-17"`). For a longer search:
RANDOM_STUDIES=500 pytest tests/core/test_refi_random.py
"""

from __future__ import annotations

import os
import random
import unicodedata
from pathlib import Path

import pytest

from reader.core.annotations import COLOR_IDS, make_highlight
from reader.core.codebook import Codebook
from reader.core.notes_file import NotesData
from reader.core.refi.qdpx_import import import_qdpx
from reader.core.shorten import whole_characters
from reader.core.store import save_notes
from reader.core.study import Study, open_study
from reader.core.study_memo import memo_path, read_memo, write_memo
from tests.core.test_refi import study_qdpx

STUDIES = int(os.environ.get("RANDOM_STUDIES", "12"))
# Pieces that break offset arithmetic or XML: combining marks, ZWJ emoji and flags, astral
# CJK, RTL letters and marks, line ends, tabs, markup characters, a CDATA end.
PIECES = [
    "e\u0301", "a\u0308", "👩\u200d👧", "🇺🇦", "😢", "中文", "𠀋", "שלום", "مرحبا", "\u200f",
    "\r\n", "\n", "\n\n", "\t", " ", "  ", "word", "Nurse: ", "Interviewer: ", ".", ",",
    "“q”", "&<>", "]]>",
]  # fmt: skip
# In transcripts only: control characters XML cannot hold (a PDF's form feed), other line
# ends, a BOM (ZWNBSP) inside the text. Notes are typed in the window, which gives none.
TRANSCRIPT_ONLY = ["\x0c", "\x0b", "\x85", "\u2028", "\u2029", "\r", "\ufeff"]
NAMES = ["Work", "Stress", "Café", "e\u0301te", "中文", "שלום", "مرحبا", "😢 code", "A & B", "<x>"]


def _text(rng: random.Random, most: int, pieces: list[str] = PIECES) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def _note(rng: random.Random) -> str:
    # The window's editor gives LF (and XML reads a CR in text away).
    return _text(rng, 8).replace("\r", "")


def _transcript(rng: random.Random, n: int) -> bytes:
    """A transcript's file, its BOM written once or twice now and then."""
    text = f"P{n} " + _text(rng, 60, PIECES + TRANSCRIPT_ONLY)
    return b"\xef\xbb\xbf" * rng.choice([0, 0, 0, 1, 2]) + text.encode()


def _codebook(rng: random.Random, book: Codebook) -> None:
    for n in range(rng.randint(1, 7)):
        parent = rng.choice(["", *(c.id for c in book)])
        name = rng.choice(NAMES) + (f" {n}" if rng.random() < 0.7 else "")
        if book.find(name, parent) is None:
            color = f"#{rng.randrange(1 << 24):06x}"
            codable = rng.random() < 0.8
            book.create(name, parent=parent, color=color, description=_note(rng), codable=codable)


def _coded(rng: random.Random, study: Study) -> dict[str, tuple[str, NotesData]]:
    """Highlights with notes and codes, research notes: each interview's text and notes,
    by its title."""
    codable = [c.id for c in study.codebook if c.codable]
    notes = {}
    for entry in study.interviews:
        session = study.open_session(entry)
        text = session.document.text
        for _ in range(rng.randint(0, 5)):
            start = rng.randrange(len(text))
            start, end = whole_characters(text, start, min(len(text), start + rng.randint(1, 15)))
            if text[start:end].strip():
                codes = tuple(rng.sample(codable, rng.randint(0, min(2, len(codable)))))
                highlight = make_highlight(text, start, end, rng.choice(COLOR_IDS))
                session.add_highlight(highlight.edited(codes=codes, note=_note(rng)))
        session.notes.notes = _note(rng)
        save_notes(study.notes_path(entry), session.notes)
        notes[entry.title] = (text, session.notes)
    return notes


def _codes(book: Codebook) -> list[tuple[str, str, str, bool]]:
    # Code memos are read as NFC (docs/refi-qda.md), so that they meet the study's own.
    return sorted(
        (book.path(c.id), c.color, unicodedata.normalize("NFC", c.description).strip(), c.codable)
        for c in book
    )


def _passages(notes: NotesData, book: Codebook) -> list[tuple[int, int, str, str, list[str]]]:
    return sorted(
        (h.start, h.end, h.exact, h.note.strip(), sorted(book.path(c) for c in h.codes))
        for h in notes.highlights
    )


@pytest.mark.parametrize("seed", range(STUDIES), ids=lambda seed: f"seed-{seed}")
def test_a_random_study_goes_out_and_comes_back_whole(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    folder = tmp_path / "study"
    folder.mkdir()
    for n in range(rng.randint(1, 4)):
        (folder / f"P{n}.txt").write_bytes(_transcript(rng, n))
    study = open_study(folder)
    _codebook(rng, study.writable_codebook())
    notes = _coded(rng, study)
    write_memo(memo_path(folder), _note(rng) + "memo\n")
    study.save()
    study = open_study(folder)
    data, left_out, sending = study_qdpx(study, crlf=rng.random() < 0.3)
    assert left_out == []
    assert sending.record() == ""

    report = import_qdpx(data, tmp_path / "new")
    assert [item.line for item in report.not_imported] == []
    new = open_study(tmp_path / "new")
    assert _codes(new.codebook) == _codes(study.codebook)
    assert sorted(e.title for e in new.interviews) == sorted(notes)
    for entry in new.interviews:
        session = new.open_session(entry)
        text, had = notes[entry.title]
        assert session.document.text == text
        assert _passages(session.notes, new.codebook) == _passages(had, study.codebook)
        assert session.notes.notes.strip() == had.notes.strip()
    # The memo's blanks at its ends are left, as those of every note the memo takes.
    assert read_memo(memo_path(tmp_path / "new")).strip() == read_memo(memo_path(folder)).strip()

    before = {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    report = import_qdpx(data, folder, study=open_study(folder))
    assert [item.line for item in report.not_imported] == []
    after = {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert after == before
