"""The notes file's checks: the fast ones of each highlight and code (notes_file) never
pass what the schema refuses, and the generated validator (reader/core/notes_validator.py,
written by tests/core/test_schema_validators.py) says what fastjsonschema says."""

from __future__ import annotations

import uuid

import fastjsonschema
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core import notes_file, notes_validator
from reader.core.schema_errors import JsonSchemaException
from reader.resources import NOTES_SCHEMA


def highlight(**changes: object) -> dict:
    base = {
        "id": str(uuid.uuid4()),
        "start": 0,
        "end": 5,
        "exact": "hello",
        "prefix": "",
        "suffix": " world",
        "color": "yellow",
        "note": "",
        "codes": [str(uuid.uuid5(uuid.NAMESPACE_URL, "a"))],
        "created": "2024-05-01T10:00:00+00:00",
        "modified": "2024-05-01T10:00:00Z",
    }
    base.update(changes)
    return base


def notes_object(highlights: list) -> dict:
    return {
        "format": "interview-reader-notes",
        "version": 2,
        "document": {"title": "t", "source": "s", "sha256": "0" * 64, "length": 5},
        "colors": {},
        "codes": [],
        "notes": "",
        "highlights": highlights,
    }


def strict(h: object) -> bool:
    return generated_message(notes_object([h])) is None


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=2**60),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.lists(st.text(max_size=3), max_size=2),
    st.lists(st.just(str(uuid.uuid4())), max_size=2),
    st.just("2024-05-01T10:00:00+02:00"),
    st.just(str(uuid.uuid4())),
)
keys = st.sampled_from([*highlight(), "orphan", "other"])


@given(st.dictionaries(keys, values, max_size=4), st.lists(keys, max_size=2))
def test_the_fast_check_passes_nothing_the_schema_refuses(changes, removed) -> None:
    h = highlight(**changes)
    for key in removed:
        h.pop(key, None)
    if notes_file.highlight_passes(h):
        assert strict(h), h


@pytest.mark.parametrize(
    "bad",
    [
        highlight(start=-1),
        highlight(start=True),
        highlight(exact=""),
        highlight(prefix="x" * 33),
        highlight(codes=[1]),
        highlight(codes=["not-a-guid"]),
        highlight(created="yesterday"),
        highlight(id="not-an-id"),
        highlight(orphan="yes"),
        {k: v for k, v in highlight().items() if k != "note"},
        [],
    ],
)
def test_bad_highlights_are_refused_with_the_schema_message(bad) -> None:
    assert not notes_file.highlight_passes(bad)
    data = orjson.loads(orjson.dumps(notes_file.NotesData(document={}).to_json()))
    data["document"] = {"title": "t", "source": "s", "sha256": "0" * 64, "length": 5}
    data["highlights"] = [bad]
    with pytest.raises(notes_file.NotesFormatError, match="does not match the notes format"):
        notes_file.validate(data)


def fastjsonschema_message(data: dict) -> str | None:
    try:
        fastjsonschema.compile(orjson.loads(NOTES_SCHEMA.read_bytes()))(data)
    except fastjsonschema.JsonSchemaException as exc:
        return exc.message
    return None


def generated_message(data: dict) -> str | None:
    try:
        notes_validator.validate_https___interview_reader_example_notes_schema_json(data)
    except JsonSchemaException as exc:
        return exc.message
    return None


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"version": "2"},
        {"codes": [{"id": 3}]},
        {"colors": {"x": {"label": "X", "hex": "red"}}},
        {"highlights": [highlight(start=-1)]},
        {"highlights": [highlight(start=2.5)]},
        {"highlights": [{"id": "h"}]},
        {"document": {"title": "t"}},
        {"extra": 1},
    ],
)
def test_the_lighter_validator_says_what_fastjsonschema_says(change: dict) -> None:
    data = notes_object([highlight()]) | change
    assert generated_message(data) == fastjsonschema_message(data)


def test_a_good_highlight_takes_the_fast_path() -> None:
    assert notes_file.highlight_passes(highlight())
    assert notes_file.highlight_passes(highlight(orphan=True, codes=[]))
    assert strict(highlight(start=5.0, end=6))  # the schema's integer; the slow path has it


def code(**changes: object) -> dict:
    base = {
        "id": str(uuid.uuid4()),
        "name": "Family",
        "color": "#1f77b4",
        "description": "",
        "codable": True,
        "parent": "",
    }
    base.update(changes)
    return base


def strict_code(c: object) -> bool:
    return generated_message(notes_object([]) | {"codes": [c]}) is None


code_values = st.one_of(
    values,
    st.just(""),
    st.just("#00ff00"),
    st.just("#00ff00\n"),
    st.just("#00FF0G"),
    st.just(str(uuid.uuid4()) + "\n"),
)
code_keys = st.sampled_from([*code(), "other"])


@given(st.dictionaries(code_keys, code_values, max_size=4), st.lists(code_keys, max_size=2))
def test_the_fast_code_check_passes_nothing_the_schema_refuses(changes, removed) -> None:
    c = code(**changes)
    for key in removed:
        c.pop(key, None)
    if notes_file.code_passes(c):
        assert strict_code(c), c


@pytest.mark.parametrize(
    "bad",
    [
        code(id="not-a-guid"),
        code(name=""),
        code(name=3),
        code(color="red"),
        code(color="#12345"),
        code(codable="yes"),
        code(parent="top"),
        code(description=None),
        {k: v for k, v in code().items() if k != "name"},
        [],
    ],
)
def test_bad_codes_are_refused_with_the_schema_message(bad) -> None:
    assert not notes_file.code_passes(bad)
    data = notes_object([highlight()]) | {"codes": [code(), bad]}
    with pytest.raises(notes_file.NotesFormatError, match="does not match the notes format"):
        notes_file.validate(data)


def test_good_codes_take_the_fast_path() -> None:
    assert notes_file.code_passes(code())
    assert notes_file.code_passes(code(parent=str(uuid.uuid4()), codable=False))
    assert notes_file.code_passes({"id": str(uuid.uuid4()), "name": "Only what is required"})
    notes_file.validate(notes_object([highlight()]) | {"codes": [code(), code()]})
