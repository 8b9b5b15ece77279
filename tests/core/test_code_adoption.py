"""Codes an interview's notes use that the study's codebook lacks, adopted by the study:
which codes, where in the tree, their names (told apart by the interview's title), the
message, and the unknown-code notice it answers."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from reader.core.annotations import make_highlight
from reader.core.code_adoption import (
    adopt_codes,
    adoption_message,
    taken_back,
    unknown_notice_answered,
)
from reader.core.codebook import MAX_NAME_CHARS, UNKNOWN_CODE_HEX, Code, Codebook
from reader.core.notes_file import NotesData, parse, serialise
from reader.core.study import open_study

TEXT = "Q: Where do you work?\nA: At the depot, nights.\nQ: And home?\nA: Far away.\n"
GHOST = "9f3c2a10-aaaa-4bbb-8ccc-000000000000"
DOCUMENT = {"title": "P1", "source": "P1.txt", "sha256": "0" * 64, "length": len(TEXT)}


def coded(book: Codebook, *codings: tuple[str, ...]) -> NotesData:
    """Notes whose highlights carry `codings`, with `book` as their own codebook."""
    highlights = [
        make_highlight(TEXT, 3 + n, 8 + n).edited(codes=codes) for n, codes in enumerate(codings)
    ]
    return NotesData(document=DOCUMENT, highlights=highlights, codebook=book)


def test_a_code_the_study_lacks_is_added_as_the_notes_have_it() -> None:
    study = Codebook()
    trust = study.create("Trust")
    theirs = Codebook([trust])
    work = theirs.create("Work", color="#123456", description="Paid *work*.", code_id="w-1")
    notes = coded(theirs, (trust.id,), (work.id, trust.id))
    added = adopt_codes(study, notes, "P03")
    assert added == [Code("w-1", "Work", "#123456", "Paid *work*.", True, "")]
    assert study.get("w-1") == added[0]
    assert [c.name for c in study] == ["Trust", "Work"]
    assert adopt_codes(study, notes, "P03") == []  # a second opening adopts nothing


def test_only_the_codes_the_passages_carry_are_adopted() -> None:
    """A code of the notes' copy that no passage carries (deleted from the study since)
    does not come back."""
    theirs = Codebook()
    used, unused = theirs.create("Used"), theirs.create("Deleted since")
    study = Codebook()
    assert [c.id for c in adopt_codes(study, coded(theirs, (used.id,)), "P1")] == [used.id]
    assert unused.id not in study


def test_a_code_in_no_codebook_becomes_an_unknown_code_in_grey() -> None:
    notes = parse(serialise(coded(Codebook(), (GHOST,))))  # loading names it
    study = Codebook()
    (added,) = adopt_codes(study, notes, "Cjk")
    assert (added.id, added.name, added.color) == (GHOST, "Unknown code 9f3c2a10", "#888888")
    # Notes whose copy lacks it (merged, say) give it the same name.
    again = Codebook()
    (same,) = adopt_codes(again, coded(Codebook(), (GHOST,)), "Cjk")
    assert same == added


def test_a_parent_the_study_has_keeps_its_child_and_one_it_lacks_comes_with_it() -> None:
    study = Codebook()
    emotions = study.create("Emotions", codable=False)
    theirs = Codebook([emotions])
    fear = theirs.create("Fear", parent=emotions.id)
    places = theirs.create("Places", codable=False)  # a category no passage carries
    town = theirs.create("Town", parent=places.id, codable=False)
    depot = theirs.create("Depot", parent=town.id)
    theirs.create("Unused", parent=places.id)  # no passage: not adopted
    added = adopt_codes(study, coded(theirs, (depot.id,), (fear.id,)), "P1")
    assert [(c.name, c.parent) for c in added] == [
        ("Fear", emotions.id),
        ("Places", ""),
        ("Town", places.id),
        ("Depot", town.id),
    ]
    assert study.path(fear.id) == "Emotions / Fear"
    assert study.path(depot.id) == "Places / Town / Depot"
    assert not study.code(places.id).codable


def test_a_parent_adopted_too_keeps_its_child_below_it() -> None:
    theirs = Codebook()
    work = theirs.create("Work")
    stress = theirs.create("Stress", parent=work.id)
    study = Codebook()
    adopt_codes(study, coded(theirs, (stress.id,), (work.id,)), "P1")
    assert study.tree() == [(0, study.code(work.id)), (1, study.code(stress.id))]


def test_a_name_a_sibling_has_gets_the_interviews_title() -> None:
    study = Codebook()
    study.create("Work")
    study.create("work (p03)")  # taken too, whatever its case
    home = study.create("Home")
    theirs = Codebook([home])
    work, child = theirs.create("Work"), theirs.create("Work", parent=home.id, code_id="c")
    added = adopt_codes(study, coded(theirs, (work.id,), (child.id,)), "P03")
    assert {c.id: c.name for c in added} == {work.id: "Work (P03, 2)", "c": "Work"}  # below Home


def test_a_long_name_stays_within_the_longest_a_code_may_have() -> None:
    long = "x" * MAX_NAME_CHARS
    study = Codebook()
    study.create(long)
    theirs = Codebook([Code("other", long)])
    (added,) = adopt_codes(study, coded(theirs, ("other",)), "T" * 500)
    assert len(added.name) <= MAX_NAME_CHARS and added.name.endswith(")")
    assert study.find(long).id != "other"


def test_a_hand_edited_code_with_no_name_or_a_bad_colour_is_still_adopted() -> None:
    theirs = Codebook([Code("x1", "   ", color="red")])
    study = Codebook()
    (added,) = adopt_codes(study, coded(theirs, ("x1",)), "P1")
    assert (added.name, added.color) == ("Unknown code x1", UNKNOWN_CODE_HEX)


def test_the_message_names_a_few_and_counts_the_rest() -> None:
    one = [Code("a", "Unknown code 9f3c2a10")]
    assert adoption_message(one, "Cjk") == (
        "1 code of “Cjk”’s notes was not in the study's codebook and was added to it: "
        "“Unknown code 9f3c2a10”."
    )
    five = [Code(str(n), f"C{n}") for n in range(5)]
    assert adoption_message(five, "P03") == (
        "5 codes of “P03”’s notes were not in the study's codebook and were added to it: "
        "“C0”, “C1”, “C2” and 2 more."
    )
    assert adoption_message([], "P03") == ""


def test_the_unknown_code_notice_is_answered_once_the_study_has_the_codes() -> None:
    notes = parse(serialise(coded(Codebook(), (GHOST,))))
    (notice,) = notes.notices
    study = Codebook()
    assert unknown_notice_answered(notes, study) == ""  # a read-only study says it
    adopt_codes(study, notes, "Cjk")
    assert unknown_notice_answered(notes, study) == notice
    assert unknown_notice_answered(coded(Codebook()), study) == ""  # no notice to answer


def test_the_studys_undo_of_a_deletion_keeps_a_code_adopted_since(tmp_path: Path) -> None:
    """Adopting is no step of the study's history: undoing a step taken before it puts
    back the codebook of then, and the adopted code with it."""
    (tmp_path / "P1.txt").write_text(TEXT, encoding="utf-8")
    study = open_study(tmp_path)
    doomed = study.writable_codebook().create("Doomed")
    change = study.delete_code(doomed.id)
    adopt_codes(study.writable_codebook(), coded(Codebook(), (GHOST,)), "P1")
    study.undo_code_change(change)
    assert [c.name for c in study.codebook] == ["Doomed", "Unknown code 9f3c2a10"]


def test_can_write_follows_the_folder_and_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "P1.txt").write_text(TEXT, encoding="utf-8")
    study = open_study(tmp_path)
    assert study.can_write()
    study.save()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != study.file and real(p, mode))
    assert not study.can_write()  # study.json not ours to write
    monkeypatch.setattr(os, "access", real)
    study.read_only = True
    assert not study.can_write()
    assert orjson.loads(study.file.read_bytes())["codes"] == []


def test_an_import_undone_takes_back_only_its_codes_no_passage_or_new_code_needs() -> None:
    """An import undone takes back the codes it brought: not one a passage carries now,
    nor a category with a code made below it since (nor, so, the codes above that one)."""
    book = Codebook()
    kept = book.create("Trust")
    places = book.create("Places", codable=False)
    depot = book.create("Depot", parent=places.id)
    people = book.create("People", codable=False)
    book.create("Neighbours", parent=people.id)  # made since, below a code it brought
    home = book.create("Home")
    brought = [places, depot, people, home, book.create("Gear")]
    gone = taken_back(book, [*brought, Code(GHOST, "Deleted since")], used={home.id})
    assert [c.name for c in gone] == ["Places", "Depot", "Gear"]
    assert [c.name for c in book] == ["Trust", "People", "Neighbours", "Home"]
    assert kept in book.codes
