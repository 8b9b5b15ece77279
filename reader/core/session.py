"""One open interview: the document, its structure and its notes, kept consistent."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING

from reader.core.anchoring import AnchorSummary, all_in_place, nearest_occurrence, reanchor_all
from reader.core.annotations import Highlight
from reader.core.document import Document
from reader.core.interview import (
    Role,
    Segment,
    apply_corrections,
    ends_sentence,
    question_numbers,
    question_start,
    speech_start,
    words_start,
)
from reader.core.notes_file import NotesData, RoleCorrection
from reader.core.shorten import whole_characters
from reader.core.structure_cache import detected_segments

if TYPE_CHECKING:
    from reader.core.sync import SyncTable


PLACES_WRONG = "Some highlights' places in the notes file did not match the transcript"
# Of a paragraph's first words, kept with its role correction to find it in an edited text.
ROLE_QUOTE_CHARS = 32
_ROW_CHARS = 300  # of a question's words read on for its outline row (`question_words`)


def _placed_otherwise(was: Highlight, now: Highlight) -> bool:
    """Re-anchoring moved the highlight, or lost it from the text (an orphan already is
    none of that: it is said once, when it is lost)."""
    return (now.orphan and not was.orphan) or (
        not now.orphan and (now.start, now.end) != (was.start, was.end)
    )


@dataclass
class Session:
    """The model the UI and the CLI share. Changes go through its methods only."""

    document: Document
    notes: NotesData
    detected: list[Segment]
    segments: list[Segment] = field(default_factory=list)
    # Set when the document differs from the one the notes were made on.
    anchor_summary: AnchorSummary | None = None
    _starts: list[int] = field(default_factory=list, repr=False)
    # Segment index -> question number, for every question paragraph; and the first
    # paragraph of each question as (segment index, number), in order. Computed once per
    # structure change for the reader, the outline and the exporters.
    question_numbers: dict[int, int] = field(default_factory=dict, repr=False)
    questions: list[tuple[int, int]] = field(default_factory=list, repr=False)
    # Highlight starts in list order, and the longest highlight: for range queries.
    _highlight_starts: list[int] = field(default_factory=list, repr=False)
    _longest: int = 0
    _by_id: dict[str, Highlight] = field(default_factory=dict, repr=False)
    # The sync table of (document, segments), made on first use for those two objects:
    # `refresh_segments` makes new segments, so a rename or a role changed makes it again.
    _sync: tuple[Document, list[Segment], SyncTable] | None = field(
        default=None, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._reindex_highlights()

    @classmethod
    def open(
        cls, document: Document, notes: NotesData | None, detected: list[Segment] | None = None
    ) -> Session:
        """Join a document with its notes (None: fresh notes), re-anchoring if it changed.
        `detected`: the document's structure when it is known (detect_segments of its text
        and turns); else it is detected here, or read from the structure cache for a long
        text, as the app does when it opens a file (for the command line, a study's search
        and export)."""
        summary = None
        if notes is None:
            notes = NotesData(document=document.meta())
        else:
            unchanged = notes.document.get("sha256") == document.sha256
            if not (unchanged and all_in_place(document.text, notes.highlights)):
                was = notes.highlights
                results, summary = reanchor_all(document.text, was)
                notes.highlights = [r.highlight for r in results]
                if unchanged:  # said only where a highlight's place was wrong in the file
                    wrong = any(map(_placed_otherwise, was, notes.highlights))
                    summary = replace(summary, changed=PLACES_WRONG) if wrong else None
            notes.document = document.meta()
        session = cls(
            document=document,
            notes=notes,
            detected=detected if detected is not None else detected_segments(document),
            anchor_summary=summary,
        )
        session.refresh_segments()
        return session

    # Structure ---------------------------------------------------------------------------

    def refresh_segments(self) -> None:
        """Apply the reader's role corrections and speaker names to the detected structure."""
        roles = {c.start: c.role for c in self._placed_role_corrections()}
        self.segments = apply_corrections(
            self.detected, roles, self.notes.speakers, self.notes.sides
        )
        self._starts = [seg.start for seg in self.segments]
        marked = {start for start, role in roles.items() if role is Role.QUESTION}
        self.question_numbers = question_numbers(self.segments, self.document.text, marked)
        first: dict[int, int] = {}  # question number -> index of its first paragraph
        for index, number in self.question_numbers.items():
            first.setdefault(number, index)
        self.questions = [(index, number) for number, index in first.items()]

    def _placed_role_corrections(self) -> list[RoleCorrection]:
        """The role corrections whose paragraph is found, each at its start in this text;
        the notes keep those that moved at their new start. One the text no longer holds
        is kept in the notes, unapplied."""
        text, corrections = self.document.text, self.notes.roles
        ends = {seg.start: seg.end for seg in self.detected}
        placed: dict[int, RoleCorrection] = {}  # index in the notes -> correction placed
        # In document order, as highlights are placed again: the shift of the one before
        # predicts where the edits above moved the next.
        shift = 0
        for i in sorted(range(len(corrections)), key=lambda i: corrections[i].start):
            correction = corrections[i]
            start = correction.start
            # A paragraph is one line: a quote saved running on into the next paragraph
            # (as `set_role` kept it before) is looked for as its own line's words. One
            # shorter than ROLE_QUOTE_CHARS is a whole paragraph ("Interviewer: Okay."),
            # never the start of a longer one ("Interviewer: Okay. So what next?").
            quote, cut, _ = correction.quote.partition("\n")
            # No quote at all (the notes' schema asks none): at its start, as before.
            whole = bool(quote) and (bool(cut) or len(quote) < ROLE_QUOTE_CHARS)
            quote = quote.rstrip() if whole else quote
            fits = partial(_opens_paragraph, ends, len(quote) if whole else None)
            if fits(start) and text.startswith(quote, start):
                shift = 0
            else:
                found = nearest_occurrence(text, quote, start + shift, fits)
                if found is None:
                    continue
                shift = found - start
                start = found
            moved = start != correction.start
            placed[i] = replace(correction, start=start) if moved else correction
        if any(placed[i] is not corrections[i] for i in placed):
            self.notes.roles = [placed.get(i, c) for i, c in enumerate(corrections)]
        return [placed[i] for i in sorted(placed)]  # in the notes' order: the later wins

    def shown_role(self, index: int) -> Role:
        """The role the paragraph `segments[index]` is shown as, on screen and on paper:
        its own, but an asker's turn that is no question ("Mm-hm.", question_numbers gives
        it no number) reads as plain speech, Role.OTHER, not in a question's bold colour."""
        return _shown(self.segments[index].role, index in self.question_numbers)

    def shown_roles(self) -> list[Role]:
        """`shown_role` of every paragraph in one pass (a 5 MB transcript has 16,000)."""
        numbers = self.question_numbers
        return [_shown(seg.role, i in numbers) for i, seg in enumerate(self.segments)]

    def segment_at(self, offset: int) -> Segment | None:
        """The segment whose text holds `offset`, None between paragraphs."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.segments[i].end:
            return self.segments[i]
        return None

    def speaker_at(self, offset: int) -> str:
        """Who says the paragraph holding `offset`, as the reader named them (Rename
        Speaker); "" between paragraphs and in one nobody speaks (an intro, an aside)."""
        segment = self.segment_at(offset)
        return segment.speaker if segment is not None else ""

    def label_end(self, offset: int) -> int:
        """Where the speaker label that opens the paragraph holding `offset` ends, its
        words starting ("Ana: " ends before "It starts…"); 0 where no label opens it."""
        segment = self.segment_at(offset)
        if segment is None or not segment.label:
            return 0
        return speech_start(self.document.text, segment)

    def passage_span(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) as a highlight or a code takes it: a selection from a turn's start
        begins after its speaker label ("Participant: ") or the time that opens it
        ("[00:00:04.000 --> 00:00:08.500]   "), so that the quote a thesis or a REFI
        project gets is the words said; one inside the label stays as it is. Its ends are
        widened to whole characters (a find match of "👍" in "👍🏽" is all of it)."""
        start, end = whole_characters(self.document.text, start, end)
        seg = self.segment_at(start)
        if seg is None or not (seg.label or seg.timestamp):
            return start, end
        text = self.document.text
        head = words_start(text, seg)
        if not start < head < end:
            return start, end
        while head < end and text[head].isspace():  # a name alone above the words
            head += 1
        return (head, end) if head < end else (start, end)

    def highlight_on(self, start: int, end: int) -> Highlight | None:
        """The highlight on exactly [start, end), or on the span a new one would take
        there (`passage_span`: one made before labels were left out still counts)."""
        for a, b in dict.fromkeys(((start, end), self.passage_span(start, end))):
            for existing in self.highlights_overlapping(a, b):
                if (existing.start, existing.end) == (a, b):
                    return existing
        return None

    def segment_boundaries(self, start: int, end: int) -> list[int]:
        """Paragraph starts and ends strictly inside (start, end)."""
        lo = max(0, bisect_right(self._starts, start) - 1)
        hi = bisect_left(self._starts, end)
        points = []
        for seg in self.segments[lo:hi]:
            points.extend(p for p in (seg.start, seg.end) if start < p < end)
        return points

    def question_at(self, offset: int) -> tuple[int, Segment] | None:
        """(number, first paragraph) of the question `offset` falls under, None before Q1."""
        index = self.segment_index_at(offset)
        row = bisect_right(self.questions, (index, float("inf"))) - 1
        if row < 0:
            return None
        segment_index, number = self.questions[row]
        return number, self.segments[segment_index]

    def question_words(self, index: int) -> str:
        """The words of the question that starts at `segments[index]`, on one line, for
        its outline row: without its speaker label ("Interviewer: " on every row says
        nothing) or a back-channel before them (`question_start`); for a name alone on
        its line, the words of the paragraph after it."""
        text = self.document.text
        first = self.segments[index]
        words = text[question_start(text, first) : first.end]
        after = self.segments[index + 1] if index + 1 < len(self.segments) else None
        if not words.strip() and after is not None and after.speaker == first.speaker:
            words = text[question_start(text, after) : after.end]
            index += 1
        # Typed with hard line breaks (a .txt Word saved "with line breaks", an e-mail's
        # text), the question goes on in the paragraphs after it before its sentence ends:
        # the row reads on there, "…back in the" ending on its own said nothing.
        for seg in self.segments[index + 1 :]:
            if ends_sentence(words) or len(words) >= _ROW_CHARS:
                break
            if (seg.role, seg.speaker, seg.label) != (first.role, first.speaker, ""):
                break
            words = f"{words} {text[seg.start : seg.end]}"
        return " ".join(words.split())

    def segment_index_at(self, offset: int) -> int:
        """Index of the segment that holds `offset`, or the last one that starts before it."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def set_role(self, start: int, role: Role) -> None:
        # The quote that finds the paragraph again in an edited text is its own words: one
        # running on into the next paragraph ("Okay.\n\nAna: Anyway,") was lost with a
        # typo put right there.
        seg = self.segment_at(start)
        end = start + ROLE_QUOTE_CHARS
        end = end if seg is None else min(seg.end, end)
        quote = self.document.text[start:end]
        kept = [c for c in self.notes.roles if c.start != start]
        self.notes.roles = [*kept, RoleCorrection(start, quote, role)]
        self.refresh_segments()

    def role_corrections(self) -> list[RoleCorrection]:
        return list(self.notes.roles)

    def restore_role_corrections(self, corrections: list[RoleCorrection]) -> None:
        self.notes.roles = list(corrections)
        self.refresh_segments()

    def rename_speaker(self, detected_name: str, new_name: str) -> None:
        if new_name == detected_name:
            self.notes.speakers.pop(detected_name, None)
        else:
            self.notes.speakers[detected_name] = new_name
        self.refresh_segments()

    def speaker_corrections(self) -> tuple[dict[str, str], dict[str, Role]]:
        """(names, sides) as the notes hold them: detected name -> chosen name, and the
        name shown -> the side that speaker is on."""
        return dict(self.notes.speakers), dict(self.notes.sides)

    def restore_speaker_corrections(self, speakers: dict[str, str], sides: dict[str, Role]) -> None:
        self.notes.speakers = dict(speakers)
        self.notes.sides = dict(sides)
        self.refresh_segments()

    def shown_speakers(self) -> dict[str, list[str]]:
        """Each speaker's name as shown -> the detected names it stands for (several after
        a merge), in order of first appearance."""
        shown: dict[str, list[str]] = {}
        for detected in dict.fromkeys(seg.speaker for seg in self.detected if seg.speaker):
            shown.setdefault(self.notes.speakers.get(detected) or detected, []).append(detected)
        return shown

    def speakers_renamed(self, shown: str, new: str) -> tuple[dict[str, str], dict[str, Role]]:
        """The speaker corrections with the speaker shown as `shown` called `new`.

        When another speaker is already shown as `new`, the two become one speaker: every
        detected name of both maps to `new`, and the side chosen for `new` stays.
        """
        names, sides = self.speaker_corrections()
        speakers = self.shown_speakers()
        merging = new != shown and new in speakers
        # A name no detected speaker is shown as may still be shown: the "Interviewer" a
        # paragraph marked a question takes where nobody else asks (apply_corrections).
        given = shown in {seg.speaker for seg in self.segments}
        for detected in speakers.get(shown, [shown] if given else []):
            if new == detected:
                names.pop(detected, None)
            else:
                names[detected] = new
        side = sides.pop(shown, None)
        if side is not None and not merging:
            sides[new] = side
        return names, sides

    def speakers_with_side(
        self, shown: str, side: Role | None
    ) -> tuple[dict[str, str], dict[str, Role]]:
        """The speaker corrections with `shown` on `side` (None: as detected)."""
        names, sides = self.speaker_corrections()
        if side is None:
            sides.pop(shown, None)
        else:
            sides[shown] = side
        return names, sides

    # Highlights --------------------------------------------------------------------------

    def _reindex_highlights(self) -> None:
        self.notes.highlights.sort(key=_order)
        self._highlight_starts = [h.start for h in self.notes.highlights]
        self._longest = max((h.end - h.start for h in self.notes.highlights), default=0)
        self._by_id = {h.id: h for h in self.notes.highlights}

    def set_highlights(self, highlights: list[Highlight]) -> None:
        """The highlights become `highlights` (the notes file as another writer left it)."""
        self.notes.highlights = list(highlights)
        self._reindex_highlights()

    def highlight(self, highlight_id: str) -> Highlight | None:
        return self._by_id.get(highlight_id)

    def add_highlight(self, highlight: Highlight, index: int | None = None) -> None:
        """Add `highlight` in span order; `index`, its place before (an undo), among the
        highlights of its span if it falls there: else after them."""
        i = insertion_index(self.notes.highlights, highlight, index)
        self.notes.highlights.insert(i, highlight)
        self._highlight_starts.insert(i, highlight.start)
        self._longest = max(self._longest, highlight.end - highlight.start)
        self._by_id[highlight.id] = highlight

    def remove_highlight(self, highlight_id: str) -> Highlight:
        return self.take_highlight(highlight_id)[1]

    def take_highlight(self, highlight_id: str) -> tuple[int, Highlight]:
        """Remove the highlight; its index in the notes' list, for an undo to put it back
        there, and the highlight."""
        highlight = self._by_id.pop(highlight_id)  # KeyError for an unknown id
        i = self._index_of(highlight)
        del self._highlight_starts[i]
        return i, self.notes.highlights.pop(i)

    def _index_of(self, highlight: Highlight) -> int:
        """Among the highlights with its span (usually one), found by identity."""
        i = bisect_left(self.notes.highlights, _order(highlight), key=_order)
        while self.notes.highlights[i] is not highlight:
            i += 1
        return i

    def replace_highlight(self, highlight: Highlight) -> Highlight:
        """Put `highlight` in place of the one with its id, at its place among those of its
        span if it keeps the span; return the old one."""
        old = self._by_id[highlight.id]  # KeyError for an unknown id
        if _order(old) != _order(highlight):
            self.remove_highlight(highlight.id)
            self.add_highlight(highlight)
            return old
        self.notes.highlights[self._index_of(old)] = highlight
        self._by_id[highlight.id] = highlight
        return old

    def highlights_overlapping(self, start: int, end: int) -> list[Highlight]:
        """Anchored highlights that share at least one character with [start, end)."""
        lo = bisect_left(self._highlight_starts, start - self._longest)
        hi = bisect_left(self._highlight_starts, max(end, start + 1))
        return [
            h
            for h in self.notes.highlights[lo:hi]
            if h.end > start and h.start < max(end, start + 1) and not h.orphan
        ]

    def code_names(self, highlight: Highlight) -> tuple[str, ...]:
        """The names of the highlight's codes, in the order they were applied."""
        return self.notes.codebook.names(highlight.codes)

    def code_labels(self, highlight: Highlight) -> tuple[str, ...]:
        """The highlight's codes as an export names them: each by its name, or by its path
        where two codes share that name ("Work / Stress", "Home / Stress")."""
        return self.notes.codebook.labels_of(highlight.codes)

    def codes_in_use(self) -> set[str]:
        """The ids of every code a highlight carries."""
        return {code_id for h in self.notes.highlights for code_id in h.codes}

    def highlights_at(self, offset: int) -> list[Highlight]:
        return self.highlights_overlapping(offset, offset + 1)

    def innermost_highlight_at(self, offset: int) -> Highlight | None:
        """Of the highlights over `offset`, the one starting last (the shortest of those):
        the one a click or the caret means when highlights overlap."""
        layers = self.highlights_at(offset)
        return max(layers, key=lambda h: (h.start, -h.end)) if layers else None

    def place_label(self, offset: int) -> str:
        """Where `offset` is, as people name it: "Q7", or "Intro" before the first question."""
        question = self.question_at(offset)
        return f"Q{question[0]}" if question else "Intro"

    def quotation(self, start: int, end: int) -> str:
        """The words said in [start, end) (`passage_span`) as a quotation with whose and
        where they are, for pasting elsewhere: “…” (Kenji Sato, Q3, 12:05, Title);
        words quoted inside it in ‘…’."""
        start, end = self.passage_span(start, end)
        quote = _INNER_QUOTE.sub(_single_marks, " ".join(self.document.text[start:end].split()))
        return f"“{quote}” ({self.attribution(start, end)})"

    def attribution(self, start: int, end: int) -> str:
        """Whose words [start, end) are and where: "Kenji Sato, Q3, 12:05, Title", with
        the time they are said in a timed transcript (passage_time)."""
        question = self.question_at(start)
        where = (
            self.said_by(start, end),
            f"Q{question[0]}" if question else "",
            self.passage_time(start),
            self.document.title,
        )
        return ", ".join(filter(None, where))

    def passage_time(self, offset: int) -> str:
        """When a passage starting at `offset` is said in the recording, "12:05": the start
        of its cue, else of its paragraph (SyncTable.passage_time); "" untimed."""
        return self.sync_table().passage_time(offset)

    def sync_table(self) -> SyncTable:
        """The recording's sync table (SyncTable.of), made once per structure: the
        Annotations list asks every row's time of it."""
        document, segments, cached = self.document, self.segments, self._sync
        if cached is None or cached[0] is not document or cached[1] is not segments:
            from reader.core.sync import SyncTable  # a quote's work, not start-up's

            cached = self._sync = (document, segments, SyncTable.of(document, segments))
        return cached[2]

    def said_by(self, start: int, end: int) -> str:
        """Whose words [start, end) are, for a quote's attribution: the one speaker the
        transcript names over all its paragraphs; "" across two speakers' turns, and for
        a generic label ("Speaker 2", "Interviewer"), which names nobody."""
        first = self.segment_index_at(start)
        last = self.segment_index_at(max(start, end - 1))
        speakers = {seg.speaker for seg in self.segments[first : last + 1]}
        speakers.discard("")
        if len(speakers) != 1:
            return ""  # (before the import: the Annotations list asks this of every row)
        from reader.core.participants import named  # the study's; not at start-up

        return named(speakers.pop())


