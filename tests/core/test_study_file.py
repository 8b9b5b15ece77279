"""Tests of the study file format: round trips, the bytes written, schema, migrations and
what parse refuses."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from reader.core import study_file
from reader.core.codebook import Codebook, codes_for_tags, tag_code_id
from reader.core.study_file import (
    FORMAT,
    VERSION,
    AttributeDef,
    AttributeValueError,
    InterviewEntry,
    NewerStudyError,
    StudyData,
    StudyFormatError,
    attribute_key,
    parse,
    serialise,
)
from reader.core.study_places import interview_id

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "resources" / "study.schema.json").read_text(encoding="utf-8"))
SAMPLE = Path(__file__).parents[1] / "data" / "study-v1.json"


@cache
def schema_validator() -> Draft202012Validator:
    """An independent validator of the published schema (jsonschema, not fastjsonschema)."""
    Draft202012Validator.check_schema(SCHEMA)
    return Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def full_study() -> StudyData:
    role = AttributeDef("role", "Role", "choice", ("nurse", "doctor"))
    age = AttributeDef("age", "Age", "number")
    when = AttributeDef("when", "Consent", "date")
    note = AttributeDef("site", "Site — ward", "text")
    return StudyData(
        title="Études 🎬 שלום",
        interviews=[
            InterviewEntry(
                "p01-0000aaaa",
                "transcripts/P01 Ünal.txt",
                "P01 Ünal",
                "Ana",
                "2024-03-01",
                {"role": "nurse", "age": 34, "when": "2024-02-01", "site": "Nord 中文"},
                "2024-03-02T10:00:00+00:00",
                "2024-03-02T10:00:00+00:00",
            ),
            InterviewEntry("p02-0000bbbb", "../elsewhere/P02.vtt", "P02", attributes={"age": 2.5}),
        ],
        attributes=[role, age, when, note],
        codebook=full_codebook(),
        settings={"z": 1, "a": {"y": 2, "b": 3}},
    )


def full_codebook() -> Codebook:
    book = Codebook()
    fatigue, _ = codes_for_tags(["fatigue", "café"], book)
    book.create("Night", parent=fatigue, color="#123456", description="**memo**", codable=False)
    return book


def test_round_trip_keeps_everything() -> None:
    study = full_study()
    assert parse(serialise(study)).data == study


def test_written_json_validates_against_the_published_schema() -> None:
    assert schema_validator().is_valid(orjson.loads(serialise(full_study())))


def test_written_json_has_a_stable_key_order_and_keeps_non_ascii() -> None:
    """Keys in the documented order, settings sorted, attribute values in definition
    order, so that git sees only real changes; UTF-8 not escaped, indented, LF at the end."""
    raw = serialise(full_study())
    data = json.loads(raw)
    assert list(data) == [
        "format",
        "version",
        "generator",
        "title",
        "attributes",
        "colors",
        "codes",
        "settings",
        "interviews",
    ]
    assert list(data["interviews"][0]) == [
        "id",
        "path",
        "title",
        "participant",
        "date",
        "attributes",
        "added",
        "modified",
    ]
    assert list(data["interviews"][0]["attributes"]) == ["role", "age", "when", "site"]
    assert list(data["settings"]) == ["a", "z"] and list(data["settings"]["a"]) == ["b", "y"]
    assert "Études".encode() in raw and b"\\u" not in raw
    assert raw.endswith(b"}\n") and b'\n  "title"' in raw
    assert serialise(parse(raw).data) == raw


def test_sample_file_parses_and_validates() -> None:
    raw = SAMPLE.read_bytes()
    assert schema_validator().is_valid(json.loads(raw))
    data = parse(raw).data
    assert [e.title for e in data.interviews] == ["P01 Ana", "P02"]
    assert data.interviews[0].attributes["age"] == 34
    assert data.interviews[1].path == "../shared/P02.md"
    assert data.attributes[0].options == ("nurse", "doctor", "porter")
    # Version 1's tag vocabulary became top-level codes with the ids the notes files'
    # migration gives the same tags.
    assert [(c.name, c.id) for c in data.codebook] == [
        (tag, tag_code_id(tag)) for tag in ("fatigue", "handover", "café")
    ]


@given(
    title=st.text(),
    label=st.text(min_size=1).filter(str.strip),
    value=st.text(min_size=1).filter(str.strip),
)
@settings(max_examples=60, deadline=None)
def test_round_trip_of_arbitrary_unicode(title: str, label: str, value: str) -> None:
    attribute = AttributeDef(attribute_key(label), label, "text")
    entry = InterviewEntry(interview_id(f"{value}.txt"), f"{value}.txt", value, value)
    study = StudyData(title, [entry], [attribute])
    study.interviews[0] = InterviewEntry(
        entry.id, entry.path, entry.title, entry.participant, attributes={attribute.key: value}
    )
    raw = serialise(study)
    assert schema_validator().is_valid(orjson.loads(raw))
    assert parse(raw).data == study


# --- attribute keys -----------------------------------------------------------------------


def test_attribute_keys_come_from_labels() -> None:
    assert attribute_key("Years in post") == "years-in-post"
    assert attribute_key("Âge") == "age"
    assert attribute_key("年龄") == "attribute"
    assert attribute_key("Age", {"age"}.__contains__) == "age-2"
    assert attribute_key("Title") == "title-2"  # the interview's own field's key
    assert attribute_key("Notes") == "notes-2"  # a Library column's


def test_an_attribute_keyed_like_a_fixed_field_gets_a_key_of_its_own() -> None:
    """Made before such keys were kept from attributes: typing into the attribute's
    column renamed the interview."""
    data = StudyData.from_json(
        {
            "title": "Nights",
            "attributes": [{"key": "title", "label": "Title", "type": "text"}],
            "interviews": [
                {"id": "a", "path": "a.txt", "title": "P01", "attributes": {"title": "Nurse"}}
            ],
        }
    )
    assert [a.key for a in data.attributes] == ["title-2"]
    assert data.interviews[0].title == "P01"
    assert data.interviews[0].attributes == {"title-2": "Nurse"}


# --- attribute values -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("definition", "value", "stored"),
    [
        (AttributeDef("a", "Age", "number"), "34", 34),
        (AttributeDef("a", "Age", "number"), "34,5", 34.5),
        (AttributeDef("a", "Age", "number"), "0,125", 0.125),  # a decimal comma, not thousands
        (AttributeDef("a", "Age", "number"), 2.0, 2),
        (AttributeDef("a", "Age", "number"), 2**63 - 1, 2**63 - 1),
        (AttributeDef("a", "Age", "number"), -(2**63), -(2**63)),
        (AttributeDef("a", "Age", "number"), 1.5e18, 1_500_000_000_000_000_000),
        (AttributeDef("a", "Age", "number"), " 9007199254740993 ", 9007199254740993),
        (AttributeDef("a", "Age", "number"), "", None),
        (AttributeDef("d", "Day", "date"), " 2024-02-29 ", "2024-02-29"),
        (AttributeDef("c", "Role", "choice", ("nurse",)), "nurse", "nurse"),
        (AttributeDef("t", "Site", "text"), "Nord", "Nord"),
        (AttributeDef("t", "Site", "text"), None, None),
    ],
)
def test_values_are_checked_and_normalised(
    definition: AttributeDef, value: Any, stored: Any
) -> None:
    assert definition.check(value) == stored


@pytest.mark.parametrize(
    ("definition", "value"),
    [
        (AttributeDef("a", "Age", "number"), "old"),
        (AttributeDef("a", "Age", "number"), True),
        (AttributeDef("a", "Age", "number"), float("nan")),
        (AttributeDef("a", "Age", "number"), "inf"),
        # Whole numbers study.json (orjson) cannot write: beyond 64 bits.
        (AttributeDef("a", "Age", "number"), 2**63),
        (AttributeDef("a", "Age", "number"), -(2**63) - 1),
        (AttributeDef("a", "Age", "number"), "123456789012345678901"),
        (AttributeDef("a", "Age", "number"), 1e300),
        # Thousands set apart: "45,000" was read as 45.000, 45, without a word.
        (AttributeDef("a", "Income", "number"), "45,000"),
        (AttributeDef("a", "Income", "number"), "1,000,000"),
        (AttributeDef("a", "Income", "number"), "1.000.000"),
        (AttributeDef("a", "Income", "number"), "45.000"),  # was 45, without a word
        (AttributeDef("a", "Income", "number"), "-2.500"),
        (AttributeDef("a", "Income", "number"), "1,000.000"),
        (AttributeDef("d", "Day", "date"), "2023-02-29"),
        (AttributeDef("d", "Day", "date"), "1/3/2024"),
        (AttributeDef("d", "Day", "date"), 20240301),
        (AttributeDef("c", "Role", "choice", ("nurse",)), "doctor"),
        (AttributeDef("t", "Site", "text"), 12),
    ],
)
def test_values_that_do_not_fit_are_refused(definition: AttributeDef, value: Any) -> None:
    with pytest.raises(AttributeValueError, match=definition.label):
        definition.check(value)


# --- what parse refuses -----------------------------------------------------------------


def valid_json() -> dict[str, Any]:
    return orjson.loads(serialise(full_study()))


@pytest.mark.parametrize("raw", [b"", b"{", b"\xff\xfe{}", b"\x00", b"not json"])
def test_invalid_json_is_refused(raw: bytes) -> None:
    with pytest.raises(StudyFormatError, match="not valid JSON"):
        parse(raw)


@pytest.mark.parametrize("value", [[], 1, None, {"format": "interview-reader-notes"}])
def test_wrong_format_is_refused(value: object) -> None:
    with pytest.raises(StudyFormatError, match="not an Interview Reader study file"):
        parse(orjson.dumps(value))


def _broken(change: str) -> dict[str, Any]:
    data = valid_json()
    interview = data["interviews"][0]
    if change == "no interviews":
        del data["interviews"]
    elif change == "bad id":
        interview["id"] = "../../etc/passwd"
    elif change == "same id twice":
        data["interviews"][1]["id"] = interview["id"]
    elif change == "same key twice":
        data["attributes"][1]["key"] = "role"
    elif change == "undefined attribute":
        interview["attributes"]["nope"] = "x"
    elif change == "value of the wrong type":
        interview["attributes"]["age"] = "thirty"
    elif change == "unknown choice":
        interview["attributes"]["role"] = "pilot"
    elif change == "bad date":
        interview["date"] = "March"
    elif change == "bad type":
        data["attributes"][0]["type"] = "colour"
    elif change == "empty path":
        interview["path"] = ""
    return data


@pytest.mark.parametrize(
    "change",
    [
        "no interviews",
        "bad id",
        "same id twice",
        "same key twice",
        "undefined attribute",
        "value of the wrong type",
        "unknown choice",
        "bad date",
        "bad type",
        "empty path",
    ],
)
def test_invalid_files_are_refused(change: str) -> None:
    data = _broken(change)
    with pytest.raises(StudyFormatError):
        parse(orjson.dumps(data))


def test_an_interview_copied_with_its_id_is_refused_naming_both() -> None:
    """An interview added to study.json by hand, copying another's entry and changing its
    path and title, was refused as "two interviews have the same id": which, unsaid."""
    data = valid_json()
    first = data["interviews"][0]
    data["interviews"].append({**first, "path": "P09.txt", "title": "P09 Ida"})
    with pytest.raises(StudyFormatError) as refused:
        parse(orjson.dumps(data))
    assert str(refused.value).endswith(
        f"(the interviews “{first['title']}” and “P09 Ida” have the same id "
        f"{first['id']!r}; give “P09 Ida” one of its own (an id names its interview's "
        "notes file))"
    )


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("unknown choice", "interview “P01 Ünal”: Role is one of: nurse, doctor; not 'pilot'."),
        ("undefined attribute", "interview “P01 Ünal” has a value for the undefined attribute"),
    ],
)
def test_a_value_refused_names_its_interview_by_title(change: str, said: str) -> None:
    """study.json edited by hand was refused naming "interview p01-…", an id, where the one
    mending it knows, and the Library shows, the interview's title."""
    with pytest.raises(StudyFormatError) as refused:
        parse(orjson.dumps(_broken(change)))
    assert said in str(refused.value)


