"""Child process of test_crash_safety: saves notes states 0, 1, 2, ... until it is killed.

Run as `python tests/core/crash_child.py NOTES_PATH`. After each state n is saved with
save_notes it prints n and flushes, so the parent knows which states reached the disk.
`state(n)` is a pure function of n, so the parent can rebuild any state to compare with
what it finds in the file after the kill. Imports little so that it starts quickly.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import replace
from pathlib import Path

if __name__ == "__main__" and __package__ in (None, ""):
    # Run as a script: make `reader` importable even without the editable install.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.core.annotations import COLOR_IDS, make_highlight
from reader.core.codebook import Codebook, codes_for_tags
from reader.core.notes_file import NotesData
from reader.core.store import save_notes

_NAMESPACE = uuid.UUID("5f0c6a52-3a1e-4c55-9a57-0d1f1b7e2c11")
_PARAGRAPH = (
    "Q: Où avez-vous tourné la scène du café? 🎬\n"
    "A: In a tiny studio in Kraków — the crew called it «la boîte». Ünïcödé everywhere, "
    "naïve coöperation, 東京での撮影は難しかった, שלום עולם, مرحبا بالعالم, 👩‍👩‍👧‍👦 and 🇺🇦. "
    "We shot each act in real time, twelve minutes at a stretch, no cuts at all.\n"
)
TEXT = _PARAGRAPH * 12
SHA256 = "0" * 64  # any well-formed digest: the child never needs the real one
_NOTES_TAIL = (
    "Thèmes: mémoire, famille, 音楽, الموسيقى, 🎸🥁🎤 — follow up on the café scene.\n"
    "“Quoted” ‘text’, e\u0301 (combining), \u200f RTL mark, tab\tand trailing space "
)


def _highlight(n: int, i: int, book: Codebook):
    """The i-th highlight of state n: its span, note and tags depend on n and i only."""
    start = (n * 7919 + i * 104729) % (len(TEXT) - 600)
    end = start + 80 + (n * 31 + i * 17) % 420
    h = make_highlight(TEXT, start, end, COLOR_IDS[(n + i) % len(COLOR_IDS)])
    stamp = f"2024-{1 + i % 12:02d}-{1 + n % 28:02d}T{i % 24:02d}:{n % 60:02d}:07+00:00"
    return replace(
        h,
        id=str(uuid.uuid5(_NAMESPACE, f"{n}/{i}")),
        note=f"note {n}.{i} — ✍️ {'é' * (i % 5)}{'字' * (n % 7)}",
        codes=codes_for_tags([f"tag-{(n + k) % 9}-ü" for k in range(i % 4)], book),
        created=stamp,
        modified=stamp,
    )


def state(n: int) -> NotesData:
    """The notes the child saves as its n-th state."""
    book = Codebook()
    return NotesData(
        codebook=book,
        document={
            "title": "Crash test — 🎬",
            "source": "/tmp/crash.txt",
            "sha256": SHA256,
            "length": len(TEXT),
        },
        highlights=[_highlight(n, i, book) for i in range(n % 40)],
        notes=f"state {n} " + _NOTES_TAIL * (1 + n % 5),
    )


def main(path: Path) -> None:
    n = 0
    while True:
        save_notes(path, state(n))
        sys.stdout.write(f"{n}\n")
        sys.stdout.flush()
        n += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]))
