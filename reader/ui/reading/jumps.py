"""Back and Forward over the reader's jumps, as a browser's: Go ▸ Back (Alt+Shift+Left in
the reader; the mouse's back button) returns to where the reading was before a jump,
Forward (Alt+Shift+Right, the forward button) goes on to it again (Alt+Left and Alt+Right
are the recording's skips, Backspace deletes a highlight). A jump is a move the reader
did not scroll to: a question from the Outline, a search result, a quote's link back, a
highlight gone to from the Annotations list or the Codebook, a click on the overview
strip. Steps (Ctrl+Down, ]) and finding read on, and are no jumps. Alone, the jumps are the
open interview's: another one shown starts afresh. In a study they are one history across
its interviews, in order: a switch to another interview is a step of it as a jump is
(library/interview_history.py), and Back and Forward open the interview a step was in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtGui import QTextCursor, QTextDocument

KEEP = 50  # jumps remembered each way; older ones drop off
NOWHERE = {True: "No jump to go forward to.", False: "No jump to go back from."}


class Interviews(Protocol):
    """A study's interviews as Back and Forward go across them."""

    def shown(self) -> str:
        """The interview shown ("" for none)."""

    def open(self, interview_id: str) -> bool:
        """Show it, at its place as it was left; False when it cannot be (said why)."""


@dataclass(frozen=True)
class Spot:
    """Where the reading was: the caret (and selection) in Qt's positions, and what was in
    sight (ReaderView.place_on_screen)."""

    anchor: int
    position: int
    in_sight: tuple[int, int] | None


@dataclass(frozen=True)
class Step:
    """Where Back or Forward go: which of a study's interviews ("" for one open alone) and
    where the reading was in it; None: where it was left (reading/places.py)."""

    interview: str
    spot: Spot | None


class Reading(Protocol):
    """What of the reading pane (ReaderView) the jumps use."""

    hint: SignalInstance

    def textCursor(self) -> QTextCursor: ...
    def setTextCursor(self, cursor: QTextCursor) -> None: ...
    def document(self) -> QTextDocument: ...
    def place_on_screen(self) -> tuple[int, int] | None: ...
    def keep_on_screen(self, place: tuple[int, int] | None) -> None: ...


class Jumps:
    """The reader's jumps: the reader says when it leaves a spot for one (`leaving`)."""

    def __init__(self, reader: Reading) -> None:
        self._reader = reader
        self._back: list[Step] = []
        self._forward: list[Step] = []
        self.study: Interviews | None = None  # while a study is open
        self._arrived = False  # another interview shown, this turn of the event loop

    def clear(self) -> None:
        """Another interview shown: alone, its places are not this one's. A jump made as it
        opens (a search result in it) leaves no place of it to come back to: where it
        opened is where no one was reading."""
        if self.study is None:
            self.forget()
        self._arrived = True
        QTimer.singleShot(0, self._settle)

    def forget(self) -> None:
        """No step left either way (a study opened or closed)."""
        self._back.clear()
        self._forward.clear()

    def left(self, interview_id: str) -> None:
        """The study's interview `interview_id` left for another, not by Back or Forward:
        Back comes back to it, where it was left."""
        self._back = [*self._back, Step(interview_id, None)][-KEEP:]
        self._forward.clear()

    def _settle(self) -> None:
        self._arrived = False

    def leaving(self) -> None:
        """A jump is about to be made from here: Back comes back to it."""
        step = self._here()
        if not self._arrived and (not self._back or self._back[-1] != step):
            self._back = [*self._back, step][-KEEP:]
        self._arrived = False
        self._forward.clear()

    def go(self, forward: bool) -> None:
        """Back to where the last jump or switch left (`forward`: on to where Back came
        from), in another of the study's interviews if it was there."""
        ahead, behind = (self._forward, self._back) if forward else (self._back, self._forward)
        here = self._here()
        if not ahead or (self.study is not None and not here.interview):
            self._reader.hint.emit(NOWHERE[forward])
            return
        step = ahead.pop()
        elsewhere = step.interview != here.interview
        if elsewhere and (self.study is None or not self.study.open(step.interview)):
            return  # it said why, or the question before was cancelled: a step gone
        behind.append(here)
        if step.spot is not None:
            self._put(step.spot)

    def _put(self, spot: Spot) -> None:
        reader = self._reader
        size = reader.document().characterCount() - 1
        cursor = QTextCursor(reader.document())
        cursor.setPosition(min(spot.anchor, size))
        cursor.setPosition(min(spot.position, size), QTextCursor.MoveMode.KeepAnchor)
        reader.setTextCursor(cursor)
        reader.keep_on_screen(spot.in_sight)

    def _here(self) -> Step:
        cursor = self._reader.textCursor()
        spot = Spot(cursor.anchor(), cursor.position(), self._reader.place_on_screen())
        return Step(self.study.shown() if self.study is not None else "", spot)