@pytest.mark.parametrize(
    "change", ["no interviews", "bad id", "bad date", "bad type", "empty path"]
)
def test_the_published_schema_refuses_the_same(change: str) -> None:
    """The independent validator agrees where the schema alone can tell."""
    assert not schema_validator().is_valid(_broken(change))


@pytest.mark.parametrize("version", [VERSION + 1, float(VERSION + 1)])
def test_newer_version_is_refused_unless_allowed(version: float) -> None:
    data = valid_json() | {"version": version, "something_new": [1, 2]}
    with pytest.raises(NewerStudyError):
        parse(orjson.dumps(data))
    parsed = parse(orjson.dumps(data), allow_newer=True)
    assert parsed.newer and parsed.data.title == full_study().title


def test_newer_version_with_another_layout_is_still_a_newer_version() -> None:
    data = {"format": FORMAT, "version": VERSION + 1, "cases": []}
    with pytest.raises(NewerStudyError):
        parse(orjson.dumps(data))


def test_older_version_is_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    """A version 0 file goes through MIGRATIONS[0] and says so."""

    def from_zero(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "version": 1, "title": data.pop("name")}

    monkeypatch.setitem(study_file.MIGRATIONS, 0, from_zero)
    old = valid_json()
    old["version"] = 0
    old["name"] = old.pop("title")
    parsed = parse(orjson.dumps(old))
    assert parsed.migrated_from == 0 and parsed.data.title == full_study().title


