"""What Retrieve and the pictures read: the interviews with their codings as they are now
(the open one as edited, the others as their notes files say), and a query's passages with
their speaker and question.

Placing a passage of another interview opens its transcript. A Retrieval window left open
finds its passages again at each coding and each code chosen, so it keeps the places it
found (`Places`), of the codes shown before too: a passage of another interview whose
highlight and structure (`structure_of`) are unchanged keeps its place, and only new ones
are placed. Going back to a code of 1,000 passages in 300 interviews opened all 300 again:
3 s of the window.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any

from reader.core.codebook_retrieval import Coded, CodeQuery, Passage, placed, placed_in, retrieve
from reader.core.notes_file import NotesData
from reader.core.study_file import InterviewEntry
from reader.ui.codebook.hub import CodebookHub
from reader.ui.exporting.save_folder import home_folder
from reader.ui.wait_cursor import MANY_FILES, waiting

FOLLOW_MS = 150  # codings a moment apart (a macro, a burst of keys) refresh the list once

# What of an interview's notes places its passages besides their highlights.
Structure = tuple[object, ...]
# Highlight id -> the passage as placed last, and its interview's structure then.
Places = dict[str, tuple[Passage, Structure]]
INTERVIEW = "\0interview"  # the interviews list's key for one interview (by id), no attribute's
KEPT_PLACES = 20_000  # passages; those used least recently go first (~2 KB each)


def coded_now(hub: CodebookHub) -> list[Coded]:
    """The interviews with their codings: the study's files, the open one as edited;
    an unreadable notes file counts as none (the study's opening said so)."""
    session, study = hub.interview.session, hub.study
    if study is None:
        if session is None:
            return []
        entry = InterviewEntry(id="", path="", title=session.document.title)
        return [(entry, session.notes)]
    current = hub.current_id()
    found = {e.id: (e, n) for e, n in hub.files.coded(study, skip=current or None)}
    if current and session is not None:
        found[current] = (study.interview(current), session.notes)
    # An interview without notes yet is still a column of the matrix, with no codings.
    return [found.get(e.id) or (e, NotesData(document={})) for e in study.interviews]


def save_home(hub: CodebookHub) -> Path:
    """Where a first save of a list or picture goes (reader/ui/exporting/save_folder.py)."""
    return home_folder(hub.interview.session, hub.study.folder if hub.study else None)


def find_passages(
    hub: CodebookHub,
    query: CodeQuery,
    places: Places | None = None,
    filters: dict[str, set[Any]] | None = None,
) -> list[Passage]:
    """The matching passages with speaker and question (the open interview placed from
    its session, the others from their transcripts, or from `places` when their highlight
    has not changed since; `places` then holds these too); in a study, only those of the
    interviews `filters` keep (Study.matching, or {INTERVIEW: ids}), whose transcripts
    alone are opened."""
    coded = coded_now(hub)
    structures = {entry.id: structure_of(notes) for entry, notes in coded}
    found = retrieve(coded, hub.book, query)
    if hub.study is not None and filters:
        one = filters.get(INTERVIEW)
        kept = one if one is not None else {e.id for e in hub.study.matching(filters)}
        found = [p for p in found if p.interview_id in kept]
    session, study = hub.interview.session, hub.study
    current = hub.current_id()
    mine = [p for p in found if session is not None and p.interview_id == current]
    theirs = [p for p in found if p not in mine]
    where: dict[str, Passage] = {}
    if session is not None and mine:
        times = session.sync_table()
        for p in mine:
            if not p.highlight.orphan:
                where[p.highlight.id] = placed_in(p, session, times)
    known = places or {}
    to_place = []
    for p in theirs:
        was, structure = known.get(p.highlight.id) or (None, ())
        if (
            was is not None
            and (was.interview_id, was.highlight) == (p.interview_id, p.highlight)
            and structure == structures.get(p.interview_id)
        ):
            where[p.highlight.id] = p.placed_as(was)
        else:
            to_place.append(p)
    if study is not None and to_place:
        # About 10 ms a transcript: 300 interviews held the window 3 s, the arrow still.
        with waiting(len({p.interview_id for p in to_place}) >= MANY_FILES):
            where.update({p.highlight.id: p for p in placed(study, to_place)})
    if places is not None:
        for key in where:  # to the end: those used last are kept longest
            places.pop(key, None)
        places.update({key: (p, structures.get(p.interview_id, ())) for key, p in where.items()})
        for key in list(islice(places, max(0, len(places) - KEPT_PLACES))):
            del places[key]
    return [where.get(p.highlight.id, p) for p in found]


def structure_of(notes: NotesData) -> Structure:
    """What of an interview's notes says who speaks a passage and in which question, its
    highlights aside: speakers renamed, their sides, paragraphs' roles corrected. Changed
    with its highlights as they were (a question made an aside, Rename in Study), a kept
    place said Q1 or the old name."""
    return tuple(notes.speakers.items()), tuple(notes.sides.items()), tuple(notes.roles)
