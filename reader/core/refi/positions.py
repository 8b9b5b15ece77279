"""A source's positions as its tool counts them, mapped to our text (LF line ends, NFC).

REFI-QDA 1.5 (10.2) says Unicode code points of the file and leaves line ends to each
tool. This app and QualCoder count code points, a line end CRLF as two; ATLAS.ti counts
CRLF as one; QualCoder's option for MAXQDA writes CRLF into the file but keeps positions
that counted LF alone; a .NET, Java or JavaScript program counts UTF-16 units, an emoji
two, and one that keeps LF text (ATLAS.ti's CRLF as one) both. Counted the wrong way, every
passage after the first line end (or emoji) lands a little early, on the wrong words. So
each source is read the way under which most of its selections select the words their
names quote (QualCoder names a selection by its words, NVivo and this app by their start),
or, where no name tells (MAXQDA's), under which most of them begin and end at words; the
origin's way on a tie (`counting_of`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from enum import Enum

from reader.core.line_ends import lf_line_ends
from reader.core.shorten import ELLIPSIS

MIN_QUOTED = 4  # a name shorter than this quotes too little to tell one way from another


class Counting(Enum):
    """How a tool counts positions in a source's text."""

    CODE_POINTS = "code points, a CRLF as two"
    CRLF_ONCE = "code points, a CRLF as one"
    UTF16 = "UTF-16 units"
    UTF16_CRLF_ONCE = "UTF-16 units, a CRLF as one"


class Positions:
    """Maps a position of the source, counted as `counting` says, to our normalised text."""

    def __init__(self, raw: str, counting: Counting) -> None:
        self.raw = raw
        self.counting = counting
        self._crlf = [m.start() for m in re.finditer("\r\n", raw)]
        once = counting in (Counting.CRLF_ONCE, Counting.UTF16_CRLF_ONCE)
        utf16 = counting in (Counting.UTF16, Counting.UTF16_CRLF_ONCE)
        # With CRLF counted once, where each CRLF is as the tool counts.
        self._once = [at - k for k, at in enumerate(self._crlf)] if once else None
        # In UTF-16, where each character beyond the BMP starts (two units each), after
        # the CRs a count of CRLF as one leaves out.
        astral = [i for i, c in enumerate(raw) if c > "\uffff"] if utf16 else []
        self._astral = [
            at - (bisect_left(self._crlf, at) if once else 0) + k for k, at in enumerate(astral)
        ]
        lf = lf_line_ends(raw)  # the reader's line ends (U+2029 too): lengths stay
        self._lf = lf
        self.text = unicodedata.normalize("NFC", lf)
        # The spans NFC changes, each a run of non-ASCII characters and the character
        # before it (the letter an accent composes with): (start, end, how much longer
        # the NFC text is before the span). Normalising the whole text before each
        # position took 28 s for 4,000 selections of a decomposed (macOS) transcript.
        # NFC never reaches across an ASCII character, so the text before a span
        # normalises alone, and each position is found in its span.
        self._spans: list[tuple[int, int, int]] = []
        self._starts: list[int] = []
        self._shift = 0  # after the last span
        if self.text != lf:
            for run in re.finditer(r"[^\x00-\x7f]+", lf):
                start, end = max(run.start() - 1, 0), run.end()
                grown = len(unicodedata.normalize("NFC", lf[start:end])) - (end - start)
                if grown or not unicodedata.is_normalized("NFC", lf[start:end]):
                    self._spans.append((start, end, self._shift))
                    self._starts.append(start)
                    self._shift += grown
        # The length as the tool counts it, to check positions against.
        self.length = len(raw) - (len(self._crlf) if once else 0) + len(astral)

    def __call__(self, position: int) -> int:
        index = position - bisect_left(self._astral, position)  # UTF-16: pairs as one
        if self._once is not None:  # CRLF counted once: find the raw index
            index += bisect_left(self._once, index)
        index -= bisect_left(self._crlf, index)  # each CRLF before it became one LF
        k = bisect_right(self._starts, index) - 1
        if k < 0:
            return index
        start, end, shift = self._spans[k]
        if index < end:  # inside the span: its start normalised with it
            return start + shift + len(unicodedata.normalize("NFC", self._lf[start:index]))
        after = self._spans[k + 1][2] if k + 1 < len(self._spans) else self._shift
        return index + after


