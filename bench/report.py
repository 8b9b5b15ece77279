"""The results: the table printed on the console, and bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import Any

from bench.profiling import cause_sentence
from bench.stats import Row, Stat, format_value

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"

# Why a function that tops a profile is slow, as found by reading it; shown only when the
# profile names that function, so a fixed cause drops out of the report by itself.
WHY: dict[str, str] = {
    "ReaderView.block_at_y": (
        "its binary search asks QAbstractTextDocumentLayout.blockBoundingRect() for blocks "
        "far down the document; Qt lays a QTextDocument out lazily, so that call first lays "
        "out every block before the one asked for (half the document on the first probe). "
        "It runs from top_segment_index() in MainWindow._show_session and again from "
        "HighlightLayer.visible_range() in the first paintEvent, before the lazy layout has "
        "got there."
    ),
    "NotesSafety._written": (
        "after every successful save it re-parses and validates the whole file it has just "
        "written (_parse_or_none → notes_file.parse), on the GUI thread, to keep the base "
        "of a later three-way merge; the data it parses is what it serialised a moment ago."
    ),
    "_parse_or_none": (
        "NotesSafety (reader/ui/safety.py) parses and validates the whole notes file to keep "
        "the base of a three-way merge: in NotesSafety.__init__ during open_document (the "
        "same bytes MainWindow._read_notes has just parsed) and in NotesSafety._written "
        "after every save, both on the GUI thread."
    ),
}


@dataclass
class Machine:
    cpu: str
    cores: int
    ram_gb: float
    python: str
    pyside: str
    qt: str
    system: str
    commit: str

    @classmethod
    def describe(cls) -> Machine:
        import PySide6
        from PySide6.QtCore import qVersion

        cpu = "unknown"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram_kb = 0
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_kb = int(line.split()[1])
        try:
            commit = subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            commit = "unknown"
        return cls(
            cpu=cpu,
            cores=os.cpu_count() or 1,
            ram_gb=ram_kb / 2**20,
            python=platform.python_version(),
            pyside=PySide6.__version__,
            qt=qVersion(),
            system=platform.platform(),
            commit=commit,
        )

    def line(self) -> str:
        return (
            f"{self.cpu}, {self.cores} cores, {self.ram_gb:.1f} GB RAM; {self.system}; "
            f"Python {self.python}, PySide6 {self.pyside} (Qt {self.qt}); commit {self.commit}"
        )


@dataclass
class Report:
    rows: list[Row]
    machine: Machine
    started: datetime
    seconds: float
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at the start and the end


# Cells -----------------------------------------------------------------------------------


def _cell(stat: Stat | None, unit: str) -> tuple[str, str, str]:
    if stat is None:
        return "—", "—", "—"
    return (
        format_value(stat.median, unit),
        format_value(stat.low, unit),
        format_value(stat.high, unit),
    )


def _met(row: Row) -> str:
    return {True: "yes", False: "**NO**", None: ""}[row.met]


def _ratio(row: Row) -> str:
    ratio = row.ratio
    return "—" if ratio is None else f"{ratio:.2f}×"


def _floor(row: Row) -> str:
    if row.floor is None:
        return "—"
    return f"{format_value(row.floor.median, row.unit)} ({row.floor_name})"


COLUMNS = ("Measure", "Unit", "Median", "Min", "Max", "Runs", "Floor (median)", "Ratio")
COLUMNS += ("Target", "Met")


def _cells(row: Row) -> list[str]:
    median, low, high = _cell(row.value, row.unit)
    runs = str(row.value.runs) if row.value else "—"
    target = row.target.describe(row.unit) if row.target else "—"
    return [row.name, row.unit, median, low, high, runs, _floor(row), _ratio(row), target]


# Console ---------------------------------------------------------------------------------


def console_table(rows: list[Row]) -> str:
    """A plain-text table, one block per section."""
    lines = []
    body = [[*_cells(r), _met(r).strip("*")] for r in rows]
    widths = [max(len(c) for c in column) for column in zip(COLUMNS, *body, strict=False)]
    widths[0] = min(widths[0], 62)
    widths[6] = min(widths[6], 44)

    def fmt(cells: list[str]) -> str:
        out = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            cell = cell if len(cell) <= width else cell[: width - 1] + "…"
            out.append(cell.ljust(width) if i in (0, 1, 6, 8, 9) else cell.rjust(width))
        return "  ".join(out).rstrip()

    lines.append(fmt(list(COLUMNS)))
    lines.append("-" * len(lines[0]))
    for section, group in groupby(zip(rows, body, strict=True), key=lambda rb: rb[0].section):
        lines.append(section)
        lines.extend(fmt(cells) for _, cells in group)
    return "\n".join(lines)


# Markdown --------------------------------------------------------------------------------


def _md_table(rows: list[Row]) -> list[str]:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        cells = [*_cells(row), _met(row)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    notes = [f"- *{row.name}*: {row.note}" for row in rows if row.note]
    return lines + (["", *notes] if notes else [])


def _profile_section(row: Row, summary: dict[str, Any]) -> list[str]:
    judged = row.value.high if row.target and row.target.on == "max" else row.value.median
    target = row.target.describe(row.unit) if row.target else ""
    lines = [
        f"### {row.section}: {row.name}",
        "",
        f"Measured {format_value(judged, row.unit)} {row.unit}; target {target}.",
        "",
    ]
    if "census" in summary:
        lines += _census_lines(summary["census"])
        return lines
    if "stages" in summary:
        lines += _stages_lines(summary["stages"])
        return lines
    lines += [
        f"**Cause:** {cause_sentence(summary)}",
        "",
    ]
    explained = []
    for entry in [*summary["top"][:3], *summary.get("steps", [])[:4]]:
        name = entry["function"]
        if name in WHY and name not in explained:
            explained.append(name)
            lines += [f"Why `{name}` costs this: {WHY[name]}", ""]
    lines += [
        f"pyinstrument, {summary['label']} ({summary['duration'] * 1000:,.0f} ms profiled); "
        "each sample's time is charged to the nearest function of the app on its stack:",
        "",
        "| Function | Where | Time | Share | Mostly in |",
        "|---|---|---|---|---|",
    ]
    for entry in summary["top"]:
        mostly = entry["mostly_in"]
        if mostly != "its own code":
            mostly = f"{mostly} ({entry['mostly_share']:.0%})"
        lines.append(
            f"| `{entry['function']}` | {entry['where']} | {entry['seconds'] * 1000:,.0f} ms "
            f"| {entry['share']:.0%} | {mostly} |"
        )
    if summary.get("steps"):
        lines += ["", "The app's biggest steps, callees included:", ""]
        lines += ["| Function | Where | Time | Share |", "|---|---|---|---|"]
        for entry in summary["steps"]:
            lines.append(
                f"| `{entry['function']}` | {entry['where']} | "
                f"{entry['seconds'] * 1000:,.0f} ms | {entry['share']:.0%} |"
            )
    lines += ["", "<details><summary>Call tree (share of the profiled time)</summary>", ""]
    lines += ["```", *summary["tree"], "```", "", "</details>", ""]
    return lines


def _stages_lines(stages: dict[str, Any]) -> list[str]:
    """Resident memory after each stage of opening, for each variant measured."""
    lines = []
    for name, result in stages.items():
        lines += [f"Resident memory by stage, {name} (peak {result['vm_hwm_kb'] / 1024:,.0f} MB):"]
        lines += ["", "| Stage | VmRSS | Added |", "|---|---|---|"]
        before = 0
        for stage, kb in result["stages"]:
            added = f"+{(kb - before) / 1024:,.1f} MB" if before else ""
            lines.append(f"| {stage} | {kb / 1024:,.1f} MB | {added} |")
            before = kb
        if result.get("imports"):
            parts = ", ".join(
                f"{module} {kb / 1024:+.1f}" for module, kb in result["imports"] if kb >= 256
            )
            lines += [
                "",
                f"Importing the app, module by module (MB; shared modules count "
                f"with the first importer): {parts}.",
            ]
        if result.get("python_allocations"):
            lines += ["", "Largest Python allocations still alive, by line (tracemalloc):", ""]
            lines += ["| Where | Size | Objects |", "|---|---|---|"]
            for alloc in result["python_allocations"]:
                lines.append(
                    f"| {alloc['where']} | {alloc['kb'] / 1024:,.1f} MB | {alloc['count']:,} |"
                )
        lines.append("")
    return lines


def _census_lines(census: dict[str, Any]) -> list[str]:
    growing = census["growing"]
    if not growing:
        return ["No object type grows steadily with each open.", ""]
    lines = [
        f"**Cause:** every open leaves objects behind. Counted over two runs of "
        f"{census['cycles']} opens (types that grew the same in both):",
        "",
        "| Type | Left per open | Held by (referrers of the live ones) |",
        "|---|---|---|",
    ]
    for entry in growing:
        held = ", ".join(f"{k} ({v})" for k, v in entry["held_by"].items())
        lines.append(f"| `{entry['type']}` | {entry['per_open']:g} | {held} |")
    docs = next((e for e in growing if e["type"] == "QTextDocument"), None)
    if docs and "ReaderView" in docs["held_by"]:
        lines += [
            "",
            "The QTextDocuments are the reading pane's, one per open, each with its whole "
            "layout: `ReaderView.show_session` (reader/ui/reader_view.py) builds a new "
            "`ReaderDocument` and passes its parentless QTextDocument to "
            "`QTextEdit.setDocument`, and PySide6 keeps a Python reference to every "
            "document ever given to `setDocument` on that widget (checked with a bare "
            "QTextEdit: ten calls leave ten documents alive), a reference that outlives even "
            "the widget: closing and deleting the whole MainWindow frees none of them (see "
            "the peak memory after five windows on the 5 MB transcript, under Other "
            "observations). Checked by hand with a bare QTextEdit: calling deleteLater() on "
            "the replaced document cut the growth over 20 opens from 236 MB to 13 MB.",
        ]
    return [*lines, ""]


def _machine_lines(report: Report) -> list[str]:
    m = report.machine
    return [
        f"- Date: {report.started:%Y-%m-%d %H:%M %Z}; the run took {report.seconds:,.0f} s.",
        f"- CPU: {m.cpu}, {m.cores} cores; RAM {m.ram_gb:.1f} GB",
        f"- Python {m.python}; PySide6 {m.pyside} (Qt {m.qt}); {m.system}",
        f"- Commit {m.commit} (plus any uncommitted changes in the tree)",
        f"- Load average (1 min) {report.load[0]:.2f} at the start, {report.load[1]:.2f} at "
        "the end: other work on the machine makes the figures noisier, maxima most of all",
    ]


METHOD = """\
## How each figure is taken

