"""Three-way merge of study.json: both sides' changes kept, clashes decided the same way
on every machine and reported."""

from __future__ import annotations

import os
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.codebook import Codebook, codes_for_tags
from reader.core.study_file import AttributeDef, InterviewEntry, StudyData
from reader.core.study_merge import merge_studies

ROLE = AttributeDef("role", "Role", "choice", ("nurse", "doctor"))
AGE = AttributeDef("age", "Age", "number")


def entry(name: str, **changes: object) -> InterviewEntry:
    base = InterviewEntry(
        f"{name}-00000000",
        f"{name}.txt",
        name,
        added="2024-01-01T00:00:00+00:00",
        modified="2024-01-01T00:00:00+00:00",
    )
    return replace(base, **changes)


def later(e: InterviewEntry, **changes: object) -> InterviewEntry:
    return replace(e, modified="2099-01-01T00:00:00+00:00", **changes)


def study(*interviews: InterviewEntry, **changes: object) -> StudyData:
    data = StudyData("Study", list(interviews), [ROLE, AGE])
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def ids(data: StudyData) -> list[str]:
    return [e.title for e in data.interviews]


def test_interviews_added_on_both_sides_are_kept_in_place() -> None:
    a, b, c, d = entry("a"), entry("b"), entry("c"), entry("d")
    result = merge_studies(study(a, b), study(a, c, b), study(a, b, d), "x")
    assert ids(result.data) == ["a", "c", "b", "d"]
    assert result.added == [d.id] and not result.conflicts


def test_removal_there_applies_here_unless_edited_here() -> None:
    a, b = entry("a"), entry("b")
    result = merge_studies(study(a, b), study(a, b), study(a), "x")
    assert ids(result.data) == ["a"] and result.removed == [b.id]
    edited = later(b, title="kept")
    result = merge_studies(study(a, b), study(a, edited), study(a), "x")
    assert ids(result.data) == ["a", "kept"]


def test_removed_here_stays_removed_unless_changed_there() -> None:
    a, b = entry("a"), entry("b")
    assert ids(merge_studies(study(a, b), study(a), study(a, b), "x").data) == ["a"]
    changed = later(b, participant="Ana")
    result = merge_studies(study(a, b), study(a), study(a, changed), "x")
    assert ids(result.data) == ["a", "b"] and result.added == [b.id]


def test_fields_changed_on_different_sides_both_apply() -> None:
    a = entry("a")
    ours = later(a, title="Ana", attributes={"role": "nurse"})
    theirs = later(a, participant="Ana Ünal", attributes={"age": 34})
    result = merge_studies(study(a), study(ours), study(theirs), "x")
    merged = result.data.interviews[0]
    assert (merged.title, merged.participant) == ("Ana", "Ana Ünal")
    assert merged.attributes == {"role": "nurse", "age": 34}
    assert not result.conflicts and result.updated == [a.id]


def test_clash_goes_to_the_later_edit_the_same_way_on_both_machines() -> None:
    a = entry("a")
    early = replace(a, title="early", modified="2030-01-01T00:00:00+00:00")
    late = replace(a, title="late", modified="2031-01-01T00:00:00+00:00")
    here = merge_studies(study(a), study(early), study(late), "x")
    there = merge_studies(study(a), study(late), study(early), "x")
    assert here.data.interviews[0].title == there.data.interviews[0].title == "late"
    assert here.conflicts and "late" in here.conflicts[0]
    assert "Changed on both sides" in here.message("the laptop")


def test_attribute_definitions_merge_by_key() -> None:
    a = entry("a")
    site = AttributeDef("site", "Site", "text")
    ours = study(a, attributes=[replace(ROLE, label="Job"), AGE])
    theirs = study(a, attributes=[replace(ROLE, options=(*ROLE.options, "porter")), AGE, site])
    result = merge_studies(study(a), ours, theirs, "x")
    assert result.data.attributes == [
        AttributeDef("role", "Job", "choice", ("nurse", "doctor", "porter")),
        AGE,
        site,
    ]
    assert result.other_changes and not result.conflicts


def test_values_of_an_attribute_removed_there_go() -> None:
    a = entry("a", attributes={"age": 30})
    theirs = study(replace(a, attributes={}), attributes=[ROLE])
    result = merge_studies(study(a), study(a), theirs, "x")
    assert result.data.attributes == [ROLE] and result.data.interviews[0].attributes == {}


