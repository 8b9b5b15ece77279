"""How much each code is used (reader/core/code_use.py): its passages and interviews, by
itself and with its sub-codes, each passage and each interview once."""

from __future__ import annotations

from reader.core.annotations import make_highlight
from reader.core.code_use import CodeUse, CodingSets, code_uses
from reader.core.codebook import Codebook


def test_a_category_counts_each_passage_and_interview_of_its_sub_codes_once() -> None:
    book = Codebook()
    emotions = book.create("Emotions")
    fear, guilt = book.create("Fear", parent=emotions.id), book.create("Guilt", parent=emotions.id)
    text = "I was afraid and I felt guilty."

    def coded(*codes: tuple[str, ...]) -> list:
        return [make_highlight(text, 0, 5).edited(codes=c) for c in codes]

    sets = CodingSets()
    sets.add(coded((fear.id, guilt.id), (fear.id,)))  # one passage with both
    sets.add(coded((guilt.id,)))
    sets.add(coded())  # an interview with no codings
    uses = code_uses(book, sets)
    assert uses[fear.id] == CodeUse(2, 1, 2, 1)
    assert uses[guilt.id] == CodeUse(2, 2, 2, 2)
    assert uses[emotions.id] == CodeUse(0, 0, 3, 2)
