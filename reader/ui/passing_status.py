"""Passing status-bar messages about one thing (the open interview's recording), taken
back when that thing goes: a message left standing after the interview it was about was
left hid the next one's "Notes: path" line, which the status bar shows beneath it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QStatusBar


class PassingStatus:
    def __init__(self, show: Callable[[str, int], None], bar: QStatusBar) -> None:
        self._show, self._bar = show, bar
        self._said = ""

    def say(self, text: str, ms: int) -> None:
        self._said = text
        self._show(text, ms)

    def take_back(self) -> None:
        """What was said last goes, if the status bar still says it (not another's)."""
        if self._said and self._bar.currentMessage() == self._said:
            self._bar.clearMessage()
        self._said = ""