# Words in double quotation marks, straight or curly, inside a quotation.
_INNER_QUOTE = re.compile(r'"[^"]*"|“[^“”]*”')


def _single_marks(quoted: re.Match[str]) -> str:
    return f"‘{quoted[0][1:-1]}’"


# In C: the 10,000 highlights of a file are sorted without a call into Python for each.
_order: Callable[[Highlight], tuple[int, int]] = attrgetter("start", "end")


def _opens_paragraph(ends: dict[int, int], length: int | None, at: int) -> bool:
    """Whether a paragraph starts `at` (`ends`: each paragraph's end by its start) and,
    given its `length`, is that long."""
    return at in ends and (length is None or ends[at] == at + length)


def insertion_index(highlights: list[Highlight], highlight: Highlight, index: int | None) -> int:
    """Where `highlight` goes in `highlights` (in span order): at `index` if that is among
    the highlights of its span (or just after them), else after those."""
    after = bisect_right(highlights, _order(highlight), key=_order)
    if index is None:
        return after
    return min(max(index, bisect_left(highlights, _order(highlight), key=_order)), after)


def _shown(role: Role, numbered: bool) -> Role:
    """An asker's turn without a question number reads as plain speech."""
    return Role.OTHER if role is Role.QUESTION and not numbered else role
