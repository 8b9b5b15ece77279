"""Undo field by field (reader/core/undone.py): what a step changed goes back where it is
still as the step left it; what another program changed since stays."""

from __future__ import annotations

import pytest

from reader.core.codebook import Code, Codebook, CodebookError
from reader.core.undone import entries_undone, fields_undone


def test_fields_undone_takes_back_only_the_fields_the_step_changed_and_left() -> None:
    old = Code("c1", "Trust", description="")
    new = Code("c1", "Confidence", description="")
    now = Code("c1", "Confidence", description="written on the laptop")
    assert fields_undone(old, new, now) == Code("c1", "Trust", description="written on the laptop")


def test_fields_undone_leaves_a_field_changed_again_since() -> None:
    old, new = Code("c1", "Trust"), Code("c1", "Confidence")
    assert fields_undone(old, new, Code("c1", "Reliance")) == Code("c1", "Reliance")


def test_fields_undone_skips_the_fields_named() -> None:
    old, new = Code("c1", "Trust", color="#111111"), Code("c1", "Confidence", color="#222222")
    assert fields_undone(old, new, new, skip=("color",)) == Code("c1", "Trust", color="#222222")


def test_entries_undone_puts_back_changed_and_removed_keys_and_drops_added_ones() -> None:
    old = {"a": 1, "b": 2, "c": 3}
    new = {"a": 10, "c": 3, "d": 4}  # a changed, b removed, d added
    now = {"a": 10, "c": 30, "d": 4, "e": 5}  # c and e another program's
    assert entries_undone(old, new, now) == {"a": 1, "b": 2, "c": 30, "e": 5}


def test_entries_undone_leaves_keys_changed_again_since() -> None:
    assert entries_undone({"a": 1}, {"a": 2}, {"a": 3}) == {"a": 3}
    assert entries_undone({"a": 1}, {}, {"a": 3}) == {"a": 3}


def test_codebook_undo_update_keeps_the_codes_place_and_another_programs_fields() -> None:
    book = Codebook()
    first, second = book.create("Trust"), book.create("Doubt")
    old = book.update(first.id, name="Confidence")
    new = book.code(first.id)
    book.put(Code(first.id, "Confidence", description="d"))  # merged from disk
    book.undo_update(old, new)
    assert [(c.name, c.description) for c in book.codes] == [("Trust", "d"), ("Doubt", "")]
    assert second.id in book


def test_codebook_undo_update_of_a_code_deleted_since_does_nothing() -> None:
    book = Codebook()
    code = book.create("Trust")
    old = book.update(code.id, name="Confidence")
    new = book.code(code.id)
    book.delete(code.id)
    book.undo_update(old, new)
    assert list(book) == []


def test_codebook_undo_update_refuses_a_name_another_code_has_taken_since() -> None:
    book = Codebook()
    code = book.create("Trust")
    old = book.update(code.id, name="Confidence")
    new = book.code(code.id)
    book.create("Trust")  # another program's, merged in
    with pytest.raises(CodebookError, match="top-level code “Trust” already"):
        book.undo_update(old, new)
    assert sorted(c.name for c in book) == ["Confidence", "Trust"]
