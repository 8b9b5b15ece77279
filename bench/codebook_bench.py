"""The codebook's benchmarks: a study of 500 interviews with 1,000 codes in a tree and
50,000 codings. In this process, the code × interview matrix (the notes files read, then
counted), against reading them alone; in a child (bench/gui_codebook.py), applying a
code to a passage in the window with the Codebook dock showing, to the repaint, and the
Export dialog listing the study's codes.
"""

from __future__ import annotations

import random
import uuid
from pathlib import Path
from typing import Any

from bench.data import build_transcript, make_highlights
from bench.table import Row, Target, repeat
from reader.core.codebook import Codebook

RUNS = 5
INTERVIEWS = 500
INTERVIEW_BYTES = 60_000  # as the studies' benchmark
CODINGS = 50_000
CATEGORIES, PER_CATEGORY = 50, 19  # 50 categories of 19 codes: 1,000 codes
MATRIX_TARGET_S = 0.3
APPLY_TARGET_S = 0.016

CODEBOOK = "10. Codebook"


def big_codebook() -> Codebook:
    book = Codebook()
    for c in range(CATEGORIES):
        # Fixed GUIDs, as the format wants them, the same in every run.
        category = book.create(f"Category {c}", codable=False, code_id=str(uuid.UUID(int=c)))
        for k in range(PER_CATEGORY):
            code_id = str(uuid.UUID(int=(c + 1) * 1000 + k))
            book.create(f"Code {c}.{k}", parent=category.id, code_id=code_id)
    return book


def write_coded_study(folder: Path) -> Path:
    """INTERVIEWS transcripts, each with CODINGS / INTERVIEWS highlights carrying one code
    of the big codebook (in study.json); every notes file written."""
    from reader.core.document import load_document
    from reader.core.notes_file import NotesData
    from reader.core.store import save_notes
    from reader.core.study import open_study

    folder.mkdir(parents=True)
    base = build_transcript(INTERVIEW_BYTES)
    for i in range(INTERVIEWS):
        (folder / f"P{i:03d}.txt").write_text(base.replace("\n", f" (P{i})\n"), "utf-8")
    study = open_study(folder)
    study.data.codebook = big_codebook()
    codable = [c.id for c in study.codebook if c.codable]
    rng = random.Random(14)
    per = CODINGS // INTERVIEWS
    for i, entry in enumerate(study.interviews):
        document = load_document(study.transcript_path(entry))
        highlights = [
            h.edited(codes=(rng.choice(codable),))
            for h in make_highlights(document.text, per, seed=i)
        ]
        notes = NotesData(document.meta(), highlights=highlights, codebook=study.codebook.copy())
        save_notes(study.notes_path(entry), notes)
    study.save()
    return folder


def matrix(folder: Path) -> list[Row]:
    from reader.core.codebook_retrieval import code_matrix, study_codings
    from reader.core.notes_files_cache import NotesFilesCache
    from reader.core.study import open_study

    study = open_study(folder)
    cache = NotesFilesCache()
    cold = repeat(lambda: code_matrix(NotesFilesCache().coded(study), study.codebook), 1, 0)
    coded = cache.coded(study)
    codings = sum(len(h.codes) for _, notes in coded for h in notes.highlights)
    size = sum(study.notes_path(e).stat().st_size for e in study.interviews) / 1e6
    return [
        Row(
            CODEBOOK,
            f"code × interview matrix: {len(study.codebook):,} codes, {INTERVIEWS} interviews, "
            f"{codings:,} codings (the notes files known: checked by size and time, counted)",
            repeat(lambda: code_matrix(cache.coded(study), study.codebook), RUNS),
            target=Target(MATRIX_TARGET_S),
            note="as the window draws it again: its notes files are read once and kept",
        ),
        Row(
            CODEBOOK,
            "the same, the first time: every notes file read and checked against the schema",
            cold,
            floor=repeat(lambda: study_codings(study), 1, 0),
            floor_name="Study.notes_files alone",
            note=f"{size:.0f} MB of notes files: each keeps a copy of the 1,000-code codebook, "
            "which the schema checks",
        ),
        Row(
            CODEBOOK,
            "counting only, with the codes below each code (notes in memory)",
            repeat(lambda: code_matrix(coded, study.codebook, descendants=True), RUNS),
        ),
    ]


def applying(app: dict[str, Any]) -> list[Row]:
    """From bench/gui_codebook.py: a code applied to a passage in view and taken off
    again, each to the repaint of the reader and of the Codebook dock's tree."""
    return [
        Row(
            CODEBOOK,
            f"apply a code + repaint ({len(big_codebook()):,} codes, {CODINGS:,} codings in "
            "the study, the Codebook dock showing)",
            app["apply"],
            target=Target(APPLY_TARGET_S, on="max"),
            note="the counts follow the change; the other notes files are not read again",
        ),
        Row(CODEBOOK, "take a code off + repaint", app["remove"], target=Target(APPLY_TARGET_S)),
    ]


def counting(app: dict[str, Any]) -> list[Row]:
    """From bench/gui_codebook.py: the Codebook shown, the study's counts counted by a
    worker while the window answers."""
    return [
        Row(
            CODEBOOK,
            f"Codebook shown, the study's counts not yet known: the longest GUI-thread block "
            f"until they are in ({INTERVIEWS} notes files read, 1 ms lag probe)",
            app["count_block"],
            note="a worker reads the notes files (before, the GUI thread read them itself, as "
            "in the row above: about 3 s) and the GUI thread shares the interpreter with it; "
            "the files' like codebooks are held once, so full garbage collections stay short",
        ),
        Row(CODEBOOK, "the same: the counts in, after the dock was shown", app["count_in"]),
    ]


def exporting(app: dict[str, Any]) -> list[Row]:
    """From bench/gui_codebook.py: the Export dialog opened, then its scope widened to the
    whole study, whose codes it lists anew."""
    return [
        Row(
            CODEBOOK,
            "Export dialog, open: File ▸ Export… to its first paint (this interview's codes)",
            app["export_open"],
        ),
        Row(
            CODEBOOK,
            f"Export dialog, whole study of {app['export_codes']:,} codes: the scope chosen, "
            "to the repaint",
            app["export_study"],
            note="one list view over the codes; a check box each took about 170 ms for 1,000",
        ),
    ]


def run(work: Path, child: Any) -> list[Row]:
    folder = write_coded_study(work / "coded-study")
    app = child("gui_codebook", "app", folder=str(folder))
    return matrix(folder) + counting(app) + applying(app) + exporting(app)