def counting_of(
    raw: str,
    named: Sequence[tuple[str, int | None, int | None]],
    origin: Counting,
    crs_lost: bool = False,
) -> tuple[Positions, int]:
    """The source's positions as the count under which most of its selections (name,
    start, end) select what their names quote, `origin`'s on a tie; and how many, read
    so, do not, where others do (names that quote nothing, "Selection 12", are no sign).
    `crs_lost`: the text was held in the project (PlainTextContent), whose XML reader
    made each CRLF an LF, as XML says, where the tool may have counted the CRs."""
    quoting = [(_squeezed(n), a, b) for n, a, b in named if a is not None and b is not None]
    quoting = [(n, a, b) for n, a, b in quoting if len(n) >= MIN_QUOTED]
    ways = [(raw, origin), *((raw, c) for c in Counting if c is not origin)]
    if crs_lost and "\n" in raw and "\r" not in raw:
        restored = raw.replace("\n", "\r\n")
        ways += [(restored, Counting.CODE_POINTS), (restored, Counting.UTF16)]
    # Each way as it reads the source, the origin's first; a way that counts nothing
    # otherwise in this text (no CRLF, no character beyond the BMP) is the origin's.
    readings = (
        Positions(text, counting)
        for text, counting in ways
        if counting is origin or _special(text, counting)
    )
    if not quoting:
        return _fitting(readings, named), 0
    read = list(readings)
    best: tuple[tuple[int, int, int], Positions] | None = None
    for positions in read:
        quoted = [_quotes(positions, *selection) for selection in quoting]
        # Selections whose words their names quote, then those they quote whole: a name
        # of full words also begins a selection one character too long (an emoji counted
        # two where none is before it), and the tie went to the origin's count.
        score = (
            sum(q > 0 for q in quoted),
            sum(q >= _WHOLE for q in quoted),
            sum(q == _EXACT for q in quoted),
        )
        if best is None or score > best[0]:
            best = (score, positions)
    assert best is not None
    (found, _, _), positions = best
    if not found:  # names that quote nothing ("Selection 12") tell nothing
        positions = _fitting(read, named)
        # Names that quote words the text has, where no count selects them, tell that
        # every passage is on other words: said, not placed silently.
        words = _squeezed(positions.text)
        return positions, sum(name in words for name, _, _ in quoting)
    return positions, len(quoting) - found


def all_quoted(positions: Positions, named: Sequence[tuple[str, int | None, int | None]]) -> bool:
    """Whether each selection (name, start, end) has a name that quotes the words it
    selects in `positions`' text: what tells a text read again from another file (a
    .docx) is the one its positions count, where one character off would be silent."""
    return all(
        len(name := _squeezed(n)) >= MIN_QUOTED and _quotes(positions, name, a, b) > 0
        for n, a, b in named
        if a is not None and b is not None
    )


def _fitting(
    readings: Iterable[Positions], named: Sequence[tuple[str, int | None, int | None]]
) -> Positions:
    """With no name to tell, the reading under which every selection fits in the text
    (UTF-16 positions read as code points ran past its end) and the most of them begin
    and end at words, as a coder selects: a count one character off for each line end
    or emoji above a selection puts it in the middle of words. The first such (the
    origin's first) on a tie; the origin's when none fits."""
    spans = [(a, b) for _, a, b in named if a is not None and b is not None]
    first: Positions | None = None
    best: tuple[int, Positions] | None = None
    for positions in readings:
        first = first or positions
        if all(0 <= a < b <= positions.length for a, b in spans):
            at_words = sum(_at_words(positions, a, b) for a, b in spans)
            if at_words == 2 * len(spans):  # all at words: none does better (nor reads on)
                return positions
            if best is None or at_words > best[0]:
                best = (at_words, positions)
    assert first is not None  # the origin's way is always read
    return best[1] if best is not None else first


def _at_words(positions: Positions, start: int, end: int) -> int:
    """How many of the selection's two ends are at a word's edge: its first character
    neither a space nor inside a word, and so its last."""
    text = positions.text
    a, b = positions(start), positions(end)
    begins = a < len(text) and not text[a].isspace() and not (a and text[a - 1].isalnum())
    ends = b > 0 and not text[b - 1].isspace() and not (b < len(text) and text[b].isalnum())
    return begins + ends


def _special(raw: str, counting: Counting) -> bool:
    """Whether the text has what `counting` counts apart: a CRLF, a character beyond the BMP."""
    astral = any(c > "\uffff" for c in raw)
    if counting is Counting.UTF16:
        return astral
    if counting is Counting.UTF16_CRLF_ONCE:  # else one of the counts above
        return astral and "\r\n" in raw
    return "\r\n" in raw


_WHOLE, _EXACT = 2, 3  # _quotes: the name is the selection's words; to the character


def _quotes(positions: Positions, name: str, start: int | None, end: int | None) -> int:
    """Whether the selection's words are what its name quotes: _EXACT when it is the
    selection character for character, _WHOLE when its words (spaces aside), 1 when it
    quotes their start (a name cut short) or they its start, 0 not."""
    assert start is not None and end is not None
    if not 0 <= start < end <= positions.length:
        return 0
    selected = positions.text[positions(start) : positions(end)]
    if selected == name:
        return _EXACT
    words = _squeezed(selected)
    if words == name:
        return _WHOLE
    # A name quoting more than its selection only when it quotes much more: read a
    # character early, a selection starts on the line end before its words and stops a
    # character short, which its name begins with too, and the wrong count tied.
    longer = len(name) - len(words) > 2 and len(words) >= MIN_QUOTED
    return int(words.startswith(name) or (longer and name.startswith(words)))


def _squeezed(text: str) -> str:
    """`text` with its spaces and line ends as single spaces, a trailing "…" or "..."
    (a name shortened) left off, NFC."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text.removesuffix(ELLIPSIS).removesuffix("...").rstrip()
