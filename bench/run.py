"""Runs the measurements in MEASURES, prints the table and rewrites bench/RESULTS.md;
`python -m bench --only find,export` runs some and leaves RESULTS.md alone.

The GUI figures come from children (bench/startup.py, gui_scale.py, gui_memory.py: each
says what it measures) with offscreen Qt and their data and settings in a fresh folder;
the core's (bench/core_bench.py) are taken in this process.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from bench import (
    anchoring_accuracy,
    codebook_bench,
    core_bench,
    gui_participants,
    gui_soak,
    gui_study,
    gui_study_lists,
    recording_bench,
    study_bench,
)
from bench.data import BIG_HIGHLIGHTS, Corpus, write_corpus
from bench.proc import ROOT, child_env, run_child
from bench.table import Row, Target, markdown
from reader.resources import BUNDLED_INTERVIEW

RESULTS = ROOT / "bench" / "RESULTS.md"
LATER_AFTER_MS = 1500  # a first start's life before the later start measured
STARTUP_RUNS = 5
SCALE_RUNS = 5
EMPTY_RUNS = 3
MEMORY_PROCESSES = 3
LOOP_CYCLES = 50
LOOP_WARMUP = 5
FRAME_S = 0.016
NOISE_MB = 2.0


@dataclass
class Run:
    """One run of the benchmarks: its temporary folder, the corpus, and what one
    measurement hands to a later one (`shared`)."""

    work: Path
    corpus: Corpus
    shared: dict[str, Any] = field(default_factory=dict)
    homes: int = 0

    @cached_property
    def core(self) -> core_bench.CoreContext:
        """The core's documents and notes, loaded once for every core measurement."""
        (self.work / "core").mkdir()
        return core_bench.load(self.corpus, self.work / "core")

    def child(
        self, module: str, mode: str, cached: bool = True, home: Path | None = None, **options: Any
    ) -> Any:
        """Run a child in `home`, else a fresh one; `cached`: with a bytecode cache (see
        child_env)."""
        home = home or self.new_home()
        env = child_env(home, self.work / "pycache" if cached else None)
        return run_child(module, mode, options, env)

    def new_home(self) -> Path:
        self.homes += 1
        home = self.work / "homes" / f"{self.homes:03d}"
        home.mkdir(parents=True)
        return home


def mb(results: list[dict[str, Any]]) -> list[float]:
    """The children's peak memory (VmHWM), in MB."""
    return [r["vm_hwm_kb"] / 1024 for r in results]


def startup(run: Run) -> list[Row]:
    """Process start to the first paint of the reader, against a bare PySide6 window."""

    def app(cached: bool = True) -> dict[str, Any]:
        notes = run.work / f"notes-{run.homes}.json"  # a copy that the app may change
        shutil.copyfile(run.corpus.bundled_notes, notes)
        return run.child("startup", "app", cached, argv=["--notes", str(notes)])

    def later_start() -> dict[str, Any]:
        """A start in the home a first start left: its settings, window layout and notes
        written as the window closed."""
        home = run.new_home()
        notes = run.work / f"notes-{run.homes}.json"
        shutil.copyfile(run.corpus.bundled_notes, notes)
        argv = ["--notes", str(notes)]
        run.child("startup", "app", home=home, argv=argv, settle_ms=LATER_AFTER_MS)
        return run.child("startup", "app", home=home, argv=argv)

    def floor(**qt_types: dict[str, list[str]]) -> dict[str, Any]:
        return run.child("startup", "floor", doc=str(BUNDLED_INTERVIEW), **qt_types)

    def reader() -> dict[str, Any]:
        notes = str(run.corpus.bundled_notes)
        return run.child("startup", "reader", doc=str(BUNDLED_INTERVIEW), notes=notes)

    qt_types = app()["qt_types"]  # unmeasured, all: the disk cache
    floor()
    floor(qt_types=qt_types)
    reader()
    runs = [
        (app(), floor(), floor(qt_types=qt_types), reader(), later_start())
        for _ in range(STARTUP_RUNS)
    ]
    apps, floors, typed_floors, readers, laters = zip(*runs, strict=True)
    extra_types = sum(len(names) for names in qt_types.values()) - sum(
        len(names) for names in floors[0]["qt_types"].values()
    )
    row = partial(Row, "1. Start-up", floor_name="bare PySide6 window")
    paint, target = [r["first_paint_s"] for r in floors], Target(1.3, ratio=True)
    rows = [
        row(
            "process start → first paint of the reader (bundled, 200 highlights)",
            [r["first_paint_s"] for r in apps],
            floor=paint,
            target=target,
        ),
        row(
            "the same, a later start (in the home a first start left, closed as a user does)",
            [r["first_paint_s"] for r in laters],
            floor=paint,
            note="the starts after the first: the settings and window layout remembered, "
            "the Codebook where it was left (a text this short is detected at every start)",
        ),
        row(
            "the bare window, naming first the Qt types the app names (PySide's share)",
            [r["first_paint_s"] for r in typed_floors],
            floor=paint,
            note=f"the {extra_types} Qt classes the app names and the bare window does not, "
            "each built by PySide with all its enums on first naming (bench/startup.py); "
            "the app's own code and widgets are the rest of the first row",
        ),
        row(
            "the reading pane alone in the bare window (ReaderView, same document and notes)",
            [r["first_paint_s"] for r in readers],
            floor=paint,
            note="the least this reader costs: the app without its notes, outline, menus, "
            "docks and saver (bench/startup.py, reader mode)",
        ),
        *stage_rows(row, apps, floors),
        row("peak memory at first paint (VmHWM)", mb(apps), "MB", floor=mb(floors), target=target),
    ]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        uncached = [app(cached=False)["first_paint_s"] for _ in range(STARTUP_RUNS)]
        note = "PYTHONDONTWRITEBYTECODE=1 is set here, so the app compiles its modules at every "
        note += "start; the row above has a bytecode cache, as an installed app does"
        rows.insert(1, row("the same, without .pyc files", uncached, floor=paint, note=note))
    return rows


