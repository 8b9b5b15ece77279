"""The benchmarks of studies, run in the bench process itself: opening a study of 500
interviews (60 KB each, 50,000 highlights) to its library headers, and searching 200
interviews, each against a floor of bare Python or orjson."""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from bench.data import build_transcript, make_highlights, tag_codebook
from bench.table import Row, Target, repeat, timed
from reader.core.document import load_document
from reader.core.notes_file import NotesData
from reader.core.store import save_notes
from reader.core.study import Study, open_study
from reader.core.study_headers import headers
from reader.core.study_search import search_study
from reader.core.study_texts import StudyTexts

RUNS = 5
STUDY_INTERVIEWS = 500
SEARCH_INTERVIEWS = 200
INTERVIEW_BYTES = 60_000
STUDY_HIGHLIGHTS = 50_000
OPEN_TARGET_S = 1.0  # the whole window; the core's share must leave room for the GUI
FIRST_RESULTS_TARGET_S = 0.1
ALL_RESULTS_TARGET_S = 0.3
WORD = "rehearsal"  # in every interview, a few times

STUDIES = "9. Studies"


@dataclass
class StudyContext:
    study: Study  # 500 interviews
    small: Study  # the first 200 of them, for search
    texts: list[str]  # the transcripts of the small study


def write_study(folder: Path) -> StudyContext:
    """A study of STUDY_INTERVIEWS transcripts of INTERVIEW_BYTES with
    STUDY_HIGHLIGHTS / STUDY_INTERVIEWS highlights each, saved; and one of the first
    SEARCH_INTERVIEWS of them."""
    per_interview = STUDY_HIGHLIGHTS // STUDY_INTERVIEWS
    base = build_transcript(INTERVIEW_BYTES)
    transcripts = folder / "transcripts"
    transcripts.mkdir(parents=True)
    for i in range(STUDY_INTERVIEWS):
        # Each interview differs (its number on every line), as real ones do.
        text = base.replace("\n", f" (P{i})\n")
        (transcripts / f"P{i:03d}.txt").write_text(text, encoding="utf-8")
    study = open_study(folder)
    study.define_attribute("Role", "choice", ["nurse", "doctor", "porter"])
    study.define_attribute("Age", "number")
    for i, entry in enumerate(study.interviews):
        study.set_attribute(entry.id, "role", ("nurse", "doctor", "porter")[i % 3])
        study.set_attribute(entry.id, "age", 25 + i % 40)
        document = load_document(study.transcript_path(entry))
        notes = NotesData(
            document=document.meta(),
            codebook=tag_codebook(),
            highlights=make_highlights(document.text, per_interview, seed=i),
        )
        save_notes(study.notes_path(entry), notes)
    study.save()
    small_folder = folder.parent / f"{folder.name}-search"
    small_folder.mkdir()
    small = open_study(small_folder)
    for entry in study.interviews[:SEARCH_INTERVIEWS]:
        added = small.add_interview(study.transcript_path(entry))
        small.notes_dir.mkdir(exist_ok=True)
        shutil.copyfile(study.notes_path(entry), small.notes_path(added))
    small.save()
    texts = [load_document(small.transcript_path(e)).text for e in small.interviews]
    return StudyContext(study, small, texts)


def _open_and_list(folder: Path) -> int:
    return len(headers(open_study(folder)))


def opening(ctx: StudyContext) -> list[Row]:
    folder = ctx.study.folder
    notes_files = [ctx.study.notes_path(e) for e in ctx.study.interviews]
    rows_listed = headers(ctx.study)
    counted = sum(h.highlights for h in rows_listed)
    floor = repeat(lambda: [len(orjson.loads(p.read_bytes())) for p in notes_files], RUNS)
    size = sum(p.stat().st_size for p in notes_files) / 1e6
    return [
        Row(
            STUDIES,
            f"open_study ({STUDY_INTERVIEWS} interviews, study.json only)",
            repeat(lambda: open_study(folder), RUNS),
            note=f"study.json {ctx.study.file.stat().st_size / 1e3:.0f} KB, parsed and validated",
        ),
        Row(
            STUDIES,
            f"open_study + headers: library of {STUDY_INTERVIEWS} interviews, "
            f"{counted:,} highlights",
            repeat(lambda: _open_and_list(folder), RUNS),
            floor=floor,
            floor_name="read + orjson.loads of every notes file",
            target=Target(OPEN_TARGET_S),
            note=f"no transcript read; {size:.0f} MB of notes files; the target is the whole "
            "window's, so this leaves the GUI most of it",
        ),
    ]


def _first_result(study: Study, texts: StudyTexts) -> None:
    next(search_study(study, WORD, texts=texts))


def _all_results(study: Study, texts: StudyTexts) -> None:
    for _ in search_study(study, WORD, texts=texts):
        pass


def searching(ctx: StudyContext) -> list[Row]:
    study = ctx.small
    pattern = re.compile(re.escape(WORD), re.IGNORECASE)
    floor = repeat(lambda: [sum(1 for _ in pattern.finditer(t)) for t in ctx.texts], RUNS)
    warm = StudyTexts(study)
    started = time.perf_counter()
    warm.warm()
    load_s = time.perf_counter() - started
    count = sum(f.total for f in search_study(study, WORD, texts=warm))
    cold_first = [timed(lambda: _first_result(study, StudyTexts(study))) for _ in range(RUNS)]
    cold_all = [timed(lambda: _all_results(study, StudyTexts(study))) for _ in range(3)]
    label = f"“{WORD}” in {SEARCH_INTERVIEWS} interviews × 60 KB"
    note = f"{count:,} results (text, quotes, notes, tags), case-insensitive"
    return [
        Row(
            STUDIES,
            f"search_study {label}: first interview's results",
            repeat(lambda: _first_result(study, warm), RUNS),
            floor=floor,
            floor_name="re.finditer over every text, IGNORECASE",
            target=Target(FIRST_RESULTS_TARGET_S),
            note=note + "; texts loaded (StudyTexts kept)",
        ),
        Row(
            STUDIES,
            f"search_study {label}: all results",
            repeat(lambda: _all_results(study, warm), RUNS),
            floor=floor,
            floor_name="re.finditer over every text, IGNORECASE",
            target=Target(ALL_RESULTS_TARGET_S),
            note=note + f"; texts loaded (loading all of them once took {load_s * 1000:.0f} ms,"
            " for a background thread at start-up)",
        ),
        Row(
            STUDIES,
            f"search_study {label}: first results, nothing loaded yet",
            cold_first,
            target=Target(FIRST_RESULTS_TARGET_S),
            note="loads the first interview only",
        ),
        Row(
            STUDIES,
            f"search_study {label}: all results, nothing loaded yet",
            cold_all,
            floor=floor,
            floor_name="re.finditer over every text, IGNORECASE",
            note="includes reading, normalising and structuring every transcript and notes file",
        ),
    ]


def run(folder: Path) -> list[Row]:
    ctx = write_study(folder)
    return opening(ctx) + searching(ctx)


SWITCH_TARGET_S = 0.1


def switching(app: dict[str, Any], floor: dict[str, Any]) -> list[Row]:
    """From bench/gui_switch.py's children: the app switching between 60 KB interviews of
    a study, against a bare QTextEdit given the same text."""
    return [
        Row(
            STUDIES,
            "switch to another 60 KB interview (100 highlights) → first paint",
            app["switch"],
            floor=floor["switch"],
            floor_name="bare QTextEdit: setPlainText + paint",
            target=Target(SWITCH_TARGET_S),
            note="the interview left is saved first; its place is kept",
        )
    ]