def test_unknown_old_version_is_refused() -> None:
    data = valid_json() | {"version": 0}
    with pytest.raises(StudyFormatError, match="version 0"):
        parse(orjson.dumps(data))


def test_missing_default_colours_are_filled_in() -> None:
    data = valid_json()
    data["colors"] = {"yellow": "Gold"}
    colors = parse(orjson.dumps(data)).data.colors
    assert colors["yellow"] == "Gold" and colors["green"] == "Method"


def interview(**changes: object) -> dict:
    base = {
        "id": "p01-0000aaaa",
        "path": "transcripts/P01.txt",
        "title": "P01",
        "participant": "Ana",
        "date": "2024-03-01",
        "attributes": {"role": "nurse", "age": 34, "weight": 2.5},
        "added": "2024-03-02T10:00:00+00:00",
        "modified": "2024-03-02T10:00:00+00:00",
    }
    base.update(changes)
    return base


def study_of(entry: object) -> dict[str, Any]:
    data = orjson.loads(serialise(StudyData(title="S")))
    data["interviews"] = [entry]
    return data


def schema_passes_interview(entry: object) -> bool:
    return not list(schema_validator().iter_errors(study_of(entry)))


interview_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=2**60),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", "p02-x", "P02", "p02\n", "2024-03-01", "2024-3-1", "2024-03-01\n"]),
    st.dictionaries(
        st.text(max_size=3),
        st.one_of(st.text(max_size=3), st.booleans(), st.none(), st.integers()),
        max_size=2,
    ),
    st.lists(st.text(max_size=3), max_size=2),
)
interview_keys = st.sampled_from([*interview(), "other"])


