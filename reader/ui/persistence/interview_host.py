"""What the notes' safety (persistence/safety.py) asks of the owner of the open interview
(interview/open_interview.py): its notes and document, read-only or not, and where to say
what happened to them."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from reader.core.notes_file import NotesData
from reader.core.read_only import ReadOnly
from reader.core.session import Session
from reader.ui.interview.controller import Controller
from reader.ui.persistence.offered_copies import BannerActions


class InterviewHost(Protocol):
    """What the safety logic asks of the owner of the open interview."""

    controller: Controller | None  # the open interview's; another once this one closed
    in_study: bool  # the notes are a study's: they stay in its notes folder
    said: list[str]  # what opening said, in the banner

    @property
    def notes_document(self) -> QTextDocument: ...

    @property
    def read_only_cause(self) -> ReadOnly | None: ...

    def research_notes(self) -> str: ...
    def replace_notes(self, notes: NotesData, keep_history: bool = False) -> None: ...
    def replace_session(self, session: Session) -> None: ...
    def notes_moved(self, path: Path) -> None: ...
    def set_read_only(self, read_only: bool, cause: ReadOnly | None = None) -> None: ...
    def show_message(self, text: str, actions: BannerActions | None = None) -> None: ...
    def show_status(self, text: str, ms: int) -> None: ...
    def dialog_parent(self) -> QWidget | None: ...
