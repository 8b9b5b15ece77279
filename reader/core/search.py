"""Finding text: every match of a query in one text, and in everything a session holds.

Plain text is found without regard to diacritics unless they are to match ("siobhan"
finds "Siobhán": see folding.py); a regular expression matches them as written. Offsets
are code points, like every offset of the model; the UI converts them to Qt's UTF-16
positions through its one conversion point.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, Protocol

from reader.core.folding import Folded, fold_query, fold_text, lower, non_ascii
from reader.core.markdown_links import LINK
from reader.core.shorten import shorten

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from reader.core.annotations import Highlight
    from reader.core.session import Session

KINDS = ("document", "quotes", "notes", "tags", "research")
DEFAULT_LIMIT = 500  # results per kind; the total is still counted
SNIPPET_CHARS = 48  # context on each side of a match in a result's snippet

# "Whole word" for a regular expression: the match must not cut a word in two at either
# end. Unlike `\b` this also accepts a match that starts or ends with punctuation.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before ASCII punctuation
_NOT_INSIDE_WORD = r"(?:(?<!\w)|(?!\w))"
_WORD_CHAR = re.compile(r"\w")

# Case-insensitive plain-text search runs case-sensitively on a lower-cased copy of the
# text: it keeps re's fast literal scan (about 12 ms for "the" in 5 MB, against 30-80 ms
# with IGNORECASE). These characters are the same letter to re.IGNORECASE but not to
# str.lower(), so the copy maps each to the group's first (see re._casefix).
_FOLD_GROUPS = (
    "iı",
    "sſ",
    "μµ",
    "ι\u0345\u1fbe",
    "\u0390\u1fd3",
    "\u03b0\u1fe3",
    "βϐ",
    "εϵ",
    "θϑ",
    "κϰ",
    "πϖ",
    "ρϱ",
    "σς",
    "φϕ",
    "вᲀ",
    "дᲁ",
    "оᲂ",
    "сᲃ",
    "тᲄᲅ",
    "ъᲆ",
    "ѣᲇ",
    "ꙋᲈ",
    "ṡẛ",
    "\ufb06\ufb05",
)
_FOLDS = [(variant, group[0]) for group in _FOLD_GROUPS for variant in group[1:]]
_FOLD_CACHE_MIN = 64 * 1024  # only long texts (the document) are worth keeping folded
# Joins short texts searched together (Query.spans_in_each): a character no typed query
# holds, neither a letter nor a mark, so a match neither crosses it nor folds with it.
_JOINT = "\x00"


class _Prepared:
    """What searching one text needs, each part made on first use: its characters beyond
    ASCII, its case fold, its foldings without diacritics (by whether case counts and
    whether its typographic quotes fold: folding.fold_text's `quotes`)."""

    __slots__ = ("_accentless", "_chars", "_lowered", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._chars: frozenset[str] | None = None
        self._lowered: tuple[str | None] | None = None
        self._accentless: dict[tuple[bool, bool], Folded | None] = {}

    @property
    def chars(self) -> frozenset[str]:
        if self._chars is None:
            self._chars = non_ascii(self.text)
        return self._chars

    def lowered(self) -> str | None:
        if self._lowered is None:
            self._lowered = (fold(self.text, self.chars),)
        return self._lowered[0]

    def accentless(self, case: bool, quotes: bool = True) -> Folded | None:
        """Its folding; one whose quotes fold serves a query without quotes too."""
        key = (case, quotes)
        if (case, True) in self._accentless:
            key = (case, True)
        elif key not in self._accentless:
            self._accentless[key] = fold_text(self.text, case, self.chars, quotes)
            if quotes:  # the one without is no longer needed: the 5 MB text's is 20 MB
                self._accentless.pop((case, False), None)
        return self._accentless[key]


_fold_cache: list[_Prepared] = []  # most recent last


class SearchError(ValueError):
    """A query that cannot be searched for (a bad regular expression); for the user.

    `reason` is the short form, without "Invalid regular expression" or the position.
    """

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


def within(spans: list[tuple[int, int]], areas: list[tuple[int, int]]) -> list[bool]:
    """For each of `spans`, whether it lies inside one of `areas` (in order, apart)."""
    starts = [start for start, _ in areas]
    found = []
    for start, end in spans:
        i = bisect_right(starts, start) - 1
        found.append(i >= 0 and end <= areas[i][1])
    return found


def outside(spans: list[tuple[int, int]], hidden: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The `spans` that overlap none of `hidden` (both in order)."""
    if not hidden:
        return spans
    ends = [end for _, end in hidden]
    kept = []
    for start, end in spans:
        i = bisect_right(ends, start)  # the first hidden span ending after `start`
        if i == len(hidden) or hidden[i][0] >= end:
            kept.append((start, end))
    return kept


def fold(text: str, chars: frozenset[str] | None = None) -> str | None:
    """`text` lower-cased as re.IGNORECASE compares letters, None if that changes offsets.

    `chars` are its characters beyond ASCII (folding.non_ascii), if known: the letters
    re.IGNORECASE sees as others are looked for among them, not in the whole text."""
    chars = non_ascii(text) if chars is None else chars
    folded = text.replace("İ", "i").lower() if "İ" in chars else lower(text, chars)
    # The letters the lower-cased text may have: Σ lowers to ς at the end of a word.
    lowered = set("".join(chars).lower()) | ({"ς"} if "Σ" in chars else set())
    for variant, canonical in _FOLDS:
        if variant in lowered:
            folded = folded.replace(variant, canonical)
    # lower() never shortens a character, so equal lengths mean every offset is kept.
    return folded if len(folded) == len(text) else None


def prepare(text: str, *, case: bool = False, diacritics: bool = False) -> None:
    """Fold a long text ahead of the first search in it with these options (about 50 ms
    for 5 MB): its case fold, and its folding without diacritics if it has any."""
    prepared = _prepared(text)
    folded = None if diacritics else prepared.accentless(case)
    if folded is None and not case:  # a folding without diacritics is searched alone
        prepared.lowered()


def _prepared(text: str) -> _Prepared:
    if len(text) < _FOLD_CACHE_MIN:
        return _Prepared(text)
    for i, cached in enumerate(_fold_cache):
        if cached.text is text:
            _fold_cache.append(_fold_cache.pop(i))
            return cached
    prepared = _Prepared(text)
    _fold_cache.append(prepared)
    del _fold_cache[:-3]
    return prepared


def comparing(
    case: bool = False, whole_word: bool = False, regex: bool = False, diacritics: bool = False
) -> Callable[[str], str]:
    """How a search with these options reads a text when it tells two apart: folded as
    plain text is searched (without diacritics, and case, unless they count); as written
    (but for case) by a regular expression or with diacritics matched."""
    if not (regex or diacritics):
        return partial(fold_query, case=case)
    return str if case else str.casefold


class Query:
    """A compiled query with the find options. Raises SearchError for a bad regex.

    Plain text ignores diacritics unless `diacritics` (match them); a regular expression
    matches them as written either way. The pattern is read in NFC, as the text is
    (document.normalise): "e" + U+0301, as a Mac may type it, finds "é"."""

    def __init__(
        self,
        pattern: str,
        *,
        case: bool = False,
        whole_word: bool = False,
        regex: bool = False,
        diacritics: bool = False,
    ) -> None:
        pattern = unicodedata.normalize("NFC", pattern)
        self.pattern = pattern
        self.regex = regex
        self.case = case
        # The pattern to scan the text as written with; None for plain text without
        # diacritics, which is only ever searched in a folded copy (_accentless_spans).
        self._any: re.Pattern[str] | None = None
        flags = 0 if case else re.IGNORECASE
        folded: str | None = None  # the query lower-cased (or, without diacritics, folded)
        if regex:
            body = f"{_NOT_INSIDE_WORD}(?:{pattern}){_NOT_INSIDE_WORD}" if whole_word else pattern
            self._any = _compile(body, flags | re.MULTILINE)
        elif diacritics:
            self._any = _compile(_literal(pattern, whole_word), flags)
            folded = None if case else fold(pattern)
        else:
            folded = fold_query(pattern, case)
        # The pattern to scan that copy of the text with.
        self._folded: re.Pattern[str] | None = None
        if folded:  # "" when the query was marks alone, which match nothing
            self._folded = _compile(_literal(folded, whole_word), 0)
        # Whether the text's typographic quotes must fold for the query: a query without
        # a quote finds the same where they do not (fold_text's `quotes`).
        self._quotes = folded is not None and ("'" in folded or '"' in folded)

    def spans(
        self, text: str, *, keep: bool = True, chars: frozenset[str] | None = None
    ) -> list[tuple[int, int]]:
        """(start, end) of every match in `text`, in order; never empty, never overlapping.
        A long text's foldings are kept for the next search in it unless not `keep`.
        `chars` are the text's characters beyond ASCII (`non_ascii`), if kept with it."""
        if not self.pattern or not text:
            return []
        prepare = _prepared if keep else _Prepared
        if self._any is None:
            return self._accentless_spans(text, prepare, chars)
        pattern, target = self._any, text
        if self._folded is not None:
            folded = prepare(text).lowered()
            if folded is not None:
                pattern, target = self._folded, folded
        # One pass of the C matcher; span() is one call where start() and end() are two.
        spans = [m.span() for m in pattern.finditer(target)]
        if self.regex:  # "^" or "a*" match nothing visible
            spans = [span for span in spans if span[0] < span[1]]
        return spans

    def replacement(self, text: str, start: int, template: str) -> str:
        """What replaces the match at `start` in `text`: `template` as written, or for a
        regular expression with its groups filled in: \\1 and \\g<name> as Python's re
        writes them, $1 and ${name} as VS Code and Notepad++ do ($$ is a dollar). Raises
        SearchError for a group the pattern does not have."""
        found = self._any.match(text, start) if self.regex and self._any is not None else None
        if found is None:
            return template
        try:
            return found.expand(re.sub(_DOLLAR_GROUP, _as_backslash_group, template))
        except (re.error, IndexError) as exc:
            raise SearchError(f"Cannot replace: {exc}", str(exc)) from None

    def _accentless_spans(
        self, text: str, prepare: Callable[[str], _Prepared], chars: frozenset[str] | None
    ) -> list[tuple[int, int]]:
        pattern = self._folded
        if pattern is None:
            return []
        short = len(text) < _FOLD_CACHE_MIN  # a quote, a note, a study's interview: not kept
        prepared = None if short else prepare(text)
        if prepared is not None:
            folded = prepared.accentless(self.case, self._quotes)
        elif text.isascii():
            folded = None
        else:
            chars = non_ascii(text) if chars is None else chars
            folded = fold_text(text, self.case, chars, self._quotes)
        if folded is not None:
            return folded.spans(pattern)
        # Nothing in the text folds but case: it is searched lower-cased, one to one (there
        # is no "İ", nor a letter re.IGNORECASE sees as another: they fold).
        if self.case:
            target: str | None = text
        elif prepared is not None:
            target = prepared.lowered()
        else:
            target = lower(text, chars) if chars else text.lower()
        assert target is not None
        return [m.span() for m in pattern.finditer(target)]

    def spans_in_each(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """`spans` of each of many short texts (an interview's quotes, or their notes),
        found in one pass over them joined by a character no plain query matches: 200
        interviews' 40,000 quotes and notes, each folded and scanned on its own, took
        most of a study's search. A regular expression may match across a joint, so it
        reads each text alone."""
        if self.regex or _JOINT in self.pattern or len(texts) < 2:
            return [self.spans(text) for text in texts]
        starts, at = [], 0
        for text in texts:
            starts.append(at)
            at += len(text) + 1
        found: list[list[tuple[int, int]]] = [[] for _ in texts]
        for start, end in self.spans(_JOINT.join(texts), keep=False):
            i = bisect_right(starts, start) - 1
            found[i].append((start - starts[i], end - starts[i]))
        return found

    def first(self, text: str) -> tuple[int, int] | None:
        """The first match in a short text, or None."""
        spans = self.spans(text)
        return spans[0] if spans else None


def _literal(text: str, whole_word: bool) -> str:
    """The pattern for plain text. A whole-word check goes after the text, so that re
    still scans for the text's first characters (a leading look-behind costs 10x)."""
    body = re.escape(text)
    if whole_word and text:
        if _WORD_CHAR.match(text[0]):
            body += rf"(?<!\w(?s:.){{{len(text)}}})"
        if _WORD_CHAR.match(text[-1]):
            body += r"(?!\w)"
    return body


_DOLLAR_GROUP = r"\$(?:(\d+)|\{(\w+)\}|(\$))"  # compiled by re on first use


def _as_backslash_group(dollar: re.Match[str]) -> str:
    number, name, _ = dollar.groups()
    return "$" if not (number or name) else f"\\g<{number or name}>"


def _compile(body: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(body, flags)
    except re.error as exc:
        message = exc.msg[:1].upper() + exc.msg[1:]
        where = f" at position {exc.pos + 1}" if exc.pos is not None else ""
        raise SearchError(f"Invalid regular expression: {message}{where}", message) from None
    except (OverflowError, RecursionError) as exc:
        raise SearchError(f"Invalid regular expression: {exc}", str(exc)) from None


def find_all(
    text: str,
    pattern: str,
    *,
    case: bool = False,
    whole_word: bool = False,
    regex: bool = False,
    diacritics: bool = False,
) -> list[tuple[int, int]]:
    """(start, end) code points of every match of `pattern` in `text`, in order.

    Matches never overlap; empty patterns and zero-length matches (`^`, `a*`) give
    nothing. Plain text ignores diacritics unless `diacritics`. Raises SearchError for a
    bad regular expression.
    """
    query = Query(pattern, case=case, whole_word=whole_word, regex=regex, diacritics=diacritics)
    return query.spans(text)


# Searching everything ----------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One place a query was found.

    `start`/`end` are code point offsets in the text the kind searches: the document
    ("document"), the highlight's quote ("quotes"), its note ("notes"), the tag ("tags"),
    the research notes ("research"), the study memo ("memo", study_search.MEMO). `snippet`
    is one line of context and `snippet_start`/`snippet_end` the match inside it. `speaker`
    says who speaks where a match in the document is (as renamed), "" for other kinds.
    """

    kind: str
    label: str  # where: "Q3", "Intro", "Line 12", "#method"
    snippet: str
    snippet_start: int
    snippet_end: int
    start: int
    end: int
    highlight_id: str | None = None
    line: int | None = None  # research notes and the study memo: 1-based line number
    speaker: str = ""


class ResultList(list[Result]):
    """The results of one kind, at most `limit` of them; `total` counts them all."""

    def __init__(self, results: Iterable[Result] = (), total: int | None = None) -> None:
        super().__init__(results)
        self.total = len(self) if total is None else total

    @property
    def more(self) -> bool:
        """True when more results exist than the list holds."""
        return self.total > len(self)


class Quote(NamedTuple):
    """What search reads of a highlight; `tags` are its codes' names."""

    id: str
    start: int
    orphan: bool
    exact: str
    note: str
    tags: tuple[str, ...]


class Searchable(Protocol):
    """What search reads of an interview: a session (`SessionText`), or the compact copy
    a study keeps of each interview (study_texts.InterviewText)."""

    @property
    def text(self) -> str: ...

    @property
    def research(self) -> str: ...

    @property
    def quotes(self) -> Sequence[Quote]: ...

    @property
    def chars(self) -> frozenset[str] | None:
        """The text's characters beyond ASCII (`non_ascii`), if kept; else None."""

    def place_label(self, offset: int) -> str: ...

    def speaker_at(self, offset: int) -> str:
        """Who says the paragraph holding `offset` (Session.speaker_at)."""

    def label_end(self, offset: int) -> int:
        """Where the speaker label of the paragraph holding `offset` ends (Session.label_end)."""


class SessionText:
    """A session as search reads it; `notes_text` is the research notes as being edited."""

    def __init__(self, session: Session, notes_text: str | None = None) -> None:
        self.session = session
        self.text = session.document.text
        self.research = session.notes.notes if notes_text is None else notes_text
        self.chars: frozenset[str] | None = None  # a long text's: kept as it is folded

    def place_label(self, offset: int) -> str:
        return self.session.place_label(offset)

    def speaker_at(self, offset: int) -> str:
        return self.session.speaker_at(offset)

    def label_end(self, offset: int) -> int:
        return self.session.label_end(offset)

    @property
    def quotes(self) -> list[Quote]:
        return [self.quote(self.session, h) for h in self.session.notes.highlights]

    @staticmethod
    def quote(session: Session, h: Highlight) -> Quote:
        return Quote(h.id, h.start, h.orphan, h.exact, h.note, session.code_names(h))


def search_everything(
    session: Session,
    query: str,
    *,
    case: bool = False,
    whole_word: bool = False,
    regex: bool = False,
    diacritics: bool = False,
    notes_text: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> dict[str, ResultList]:
    """Every place `query` occurs, by kind (see KINDS), each in reading order.

    `notes_text` is the research notes as being edited (default: the saved ones).
    Raises SearchError for a bad regular expression.
    """
    return search_interview(
        SessionText(session, notes_text),
        query,
        case=case,
        whole_word=whole_word,
        regex=regex,
        diacritics=diacritics,
        limit=limit,
    )


def search_interview(
    interview: Searchable,
    query: str,
    *,
    case: bool = False,
    whole_word: bool = False,
    regex: bool = False,
    diacritics: bool = False,
    limit: int = DEFAULT_LIMIT,
) -> dict[str, ResultList]:
    """`search_everything` of anything Searchable."""
    results = {kind: ResultList() for kind in KINDS}
    if not query:
        return results
    options = {"case": case, "whole_word": whole_word, "regex": regex, "diacritics": diacritics}
    matcher = Query(query, **options)
    results["document"] = _document_results(interview, matcher, limit)
    every = interview.quotes
    quotes = _results_in_each("quotes", every, [q.exact for q in every], matcher, interview)
    notes = _results_in_each("notes", every, [q.note for q in every], matcher, interview)
    results["quotes"] = _capped(quotes, limit)
    results["notes"] = _capped(notes, limit)
    results["tags"] = _capped(_tag_results(every, query, options), limit)
    results["research"] = line_results(interview.research, matcher, limit)
    return results


def _capped(results: list[Result], limit: int) -> ResultList:
    return ResultList(results[:limit], len(results))


def _snippet(text: str, start: int, end: int, words: int = 0) -> tuple[str, int, int]:
    """The line around text[start:end], cut to SNIPPET_CHARS each side, on one line; from
    `words` on (a turn's words, after its speaker label) when the match is not before it."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start < words <= start:
        line_start = words
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    lo = max(line_start, start - SNIPPET_CHARS)
    hi = min(line_end, end + SNIPPET_CHARS)
    if end - start > 3 * SNIPPET_CHARS:  # a long match: its beginning is enough
        hi = start + 3 * SNIPPET_CHARS
    if lo > line_start:  # start at a word, not in the middle of one
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < line_end and hi > end:
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    before = "…" if lo > line_start else ""
    after = "…" if hi < line_end else ""
    body = text[lo:hi]
    # Whitespace (a regex may match across lines) becomes spaces: lengths are unchanged.
    body = body.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    snippet = before + body + after
    offset = len(before) - lo
    return snippet, start + offset, min(end, hi) + offset


def _document_results(interview: Searchable, query: Query, limit: int) -> ResultList:
    text = interview.text
    spans = query.spans(text, chars=interview.chars)
    results = []
    for start, end in spans[:limit]:
        # The row names who speaks ("Q1 · Ana"): its snippet does not repeat their label.
        snippet, a, b = _snippet(text, start, end, interview.label_end(start))
        label, speaker = interview.place_label(start), interview.speaker_at(start)
        results.append(Result("document", label, snippet, a, b, start, end, speaker=speaker))
    return ResultList(results, len(spans))


def _results_in_each(
    kind: str, quotes: Sequence[Quote], texts: list[str], query: Query, interview: Searchable
) -> list[Result]:
    """The matches in each text of `texts`, the exact words or the notes of `quotes`."""
    results = []
    for q, text, spans in zip(quotes, texts, query.spans_in_each(texts), strict=True):
        if not spans:
            continue
        label = "Not in the text" if q.orphan else interview.place_label(q.start)
        for start, end in spans:
            snippet, a, b = _snippet(text, start, end)
            results.append(Result(kind, label, snippet, a, b, start, end, q.id))
    return results


def _tag_results(quotes: Sequence[Quote], query: str, options: dict[str, bool]) -> list[Result]:
    """Highlights with a tag that equals the query, then those with one containing it.

    "#method" looks for the tag "method". The snippet is the start of the highlight's quote.
    """
    query = unicodedata.normalize("NFC", query)  # compared with names kept in NFC
    bare = query if options["regex"] else query.removeprefix("#")
    if not bare:
        return []
    tag_query = Query(bare, **options)
    same = comparing(**options)  # equal as the search compares them
    # Each tag looked at once: a codebook's few names recur on thousands of passages.
    seen: dict[str, tuple[tuple[int, int] | None, bool]] = {}  # tag -> its match, equal
    equal: list[Result] = []
    containing: list[Result] = []
    for h in quotes:
        for tag in h.tags:
            if tag not in seen:
                found = tag_query.first(tag)
                seen[tag] = found, found is not None and same(tag) == same(bare)
            match, is_equal = seen[tag]
            if match is None:
                continue
            quote = shorten(" ".join(h.exact.split()), 3 * SNIPPET_CHARS)
            result = Result("tags", f"#{tag}", quote, 0, 0, *match, h.id)
            (equal if is_equal else containing).append(result)
    return equal + containing


def line_results(text: str, query: Query, limit: int, kind: str = "research") -> ResultList:
    """The matches in Markdown notes (the research notes, the study memo), each labelled
    with its line, its snippet reading links as their text. A match only within what a
    link hides ("](#h-…)") is not one: it marked nothing, led nowhere and swelled counts.
    Markdown's escapes are read as the words they show: a quote put in with Q holds
    "2019\\. That year", which "2019. That" finds."""
    spans = _outside_link_targets(text, _spans_as_read(text, query))
    line_starts = [0]
    if spans:
        line_starts.extend(m.end() for m in re.finditer("\n", text))
    results = []
    for start, end in spans[:limit]:
        line = bisect_right(line_starts, start)
        snippet, a, b = _snippet(*links_as_read(text, start, end))
        results.append(Result(kind, f"Line {line}", snippet, a, b, start, end, None, line))
    return ResultList(results, len(spans))


def _spans_as_read(text: str, query: Query) -> list[tuple[int, int]]:
    """query.spans of `text` with each backslash escape read as the character it shows,
    the spans given back in `text`'s offsets."""
    if "\\" not in text:
        return query.spans(text)
    escaped: list[int] = []  # where each escaped character is, in the text as read

    def unescape(found: re.Match[str]) -> str:
        escaped.append(found.start() - len(escaped))
        return found[1]

    read = _ESCAPE.sub(unescape, text)
    return [
        (start + bisect_right(escaped, start), end + bisect_right(escaped, end - 1))
        for start, end in query.spans(read)
    ]


def _outside_link_targets(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` but those wholly within a part of a link that is not read: its "[", or its
    "](target)". One in the link's text ("Q4" of "[↩ Q4](#h-…)"), even in part, stays."""
    if not spans or "](" not in text:
        return spans
    hidden: list[tuple[int, int]] = []  # in order: links do not overlap
    for link in LINK.finditer(text):
        hidden += [(link.start(), link.start() + 1), (link.end(1), link.end())]
    kept = []
    for start, end in spans:
        i = bisect_right(hidden, (start, len(text) + 1)) - 1  # the last part from here back
        if i < 0 or end > hidden[i][1]:
            kept.append((start, end))
    return kept


def links_as_read(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The lines of text[start:end] with each Markdown link as its text, and where the match
    is in them: a quote's "[↩ Q1](#h-3afddd8e-0154-…)" reads "↩ Q1", as in the preview. A
    match within a target marks nothing."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    lines = text[first : len(text) if last == -1 else last]
    links = list(LINK.finditer(lines))
    read = LINK.sub(lambda link: link.group(1), lines)
    return read, _as_read(links, start - first), _as_read(links, end - first)


def _as_read(links: list[re.Match[str]], at: int) -> int:
    """Where `at` in the lines is once their `links` read as their text; in "](target)",
    right after the text."""
    dropped = 0  # characters of the links before `at` that are not read
    for link in links:
        if at <= link.start():
            break
        text_start, text_end = link.span(1)
        if at <= link.end():
            return min(at, text_end) - dropped - 1  # the "[" is not read
        dropped += link.end() - link.start() - (text_end - text_start)
    return at - dropped
