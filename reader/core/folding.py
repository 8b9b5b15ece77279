"""Folding text for search that ignores diacritics ("siobhan" finds "Siobhán"), with an exact
map from the folded text back to the code points of the original.

Each character folds on its own: its compatibility decomposition (NFKD: "ﬁ" is "fi", "é" is
"e" and an acute) without the marks that decorate a letter, case-folded when case does not
count ("ß" is "ss", "İ" is "i"), recomposed (NFC) but for a mark that is kept (below), which
stays apart from its letter. So a text's folding is its characters'
foldings end to end, a query folds the same way, and a match in the folded text maps back
through the places where lengths change: a character folded to nothing (a mark written on
its own), or to several ("ß", "ﬁ", "…"). A match ends after the marks on its last letter;
one that begins or ends inside a character folded to several ("s" in "ß") is no match, as
it would select part of a character.

The marks that go are the combining marks (canonical combining class not 0): Latin, Greek
and Cyrillic accents (so й is и too, and ё is е), and also Hebrew points and Arabic vowel
signs and hamza, so that unvocalised Hebrew or Arabic finds vocalised text (and احمد finds
أحمد). Kept are the marks that make another letter or syllable: the kana voicing marks (か
is not が), Indic nukta and virama, and the vowel and tone signs of Thai, Lao, Tibetan and
Telugu. "Match diacritics" (search.Query's `diacritics`) tells all of them apart.

Letters drawn with a stroke, which no decomposition parts from their letter, fold to it as
a web browser's find does: "soren" finds "Søren", "lodz" "Łódź", "dorde" "Đorđe"; æ and œ
are "ae" and "oe". The Arabic tatweel (ـ), a stretch of the line between letters, is
nothing: "مرحبا" finds "مـرحـبـا". So are the characters that show nothing (`_INVISIBLE`),
a soft hyphen or a zero-width space inside a word pasted from a web page, the marks and
isolates of a direction around a name: "zerowidth" finds "zero\u200bwidth", as it reads.

Typographic apostrophes and quotation marks fold to the keyboard's: a transcript's "it’s"
and “so” are found by "it's" and "so" typed, as a web browser finds them; Match
diacritics tells them apart too.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import lru_cache
from unicodedata import combining, normalize

_KEPT_MARKS = frozenset({7, 8, 9, 84, 91, 103, 107, 118, 122, 129, 130, 132})  # classes
_ASCII = bytes(range(128))
_UTF8 = ("utf-8", "surrogatepass")  # a lone surrogate too, as `non_ascii` reads it
# Apostrophes and single quotation marks, then double ones: each kind as the keyboard types
# it first, then its typographic forms.
QUOTE_MARKS = ("'‘’‚‛ʼ", '"“”„‟')
# Typographic apostrophes and quotation marks, as the keyboard types them.
_TYPOGRAPHIC_QUOTES = QUOTE_MARKS[0][1:] + QUOTE_MARKS[1][1:]
_QUOTES = str.maketrans(_TYPOGRAPHIC_QUOTES, "'" * 5 + '"' * 4)
# Soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width space, non-joiner
# and joiner, left-to-right and right-to-left marks, embeddings and overrides, word joiner
# and invisible operators, isolates, and the zero-width no-break space (a byte order mark
# inside the text).
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_STROKED = str.maketrans(
    {
        **dict(zip("øØłŁđĐħĦŧŦƀɃɨƗƶƵǥǤ", "oOlLdDhHtTbBiIzZgG", strict=True)),
        **{"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "\u0640": ""},
        **dict.fromkeys(_INVISIBLE, ""),
    }
)


def non_ascii(text: str) -> frozenset[str]:
    """The characters of `text` beyond ASCII, each once (about 5 ms for 5 MB): what may fold.

    UTF-8 writes them in bytes of 128 and above only, so deleting the ASCII bytes in C
    leaves exactly them; a regular expression's scan of the text takes five times as long.
    """
    if text.isascii():
        return frozenset()
    rest = text.encode(*_UTF8).translate(None, _ASCII)
    return frozenset(rest.decode(*_UTF8))


def lower(text: str, chars: frozenset[str]) -> str:
    """`text.lower()`, `chars` being its characters beyond ASCII (`non_ascii`). When
    lower-casing changes none of them (quotes, dashes, emoji, CJK, small accented letters)
    only ASCII letters change, and lower-casing its UTF-8 bytes does that in C without
    str.lower's Unicode tables: 21 ms for 5 MB against 42, a study's 60 KB 0.1 against 0.3."""
    if not chars or _has_case(chars):
        return text.lower()
    return text.encode(*_UTF8).lower().decode(*_UTF8)


def _has_case(chars: frozenset[str]) -> bool:
    """Whether lower-casing changes any of `chars`."""
    return any(c.lower() != c for c in chars)


def _bare(text: str) -> str:
    return "".join(c for c in text if not combining(c) or combining(c) in _KEPT_MARKS)


@lru_cache(maxsize=1 << 16)
def fold_char(char: str, case: bool) -> str:
    """One character as search without diacritics reads it; lower-cased unless `case`."""
    folded = _bare(normalize("NFKD", char.translate(_STROKED)))
    if not case:
        # Dotless ı is i to re.IGNORECASE, as in the search that does count diacritics.
        folded = _bare(normalize("NFKD", folded.casefold())).replace("ı", "i")
    # A kept mark stays apart from its letter ("が" is "か" and its voicing mark): folded
    # each on its own, a text written with the mark apart (a name pasted from a Mac) is
    # folded so too, and the two ways of writing it find each other.
    form = "NFD" if any(combining(c) in _KEPT_MARKS for c in folded) else "NFC"
    return normalize(form, folded).translate(_QUOTES)


def fold_query(text: str, case: bool) -> str:
    """`text` folded as a whole text is (see the module's docstring)."""
    if text.isascii():
        return text if case else text.lower()
    return "".join([fold_char(c, case) for c in text])


class Folded:
    """A text's folding (`text`) and the map from its offsets to the original's.

    The map is kept only where it changes: from `_at[k]` on, folded offsets map one to one
    to original ones from `_to[k]`, except after a character folded to several (`_several`),
    whose folded characters all belong to it.
    """

    __slots__ = ("_at", "_several", "_to", "text")

    def __init__(
        self, original: str, case: bool, changed: frozenset[str], chars: frozenset[str]
    ) -> None:
        at, to, several = array("q", [0]), array("q", [0]), bytearray(1)

        def place(folded: int, original: int, spread: bool) -> None:
            if at[-1] == folded:  # the map changes twice at one place: the last counts
                to[-1], several[-1] = original, spread
            else:
                at.append(folded)
                to.append(original)
                several.append(spread)

        # A character that folds to one is replaced in C, a pass each (3-12 ms for 5 MB), as
        # "é" by "e" and "Σ" by "σ" before lower() could make it "ς"; the text is then one
        # to one with the original ("İ" was the only letter that lowers to two).
        loose = []
        for char in changed:
            folded = fold_char(char, case)
            if len(folded) == 1 and (case or folded.lower() == folded):
                original = original.replace(char, folded)
                chars = chars - {char} | {folded}
            else:
                loose.append(char)
        lowered = original if case else lower(original, chars)
        if loose:  # those that fold to none or several, one at a time
            pieces: list[str] = []
            done = length = 0  # original, folded offsets done
            runs = re.compile("[" + "".join(re.escape(c) for c in sorted(loose)) + "]+")
            for run in runs.finditer(original):
                start, end = run.span()
                pieces.append(lowered[done:start])
                length += start - done
                for i in range(start, end):
                    piece = fold_char(original[i], case)
                    pieces.append(piece)
                    if len(piece) != 1:
                        if piece:
                            place(length, i, True)
                        place(length + len(piece), i + 1, False)
                    length += len(piece)
                done = end
            pieces.append(lowered[done:])
            lowered = "".join(pieces)
        self.text = lowered
        self._at, self._to, self._several = at, to, bytes(several)

    def original(self, offset: int) -> int | None:
        """The original offset of folded `offset` (after the marks there), or None inside
        a character folded to several."""
        k = bisect_right(self._at, offset) - 1
        if self._several[k]:
            return self._to[k] if offset == self._at[k] else None
        return self._to[k] + offset - self._at[k]

    def spans(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """The original (start, end) of every match of `pattern` in the folding, in order,
        without those that would cut a character in two."""
        if len(self._at) == 1 and self._to[0] == 0:  # one to one
            return [m.span() for m in pattern.finditer(self.text)]
        spans: list[tuple[int, int]] = []
        at = 0
        while True:
            for match in pattern.finditer(self.text, at):
                start, end = self.original(match.start()), self.original(match.end())
                if start is None or end is None:
                    at = match.start() + 1  # "ss" in "sß": look again, one further on
                    break
                spans.append((start, end))
            else:
                return spans


def fold_text(
    text: str, case: bool, chars: frozenset[str] | None = None, quotes: bool = True
) -> Folded | None:
    """`text` folded (see Folded), or None when no character of it folds to anything but
    itself (lower-cased unless `case`): the text is then searched as it is.

    `chars` are its characters beyond ASCII (`non_ascii`), if known. Without `quotes`
    its typographic quotes stay as written: a query without a quote finds the same in
    either folding, and folding them took most of the time (a pass over the text for
    each kind of quote; 5 MB 41 ms with them, 9 without)."""
    chars = non_ascii(text) if chars is None else chars
    if not quotes:
        chars = chars.difference(_TYPOGRAPHIC_QUOTES)
    changed = frozenset(c for c in chars if fold_char(c, case) != (c if case else c.lower()))
    if not case and "Σ" in chars:  # lower() makes it ς at the end of a word
        changed |= {"Σ"}
    return Folded(text, case, changed, chars) if changed else None


def folded(text: str) -> str:
    """`text` as search without diacritics or case reads it, whole: what a filter's
    "contains" compares, the terms typed folded the same way (`fold_query`)."""
    found = fold_text(text, case=False)
    return found.text if found is not None else text.lower()
