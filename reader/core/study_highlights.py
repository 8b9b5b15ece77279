"""Every interview's highlights, read from the notes files alone (no transcript loaded),
kept while the files are unchanged: what the Annotations panel lists across a study.

A highlight's quote (`exact`) is in its notes file, so listing, filtering and counting need
no transcript; where a passage sits in its interview is only known once it is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from reader.core.annotations import Highlight
from reader.core.notes_file import NotesFormatError
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
    """The highlights of a study's interviews, loaded on first use and read again when a
    notes file changes (checked with a stat at each use)."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self._kept: dict[str, tuple[tuple[int, int], InterviewHighlights]] = {}

    def get(self, entry: InterviewEntry) -> InterviewHighlights:
        stamp = _stamp(self.study.notes_path(entry))
        kept = self._kept.get(entry.id)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        try:
            notes = self.study.load_notes(entry)
        except (OSError, NotesFormatError) as exc:
            found = InterviewHighlights([], {}, f"its notes cannot be read ({exc})")
        else:
            names = {c.id: c.name for c in self.study.codebook}
            if notes is None:
                found = InterviewHighlights([], names)
            else:
                for code in notes.codebook:
                    names.setdefault(code.id, code.name)
                ordered = sorted(notes.highlights, key=lambda h: (h.start, h.end))
                found = InterviewHighlights(ordered, names)
        self._kept[entry.id] = (stamp, found)
        return found

    def forget_others(self) -> None:
        """Drop what was kept of interviews no longer in the study."""
        ids = {e.id for e in self.study.interviews}
        for interview_id in [i for i in self._kept if i not in ids]:
            del self._kept[interview_id]


def _stamp(path: os.PathLike[str]) -> tuple[int, int]:
    try:
        stat = os.stat(path)
    except OSError:
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)
