"""The sync table between a recording and its transcript: the stretch of text spoken at a
time, and the time at which a place in the text is spoken, both ways.

Times come from the transcript file's turns (subtitles, Whisper, Otter: Document.turns)
or, for any other text, from the times written in its paragraphs ("[00:01:23] Name:",
"(12:05)", or a stamp ending each paragraph, the next one's start: Segment.timestamp).
A stretch runs from one timed place to the next; inside a stretch whose end time is
known, time and text are taken to advance together, so a place without its own time is
spoken in proportion to the characters before it (a paragraph without a time takes the
time of the nearest before it, moved on that far). A turn joined from a file's cues
(Document.cues) is timed so cue by cue: after a pause inside a long turn, the words are
placed at their own time, not tens of seconds off.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import accumulate

from reader.core.document import CueTime, Document
from reader.core.interview import Role, Segment, end_stamp, speech_start
from reader.core.markdown_links import link_text

_WRITTEN_TIME = re.compile(r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?")  # two digits of hours
MAX_SECONDS = 10**7  # ~115 days: a link beyond it is no time (and NaN or inf fails too)


OVERLAPS = 3  # the entries started before a pause looked at for words said over it


@dataclass(frozen=True)
class SyncEntry:
    """`text[start:end]` is spoken from `start_ms`; until `end_ms` when it is known.

    `cues` are the file's timed cues inside it (Document.cues): a turn of many cues is
    then timed piece by piece, each cue's words from its start to its end, and a pause
    between two cues takes no words. Without them the whole stretch is one piece."""

    start: int
    end: int
    start_ms: int
    end_ms: int | None = None
    speaker: str = ""
    cues: tuple[CueTime, ...] = ()
    # Whether the file gave its end: else (a written time, an Otter or Teams turn) it ends
    # when the next time starts, and its words are said no slower than SLOWEST_MS_A_CHAR.
    ended: bool = True

    def ms_at(self, offset: int) -> int:
        """The time `offset` (inside this entry) is spoken: interpolated inside its piece
        (a cue, else the whole entry) when the piece's end time is known (see `ended`)."""
        offset = min(max(offset, self.start), self.end)
        start, start_ms, end, end_ms = self._piece_at(offset)
        if end_ms is None or end <= start:
            return start_ms
        share = (offset - start) / (end - start)
        return start_ms + round(share * self._spoken_ms(start, start_ms, end, end_ms))

    def offset_at(self, ms: int) -> int:
        """The place spoken at `ms` (inside this entry's time), interpolated likewise; in
        a pause after a piece (or after its words: `ended`), that piece's end."""
        pieces = self._pieces
        i = bisect_right(pieces, ms, key=lambda piece: piece[1]) - 1  # their times rise
        start, start_ms, end, end_ms = pieces[max(i, 0)]
        if end_ms is None or ms <= start_ms:
            return start
        spoken = self._spoken_ms(start, start_ms, end, end_ms)
        if ms >= start_ms + spoken:
            return max(start, end - 1)
        share = (ms - start_ms) / spoken
        return min(end - 1, start + int(share * (end - start)))

    def speaking(self, ms: int) -> bool:
        """Whether its words are being said at `ms` (from its start): not in a pause after
        a piece of it whose end the file gave."""
        pieces = self._pieces
        i = bisect_right(pieces, ms, key=lambda piece: piece[1]) - 1
        _, start_ms, _, end_ms = pieces[max(i, 0)]
        return start_ms <= ms and (end_ms is None or not self.ended or ms < end_ms)

    def _spoken_ms(self, start: int, start_ms: int, end: int, end_ms: int) -> int:
        """How long the words of a piece take: its time; without an end the file gave,
        no longer than its characters take at the slowest."""
        spoken = end_ms - start_ms
        return spoken if self.ended else min(spoken, (end - start) * SLOWEST_MS_A_CHAR)

    def piece_end(self, offset: int) -> tuple[int, int | None]:
        """Where the piece spoken at `offset` ends in the text, and when it ends: the
        words before that place are all said by then."""
        _, _, end, end_ms = self._piece_at(offset)
        return end, end_ms

    def _piece_at(self, offset: int) -> tuple[int, int, int, int | None]:
        pieces = self._pieces
        i = bisect_right(pieces, offset, key=lambda piece: piece[0]) - 1
        return pieces[max(i, 0)]

    @cached_property
    def _pieces(self) -> list[tuple[int, int, int, int | None]]:
        """(start, start_ms, end, end_ms) of each piece in text order: from one cue's start
        to the next's, spoken from the cue's start time until its end time (the next
        cue's start when it has none, or comes sooner), the last until the entry's end.
        The turn's label before its first cue takes no time: a click on its first word
        played from late in that cue (0.9 s into a cue of 1 s after a long name).
        A time going back (cues out of order) is taken as the piece before's end, so that
        time and text rise together. The cues are kept to the entry's span again: a table
        made by hand (tests, SyncTable.ending_at) passes whatever it has."""
        cues = [c for c in self.cues if self.start <= c[0] < self.end]
        if not cues or cues[0][0] != self.start:
            label = bool(cues) and cues[0][1] == self.start_ms  # the turn's, said in no time
            cues.insert(0, (self.start, self.start_ms, self.start_ms if label else None))
        pieces = []
        floor = self.start_ms
        for (start, start_ms, end_ms), after in zip(cues, [*cues[1:], None], strict=True):
            start_ms = max(start_ms, floor)
            if after is None:
                end, stop = self.end, self.end_ms if end_ms is None else end_ms
            else:
                end, stop = after[0], after[1] if end_ms is None else min(end_ms, after[1])
            if stop is not None and self.end_ms is not None:
                stop = min(stop, self.end_ms)  # a cue shared with the next turn (_shared)
            stop = None if stop is None else max(stop, start_ms)
            pieces.append((start, start_ms, end, stop))
            floor = start_ms if stop is None else stop
        return pieces