@given(
    st.dictionaries(interview_keys, interview_values, max_size=4),
    st.lists(interview_keys, max_size=2),
)
def test_the_fast_interview_check_passes_nothing_the_schema_refuses(changes, removed) -> None:
    entry = interview(**changes)
    for key in removed:
        entry.pop(key, None)
    if study_file.interview_passes(entry):
        assert schema_passes_interview(entry), entry


def test_a_good_interview_takes_the_fast_path() -> None:
    assert study_file.interview_passes(interview())
    assert study_file.interview_passes({"id": "p1", "path": "P1.txt", "title": ""})


@pytest.mark.parametrize(
    "bad",
    [
        interview(id="P01"),
        interview(id="p01\n"),
        interview(path=""),
        interview(title=None),
        interview(date="2024-3-1"),
        interview(attributes={"age": True}),
        interview(attributes={"age": None}),
        interview(participant=3),
        {k: v for k, v in interview().items() if k != "title"},
        [],
    ],
)
def test_bad_interviews_are_refused_with_the_schema_message(bad: object) -> None:
    assert not study_file.interview_passes(bad)
    with pytest.raises(StudyFormatError, match="does not match the study format"):
        study_file.validate(study_of(bad))


def test_a_date_typed_by_hand_is_refused_in_words_naming_its_interview() -> None:
    """A date typed into study.json as "5/3/2024" was refused as "data.interviews[0].date
    cannot be validated by any definition": which interview, and what was wrong, unsaid."""
    with pytest.raises(StudyFormatError) as refused:
        study_file.validate(study_of(interview(title="P07 Lena", date="5/3/2024")))
    assert str(refused.value) == (
        "it does not match the study format (the interview “P07 Lena” has the date "
        "'5/3/2024', where one is written YYYY-MM-DD)"
    )


def test_the_studys_codes_are_the_notes_files_codes() -> None:
    """validate checks a study's codes with notes_file.codes_pass: one definition."""
    notes = json.loads((ROOT / "resources" / "notes.schema.json").read_text(encoding="utf-8"))
    assert SCHEMA["properties"]["codes"]["items"] == notes["properties"]["codes"]["items"]
    assert SCHEMA["$defs"]["code"] == notes["$defs"]["code"]
    assert SCHEMA["$defs"]["guid"] == notes["$defs"]["guid"]
