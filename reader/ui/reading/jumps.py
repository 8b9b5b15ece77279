"""Back and Forward over the reader's jumps, as a browser's: Go ▸ Back (Alt+Shift+Left in
the reader; the mouse's back button) returns to where the reading was before a jump,
Forward (Alt+Shift+Right, the forward button) goes on to it again (Alt+Left and Alt+Right
are the recording's skips, Backspace deletes a highlight). A jump is a move the reader
did not scroll to: a question from the Outline, a search result, a quote's link back, a
highlight gone to from the Annotations list or the Codebook, a click on the overview
strip. Steps (Ctrl+Down, ]) and finding read on, and are no jumps. The jumps are the open
interview's: another one shown starts afresh; in a study, Back past its first goes back to
the interview the reading came from (library/interview_history.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtGui import QTextCursor, QTextDocument

KEEP = 50  # jumps remembered each way; older ones drop off
NOWHERE = {True: "No jump to go forward to.", False: "No jump to go back from."}


@dataclass(frozen=True)
class Spot:
    """Where the reading was: the caret (and selection) in Qt's positions, and what was in
    sight (ReaderView.place_on_screen)."""

    anchor: int
    position: int
    in_sight: tuple[int, int] | None


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
        self._back: list[Spot] = []
        self._forward: list[Spot] = []
        # Where no jump is left that way: another interview's turn (True when it took it).
        self.elsewhere: Callable[[bool], bool] | None = None
        self._arrived = False  # another interview shown, this turn of the event loop

    def clear(self) -> None:
        """Another interview shown. A jump made as it opens (a search result in it) leaves
        no place of it to come back to: where it opened is where no one was reading."""
        self._back.clear()
        self._forward.clear()
        self._arrived = True
        QTimer.singleShot(0, self._settle)

    def _settle(self) -> None:
        self._arrived = False

    def leaving(self) -> None:
        """A jump is about to be made from here: Back comes back to it."""
        spot = self._spot()
        if not self._arrived and (not self._back or self._back[-1] != spot):
            self._back = [*self._back, spot][-KEEP:]
        self._arrived = False
        self._forward.clear()

    def go(self, forward: bool) -> None:
        """Back to where the last jump left (`forward`: on to where Back came from)."""
        ahead, behind = (self._forward, self._back) if forward else (self._back, self._forward)
        if not ahead:
            if self.elsewhere is None or not self.elsewhere(forward):
                self._reader.hint.emit(NOWHERE[forward])
            return
        behind.append(self._spot())
        spot = ahead.pop()
        reader = self._reader
        size = reader.document().characterCount() - 1
        cursor = QTextCursor(reader.document())
        cursor.setPosition(min(spot.anchor, size))
        cursor.setPosition(min(spot.position, size), QTextCursor.MoveMode.KeepAnchor)
        reader.setTextCursor(cursor)
        reader.keep_on_screen(spot.in_sight)

    def _spot(self) -> Spot:
        cursor = self._reader.textCursor()
        return Spot(cursor.anchor(), cursor.position(), self._reader.place_on_screen())
