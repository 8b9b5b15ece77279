"""Where the study's undo history and an interview's cross (reader/core/undo_crossing.py):
codes deleted or merged since, passages left out, and passages put back in their places."""

from __future__ import annotations

from reader.core.annotations import NO_COLOR, make_highlight
from reader.core.codebook import Codebook
from reader.core.undo_crossing import Crossing, Recoded, codes_back

TEXT = "coffee at dawn, then the handover"


def test_without_codes_leaves_off_only_known_codes_the_codebook_lost() -> None:
    book, crossing = Codebook(), Crossing()
    kept, gone = book.create("Kept"), book.create("Gone")
    h = make_highlight(TEXT, 0, 6).edited(codes=(kept.id, gone.id, "never-known"))
    known = {kept.id, gone.id}
    assert crossing.without_codes(h, known, book) is h
    book.delete(gone.id)
    assert crossing.without_codes(h, known, book).codes == (kept.id, "never-known")


def test_without_codes_puts_on_what_a_merged_code_became() -> None:
    book, crossing = Codebook(), Crossing()
    a, b, c = book.create("A"), book.create("B"), book.create("C")
    h = make_highlight(TEXT, 0, 6).edited(codes=(a.id, c.id))
    known = {a.id, b.id, c.id}
    book.merge(a.id, b.id)
    crossing.merged[a.id] = b.id
    assert crossing.without_codes(h, known, book).codes == (b.id, c.id)
    book.merge(b.id, c.id)  # then B into C: A is C now, once
    crossing.merged[b.id] = c.id
    assert crossing.without_codes(h, known, book).codes == (c.id,)
    book.delete(c.id)
    assert crossing.without_codes(h, known, book).codes == ()


def test_take_back_brings_what_was_left_out_for_the_changes_codes_only() -> None:
    book = Codebook()
    drinks, food = book.create("Drinks"), book.create("Food")
    coffee = make_highlight(TEXT, 0, 6, NO_COLOR).edited(codes=(drinks.id,))
    dawn = make_highlight(TEXT, 10, 14, NO_COLOR).edited(codes=(food.id,))
    crossing = Crossing(left_out={coffee.id: coffee, dawn.id: dawn}, merged={"x": "y"})
    back = crossing.take_back(None, {}, {drinks.id})
    assert back == Recoded(left_out=(coffee,))
    assert crossing.left_out == {dawn.id: dawn}
    assert crossing.take_back(None, {}, {drinks.id}) is None  # taken back once
    assert crossing.take_back(back, {"x": "y"}, set()) is back and crossing.merged == {}


def test_taking_back_changes_nothing_till_forget_once_the_undo_is_written() -> None:
    book = Codebook()
    drinks = book.create("Drinks")
    coffee = make_highlight(TEXT, 0, 6, NO_COLOR).edited(codes=(drinks.id,))
    merged = {drinks.id: "food"}  # a study's, shared by its interviews' Crossings
    crossing, other = Crossing({coffee.id: coffee}, merged), Crossing(merged=merged)
    back = crossing.taking_back(None, merged, set())
    assert back == Recoded(left_out=(coffee,))
    assert crossing.left_out == {coffee.id: coffee} and merged == {drinks.id: "food"}
    assert crossing.taking_back(None, merged, set()) == back  # a failed write: again
    crossing.forget(back, {drinks.id: "food"})
    assert crossing.left_out == {} and other.merged == {}


def test_take_back_gives_a_recoded_passage_left_out_since_its_codes_back() -> None:
    """Coded Drinks and Food; Drinks merged into Food (recoded); the interview's history
    then left it out, with a note: back as that history has it, with its codes before."""
    book = Codebook()
    drinks, food = book.create("Drinks"), book.create("Food")
    was = make_highlight(TEXT, 0, 6, NO_COLOR).edited(codes=(drinks.id, food.id))
    left = was.edited(codes=(food.id,), note="Ritual?")
    crossing = Crossing(left_out={was.id: left})
    back = crossing.take_back(Recoded(changed=(was,)), {"elsewhere": food.id}, set())
    assert back is not None and back.left_out == (codes_back(left, was),)
    assert back.left_out[0].codes == (drinks.id, food.id) and back.left_out[0].note == "Ritual?"


def test_undo_puts_removed_passages_back_in_their_places_and_left_out_ones_in_span_order() -> None:
    first = make_highlight(TEXT, 0, 6, NO_COLOR).edited(codes=("drinks",))
    twin = make_highlight(TEXT, 0, 6)
    handover = make_highlight(TEXT, 25, 33)
    dawn = make_highlight(TEXT, 10, 14, NO_COLOR).edited(codes=("drinks",))
    recoded = Recoded(removed=((0, first),), left_out=(dawn,))
    assert recoded.undo([twin, handover]) == [first, twin, dawn, handover]
    assert recoded.undo([first, twin, dawn, handover]) == [first, twin, dawn, handover]
    assert len(recoded) == 2
