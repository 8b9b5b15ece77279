"""Where a study's undo history (its codebook: merging and deleting codes) and an
interview's (its highlights) cross: what a code change did to one interview's highlights,
for its undo (`Recoded`), and what each history must know of the other about that
interview (`Crossing`).

The Crossing also knows which highlights another program changed (a merge of its version
of the notes file), for the interview's history to leave them as that program left them.

A Crossing belongs to the interview, not to its Session: the Session is made anew when
the interview opens again (its history dropped, or let go), and a passage its history
left out must still come back with the study's Undo, open or not."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field, replace

from reader.core.annotations import Highlight, coloured_for_its_quote
from reader.core.codebook import Codebook
from reader.core.session import insertion_index


@dataclass(frozen=True)
class Recoded:
    """What a CodeChange did to one interview's highlights, for undo: those it changed as
    they were, and those it removed (left showing nothing) with their index before; and
    those the interview's history left out for its codes since (`Crossing.take_back`)."""

    changed: tuple[Highlight, ...] = ()
    removed: tuple[tuple[int, Highlight], ...] = ()  # in list order
    left_out: tuple[Highlight, ...] = ()

    @classmethod
    def of(cls, changes: list[tuple[int, Highlight, Highlight | None]]) -> Recoded:
        """From `recode`'s answer."""
        return cls(
            tuple(old for _, old, new in changes if new is not None),
            tuple((index, old) for index, old, new in changes if new is None),
        )

    def __len__(self) -> int:
        return len(self.changed) + len(self.removed) + len(self.left_out)

    def put_back(self) -> list[tuple[int | None, Highlight]]:
        """The passages the undo adds, each with its index before (None: in span order)."""
        return [*self.removed, *((None, h) for h in self.left_out)]

    def undo(self, highlights: list[Highlight]) -> list[Highlight]:
        """`highlights` with the changed ones that are still there given their codes back
        (`codes_back`), and the removed ones back in their places (in order, as before the
        change: a notes file's highlights may be in any order), the left out ones by span."""
        old = {h.id: h for h in self.changed}
        restored = [codes_back(h, old[h.id]) if h.id in old else h for h in highlights]
        there = {h.id for h in restored}
        for index, h in self.removed:
            if h.id not in there:
                restored.insert(min(index, len(restored)), h)
                there.add(h.id)
        for h in self.left_out:
            if h.id not in there:
                restored.insert(insertion_index(restored, h, None), h)
        return restored


def codes_back(now: Highlight, was: Highlight) -> Highlight:
    """`now`, a highlight a code change recoded, with the codes it had before (`was`): its
    note or colour, changed since, stay as they are now (but the colour it was given to
    stay for its quote); exactly `was` if nothing else changed."""
    color = was.color if coloured_for_its_quote(was, now) else now.color
    back = replace(now, codes=was.codes, color=color, modified=was.modified)
    return was if back == was else replace(now, codes=was.codes, color=color)


@dataclass
class Crossing:
    """What the two histories know of each other about one interview."""

    # By id, passages an undo or redo of the interview left out, as it would have made them,
    # because codes deleted since (by the study's history) were all that showed them: the
    # undo of that deletion puts them back (`take_back`), or they were lost.
    left_out: dict[str, Highlight] = field(default_factory=dict)
    # Code id -> the code a merge since (the study's history) put it in, till that is undone:
    # an undo or redo of the interview's that brings the old code puts on the one it became.
    # In a study, one dict shared by every interview's Crossing (KeptHistories): a merge
    # done while an interview is away holds for its history too.
    merged: dict[str, str] = field(default_factory=dict)
    # Another program's changes merged into the open notes (persistence/notes_merge.py), counted;
    # by id, the highlights each last changed, added or deleted, as that count then: a step
    # of the interview's made before leaves them as it left them (commands.py).
    outside_merges: int = 0
    changed_outside: dict[str, int] = field(default_factory=dict)

    def merged_outside(self, highlight_ids: Iterable[str]) -> None:
        """Another program's change to `highlight_ids` was merged in."""
        self.outside_merges += 1
        self.changed_outside.update(dict.fromkeys(highlight_ids, self.outside_merges))

    def changed_since(self, highlight_id: str, merges: int) -> bool:
        """Whether another program changed the highlight after the first `merges` merges."""
        return self.changed_outside.get(highlight_id, 0) > merges

    def without_codes(self, highlight: Highlight, known: Set[str], book: Codebook) -> Highlight:
        """`highlight` without the codes of `known` that `book` no longer has: deleted since
        (in a study, by the study's history), an undo of the interview's must not bring them
        back; one merged since becomes the code it went into (`merged`)."""
        codes = tuple(dict.fromkeys(self._now_code(c, known, book) for c in highlight.codes))
        codes = tuple(c for c in codes if c)
        return highlight if codes == highlight.codes else replace(highlight, codes=codes)

    def _now_code(self, code_id: str, known: Set[str], book: Codebook) -> str:
        """What `code_id` of `known` is now: itself, the code a merge put it in, or "" if
        deleted. A code never known stays, as it came."""
        if code_id not in known:
            return code_id
        while code_id and code_id not in book:
            code_id = self.merged.get(code_id, "")
        return code_id

    def take_back(
        self, olds: Recoded | None, mapping: Mapping[str, str], removed: Set[str]
    ) -> Recoded | None:
        """`taking_back`, and they and the merges of `mapping` are no longer this
        Crossing's (`forget`): for an undo that cannot fail (the open interview's)."""
        back = self.taking_back(olds, mapping, removed)
        self.forget(back, mapping)
        return back

    def taking_back(
        self, olds: Recoded | None, mapping: Mapping[str, str], removed: Set[str]
    ) -> Recoded | None:
        """The undo of a code change (codes merged: `mapping`, deleted: `removed`) for this
        interview: `olds` (what it did to its highlights, None for nothing), with the
        passages its history left out for those codes since, as that history has them.
        Nothing changes here: once the undo is written, `forget` them."""
        codes = removed | mapping.keys()
        back = {i: h for i, h in self.left_out.items() if codes.intersection(h.codes)}
        for old in olds.changed if olds is not None else ():
            # Recoded by the change, then left out by the interview's history.
            if old.id not in back and (left := self.left_out.get(old.id)) is not None:
                back[old.id] = codes_back(left, old)
        if not back:
            return olds
        olds = olds or Recoded()
        return replace(olds, left_out=olds.left_out + tuple(back.values()))

    def forget(self, back: Recoded | None, mapping: Mapping[str, str]) -> None:
        """The passages `back` took back (`taking_back`) and the merges of `mapping`, undone
        and written, are no longer this Crossing's."""
        for source in mapping:
            self.merged.pop(source, None)
        for highlight in back.left_out if back is not None else ():
            self.left_out.pop(highlight.id, None)
