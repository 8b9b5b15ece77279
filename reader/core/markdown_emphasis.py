"""Where one line of Markdown is emphasised (`*it*`, `**bold**`, `***both***`), found as
CommonMark finds it: delimiter runs, their flanking, the rule of three. A regex cannot
tell `**bold**` from `*italic*` or keep `snake_case_words` plain; this can. And what the
notes editor's keys for bold, italic and `code` do to a line, as a word processor's toggles.

One deliberate difference: a `*` between two digits (`2*3*4`) is arithmetic, never
emphasis (CommonMark would make the 3 italic).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.core.markdown_links import TARGET, before_chip
from reader.core.wording import word_at

# Code spans and link targets hold no emphasis; a backslash escapes the next character.
_LITERAL = re.compile(rf"`[^`]+`|\]\({TARGET}\)|\\.")
_CODE_SPAN = re.compile(r"(?<!`)`[^`]+`(?!`)")  # as Ctrl+` writes them: one backtick


@dataclass(frozen=True)
class Emphasis:
    """[start, end) in code points of the line, delimiters included; strong is `**`."""

    start: int
    end: int
    strong: bool


@dataclass
class _Run:
    """A run of `*` or `_` delimiters, as CommonMark's emphasis algorithm keeps it."""

    char: str
    start: int  # of the characters still unused
    length: int  # still unused
    original: int
    can_open: bool
    can_close: bool


def is_punctuation(char: str) -> bool:
    """CommonMark's punctuation, which decides whether `*` flanks the words beside it."""
    return unicodedata.category(char)[0] in "PS"


def _runs(text: str) -> list[_Run]:
    masked = _LITERAL.sub(lambda m: " " * len(m.group()), text)
    runs: list[_Run] = []
    for match in re.finditer(r"\*+|_+", masked):
        start, end, char = match.start(), match.end(), match.group()[0]
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        left = not after.isspace() and (
            not is_punctuation(after) or before.isspace() or is_punctuation(before)
        )
        right = not before.isspace() and (
            not is_punctuation(before) or after.isspace() or is_punctuation(after)
        )
        if char == "_":
            can_open = left and (not right or is_punctuation(before))
            can_close = right and (not left or is_punctuation(after))
        elif before.isdigit() and after.isdigit():
            can_open = can_close = False  # 2*3*4 is a product
        else:
            can_open, can_close = left, right
        if can_open or can_close:
            runs.append(_Run(char, start, end - start, end - start, can_open, can_close))
    return runs


def _matches(opener: _Run, closer: _Run) -> bool:
    if opener.char != closer.char or not opener.can_open or opener.length == 0:
        return False
    if opener.can_close or closer.can_open:  # the rule of three
        both = opener.original + closer.original
        return both % 3 != 0 or (opener.original % 3 == 0 and closer.original % 3 == 0)
    return True


def emphasis_spans(text: str) -> list[Emphasis]:
    """Every emphasis in `text`, one line, in the order CommonMark closes them."""
    runs = _runs(text)
    spans: list[Emphasis] = []
    # Per (char, closer can open, length mod 3): at or below this index no opener matches.
    bottoms: dict[tuple[str, bool, int], int] = {}
    for index, closer in enumerate(runs):
        key = (closer.char, closer.can_open, closer.original % 3)
        while closer.can_close and closer.length > 0:
            below = range(index - 1, bottoms.get(key, -1), -1)
            found = next((i for i in below if _matches(runs[i], closer)), None)
            if found is None:
                bottoms[key] = index - 1
                break
            opener = runs[found]
            used = 2 if opener.length >= 2 and closer.length >= 2 else 1
            opener.length -= used
            spans.append(Emphasis(opener.start + opener.length, closer.start + used, used == 2))
            closer.start += used
            closer.length -= used
            for between in runs[found + 1 : index]:  # they close nothing now
                between.can_open = between.can_close = False
    return spans


