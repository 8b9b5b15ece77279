"""What every exporter shares: options, cancellation, and where each highlight belongs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.core.annotations import (
    DEFAULT_COLORS,
    NO_COLOR,
    NO_COLOR_LABEL,
    Highlight,
)
from reader.core.interview import Role, question_start, text_direction
from reader.core.session import Session

if TYPE_CHECKING:
    from reader.core.sync import SyncTable

PROGRESS_EVERY = 200  # highlights between two calls of ExportOptions.progress

T = TypeVar("T")


class ExportCancelled(Exception):  # noqa: N818 - "cancelled" reads better than "error" here
    """Raised when ExportOptions.progress returned False; nothing was written."""


@dataclass(frozen=True)
class ExportOptions:
    """Which highlights to export, and a callback to report progress and cancel.

    `colors` and `codes` (code ids) filter the highlights; an empty set does not filter.
    A highlight passes when its colour is in `colors` (if given: a passage with no colour,
    NO_COLOR, is in no colour's choice) and it carries at least one of `codes` (if given;
    by id, so that two codes of one name filter apart: `Codebook.ids_named` turns names
    typed by a user into ids). `progress(done, total)` is called after every
    PROGRESS_EVERY highlights and after the last one; returning False (not merely a
    falsy None) raises ExportCancelled.
    """

    colors: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()
    # CSV: write cells as they are, even those a spreadsheet would run as a formula.
    raw_cells: bool = False
    # Markdown, HTML: the interview's recording as the exported file links to it
    # (`recording_link`); the notes' time links play it from their time. "" when it has
    # none: they show their time only, as a link into the app's own player leads nowhere.
    recording: str = ""
    progress: Callable[[int, int], bool] | None = field(default=None, compare=False)

    @property
    def filtered(self) -> bool:
        return bool(self.colors or self.codes)

    def accepts(self, highlight: Highlight) -> bool:
        if self.colors and highlight.color not in self.colors:
            return False
        return not self.codes or any(code in self.codes for code in highlight.codes)


DEFAULT_OPTIONS = ExportOptions()
RESEARCH_NOTES = "Research notes"  # the heading of the research notes in every export
ORPHANS = "Not found in the current text"  # the heading of highlights whose words left it


class Progress:
    """Counts exported highlights and reports them through ExportOptions.progress."""

    def __init__(self, options: ExportOptions, total: int) -> None:
        self._callback = options.progress
        self.total = total
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if self._callback is None:
            return
        if (self.done % PROGRESS_EVERY == 0 or self.done == self.total) and (
            self._callback(self.done, self.total) is False
        ):
            raise ExportCancelled(f"export cancelled after {self.done} of {self.total}")

    def each(self, items: Iterable[T]) -> Iterator[T]:
        """`items`, stepping after each one has been handled."""
        for item in items:
            yield item
            self.step()


@dataclass(frozen=True)
class Placed:
    """A highlight and where it sits in the interview's structure.

    `segment` and `question` are None for orphans (their offsets point nowhere in the
    current text); `question` is None before Q1 and in asides. `time` is when its
    paragraph starts in the recording as the margin shows it ("12:05"), "" for an untimed
    text (`place_all` sets it).
    """

    highlight: Highlight
    segment: int | None
    question: int | None
    role: Role | None
    speaker: str
    time: str = ""
    said_by: str = ""  # whose words, for the attribution: Session.said_by
    time_ms: int | None = None  # `time` in ms, which a link into the recording plays from

    def time_target(self, recording: str) -> str:
        """Where its time links to: `recording` (ExportOptions.recording) from its time, as
        the notes' time links lead (`linked_notes`); "" without either."""
        if not recording or self.time_ms is None:
            return ""
        from reader.core.sync import time_fragment

        return f"{recording}{time_fragment(self.time_ms)}"

    @property
    def section(self) -> str:
        """ "orphan", "aside", "intro" or "q<number>": the summary section it is listed in."""
        if self.segment is None:
            return "orphan"
        if self.role == Role.ASIDE:
            return "aside"
        return "intro" if self.question is None else f"q{self.question}"


