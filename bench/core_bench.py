"""The benchmarks of the plain-Python core, run in the bench process itself: saving,
re-anchoring, finding and exporting, each against a floor of bare Python or orjson; and
opening transcripts (a three-hour Zoom .vtt, a 300-page .docx) against the same text as
a .txt."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import orjson

from bench.data import RARE_WORD, Corpus, bundled_text
from bench.table import Row, Target, repeat, timed
from reader.core.anchoring import reanchor_all
from reader.core.annotations import Highlight
from reader.core.document import Document, load_document
from reader.core.export import FORMATS, ExportOptions
from reader.core.folding import non_ascii
from reader.core.notes_file import NotesData, serialise
from reader.core.refi.codebook_xml import derived_guid
from reader.core.refi.qdpx_merge import Highlights, Merged, merge_selection
from reader.core.refi.sent import Carried, read_sent, record_sent
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
OPENING = "8. Opening transcripts"
ZOOM_CUES = 40_000  # a three-hour meeting: a cue every 0.27 s
ZOOM_SPEAKERS = ("María José Núñez", "Kenji Sato (he/him)", "Aïcha Benali")
DOCX_PAGES = 300
DOCX_WORDS_PER_PAGE = 500
MERGE_DELETED = 10  # one in ten highlights sent is deleted here
MERGE_RESIZED = 100  # one in a hundred sent is widened here


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
    return rows + _finding_accented(text)


def accented_text(text: str) -> str:
    """`text` as a French or Spanish transcript might be: a word in eight or so with an
    accented letter, and names with theirs."""
    return (
        text.replace("e ", "é ")
        .replace("a ", "á ")
        .replace("o,", "ö,")
        .replace("I ", "Siobhán ")
        .replace(" you", " Zoë")
    )


def _finding_accented(plain: str) -> list[Row]:
    """The text with accents: it is folded without them (see reader/core/folding.py)."""
    text = accented_text(plain)
    accented = sum(text.count(c) for c in non_ascii(text) if c.isalpha())
    pattern = re.compile(re.escape("siobhán"), re.IGNORECASE)
    floor = repeat(lambda: sum(1 for _ in pattern.finditer(text)), RUNS)
    count = len(find_all(text, "siobhan"))
    cold = []
    for _ in range(RUNS):
        copy = _fresh(text)
        cold.append(timed(lambda c=copy: find_all(c, "siobhan")))
    warm_text = _fresh(text)
    warm = repeat(lambda: find_all(warm_text, "siobhan"), RUNS)
    note = f"{count:,} matches of “Siobhán”, {accented:,} accented letters; "
    row = partial(
        Row, FINDING, floor=floor, floor_name="re.finditer “siobhán”, IGNORECASE", target=None
    )
    return [
        row(
            "find_all “siobhan” in 5 MB with accents, first search in the text",
            cold,
            note=note + "includes folding the text without diacritics once",
        ),
        row(
            "find_all “siobhan” in 5 MB with accents, repeated",
            warm,
            note=note + "the folded text and its map are cached",
        ),
    ]


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


def merging_back(ctx: CoreContext) -> list[Row]:
    """A .qdpx sent back by NVivo (qdpx_merge): the 10,000 highlights sent, each under a
    new GUID, into the notes they came from, where one in a hundred has been widened by
    a character and sent again since (the record, refi.sent, holds both exports) and one
    in ten deleted; against the same selections under the GUIDs sent (as MAXQDA sends
    them back)."""
    sent_highlights = tuple(ctx.session.notes.highlights)
    widened = set(range(1, len(sent_highlights), MERGE_RESIZED))
    sent_again = [
        replace(h, end=h.end + 1) if n in widened else h for n, h in enumerate(sent_highlights)
    ]
    here = [h for n, h in enumerate(sent_again) if n % MERGE_DELETED]
    folder = ctx.scratch / "sent"
    folder.mkdir(exist_ok=True)
    for day, highlights in enumerate((sent_highlights, sent_again), start=1):
        record_sent(folder, [("P1", Carried(tuple(highlights)))], f"2026-01-0{day}T00:00:00Z")
    sent = read_sent(folder)["P1"]
    renamed = [replace(h, id=derived_guid("bench", h.id)) for h in sent_highlights]

    def merge(selections: list[Highlight]) -> Merged:
        highlights, merged = Highlights(here), Merged("P1", "P1")
        for selection in selections:
            merge_selection(highlights, selection, merged, sent)
        return merged

    merged = merge(renamed)
    return [
        Row(
            EXPORT,
            f"merge a .qdpx sent back, {len(renamed):,} selections under new GUIDs, "
            f"{merged.deleted:,} of them deleted here",
            repeat(lambda: merge(renamed), SLOW_RUNS),
            floor=repeat(lambda: merge(list(sent_highlights)), SLOW_RUNS),
            floor_name="the same under the GUIDs sent",
            note=f"{len(widened):,} widened here and sent again",
        )
    ]


# 8. Opening transcripts ---------------------------------------------------------------


def _zoom_vtt(path: Path) -> None:
    """A Zoom-shaped .vtt: numbered cues, "Name: " in each, a speaker change every few."""
    words = bundled_text().split()
    lines = ["WEBVTT", ""]
    for i in range(ZOOM_CUES):
        start, end = i * 270, i * 270 + 250
        speaker = ZOOM_SPEAKERS[(i // 5) % len(ZOOM_SPEAKERS)]
        chunk = " ".join(words[(i * 9) % (len(words) - 9) :][:9])
        lines += [str(i + 1), f"{_vtt_time(start)} --> {_vtt_time(end)}", f"{speaker}: {chunk}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _vtt_time(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _word_docx(path: Path) -> None:
    """A 300-page .docx: alternating bold names above paragraphs of the bundled interview."""
    import docx

    paragraphs = [p for p in bundled_text().split("\n") if p.strip()]
    document = docx.Document()
    words = 0
    i = 0
    while words < DOCX_PAGES * DOCX_WORDS_PER_PAGE:
        name = document.add_paragraph()
        name.add_run(ZOOM_SPEAKERS[i % 2]).bold = True
        text = paragraphs[i % len(paragraphs)]
        document.add_paragraph(text)
        words += len(text.split())
        i += 1
    document.save(str(path))


def opening(ctx: CoreContext) -> list[Row]:
    """load_document of each transcript, against load_document of its text as a .txt."""
    folder = ctx.scratch / "transcripts"
    folder.mkdir(exist_ok=True)
    rows = []
    for name, make, label in (
        ("zoom.vtt", _zoom_vtt, f"three-hour Zoom .vtt, {ZOOM_CUES:,} cues"),
        ("book.docx", _word_docx, f"{DOCX_PAGES}-page .docx"),
    ):
        path = folder / name
        make(path)
        document = load_document(path)
        plain = folder / f"{name}.txt"
        plain.write_text(document.text, encoding="utf-8")
        note = (
            f"{path.stat().st_size / 1e6:.1f} MB file, {len(document.text) / 1e6:.1f} M "
            f"characters of text, {len(document.turns):,} turns"
        )
        rows.append(
            Row(
                OPENING,
                f"load_document, {label}",
                repeat(lambda p=path: load_document(p), SLOW_RUNS),
                floor=repeat(lambda p=plain: load_document(p), RUNS),
                floor_name="load_document of the same text as a .txt",
                note=note,
            )
        )
    return rows
