"""Tab and Shift+Tab on the list items of Markdown notes: an item goes under the item
above it, as far in as that item's words begin (CommonMark nests no less: under "1. one",
"  1. two" is the same list's next item), or out to its parent's depth; a numbered item
then counts from 1 in its new sublist, or on with the list it joins."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import takewhile

from reader.core.markdown_lines import LIST_ITEM, QUOTE_PREFIX, indent_of, renumbered

INDENT = 2  # in, with no item above to go under


def indented(
    lines: list[str], above: Iterable[str], outdent: bool, below: Iterable[str] = ()
) -> list[str] | None:
    """The `lines` selected (the caret's line alone, or several) one level in, or out:
    from the first list item among them on, each line as far as that item moves, below
    the lines `above` them (nearest first, read only as far as their list goes). Then the
    list's lines `below` them, as far as it goes, counting on as they counted before
    ("3. three" under an item moved in is "2. three" now); a list numbered otherwise
    ("1." each) is left as it is. None when none of the lines is a list item (Tab is then
    not the list's). A list in a block quote ("> - item") moves within it, its quote marks
    kept: Tab typed a tab after its words."""
    quote = QUOTE_PREFIX.match(lines[0])
    marks = quote.group(1) if quote else ""
    if not marks or not all(line.startswith(marks) for line in lines):
        return _indented(lines, above, outdent, below)

    def inside(quoted: Iterable[str]) -> list[str]:
        return [line[len(marks) :] for line in takewhile(lambda x: x.startswith(marks), quoted)]

    moved = _indented(inside(lines), inside(above), outdent, inside(below))
    return None if moved is None else [marks + line for line in moved]


def _indented(
    lines: list[str], above: Iterable[str], outdent: bool, below: Iterable[str] = ()
) -> list[str] | None:
    first = next((i for i, line in enumerate(lines) if LIST_ITEM.match(line)), None)
    if first is None:
        return None
    above = _this_list([*reversed(lines[:first]), *above])
    indent = indent_of(lines[first])
    step = indent - _outdent_to(above, indent) if outdent else _nesting(above, indent)
    if step == 0:
        return lines  # out at the margin already
    moved = renumbered([_moved(line, step, outdent) for line in lines[first:]], above)
    rest = _this_list(below)
    if renumbered(rest, [*reversed(lines[first:]), *above]) == rest:  # they counted
        rest = renumbered(rest, [*reversed(moved), *above])
    return lines[:first] + moved + rest


def _moved(line: str, step: int, outdent: bool) -> str:
    if not line.strip():
        return line
    return line[min(step, indent_of(line)) :] if outdent else " " * step + line


def _this_list(lines: Iterable[str]) -> list[str]:
    """The lines above (nearest first) or below, up to the line that ends the list (a
    paragraph or heading at the margin): no more is read, however long the notes."""
    kept = []
    for line in lines:
        kept.append(line)
        if line.strip() and indent_of(line) == 0 and not LIST_ITEM.match(line):
            break
    return kept


def _nesting(above: list[str], indent: int) -> int:
    """How far in an item at `indent` goes to be under the item above it at its depth:
    to where that item's words begin."""
    for line in above:
        if not line.strip() or indent_of(line) > indent:
            continue
        item = LIST_ITEM.match(line)
        if indent_of(line) == indent and item:
            return item.end(3) - indent
        break
    return INDENT


def _outdent_to(above: list[str], indent: int) -> int:
    """How far out an item at `indent` goes: to the depth of the item it is under, or,
    further in than that item's words (Tab went on in there), to where they begin."""
    for line in above:
        item = LIST_ITEM.match(line)
        if item and indent_of(line) < indent:
            words = item.end(3)
            return words if words < indent else indent_of(line)
    return max(indent - INDENT, 0)


def counted_on(lines: list[str]) -> list[str]:
    """`lines` after Enter made a numbered item, `lines[0]`: the items after it at its depth
    that it pushed down counted on from it ("1. one", a new "2. ", then "2. two" stayed
    2). Each one of them has the number the item before it has now; a list numbered
    otherwise ("1." each) is left as it is, and so is all after the list's end."""
    first = LIST_ITEM.match(lines[0])
    if first is None or not first.group(2)[:-1].isdigit():  # a bullet
        return lines
    indent, number, delimiter = first.group(1), int(first.group(2)[:-1]), first.group(2)[-1]
    out = [lines[0]]
    for line in lines[1:]:
        item = LIST_ITEM.match(line)
        if not line.strip() or indent_of(line) > len(indent):
            out.append(line)  # a blank line in the list, or what is nested in an item
            continue
        marker = item.group(2) if item and item.group(1) == indent else ""
        if marker[:-1] != str(number) or marker[-1:] != delimiter:
            break
        number += 1
        out.append(f"{indent}{number}{delimiter}{line[item.end(2) :]}")  # type: ignore[union-attr]
    return out + lines[len(out) :]
