"""Go ▸ Back and Forward across a study's interviews, as a browser's history: where the
reader's own jumps run out (reading/jumps.py keeps the open interview's), Back opens the
interview the reading came from (by a search result, a row of Annotations or Coded
Passages, a quote's link in the memo, the Library, Ctrl+PgDn), at its place as it was left
(reading/places.py); Forward opens the one Back left."""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher
from reader.ui.reading.jumps import KEEP, Jumps


class InterviewHistory(QObject):
    def __init__(self, switcher: InterviewSwitcher, study: OpenStudy, jumps: Jumps) -> None:
        super().__init__(switcher)
        self._switcher = switcher
        self._back: list[str] = []
        self._forward: list[str] = []
        self._shown = switcher.current
        self._going = False  # opening one of the history: no new step in it
        switcher.switched.connect(self._switched)
        study.opened.connect(self._forget)  # another study's interviews are not its
        jumps.elsewhere = self.go

    def _forget(self, *_args: object) -> None:
        self._back, self._forward, self._shown = [], [], ""

    def _switched(self, interview_id: str) -> None:
        left, self._shown = self._shown, interview_id
        if not self._going and left and interview_id and left != interview_id:
            self._back = [*self._back, left][-KEEP:]
            self._forward = []

    def go(self, forward: bool) -> bool:
        """Open the interview before (`forward`: the one Back left); False when none is."""
        ahead, behind = (self._forward, self._back) if forward else (self._back, self._forward)
        here = self._shown
        if not ahead or not here:
            return False
        self._going = True
        try:
            opened = self._switcher.open(ahead.pop())  # else it said why (or was cancelled)
        finally:
            self._going = False
        if opened:
            behind.append(here)
        return True
