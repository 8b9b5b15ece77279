"""The interviews of a study as search reads them, loaded on first use and kept while
their files are unchanged; and as sessions, for an export.

Searching a study needs every interview's text, where its questions begin and its
highlights. A 60 KB interview costs about 4 ms to load and structure, so what search
reads is kept, checked against the files' modification times (a stat each) before each
use. A whole Session is about 0.45 MB (a 60 KB text with one emoji is stored 4 bytes a
character, plus structure and highlights), so what is kept is `InterviewText`: the text
as UTF-8 (decoded for each search: about 60 µs for 60 KB), the questions' offsets and
who speaks each paragraph (and where its label ends) as arrays and the highlights as
`Quote`s, about a third of that.
At most MAX_KEPT are kept, the least recently used dropped first; `warm` loads the first
WARM of them.

An export reads whole sessions: `get` loads one each time (the one the app has open is
pinned with `put`, so searches and exports see its unsaved edits). The app's background
thread and its GUI thread both use one StudyTexts, so the table is changed under a lock.
"""

from __future__ import annotations

import os
import threading
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import orjson

from reader.core.document import DocumentError
from reader.core.folding import non_ascii
from reader.core.notes_file import NotesFormatError
from reader.core.participants import NOT_READ, NOTES_NOT_READ, Said, answering_speakers
from reader.core.search import Quote, Searchable, SessionText
from reader.core.session import Session
from reader.core.study import Study
from reader.core.study_file import InterviewEntry
from reader.core.transcript_dates import recording_date

# Every interview of a 500-interview study is kept: 500 of 60-73 KB held 55 MB of Python
# objects (about 110 KB and four objects each: a garbage collection hardly notices them;
# 45 MB more of the process than 200 kept). A bound below the study's size drops each
# text before a search in the study's order comes back to it: with 200 kept, every search
# after the first loaded all 500 again (2.3-3.4 s; 0.9 s with all kept). Still a bound,
# of about 110 MB, for a study larger than any seen.
MAX_KEPT = 1000
WARM = 200  # loaded in the background as a study opens; the others on first use
# (code ids, their names when the copy was made) -> their names now
CodeNames = Callable[[Sequence[str], Sequence[str]], tuple[str, ...]]


