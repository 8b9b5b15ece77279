"""Retrieval across a study's codings: the passages of a code (or a boolean of codes),
the code × interview (or × attribute value) count matrix, and code co-occurrence.

Everything works on (interview entry, notes) pairs, so it runs on a study's notes files
(`study_codings`) or on any list of them (a test, an open interview's unsaved notes).
Passages can be written as CSV (formula cells made inert, as the CSV export does) or
Markdown.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from reader.core.annotations import Highlight
from reader.core.codebook import Codebook
from reader.core.document import DocumentError
from reader.core.notes_file import NotesData, NotesFormatError
from reader.core.study_file import AttributeValue, InterviewEntry
from reader.core.wording import counted

if TYPE_CHECKING:
    from reader.core.session import Session
    from reader.core.study import Study
    from reader.core.study_file import AttributeDef
    from reader.core.sync import SyncTable

Coded = tuple[InterviewEntry, NotesData]
NO_VALUE = "(no value)"


@dataclass(frozen=True)
class CodeQuery:
    """Which coded passages to list, by code id: those carrying one of `codes` (A, or A or
    B) and, where a passage or one overlapping it in its interview (`overlapping`) carries
    every code of `meeting`, none of `not_meeting` (A and B, A not B). With `descendants`,
    a code stands for itself and every code below it (a category)."""

    codes: frozenset[str]
    meeting: frozenset[str] = frozenset()
    not_meeting: frozenset[str] = frozenset()
    descendants: bool = True

    @classmethod
    def of(cls, code_id: str) -> CodeQuery:
        return cls(frozenset({code_id}))

    def matcher(self, book: Codebook) -> _Matcher:
        def widen(code_id: str) -> frozenset[str]:
            below = book.descendants(code_id) if self.descendants and code_id in book else []
            return frozenset({code_id, *(c.id for c in below)})

        return _Matcher(
            frozenset().union(*(widen(c) for c in self.codes)),
            [widen(c) for c in self.meeting],
            frozenset().union(*(widen(c) for c in self.not_meeting)),
        )


@dataclass(frozen=True)
class _Matcher:
    """Whether a passage is listed, by its own codes and those it meets (its own and its
    overlapping passages')."""

    listed: frozenset[str]
    every: list[frozenset[str]]
    none: frozenset[str]

    @property
    def looks_around(self) -> bool:
        """Whether the passages overlapping a passage count (and, and not)."""
        return bool(self.every or self.none)

    def __call__(self, own: Iterable[str], met: set[str]) -> bool:
        if not self.listed.intersection(own) or met & self.none:
            return False
        return all(met & group for group in self.every)

    def named(self, own: Iterable[str], met: set[str]) -> set[str]:
        """The codes asked to be met that `met` holds and the passage itself does not."""
        return {c for group in self.every for c in met & group} - set(own)


def overlapping(highlights: Iterable[Highlight]) -> Iterator[tuple[Highlight, Highlight]]:
    """Each pair of coded passages of one interview that overlap (share a character), once,
    the earlier first: where co-occurrence counts codes meeting, and what "A and B"
    and "A not B" retrieve by. Orphans, whose place is unknown, overlap nothing."""
    placed = sorted((h for h in highlights if h.codes and not h.orphan), key=lambda h: h.start)
    for k, a in enumerate(placed):
        for b in placed[k + 1 :]:
            if b.start >= a.end:
                break
            yield a, b


@dataclass(frozen=True)
class Passage:
    """One coded passage with where it is: the interview, its participant and attributes;
    `speaker`, `question`, `time` (its paragraph's time in the recording as the margin
    shows it, "12:05", for a timed transcript) and its context, `before` and `after` it,
    when the caller placed it (they need the transcript)."""

    interview_id: str
    title: str
    participant: str
    attributes: dict[str, AttributeValue]
    highlight: Highlight
    code_names: tuple[str, ...]
    code_tags: tuple[str, ...] = ()  # as the research summary tags them: #Work/Night_shift
    meets: tuple[str, ...] = ()  # "A and B": the B codes on passages overlapping it
    speaker: str = ""
    question: int | None = None
    time: str = ""
    before: str = ""  # the rest of its paragraph, before and after it: its context
    after: str = ""

    def placed_as(self, other: Passage) -> Passage:
        """This passage where `other`, the same passage placed before, was placed."""
        return replace(
            self,
            speaker=other.speaker,
            question=other.question,
            time=other.time,
            before=other.before,
            after=other.after,
        )


def retrieve(coded: Iterable[Coded], book: Codebook, query: CodeQuery) -> list[Passage]:
    """Every matching passage, in interview order then document order (orphans too: their
    quote is kept, and they say so through `highlight.orphan`)."""
    from reader.core.export.markdown_export import code_tags  # on first use

    matches, tag = query.matcher(book), code_tags(book)
    tree_order = {code.id: k for k, (_, code) in enumerate(book.tree())} if matches.every else {}
    passages = []
    for entry, notes in coded:
        met = {id(h): set(h.codes) for h in notes.highlights}
        if matches.looks_around:
            for a, b in overlapping(notes.highlights):
                met[id(a)].update(b.codes)
                met[id(b)].update(a.codes)
        for h in sorted(notes.highlights, key=lambda h: (h.start, h.end)):
            if matches(h.codes, met[id(h)]):
                passages.append(
                    Passage(
                        interview_id=entry.id,
                        title=entry.title,
                        participant=entry.participant,
                        attributes=dict(entry.attributes),
                        highlight=h,
                        code_names=book.labels_of(h.codes),  # paths where names are shared
                        code_tags=tuple(tag(c) for c in h.codes),
                        meets=book.labels_of(
                            sorted(
                                matches.named(h.codes, met[id(h)]),
                                key=lambda c: tree_order.get(c, len(tree_order)),
                            )
                        ),
                    )
                )
    return passages


@dataclass
class Matrix:
    """Counts by row and column. `rows` are code ids and `row_labels` their paths;
    `columns` are keys (interview ids, attribute values, code ids) and `column_labels`
    what a table shows for them."""

    rows: list[str]
    row_labels: list[str]
    columns: list[str]
    column_labels: list[str]
    counts: list[list[int]] = field(default_factory=list)

    def count(self, row: str, column: str) -> int:
        return self.counts[self.rows.index(row)][self.columns.index(column)]

    def to_csv(self, totals: bool = False) -> bytes:
        """UTF-8 with BOM, the first column the codes (as the CSV export writes); with
        `totals`, each row's sum last, as the picture shows it."""
        buffer = io.StringIO()
        from reader.core.export.csv_export import writer  # exports load on first use

        out = writer(buffer)
        out.writerow(["code", *self.column_labels, *(["total"] if totals else [])])
        for label, counts in zip(self.row_labels, self.counts, strict=True):
            out.writerow([label, *counts, *([sum(counts)] if totals else [])])
        return buffer.getvalue().encode("utf-8-sig")


def code_matrix(
    coded: Sequence[Coded],
    book: Codebook,
    by: str = "interview",
    *,
    descendants: bool = False,
    order: Sequence[str] = (),
) -> Matrix:
    """Codings per code (rows, tree order) and per interview (columns: ids, titles) or,
    with `by` an attribute key or "participant", per value of it (`order` first, then
    the others sorted; NO_VALUE last). With `descendants`, a code counts its subtree's
    codings too (each passage once)."""
    rows = [code.id for _, code in book.tree()]
    row_of = {r: i for i, r in enumerate(rows)}
    # The rows a coding counts in: its code's, and with `descendants` every code above it.
    # (Walking each coding's codes, not every row per coding: 1,000 codes cost nothing.)
    counted_in = {
        r: (row_of[r], *(row_of[a.id] for a in book.ancestors(r) if a.id in row_of))
        if descendants
        else (row_of[r],)
        for r in rows
    }
    column_of: list[str] = []
    for entry, _ in coded:
        column_of.append(entry.id if by == "interview" else value_label(entry, by))
    titles = {entry.id: entry.title for entry, _ in coded}
    if by == "interview":
        columns = list(dict.fromkeys(column_of))
    else:
        seen = set(column_of)
        columns = [v for v in order if v in seen]
        rest = sorted(seen - set(columns) - {NO_VALUE})
        columns += rest + ([NO_VALUE] if NO_VALUE in seen else [])
    index = {c: i for i, c in enumerate(columns)}
    counts = [[0] * len(columns) for _ in rows]
    for (_, notes), column in zip(coded, column_of, strict=True):
        j = index[column]
        for h in notes.highlights:
            if not h.codes:
                continue
            hit = {i for c in h.codes for i in counted_in.get(c, ())}  # each passage once
            for i in hit:
                counts[i][j] += 1
    labels = [titles[c] for c in columns] if by == "interview" else columns
    return Matrix(rows, [book.path(r) for r in rows], columns, list(labels), counts)


def value_label(entry: InterviewEntry, key: str) -> str:
    value = entry.participant if key == "participant" else entry.attributes.get(key)
    return NO_VALUE if value in (None, "") else str(value)


def co_occurrence(coded: Iterable[Coded], book: Codebook, *, descendants: bool = False) -> Matrix:
    """Code × code: in row A, column B, how many of A's passages B meets (codes too, or
    codes a passage overlapping it): what "A and B" retrieves, so not symmetric (one long
    A passage over two B ones: A × B 1, B × A 2). The diagonal holds each code's
    passages. Orphans, whose place is unknown, meet only their own codes. With
    `descendants`, a passage counts for each code above its codes too (as in
    code_matrix): a category meets what its codes meet."""
    rows = [code.id for _, code in book.tree()]
    index = {r: i for i, r in enumerate(rows)}
    counted_in = {
        r: {index[r], *(index[a.id] for a in book.ancestors(r) if a.id in index)}
        if descendants
        else {index[r]}
        for r in rows
    }
    counts = [[0] * len(rows) for _ in rows]

    def rows_of(h: Highlight) -> set[int]:
        return {i for c in h.codes for i in counted_in.get(c, ())}

    for _, notes in coded:
        own = {id(h): rows_of(h) for h in notes.highlights if h.codes}
        met = {key: set(rows) for key, rows in own.items()}
        for a, b in overlapping(notes.highlights):
            met[id(a)] |= own[id(b)]
            met[id(b)] |= own[id(a)]
        for key, rows_own in own.items():
            for i in rows_own:
                for j in met[key]:
                    counts[i][j] += 1
    labels = [book.path(r) for r in rows]
    return Matrix(rows, labels, list(rows), labels, counts)


def study_codings(study: Study) -> list[Coded]:
    """The study's interviews with their readable notes, in the study's order."""
    return study.notes_files()


def placed(study: Study, passages: Sequence[Passage]) -> list[Passage]:
    """`passages` with speaker and question number, from each interview's transcript
    (opened once per interview); a passage whose transcript cannot be read stays as it is."""
    sessions: dict[str, Session | None] = {}
    out = []
    for p in passages:
        if p.interview_id not in sessions:
            try:
                sessions[p.interview_id] = study.open_session(p.interview_id)
            except (OSError, DocumentError, NotesFormatError):
                sessions[p.interview_id] = None
        session = sessions[p.interview_id]
        # Where its words are now: a transcript changed since its notes were saved is
        # anchored again as it opens.
        now = session.highlight(p.highlight.id) if session is not None else None
        p = p if now is None else replace(p, highlight=now)
        if session is None or p.highlight.orphan:
            out.append(p)
        else:
            out.append(placed_in(p, session, session.sync_table()))
    return out


CONTEXT_CHARS = 400  # of a long paragraph, before and after a passage: it stays in sight


def placed_in(p: Passage, session: Session, times: SyncTable) -> Passage:
    """`p` with its speaker, question number, time and context in `session` (its
    interview): the words of its paragraphs before and after it, after the speaker's
    label, CONTEXT_CHARS at most each side."""
    from reader.core.export.common import place_timed
    from reader.core.interview import speech_start
    from reader.core.shorten import shorten, shorten_start

    where = place_timed(session, p.highlight, times)
    before = after = ""
    text, h = session.document.text, p.highlight
    if session.segments:
        first = session.segments[session.segment_index_at(h.start)]
        last = session.segments[session.segment_index_at(max(h.start, h.end - 1))]
        if h.start < first.end:  # (not in the gap after a paragraph)
            before = text[min(h.start, speech_start(text, first)) : h.start]
        after = text[h.end : max(h.end, last.end)]
    return replace(
        p,
        speaker=where.speaker,
        question=where.question,
        time=where.time,
        before=shorten_start(before, CONTEXT_CHARS),
        after=shorten(after, CONTEXT_CHARS),
    )


# Writing passages --------------------------------------------------------------------

PASSAGE_COLUMNS = (
    "interview",
    "participant",
    "speaker",
    "question_number",
    "time",
    "start",
    "end",
    "quote",
    "codes",
    "overlaps",  # "A and B": the B codes a passage overlapping it holds, as the list shows
    "note",
)


def passages_csv(passages: Iterable[Passage], attributes: Sequence[AttributeDef] = ()) -> bytes:
    """One row per passage, the study's attribute values in columns of their own, headed by
    their labels; times and codes written as the interview's CSV writes them (a time a
    spreadsheet reads right, a ";" in a code's name escaped)."""
    buffer = io.StringIO()
    from reader.core.export.csv_export import codes_cell, spreadsheet_time, writer

    out = writer(buffer)
    out.writerow([*PASSAGE_COLUMNS, *(a.label for a in attributes)])
    for p in passages:
        h = p.highlight
        out.writerow(
            [
                p.title,
                p.participant,
                p.speaker,
                "" if p.question is None else p.question,
                spreadsheet_time(p.time),
                h.start,
                h.end,
                h.exact,
                codes_cell(p.code_names),
                codes_cell(p.meets),
                h.note,
                *(p.attributes.get(a.key, "") for a in attributes),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def passages_markdown(passages: Sequence[Passage], title: str) -> bytes:
    """A heading per interview, each passage a block quote with its codes and note."""
    from reader.core.export.quote_list import interview_heading, list_start
    from reader.core.markdown_escape import block_quote, escape, paragraphs  # on first use

    lines = list_start(title, counted(len(passages), "passage"))
    current = None
    for p in passages:
        if p.interview_id != current:
            current = p.interview_id
            lines += interview_heading(p.title, p.participant)
        where = " · ".join(
            filter(
                None,
                (
                    p.speaker,
                    f"Q{p.question}" if p.question else "",
                    p.time,
                    "not found in the text" if p.highlight.orphan else "",
                ),
            )
        )
        lines.append(block_quote(p.highlight.exact))
        meta = " ".join(p.code_tags)
        overlaps = f"overlaps {escape(', '.join(p.meets))}" if p.meets else ""
        lines += ["", " · ".join(filter(None, (escape(where), meta, overlaps)))]
        if p.highlight.note:  # each line a paragraph, as written: no heading, list or code
            lines += ["", "\n\n".join(paragraphs(p.highlight.note))]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def passages_html(passages: Sequence[Passage], title: str) -> bytes:
    """The Markdown list as a self-contained page (nothing loads; see html_export)."""
    from reader.core.export.quote_list import markdown_page

    return markdown_page(passages_markdown(passages, title), title)