def _spans_of(line: str, marker: str) -> list[tuple[int, int]]:
    """[start, end) of each span of `line` that `marker` makes: bold ("**"), italic
    ("*", or "_" as written by hand) or code ("`"), markers included."""
    if marker == "`":
        return [match.span() for match in _CODE_SPAN.finditer(line)]
    strong = marker == "**"
    return [(s.start, s.end) for s in emphasis_spans(line) if s.strong == strong]


def toggle_at(line: str, caret: int, marker: str) -> tuple[int, int, str, int]:
    """What Ctrl+B ("**"), Ctrl+I ("*") or Ctrl+` ("`") does at `caret` of `line` with
    nothing selected, as a word processor's toggle: (start, end, replacement, caret after),
    in code points.

    Inside a word, the word is wrapped, or the span of its kind it is in unwrapped. Else
    before the closing marker of a span of its kind, the caret steps past it (typing goes
    on plain); between an empty pair of its own, the pair goes; else an empty pair, for
    the words typed next, but not inside code or a link's address (nothing changes).
    """
    size, spans = len(marker), _spans_of(line, marker)
    if line[caret : caret + size] == marker and any(end == caret + size for _, end in spans):
        return caret, caret, "", caret + size
    word = word_at(line, caret)
    if word is not None:
        start, end = word
        for span_start, span_end in spans:
            if span_start + size <= start and end <= span_end - size:
                return span_start, span_end, line[span_start + size : span_end - size], caret - size
        if not any(m.start() < end and start < m.end() for m in _LITERAL.finditer(line)):
            return start, end, marker + line[start:end] + marker, caret + size
    if any(m.start() < caret < m.end() for m in _LITERAL.finditer(line)):
        return caret, caret, "", caret  # in code or an address: a pair there is no style
    run = marker[0]
    before = len(line[:caret]) - len(line[:caret].rstrip(run))
    after = len(line[caret:]) - len(line[caret:].lstrip(run))
    if before == after == size:
        return caret - size, caret + size, "", caret - size
    return caret, caret, marker * 2, caret + size


def _markers_only(text: str, marker: str) -> bool:
    return all(char in ("`" if marker == "`" else "*_") for char in text)


def wrap(line: str, start: int, end: int, marker: str) -> tuple[str, int, int]:
    """What Ctrl+B ("**"), Ctrl+I ("*") or Ctrl+` ("`") does to [start, end) of `line`,
    selected, as a word processor's toggle: (the line after, and where its selected words
    are), in code points. Words already so marked lose it (`**word**` with "word" or all
    of it selected); else they are wrapped, the spaces at either end of the selection
    left out (`**word** `: CommonMark reads `**word **` as no emphasis). Code ends before a
    quote's link back: inside, the link showed as its Markdown, "[↩ Q1](#h-…)", and led
    nowhere."""
    if marker == "`":
        end = before_chip(line, start, end)
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if start == end:
        return line, start, end
    size = len(marker)
    for span_start, span_end in _spans_of(line, marker):
        inner_start, inner_end = span_start + size, span_end - size
        if (
            span_start <= start
            and end <= span_end
            and _markers_only(line[min(start, inner_start) : max(start, inner_start)], marker)
            and _markers_only(line[min(end, inner_end) : max(end, inner_end)], marker)
        ):
            plain = line[:span_start] + line[inner_start:inner_end] + line[span_end:]
            words_start = max(start, inner_start) - size
            words_end = min(end, inner_end) - size
            return plain, words_start, words_end
    words = line[start:end]
    if marker == "`" and "`" in words:
        # Code holding backticks: a fence of more than its longest run, and a space inside
        # where a backtick would touch it (`` `ls` ``), else `run `ls` now` is two spans.
        marker = "`" * (max(len(run) for run in re.findall("`+", words)) + 1)
        pad = " " if words.startswith("`") or words.endswith("`") else ""
        words = pad + words + pad
        size = len(marker) + len(pad)
    wrapped = line[:start] + marker + words + marker[::-1] + line[end:]
    return wrapped, start + size, start + size + end - start
