"""Three-way merge of the free-form notes by lines, so an outside change never grows them.

Lines changed on one side only apply cleanly; lines changed differently on both sides are
kept twice between marker lines, ours first. A region already holding the other side's
lines (merged before) is taken as it is, so merging the same change twice changes nothing.
Without a common version (a sync tool's conflict copy) the lines both texts share stand in
for it: nothing is deleted, the other side's new lines are added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate

from merge3 import Merge3


@dataclass(frozen=True)
class TextMerge:
    """Two versions of a text merged against their base."""

    text: str
    conflicts: int  # regions kept twice between markers


def conflict_markers(source: str) -> tuple[str, str, str]:
    return (
        "<<<<<<< your notes\n",
        "======= the same lines as changed by " + source + "\n",
        ">>>>>>> end of the two versions\n",
    )


def merge_text(base: str | None, ours: str, theirs: str, source: str) -> TextMerge:
    if ours == theirs or not theirs.strip() or theirs == base:
        return TextMerge(ours, 0)
    if ours == base or not ours.strip():
        return TextMerge(theirs, 0)
    # Each line with its line end, the last too: "B" at the end of one text and "B\n" in
    # another that goes on after it are the same line (they made a conflict of one line
    # added at the end of notes, which end with no line end).
    our_lines, their_lines = _terminated(_lines(ours)), _terminated(_lines(theirs))
    if base is not None:
        base_lines = _terminated(_lines(base))
    else:
        base_lines = _common_lines(our_lines, their_lines)
    start, middle, end = conflict_markers(source)
    merged: list[str] = []
    conflicts = 0
    merger = Merge3(base_lines, our_lines, their_lines)
    for region in merger.merge_regions():
        kind = region[0]
        if kind in ("unchanged", "same", "a"):
            merged += (base_lines if kind == "unchanged" else our_lines)[region[1] : region[2]]
        elif kind == "b":
            merged += their_lines[region[1] : region[2]]
        else:
            mine = our_lines[region[3] : region[4]]
            other = their_lines[region[5] : region[6]]
            if _contains(mine, other):
                merged += mine
                continue
            conflicts += 1
            merged += [start, *mine, middle, *other, end]
    if merged and merged[-1] != end and not ours.endswith("\n") and not theirs.endswith("\n"):
        merged[-1] = merged[-1].removesuffix("\n")  # as both ended
    return TextMerge("".join(merged), conflicts)


def lines_removed(ours: str, merged: str) -> int:
    """How many of our lines with words `merged` has no more (as often), nor at the start
    or end of a longer line (words added to it elsewhere took nothing out): what a merge
    took out of ours, for a backup to keep and the message to say."""
    merged_lines = [line for line in merged.splitlines() if line.strip()]
    left = Counter(line for line in ours.splitlines() if line.strip())
    left.subtract(merged_lines)
    gone = [line for line, n in left.items() if n > 0]
    grown = {
        line for line in gone if any(m.startswith(line) or m.endswith(line) for m in merged_lines)
    }
    return sum(left[line] for line in gone if line not in grown)


def changed_span(old: str, new: str) -> tuple[int, int, str]:
    """The one edit that makes `old` into `new`: `old[start:end]` replaced by the text given,
    all the rest (their common start and end) left as it is."""
    start = _common_length(old, new, lambda text, n: text[:n])
    most = min(len(old), len(new)) - start
    tail = _common_length(old, new, lambda text, n: text[len(text) - n :], most)
    return start, len(old) - tail, new[start : len(new) - tail]


def changed_parts(old: str, new: str) -> list[tuple[int, int, str]]:
    """The edits that make `old` into `new`, line by line, in order: `old[start:end]`
    replaced by the text given. Only the lines that differ change, so a place in a line
    both keep (a typing cursor) stays with its words; one span from the first difference
    to the last took it to the span's end, the next words typed into another paragraph."""
    start, end, middle = changed_span(old, new)
    before, after = _lines(old[start:end]), _lines(middle)
    at = list(accumulate((len(line) for line in before), initial=start))
    lines = SequenceMatcher(None, before, after, autojunk=False)
    return [
        (at[i1], at[i2], "".join(after[j1:j2]))
        for tag, i1, i2, j1, j2 in lines.get_opcodes()
        if tag != "equal"
    ]


def kept_place(old: str, new: str, place: int) -> int | None:
    """Where `place` in `old` (a typing caret) is in `new`, by the lines the two have in
    common: at the same words of its line, or as far from the changes as it was (after a
    change earlier on its line, after the same words since that change). None when its
    line changed around it. Lines are compared without their line end: the line being typed at
    the end of the notes has none, and the conflict block a merge put around it ends it,
    which left the caret below the block and the next words typed outside it."""
    start, end, _ = changed_span(old, new)
    if place < start or place > end:
        return place if place < start else place + len(new) - len(old)
    start = old.rfind("\n", 0, start) + 1  # whole lines, on both sides: their ends are common
    line_end = old.find("\n", end)
    tail = len(old) - (len(old) if line_end < 0 else line_end + 1)
    before, after = _lines(old[start : len(old) - tail]), _lines(new[start : len(new) - tail])
    at = list(accumulate((len(line) for line in before), initial=start))
    ends = (at[i] + len(text.rstrip("\n")) for i, text in enumerate(before))
    line = next((i for i, line_end in enumerate(ends) if place <= line_end), None)
    if line is None:  # after the last line end: a line of its own, empty
        return None
    column = place - at[line]
    words = [text.rstrip("\n") for text in before], [text.rstrip("\n") for text in after]
    matcher = SequenceMatcher(None, *words, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        if i <= line < i + size:
            return start + sum(len(text) for text in after[: j + line - i]) + column
    return None


def _common_length(a: str, b: str, part: Callable[[str, int], str], most: int = -1) -> int:
    """The most characters, up to `most`, whose `part` is the same in both: found by halving,
    each comparison in C, not a Python loop a character at a time (1 MB of notes)."""
    low, high = 0, min(len(a), len(b)) if most < 0 else most
    while low < high:
        middle = (low + high + 1) // 2
        if part(a, middle) == part(b, middle):
            low = middle
        else:
            high = middle - 1
    return low


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _terminated(lines: list[str]) -> list[str]:
    """The last line of a region ends with a newline, so a marker starts a line of its own."""
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


def _common_lines(a: list[str], b: list[str]) -> list[str]:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [
        line
        for block in matcher.get_matching_blocks()
        for line in a[block.a : block.a + block.size]
    ]


def _contains(lines: list[str], part: list[str]) -> bool:
    """Every line of `part` is among `lines` (as often): kept there by an earlier merge."""
    have = Counter(line.rstrip("\n") for line in lines)
    have.subtract(line.rstrip("\n") for line in part)
    return all(count >= 0 for count in have.values())
