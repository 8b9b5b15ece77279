"""The marks that begin a line of Markdown notes (a heading's "## ", a list item's "- " or
"1. ", a quote's "> "), read and set as the notes editor's formatting keys do: a key
toggles its kind of line, and a line becomes one kind only (a heading is no list item);
a numbered item counts on from the item above it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.markdown_links import LINK

LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)(\[[ xX]\]\s+)?")
QUOTE_PREFIX = re.compile(r"^(\s*(?:>\s?)+)")
HEADING_PREFIX = re.compile(r"^#{1,6}(?:\s+|$)")
_ONE_QUOTE_LEVEL = re.compile(r"^\s*>\s?")
_BULLET = frozenset("-*+")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_INLINE_MARKS = re.compile(r"[*_`~\\]+")  # emphasis, code, strike-through, escapes
# The lines a merge leaves around lines changed on both sides (text_merge.conflict_markers),
# as git's: "<<<<<<< your notes", "======= the same lines as changed by …", ">>>>>>> end…".
_MERGE_MARKER = re.compile(r"^(?:<{7}|={7}|>{7})(?:[ \t].*)?$", re.MULTILINE)


def continued(line: str) -> tuple[str, str, bool] | None:
    """What Enter opens the next line with after `line` in the notes: its list's next
    item (numbered one more, a checkbox unticked), or its quote's marks, with a list
    item's inside a quote ("> - "); then the line's words after its marks, and whether it
    is a nested item. None for a line that goes on with nothing: a horizontal rule
    ("- - -") is no list item."""
    if _THEMATIC_BREAK.match(line):
        return None
    quote = QUOTE_PREFIX.match(line)
    marks = ""
    if quote:
        marks = quote.group(1) if quote.group(1).endswith(" ") else quote.group(1) + " "
    rest = line[quote.end() :] if quote else line
    item = LIST_ITEM.match(rest)
    if item is None:
        return (marks, rest, False) if quote else None
    marker = item.group(2)
    if number := re.match(r"\d+", marker):
        marker = f"{int(number.group()) + 1}{marker[-1]}"
    checkbox = "[ ] " if item.group(4) else ""
    prefix = f"{marks}{item.group(1)}{marker}{item.group(3)}{checkbox}"
    return prefix, rest[item.end() :], bool(item.group(1)) and not quote


def merge_markers_apart(markdown: str) -> str:
    """`markdown` as the preview shows it: each marker line a merge left a paragraph of its
    own, as typed. They ran into the lines around them ("Line one <<<<<<< your notes Line
    two…"), and ">>>>>>> end of the two versions" read as a quote seven deep."""
    if "<<<<<<<" not in markdown:
        return markdown
    return _MERGE_MARKER.sub(lambda marker: f"\n\\{marker[0]}\n", markdown)


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


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def number_after(above: Iterable[str], indent: int) -> int:
    """The number of a numbered item at `indent` below the lines `above` it (nearest
    first): one more than the numbered item above it at its depth, in the same list; else
    1 (the first of a sublist, or after a bullet, whose list it cannot go on)."""
    for line in above:
        if not line.strip() or indent_of(line) > indent:
            continue  # between items, or an item's own sublist or words
        item = LIST_ITEM.match(line)
        if indent_of(line) == indent and item and not _is_bullet(item.group(2)):
            return int(item.group(2)[:-1]) + 1
        return 1
    return 1


def renumbered(lines: list[str], above: Iterable[str] = ()) -> list[str]:
    """`lines` with each numbered item counting on from the one above it at its depth
    (`number_after`), the lines `above` them (nearest first) read for the first."""
    done: list[str] = []
    above = list(above)
    for line in lines:
        item = LIST_ITEM.match(line)
        if item and not _is_bullet(item.group(2)):
            number = number_after([*reversed(done), *above], indent_of(line))
            line = f"{line[: item.start(2)]}{number}{item.group(2)[-1]}{line[item.end(2) :]}"
        done.append(line)
    return done


def _is_bullet(marker: str) -> bool:
    return marker in _BULLET


def _has(line: str, prefix: str) -> bool:
    """Whether `line` is already of the kind `prefix` makes (a bullet is a bullet, whether
    "-", "*" or "+", a numbered item one whether "1." or "2)"; "## " is a second-level
    heading only)."""
    if prefix.startswith("#"):
        return line.startswith(prefix)
    if prefix.startswith(">"):
        return _ONE_QUOTE_LEVEL.match(line) is not None
    item = LIST_ITEM.match(line)
    return item is not None and _is_bullet(item.group(2)) == _is_bullet(prefix.rstrip())


def _without(line: str, prefix: str) -> str:
    """`line` with the mark of `prefix`'s kind taken off (one level of a quote)."""
    if prefix.startswith("#"):
        return HEADING_PREFIX.sub("", line, count=1)
    if prefix.startswith(">"):
        return _ONE_QUOTE_LEVEL.sub("", line, count=1)
    return LIST_ITEM.sub("", line, count=1)


def _with(line: str, prefix: str) -> str:
    """`line` made `prefix`'s kind. A heading takes the place of a heading's or a list
    item's mark, a bullet that of a number and a number that of a bullet (its indent and
    checkbox stay), either a heading's."""
    if prefix.startswith(">"):
        return prefix + line
    item = LIST_ITEM.match(line)
    if prefix.startswith("#"):
        return prefix + _without(_without(line, "- ") if item else line, "#")
    if item:  # another kind of item: its mark becomes this one's
        return line[: item.start(2)] + prefix.rstrip() + line[item.end(2) :]
    return prefix + HEADING_PREFIX.sub("", line, count=1)


def _quoted(line: str, prefix: str) -> tuple[str, str]:
    """`line` as its quote marks and the rest, which a heading's or a bullet's `prefix`
    acts on: the quote holds it ("> ## head"; before, "## > head")."""
    marks = QUOTE_PREFIX.match(line) if not prefix.startswith(">") else None
    return (marks.group(1), line[marks.end() :]) if marks else ("", line)


def toggle_prefix(lines: list[str], prefix: str) -> list[str]:
    """The lines as the key for `prefix` ("## ", "- ", "1. ", "> ") leaves them, as a word
    processor's toggle: when every line already is of its kind, none is any more; else
    every line becomes of it, numbered items counting from 1. Blank lines stay blank (a
    "- " alone would be an item), and so do a quote's blank lines; a heading or a list
    item goes inside a quote's marks."""
    parts = [_quoted(line, prefix) for line in lines]
    written = [rest for _, rest in parts if rest.strip()]
    if written and all(_has(rest, prefix) for rest in written):
        return [marks + (_without(rest, prefix) if rest.strip() else rest) for marks, rest in parts]
    rests = [
        _with(rest, prefix) if rest.strip() and not _has(rest, prefix) else rest
        for _, rest in parts
    ]
    if prefix[0].isdigit():
        rests = renumbered(rests)
    return [marks + rest for (marks, _), rest in zip(parts, rests, strict=True)]
