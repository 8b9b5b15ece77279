"""Notes another program was still writing as they opened (read-only then, nothing of them
read: reader/core/notes_opening.py) open again by themselves once that write is done: as
soon as the file's watcher takes the version on disk as whole, or at the latest when the
wait is over, when whatever is there is read as any opening reads it (set aside and a
choice offered, if it is still cut off)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer

from reader.core.read_only import ReadOnly


class Reopening(Protocol):
    """The interview's owner (OpenInterview), as far as opening again needs it."""

    controller: object
    safety: Any  # NotesSafety: its watcher tells of the write done
    in_study: bool
    study_read_only: ReadOnly | None  # the study's cause now: it may be taken meanwhile

    @property
    def notes_path(self) -> Path | None: ...

    @property
    def read_only_cause(self) -> ReadOnly | None: ...

    def open(
        self,
        document_path: Path,
        notes_path: Path | None = None,
        *,
        in_study: bool = ...,
        read_only: ReadOnly | None = ...,
        keep_history: bool = ...,
        asked: bool = ...,
    ) -> bool: ...


class OpenAgain(QObject):
    """Opens `document_path` again once, on the notes file's change or after `wait_ms`,
    if its notes still wait (another interview was not opened meanwhile)."""

    def __init__(self, owner: Reopening, wait_ms: int, document_path: Path) -> None:
        assert isinstance(owner, QObject)
        super().__init__(owner)
        self._owner, self._controller = owner, owner.controller
        self._document_path = document_path
        self._done = False
        # Queued: opening again replaces the watcher that is telling of the change.
        owner.safety.guard.file.changed.connect(self._open, Qt.ConnectionType.QueuedConnection)
        QTimer.singleShot(wait_ms, self, self._open)

    def _open(self) -> None:
        if self._done:  # once: the first of the two
            return
        self._done = True
        self.deleteLater()
        owner = self._owner
        if owner.controller is not self._controller:
            return  # another interview opened meanwhile
        if owner.read_only_cause is ReadOnly.NOTES_BEING_WRITTEN:
            path, in_study = owner.notes_path, owner.in_study
            # A study's as the Library opens it (`keep_history`): with the Crossing kept for
            # it, so its undo history follows the study's code merges and deletions.
            owner.open(
                self._document_path,
                path,
                in_study=in_study,
                read_only=owner.study_read_only,
                keep_history=in_study,
                asked=True,
            )
