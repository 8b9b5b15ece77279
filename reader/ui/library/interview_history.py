"""Go ▸ Back and Forward across a study's interviews, as a browser's history: one history
in order (reading/jumps.py keeps it), the reader's jumps inside an interview and the
switches to another (by a search result, a row of Annotations or Coded Passages, a quote's
link in the memo, the Library, Ctrl+PgDn) alike. Back past a switch opens the interview
the reading came from, at its place as it was left (reading/places.py), and Forward after
Back goes on through the jumps made in the interview Back left, as they were made."""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher
from reader.ui.reading.jumps import Jumps


class InterviewHistory(QObject):
    """The study's interviews as the jumps go across them (jumps.Interviews)."""

    def __init__(self, switcher: InterviewSwitcher, study: OpenStudy, jumps: Jumps) -> None:
        super().__init__(switcher)
        self._switcher, self._jumps = switcher, jumps
        self._shown = switcher.current
        self._going = False  # opening one of the history: no new step in it
        switcher.switched.connect(self._switched)
        study.opened.connect(self._begin)  # another study's interviews are not its
        study.closed.connect(self._end)

    def _begin(self, *_args: object) -> None:
        self._jumps.forget()
        self._jumps.study = self

    def _end(self) -> None:
        self._jumps.forget()
        self._jumps.study = None

    def shown(self) -> str:
        return self._switcher.current

    def open(self, interview_id: str) -> bool:
        self._going = True
        try:
            return self._switcher.open(interview_id)
        finally:
            self._going = False

    def _switched(self, interview_id: str) -> None:
        left, self._shown = self._shown, interview_id
        if not self._going and left and interview_id and left != interview_id:
            self._jumps.left(left)