Every time is the median of several runs (the Runs column), with min and max; each floor is
measured in the same run of `make bench`. Children run with `QT_QPA_PLATFORM=offscreen` and
their XDG data/config folders in a temporary directory; nothing is asserted.

1. **Start-up**: `python -m bench.startup_app --notes FILE` runs `reader.app.main` exactly
   as `main.py` does, with 200 highlights in FILE, after making the QApplication itself so
   that an event filter can see the first `Paint` event of the reading pane's viewport; a
   zero timer then notes the end of that frame. The time is CLOCK_MONOTONIC from just before
   the parent spawns the process, passed in the environment. Peak memory is the child's
   `VmHWM` at that moment. One unmeasured run of each comes first (disk cache).
   Floor: `bench/startup_floor.py`, a QMainWindow with a QSplitter, a read-only QTextEdit
   with the same text and a QPlainTextEdit, timed by the same hook. This environment sets
   PYTHONDONTWRITEBYTECODE=1, so children get a bytecode cache of their own
   (PYTHONPYCACHEPREFIX in the bench's temporary folder) as an installed app has; the row
   "without .pyc files" shows the start-up as the environment stands.
2. **Scale**: a 5 MB transcript (the bundled interview repeated, every paragraph ending in
   its copy number, emoji in one paragraph in five) with 10,000 highlights (whole words, a
   third with notes, a fifth with tags) and 1 MB of Markdown notes. In one process
   (`bench.gui_scale app`), five new MainWindows in turn: `open_document` + `show` until the
   first paint ends, then until the lazy layout reaches the last block (fully
   interactive). Then, scrolled to the middle: 20 each of `controller.add_highlight`,
   `edit_highlight(color=…)`, `delete_highlight` and `undo_stack.undo()`, each followed by
   `reader.viewport().repaint()` inside the timing; after each add, three `processEvents()`
   are timed on their own (the annotations panel and list view catch up there). Full
   repaints; scrolling sets the scroll bar page by page from top to bottom and repaints.
   Peak memory: `VmHWM` of three fresh processes each (`bench.memory_stages`), opening the
   document with and without the highlights. Floor: a bare read-only QTextEdit in the same
   font and text width (`bench.gui_scale floor`), `setPlainText` + `show` + first paint,
   its layout, repaints and scrolling.
3. **Saving**: `notes_file.serialise` and `store.atomic_write` of the 10,000 highlights
   and 1 MB of notes, in the bench process. In the app: `saver.save_soon_now()` with dirty
   set (the GUI thread's serialise), the worker's write (until its future is done), and the
   GUI thread's handling of the finished write (`_on_finished` and what `written` drives).
   The longest GUI-thread block: a 1 ms precise timer notes how late each tick comes while
   the event loop runs for 1.6 s after an edit (the 600 ms debounce, the save, the
   completion and the file watcher's look at the new file).
4. **Re-anchoring**: `anchoring.reanchor_all` of the 10,000 highlights on the transcript with
   1% of its paragraphs edited (a phrase inserted, a word dropped, a word replaced).
5. **Find**: `search.find_all` of "the" and of a word that occurs once, on the 5 MB text.
   "First search" uses a fresh copy of the text each run, so it pays for folding the text
   to lower case, which find_all then caches; "repeated" searches the same text again.
6. **Export**: every format of `export.FORMATS` on the session with 10,000 highlights.
7. **Memory over time**: one shown MainWindow opens the bundled interview (200 highlights)
   50 times with `open_document` (which closes the previous one); resident memory after each
   open, once garbage is collected and `malloc_trim` has returned free pages. Growth is from
   open 5 to open 50, median of three processes. Floor: the same loop with a bare QTextEdit
   (`setPlainText`).
"""


def markdown(report: Report) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Generated by `make bench` (`bench/`); do not edit by hand, run it again.",
        "",
        *_machine_lines(report),
        "",
    ]
    headline = report.details.get("headline")
    if headline:
        lines += ["## Headline", "", *[f"- {h}" for h in headline], ""]
    lines += ["## Results", ""]
    for section, group in groupby(report.rows, key=lambda r: r.section):
        lines += [f"### {section}", "", *_md_table(list(group)), ""]
    missed = [r for r in report.rows if r.met is False]
    lines += ["## Missed targets and their causes", ""]
    if not missed:
        lines += ["Every figure with a target met it.", ""]
    shown: set[str] = set()
    for row in missed:
        summary = report.profiles.get(row.profile or "")
        if summary is None:
            lines += [f"### {row.section}: {row.name}", "", "Not profiled.", ""]
            continue
        if row.profile in shown:
            lines += [f"### {row.section}: {row.name}", "", "Same profile as above.", ""]
            continue
        shown.add(row.profile or "")
        lines += _profile_section(row, summary)
    extra = report.details.get("extra_lines")
    if extra:
        lines += ["## Other observations", "", *extra, ""]
    lines.append(METHOD)
    return "\n".join(lines).rstrip() + "\n"


def write(report: Report, path: Path | None = None) -> Path:
    path = path or RESULTS
    path.write_text(markdown(report), encoding="utf-8")
    return path


def now() -> datetime:
    return datetime.now().astimezone()
