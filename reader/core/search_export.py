"""Search Everything's results taken out of the app: each result with where it is (the
interview, the question, who speaks, its time in the recording for a timed transcript) and
the passage it was found in, written as CSV, Markdown (each quote cited), HTML, or plain
text for the clipboard.

A result in the transcript or a highlight is placed as Coded Passages places its passages
(codebook_retrieval.placed_in), and the Markdown and HTML are written with the same pieces
(export/quote_list.py). Offsets are code points, as everywhere in the model.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from typing import TYPE_CHECKING

from reader.core.annotations import Highlight
from reader.core.codebook_retrieval import Passage, placed_in
from reader.core.search import Result, links_as_read
from reader.core.study_search import MEMO
from reader.core.wording import counted

if TYPE_CHECKING:
    from reader.core.session import Session
    from reader.core.sync import SyncTable

# What each kind of result was found in, as the CSV's "found_in" column and the
# citations say it.
FOUND_IN = {
    "document": "transcript",
    "quotes": "highlight",
    "notes": "highlight note",
    "tags": "code",
    "research": "research notes",
    MEMO: "study memo",
}
CSV_COLUMNS = (
    "interview",
    "participant",
    "found_in",
    "place",
    "speaker",
    "time",
    "start",
    "end",
    "found",
    "passage",
)
_BOLD, _PLAIN = "\x01", "\x02"  # where the words found start and end, until made Markdown


@dataclass(frozen=True)
class Interview:
    """The interview a list of results comes from ("" for the study memo's), and what
    places them: its session (None for the memo) and its research notes as typed (or the
    memo's text)."""

    id: str
    title: str
    participant: str
    session: Session | None
    notes: str


@dataclass(frozen=True)
class FoundPassage:
    """One result as exported: where it is, and the passage it was found in.

    `place` is the row's ("Q3", "Intro", "Line 12", "#method"); `start`/`end` are the words
    found in what `kind` searches (the transcript for a result in the transcript or in a
    highlight's words; the note, the code's name, the research notes or the memo else);
    `passage` is the paragraph around them (the rest of it, 400 characters at most each
    side), the whole highlight, note or line, and `bold` where they are in it (None for a
    code, which is not in its highlight's words)."""

    interview_id: str
    title: str
    participant: str
    kind: str
    place: str
    speaker: str
    time: str
    start: int
    end: int
    found: str
    passage: str
    bold: tuple[int, int] | None

    def citation(self) -> str:
        """Where it was said: "Rosa Diaz · Q3 · 12:05"; "Highlight note · Q3 · Ana", "Research
        notes · Line 12" for what is not in the transcript's words."""
        found_in = "" if self.kind in ("document", "quotes") else FOUND_IN[self.kind].capitalize()
        if self.kind == "tags":
            found_in = f"Code {self.found}"  # "Code #method"
        return " · ".join(filter(None, (found_in, self.speaker, self.place, self.time)))


def found_passages(results: Iterable[Result], interview: Interview) -> list[FoundPassage]:
    """`results` of `interview` (a search's, its results of each kind in order), placed."""
    session = interview.session
    times = session.sync_table() if session is not None else None
    found = []
    for result in results:
        one = FoundPassage(
            interview.id, interview.title, interview.participant, result.kind, result.label,
            result.speaker, "", result.start, result.end, "", "", None,
        )  # fmt: skip
        if result.kind in ("research", MEMO):
            lines, a, b = links_as_read(interview.notes, result.start, result.end)
            one = replace(one, found=lines[a:b], passage=lines, bold=(a, b))
        elif session is not None and times is not None:
            one = _in_transcript(one, result, session, times)
        found.append(one)
    return found


def _in_transcript(
    one: FoundPassage, result: Result, session: Session, times: SyncTable
) -> FoundPassage:
    """`one` (of `result`) in the transcript or a highlight, with its speaker and time as
    Coded Passages places a passage; as it was when the words are no longer there."""
    text = session.document.text
    if result.kind == "document":
        if result.end > len(text):  # the text changed since: the words are not there
            return one
        words = text[result.start : result.end]
        h = Highlight("", result.start, result.end, words, "", "")
    else:
        found = session.highlight(result.highlight_id or "")
        if found is None:
            return one
        h = found
    p = Passage("", "", "", {}, h, ())
    if not h.orphan:
        p = placed_in(p, session, times)
    one = replace(one, speaker=p.speaker, time=p.time)
    if result.kind == "document":
        bold = (len(p.before), len(p.before) + len(h.exact))
        return replace(one, found=h.exact, passage=p.before + h.exact + p.after, bold=bold)
    if result.kind == "tags":  # the code's name found; its place, the highlight's question
        place = "Not in the text" if h.orphan else session.place_label(h.start)
        return replace(one, place=place, found=one.place, passage=h.exact)
    words = h.note if result.kind == "notes" else h.exact
    one = replace(one, found=words[result.start : result.end], passage=words)
    one = replace(one, bold=(result.start, result.end))
    if result.kind == "quotes" and not h.orphan:  # where they are in the transcript
        return replace(one, start=h.start + result.start, end=h.start + result.end)
    return one


# Writing ------------------------------------------------------------------------------------


def found_csv(found: Iterable[FoundPassage]) -> bytes:
    """One row per result, in CSV_COLUMNS; UTF-8 with BOM, formula cells made inert and times
    written as a spreadsheet reads them, as the interview's CSV writes them."""
    from reader.core.export.csv_export import spreadsheet_time, writer

    buffer = io.StringIO()
    out = writer(buffer)
    out.writerow(CSV_COLUMNS)
    for f in found:
        where = (f.title, f.participant, FOUND_IN[f.kind], f.place, f.speaker)
        out.writerow((*where, spreadsheet_time(f.time), f.start, f.end, f.found, f.passage))
    return buffer.getvalue().encode("utf-8-sig")


def found_markdown(found: Sequence[FoundPassage], title: str, about: str) -> bytes:
    """A heading per interview (the study memo's results under their own), each result its
    passage as a block quote, the words found in bold, and where it was said below it;
    `about` says what was searched for, how."""
    from reader.core.export.quote_list import interview_heading, list_start
    from reader.core.markdown_escape import block_quote, escape

    lines = [*list_start(title, counted(len(found), "result")), escape(about), ""]
    for (_, name, participant), group in groupby(
        found, key=lambda f: (f.interview_id, f.title, f.participant)
    ):
        lines += interview_heading(name or FOUND_IN[MEMO].capitalize(), participant)
        for f in group:
            lines += [_bold(block_quote(_marked(f))), "", escape(f.citation()), ""]
    return "\n".join(lines).encode("utf-8")


def found_html(found: Sequence[FoundPassage], title: str, about: str) -> bytes:
    """The Markdown list as a self-contained page."""
    from reader.core.export.quote_list import markdown_page

    return markdown_page(found_markdown(found, title, about), title)


def found_text(found: Iterable[FoundPassage]) -> str:
    """The results as plain text, for the clipboard: each passage in quotes, then its
    interview and where it was said, one a line."""
    return "\n".join(
        f"“{' '.join(f.passage.split())}” ({', '.join(filter(None, (f.title, f.citation())))})"
        for f in found
    )


def _marked(f: FoundPassage) -> str:
    """The passage with the words found between markers, each line of them apart (a
    Markdown emphasis ends with its paragraph), blanks at their edges outside them (a
    "** word**" is not bold)."""
    text = f.passage.replace(_BOLD, "").replace(_PLAIN, "")
    if f.bold is None:
        return text
    a, b = f.bold
    words = text[a:b]
    lead, trail = len(words) - len(words.lstrip()), len(words) - len(words.rstrip())
    a, b = a + lead, max(a + lead, b - trail)
    if a == b:
        return text
    inner = text[a:b].replace("\n", f"{_PLAIN}\n{_BOLD}")
    return f"{text[:a]}{_BOLD}{inner}{_PLAIN}{text[b:]}"


def _bold(markdown: str) -> str:
    """The markers as Markdown's strong emphasis; a line's part that is only blanks, none."""
    return markdown.replace(f"{_BOLD}{_PLAIN}", "").replace(_BOLD, "**").replace(_PLAIN, "**")