class InterviewText:
    """What search reads of a session (see search.Searchable), compactly."""

    __slots__ = (
        "_chars",
        "_named",
        "_numbers",
        "_quotes",
        "_said",
        "_speakers",
        "_starts",
        "_text",
        "_who",
        "_words",
        "answering",
        "recorded",
        "research",
    )

    def __init__(self, session: Session, named: CodeNames | None = None) -> None:
        """`named`: its codes' names as they are now (a study's codebook, where a code
        renamed since this copy was made is found by its new name); else as they were."""
        self._text = session.document.text.encode("utf-8")
        # Found once, not at each search of the study (0.17 ms of each interview's 60 KB).
        self._chars = "".join(non_ascii(session.document.text))
        self.research = session.notes.notes
        # Who answers, the reader's corrections applied, and when it was recorded (Fill
        # Participants and Dates from Transcripts).
        self.answering = answering_speakers(session.segments)
        self.recorded = recording_date(session.document)
        # As JSON: a few hundred small strings each would hold memory scattered among
        # the session's, which is freed once this is built.
        self._quotes = orjson.dumps(
            [(*SessionText.quote(session, h), h.codes) for h in session.notes.highlights]
        )
        self._named = named
        # Each question's first paragraph: where it starts, and its number (place_label).
        segments = session.segments
        self._starts = array("q", [segments[index].start for index, _ in session.questions])
        self._numbers = array("q", [number for _, number in session.questions])
        if self._starts and self._starts[0] == segments[0].start:
            self._starts[0] = 0  # before the first paragraph counts as in it
        # Each spoken paragraph's (start, end) and who says it, as renamed (speaker_at):
        # the structure found as the session opened, never detected again per result.
        spoken = [seg for seg in segments if seg.speaker]
        self._speakers = tuple(dict.fromkeys(seg.speaker for seg in spoken))
        index = {name: i for i, name in enumerate(self._speakers)}
        self._said = array("q", [at for seg in spoken for at in (seg.start, seg.end)])
        self._who = array("I", [index[seg.speaker] for seg in spoken])
        self._words = array("q", [session.label_end(seg.start) for seg in spoken])

    @property
    def text(self) -> str:
        return self._text.decode("utf-8")

    @property
    def chars(self) -> frozenset[str]:
        return frozenset(self._chars)

    @property
    def quotes(self) -> list[Quote]:
        rows = orjson.loads(self._quotes)
        named = self._named
        if named is None:
            return [
                Quote(i, at, orphan, e, n, tuple(tags)) for i, at, orphan, e, n, tags, _ in rows
            ]
        # A few sets of codes recur on thousands of passages: each named once (a third of
        # a study's search went to naming each passage's codes).
        names: dict[tuple[str, ...], tuple[str, ...]] = {}
        quotes = []
        for id_, start, orphan, exact, note, tags, codes in rows:
            key = (*codes, *tags)  # as many codes as tags: the halves are unambiguous
            now = names.get(key)
            if now is None:
                now = names[key] = named(codes, tags)
            quotes.append(Quote(id_, start, orphan, exact, note, now))
        return quotes

    def place_label(self, offset: int) -> str:
        """As Session.place_label: "Q7", or "Intro" before the first question."""
        row = bisect_right(self._starts, offset) - 1
        return f"Q{self._numbers[row]}" if row >= 0 else "Intro"

    def speaker_at(self, offset: int) -> str:
        """As Session.speaker_at: who says the paragraph holding `offset`, else ""."""
        # An odd place in the (start, end) pairs is inside a paragraph.
        at = bisect_right(self._said, offset)
        return self._speakers[self._who[at // 2]] if at % 2 else ""

    def label_end(self, offset: int) -> int:
        """As Session.label_end: where the label opening `offset`'s paragraph ends, else 0."""
        at = bisect_right(self._said, offset)
        return self._words[at // 2] if at % 2 else 0


@dataclass
class Loaded:
    """An interview of a study opened for searching or exporting."""

    session: Session
    problem: str  # "" or why the session is incomplete (transcript missing: notes only)


@dataclass
class Found:
    """An interview as search reads it (`interview`), and what is wrong with it."""

    interview: Searchable
    problem: str
    stamp: tuple[int, int] | None  # (transcript, notes) mtimes; None: pinned by the app


class StudyTexts:
    """The study's interviews as search reads them, loaded on first use and kept while
    their files are unchanged. The app pins the interview it has open (`put`), so
    searches and exports see its unsaved edits."""

    def __init__(self, study: Study, max_kept: int = MAX_KEPT) -> None:
        self.study = study
        self.max_kept = max_kept
        self._kept: OrderedDict[str, Found] = OrderedDict()  # least recently used first
        self._pinned: dict[str, Session] = {}
        self._lock = threading.Lock()
        self.problems: dict[str, str] = {}  # interview id -> why it could not be searched
        self.warmed = False  # `warm` is done
        # Interview id -> set once the thread loading it for search is done: a search
        # just after a study opened went through the interviews as `warm` did, and loaded
        # 85 of 300 a second time.
        self._loading: dict[str, threading.Event] = {}

    def put(self, interview_id: str, session: Session) -> None:
        """Use `session` (the one being edited) for this interview until `forget`."""
        with self._lock:
            self._pinned[interview_id] = session
            self._kept.pop(interview_id, None)

    def forget(self, interview_id: str) -> None:
        with self._lock:
            self._pinned.pop(interview_id, None)
            self._kept.pop(interview_id, None)

    def kept(self) -> int:
        return len(self._kept)

    def get(self, entry: InterviewEntry) -> Loaded | None:
        """The interview's session (notes alone when the transcript is missing), loaded
        now unless pinned; None with nothing to read (the reason is in `problems`)."""
        pinned = self._pinned.get(entry.id)
        if pinned is not None:
            return Loaded(pinned, "")
        stamp = self._stamp(entry)
        loaded = self._load(entry)
        if loaded is not None:
            kept = InterviewText(loaded.session, self._names_now)
            self._keep(entry.id, Found(kept, loaded.problem, stamp))
        return loaded

    def search(self, entry: InterviewEntry) -> Found | None:
        """The interview as search reads it, None with nothing to search (the reason is in
        `problems`)."""
        pinned = self._pinned.get(entry.id)
        if pinned is not None:
            return Found(SessionText(pinned), "", None)
        stamp = self._stamp(entry)
        kept = self._kept.get(entry.id)
        if kept is not None and kept.stamp == stamp:
            with self._lock:
                if entry.id in self._kept:
                    self._kept.move_to_end(entry.id)
            return kept
        with self._lock:
            loading = self._loading.get(entry.id)
            if loading is None:
                self._loading[entry.id] = threading.Event()
        if loading is not None:  # by the other thread: kept once it is loaded
            loading.wait()
            return self.search(entry)
        try:
            loaded = self._load(entry)
            if loaded is None:
                return None
            found = Found(InterviewText(loaded.session, self._names_now), loaded.problem, stamp)
            self._keep(entry.id, found)
            return found
        finally:
            with self._lock:
                self._loading.pop(entry.id).set()

    def _names_now(self, code_ids: Sequence[str], names: Sequence[str]) -> tuple[str, ...]:
        """The codes' names in the study's codebook as it is now (renamed, undone), a kept
        copy being made again only when its files change; a code it lacks by its name in
        the notes file. On the GUI thread only (a search's slices): it reads the live
        codebook, which the GUI changes."""
        book = self.study.codebook
        return tuple(
            code.name if (code := book.get(code_id)) else name
            for code_id, name in zip(code_ids, names, strict=True)
        )

    def said(self, entry: InterviewEntry) -> Said:
        """What the interview's transcript says of itself (who answers, when it was
        recorded), from what is kept while its files are unchanged, else loaded now (and
        kept)."""
        pinned = self._pinned.get(entry.id)
        if pinned is not None:
            return Said(answering_speakers(pinned.segments), recording_date(pinned.document))
        found = self.search(entry)
        if found is None:
            return Said(unread=NOTES_NOT_READ)
        text = found.interview
        assert isinstance(text, InterviewText)  # not pinned: kept, or loaded
        return Said(text.answering, text.recorded, NOT_READ if found.problem else "")

    def warm(self) -> None:
        """Load the first WARM interviews now (at most `max_kept`; for a background
        thread)."""
        for entry in list(self.study.interviews)[: min(WARM, self.max_kept)]:
            self.search(entry)
        self.warmed = True

    def _load(self, entry: InterviewEntry) -> Loaded | None:
        try:
            try:
                loaded = Loaded(self.study.open_session(entry), "")
            except DocumentError as exc:
                loaded = Loaded(self.study.notes_only_session(entry), str(exc))
        except (NotesFormatError, OSError) as exc:
            with self._lock:
                self._kept.pop(entry.id, None)
            self.problems[entry.id] = f"its notes cannot be read ({exc})"
            return None
        self.problems.pop(entry.id, None)
        return loaded

    def _keep(self, interview_id: str, found: Found) -> None:
        with self._lock:
            if interview_id in self._pinned:  # opened meanwhile: the app's session rules
                return
            self._kept[interview_id] = found
            self._kept.move_to_end(interview_id)
            while len(self._kept) > self.max_kept:
                self._kept.popitem(last=False)

    def _stamp(self, entry: InterviewEntry) -> tuple[int, int]:
        return (_mtime(self.study.transcript_path(entry)), _mtime(self.study.notes_path(entry)))


def _mtime(path: os.PathLike[str]) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1
