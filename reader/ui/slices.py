"""Long work on the GUI thread in slices: an iterator advanced for SLICE_S at a time, the
first slice at once and the rest from a zero timer, so that the window paints and takes
keys between two. Qt objects stay on their thread, and on this two-core machine Python
threads slowed each other down (docs/speed.md): a study of 300 interviews searched, or a
code's passages placed in each, held the window for seconds in one go."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

SLICE_S = 0.03  # of work between two paints: the window stays responsive while it runs


class Slices(QObject):
    """One piece of work at a time: starting another drops the one under way."""

    grown = Signal(list)  # what a later slice gave; the work is over once `running` is False

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pending: Iterator[Any] | None = None
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._next_slice)

    @property
    def running(self) -> bool:
        return self._pending is not None

    def start(self, work: Iterator[Any], budget: float | None = None) -> list[Any]:
        """Drop any work under way and advance `work` for one slice now (`budget` seconds,
        SLICE_S by default): what it gave. The rest comes by `grown`."""
        self.stop()
        self._pending = work
        try:
            first = self._slice(budget)
        except Exception:
            self.stop()
            raise
        if self._pending is not None:
            self._timer.start()
        return first

    def stop(self) -> None:
        self._timer.stop()
        self._pending = None

    def _next_slice(self) -> None:
        self.grown.emit(self._slice())

    def _slice(self, budget: float | None = None) -> list[Any]:
        assert self._pending is not None
        new: list[Any] = []
        deadline = time.perf_counter() + (SLICE_S if budget is None else budget)
        for item in self._pending:
            new.append(item)
            if time.perf_counter() >= deadline:
                return new
        self.stop()
        return new
