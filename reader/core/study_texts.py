"""The interviews of a study as sessions, loaded on first use and kept while unchanged.

Searching and exporting a study need every interview's text, structure and notes. A 60 KB
interview costs about 4 ms to load and structure, so they are kept, and checked against
their files' modification times (a stat each) before each use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from reader.core.document import DocumentError
from reader.core.notes_file import NotesFormatError
from reader.core.session import Session
from reader.core.study import Study
from reader.core.study_file import InterviewEntry


@dataclass
class Loaded:
    session: Session
    problem: str  # "" or why the session is incomplete (transcript missing: notes only)
    stamp: tuple[int, int] | None  # (transcript, notes) mtimes; None: pinned by the app


class StudyTexts:
    """The study's interviews as sessions, loaded on first use and kept while their files
    are unchanged. The app pins the interview it has open (`put`), so searches see its
    unsaved edits."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self._loaded: dict[str, Loaded] = {}
        self.problems: dict[str, str] = {}  # interview id -> why it could not be searched

    def put(self, interview_id: str, session: Session) -> None:
        """Use `session` (the one being edited) for this interview until `forget`."""
        self._loaded[interview_id] = Loaded(session, "", None)

    def forget(self, interview_id: str) -> None:
        self._loaded.pop(interview_id, None)

    def get(self, entry: InterviewEntry) -> Loaded | None:
        """The interview's session (notes alone when the transcript is missing), or None
        with nothing to search (unreadable notes: the reason is in `problems`)."""
        stamp = self._stamp(entry)
        kept = self._loaded.get(entry.id)
        if kept is not None and (kept.stamp is None or kept.stamp == stamp):
            return kept
        try:
            try:
                loaded = Loaded(self.study.open_session(entry), "", stamp)
            except DocumentError as exc:
                loaded = Loaded(self.study.notes_only_session(entry), str(exc), stamp)
        except (NotesFormatError, OSError) as exc:
            self._loaded.pop(entry.id, None)
            self.problems[entry.id] = f"its notes cannot be read ({exc})"
            return None
        self.problems.pop(entry.id, None)
        self._loaded[entry.id] = loaded
        return loaded

    def warm(self) -> None:
        """Load every interview now (for a background thread at start-up)."""
        for entry in list(self.study.interviews):
            self.get(entry)

    def _stamp(self, entry: InterviewEntry) -> tuple[int, int]:
        return (_mtime(self.study.transcript_path(entry)), _mtime(self.study.notes_path(entry)))


def _mtime(path: os.PathLike[str]) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1
