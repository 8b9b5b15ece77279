"""What Retrieve and the pictures read: the interviews with their codings as they are now
(the open one as edited, the others as their notes files say), and a query's passages with
their speaker and question.

Placing a passage of another interview opens its transcript. A Retrieval window left open
finds its passages again at each coding and each code chosen, so it keeps the places it
found (`Places`), of the codes shown before too: a passage of another interview whose
highlight and structure (`structure_of`) are unchanged keeps its place, and only new ones
are placed. Going back to a code of 1,000 passages in 300 interviews opened all 300 again:
3 s of the window. The passages are placed interview by interview (`Finding.batches`), for
the window to fill its list from the event loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby, islice
from operator import attrgetter
from pathlib import Path
from typing import Any

from reader.core.codebook_retrieval import Coded, CodeQuery, Passage, placed, placed_in, retrieve
from reader.core.notes_file import NotesData
from reader.core.study_file import InterviewEntry
from reader.ui.codebook.hub import CodebookHub
from reader.ui.exporting.save_folder import home_folder

FOLLOW_MS = 150  # codings a moment apart (a macro, a burst of keys) refresh the list once

# What of an interview's notes places its passages besides their highlights.
Structure = tuple[object, ...]
# Highlight id -> the passage as placed last, and its interview's structure then.
Places = dict[str, tuple[Passage, Structure]]
INTERVIEW = "\0interview"  # the interviews list's key for one interview (by id), no attribute's
KEPT_PLACES = 20_000  # passages; those used least recently go first (~2 KB each)
# Transcripts to open from which a list is filled from the event loop, interview by interview
# (about 10 ms each: 300 held the window 2.8 s); fewer are placed at once.
AT_ONCE = 4


@dataclass(frozen=True)
class Asked:
    """What a picture's cell asks for: the passages of `first`, with `second` too if
    given, with sub-codes or not; in the interviews `where` picks ((attribute key or
    "participant", value), or (INTERVIEW, id); None: all), `where_label` naming them."""

    first: str
    second: str = ""
    descendants: bool = True
    where: tuple[str, object] | None = None
    where_label: str = ""


def query_of(first: str, operator: str, second: str, descendants: bool) -> CodeQuery:
    """The query for "first operator second" (operator "" for the first code alone): "and"
    lists the first code's passages that the second is on or overlaps, "not" those it
    neither is on nor overlaps (codebook_retrieval.overlapping)."""
    if not operator or not second:
        return CodeQuery(frozenset({first}), descendants=descendants)
    if operator == "or":
        return CodeQuery(frozenset({first, second}), descendants=descendants)
    if operator == "and":
        return CodeQuery(frozenset({first}), meeting=frozenset({second}), descendants=descendants)
    return CodeQuery(frozenset({first}), not_meeting=frozenset({second}), descendants=descendants)


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


@dataclass
class Finding:
    """A retrieval's passages, to be placed: `batches` gives each interview's in turn (in
    the study's order, each in document order), placed, opening at most one transcript a
    step; `interviews` of them in all, `to_open` of whose transcripts are opened."""

    batches: Iterator[list[Passage]]
    interviews: int
    to_open: int


def find_passages(
    hub: CodebookHub,
    query: CodeQuery,
    places: Places | None = None,
    filters: dict[str, set[Any]] | None = None,
) -> Finding:
    """The matching passages with speaker and question (the open interview placed from
    its session, the others from their transcripts, or from `places` when their highlight
    has not changed since; `places` then holds these too, each interview's as it is
    placed); in a study, only those of the interviews `filters` keep (Study.matching, or
    {INTERVIEW: ids}), whose transcripts alone are opened."""
    coded = coded_now(hub)
    structures = {entry.id: structure_of(notes) for entry, notes in coded}
    found = retrieve(coded, hub.book, query)
    if hub.study is not None and filters:
        one = filters.get(INTERVIEW)
        kept = one if one is not None else {e.id for e in hub.study.matching(filters)}
        found = [p for p in found if p.interview_id in kept]
    session, study = hub.interview.session, hub.study
    current = hub.current_id() if session is not None else None
    known = places or {}
    where: dict[str, Passage] = {}
    to_place: dict[str, list[Passage]] = {}
    for p in found:
        if p.interview_id == current:
            continue
        was, structure = known.get(p.highlight.id) or (None, ())
        if (
            was is not None
            and (was.interview_id, was.highlight) == (p.interview_id, p.highlight)
            and structure == structures.get(p.interview_id)
        ):
            where[p.highlight.id] = p.placed_as(was)
        elif study is not None:
            to_place.setdefault(p.interview_id, []).append(p)

    def batches() -> Iterator[list[Passage]]:
        for interview_id, group in groupby(found, key=attrgetter("interview_id")):
            passages = list(group)
            if interview_id == current:
                assert session is not None
                times = session.sync_table()
                where.update(
                    (p.highlight.id, placed_in(p, session, times))
                    for p in passages
                    if not p.highlight.orphan
                )
            elif interview_id in to_place:
                assert study is not None
                where.update((p.highlight.id, p) for p in placed(study, to_place[interview_id]))
            batch = [where.get(p.highlight.id, p) for p in passages]
            if places is not None:
                keep(places, batch, structures.get(interview_id, ()))
            yield batch

    interviews = len({p.interview_id for p in found})
    return Finding(batches(), interviews, len(to_place))


def keep(places: Places, passages: list[Passage], structure: Structure) -> None:
    """`passages` of one interview, as placed now in its `structure`, the last used of
    `places`: those used least recently go first, past KEPT_PLACES."""
    for p in passages:
        places.pop(p.highlight.id, None)
        places[p.highlight.id] = (p, structure)
    for key in list(islice(places, max(0, len(places) - KEPT_PLACES))):
        del places[key]


def structure_of(notes: NotesData) -> Structure:
    """What of an interview's notes says who speaks a passage and in which question, its
    highlights aside: speakers renamed, their sides, paragraphs' roles corrected. Changed
    with its highlights as they were (a question made an aside, Rename in Study), a kept
    place said Q1 or the old name."""
    return tuple(notes.speakers.items()), tuple(notes.sides.items()), tuple(notes.roles)
