"""The marks that begin a line of Markdown notes (a heading's "## ", a list item's "- " or
"1. ", a quote's "> "), read and set as the notes editor's formatting keys do: a key
toggles its kind of line, and a line becomes one kind only (a heading is no list item)."""

from __future__ import annotations

import re

from reader.core.markdown_links import LINK

LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)(\[[ xX]\]\s+)?")
QUOTE_PREFIX = re.compile(r"^(\s*(?:>\s?)+)")
HEADING_PREFIX = re.compile(r"^#{1,6}(?:\s+|$)")
_ONE_QUOTE_LEVEL = re.compile(r"^\s*>\s?")
_BULLET = frozenset("-*+")
_INLINE_MARKS = re.compile(r"[*_`~\\]+")  # emphasis, code, strike-through, escapes


def shown_words(line: str, count: int = 4) -> str:
    """The first `count` words of a line of Markdown as a preview shows them: without its
    line's mark ("## ", "> ", "- "), its links as their text, no emphasis marks; "" for a
    line with no words."""
    text = LINK.sub(lambda link: link[1], line[marker_end(line) :])
    return " ".join(_INLINE_MARKS.sub("", text).split()[:count])


def marker_end(line: str) -> int:
    """Where the line's own mark ends (its list marker, checkbox included, or its quote
    marks, or its heading's hashes), the text proper beginning; 0 on a line without."""
    for pattern in (LIST_ITEM, QUOTE_PREFIX, HEADING_PREFIX):
        if match := pattern.match(line):
            return match.end()
    return 0


def _has(line: str, prefix: str) -> bool:
    """Whether `line` is already of the kind `prefix` makes (a bullet is a bullet, whether
    "-", "*" or "+"; "## " is a second-level heading only)."""
    if prefix.startswith("#"):
        return line.startswith(prefix)
    if prefix.startswith(">"):
        return _ONE_QUOTE_LEVEL.match(line) is not None
    item = LIST_ITEM.match(line)
    return item is not None and item.group(2) in _BULLET


def _without(line: str, prefix: str) -> str:
    """`line` with the mark of `prefix`'s kind taken off (one level of a quote)."""
    if prefix.startswith("#"):
        return HEADING_PREFIX.sub("", line, count=1)
    if prefix.startswith(">"):
        return _ONE_QUOTE_LEVEL.sub("", line, count=1)
    return LIST_ITEM.sub("", line, count=1)


def _with(line: str, prefix: str) -> str:
    """`line` made `prefix`'s kind. A heading takes the place of a heading's or a list
    item's mark, a bullet that of a number (its indent and checkbox stay) or a heading's."""
    if prefix.startswith(">"):
        return prefix + line
    item = LIST_ITEM.match(line)
    if prefix.startswith("#"):
        return prefix + _without(_without(line, "- ") if item else line, "#")
    if item:  # a numbered item: its number becomes the bullet
        return line[: item.start(2)] + prefix.rstrip() + line[item.end(2) :]
    return prefix + HEADING_PREFIX.sub("", line, count=1)


def _quoted(line: str, prefix: str) -> tuple[str, str]:
    """`line` as its quote marks and the rest, which a heading's or a bullet's `prefix`
    acts on: the quote holds it ("> ## head"; before, "## > head")."""
    marks = QUOTE_PREFIX.match(line) if not prefix.startswith(">") else None
    return (marks.group(1), line[marks.end() :]) if marks else ("", line)


def toggle_prefix(lines: list[str], prefix: str) -> list[str]:
    """The lines as the key for `prefix` ("## ", "- ", "> ") leaves them, as a word
    processor's toggle: when every line already is of its kind, none is any more; else
    every line becomes of it. Blank lines stay blank (a "- " alone would be an item), and
    so do a quote's blank lines; a heading or a bullet goes inside a quote's marks."""
    parts = [_quoted(line, prefix) for line in lines]
    written = [rest for _, rest in parts if rest.strip()]
    if written and all(_has(rest, prefix) for rest in written):
        return [marks + (_without(rest, prefix) if rest.strip() else rest) for marks, rest in parts]
    return [
        marks + (_with(rest, prefix) if rest.strip() and not _has(rest, prefix) else rest)
        for marks, rest in parts
    ]
