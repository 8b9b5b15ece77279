"""A study's notes files as last read, each read again only when its size or time changed.

Reading 500 notes files that carry a 1,000-code codebook takes seconds, and the window
lists, counts, retrieves and draws from them again and again: the Annotations panel
across the study (study_highlights.py) and the codebook's counts, retrieval and pictures
(codebook_retrieval.py) share one cache, so each file is parsed once, not once for each.
The notes handed out are shared: read them, never change them. The codebook's counts read
through the cache on a worker thread (`coding_sets`, reader/ui/codebook/counting.py)
while the GUI thread reads too: the table is touched under a lock, the files outside it.

Each notes file of a study carries a copy of the study's codebook. Files whose copies are
the same share one Codebook here: 500 files with 1,000 codes held 175 MB and half a
million objects, which every full garbage collection walked (up to 130 ms each, holding
the GUI thread), and now hold one copy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakValueDictionary

from reader.core.code_use import CodingSets
from reader.core.codebook import Code, Codebook
from reader.core.notes_file import NotesData, NotesFormatError
from reader.core.stamp_cache import StampCache
from reader.core.store import load_notes

if TYPE_CHECKING:
    from reader.core.study import Study
    from reader.core.study_file import InterviewEntry


@dataclass(frozen=True)
class ReadNotes:
    """A notes file as read: its notes (None when there is no file yet, or it cannot be
    read) and why it cannot be ("" when all is well)."""

    notes: NotesData | None
    problem: str = ""


_NO_FILE = ReadNotes(None)


class NotesFilesCache:
    def __init__(self) -> None:
        self._files = StampCache(self._read)
        # The copies seen, shared; one goes when no file read holds it any more.
        self._codebooks: WeakValueDictionary[tuple[Code, ...], Codebook] = WeakValueDictionary()
        self._lock = threading.Lock()

    def read(self, path: Path) -> ReadNotes:
        """The notes at `path`, read again only when the file changed."""
        return self._files(path)

    def _read(self, path: Path) -> ReadNotes:
        try:
            notes = load_notes(path)
        except (OSError, NotesFormatError) as exc:
            return ReadNotes(None, str(exc))
        return ReadNotes(self._shared(notes)) if notes is not None else _NO_FILE

    def _shared(self, notes: NotesData) -> NotesData:
        """`notes` (just read: ours to change) holding the Codebook of an earlier file whose
        codes are the same, if any (the notes handed out are never changed)."""
        key = tuple(notes.codebook)
        with self._lock:
            notes.codebook = self._codebooks.setdefault(key, notes.codebook)
        return notes

    def coded(
        self, study: Study, skip: str | None = None
    ) -> list[tuple[InterviewEntry, NotesData]]:
        """As `Study.notes_files`: each interview's readable notes but `skip`'s, in the
        study's order."""
        found = []
        for entry in study.interviews:
            if entry.id != skip:
                notes = self.read(study.notes_path(entry)).notes
                if notes is not None:
                    found.append((entry, notes))
        return found

    def coding_sets(
        self, paths: Iterable[Path], stop: Callable[[], bool] | None = None
    ) -> CodingSets | None:
        """Each set of codes a passage carries, and each an interview applies, counted
        across the notes files at `paths` (core code_use; absent or unreadable ones count
        none); None when `stop()` turned true between two files."""
        sets = CodingSets()
        for path in paths:
            if stop is not None and stop():
                return None
            notes = self.read(path).notes
            if notes is not None:
                sets.add(notes.highlights)
        return sets

    def clear(self) -> None:
        """Forget every file (another study opened, or files written behind our back)."""
        self._files.clear()
        with self._lock:
            self._codebooks.clear()
