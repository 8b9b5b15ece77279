"""The interviews of a study as sessions, loaded on first use and kept while unchanged.

Searching and exporting a study need every interview's text, structure and notes. A 60 KB
interview costs about 4 ms to load and structure, so they are kept, and checked against
their files' modification times (a stat each) before each use.

A kept interview holds about 0.45 MB (a 60 KB text with an emoji is stored 4 bytes a
character), so at most MAX_KEPT are kept, the least recently used dropped first: a study
of 500 would otherwise hold 220 MB for search. The app's background thread and its GUI
thread both use one StudyTexts, so the table is changed under a lock.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

from reader.core.document import DocumentError
from reader.core.notes_file import NotesFormatError
from reader.core.session import Session
from reader.core.study import Study
from reader.core.study_file import InterviewEntry

MAX_KEPT = 200  # the search of 200 interviews × 60 KB runs on kept texts


@dataclass
class Loaded:
    session: Session
    problem: str  # "" or why the session is incomplete (transcript missing: notes only)
    stamp: tuple[int, int] | None  # (transcript, notes) mtimes; None: pinned by the app


class StudyTexts:
    """The study's interviews as sessions, loaded on first use and kept while their files
    are unchanged. The app pins the interview it has open (`put`), so searches see its
    unsaved edits."""

    def __init__(self, study: Study, max_kept: int = MAX_KEPT) -> None:
        self.study = study
        self.max_kept = max_kept
        self._loaded: OrderedDict[str, Loaded] = OrderedDict()  # least recently used first
        self._lock = threading.Lock()
        self.problems: dict[str, str] = {}  # interview id -> why it could not be searched
        self.warmed = False  # `warm` is done

    def put(self, interview_id: str, session: Session) -> None:
        """Use `session` (the one being edited) for this interview until `forget`."""
        self._keep(interview_id, Loaded(session, "", None))

    def forget(self, interview_id: str) -> None:
        with self._lock:
            self._loaded.pop(interview_id, None)

    def kept(self) -> int:
        return len(self._loaded)

    def _keep(self, interview_id: str, loaded: Loaded) -> None:
        with self._lock:
            self._loaded[interview_id] = loaded
            self._loaded.move_to_end(interview_id)
            unpinned = [i for i, kept in self._loaded.items() if kept.stamp is not None]
            for old in unpinned[: max(0, len(self._loaded) - self.max_kept)]:
                del self._loaded[old]

    def get(self, entry: InterviewEntry) -> Loaded | None:
        """The interview's session (notes alone when the transcript is missing), or None
        with nothing to search (unreadable notes: the reason is in `problems`)."""
        stamp = self._stamp(entry)
        kept = self._loaded.get(entry.id)
        if kept is not None and (kept.stamp is None or kept.stamp == stamp):
            with self._lock:
                if entry.id in self._loaded:
                    self._loaded.move_to_end(entry.id)
            return kept
        try:
            try:
                loaded = Loaded(self.study.open_session(entry), "", stamp)
            except DocumentError as exc:
                loaded = Loaded(self.study.notes_only_session(entry), str(exc), stamp)
        except (NotesFormatError, OSError) as exc:
            self.forget(entry.id)
            self.problems[entry.id] = f"its notes cannot be read ({exc})"
            return None
        self.problems.pop(entry.id, None)
        self._keep(entry.id, loaded)
        return loaded

    def warm(self) -> None:
        """Load the first `max_kept` interviews now (for a background thread)."""
        for entry in list(self.study.interviews)[: self.max_kept]:
            self.get(entry)
        self.warmed = True

    def _stamp(self, entry: InterviewEntry) -> tuple[int, int]:
        return (_mtime(self.study.transcript_path(entry)), _mtime(self.study.notes_path(entry)))


def _mtime(path: os.PathLike[str]) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1
