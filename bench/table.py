"""The rows of the results table: timing a call, judging a figure against its target and
its floor, and the table in Markdown. Times are kept in seconds and shown in ms; memory
in MB."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby


def timed(fn: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def repeat(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """`fn` timed `runs` times after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    return [timed(fn) for _ in range(runs)]


def show(value: float, unit: str) -> str:
    """A figure in the row's unit (seconds shown as ms), to three significant digits."""
    shown = value * 1000 if unit == "ms" else value
    if abs(shown) < 0.005:
        shown = 0.0  # no "-0.00"
    return f"{shown:,.0f}" if shown >= 100 else f"{shown:.1f}" if shown >= 10 else f"{shown:.2f}"


@dataclass(frozen=True)
class Target:
    """What the issue asks of a figure: at most `limit` (in the row's unit), at most `limit`
    times the floor (`ratio`), or at most the floor plus `limit` (`over_floor`, for noise).
    `on` says which statistic is judged: "median", or "max" for the worst run."""

    limit: float
    ratio: bool = False
    over_floor: bool = False
    on: str = "median"

    def describe(self, unit: str) -> str:
        worst = "worst " if self.on == "max" else ""
        if self.ratio:
            return f"{worst}≤ {self.limit:g}× floor"
        floor = "floor + " if self.over_floor else ""
        return f"{worst}≤ {floor}{show(self.limit, unit)} {unit}"

    def met(self, value: Sequence[float], floor: Sequence[float] | None) -> bool | None:
        pick = max if self.on == "max" else statistics.median
        if not (self.ratio or self.over_floor):
            return pick(value) <= self.limit
        if not floor:
            return None
        if self.over_floor:
            return pick(value) <= pick(floor) + self.limit
        return pick(value) <= self.limit * pick(floor)


@dataclass
class Row:
    """One line of the table: the samples of a figure and of its floor (the same job done
    by bare Qt or plain Python, measured in the same run)."""

    section: str
    name: str
    value: Sequence[float]
    unit: str = "ms"
    floor: Sequence[float] | None = None
    floor_name: str = ""
    target: Target | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """Median over the floor's median; None where that means nothing (a growth judged
        as the floor's plus noise, whose floor is about zero)."""
        if not self.floor or (self.target and self.target.over_floor):
            return None
        floor = statistics.median(self.floor)
        return statistics.median(self.value) / floor if floor > 0 else None

    def cells(self) -> list[str]:
        """The row's cells, in the order of COLUMNS."""
        unit, target = self.unit, self.target
        stats = [show(f(self.value), unit) for f in (statistics.median, min, max)]
        floor = "—"
        if self.floor:
            floor = f"{show(statistics.median(self.floor), unit)} ({self.floor_name})"
        met = {True: "yes", False: "**NO**", None: ""}[
            target and target.met(self.value, self.floor)
        ]
        return [
            *(self.name, unit, *stats, str(len(self.value)), floor),
            "—" if self.ratio is None else f"{self.ratio:.2f}×",
            target.describe(unit) if target else "—",
            met,
        ]


COLUMNS = ("Measure", "Unit", "Median", "Min", "Max", "Runs", "Floor (median)", "Ratio")
COLUMNS += ("Target", "Met")


def markdown(rows: Sequence[Row]) -> str:
    """A table for each section, in the order the rows came, each row's note below it."""
    lines = []
    for section, group in groupby(rows, key=lambda r: r.section):
        in_section = list(group)
        lines += ["", f"## {section}", "", "| " + " | ".join(COLUMNS) + " |"]
        lines.append("|" + "---|" * len(COLUMNS))
        lines += ["| " + " | ".join(row.cells()) + " |" for row in in_section]
        notes = [f"- {row.name}: {row.note}" for row in in_section if row.note]
        lines += ["", *notes] if notes else []
    return "\n".join(lines) + "\n"