# Where start-up goes: the app's stages (bench/startup.py marks them) and the floor's like ones.
STAGES = [
    ("Python, PySide6 and the QApplication", ["pyside"], ["pyside"]),
    ("the app's modules imported", ["imported"], []),
    ("the window made and the interview opened in it", ["window", "opened"], ["made"]),
    ("show() and the first paint", ["shown", "painted"], ["shown", "painted"]),
]


def stage_rows(
    row: Callable[..., Row], apps: Sequence[dict[str, Any]], floors: Sequence[dict[str, Any]]
) -> list[Row]:
    """The first row's time in stages, each against the floor's like stage."""

    def took(results: Sequence[dict[str, Any]], stages: list[str]) -> list[float]:
        return [sum(r["stages_s"][s] for s in stages) for r in results]

    return [
        row(
            f"↳ {name}",
            took(apps, app_stages),
            floor=took(floors, floor_stages) if floor_stages else None,
            note="the floor has no such stage" if not floor_stages else "",
        )
        for name, app_stages, floor_stages in STAGES
    ]


def scale(run: Run) -> list[Row]:
    """The 5 MB transcript with 10,000 highlights, against a bare QTextEdit."""
    doc, notes = str(run.corpus.big_document), str(run.corpus.big_notes)
    app = run.child("gui_scale", "app", doc=doc, notes=notes, runs=SCALE_RUNS, interact=True)
    geometry = {k: app[k] for k in ("column", "height", "font")}  # the reader's text column
    floor = run.child(
        "gui_scale", "floor", doc=doc, notes=notes, runs=SCALE_RUNS, interact=True, **geometry
    )
    empty = run.child("gui_scale", "app", doc=doc, runs=EMPTY_RUNS)
    one = run.child("gui_scale", "app", doc=str(run.corpus.one_paragraph), runs=EMPTY_RUNS)
    # Peak memory: one fresh process a figure, as reopening in one process keeps raising it.
    peak = [
        run.child("gui_scale", "app", doc=doc, notes=notes, runs=1) for _ in range(MEMORY_PROCESSES)
    ]
    peak_empty = [run.child("gui_scale", "app", doc=doc, runs=1) for _ in range(MEMORY_PROCESSES)]
    run.shared["autosave"] = app["autosave"]
    row = partial(Row, f"2. Scale: 5 MB transcript, {BIG_HIGHLIGHTS:,} highlights")
    bare = "bare QTextEdit: setPlainText + show + paint"
    repaint = partial(row, floor=floor["repaint"], floor_name="bare QTextEdit viewport repaint")
    frame = Target(FRAME_S, on="max")
    slow = sum(1 for f in app["scroll"] if f > FRAME_S)
    frames = len(app["scroll"])
    return [
        row(
            "open_document + show → first paint",
            app["first_paint"],
            floor=floor["first_paint"],
            floor_name=bare,
            target=Target(0.5),
        ),
        row(
            "open_document + show → fully laid out (interactive)",
            app["interactive"],
            floor=floor["interactive"],
            floor_name="bare QTextEdit, laid out",
            note=f"the reader's document is {app['doc_height'] / 1e6:.1f} million px tall "
            f"({app['blocks']:,} blocks, text {app['column']} px wide)",
        ),
        row(
            "same document without highlights → first paint",
            empty["first_paint"],
            floor=floor["first_paint"],
            floor_name=bare,
        ),
        row(
            "the same text in one paragraph (saved without line ends) → first paint",
            one["first_paint"],
            floor=floor["first_paint"],
            floor_name=bare,
            note="the pane breaks a paragraph longer than 4,000 characters at sentence ends "
            "(reader/core/long_paragraphs.py); laid out whole, 5 MB took 6.7 s",
        ),
        repaint("add a highlight + repaint (add_highlight)", app["add"], target=frame),
        repaint(
            "event-loop work after an add (3 × processEvents)",
            app["events_after_add"],
            note="the annotations panel's list view catches up here",
        ),
        repaint(
            "remove a highlight + repaint (delete_highlight)",
            app["remove"],
            target=frame,
            note="the 16 ms target is the issue's for adding, applied to every edit",
        ),
        repaint("recolour a highlight + repaint (edit_highlight)", app["recolour"], target=frame),
        repaint("undo (of a removal) + repaint", app["undo"], target=frame),
        repaint("full repaint of the reader (viewport().repaint())", app["repaint"]),
        row(
            f"scroll page by page, top to bottom ({frames:,} frames)",
            app["scroll"],
            floor=floor["scroll"],
            floor_name=f"bare QTextEdit, {len(floor['scroll']):,} frames",
            note=f"{slow} of {frames:,} frames over 16 ms; the median is the typical frame",
        ),
        row(
            "type a character at the end of the research notes + repaint",
            app["typing"],
            floor=floor["typing"],
            floor_name="bare QPlainTextEdit, the same notes",
            target=frame,
            note=f"{len(app['typing'])} key presses, a space every seventh, in "
            f"{app['notes_mb']:.1f} MB of notes; with the event-loop work each leaves",
        ),
        row(
            "the same at the end of a paragraph of 10 KB with emphasis in each sentence",
            app["typing_long"],
            floor=floor["typing_long"],
            floor_name="bare QPlainTextEdit, the same paragraph",
            note="the notes' styling (Markdown) and layout go over a paragraph whole at "
            "each key; merged a character at a time, 20 KB took 40 ms a key",
        ),
        row(
            "peak memory, opened and laid out (VmHWM)",
            mb(peak),
            "MB",
            floor=mb(peak_empty),
            floor_name="the same document without highlights",
            target=Target(1.2, ratio=True),
        ),
    ]