def test_a_choice_value_added_there_brings_its_option() -> None:
    base = study(entry("a"))
    ours = study(later(entry("a"), attributes={"role": "porter"}))
    ours.attributes = [replace(ROLE, options=("nurse", "doctor", "porter")), AGE]
    theirs = study(entry("a"), attributes=[replace(ROLE, options=("nurse",)), AGE])
    result = merge_studies(base, ours, theirs, "x")
    role = result.data.attributes[0]
    assert "porter" in role.options and result.data.interviews[0].attributes["role"] == "porter"


def book(*names: str) -> Codebook:
    made = Codebook()
    codes_for_tags(names, made)
    return made


def test_codes_colours_settings_and_title() -> None:
    """Codes merge by id: each side's additions and removals applied (was: tags)."""
    base = study(codebook=book("a", "b"), settings={"sort": "title"})
    ours = study(codebook=book("a", "b", "c"), settings={"sort": "date"}, title="Mine")
    theirs = study(codebook=book("b", "d"), settings={"sort": "title", "x": 1})
    theirs.colors = {**theirs.colors, "yellow": "Gold"}
    result = merge_studies(base, ours, theirs, "x")
    assert [c.name for c in result.data.codebook] == ["b", "c", "d"]
    assert result.data.settings == {"sort": "date", "x": 1}
    assert result.data.colors["yellow"] == "Gold" and result.data.title == "Mine"


def test_a_code_made_on_both_sides_under_one_name_is_numbered_apart() -> None:
    """Two machines each made "Trust": two codes that nothing told apart."""
    base = study()
    ours, theirs = study(), study()
    mine = ours.codebook.create("Trust")
    other = theirs.codebook.create("Trust")
    theirs.codebook.create("Doubt", parent=other.id)
    result = merge_studies(base, ours, theirs, "x")
    book = result.data.codebook
    assert [(book.path(c.id), c.id) for c in book] == [
        ("Trust", mine.id),
        ("Trust (2)", other.id),
        ("Trust (2) / Doubt", book.find("Doubt").id),
    ]
    assert result.conflicts == ["a code made on both sides numbered 'Trust (2)'"]
    assert result.other_changes


def test_order_changed_only_there_is_taken() -> None:
    a, b, c = entry("a"), entry("b"), entry("c")
    result = merge_studies(study(a, b, c), study(a, b, c), study(c, a, b), "x")
    assert ids(result.data) == ["c", "a", "b"] and result.other_changes


def test_codes_moved_or_made_there_keep_their_place() -> None:
    """A co-author moved "c" to the top of the codebook and made "new" first: ours, not
    touched since, won whole, and both went back (the new code to the end)."""
    base = study(codebook=book("a", "b", "c"))
    theirs = study(codebook=book("a", "b", "c"))
    theirs.codebook.move(theirs.codebook.find("c").id, "", 0)
    theirs.codebook.create("new", index=0)
    result = merge_studies(base, study(codebook=book("a", "b", "c")), theirs, "x")
    assert [c.name for c in result.data.codebook] == ["new", "c", "a", "b"]
    assert result.other_changes
    # Ours moved too: our order, their new code after the code it follows there.
    ours = study(codebook=book("a", "b", "c"))
    ours.codebook.move(ours.codebook.find("b").id, "", 0)
    result = merge_studies(base, ours, theirs, "x")
    assert [c.name for c in result.data.codebook] == ["new", "b", "a", "c"]


def test_without_a_base_nothing_is_deleted() -> None:
    a, b = entry("a", attributes={"age": 3}), entry("b")
    result = merge_studies(None, study(a), study(b, replace(a, attributes={})), "copy")
    assert ids(result.data) == ["b", "a"]  # b comes first there, so before a here
    assert result.data.interviews[1].attributes == {"age": 3}
    assert not result.removed


def test_same_versions_merge_to_no_change() -> None:
    data = study(entry("a"), entry("b"))
    result = merge_studies(data, data.copy(), data.copy(), "x")
    assert not result.changed and result.data == data


titles = st.lists(st.sampled_from("abcdef"), unique=True, max_size=6)


@given(base=titles, ours=titles, theirs=titles)
@settings(max_examples=200, deadline=None)
def test_merge_is_the_same_from_both_sides(
    base: list[str], ours: list[str], theirs: list[str]
) -> None:
    """Whatever each side added or removed, both machines reach the same set of
    interviews, and nothing added on one side is lost."""

    def make(names: list[str]) -> StudyData:
        return study(*(entry(n) for n in names))

    one = merge_studies(make(base), make(ours), make(theirs), "x").data
    two = merge_studies(make(base), make(theirs), make(ours), "x").data
    assert set(ids(one)) == set(ids(two))
    assert set(ours) - set(base) <= set(ids(one))
    assert set(theirs) - set(base) <= set(ids(one))
    assert len(ids(one)) == len(set(ids(one)))


