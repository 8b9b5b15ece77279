"""The codebook: the tree and its changes, codings, the migration of tags on real version 1
files, and codes across a study (merge, delete, undo, sync merge)."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.annotations import NO_COLOR, make_highlight
from reader.core.codebook import (
    UNKNOWN_CODE_HEX,
    Code,
    Codebook,
    CodebookError,
    add_code,
    category_refusal,
    codes_for_tags,
    codes_in_sets,
    coding_sets,
    joined_coding,
    merge_refusal,
    recode,
    remove_code,
    tag_code_id,
)
from reader.core.notes_file import parse, parse_migrating, serialise
from reader.core.palettes import PALETTES, contrast_ratio, parse_hex
from reader.core.store import save_notes
from reader.core.study import open_study
from reader.core.study_file import StudyData
from reader.core.study_file import parse as parse_study
from reader.core.study_file import serialise as serialise_study
from reader.core.study_merge import merge_studies

DATA = Path(__file__).parents[1] / "data"
TEXT = "Q: Was it scripted? 🎬\nA: Every word — “Café” 𠀋.\nQ: Really?\nA: Yes.\n"


def tree_names(book: Codebook) -> list[str]:
    return ["  " * depth + code.name for depth, code in book.tree()]


def sample_book() -> tuple[Codebook, dict[str, Code]]:
    book = Codebook()
    emotions = book.create("Emotions", codable=False)
    fear = book.create("Fear", parent=emotions.id)
    joy = book.create("Joy", parent=emotions.id)
    work = book.create("Work", color="#ABCDEF", description="*memo*")
    return book, {"emotions": emotions, "fear": fear, "joy": joy, "work": work}


# --- the tree -----------------------------------------------------------------------------


def test_create_keeps_parents_before_children_and_sibling_order() -> None:
    book, c = sample_book()
    book.create("Anger", parent=c["emotions"].id, index=0)
    assert tree_names(book) == ["Emotions", "  Anger", "  Fear", "  Joy", "Work"]
    assert [code.name for code in book] == ["Emotions", "Anger", "Fear", "Joy", "Work"]
    assert c["work"].color == "#abcdef" and c["work"].description == "*memo*"
    assert not c["emotions"].codable and c["fear"].codable
    assert uuid.UUID(c["fear"].id)  # a GUID
    assert book.path(c["fear"].id) == "Emotions / Fear"
    assert len({code.color for code in book}) == len(book)  # new codes take unused colours


def test_labels_name_a_code_by_its_path_only_where_another_has_its_name() -> None:
    book, c = sample_book()
    home = book.create("Home", codable=False)
    stress_home = book.create("Stress", parent=home.id)
    stress_work = book.create(" stress ", parent=c["work"].id)  # case and spaces aside
    labels = book.labels()
    assert labels[stress_home.id] == "Home / Stress"
    assert labels[stress_work.id] == "Work / stress"
    assert labels[c["fear"].id] == "Fear" and labels[home.id] == "Home"
    assert Codebook().labels() == {}


def test_a_typed_name_stands_for_every_code_of_it_and_a_path_for_one() -> None:
    book, c = sample_book()
    home = book.create("Home", codable=False)
    stress_home = book.create("Stress", parent=home.id)
    stress_work = book.create("Stress", parent=c["work"].id)
    and_or = book.create("and/or")
    assert book.named("stress") == [stress_work.id, stress_home.id]  # in tree order
    assert book.named("Work / Stress") == book.named(" work/STRESS ") == [stress_work.id]
    assert book.named("Home/Stress") == [stress_home.id]
    assert book.named("and/or") == [and_or.id]  # a name holding "/" is a name too
    assert book.named("Emotions / Fear") == [c["fear"].id]
    assert book.named("Fear / Emotions") == book.named("Nothing") == book.named("") == []
    assert book.named("Stress / Work") == []
    top = book.create("Stress")  # a top-level one too: "/Stress" names it alone
    assert book.named("/Stress") == book.named(" / stress") == [top.id]
    assert book.named("/Work/Stress") == [stress_work.id] and book.named("/Fear") == []
    book.delete(top.id)
    # A name holding "/" on a path, as the exports name it ("Work / and/or").
    home_and_or = book.create("and/or", parent=home.id)
    work_and_or = book.create("And/Or", parent=c["work"].id)
    assert book.named("Home / and/or") == book.named("/home/and / or") == [home_and_or.id]
    assert book.named("Work/and/or") == [work_and_or.id]
    assert set(book.named("and/or")) == {and_or.id, work_and_or.id, home_and_or.id}
    for code in (home_and_or, work_and_or):
        book.delete(code.id)
    assert book.ids_named(["Stress", "Fear"]) == {stress_home.id, stress_work.id, c["fear"].id}
    assert book.ids_named([]) == frozenset()
    with pytest.raises(CodebookError, match="No code is called 'Strain'"):
        book.ids_named(["Stress", "Strain"])


@pytest.mark.parametrize(
    ("name", "parent", "message"),
    [("", "", "needs a name"), ("  fear ", "emotions", "already"), ("x" * 201, "", "at most")],
)
def test_create_refuses(name: str, parent: str, message: str) -> None:
    book, c = sample_book()
    with pytest.raises(CodebookError, match=message):
        book.create(name, parent=c[parent].id if parent else "")


def test_a_name_taken_beside_it_is_refused_naming_that_code_and_where() -> None:
    """Renaming a code "fear" beside "Fear", or moving one under a code holding its name,
    was refused as "There is a code “fear” there already": no code was called "fear", and
    after Alt+Right or a drop "there" was not where the user looked."""
    book, c = sample_book()
    with pytest.raises(CodebookError, match=r"^“Emotions” has a sub-code “Fear” already\.$"):
        book.create("  fear ", parent=c["emotions"].id)
    top = book.create("Emotions (old)")
    with pytest.raises(CodebookError, match=r"^There is a top-level code “Emotions” already\.$"):
        book.rename(top.id, "emotions")
    fear = book.create("Fear")
    with pytest.raises(CodebookError, match=r"^“Emotions” has a sub-code “Fear” already\.$"):
        book.move(fear.id, c["emotions"].id)


def test_a_categorys_name_typed_in_another_case_is_said_as_the_category_is_named() -> None:
    """ "emotions" typed in the picker, where the category Emotions is: the refusal said
    "“emotions” is a category", a name no code has."""
    book = Codebook()
    emotions = book.create("Emotions", codable=False)
    with pytest.raises(CodebookError, match=r"^“Emotions” is a category: it holds codes"):
        book.create("emotions")
    assert [c.id for c in book] == [emotions.id]


def test_a_name_keeps_no_control_characters() -> None:
    """A backspace pasted or imported into a name broke the Word export (XML holds none)."""
    book = Codebook([])
    assert book.create("Stress\x08").name == "Stress"
    assert book.create("Home\x00 work\x7f").name == "Home work"
    assert codes_for_tags(["Stress\x08", "\x0c"], book) == (book.find("Stress").id,)


def test_same_name_under_another_parent_is_allowed() -> None:
    book, c = sample_book()
    book.create("Fear", parent=c["work"].id)
    assert [code.name for code in book].count("Fear") == 2


def test_rename_and_update_return_the_old_code_for_undo() -> None:
    book, c = sample_book()
    old = book.rename(c["fear"].id, "Anxiety")
    assert old == c["fear"] and book.code(c["fear"].id).name == "Anxiety"
    book.update(c["fear"].id, color="#000000", codable=False, description="x")
    book.put(old)
    assert book.code(c["fear"].id) == c["fear"]
    with pytest.raises(CodebookError, match="already"):
        book.rename(c["fear"].id, "joy")
    with pytest.raises(CodebookError, match="#RRGGBB"):
        book.update(c["fear"].id, color="red")
    with pytest.raises(CodebookError):
        book.update(c["fear"].id, parent="")


def test_move_reparents_with_the_subtree_and_undoes() -> None:
    book, c = sample_book()
    old = book.move(c["emotions"].id, c["work"].id)
    assert tree_names(book) == ["Work", "  Emotions", "    Fear", "    Joy"]
    book.move(c["emotions"].id, *old)
    assert tree_names(book) == ["Emotions", "  Fear", "  Joy", "Work"]
    book.move(c["joy"].id, c["emotions"].id, 0)
    assert tree_names(book) == ["Emotions", "  Joy", "  Fear", "Work"]
    with pytest.raises(CodebookError, match="below itself"):
        book.move(c["emotions"].id, c["fear"].id)


def test_stays_says_a_move_would_leave_the_code_where_it_is() -> None:
    book, c = sample_book()  # Emotions (Fear, Joy), Work
    assert book.stays(c["work"].id, "", None)  # last already
    assert book.stays(c["work"].id, "", 5)
    assert book.stays(c["emotions"].id, "", 0)
    assert book.stays(c["joy"].id, c["emotions"].id, 1)
    assert not book.stays(c["emotions"].id, "", None)
    assert not book.stays(c["fear"].id, c["emotions"].id, None)
    assert not book.stays(c["fear"].id, "", 0)


def test_move_back_does_nothing_where_the_code_or_its_old_parent_is_gone() -> None:
    book, c = sample_book()  # Emotions (Fear, Joy), Work
    old = book.move(c["fear"].id, c["work"].id)
    book.delete(c["emotions"].id)  # as another program's study.json merged in
    book.move_back(c["fear"].id, *old)
    assert tree_names(book) == ["Work", "  Fear"]
    old = book.move(c["fear"].id, "")
    book.delete(c["fear"].id)
    book.move_back(c["fear"].id, *old)
    assert tree_names(book) == ["Work"]


def test_delete_takes_the_subtree() -> None:
    book, c = sample_book()
    removed = book.delete(c["emotions"].id)
    assert removed == {c["emotions"].id, c["fear"].id, c["joy"].id}
    assert tree_names(book) == ["Work"]


def test_merge_moves_children_and_merges_same_named_ones() -> None:
    book, c = sample_book()
    other = book.create("Feelings")
    book.create("Fear", parent=other.id)
    hope = book.create("Hope", parent=other.id)
    other_fear = book.find("Fear", other.id)
    assert other_fear is not None
    merged = book.merge(other.id, c["emotions"].id)
    assert merged == {other.id: c["emotions"].id, other_fear.id: c["fear"].id}
    assert tree_names(book) == ["Emotions", "  Fear", "  Joy", "  Hope", "Work"]
    assert book.code(hope.id).parent == c["emotions"].id
    with pytest.raises(CodebookError, match="itself"):
        book.merge(c["work"].id, c["work"].id)


def test_a_code_merged_into_its_own_sub_code_leaves_that_one_in_its_place() -> None:
    """Emotions merged into its Fear was refused ("merge the other way"), and Merge… did not
    offer its sub-codes: Fear takes its place, with Emotions' passages and Joy below it."""
    book, c = sample_book()
    dread = book.create("Dread", parent=c["fear"].id)
    merged = book.merge(c["emotions"].id, c["fear"].id)
    assert merged == {c["emotions"].id: c["fear"].id}
    assert tree_names(book) == ["Fear", "  Dread", "  Joy", "Work"]
    assert book.code(dread.id).parent == c["fear"].id
    book, c = sample_book()
    dread = book.create("Dread", parent=c["fear"].id)
    assert book.merge(c["emotions"].id, dread.id) == {c["emotions"].id: dread.id}
    assert tree_names(book) == ["Dread", "  Fear", "  Joy", "Work"]  # two levels up