def selected(session: Session, options: ExportOptions) -> list[Highlight]:
    """The session's highlights that pass the options' filters, in document order."""
    return [h for h in session.notes.highlights if options.accepts(h)]


def place(session: Session, highlight: Highlight) -> Placed:
    if highlight.orphan or not session.segments:
        return Placed(highlight, None, None, None, "")
    index = session.segment_index_at(highlight.start)
    segment = session.segments[index]
    speaker = session.speaker_at(highlight.start)
    said_by = session.said_by(highlight.start, highlight.end)
    if segment.role == Role.ASIDE:
        return Placed(highlight, index, None, Role.ASIDE, speaker, said_by=said_by)
    found = session.question_at(highlight.start)
    question = found[0] if found else None
    return Placed(highlight, index, question, segment.role, speaker, said_by=said_by)


def place_all(session: Session, highlights: Iterable[Highlight]) -> list[Placed]:
    """Each highlight placed, with the time it is said where the transcript has times
    (its cue's, else its paragraph's, as Coded Passages and quotes show it)."""
    times = session.sync_table()
    return [place_timed(session, h, times) for h in highlights]


def place_timed(session: Session, highlight: Highlight, times: SyncTable) -> Placed:
    """`place`, with the time it is said (`times`: the session's SyncTable)."""
    placed = place(session, highlight)
    if placed.segment is None:
        return placed
    ms = times.passage_ms(highlight.start)
    return replace(placed, time=times.passage_time(highlight.start), time_ms=ms)


def question_paragraphs(session: Session) -> dict[int, list[str]]:
    """Question number -> the text of each of its paragraphs (a question may span several):
    its words, a back-channel before them left out (`question_start`), after its speaker
    as the margin names them ("Dr. Ruiz: " where the transcript wrote "SPEAKER_00: ")."""
    return {
        number: [f"{name}: {words}".rstrip() if name else words for name, words in said]
        for number, said in _question_words(session).items()
    }


def _question_words(session: Session) -> dict[int, list[tuple[str, str]]]:
    """Question number -> (speaker named, words) of each of its paragraphs. The speaker is
    named where the transcript labels the paragraph, or on the question's first one where
    the reader named who speaks; not the "Interviewer" guessed for an unlabelled Q&A,
    which says nothing (the Outline leaves it out too)."""
    text = session.document.text
    named = set(session.notes.speakers.values())
    paragraphs: dict[int, list[tuple[str, str]]] = {}
    for index, number in session.question_numbers.items():
        seg = session.segments[index]
        said = paragraphs.setdefault(number, [])
        shown = seg.label or (not said and seg.speaker in named)
        said.append((seg.speaker if shown else "", text[question_start(text, seg) : seg.end]))
    return paragraphs


def _question_directions(session: Session) -> dict[int, str]:
    """Question number -> the direction of its first paragraph's words (Section.direction):
    that of its words where it differs from its speaker's name before them."""
    directions: dict[int, str] = {}
    for number, said in _question_words(session).items():
        name, words = said[0]
        # Without a name its first letter is its words': a <bdi> finds it.
        direction = text_direction(words) if name else ""
        directions[number] = direction if direction != text_direction(name) else ""
    return directions


def color_label(session: Session, color: str) -> str:
    """The reader's label for a colour id, the default label, or the id itself; "" for
    NO_COLOR (a passage only coded: every export lists it with no colour label)."""
    if color == NO_COLOR:
        return ""
    label = session.notes.colors.get(color)
    if label:
        return label
    return DEFAULT_COLORS[color][0] if color in DEFAULT_COLORS else color


def note_places(note: list[str]) -> tuple[list[str], list[str]]:
    """A highlight's note, its lines, split into what goes beside the meta line above the
    quote and what goes below the quote: a note of one line beside, a longer one whole
    below (its first line beside, the rest below, read as two notes)."""
    return (note, []) if len(note) == 1 else ([], note)


