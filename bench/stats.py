"""Repeated measurements and the rows of the results table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Stat:
    """Median, min and max of several samples, in the row's unit (seconds or MB)."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stat:
        if not samples:
            raise ValueError("no samples")
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))


def timed(fn: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def repeat(fn: Callable[[], object], runs: int, warmup: int = 1) -> Stat:
    """`fn` timed `runs` times after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    return Stat.of([timed(fn) for _ in range(runs)])


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
        if self.over_floor:
            return f"{worst}≤ floor + {format_value(self.limit, unit)} {unit}"
        return f"{worst}≤ {format_value(self.limit, unit)} {unit}"


@dataclass
class Row:
    """One line of the table. Times are kept in seconds and shown in ms; memory in MB."""

    section: str
    name: str
    value: Stat | None
    unit: str = "ms"
    floor: Stat | None = None
    floor_name: str = ""
    target: Target | None = None
    note: str = ""
    profile: str | None = None  # how to profile this figure when it misses its target
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """Median over the floor's median; None where it means nothing (a growth judged
        against the floor's plus noise, whose floor is about zero)."""
        if self.value is None or self.floor is None or self.floor.median <= 0:
            return None
        if self.target is not None and self.target.over_floor:
            return None
        return self.value.median / self.floor.median

    @property
    def met(self) -> bool | None:
        """True or False against the target; None without a target or a figure."""
        if self.target is None or self.value is None:
            return None
        judged = self.value.high if self.target.on == "max" else self.value.median
        if self.target.ratio or self.target.over_floor:
            if self.floor is None:
                return None
            reference = self.floor.high if self.target.on == "max" else self.floor.median
            if self.target.over_floor:
                return judged <= reference + self.target.limit
            return judged <= self.target.limit * reference
        return judged <= self.target.limit


def scaled(value: float, unit: str) -> float:
    """Seconds as milliseconds for "ms" rows; other units as they are."""
    return value * 1000 if unit == "ms" else value


def format_value(value: float, unit: str) -> str:
    shown = scaled(value, unit)
    if abs(shown) < 0.005:
        shown = 0.0  # no "-0.00"
    if shown >= 100:
        return f"{shown:,.0f}"
    if shown >= 10:
        return f"{shown:.1f}"
    return f"{shown:.2f}"
