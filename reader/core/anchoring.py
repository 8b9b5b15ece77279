"""Re-anchoring of highlights on a changed text: kept, moved (exactly or fuzzily) or orphaned."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache, lru_cache

from reader.core.annotations import Highlight, quote_context
from reader.core.shorten import continues_character, whole_characters
from reader.core.wording import counted

FUZZY_THRESHOLD = 80.0  # rapidfuzz similarity (0-100) a changed quote needs to count as found
SAME_WORDS = 95.0  # a quote this similar is its own words corrected, wherever it stands
CONTEXT_AGREES = 70.0  # else the words beside it on one side at least must be this similar
MIN_CONTEXT_CHARS = 8  # of a side's saved words, for it to say anything
MIN_FUZZY_CHARS = 8  # shorter quotes fit too many places fuzzily, so they only move exactly
NEAR_CHARS = 2_000  # searched around the expected place before the whole text is
DISTANCE_PENALTY = 1.0  # score a match the whole text away loses: ties go to the nearer one
MAX_CANDIDATES = 256  # a short common quote can occur 10^5 times: score only the nearest
SEED_PIECES = 4  # whole-text fuzzy search starts where a piece of the quote survives verbatim
MIN_SEED_CHARS = 8  # shorter pieces occur almost everywhere and would find nothing useful
MAX_SEED_HITS = 16  # per piece, the nearest hits only
CONTEXT_LETTERS = 8  # of the quote's context on each side, found again around a respaced one
# A quote this long, found once (by its words) with other words on both sides, is taken as
# moved; a shorter one ("Yes.", "at dawn") is said as often elsewhere as not.
DISTINCT_CHARS = 24
SIDE_CHARS = 256  # searched on each side for its saved words, with a sentence put in between
# A time a turn opens with, "[00:00:06] Ana: Yes.", "(01:23) ", "00:01:23 ": a re-export
# without times drops them all.
_TURN_TIME = re.compile(
    r"(?m)^[ \t]*(?:\[\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?\]|\(\d{1,2}(?::\d{2}){1,2}"
    r"(?:[.,]\d{1,3})?\)|\d{1,2}(?::\d{2}){2}(?:[.,]\d{1,3})?)[ \t]+"
)
# What a turn opens with: its time, if any, and its speaker's name ("Interviewer (MK): "),
# also where a quote's context begins within it.
_TURN_LABEL = re.compile(
    r"(?m)^[ \t]*(?:[\[(]?[\d:.,]*[\])]?[ \t]+)?(?:[^\W\d][\w.'()-]*(?: [\w.'()-]+){0,3}:[ \t])?"
)
# What of such a time a quote's saved words, cut at their length, begin or end with.
_CUT_TIME_AT_START = re.compile(r"\A[\d:.,]*[\])][ \t]+")
_CUT_TIME_AT_END = re.compile(r"(?m)^[ \t]*[\[(]?\d{0,2}(?::\d{0,2}){0,2}(?:[.,]\d{0,3})?\Z")


class AnchorStatus(StrEnum):
    KEPT = "kept"
    MOVED = "moved"
    ORPHANED = "orphaned"


@dataclass(frozen=True)
class AnchorResult:
    """A highlight placed again in an edited text, and how it fared."""

    highlight: Highlight
    status: AnchorStatus


@dataclass(frozen=True)
class AnchorSummary:
    """How many highlights re-anchoring kept, moved and orphaned."""

    kept: int
    moved: int
    orphaned: int
    reworded: int = 0  # of the moved, those found on other words (fuzzily), not respaced
    # What happened, said first: the text unchanged, a notes file whose places do not
    # match it (a hand edit, another tool) says so.
    changed: str = "The transcript changed since last time"

    def message(self, changed: str = "") -> str:
        """`changed`: what happened, for a change seen while the interview is open. Said
        as found and not found: "0 highlights kept, 3 moved, 0 orphaned" read as if all
        were lost, where all were found again."""
        changed = changed or self.changed
        total = self.kept + self.moved + self.orphaned
        reworded = f", {self.reworded} of them on changed words" if self.reworded else ""
        moved = f" ({self.moved} at a new place{reworded})" if self.moved else ""
        if not total:
            return ""  # nothing to say of no highlights
        if not self.orphaned:
            found = "the highlight" if total == 1 else f"all {total} highlights"
            return f"{changed}: {found} found again{moved}."
        return (
            f"{changed}: {self.kept + self.moved} of {counted(total, 'highlight')} found "
            f"again{moved}; {self.orphaned} not found in the text, kept with "
            f"{'its' if self.orphaned == 1 else 'their'} words under Not found in the "
            "Annotations list."
        )


def anchor(text: str, highlight: Highlight) -> AnchorResult:
    """Where `highlight` is in `text`: at its offsets, elsewhere exactly, fuzzily, or nowhere."""
    return _anchor(text, highlight, 0)[0]


def all_in_place(text: str, highlights: list[Highlight]) -> bool:
    """Whether each highlight still quotes its own span of `text` and is no orphan. For the
    text the highlights were saved with (the notes file's hash of it matches), the app left
    each whole characters with fresh context: nothing is left to place again (10,000 are
    checked in about 10 ms; placing each again took 50)."""
    n = len(text)
    return all(
        not h.orphan and 0 <= h.start <= h.end <= n and text[h.start : h.end] == h.exact
        for h in highlights
    )


def reanchor_all(
    text: str, highlights: list[Highlight]
) -> tuple[list[AnchorResult], AnchorSummary]:
    """anchor() for each highlight (results in the same order) and the counts of each status."""
    placed: dict[int, AnchorResult] = {}
    # Edits shift everything after them, so in document order the shift of the previous
    # highlight predicts the next one's place: one slice comparison instead of a search.
    shift = 0
    order = sorted(range(len(highlights)), key=lambda i: highlights[i].start)
    for i in order:
        placed[i], sure = _anchor(text, highlights[i], shift)
        if sure:
            shift = placed[i].highlight.start - highlights[i].start
    results = [placed[i] for i in range(len(highlights))]
    results = _each_span_once(text, highlights, results, order)
    counts = Counter(r.status for r in results)
    reworded = sum(
        r.status is AnchorStatus.MOVED and _words(r.highlight.exact) != _words(h.exact)
        for r, h in zip(results, highlights, strict=True)
    )
    return results, AnchorSummary(
        counts[AnchorStatus.KEPT],
        counts[AnchorStatus.MOVED],
        counts[AnchorStatus.ORPHANED],
        reworded,
    )


def _each_span_once(
    text: str, highlights: list[Highlight], results: list[AnchorResult], order: list[int]
) -> list[AnchorResult]:
    """`results`, where highlights made on different words (apart, not overlapping) were
    placed on the same span, with that span left to one of them and the others said not
    found: words said twice, one of them deleted, are found again once, and the deleted
    one's note had gone onto the other, two notes on one turn. The span is left to the
    one placed in the order they were saved in (`order`: their indices by saved place),
    then to the one whose saved context is most like its own."""
    found = [i for i, r in enumerate(results) if r.status is not AnchorStatus.ORPHANED]
    spans = [(results[i].highlight.start, results[i].highlight.end) for i in found]
    if len(set(spans)) == len(spans):  # nearly always: each on a span of its own
        return results
    claims: dict[tuple[int, int], list[int]] = {}
    for i, span in zip(found, spans, strict=True):
        claims.setdefault(span, []).append(i)
    contested = [
        (span, claimants)
        for span, claimants in claims.items()
        if len(claimants) > 1
        and min(highlights[i].end for i in claimants) <= max(highlights[i].start for i in claimants)
    ]
    if not contested:
        return results
    rank = {i: k for k, i in enumerate(order)}

    def in_order(i: int, start: int, others: list[int]) -> int:
        """On how many sides (0-2) the nearest highlight placed, not among `others`, stands
        where the order they were saved in puts it."""
        sides = 0
        for step in (-1, 1):
            k = rank[i] + step
            while 0 <= k < len(order) and (
                order[k] in others or results[order[k]].status is AnchorStatus.ORPHANED
            ):
                k += step
            if not 0 <= k < len(order):
                sides += 1
            else:
                sides += (results[order[k]].highlight.start - start) * step >= 0
        return sides

    out = list(results)
    for (start, end), claimants in contested:
        fits = {
            i: (in_order(i, start, claimants), _fit(text, highlights[i], start, end))
            for i in claimants
        }
        best = highlights[max(claimants, key=fits.__getitem__)]
        for i in claimants:
            h = highlights[i]
            if h.end <= best.start or best.end <= h.start:
                out[i] = _orphaned(h)
    return out


def _fit(text: str, h: Highlight, start: int, end: int) -> float:
    """How like the words beside text[start:end] are to those `h` was saved with, their
    turns' times and speakers' names left out (see `_spoken`)."""
    from rapidfuzz import fuzz

    before = _spoken(text[max(0, start - len(h.prefix)) : start])
    after = _spoken(text[end : end + len(h.suffix)])
    return fuzz.ratio(_spoken(h.prefix), before) + fuzz.ratio(_spoken(h.suffix), after)


def _words(quote: str) -> str:
    """A quote without its spaces: respaced (cues joined without one), its words are its
    own still."""
    return "".join(quote.split())


class PlacedAgain:
    """The open interview's highlights as they were placed before a change of its
    transcript placed them again, while nothing but that has moved them: the next change
    places them from those. A transcript seen half-written for a moment (an editor writing
    in place, a slow network drive) shortened a quote to the words the half held, and the
    whole text, a moment later, kept it short. A note, code or colour given meanwhile goes
    with it."""

    def __init__(self) -> None:
        self._before: dict[str, tuple[Highlight, Highlight]] = {}  # id: (before, placed)

    def originals(self, highlights: list[Highlight]) -> list[Highlight]:
        """`highlights`, those that only re-anchoring moved placed as before it, with what
        else of them changed since."""
        out = []
        for h in highlights:
            before, placed = self._before.get(h.id, (h, None))
            same_place = placed is not None and _anchor_of(placed) == _anchor_of(h)
            out.append(_moved_to(h, before) if same_place else h)
        return out

    def remember(self, before: list[Highlight], placed: list[Highlight]) -> None:
        """`placed`: `before` (as `originals` gave them) placed again in a changed text."""
        was = {h.id: h for h in before}
        self._before = {
            h.id: (was[h.id], h)
            for h in placed
            if h.id in was and _anchor_of(was[h.id]) != _anchor_of(h)
        }


def _anchor_of(h: Highlight) -> tuple[object, ...]:
    return h.start, h.end, h.exact, h.prefix, h.suffix, h.orphan


def _moved_to(h: Highlight, place: Highlight) -> Highlight:
    """`h` where `place` is."""
    return replace(
        h,
        start=place.start,
        end=place.end,
        exact=place.exact,
        prefix=place.prefix,
        suffix=place.suffix,
        orphan=place.orphan,
    )


def _anchor(text: str, h: Highlight, shift: int) -> tuple[AnchorResult, bool]:
    """The result, and whether it is sure enough to predict where the next highlights went."""
    exact, n = h.exact, len(h.exact)
    in_place = 0 <= h.start <= h.end <= len(text) and text[h.start : h.end] == exact
    if in_place and _whole_at(text, h.start, n) and _same_context(text, h):
        return AnchorResult(_placed(text, h, h.start, h.end), AnchorStatus.KEPT), True
    if not exact:
        return AnchorResult(replace(h, orphan=True), AnchorStatus.ORPHANED), False
    expected = h.start + shift
    if (
        shift
        and expected >= 0
        and text.startswith(exact, expected)
        and _whole_at(text, expected, n)
    ):
        return _moved(text, h, expected, expected + n), True
    found = _whole_near(text, exact, expected)
    near = _its_places(text, h, found)
    if in_place and h.start in found and h.start not in near:  # still where it was
        near.append(h.start)
    # Its words changed where they were, nearer than the same words elsewhere: a question
    # asked in every round of an interview, beside the same words each time, its typo
    # corrected in one round, went to the nearest copy whose words still read as it had,
    # its note with it; rewritten, it went there too. Other words between its own (not
    # the quote taken out) are said not found.
    own = _between_its_context(text, h, expected)
    if (
        own
        and (words := text[own[0] : own[1]]) != exact
        and all(_nearer_apart(text, h, own, p, expected) for p in near)
    ):
        if _still_its_words(exact, words):
            return _moved(text, h, *own), True
        if words.strip():
            return _orphaned(h), False
    if near:
        pos = _most_alike(text, h.exact, h.prefix, h.suffix, near, expected)
        if in_place and pos == h.start:  # its context changed, no better place found
            return AnchorResult(_placed(text, h, pos, pos + n), AnchorStatus.KEPT), True
        return _moved_unless_deleted(text, h, expected, pos, pos + n, True)
    # A transcript exported again without times: the quote is found as its words, before
    # fuzzily with its time, which took it to any turn alike nearer a place its neighbours'
    # times (gone too) had put further off. Found between its very words, it steers the
    # next highlights as any quote found does.
    timeless = _without_turn_times(text, h)
    if timeless is not None:
        result, sure = _anchor(text, timeless, shift)
        found = result.highlight
        if not found.orphan and _between_the_same_words(text, timeless, found.start, found.end):
            return AnchorResult(found, AnchorStatus.MOVED), sure
    respaced = _respaced(text, h, expected)  # a short quote's, with its context's letters
    if respaced and (
        n < MIN_FUZZY_CHARS or _its_places(text, h, [respaced[0]], respaced[1] - respaced[0])
    ):
        return _moved(text, h, *respaced), True
    everywhere = _whole_everywhere(text, exact)
    its_own = _its_places(text, h, _nearest(everywhere, expected))
    if its_own:
        pos = _most_alike(text, h.exact, h.prefix, h.suffix, its_own, expected)
        # Only a unique far match may steer the next highlights: in repeated text a copy
        # elsewhere would drag all of them into the wrong copy.
        return _moved_unless_deleted(text, h, expected, pos, pos + n, len(everywhere) == 1)
    if n >= MIN_FUZZY_CHARS:
        # Within its length of where it was first, then further off, the first of equal
        # matches kept: the same words said again further off won as often (a turn whose
        # time a re-export changed, "[00:00:06] Ana: Yes.", went to the next "[00:00:14]
        # Ana: Yes.", and that one to the first).
        windows = [(expected - slack, expected + n + slack) for slack in (n, 3 * n + 256)]
        span = _fuzzy(text, exact, windows)
        if span and _its_own(text, h, *span):
            return _moved_unless_deleted(text, h, expected, *span, True)
        span = _fuzzy(text, exact, _seed_windows(text, exact, expected))
        if span and _its_own(text, h, *span):
            return _moved_unless_deleted(text, h, expected, *span, False)
    return _orphaned(h), False


def _moved_unless_deleted(
    text: str, h: Highlight, expected: int, start: int, end: int, sure: bool
) -> tuple[AnchorResult, bool]:
    """`h` moved to text[start:end] (`sure`: see `_anchor`), unless the words it was saved
    between stand side by side nearer `expected`: its turn was deleted there, and the
    words found are a copy of it, said again elsewhere. A long answer said twice, one of
    them deleted, took the other's place and the note with it, its saved context (mostly
    a speaker's name, or the same question asked again) passing for its own."""
    closed = _closed_gap(text, h, expected)
    if closed is not None and abs(closed - expected) < abs(start - expected):
        return _orphaned(h), False
    return _moved(text, h, start, end), sure


def _closed_gap(text: str, h: Highlight, expected: int) -> int | None:
    """Where, nearest `expected`, the words the quote was saved between now meet, with
    nothing but spaces between them: the quote gone from between them. Times a re-export
    took off the text are taken off them too. None where they do not meet near it, or
    either side saved too few words to tell."""
    prefix, suffix = _context_now(text, h)
    before, after = prefix.rstrip(), suffix.lstrip()
    if min(len(before), len(after)) < MIN_CONTEXT_CHARS:
        return None
    lo = expected - NEAR_CHARS - len(before)
    hi = expected + len(h.exact) + NEAR_CHARS + len(before)
    meets = [
        p + len(before)
        for p in _occurrences(text, before, lo, hi)
        if text[p + len(before) : p + len(before) + len(suffix) + 2].lstrip().startswith(after)
    ]
    return min(meets, key=lambda m: abs(m - expected)) if meets else None


def _context_now(text: str, h: Highlight) -> tuple[str, str]:
    """The quote's saved context, without the times its turns opened with where `text`
    has none left (exported again without times)."""
    if _has_turn_times(text):
        return h.prefix, h.suffix
    return (
        _CUT_TIME_AT_START.sub("", _TURN_TIME.sub("", h.prefix)),
        _CUT_TIME_AT_END.sub("", _TURN_TIME.sub("", h.suffix)),
    )


def _without_turn_times(text: str, h: Highlight) -> Highlight | None:
    """`h` without the times its turns open with, where `text` has none left (exported
    again without times), to be found as its words: a short turn highlighted whole,
    "[00:00:06] Ana: Yes.", is too unlike "Ana: Yes." to be found so. None where the quote
    holds no such time, or the text still does (the quote's turn gone, not its time)."""
    exact = _TURN_TIME.sub("", h.exact)
    if exact == h.exact or not exact.strip() or _has_turn_times(text):
        return None
    lead = _TURN_TIME.match(h.exact)
    start = h.start + (lead.end() if lead else 0)
    prefix, suffix = _context_now(text, h)
    return replace(
        h, start=start, end=start + len(exact), exact=exact, prefix=prefix, suffix=suffix
    )


def _between_the_same_words(text: str, h: Highlight, start: int, end: int) -> bool:
    """Whether text[start:end] stands between the very words `h` was saved between (nearly:
    SAME_WORDS alike), on both sides; a side with next to no words saved, at the text's
    start or end, there too. A turn's words are said in other turns too, between others
    much like them ("Ana: Yes.", "Interviewer: Yes."): its turn deleted with the times,
    its highlight went to another's."""
    from rapidfuzz import fuzz

    prefix, suffix = h.prefix, h.suffix
    if len(prefix) < MIN_CONTEXT_CHARS:
        before = start == len(prefix) and text.startswith(prefix)
    else:
        before = fuzz.ratio(prefix, text[max(0, start - len(prefix)) : start]) >= SAME_WORDS
    if len(suffix) < MIN_CONTEXT_CHARS:
        return before and end + len(suffix) == len(text) and text.endswith(suffix)
    return before and fuzz.ratio(suffix, text[end : end + len(suffix)]) >= SAME_WORDS


@lru_cache(maxsize=1)  # asked for each such highlight of one text
def _has_turn_times(text: str) -> bool:
    return _TURN_TIME.search(text) is not None


def _orphaned(h: Highlight) -> AnchorResult:
    return AnchorResult(h if h.orphan else replace(h, orphan=True), AnchorStatus.ORPHANED)


def _same_context(text: str, h: Highlight) -> bool:
    """Whether the words beside the highlight's place are still those it was saved with.
    A short answer ("Yes.") is found at its old offsets in another exchange put in before
    it, as long as the one it answered: kept there, its note went with the other answer.
    Its context changed, it is looked for near, the best context winning."""
    before = text[max(0, h.start - len(h.prefix)) : h.start]
    return before == h.prefix and text[h.end : h.end + len(h.suffix)] == h.suffix


def _nearer_apart(text: str, h: Highlight, own: tuple[int, int], copy: int, expected: int) -> bool:
    """Whether the span `own` is nearer `expected` than the quote's copy at `copy`, and
    apart from it: a copy within it is the quote itself, shifted (in a text of one letter
    repeated, "00000010" was put one letter before itself), and so is a copy between its
    saved words whose passage takes in `own` ("00000001" after "00000000", the insert
    before it ending "00000001", was cut to "000000" between the saved words as found)."""
    start, end = copy, copy + len(h.exact)
    beside = start >= len(h.prefix) and text.startswith(h.prefix, start - len(h.prefix))
    if beside and text.startswith(h.suffix, end):
        start, end = start - len(h.prefix), end + len(h.suffix)
    apart = own[1] <= start or end <= own[0]
    return apart and abs(own[0] - expected) < abs(copy - expected)


def _between_its_context(text: str, h: Highlight, expected: int) -> tuple[int, int] | None:
    """The span between the quote's saved words on each side, found whole around
    `expected`, at most twice the quote's length: where the quote was. A short quote
    (fewer than MIN_FUZZY_CHARS) moves only exactly, as elsewhere."""
    prefix, suffix, n = h.prefix, h.suffix, len(h.exact)
    if n < MIN_FUZZY_CHARS or min(len(prefix), len(suffix)) < MIN_CONTEXT_CHARS:
        return None
    lo = expected - NEAR_CHARS - len(prefix)
    found = _occurrences(text, prefix, lo, expected + NEAR_CHARS)
    if not found:
        return None
    start = min(found, key=lambda p: abs(p + len(prefix) - expected)) + len(prefix)
    end = text.find(suffix, start, start + 2 * n + len(suffix))
    return None if end == -1 else (start, end)


def _still_its_words(quote: str, words: str) -> bool:
    """Whether `words`, where `quote` was, are it still: like it (a typo corrected), or it
    with words put in, whatever its spacing, case and quotation marks (see `_respaced`)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import LCSseq

    quote, words = _plain(quote), _plain(words)
    alike = fuzz.ratio(quote, words) >= FUZZY_THRESHOLD
    return alike or LCSseq.similarity(quote, words) == len(quote)


def _plain(words: str) -> str:
    """`words` as `_respaced` reads them: single spaces, no case, plain quotation marks."""
    return " ".join(words.split()).casefold().translate(_quote_marks()[1])


def _its_own(text: str, h: Highlight, start: int, end: int) -> bool:
    """Whether words found only like the quote are its own words changed, not other words
    like them: beside the same words on one side at least, or nearly the same (a typo
    corrected) and said nowhere else. "We never had enough money for the servers",
    rewritten, was found in "We never had enough time for the tests", another question's
    answer, and its note with it; orphaned, it keeps its words for the user to place again.
    Words said more than once (a long answer repeated) are another turn's as often as its
    own: with its time gone in a re-export, the turn went to whichever copy scored a hair
    better (a digit of the time matching), and its turn deleted, to a copy between other
    words; not found is better than a guess. A correction leaves a turn's time as it
    was: in a text that still has times, the same words at another time are another turn
    said alike (its own deleted, its note went there)."""
    from rapidfuzz import fuzz

    if _beside_its_words(text, h, start, end):
        return True
    words = text[start:end]
    return (
        fuzz.ratio(h.exact, words) >= SAME_WORDS
        and (not _has_turn_times(text) or _TURN_TIME.findall(h.exact) == _TURN_TIME.findall(words))
        and len(_whole_everywhere(text, words)) == 1
    )


def _beside_its_words(text: str, h: Highlight, start: int, end: int) -> bool:
    """Whether the words beside text[start:end] are like those the quote was saved with,
    on one side at least, the times and speakers' names their turns open with left out
    (see `_spoken`). A side with next to no words saved (the text's start or end) tells
    nothing: "" is 100% like "", and a highlight at the end went to any answer like it."""
    from rapidfuzz import fuzz

    sides = [
        (h.prefix, text[max(0, start - len(h.prefix)) : start]),
        (h.suffix, text[end : end + len(h.suffix)]),
    ]
    return any(
        len(saved) >= MIN_CONTEXT_CHARS
        and (words := _spoken(saved))
        and fuzz.ratio(words, _spoken(now)) >= CONTEXT_AGREES
        for saved, now in sides
    )


def _spoken(context: str) -> str:
    """A quote's context without the times and speakers' names its turns open with, its
    spacing single: "Ana: " and "[00:00:06] " are most of the context a short turn is
    saved with, and alike beside every other turn of the same speaker."""
    return " ".join(_TURN_LABEL.sub(" ", context).split())


def _its_places(text: str, h: Highlight, positions: list[int], n: int = -1) -> list[int]:
    """Of the `positions` where the quote's words (`n` long, its own length by default)
    are found away from its place, those that are the quote moved: beside its words on one
    side at least, between them further off, or, for a quote of DISTINCT_CHARS or more,
    its only place. "Yes." with a note, deleted from one answer with its sentence, went
    to the "Yes." of the next answer, "found again at a new place", its note on words it
    was never about."""
    n = len(h.exact) if n < 0 else n
    agreeing = [
        p
        for p in positions
        if _beside_its_words(text, h, p, p + n) or _between_its_words(text, h, p, p + n)
    ]
    if agreeing or len(positions) != 1 or len(h.exact) < DISTINCT_CHARS:
        return agreeing
    return positions


def _between_its_words(text: str, h: Highlight, start: int, end: int) -> bool:
    """Whether the words the quote was saved between are still on either side of
    text[start:end], within SIDE_CHARS: words put in on both sides of it leave them there,
    further off; the quote deleted leaves them side by side, away from other words like
    it. A side with next to no words saved (the text's start or end) is no sign against."""
    from rapidfuzz import fuzz

    sides = [
        (h.prefix, text[max(0, start - SIDE_CHARS) : start]),
        (h.suffix, text[end : end + SIDE_CHARS]),
    ]
    return all(
        len(saved) < MIN_CONTEXT_CHARS or fuzz.partial_ratio(saved, now) >= CONTEXT_AGREES
        for saved, now in sides
    )


def _placed(text: str, h: Highlight, start: int, end: int) -> Highlight:
    """`h` at text[start:end], widened to whole characters, with fresh context; `h`
    itself when nothing changed. (Vowel marks added to an Arabic transcript stood after
    a quote that had ended with their letter; a fuzzy match may end inside a letter.)"""
    start, end = whole_characters(text, start, end)
    prefix, exact, suffix = quote_context(text, start, end)
    if (start, end, exact, prefix, suffix) == (h.start, h.end, h.exact, h.prefix, h.suffix):
        return replace(h, orphan=False) if h.orphan else h
    return replace(h, start=start, end=end, exact=exact, prefix=prefix, suffix=suffix, orphan=False)


def _moved(text: str, h: Highlight, start: int, end: int) -> AnchorResult:
    return AnchorResult(_placed(text, h, start, end), AnchorStatus.MOVED)


def _occurrences(text: str, exact: str, lo: int, hi: int) -> list[int]:
    """Start offsets of `exact` lying wholly within text[lo:hi], ascending."""
    lo, hi = max(0, lo), min(len(text), hi)
    found: list[int] = []
    pos = text.find(exact, lo, hi)
    while pos != -1:
        found.append(pos)
        pos = text.find(exact, pos + 1, hi)
    return found


def _whole_near(text: str, exact: str, expected: int) -> list[int]:
    """`exact`'s occurrences within NEAR_CHARS of `expected` (see `_whole`)."""
    n = len(exact)
    return _whole(
        text, _occurrences(text, exact, expected - NEAR_CHARS, expected + n + NEAR_CHARS), n
    )


def _whole_everywhere(text: str, exact: str) -> list[int]:
    """`exact`'s occurrences in the whole text (see `_whole`)."""
    return _whole(text, _occurrences(text, exact, 0, len(text)), len(exact))


def _whole(text: str, positions: list[int], n: int) -> list[int]:
    """Of the occurrences at `positions` (each `n` long), those of whole characters, when
    there are any: "0" inserted with an accent before the quoted "0" is another letter
    ("0̀"), not the quote moved (its nearer place drew the highlight onto it)."""
    whole = [p for p in positions if _whole_at(text, p, n)]
    return whole or positions


def _whole_at(text: str, start: int, n: int) -> bool:
    """Whether text[start:start + n] is whole characters (splits no letter from its accent):
    a check of both edges, as `whole_characters` would widen them (each highlight pays it)."""
    return not continues_character(text, start) and not continues_character(text, start + n)


def _respaced(text: str, h: Highlight, expected: int) -> tuple[int, int] | None:
    """The quote near `expected` with only its spacing, its letters' case or its quotation
    marks changed: a double space made single, a line wrapped again, a sentence's first
    word now in lower case after an edit ("It waits" in "…, it waits"), a word in capitals,
    "straight" quotes made “curly” (see `_letters`). Every letter is in its place, so it
    is as sure as an exact match; a fuzzy one took such a quote for "t waits…" or "oo
    quick" (a span cut into a word) further off. The nearest such span.

    A short quote (fewer than MIN_FUZZY_CHARS) is found letter by letter, with the letters
    of its context around it: the spaces gone that a Japanese or Chinese subtitle file's
    cues were once joined with, and "a cat" is not found in "vacation". A longer one is
    found word by word, whatever the spaces between them.
    """
    if len(h.exact) >= MIN_FUZZY_CHARS:
        words = r"\s+".join(map(_letters, h.exact.split()))
        if not words:
            return None
        # Not into another word where the quote began or ended with one of its own.
        starts = "" if h.prefix[-1:].isalnum() or not h.exact.lstrip()[:1].isalnum() else r"(?<!\w)"
        ends = "" if h.suffix[:1].isalnum() or not h.exact.rstrip()[-1:].isalnum() else r"(?!\w)"
        pattern = re.compile(f"{starts}({words}){ends}", re.IGNORECASE)
    else:
        quote = [c for c in h.exact if not c.isspace()]
        if not quote:
            return None
        before = [c for c in h.prefix if not c.isspace()][-CONTEXT_LETTERS:]
        after = [c for c in h.suffix if not c.isspace()][:CONTEXT_LETTERS]
        parts = [_spaced(before), f"({_spaced(quote)})", _spaced(after)]
        pattern = re.compile(r"\s*".join(part for part in parts if part), re.IGNORECASE)
    lo = max(0, expected - NEAR_CHARS - len(h.prefix))
    hi = min(len(text), expected + len(h.exact) + len(h.suffix) + NEAR_CHARS)
    found = [m.span(1) for m in pattern.finditer(text, lo, hi)]
    return min(found, key=lambda span: abs(span[0] - expected)) if found else None


def _spaced(letters: list[str]) -> str:
    """A pattern of `letters` with any spacing between them."""
    return r"\s*".join(map(_letters, letters))


def _letters(letters: str) -> str:
    """A pattern of `letters`, a quotation mark or an apostrophe in them matching any of its
    kind: the transcript's quotes made typographic in another editor (or plain again) cut a
    quote's closing mark off, and a short quoted name was not found."""
    any_quote = _quote_marks()[0]
    return "".join(any_quote.get(c) or re.escape(c) for c in letters)


@cache
def _quote_marks() -> tuple[dict[str, str], dict[int, str]]:
    """Each quotation mark or apostrophe as a pattern of any of its kind, and the table
    that makes each the first of its kind. Made on first use: the folding module (~3 ms
    to import) is not needed at start-up."""
    from reader.core.folding import QUOTE_MARKS

    marks = [(mark, kind) for kind in QUOTE_MARKS for mark in kind]
    return (
        {mark: f"[{re.escape(kind)}]" for mark, kind in marks},
        str.maketrans({mark: kind[0] for mark, kind in marks}),
    )


def _nearest(positions: list[int], expected: int, limit: int = MAX_CANDIDATES) -> list[int]:
    """At most `limit` of the ascending `positions`, those nearest `expected`."""
    if len(positions) <= limit:
        return positions
    i = bisect_left(positions, expected)
    lo = min(max(0, i - limit // 2), len(positions) - limit)
    return positions[lo : lo + limit]


def _most_alike(
    text: str, exact: str, prefix: str, suffix: str, positions: list[int], expected: int
) -> int:
    """The position whose surroundings best match `prefix` and `suffix`; on a tie, the
    one nearest `expected`."""
    from rapidfuzz import fuzz  # only a moved quote needs it: start-up skips the import

    n, size = len(exact), max(1, len(text))

    def score(pos: int) -> float:
        before = text[max(0, pos - len(prefix)) : pos]
        after = text[pos + n : pos + n + len(suffix)]
        nearness = DISTANCE_PENALTY * abs(pos - expected) / size
        return fuzz.ratio(prefix, before) + fuzz.ratio(suffix, after) - nearness

    return max(positions, key=score)


def nearest_occurrence(
    text: str, exact: str, expected: int, allowed: Callable[[int], bool] = lambda _: True
) -> int | None:
    """Where `exact`, last seen at `expected` (shifted as the edits before it shifted the
    text), is now, as a highlight's quote is found exactly: of its occurrences of whole
    characters that `allowed` accepts, the nearest; None when there is none. A repeated
    line ("Right, and then what happened?") is found again as itself, not as its first
    copy."""
    if not exact:
        return None
    found = [p for p in _whole_near(text, exact, expected) if allowed(p)]
    found = found or [p for p in _whole_everywhere(text, exact) if allowed(p)]
    return min(found, key=lambda p: abs(p - expected)) if found else None


def best_occurrence(text: str, exact: str, prefix: str, suffix: str) -> int:
    """Where `exact` occurs with surroundings most like `prefix` and `suffix`, for a quote
    with no position (an imported annotation); 0 when it does not occur at all."""
    positions = _occurrences(text, exact, 0, len(text))
    return _most_alike(text, exact, prefix, suffix, positions, 0) if positions else 0


def _seed_windows(text: str, exact: str, expected: int) -> list[tuple[int, int]]:
    """Windows of the whole text around verbatim pieces of `exact`, nearest first.

    Scanning 5 MB fuzzily costs ~20 ms a quote; a few str.find calls cost ~1 ms each, and
    an edit small enough to stay above the threshold leaves most pieces of a quote intact.
    """
    n = len(exact)
    pieces = min(SEED_PIECES, n // MIN_SEED_CHARS)
    if pieces < 2:  # the one piece would be the whole quote, known to be missing
        return []
    windows: set[tuple[int, int]] = set()
    for k in range(pieces):
        a, b = k * n // pieces, (k + 1) * n // pieces
        hits = _nearest(_occurrences(text, exact[a:b], 0, len(text)), expected, MAX_SEED_HITS)
        windows.update((hit - a - n // 2, hit - a + n + n // 2) for hit in hits)
    return sorted(windows, key=lambda w: abs(w[0] - expected))


def _fuzzy(text: str, exact: str, windows: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span best matching `exact` within `windows`, if similar enough."""
    from rapidfuzz import fuzz

    best = None
    for lo, hi in windows:
        lo, hi = max(0, lo), min(len(text), hi)
        cutoff = best[0] if best else FUZZY_THRESHOLD  # equal scores keep the nearer window
        found = fuzz.partial_ratio_alignment(exact, text[lo:hi], score_cutoff=cutoff)
        if found and (best is None or found.score > best[0]):
            best = (found.score, lo + found.dest_start, lo + found.dest_end)
    if best is None:
        return None
    start, end = best[1], best[2]
    # The quote's very words keep their length: snapped to whole words, ten zeros found
    # among fourteen took an eleventh.
    if text[start:end] == exact and _whole_at(text, start, len(exact)):
        return start, end
    return _snap(text, exact, start, end)


def _snap(text: str, exact: str, start: int, end: int) -> tuple[int, int] | None:
    """Move the ends of the aligned span to where the whole quote matches best.

    partial_ratio aligns a span exactly len(exact) long, so a word inserted into the quote
    would be cut off its end, and a deleted one would pull in the next word.
    """
    from rapidfuzz import fuzz

    reach = len(exact) // 4 + 1
    ends = range(max(start + 1, end - reach), min(len(text), end + reach) + 1)
    to_end = _prefix_ratios(exact, text[start : ends.stop - 1])  # [e - start]
    new_end = max(ends, key=lambda e: (to_end[e - start], -abs(e - end)))
    starts = range(max(0, start - reach), min(new_end - 1, start + reach) + 1)
    from_start = _prefix_ratios(exact[::-1], text[starts.start : new_end][::-1])  # [new_end - s]
    new_start = max(starts, key=lambda s: (from_start[new_end - s], -abs(s - start)))
    if from_start[new_end - new_start] < FUZZY_THRESHOLD:
        return None
    whole = _whole_words(text, exact, new_start, new_end, reach)
    return (
        whole if fuzz.ratio(exact, text[slice(*whole)]) >= FUZZY_THRESHOLD else (new_start, new_end)
    )


def _prefix_ratios(quote: str, span: str) -> list[float]:
    """fuzz.ratio(quote, span[:j]) for every j from 0 to len(span), in one pass over `span`
    (Hyyrö's bit-parallel longest common subsequence, a bit of `v` for each of the quote's
    characters), to the bit as rapidfuzz computes it. Asking rapidfuzz for each j took
    len(span) comparisons of the whole quote: a paragraph-long highlight of 8,000
    characters with one typo corrected took 4 s to place again."""
    m = len(quote)
    masks: dict[str, int] = {}
    for i, c in enumerate(quote):
        masks[c] = masks.get(c, 0) | 1 << i
    everything = v = (1 << m) - 1  # a 0 bit for each character of the quote matched
    ratios = [0.0]
    for total, c in enumerate(span, m + 1):
        u = v & masks.get(c, 0)
        v = ((v + u) | (v - u)) & everything
        common = m - v.bit_count()
        ratios.append(100 * (1.0 - (total - 2 * common) / total))
    return ratios


def _whole_words(text: str, exact: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """The span widened, by at most `reach` on each side, to the whole words it cuts where
    the quote's own end is a letter: the best-scoring span of "Too quick" in "far too
    quick" was "oo quick" (the capital T matching nothing)."""
    if exact[:1].isalnum():
        s = start
        while s > 0 and start - s < reach and text[s - 1].isalnum() and text[s].isalnum():
            s -= 1
        if s == 0 or not text[s - 1].isalnum():
            start = s
    if exact[-1:].isalnum():
        e = end
        while e < len(text) and e - end < reach and text[e - 1].isalnum() and text[e].isalnum():
            e += 1
        if e == len(text) or not text[e].isalnum():
            end = e
    return start, end