class SyncTable:
    """Entries in text order; looked up by character offset or by milliseconds."""

    def __init__(
        self,
        entries: Sequence[SyncEntry],
        lead: int | None = None,
        marks: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        self.entries = sorted(entries, key=lambda e: e.start)
        self._starts = [e.start for e in self.entries]
        # The places whose time the margin and print show, (offset, ms) in text order:
        # each stretch's start, and a paragraph a cue opens inside a long turn.
        self.marks = (
            sorted(marks) if marks is not None else [(e.start, e.start_ms) for e in self.entries]
        )
        # Where the first time is written, when on a name line above the words it times
        # (`_words_start`): that line is spoken then too, not before any time.
        self.lead = lead
        # By time, for the other direction; a time written out of order (a recording
        # restarted) still finds its own entry.
        self._by_ms = sorted(range(len(self.entries)), key=lambda i: self.entries[i].start_ms)
        self._ms = [self.entries[i].start_ms for i in self._by_ms]

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def of(cls, document: Document, segments: Sequence[Segment]) -> SyncTable:
        """The table of a transcript: its file's timed turns, each with the timed cues
        inside it (Document.cues), else the written times. A stretch without an end time
        (Otter's and Teams' turns, written times) ends where the next begins, unless the
        times go backwards; the last, with the recording (`ending_at`). Its marks are the
        entries' starts and the paragraphs a cue opens inside a turn."""
        from reader.core.transcripts import time_ms  # its regexes are not start-up's work

        cues, at = document.cues, [c[0] for c in document.cues]
        entries = []
        for turn in document.turns:
            inside = cues[bisect_left(at, turn.start) : bisect_left(at, turn.end)]
            start, start_ms = turn.start, turn.start_ms
            if start_ms is None and inside:  # its first cue untimed (Whisper's NaN, a null)
                start, start_ms = inside[0][:2]  # timed from its first cue that has a time
            if start_ms is not None:
                ended = turn.end_ms is not None
                entry = SyncEntry(
                    start, turn.end, start_ms, turn.end_ms, turn.speaker, inside, ended
                )
                entries.append(entry)
        lead = None  # where the first written time stands, above the words it times
        shown: list[tuple[int, int]] = []  # the written times' marks
        opening = {s.start for s in segments}  # a cue that opens a paragraph has a mark
        cued = [(place, ms) for e in entries for place, ms, _ in e.cues[1:] if place in opening]
        if not entries:
            written = [  # (the paragraph, where its timed words start, its time)
                (s, _words_start(document.text, segments, i), ms)
                for i, s in enumerate(segments)
                if s.timestamp and (ms := time_ms(s.timestamp)) is not None
            ]
            ends = [s.start for s, _, _ in written[1:]] + [len(document.text)] * bool(written)
            entries = [  # each from its time's paragraph to the next's, the last to the end
                SyncEntry(
                    s.start,
                    end,
                    ms,
                    None,
                    s.speaker,
                    _said_from(document.text, s, words, ms),
                    False,
                )
                for (s, words, ms), end in zip(written, ends, strict=True)
            ]
            if len(written) > 1:
                entries[-1] = _ended_by_its_stamp(document.text, segments, entries[-1])
            lead = written[0][0].start if written else None
            shown = [(words, ms) for _, words, ms in written]  # beside the words
        marks = shown or [(e.start, e.start_ms) for e in entries] + cued  # as written
        return cls(_shared(_ended(entries)), lead, marks)

    def ending_at(self, duration_ms: int) -> SyncTable:
        """This table with its last stretch ending when the recording does, when its end
        time is not known: the last paragraph then has its own time, and its end."""
        last = self.entries[-1] if self.entries else None
        if last is None or last.end_ms is not None or duration_ms <= last.start_ms:
            return self
        entries = [*self.entries[:-1], replace(last, end_ms=duration_ms)]
        return SyncTable(entries, self.lead, self.marks)

    def entry_at(self, offset: int) -> SyncEntry | None:
        """The entry holding `offset`, else the nearest before it; None before the first."""
        i = bisect_right(self._starts, offset) - 1
        return self.entries[i] if i >= 0 else None

    def paragraph_time(self, offset: int) -> str:
        """When the paragraph holding `offset` starts as the margin shows it, "12:05": its
        turn's time, or its own where a cue opens it inside a long turn (`marks`), not a
        time guessed inside it; "" before the first time, after the last timed turn (a
        tool's "… stopped transcription", "Transcribed by …"), or untimed."""
        ms = self._paragraph_ms(offset, self.entry_at(offset))
        return "" if ms is None else format_time(ms)

    def passage_time(self, offset: int) -> str:
        """When a passage starting at `offset` is said as the file writes it, for quotes,
        exports and lists: the start of the cue it is in, where a turn joined many; else
        its paragraph's time (`paragraph_time`). Inside an hour-long answer, the answer's
        start did not help to find the words in the recording."""
        ms = self.passage_ms(offset)
        return "" if ms is None else format_time(ms)

    def passage_ms(self, offset: int) -> int | None:
        """`passage_time` in ms; None where it is ""."""
        entry = self.entry_at(offset)
        ms = self._paragraph_ms(offset, entry)
        if ms is None or entry is None:
            return None
        i = bisect_right(entry.cues, offset, key=lambda cue: cue[0]) - 1
        if i >= 0 and entry.cues[i][0] >= entry.start:
            ms = max(ms, entry.cues[i][1])  # a cue begun before the paragraph: its time
        return ms

    def _paragraph_ms(self, offset: int, entry: SyncEntry | None) -> int | None:
        """`paragraph_time` in ms; `entry`: the entry at `offset`."""
        if entry is None or (offset >= entry.end and entry is self.entries[-1]):
            return None
        i = bisect_right(self.marks, offset, key=lambda mark: mark[0]) - 1
        return self.marks[i][1] if i >= 0 else entry.start_ms

    def entry_at_ms(self, ms: int) -> SyncEntry | None:
        """The entry being spoken at `ms`: the last to start at or before it; in a pause
        of that one, one started before it whose words go on then (speech overlapping: a
        short "Mm-hm." said inside a long cue took the place for the rest of that cue)."""
        i = bisect_right(self._ms, ms) - 1
        if i < 0:
            return None
        last = self.entries[self._by_ms[i]]
        if last.speaking(ms):
            return last
        before = (self.entries[self._by_ms[j]] for j in range(i - 1, max(i - OVERLAPS, 0) - 1, -1))
        return next((entry for entry in before if entry.speaking(ms)), last)

    def ms_at(self, offset: int) -> int | None:
        """When `offset` is spoken; None before the first time in the text."""
        entry = self.entry_at(offset)
        if entry is None and self.lead is not None and self.lead <= offset:
            return self.entries[0].start_ms  # the first time's name line
        return entry.ms_at(offset) if entry is not None else None

    def end_ms(self, end: int, text: str) -> int | None:
        """When the words ending at `end` (a paragraph's end) are said: where only blanks
        follow them in their piece, the piece's end time (a cue's own end, before a pause;
        a stretch's, the next paragraph's time); else the time estimated there. The
        estimate gave the blank lines up to the next paragraph a share of the time, and
        Play Paragraph cut a short turn's last words."""
        entry = self.entry_at(max(0, end - 1))
        if entry is None:
            return None
        piece_end, piece_end_ms = entry.piece_end(max(0, end - 1))
        if piece_end_ms is not None and end <= piece_end and not text[end:piece_end].strip():
            return piece_end_ms
        return entry.ms_at(end)

    def offset_at(self, ms: int) -> int | None:
        """The place spoken at `ms`; None before the first time."""
        entry = self.entry_at_ms(ms)
        return entry.offset_at(ms) if entry is not None else None


def format_time(ms: int) -> str:
    """ "1:02:03" or "2:03": how the player and the notes write a time."""
    seconds = max(0, ms) // 1000
    hours, minutes = seconds // 3600, seconds // 60 % 60
    if hours:
        return f"{hours}:{minutes:02d}:{seconds % 60:02d}"
    return f"{minutes}:{seconds % 60:02d}"


def time_link(ms: int, name: str = "", place: str = "") -> str:
    """A Markdown link in the notes that plays the recording from `ms` when followed:
    the target is a W3C media fragment (#t=seconds), which browsers also understand.
    The study memo's names the interview ("[▶ P01 Ana, 12:05]") and has its `place`
    before the fragment ("interview:<id>#t=725"), as a quote's link does."""
    time = format_time(link_rounded(ms))
    return f"[▶ {link_text(f'{name}, {time}') if name else time}]({place}{time_fragment(ms)})"


def time_fragment(ms: int) -> str:
    """The W3C media fragment of `ms` as a time link holds it: "#t=12.3", "#t=28"."""
    tenths = link_rounded(ms) // 100
    return f"#t={tenths // 10}.{tenths % 10}".removesuffix(".0")


def link_rounded(ms: int) -> int:
    """`ms` as a time link holds it: to the tenth of a second, as close as a link needs
    (59,960 is 1:00, not 0:59)."""
    return (max(0, ms) + 50) // 100 * 100


def link_ms(url: str) -> int | None:
    """The milliseconds of a time link's target ("#t=83.5"), None for any other link.
    A media fragment with no start ("#t=,20") starts at 0:00, as the W3C's does."""
    if not url.startswith("#t="):
        return None
    start, comma, end = url[3:].partition(",")
    if not start and comma and _fragment_ms(end) is not None:
        return 0
    return _fragment_ms(start)


def link_end_ms(url: str) -> int | None:
    """Where a time link's fragment ends ("#t=35,38": 38,000), None where it gives no end
    or none after its start."""
    begun = link_ms(url)
    _, comma, end = url.partition(",")
    ms = _fragment_ms(end) if comma and begun is not None else None
    return ms if ms is not None and begun is not None and ms > begun else None


def _fragment_ms(value: str) -> int | None:
    """One time of a media fragment: seconds ("83.5"), or a written time ("1:23",
    "npt:00:01:23"), whole."""
    from reader.core.transcripts import time_ms

    value = value.removeprefix("npt:")
    if ":" in value:  # "1:23", "npt:00:01:23"; the whole of it, or no time ("0:5")
        return time_ms(value) if _WRITTEN_TIME.fullmatch(value) else None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return round(seconds * 1000) if 0 <= seconds < MAX_SECONDS else None


# The slowest speech a piece's words are spread over, in ms a character (some 8 characters
# a second): the time from a written time to the next (a pause, untimed paragraphs, a
# break) is no paragraph's speech, and a click on its first words played minutes late.
SLOWEST_MS_A_CHAR = 120


def _ended_by_its_stamp(text: str, segments: Sequence[Segment], last: SyncEntry) -> SyncEntry:
    """The last timed stretch, ending at the stamp after its words where the transcript
    stamps paragraphs' ends (f4transkript's "… we left. #00:00:31-0#", interview.py's
    `_with_end_stamps`): its words were spread to the recording's end, and Play Paragraph
    played on past them. Only where the paragraph before ends in the stamp that times it."""
    from reader.core.transcripts import time_ms

    at = bisect_right([s.start for s in segments], last.start) - 1
    paragraphs = [s for s in segments[: at + 1] if s.role != Role.ASIDE][-2:]
    if len(paragraphs) < 2:
        return last
    before, own = (end_stamp(text[s.start : s.end].rstrip()) for s in paragraphs)
    ms = time_ms(own) if own and time_ms(before) == last.start_ms else None
    return replace(last, end_ms=ms) if ms is not None and ms > last.start_ms else last


def _said_from(text: str, segment: Segment, words: int, ms: int) -> tuple[CueTime, ...]:
    """A written time's words (from `_words_start`) as a cue of their own, after its time
    and label ("[00:00:20] Ana: ", a name line above them), which take no time; none when
    they start where its paragraph does."""
    words = speech_start(text, segment) if words == segment.start else words
    return ((words, ms, None),) if words > segment.start else ()


def _words_start(text: str, segments: Sequence[Segment], i: int) -> int:
    """Where the words timed by segment `i` start: its own start, or, for a time and a name
    alone on their line ("00:00:09 Ana" above "Yes."), the untimed paragraph below. Timed
    as the name line, the words began at an estimate (0:30, not 0:09)."""
    segment = segments[i]
    below = segments[i + 1] if i + 1 < len(segments) else None
    if below is None or below.timestamp:
        return segment.start
    rest = text[segment.start : segment.end].replace(segment.timestamp, "", 1)
    rest = rest.replace(segment.label, "", 1) if segment.label else rest
    return below.start if not rest.strip(" \t\n:[](){}#-–—") else segment.start


def _shared(entries: list[SyncEntry]) -> list[SyncEntry]:
    """The entries, those following one another at the same time sharing it by their
    characters: one cue holding two speakers' lines, Otter's turns in the same second.
    The first was never followed, the last taking the time from its start, and Play
    Paragraph on the first played the others too. Their written time stays the margin's
    (SyncTable.marks)."""
    shared = list(entries)
    i = 0
    while i < len(entries):
        j = i + 1
        while j < len(entries) and entries[j].start_ms == entries[i].start_ms:
            j += 1
        run = entries[i:j]
        ends = [e.end_ms for e in run if e.end_ms is not None]
        if len(run) > 1 and ends and max(ends) > run[0].start_ms:
            start_ms, span = run[0].start_ms, max(ends) - run[0].start_ms
            sizes = list(accumulate((e.end - e.start for e in run), initial=0))
            times = [start_ms + span * size // max(sizes[-1], 1) for size in sizes]
            for k, entry in enumerate(run):
                shared[i + k] = replace(entry, start_ms=times[k], end_ms=times[k + 1])
        i = j
    return shared


def _ended(entries: list[SyncEntry]) -> list[SyncEntry]:
    """The entries, each without an end time ending when the next later time starts: a
    time written twice, or going back (a recording restarted), left the one before it no
    end, and Play Paragraph played on to the recording's end. Found from the last back,
    keeping the later times still ahead in rising order: one pass, where looking ahead
    from each took 0.3 s for 5,000 paragraphs of one time."""
    ended = list(entries)
    ahead: list[int] = []  # start times after the entry, each earlier than those after it
    for i in range(len(entries) - 1, -1, -1):
        entry = entries[i]
        while ahead and ahead[-1] <= entry.start_ms:
            ahead.pop()
        if entry.end_ms is None and ahead:
            ended[i] = replace(entry, end_ms=ahead[-1])
        ahead.append(entry.start_ms)
    return ended