def test_a_code_merged_into_its_sub_code_of_its_own_name_leaves_that_one() -> None:
    """Work merged into its own sub-code "work" was refused as "There is a top-level code
    “Work” already", the code being merged, which goes: "work" takes its place."""
    book = Codebook()
    work = book.create("Work")
    stress = book.create("Stress", parent=work.id)
    inner = book.create("work", parent=work.id)
    assert book.merge(work.id, inner.id) == {work.id: inner.id}
    assert tree_names(book) == ["work", "  Stress"]
    assert book.code(stress.id).parent == inner.id


def test_a_code_merged_into_its_parent_takes_a_child_of_its_own_name_along() -> None:
    """Found by the coding review: Work / Stress / Stress merged into Work met Work / Stress
    itself, merged into it, and was left mapped to the code that then went, its passages
    on an id no longer in the book in every interview."""
    book = Codebook()
    work = book.create("Work")
    stress = book.create("Stress", parent=work.id)
    inner = book.create("Stress", parent=stress.id)
    merged = book.merge(stress.id, work.id)
    assert merged == {stress.id: work.id, inner.id: work.id}
    assert all(into in book for into in merged.values())
    coded = replace(make_highlight("a b", 0, 1), codes=(inner.id,))
    assert recode([coded], merged)[0][2].codes == (work.id,)  # type: ignore[union-attr]