def test_titles_made_alike_on_two_machines_are_told_apart() -> None:
    """This machine renamed one interview "Night", another machine another "night": both
    were kept, two interviews of one title. The one renamed later is numbered, on either
    machine alike, and the report says so; titles alike before the merge stay."""
    a, b, c, d = entry("a"), entry("b"), entry("c", title="Day"), entry("d", title="day")
    base = study(a, b, c, d)
    here = study(later(a, title="Night"), b, c, d)
    there = study(a, replace(b, title="night", modified="2050-01-01T00:00:00+00:00"), c, d)
    for ours, theirs in ((here, there), (there, here)):
        result = merge_studies(base, ours, theirs, "x")
        assert ids(result.data) == ["Night (2)", "night", "Day", "day"]
        assert result.conflicts == ["title of “Night” kept as 'Night (2)': “night” has it"]


MERGES = int(os.environ.get("RANDOM_MERGES", "60"))


def _edited(rng: random.Random, base: StudyData, side: str, stamp: str) -> StudyData:
    """`base` as one machine left it: interviews added, removed, moved and edited, codes
    made, recoloured, moved and deleted, a colour label and the title changed."""
    data = base.copy()
    interviews, codes = data.interviews, data.codebook
    for _ in range(rng.randint(0, 5)):
        pick = rng.random()
        if pick < 0.15:
            made = entry(f"{side}{rng.randint(0, 999)}", modified=stamp)
            interviews.insert(rng.randint(0, len(interviews)), made)
        elif pick < 0.25 and interviews:
            interviews.pop(rng.randrange(len(interviews)))
        elif pick < 0.45 and interviews:
            k = rng.randrange(len(interviews))
            value = {"title": f"{side} {interviews[k].id}", "participant": side}
            key = rng.choice(["title", "participant", "age"])
            if key == "age":
                changed = replace(interviews[k], attributes={"age": rng.randint(1, 90)})
            else:
                changed = replace(interviews[k], **{key: value[key]})
            interviews[k] = replace(changed, modified=stamp)
        elif pick < 0.55 and interviews:
            interviews.insert(rng.randint(0, len(interviews) - 1), interviews.pop())
        elif pick < 0.65 or not codes:
            parent = rng.choice(["", *(c.id for c in codes)])
            codes.create(f"{side} {rng.randint(0, 999)}", parent=parent, index=rng.randint(0, 2))
        elif pick < 0.9:
            code = rng.choice(list(codes))
            if pick < 0.75:
                codes.update(code.id, color=rng.choice(["#112233", "#445566"]))
            elif pick < 0.85 and not codes.stays(code.id, "", 0):
                codes.move(code.id, "", 0)
            else:
                codes.delete(code.id)
        else:
            data.colors["yellow"], data.title = f"{side} label", f"{side} study"
    return data


@pytest.mark.parametrize("seed", range(MERGES), ids=lambda seed: f"seed-{seed}")
def test_random_edits_of_a_study_on_two_machines(seed: int) -> None:
    """Merged with the base, one side is itself, whatever the other changed; two machines
    merging the same pair reach the same study; merging the result again changes nothing."""
    rng = random.Random(seed)
    base = study(*(entry(name) for name in "abcd"[: rng.randint(0, 4)]))
    for name in rng.sample(["Work", "Stress", "Trust"], rng.randint(0, 3)):
        base.codebook.create(name, parent=rng.choice(["", *(c.id for c in base.codebook)]))
    ours = _edited(rng, base, "ours", "2030-01-01T00:00:00+00:00")
    theirs = _edited(rng, base, "theirs", "2031-01-01T00:00:00+00:00")
    assert not merge_studies(base, ours, base, "x").changed
    assert merge_studies(base, base, theirs, "x").data.to_json() == theirs.to_json()
    here, there = (
        merge_studies(base, *sides, "x").data for sides in ((ours, theirs), (theirs, ours))
    )

    def content(data: StudyData) -> tuple[object, ...]:
        entries = sorted(str(e.to_json({})) for e in data.interviews)
        return data.title, data.colors, entries, sorted(str(c.to_json()) for c in data.codebook)

    assert content(here) == content(there)
    assert not merge_studies(base, here, here, "x").changed