def saving(run: Run) -> list[Row]:
    """The core's serialise and write, then the app's autosave (from the scale child)."""
    rows, write_floor = core_bench.saving(run.core)
    saved = run.shared.get("autosave")
    if saved is None:
        return rows
    row = partial(Row, core_bench.SAVING)
    return [
        *rows,
        row(
            "autosave: longest GUI-thread block (1 ms lag probe)",
            saved["longest_block"],
            target=Target(FRAME_S),
            note="per autosave, in the 1.6 s after an edit",
        ),
        row(
            "autosave: saver.save_soon_now() on the GUI thread (gathering the notes)",
            saved["save_soon_now"],
            floor=saved["floor_dumps"],
            floor_name="orjson.dumps of the same data",
            target=Target(FRAME_S),
        ),
        row(
            "autosave: the worker's encoding and write (orjson, hash, atomic_write)",
            saved["worker_write"],
            floor=write_floor,
            floor_name="plain write of a new file",
        ),
        row(
            "autosave: GUI thread handling the finished write",
            saved["completion"],
            note="NotesSaver._on_finished and the slots of `written`",
        ),
    ]


def memory_loop(run: Run) -> list[Row]:
    """Resident memory while one window reopens the bundled interview 50 times."""
    options = {"doc": str(BUNDLED_INTERVIEW), "cycles": LOOP_CYCLES}
    notes = str(run.corpus.bundled_notes)  # the child opens a copy
    apps, floors = [], []
    for _ in range(MEMORY_PROCESSES):
        apps.append(run.child("gui_memory", "app", notes=notes, **options))
        floors.append(run.child("gui_memory", "floor", **options))

    def rss(results: list[dict[str, Any]], after: int) -> list[float]:
        """Resident memory after the open numbered `after` (from 1), in MB."""
        return [r["rss_kb"][after - 1] / 1024 for r in results]

    def growth(results: list[dict[str, Any]]) -> list[float]:
        return [
            b - a for a, b in zip(rss(results, LOOP_WARMUP), rss(results, LOOP_CYCLES), strict=True)
        ]

    row = partial(Row, "7. Memory over time", unit="MB", floor_name="bare QTextEdit")
    opened_ms = statistics.median(apps[0]["open_s"]) * 1000
    return [
        row(
            f"RSS after {LOOP_WARMUP} opens (warm)",
            rss(apps, LOOP_WARMUP),
            floor=rss(floors, LOOP_WARMUP),
        ),
        row(
            f"RSS after {LOOP_CYCLES} opens", rss(apps, LOOP_CYCLES), floor=rss(floors, LOOP_CYCLES)
        ),
        row(
            f"RSS growth over the last {LOOP_CYCLES - LOOP_WARMUP} opens",
            growth(apps),
            floor=growth(floors),
            target=Target(NOISE_MB, over_floor=True),
            note=f"bundled interview with 200 highlights; noise allowance {NOISE_MB:g} MB; "
            f"open_document + paint took {opened_ms:.0f} ms",
        ),
    ]