def code_hex(session: Session, highlight: Highlight) -> str:
    """The colour of the highlight's first code (a passage with no colour shows by it)."""
    return session.notes.codebook.first_color(highlight.codes)


@dataclass(frozen=True)
class Section:
    """A part of an export under one heading: a question's, or the interview's."""

    key: str
    lead: str  # the heading ("Introduction"), or what comes before its words ("Q3. ")
    items: list[Placed]
    words: str = ""  # the transcript's words that end the heading (a question's), if any
    # "rtl" or "ltr" where those words after their speaker label run the other way from
    # it ("Q: ما رأيك؟"), "" where the first letter says (_question_directions)
    direction: str = ""

    @property
    def heading(self) -> str:
        """ "Introduction", "Q3. Interviewer: What brought you here?" """
        return self.lead + self.words


def summary_sections(session: Session, placed: list[Placed]) -> list[Section]:
    """The research summary's sections in reading order; sections with no highlights left out.

    Introduction, then each question with highlights (Q1, Q2, ...), Asides, and the
    highlights not found in the current text.
    """
    groups: dict[str, list[Placed]] = {}
    for p in placed:
        groups.setdefault(p.section, []).append(p)
    questions = question_paragraphs(session)
    directions = _question_directions(session)
    sections = []
    if "intro" in groups:
        sections.append(Section("intro", "Introduction", groups["intro"]))
    for number, paragraphs in questions.items():
        key = f"q{number}"
        if key in groups:
            words = " ".join(paragraphs)
            sections.append(Section(key, f"Q{number}. ", groups[key], words, directions[number]))
    if "aside" in groups:
        sections.append(Section("aside", "Asides", groups["aside"]))
    if "orphan" in groups:
        sections.append(Section("orphan", ORPHANS, groups["orphan"]))
    return sections


def filter_description(session: Session, options: ExportOptions) -> str:
    """E.g. "colour Key quote or Method; tag #casting": the active filters, "" if none."""
    parts = []
    if options.colors:
        labels = sorted(color_label(session, c) or NO_COLOR_LABEL.lower() for c in options.colors)
        parts.append(("colour " if len(labels) == 1 else "colours ") + ", ".join(labels))
    if options.codes:
        # By label: two codes of one name are told apart by their paths ("Work / Stress").
        labels = session.notes.codebook.labels()
        tags = sorted((f"#{labels.get(c, c)}" for c in options.codes), key=str.casefold)
        parts.append(("tag " if len(tags) == 1 else "tags ") + ", ".join(tags))
    return "; ".join(parts)


def recording_link(session: Session, notes_path: Path | None, export: Path | None) -> str:
    """ExportOptions.recording for the session exported to `export` (None: to standard
    output); "" when the interview has no recording file."""
    from reader.core.recording import link_target, of_interview

    recording = of_interview(session, notes_path)
    return link_target(recording, export) if recording and recording.is_file() else ""


def linked_notes(notes: str, exported: set[str], recording: str = "") -> tuple[str, set[str]]:
    """The research notes with every link back to a highlight landing on an anchor: those
    to exported highlights keep their link (and the highlight gets the anchor), the others
    keep only their label. Time links (sync.time_link, "#t=65") lead to `recording`
    (ExportOptions.recording) with their media fragment, which browsers play from; with
    none they keep only their label. A link in code (a code block or span) is left as
    typed. Returns (notes, ids to anchor)."""
    from reader.core.notes_markdown import links_outside_code  # markdown-it: exports only
    from reader.core.sync import link_ms

    anchored: set[str] = set()

    def link(match: re.Match[str]) -> str:
        target = match.group(2)  # a quote's link back: [↩ Q4](#h-<highlight id>)
        if link_ms(target) is not None:  # [▶ 1:05](#t=65)
            return f"[{match.group(1)}]({recording}{target})" if recording else match.group(1)
        if not target.startswith("#h-"):
            return match.group(0)
        if target[3:] in exported:
            anchored.add(target[3:])
            return match.group(0)
        return match.group(1)

    return links_outside_code(notes, link), anchored