def test_from_json_repairs_duplicates_unknown_parents_and_cycles() -> None:
    a, b, c, d = (str(uuid.uuid4()) for _ in range(4))
    data = [
        {"id": b, "name": "B", "parent": a},
        {"id": a, "name": "A", "parent": b},  # a cycle
        {"id": c, "name": "C", "parent": "nowhere"},
        {"id": c, "name": "C again"},
        {"id": d, "name": "D", "parent": c},
    ]
    book = Codebook.from_json(data)
    assert sorted(code.name for code in book) == ["A", "B", "C", "D"]
    assert all(code.parent in ("", *(x.id for x in book)) for code in book)
    assert book.code(d).parent == c
    assert Codebook.from_json(book.to_json()) == book


def test_the_same_codes_read_twice_share_their_code_objects_not_their_list() -> None:
    """A study's files each carry its codebook: read once, the codes are the same objects
    in every file's book, and changing one book leaves the others as they were. Codes
    that orjson cannot write as JSON (not from a file) are read as ever."""
    parent, child = str(uuid.uuid4()), str(uuid.uuid4())
    data = [{"id": parent, "name": "Place"}, {"id": child, "name": "Home", "parent": parent}]
    first, second = Codebook.from_json(data), Codebook.from_json(orjson.loads(orjson.dumps(data)))
    assert first == second and first.codes is not second.codes
    assert all(a is b for a, b in zip(first.codes, second.codes, strict=True))
    first.create("Work", parent=parent)
    assert [code.name for code in second] == ["Place", "Home"]
    assert [code.name for code in Codebook.from_json(data)] == ["Place", "Home"]
    unusual = [MappingProxyType(item) for item in data]
    assert Codebook.from_json(unusual) == second


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 20)), max_size=25))
def test_random_changes_keep_the_tree_sound(steps: list[tuple[int, int]]) -> None:
    """Whatever is created, moved, merged and deleted, every parent exists and comes
    before its children, and the file form reads back the same."""
    book = Codebook()
    for n, (action, pick) in enumerate(steps):
        codes = list(book)
        try:
            if action == 0 or not codes:
                parent = codes[pick % len(codes)].id if codes and pick % 2 else ""
                book.create(f"code {n}", parent=parent)
            elif action == 1:
                target = codes[(pick // 2) % len(codes)].id if pick % 3 else ""
                book.move(codes[pick % len(codes)].id, target, pick % 4)
            elif action == 2:
                book.merge(codes[pick % len(codes)].id, codes[(pick * 7 + 1) % len(codes)].id)
            else:
                book.delete(codes[pick % len(codes)].id)
        except CodebookError:
            pass
        seen: set[str] = set()
        for code in book:
            assert code.parent == "" or code.parent in seen
            seen.add(code.id)
        assert len(seen) == len(book)
        assert Codebook.from_json(book.to_json()) == book


# --- codings ------------------------------------------------------------------------------


def test_codings_add_remove_recode_and_count() -> None:
    _, c = sample_book()
    h = make_highlight(TEXT, 3, 19, "green")
    h = add_code(add_code(add_code(h, c["fear"].id), c["joy"].id), c["fear"].id)
    assert h.codes == (c["fear"].id, c["joy"].id) and h.color == "green"
    assert remove_code(h, c["joy"].id).codes == (c["fear"].id,)
    ((_, _, merged),) = recode([h], {c["fear"].id: c["joy"].id})
    assert merged is not None and merged.codes == (c["joy"].id,)  # two become one, kept once
    ((_, _, uncoded),) = recode([h], removed={c["fear"].id})
    assert uncoded is not None and uncoded.codes == (c["joy"].id,)
    assert codes_in_sets(coding_sets([h, merged])) == {c["fear"].id: 1, c["joy"].id: 2}


def test_recode_removes_a_passage_left_showing_nothing() -> None:
    _, c = sample_book()
    fear, joy = c["fear"].id, c["joy"].id
    coloured = make_highlight(TEXT, 0, 2).edited(codes=(fear,))
    bare = make_highlight(TEXT, 3, 19, NO_COLOR).edited(codes=(fear,))
    noted = bare.edited(note="ask again")
    both = bare.edited(codes=(fear, joy))
    plain = make_highlight(TEXT, 20, 22, NO_COLOR)  # carries no deleted code: untouched
    changes = recode([coloured, plain, bare, noted, both], removed={fear})
    assert [(i, old.id) for i, old, _ in changes] == [
        (0, coloured.id),
        (2, bare.id),
        (3, noted.id),
        (4, both.id),
    ]
    after = [new.codes if new is not None else None for _, _, new in changes]
    assert after == [(), None, (), (joy,)]  # only the bare one goes
    # A merge gives the passage the target's code: never removed.
    ((_, _, merged),) = recode([bare], {fear: joy})
    assert merged is not None and merged.codes == (joy,)


def test_codes_for_tags_reuse_codes_and_derive_ids() -> None:
    book = Codebook()
    ids = codes_for_tags(["Method", " method ", "", "Café"], book)
    assert ids == (tag_code_id("method"), tag_code_id("café"))
    assert [code.name for code in book] == ["Method", "Café"]
    assert codes_for_tags(["CAFÉ"], book) == (tag_code_id("Café"),)


def test_a_tag_never_codes_a_passage_with_a_category() -> None:
    """Found by the coding review: a tag "emotions" coded with the category Emotions,
    which holds no passages; "Stress" took whichever of Work / Stress and Home / Stress
    came first, where a top-level Stress is there too."""
    book = Codebook()
    emotions = book.create("Emotions", codable=False)
    (tagged,) = codes_for_tags(["emotions"], book)
    assert book.code(tagged).codable and book.code(tagged).parent == emotions.id
    assert codes_for_tags(["Emotions"], book) == (tagged,)  # the same one next time
    work = book.create("Work")
    book.create("Stress", parent=work.id)
    top = book.create("Stress")
    assert codes_for_tags(["stress"], book) == (top.id,)


# --- version 1 files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["notes-her-smell-v1.json", "notes-export-sample-v1.json"], ids=["notes", "export"]
)
def test_version_1_files_migrate_tags_to_codes(name: str) -> None:
    """Real version 1 files: every tag of every highlight becomes a code, in order, and
    the file is written as version 2 and reads back the same."""
    raw = (DATA / name).read_bytes()
    old = json.loads(raw)
    notes, migrated_from = parse_migrating(raw)
    assert migrated_from == 1
    for before, after in zip(old["highlights"], notes.highlights, strict=True):
        assert notes.codebook.names(after.codes) == tuple(dict.fromkeys(before["tags"]))
        assert after.codes == tuple(dict.fromkeys(tag_code_id(t) for t in before["tags"]))
        assert (after.note, after.color, after.exact) == (
            before["note"],
            before["color"],
            before["exact"],
        )
    tags = list(dict.fromkeys(t for h in old["highlights"] for t in h["tags"]))
    assert [code.name for code in notes.codebook] == tags
    written = serialise(notes)
    assert orjson.loads(written)["version"] == 2
    assert parse(written) == notes


def test_v1_with_malformed_tags_is_still_refused_or_read() -> None:
    data = json.loads((DATA / "notes-her-smell-v1.json").read_bytes())
    data["highlights"][0]["tags"] = "method"  # not a list: no codes, nothing invented
    notes = parse(orjson.dumps(data))
    assert notes.highlights[0].codes == ()
    data["highlights"] = "none"
    with pytest.raises(Exception, match="notes format"):
        parse(orjson.dumps(data))


def test_an_unknown_id_is_named_as_itself_and_codes_changed_in_place_are_found() -> None:
    """A passage's id no code has (names, on every redraw of its row) is looked up
    without making the index again; a code put into the list in place is found."""
    book, c = sample_book()
    assert book.names([c["fear"].id, "gone", c["work"].id]) == ("Fear", "gone", "Work")
    index = book._at  # made by the first look-up
    assert book.names(["gone"] * 3) == ("gone",) * 3 and "gone" not in book
    assert book._at is index  # not made again for an id the book lacks
    book.codes[1] = Code("gone", "Back")  # in place, the list as long as it was
    assert book.names(["gone", c["fear"].id]) == ("Back", c["fear"].id)
    assert book.get(c["joy"].id) == c["joy"]
    book.codes[:] = []
    assert book.names([c["joy"].id]) == (c["joy"].id,) and book.get("gone") is None


def test_unknown_code_ids_get_a_placeholder_code_and_a_notice() -> None:
    data = json.loads(serialise(parse((DATA / "notes-her-smell-v1.json").read_bytes())))
    data["codes"] = []
    notes = parse(orjson.dumps(data))
    assert {c.name[:13] for c in notes.codebook} == {"Unknown code "}
    assert {c.color for c in notes.codebook} == {UNKNOWN_CODE_HEX}  # grey, as one unknown
    assert "not in the codebook" in notes.notices[0]


def test_study_v1_tags_and_its_notes_files_agree_on_code_ids() -> None:
    study = parse_study((DATA / "study-v1.json").read_bytes())
    assert study.migrated_from == 1
    ids = {code.name: code.id for code in study.data.codebook}
    assert ids == {tag: tag_code_id(tag) for tag in ("fatigue", "handover", "café")}
    assert parse_study(serialise_study(study.data)).data == study.data


# --- across a study -----------------------------------------------------------------------


def code_counts(study, skip: str | None = None) -> dict[str, int]:
    """Code id -> codings across the study's notes files but `skip`'s."""
    counts: dict[str, int] = {}
    for _, notes in study.notes_files(skip):
        for code_id, n in codes_in_sets(coding_sets(notes.highlights)).items():
            counts[code_id] = counts.get(code_id, 0) + n
    return counts


@pytest.fixture
def coded_study(tmp_path: Path):
    for name in ("P1", "P2"):
        (tmp_path / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    study = open_study(tmp_path)
    book = study.writable_codebook()
    fear, joy = book.create("Fear"), book.create("Joy")
    for n, entry in enumerate(study.interviews):
        session = study.open_session(entry)
        h1 = make_highlight(TEXT, 3, 19).edited(codes=(fear.id,))
        h2 = make_highlight(TEXT, 23, 33).edited(codes=(fear.id, joy.id) if n else (joy.id,))
        session.add_highlight(h1)
        session.add_highlight(h2)
        save_notes(study.notes_path(entry), session.notes)
    study.save()
    return study, fear, joy


def test_counts_merge_delete_and_undo_across_notes_files(coded_study) -> None:
    study, fear, joy = coded_study
    assert code_counts(study) == {fear.id: 3, joy.id: 2}
    assert code_counts(study, skip=study.interviews[0].id) == {fear.id: 2, joy.id: 1}
    before = {e.id: study.load_notes(e) for e in study.interviews}

    change = study.merge_codes(joy.id, fear.id)
    assert [c.name for c in study.codebook] == ["Fear"]
    assert code_counts(study) == {fear.id: 4}  # the passage with both is counted once
    assert sum(len(r.changed) + len(r.removed) for r in change.recoded.values()) == 2
    study.undo_code_change(change)
    assert [c.name for c in study.codebook] == ["Fear", "Joy"]
    assert {e.id: study.load_notes(e) for e in study.interviews} == before

    change = study.delete_code(fear.id, skip=study.interviews[0].id)
    assert code_counts(study) == {joy.id: 2, fear.id: 1}  # the skipped interview keeps it
    open_notes = study.load_notes(study.interviews[0])
    assert len(change.recode_notes(open_notes)) == 1  # the caller applies it to its own
    assert codes_in_sets(coding_sets(open_notes.highlights)) == {joy.id: 1}


def test_merging_codes_recodes_same_named_sub_codes_to_their_match(coded_study) -> None:
    """Fear/Work merges into Joy/Work as Fear merges into Joy: its passages go to Joy/Work."""
    study, fear, joy = coded_study
    book = study.writable_codebook()
    fear_work, joy_work = book.create("Work", parent=fear.id), book.create("Work", parent=joy.id)
    entry = study.interviews[0]
    notes = study.load_notes(entry)
    notes.highlights[0] = notes.highlights[0].edited(codes=(fear_work.id,))
    save_notes(study.notes_path(entry), notes)
    study.merge_codes(fear.id, joy.id)
    assert study.load_notes(entry).highlights[0].codes == (joy_work.id,)
    assert codes_in_sets(coding_sets(study.load_notes(entry).highlights)) == {
        joy_work.id: 1,
        joy.id: 1,
    }


def test_study_codebook_wins_in_an_interview_and_is_saved_in_study_json(coded_study) -> None:
    study, fear, _ = coded_study
    study.writable_codebook().rename(fear.id, "Dread")
    session = study.open_session(study.interviews[0])
    assert session.code_names(session.notes.highlights[0]) == ("Dread",)
    study.save()
    assert open_study(study.folder).codebook.code(fear.id).name == "Dread"


def test_sync_merge_of_codebooks_by_id() -> None:
    base = StudyData("S")
    a = base.codebook.create("A")
    ours, theirs = base.copy(), base.copy()
    ours.codebook.rename(a.id, "A renamed")
    b = theirs.codebook.create("B", parent=a.id)
    result = merge_studies(base, ours, theirs, "another program")
    assert tree_names(result.data.codebook) == ["A renamed", "  B"]
    assert result.data.codebook.code(b.id) == b and result.other_changes
    gone = ours.copy()
    gone.codebook.delete(a.id)
    lifted = merge_studies(base, gone, theirs, "x").data.codebook
    # An edit beats a removal: B's parent is gone on our side; B survives at the top.
    assert [(c.name, c.parent) for c in lifted] == [("B", "")]


def test_notes_files_merge_their_codebooks_by_id() -> None:
    """Another machine coded the interview opened alone with a code of its own: the merge
    keeps both sides' codes, so no coding points nowhere."""
    from reader.core.merge import merge
    from reader.core.notes_file import NotesData

    meta = {"title": "T", "source": "/t.txt", "sha256": "0" * 64, "length": len(TEXT)}
    base = NotesData(document=meta)
    shared = base.codebook.create("Shared")
    ours, theirs = parse(serialise(base)), parse(serialise(base))
    mine = ours.codebook.create("Mine")
    ours.codebook.rename(shared.id, "Shared, renamed here")
    other = theirs.codebook.create("Theirs")
    theirs.highlights.append(make_highlight(TEXT, 3, 19).edited(codes=(other.id,)))
    result = merge(base, ours, theirs, "another program")
    assert [c.name for c in result.notes.codebook] == ["Shared, renamed here", "Mine", "Theirs"]
    assert result.notes.codebook.code(mine.id) == mine and result.other_changes
    assert parse(serialise(result.notes)).notices == []  # every code id is known


def test_add_codebook_takes_known_codes_by_id_or_name_and_adds_the_rest() -> None:
    from reader.core.codebook import add_codebook

    book = Codebook()
    feelings = book.create("Feelings")
    book.create("Fear", parent=feelings.id)
    calm = book.create("Calm")
    other = Codebook()
    theirs = other.create("feelings")  # another id, the same name at the top
    other.create("Joy", parent=theirs.id, color="#00ff00", description="*glad*")
    other.create("Fear", parent=theirs.id)
    other.create("Method", codable=False, code_id=calm.id)  # our id: the same code
    added, known, *_ = add_codebook(book, other)
    assert added == ["Feelings / Joy"]
    assert known == ["Feelings", "Feelings / Fear", "Calm"]
    joy = book.find("Joy")
    assert (joy.parent, joy.color, joy.description) == (feelings.id, "#00ff00", "*glad*")


def test_added_codes_say_the_codes_named_otherwise_and_the_memos_written_on() -> None:
    """A code known by id under another name keeps its name here; the report gives both.
    The memos joined (refi.qdpx_merge.join_memos) are said after."""
    from reader.core.codebook import add_codebook

    book = Codebook()
    light = book.create("Light")
    book.create("Shade")
    other = Codebook()
    other.create("Lumière", code_id=light.id)
    other.create("shade")  # another id, the same name in another case: the same code
    added = add_codebook(book, other)
    assert added.renamed == ["Light (“Lumière”)", "Shade (“shade”)"]
    assert [c.name for c in book] == ["Light", "Shade"]
    assert added._replace(memos=["Light"]).lines() == [
        "Already in the codebook: Light, Shade.",
        "Named otherwise in the file, kept as named here: Light (“Lumière”), Shade (“shade”).",
        "Memo written on in the file, its new paragraphs added: Light.",
    ]


def test_codes_of_one_name_in_one_file_stay_apart_numbered() -> None:
    """MAXQDA's "Trust" twice (and "trust") beside each other, of three GUIDs: three codes,
    each with its own codings, not one. A name matches only a code the book had: the
    study's "Trust" is the first, the others are numbered; imported again, each is known
    by its id."""
    from reader.core.codebook import add_codebook

    other = Codebook(
        [
            Code(str(uuid.uuid4()), name, color)
            for name, color in (("Trust", "#ff0000"), ("Trust", "#00ff00"), ("trust", "#0000ff"))
        ]
    )
    book = Codebook()
    added = add_codebook(book, other)
    assert [(c.name, c.color) for c in book] == [
        ("Trust", "#ff0000"),
        ("Trust (2)", "#00ff00"),
        ("trust (3)", "#0000ff"),
    ]
    assert len(set(added.same.values())) == 3
    assert added.lines() == [
        "Named as another code beside it, numbered to tell them apart: Trust (2), trust (3)."
    ]
    again = add_codebook(book, other)
    assert again.added == [] and len(book) == 3
    study = Codebook()
    mine = study.create("Trust")
    into = add_codebook(study, other)
    assert into.known == ["Trust"] and into.same[other.codes[0].id] == mine.id
    assert into.added == ["Trust (2)", "trust (3)"]
    # The study's code, renamed there, comes back by its id beside a new "Trust" there.
    renamed = Codebook([Code(str(uuid.uuid4()), "Trust"), Code(mine.id, "Confidence")])
    into = add_codebook(study, renamed)
    assert into.known == ["Trust"] and into.added == ["Trust (4)"]


def test_first_color_is_the_first_codes_or_the_unknown_grey() -> None:
    book = Codebook()
    first = book.create("First", color="#112233")
    second = book.create("Second", color="#445566")
    assert book.first_color((first.id, second.id)) == "#112233"
    assert book.first_color((second.id,)) == "#445566" == book.color_of(second.id)
    assert book.first_color(()) == UNKNOWN_CODE_HEX
    assert book.first_color(("unknown", first.id)) == UNKNOWN_CODE_HEX
    assert book.color_of("unknown") == UNKNOWN_CODE_HEX


def test_the_unknown_grey_shows_on_every_themes_page() -> None:
    """A stripe or an underline of it keeps the 3:1 of non-text contrast (WCAG 1.4.11)."""
    for palette in PALETTES.values():
        assert contrast_ratio(parse_hex(UNKNOWN_CODE_HEX), parse_hex(palette.base)) >= 3


def test_undoing_a_code_change_keeps_what_was_written_on_the_passages_since(
    coded_study,
) -> None:
    """A note added (or a colour changed) after a code was deleted stays when the deletion
    is undone: only the codes go back."""
    study, fear, _joy = coded_study
    entry = study.interviews[1]
    change = study.delete_code(fear.id)
    notes = study.load_notes(entry)
    notes.highlights = [h.edited(note="Written after the deletion") for h in notes.highlights]
    save_notes(study.notes_path(entry), notes)
    study.undo_code_change(change)
    after = study.load_notes(entry).highlights
    assert [h.note for h in after] == ["Written after the deletion"] * 2
    assert all(fear.id in h.codes for h in after)


def _added_one_by_one(book: Codebook, other: Codebook) -> tuple:
    """What add_codebook did before it indexed the book: each code looked up and created
    alone (the reference its one-pass version must agree with)."""
    same: dict[str, str] = {}
    added, known, described, elsewhere, renamed, numbered = [], [], [], [], [], []
    before = {c.id for c in book}  # by name, only these; each once
    matched = {c.id for c in other if book.get(c.id)}
    for code in other:
        parent = same.get(code.parent, "")
        found = book.get(code.id)
        named = book.find(code.name, parent)
        if found is None and named is not None and named.id in before:
            found = None if named.id in matched else named
        if found is not None:
            matched.add(found.id)
            same[code.id] = found.id
            known.append(book.path(found.id))
            if found.name != code.name:
                renamed.append(f"{book.path(found.id)} (“{code.name}”)")
            if code.description.strip() and not found.description.strip():
                book.update(found.id, description=code.description)
                described.append(book.path(found.id))
            continue
        if book.find(code.name) is not None and named is None:
            elsewhere.append(code.name)
        name, n = code.name, 1
        while book.find(name, parent) is not None:
            n += 1
            name = f"{' '.join(code.name.split())} ({n})"
        made = book.create(
            name,
            parent=parent,
            color=code.color,
            description=code.description,
            codable=code.codable,
            code_id=code.id,
        )
        same[code.id] = made.id
        added.append(book.path(made.id))
        if name != code.name:
            numbered.append(book.path(made.id))
    return added, known, same, described, elsewhere, renamed, (), numbered


def _big_book(seed: int, prefix: str, size: int = 1000) -> Codebook:
    """`size` codes in a tree up to four deep, every fifth with a memo."""
    rng = random.Random(seed)
    depth = {"": -1}
    codes = []
    for n in range(size):
        code_id = str(uuid.UUID(int=seed * 10_000 + n))
        parents = [p for p in list(depth)[-60:] if depth[p] < 3]
        parent = "" if rng.random() < 0.1 else rng.choice(parents)
        depth[code_id] = depth[parent] + 1
        name = f"{prefix}{rng.randrange(size // 2)} {n}"
        codes.append(Code(code_id, name, parent=parent, description=f"memo {n}" * (n % 5 == 0)))
    return Codebook.repaired(codes)


def test_add_codebook_of_a_thousand_codes_into_a_thousand_does_as_one_by_one() -> None:
    """Known by id, by name in the same place (another case and spacing), a name used
    elsewhere, memos taken, codes added below codes added, a code named twice in one
    place (two codes, the second numbered), one with no colour: the same book and the same
    report as one code at a time."""
    from reader.core.codebook import add_codebook

    book = _big_book(1, "Code ")
    rng = random.Random(1)
    other = Codebook()
    theirs: dict[str, str] = {}  # book's id -> other's id for it
    for _, code in book.tree():
        parent = theirs.get(code.parent, "")
        roll = rng.random()
        if roll < 0.2:  # the same code, by id (and a memo for it)
            made = Code(code.id, code.name, parent=parent, description=f"theirs {code.id[-4:]}")
        elif roll < 0.4:  # the same code by its name in the same place
            name = "  " + code.name.upper().replace(" ", "   ")
            made = Code(str(uuid.uuid4()), name, "#ABCDEF", "their memo", parent=parent)
        elif roll < 0.5:  # the same name in another place
            made = Code(str(uuid.uuid4()), code.name, "#123456", parent="")
        else:
            made = Code(str(uuid.uuid4()), f"New {code.name}", "", "", rng.random() < 0.5, parent)
        other.codes.append(made)
        theirs[code.id] = made.id
        if roll > 0.95:  # one more of that name in that place
            other.codes.append(replace(made, id=str(uuid.uuid4()), description="second"))
    expected = book.copy()
    assert add_codebook(book, other) == _added_one_by_one(expected, other)
    assert book.codes == expected.codes and len(book) > 1500


def test_add_codebook_keeps_what_it_added_before_a_code_it_refuses() -> None:
    from reader.core.codebook import add_codebook

    book = _big_book(3, "Code ", 50)
    other = Codebook([Code(str(uuid.uuid4()), f"New {n}", parent="") for n in range(5)])
    other.codes += [Code(str(uuid.uuid4()), "New 9", "red"), Code(str(uuid.uuid4()), "Late")]
    expected = book.copy()
    with pytest.raises(CodebookError) as refused:
        add_codebook(book, other)
    with pytest.raises(CodebookError) as refused_alone:
        _added_one_by_one(expected, other)
    assert str(refused.value) == str(refused_alone.value)
    assert book.codes == expected.codes and book.find("New 4") and not book.find("Late")


def test_coding_a_span_joins_the_passages_only_coded_with_one_of_its_codes() -> None:
    """As NVivo and MAXQDA code: the longer words take the code once. A passage with a
    colour or a note, one of other codes, or an orphan, is left as it is."""
    coded = make_highlight(TEXT, 3, 10, NO_COLOR).edited(codes=("a", "b"))
    other = make_highlight(TEXT, 12, 19, NO_COLOR).edited(codes=("c",))
    coloured = make_highlight(TEXT, 0, 5, "green").edited(codes=("a",))
    noted = make_highlight(TEXT, 15, 22, NO_COLOR).edited(codes=("a",), note="why")
    orphan = replace(make_highlight(TEXT, 4, 14, NO_COLOR).edited(codes=("a",)), orphan=True)
    joined = joined_coding([coded, other, coloured, noted, orphan], 6, 16, ("a",))
    assert (joined.start, joined.end, joined.passages) == (3, 16, [coded])
    assert joined_coding([coded], 6, 16, ("c",)) == (6, 16, [])


def test_labels_of_follows_the_codebook_as_it_changes() -> None:
    """labels_of keeps the labels it made while the codes are as they were (an export asks
    for each passage's): a code added, renamed or moved is named anew."""
    book = Codebook()
    work, home = book.create("Work"), book.create("Home")
    stress = book.create("Stress", parent=work.id)
    assert book.labels_of([stress.id, "lost"]) == ("Stress", "lost")
    other = book.create("Stress", parent=home.id)
    assert book.labels_of([stress.id, other.id]) == ("Work / Stress", "Home / Stress")
    book.rename(other.id, "Strain")
    assert book.labels_of([stress.id, other.id]) == ("Stress", "Strain")


def test_passages_never_go_into_a_category_unseen() -> None:
    """A code with passages becomes no category, nor merges into one, even as a sub-code
    that merges with a category of its name below the target: their passages would drop
    out of every picture. Without passages, both can."""
    book, c = sample_book()
    work, emotions = c["work"].id, c["emotions"].id
    assert "“Work” cannot be a category: 3 passages are coded" in category_refusal(
        book, work, {work: 3}
    )
    assert category_refusal(book, work, {}) == ""
    assert "“Work” cannot merge into “Emotions”" in merge_refusal(book, work, emotions, {work: 1})
    assert merge_refusal(book, work, emotions, {c["fear"].id: 5}) == ""
    feelings = book.create("Feelings")
    sad = book.create("Sad", parent=feelings.id)
    deep = book.create("Sad", parent=emotions, codable=False)
    assert "“Sad” cannot merge into “Sad”" in merge_refusal(
        book, feelings.id, emotions, {sad.id: 1}
    )
    assert deep.id in book and len(book) == 7  # asked on a copy: nothing merged


def test_a_passage_a_quote_links_to_stays_when_its_last_code_goes() -> None:
    """Deleted with its code, a coded-only passage left the quote's link leading nowhere."""
    from reader.core.annotations import DEFAULT_COLOR, NO_COLOR, make_highlight
    from reader.core.codebook import recode
    from reader.core.markdown_links import quoted_ids

    text = "We met at the harbour at dawn."
    first = replace(make_highlight(text, 3, 6, color=NO_COLOR), codes=("c",))
    second = replace(make_highlight(text, 14, 21, color=NO_COLOR), codes=("c",))
    notes = f"> harbour [↩ Q1](#h-{second.id})\n\nand [↩ P01, Q1](interview:p01-ana#h-{first.id})"
    assert quoted_ids(notes) == {first.id, second.id} and quoted_ids("#h-x") == frozenset()
    changes = recode([first, second], removed={"c"}, quoted={second.id})
    (_, went, gone), (_, quoted, stays) = changes
    assert (went.id, gone) == (first.id, None)
    assert quoted.id == second.id and stays is not None
    assert (stays.codes, stays.color) == ((), DEFAULT_COLOR)  # shown, as Q on words shows one
    from reader.core.undo_crossing import Recoded

    assert Recoded.of(changes).undo([stays]) == [first, second]  # exactly as they were


def test_the_codes_carried_are_those_named_and_those_above_them_in_order() -> None:
    book = Codebook()
    emotions = book.create("Emotions", codable=False)
    fear = book.create("Fear", parent=emotions.id)
    book.create("Joy", parent=emotions.id)
    work = book.create("Work")
    assert book.carried({work.id, fear.id}) == [emotions, fear, work]
    assert book.carried(set()) == []