# The registry: each measurement takes the Run and returns its rows, which carry their
# section's heading; the report keeps this order. A new core measurement is a function
# of core_bench.CoreContext (see core_bench.py) listed here as `lambda run: f(run.core)`.
MEASURES: dict[str, Callable[[Run], list[Row]]] = {
    "startup": startup,
    "scale": scale,  # before "saving", which reports the app's autosave measured here
    "saving": saving,
    "anchoring": lambda run: core_bench.anchoring(run.core),
    "accuracy": lambda run: anchoring_accuracy.rows(core_bench.ANCHORING),  # section 4 too
    "find": lambda run: core_bench.finding(run.core),
    "export": lambda run: core_bench.exporting(run.core),
    "merge_back": lambda run: core_bench.merging_back(run.core),
    "transcripts": lambda run: core_bench.opening(run.core),
    "studies": lambda run: study_bench.run(run.work / "study"),
    "switching": lambda run: study_bench.switching(
        run.child("gui_switch", "app"), run.child("gui_switch", "floor")
    ),
    "study_window": gui_study.measure,
    "participants": gui_participants.measure,  # after study_window: section 9 too
    "study_lists": gui_study_lists.measure,  # section 9 too
    "recording": recording_bench.measure,
    "memory": memory_loop,
    "soak": gui_soak.measure,  # after "memory": section 7 too
    "codebook": lambda run: codebook_bench.run(run.work / "codebook", run.child),
}


def context(started: datetime, seconds: float, load: tuple[float, float]) -> str:
    """The lines above the table: when, on what, and how busy the machine was."""
    import PySide6
    from PySide6.QtCore import qVersion

    git = ["git", "rev-parse", "--short", "HEAD"]
    commit = subprocess.run(git, cwd=ROOT, capture_output=True, text=True, check=False).stdout
    cpus = [s for s in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in s]
    cpu = cpus[0].split(":", 1)[1].strip() if cpus else platform.machine()
    lines = [
        "# Benchmark results\n",
        "Written by `make bench` (bench/run.py); do not edit by hand. Each figure is the median "
        "of its runs, set against a floor (the same job done by bare Qt or plain Python) "
        "measured in the same run; bench/*.py say how each is taken.\n",
        f"- {started:%Y-%m-%d %H:%M} UTC, {seconds:.0f} s; commit {commit.strip()} (plus any "
        "uncommitted changes)",
        f"- {cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, PySide6 "
        f"{PySide6.__version__} (Qt {qVersion()}), {platform.system()} {platform.release()}",
        f"- Load average (1 min) {load[0]:.2f} at the start, {load[1]:.2f} at the end: other "
        "work on the machine makes the figures noisier, the maxima most of all",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", help=f"comma-separated, of: {', '.join(MEASURES)}")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(MEASURES)
    if unknown := only - set(MEASURES):
        parser.error(f"unknown measurement(s): {', '.join(sorted(unknown))}")
    started, clock, load = datetime.now(UTC), time.monotonic(), os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="interview-reader-bench-"))
    try:
        print("Preparing the 5 MB transcript, highlights and notes …", flush=True)
        run = Run(work, write_corpus(work / "corpus"))
        rows = []
        for name in [n for n in MEASURES if n in only]:  # in the registry's order
            print(f"{name} …", flush=True)
            rows += MEASURES[name](run)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = markdown(rows)
    print(table)
    if args.only:
        print("(--only: bench/RESULTS.md left as it was)")
    else:
        header = context(started, time.monotonic() - clock, (load, os.getloadavg()[0]))
        RESULTS.write_text(header + table, encoding="utf-8")
        print(f"Wrote {RESULTS}")
    return 0
