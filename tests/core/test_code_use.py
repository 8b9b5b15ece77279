"""How much each code is used (reader/core/code_use.py): its passages and interviews, by
itself and with its sub-codes, each passage and each interview once."""

from __future__ import annotations

from reader.core.annotations import make_highlight
from reader.core.code_use import CodeUse, CodingSets, code_uses, use_words
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


def test_no_passages_are_said_so_and_sub_codes_adding_none_too() -> None:
    """The Codebook's line under a new code with a sub-code read "0 passages in 0
    interviews; 0 passages in 0 interviews with its sub-codes", three lines of a narrow
    dock; a code whose sub-codes' passages all carry it said its count twice."""
    assert use_words(CodeUse(), True, False) == "No passages"
    assert use_words(CodeUse(), True, True) == "No passages, nor in its sub-codes"
    assert use_words(CodeUse(), False, True) == "No passages in its sub-codes"
    assert use_words(CodeUse(0, 0, 2, 1), True, True) == (
        "No passages of its own; 2 passages in 1 interview with its sub-codes"
    )
    assert use_words(CodeUse(1, 1, 1, 1), True, True) == (
        "1 passage in 1 interview; its sub-codes add none"
    )
    assert use_words(CodeUse(1, 1, 3, 2), True, True) == (
        "1 passage in 1 interview; 3 passages in 2 interviews with its sub-codes"
    )
    category = use_words(CodeUse(2, 1, 2, 1), False, True)
    assert category == "2 passages in 1 interview with its sub-codes"
