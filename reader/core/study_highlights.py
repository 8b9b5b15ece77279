"""Every interview's highlights, read from the notes files alone (no transcript loaded),
kept while the files are unchanged: what the Annotations panel lists across a study. The
files are read through the study's NotesFilesCache, which the codebook shares.

A highlight's quote (`exact`) is in its notes file, so listing, filtering and counting need
no transcript; where a passage sits in its interview is only known once it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.annotations import Highlight
from reader.core.notes_files_cache import NotesFilesCache, ReadNotes
from reader.core.study import Study
from reader.core.study_file import InterviewEntry


@dataclass(frozen=True)
class InterviewHighlights:
    """One interview's highlights with the names of their codes (the study's codebook
    first, then the codes only its notes file has), in document order."""

    highlights: list[Highlight]
    names: dict[str, str]  # code id -> name
    problem: str = ""  # why none could be read ("" when all is well)

    def code_names(self, highlight: Highlight) -> tuple[str, ...]:
        return tuple(self.names.get(c, c) for c in highlight.codes)


class StudyHighlights:
    """The highlights of a study's interviews, made on first use and again when a notes
    file changes (`files` reads each file again only then)."""

    def __init__(self, study: Study, files: NotesFilesCache) -> None:
        self.study, self.files = study, files
        self._kept: dict[str, tuple[ReadNotes, InterviewHighlights]] = {}

    def get(self, entry: InterviewEntry) -> InterviewHighlights:
        read = self.files.read(self.study.notes_path(entry))
        kept = self._kept.get(entry.id)
        if kept is not None and kept[0] is read:
            return kept[1]
        if read.problem:
            found = InterviewHighlights([], {}, f"its notes cannot be read ({read.problem})")
        else:
            names = {c.id: c.name for c in self.study.codebook}
            if read.notes is None:
                found = InterviewHighlights([], names)
            else:
                for code in read.notes.codebook:
                    names.setdefault(code.id, code.name)
                ordered = sorted(read.notes.highlights, key=lambda h: (h.start, h.end))
                found = InterviewHighlights(ordered, names)
        self._kept[entry.id] = (read, found)
        return found

    def forget_others(self) -> None:
        """Drop what was kept of interviews no longer in the study."""
        ids = {e.id for e in self.study.interviews}
        for interview_id in [i for i in self._kept if i not in ids]:
            del self._kept[interview_id]
