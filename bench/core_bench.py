"""The benchmarks of the plain-Python core, run in the bench process itself: saving,
re-anchoring, finding and exporting, each against a floor of bare Python or orjson."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import orjson

from bench.data import RARE_WORD, Corpus
from bench.table import Row, Target, repeat, timed
from reader.core.anchoring import reanchor_all
from reader.core.document import Document, load_document
from reader.core.export import FORMATS, ExportOptions
from reader.core.notes_file import NotesData, serialise
from reader.core.search import find_all
from reader.core.session import Session
from reader.core.store import atomic_write, load_notes

RUNS = 5
SLOW_RUNS = 3  # for figures of a second or more
REANCHOR_TARGET_S = 0.5
FIND_TARGET_S = 0.05

SAVING = "3. Saving"
ANCHORING = "4. Re-anchoring"
FINDING = "5. Find"
EXPORT = "6. Export"


@dataclass
class CoreContext:
    corpus: Corpus
    document: Document
    edited: Document
    notes: NotesData
    session: Session
    scratch: Path


def load(corpus: Corpus, scratch: Path) -> CoreContext:
    notes = load_notes(corpus.big_notes)
    assert notes is not None
    document = load_document(corpus.big_document)
    session_notes = load_notes(corpus.big_notes)
    assert session_notes is not None
    return CoreContext(
        corpus=corpus,
        document=document,
        edited=load_document(corpus.edited_document),
        notes=notes,
        session=Session.open(document, session_notes),
        scratch=scratch,
    )


_written = itertools.count()


def _plain_write(folder: Path, data: bytes) -> None:
    """Write `data` to a new file, as atomic_write does, without its fsyncs and rename."""
    with open(folder / f"plain-{next(_written)}.json", "wb") as handle:
        handle.write(data)


# 3. Saving -------------------------------------------------------------------------------


def saving(ctx: CoreContext) -> tuple[list[Row], list[float]]:
    """Rows for serialising and writing the notes file; also the plain-write floor."""
    notes = ctx.notes
    data = notes.to_json()  # plain dicts: what orjson alone has to encode
    raw = serialise(notes)
    target = ctx.scratch / "notes.json"
    dumps = repeat(lambda: orjson.dumps(data), RUNS)
    write_floor = repeat(lambda: _plain_write(ctx.scratch, raw), RUNS)
    both_floor = repeat(lambda: _plain_write(ctx.scratch, orjson.dumps(data)), RUNS)
    size = f"{len(raw) / 1e6:.1f} MB file, {len(notes.highlights):,} highlights, "
    size += f"{len(notes.notes.encode()) / 1e6:.1f} MB of notes"
    rows = [
        Row(
            SAVING,
            "serialise (notes_file.serialise)",
            repeat(lambda: serialise(notes), RUNS),
            floor=dumps,
            floor_name="orjson.dumps of the same data",
            note=size,
        ),
        Row(
            SAVING,
            "atomic write (store.atomic_write: fsync, rename, fsync dir)",
            repeat(lambda: atomic_write(target, raw), RUNS),
            floor=write_floor,
            floor_name="plain write of a new file",
        ),
        Row(
            SAVING,
            "serialise + atomic write (store.save_notes)",
            repeat(lambda: atomic_write(target, serialise(notes)), RUNS),
            floor=both_floor,
            floor_name="orjson.dumps + plain write",
        ),
    ]
    return rows, write_floor


# 4. Re-anchoring -------------------------------------------------------------------------


def anchoring(ctx: CoreContext) -> list[Row]:
    text, highlights = ctx.edited.text, ctx.notes.highlights
    _, summary = reanchor_all(text, highlights)
    stat = repeat(lambda: reanchor_all(text, highlights), RUNS)
    floor = repeat(lambda: [text.find(h.exact) for h in highlights], SLOW_RUNS)
    note = (
        f"{ctx.corpus.edited_paragraphs} of the paragraphs edited: "
        f"{summary.kept:,} kept, {summary.moved:,} moved, {summary.orphaned:,} orphaned "
        "(moved = same words at new offsets, as every edit shifts the text after it)"
    )
    return [
        Row(
            ANCHORING,
            f"reanchor_all, {len(highlights):,} highlights, 1% of paragraphs edited",
            stat,
            floor=floor,
            floor_name="str.find of each quote",
            target=Target(REANCHOR_TARGET_S),
            note=note,
        )
    ]


# 5. Find ---------------------------------------------------------------------------------


def _fresh(text: str) -> str:
    """An equal string that is a new object, so no cache keyed on the text applies."""
    return (text + " ")[:-1]


def finding(ctx: CoreContext) -> list[Row]:
    text = ctx.document.text
    rows = []
    for word, kind in (("the", "common word"), (RARE_WORD, "rare word")):
        pattern = re.compile(re.escape(word), re.IGNORECASE)
        floor = repeat(lambda p=pattern: sum(1 for _ in p.finditer(text)), RUNS)
        count = len(find_all(text, word))
        cold = []
        for _ in range(RUNS):
            copy = _fresh(text)
            cold.append(timed(lambda c=copy, w=word: find_all(c, w)))
        warm_text = _fresh(text)
        warm = repeat(lambda t=warm_text, w=word: find_all(t, w), RUNS)
        note = f"{count:,} match{'' if count == 1 else 'es'}, case-insensitive; "
        row = partial(
            Row,
            FINDING,
            floor=floor,
            floor_name="re.finditer count, IGNORECASE",
            target=Target(FIND_TARGET_S),
        )
        rows += [
            row(
                f"find_all “{word}” ({kind}), first search in the text",
                cold,
                note=note + "includes folding the 5 MB text to lower case once",
            ),
            row(
                f"find_all “{word}” ({kind}), repeated",
                warm,
                note=note + "the folded text is cached",
            ),
        ]
    return rows


# 6. Export -------------------------------------------------------------------------------


def exporting(ctx: CoreContext) -> list[Row]:
    dicts = [h.to_json() for h in ctx.session.notes.highlights]
    floor = repeat(lambda: orjson.dumps(dicts), RUNS)
    options = ExportOptions()
    rows = []
    for name, exporter in FORMATS.items():
        size = len(exporter(ctx.session, options))
        runs = RUNS if timed(lambda e=exporter: e(ctx.session, options)) < 0.5 else SLOW_RUNS
        rows.append(
            Row(
                EXPORT,
                f"export {name}, {len(dicts):,} highlights",
                repeat(lambda e=exporter: e(ctx.session, options), runs, warmup=0),
                floor=floor,
                floor_name="orjson.dumps of the highlight dicts",
                note=f"{size / 1e6:.1f} MB",
            )
        )
    return rows
