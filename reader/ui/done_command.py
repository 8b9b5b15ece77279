"""A change done before it is pushed onto an undo stack, which may be refused on a later
undo or redo (a file that cannot be written): the codebook's and the study's edits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack


@dataclass(frozen=True)
class Refusal:
    """How a DoneCommand's redo or undo may be refused, having changed nothing: the error
    it raises then (its message for the user), and who says it and takes the stack's
    step back to where it was (`put_back(text, undo_refused)`: QUndoStack.redo after a
    refused undo, .undo after a refused redo; that step only tells)."""

    error: type[Exception]
    put_back: Callable[[str, bool], None]


def refusal_on(stack: QUndoStack, error: type[Exception], say: Callable[[str], None]) -> Refusal:
    """An undo or redo on `stack` refused with `error`, having changed nothing (a notes file
    it had to write could not be): said with `say`, and the stack's step put back where
    it was, once Qt has moved it."""

    def put_back(text: str, undo_refused: bool) -> None:
        say(text)
        QTimer.singleShot(0, stack.redo if undo_refused else stack.undo)

    return Refusal(error, put_back)


class DoneCommand(QUndoCommand):
    """A change done before it is pushed (so a refused change leaves no step): `memo` is
    what `do` returned, what `undo` needs; a redo calls `do` again. `after` runs after
    each redo and undo, to tell whoever shows the change. `refusal`: a redo or undo may
    fail (a file that cannot be written), and say so."""

    def __init__(
        self,
        text: str,
        memo: Any,
        do: Callable[[], Any],
        undo: Callable[[Any], Any],
        after: Callable[[], None],
        refusal: Refusal | None = None,
    ) -> None:
        super().__init__(text)
        self._memo, self._do, self._undo, self._after = memo, do, undo, after
        self._refusal = refusal
        self._pushed = True  # done before it was pushed: the first redo only tells
        self._refused = False  # so the step putting the stack back, which changed nothing, is quiet

    def redo(self) -> None:
        self._step(self._do_again, undo=False)

    def undo(self) -> None:
        self._step(lambda: self._undo(self._memo), undo=True)

    def _step(self, step: Callable[[], object], undo: bool) -> None:
        if self._refused:
            self._refused = False
        elif self._pushed or self._tried(step, undo):
            self._pushed = False
            self._after()

    def _do_again(self) -> None:
        self._memo = self._do()

    def _tried(self, step: Callable[[], object], undo: bool) -> bool:
        """Run `step`; False when it was refused (said, and the stack's step put back)."""
        refusal = self._refusal
        errors: tuple[type[Exception], ...] = (refusal.error,) if refusal is not None else ()
        try:
            step()
        except errors as exc:
            assert refusal is not None
            self._refused = True
            refusal.put_back(str(exc), undo)
            return False
        return True
