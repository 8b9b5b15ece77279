"""How much each code is used: its passages and the interviews it is in, by itself and with
its sub-codes (each passage, each interview once), as the Codebook, the pictures and
Retrieve with sub-codes count them.

Summed from coding sets (`CodingSets`): each set of codes a passage carries, and each set
of codes an interview applies, with how many carry it. A study has far fewer of them than
passages, so a count of every code costs little, and one code's (a tooltip) less.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.codebook import coding_sets
from reader.core.wording import counted

if TYPE_CHECKING:
    from reader.core.annotations import Highlight
    from reader.core.codebook import Code, Codebook


@dataclass
class CodingSets:
    """Which codes go together, counted: each set of codes a passage carries -> the
    passages carrying it (`passages`, core codebook `coding_sets`), and each set of codes
    an interview applies -> the interviews applying it (`interviews`)."""

    passages: Counter[frozenset[str]] = field(default_factory=Counter)
    interviews: Counter[frozenset[str]] = field(default_factory=Counter)

    def add(self, highlights: Iterable[Highlight]) -> None:
        """One interview's passages."""
        sets = coding_sets(highlights)
        self.passages.update(sets)
        if used := codes_used(sets):
            self.interviews[used] += 1


def codes_used(passages: Mapping[frozenset[str], int]) -> frozenset[str]:
    """The codes an interview applies, from its passages' coding sets."""
    return frozenset().union(*(codes for codes, n in passages.items() if n > 0))


@dataclass(frozen=True)
class CodeUse:
    """One code's use: its own passages and the interviews they are in, and the same
    with its sub-codes' (each passage, each interview once)."""

    passages: int = 0
    interviews: int = 0
    passages_below: int = 0
    interviews_below: int = 0


def use_words(use: CodeUse, codable: bool, sub_codes: bool, interviews: bool = True) -> str:
    """`use` in words: "12 passages in 7 interviews", and with its sub-codes when it has
    some (a category: only that); without `interviews` (an interview alone), passages.
    None is said as such ("No passages"), not as "0 passages in 0 interviews", and sub-codes
    whose passages all carry the code itself "add none" (they said its count twice)."""

    def said(passages: int, found: int) -> str:
        where = f" in {counted(found, 'interview')}" if interviews else ""
        return counted(passages, "passage") + where

    below = f"{said(use.passages_below, use.interviews_below)} with its sub-codes"
    if not codable:
        return below if use.passages_below else "No passages in its sub-codes"
    if not use.passages_below:  # nor of its own
        return "No passages, nor in its sub-codes" if sub_codes else "No passages"
    alone = said(use.passages, use.interviews) if use.passages else "No passages of its own"
    if not sub_codes:
        return alone
    if use.passages_below == use.passages:  # each passage below carries the code itself
        return f"{alone}; its sub-codes add none"
    return f"{alone}; {below}"


def carrying(sets: Mapping[frozenset[str], int], codes: frozenset[str]) -> int:
    """How many (passages, interviews) of `sets` carry any of `codes`, each once."""
    return sum(n for used, n in sets.items() if not used.isdisjoint(codes))


def code_uses(book: Codebook, sets: CodingSets) -> dict[str, CodeUse]:
    """Each code of `book` -> its use (a code no passage carries: zeros)."""
    codes = {code.id: code for code in book}
    own_passages, own_interviews = Counter[str](), Counter[str]()
    for counter, found in ((sets.passages, own_passages), (sets.interviews, own_interviews)):
        for used, n in counter.items():
            for code_id in used:
                found[code_id] += n
    below_passages = subtree_counts(codes, sets.passages)
    below_interviews = subtree_counts(codes, sets.interviews)
    return {
        code_id: CodeUse(
            own_passages[code_id],
            own_interviews[code_id],
            below_passages[code_id],
            below_interviews[code_id],
        )
        for code_id in codes
    }


def subtree_counts(codes: Mapping[str, Code], sets: Mapping[frozenset[str], int]) -> Counter[str]:
    """Code id -> how many of `sets` carry it or a code below it, each once."""
    found = Counter[str]()
    for used, n in sets.items():
        for code_id in above(codes, used):
            found[code_id] += n
    return found


def above(codes: Mapping[str, Code], ids: Iterable[str]) -> set[str]:
    """`ids` that are in `codes`, and every code above them."""
    found: set[str] = set()
    for code_id in ids:
        while code_id in codes and code_id not in found:
            found.add(code_id)
            code_id = codes[code_id].parent
    return found
