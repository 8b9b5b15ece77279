"""Tests of the notes file format: round trips, the bytes written, and what parse refuses."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import FrozenInstanceError, fields, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from reader.core import notes_file
from reader.core.annotations import DEFAULT_COLORS, Highlight, make_highlight
from reader.core.codebook import Codebook, codes_for_tags, tag_code_id
from reader.core.document import text_sha256
from reader.core.interview import Role
from reader.core.line_ends import lf_line_ends
from reader.core.notes_file import (
    FORMAT,
    VERSION,
    NewerVersionError,
    NotesData,
    NotesFormatError,
    RoleCorrection,
    parse,
    serialise,
    validate,
)

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "resources" / "notes.schema.json").read_text(encoding="utf-8"))
SAMPLE = Path(__file__).parents[1] / "data" / "notes-her-smell-v1.json"
TEXT = "Q: Was it scripted? 🎬\nA: Every word — “Café” 𠀋 שלום.\nQ: Really?\nA: Yes.\n"


@cache
def schema_validator() -> Draft202012Validator:
    """An independent validator of the published schema (jsonschema, not fastjsonschema)."""
    Draft202012Validator.check_schema(SCHEMA)
    return Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def document_meta(text: str = TEXT) -> dict[str, Any]:
    return {
        "title": "Café interview",
        "source": "/tmp/café.txt",
        "sha256": text_sha256(text),
        "length": len(text),
    }


def full_notes() -> NotesData:
    """Notes with every part filled in: highlights, notes, role corrections, speakers."""
    book = Codebook()
    codes = codes_for_tags(("method", "é"), book)
    book.create("Sub-code", parent=codes[0], description="A *memo*", codable=False)
    h1 = make_highlight(TEXT, 3, 19, "green").edited(note="ask “why”? 🎬", codes=codes)
    h2 = make_highlight(TEXT, TEXT.index("Café"), TEXT.index("Café") + 4, "pink")
    return NotesData(
        codebook=book,
        document=document_meta(),
        highlights=[h1, h2],
        notes="# Notes\n\nRTL: שלום, مرحبا — CJK: 中文 𠀋\n",
        roles=[RoleCorrection(0, TEXT[:32], Role.ANSWER)],
        speakers={"Q": "Jane Doe", "A": "Dr. Ünal"},
        sides={"Jane Doe": Role.QUESTION, "Sam": Role.ANSWER},
    )


def valid_json() -> dict[str, Any]:
    return orjson.loads(serialise(full_notes()))


# --- round trips ------------------------------------------------------------------------


def test_round_trip_keeps_everything() -> None:
    """parse(serialise(notes)) gives back equal notes, highlights, roles and speakers."""
    notes = full_notes()
    back = parse(serialise(notes))
    assert back == notes
    assert back.roles[0].role is Role.ANSWER
    assert back.highlights[1].exact == "Café"


def test_defaults_round_trip_without_structure() -> None:
    """Fresh notes round-trip, and the file has no `structure` until there is one."""
    notes = NotesData(document=document_meta())
    data = orjson.loads(serialise(notes))
    assert "structure" not in data
    assert data["colors"] == {cid: label for cid, (label, _) in DEFAULT_COLORS.items()}
    assert parse(serialise(notes)) == notes


unicode_text = st.text(max_size=200)  # any code point but lone surrogates


@settings(max_examples=150)
@given(
    notes=unicode_text,
    note=unicode_text,
    tags=st.lists(unicode_text, max_size=4),
    speakers=st.dictionaries(unicode_text, unicode_text, max_size=4),
    labels=st.dictionaries(st.sampled_from(list(DEFAULT_COLORS)), unicode_text),
    title=unicode_text,
    span=st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 20)),
    role=st.sampled_from(list(Role)),
)
def test_round_trip_of_arbitrary_unicode(
    notes: str,
    note: str,
    tags: list[str],
    speakers: dict[str, str],
    labels: dict[str, str],
    title: str,
    span: tuple[int, int],
    role: Role,
) -> None:
    """Any Unicode in notes, highlight notes, tags, names and labels survives the file; a
    line end in the notes comes back as the editors hold it, "\n" (test below)."""
    start = span[0]
    end = min(len(TEXT), start + span[1])
    book = Codebook()
    highlight = make_highlight(TEXT, start, end).edited(note=note, codes=codes_for_tags(tags, book))
    data = NotesData(
        codebook=book,
        document={**document_meta(), "title": title},
        highlights=[highlight],
        notes=notes,
        roles=[RoleCorrection(start, TEXT[start : start + 32], role)],
        speakers=speakers,
    )
    data.colors.update(labels)
    raw = serialise(data)
    assert parse(raw) == replace(
        data,
        notes=lf_line_ends(notes),
        highlights=[replace(highlight, note=lf_line_ends(note))],
    )
    assert schema_validator().is_valid(orjson.loads(raw))
    # Nothing is \u-escaped, so the file is as readable as the notes are.
    assert raw.decode("utf-8") == json.dumps(data.to_json(), ensure_ascii=False, indent=2) + "\n"


def test_windows_line_ends_in_the_notes_read_as_the_editor_holds_them() -> None:
    """Notes another program saved with "\r\n" (or "\r") read with "\n": compared with
    the editor's, every line differed, and a merge kept the whole notes twice."""
    start = TEXT.index("scripted")
    highlight = make_highlight(TEXT, start, start + 8).edited(note="one\r\ntwo\rthree")
    data = NotesData(document=document_meta(), highlights=[highlight], notes="a\r\nb\r\n")
    parsed = parse(serialise(data))
    assert parsed.notes == "a\nb\n"
    assert parsed.highlights[0].note == "one\ntwo\nthree"


# --- the bytes written ------------------------------------------------------------------


def test_written_json_has_the_documented_keys_in_a_stable_order() -> None:
    """The top-level keys come in one fixed order, highlights last."""
    raw = serialise(full_notes())
    data = json.loads(raw)
    assert list(data) == [
        "format",
        "version",
        "generator",
        "document",
        "colors",
        "codes",
        "structure",
        "notes",
        "highlights",
    ]
    assert data["format"] == FORMAT == "interview-reader-notes"
    assert data["version"] == VERSION == 2
    assert list(data["codes"][0]) == ["id", "name", "color", "description", "codable", "parent"]
    assert data["document"] == document_meta()
    assert list(data["highlights"][0]) == [
        "id",
        "start",
        "end",
        "exact",
        "prefix",
        "suffix",
        "color",
        "note",
        "codes",
        "created",
        "modified",
        "orphan",
    ]
    notes = full_notes()
    assert serialise(notes) == serialise(notes)  # deterministic


def test_written_json_is_indented_utf8_without_escapes() -> None:
    """UTF-8, two-space indent, one key per line, non-ASCII written as itself."""
    raw = serialise(full_notes())
    text = raw.decode("utf-8")
    assert raw.endswith(b"}\n")
    assert "\\u" not in text
    assert "“why”? 🎬" in text
    assert "RTL: שלום, مرحبا — CJK: 中文 𠀋" in text
    lines = text.splitlines()
    assert lines[0] == "{"
    assert lines[1] == '  "format": "interview-reader-notes",'
    assert lines[2] == '  "version": 2,'
    assert '    "title": "Café interview",' in lines


def test_keys_this_build_does_not_know_are_written_back_as_they_came() -> None:
    """A newer build's optional key, at the top and on a highlight, was dropped by the
    first save of an older one (the safety review's F5)."""
    data = orjson.loads(serialise(full_notes()))
    data["newkey"] = {"a": 1}
    data["highlights"][0]["extra"] = "keep me"
    data["recording"] = {"path": "talk.wav", "position_ms": 5, "offset_ms": -250}
    notes = parse(orjson.dumps(data))
    notes.notes += "\nmore"
    notes.recording = replace(notes.recording, position_ms=900)  # as listening moves it
    again = orjson.loads(serialise(notes))
    assert again["newkey"] == {"a": 1}
    assert again["recording"] == {"path": "talk.wav", "position_ms": 900, "offset_ms": -250}
    assert again["highlights"][0]["extra"] == "keep me"
    assert "extra" not in again["highlights"][1]
    assert list(again)[-2:] == ["notes", "highlights"]  # the long ones last, as ever
    assert next(iter(again["highlights"][0])) == "id"  # its own keys first, for diff tools


def test_an_older_versions_keys_are_not_kept_as_a_newer_builds() -> None:
    """Version 1 wrote the transcript itself ("segments") and stale indexes on each
    highlight: keys of an older version are no newer build's, and go as it is read."""
    raw = (Path(__file__).parents[1] / "data" / "notes-export-sample-v1.json").read_bytes()
    assert b'"segments"' in raw
    again = orjson.loads(serialise(parse(raw)))
    assert "segments" not in again
    assert all("segment" not in h and "question" not in h for h in again["highlights"])


def test_written_json_validates_against_the_published_schema() -> None:
    """The independent jsonschema (Draft 2020-12) validator accepts what we write."""
    data = valid_json()
    errors = [e.message for e in schema_validator().iter_errors(data)]
    assert errors == []
    for h in data["highlights"]:
        for key in ("created", "modified"):
            stamp = datetime.fromisoformat(h[key])
            assert stamp.utcoffset() is not None


def test_sample_file_parses_and_validates() -> None:
    """A hand-written version 1 file (tests/data) is migrated and reads as written, its
    tags now codes."""
    raw = SAMPLE.read_bytes()
    notes = parse(raw)
    assert [h.exact for h in notes.highlights] == [
        "Everything in the movie is very specifically scripted.",
        "Huge hit single",
    ]
    assert notes.codebook.names(notes.highlights[0].codes) == ("method", "script")
    assert notes.highlights[0].codes == (tag_code_id("method"), tag_code_id("script"))
    assert notes.roles == [RoleCorrection(1297, "I was fortunate enough to chat w", Role.ASIDE)]
    assert notes.speakers == {"Interviewee": "Alex Ross Perry"}
    assert notes.sides == {}  # written before sides existed
    assert "🎬" in notes.notes


# --- what parse refuses -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b"not json", b'{"format": "interview-reader-notes",}', b"\xff\xfe{}", b"\x00"],
)
def test_invalid_json_is_refused(raw: bytes) -> None:
    """Bytes that are not JSON give NotesFormatError saying so."""
    with pytest.raises(NotesFormatError, match="not valid JSON"):
        parse(raw)


@pytest.mark.parametrize(
    "value",
    [[], "notes", 1, None, {"format": "something-else", "version": 1}, {"version": 1}],
)
def test_wrong_format_is_refused(value: object) -> None:
    """JSON that is not an object with our `format` is not a notes file."""
    with pytest.raises(NotesFormatError, match="not an Interview Reader notes file") as info:
        parse(orjson.dumps(value))
    assert not isinstance(info.value, NewerVersionError)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split(".")

    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split(".")

    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        del target[last]

    return change


SCHEMA_VIOLATIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "version-string": _set("version", "1"),
    "version-zero": _set("version", 0),
    "version-bool": _set("version", True),
    "document-not-object": _set("document", "doc"),
    "sha256-not-hex": _set("document.sha256", "XYZ"),
    "length-negative": _set("document.length", -1),
    "title-number": _set("document.title", 5),
    "colors-list": _set("colors", ["yellow"]),
    "color-label-number": _set("colors.yellow", 1),
    "notes-null": _set("notes", None),
    "highlights-object": _set("highlights", {}),
    "start-string": _set("highlights.0.start", "3"),
    "start-negative": _set("highlights.0.start", -1),
    "end-fraction": _set("highlights.0.end", 19.5),
    "exact-empty": _set("highlights.0.exact", ""),
    "prefix-too-long": _set("highlights.0.prefix", "x" * 33),
    "id-not-uuid": _set("highlights.0.id", "my-highlight"),
    "codes-string": _set("highlights.0.codes", "method"),
    "code-id-not-guid": _set("highlights.0.codes", ["method"]),
    "code-color-name": _set("codes.0.color", "red"),
    "code-nameless": _set("codes.0.name", ""),
    "orphan-string": _set("highlights.0.orphan", "yes"),
    "roles-object": _set("structure.roles", {}),
    "role-unknown": _set("structure.roles.0.role", "narrator"),
    "speaker-name-number": _set("structure.speakers.Q", 7),
    "side-unknown": _set("structure.sides.Sam", "narrator"),
    "no-document": _delete("document"),
    "no-colors": _delete("colors"),
    "no-notes": _delete("notes"),
    "no-highlights": _delete("highlights"),
    "no-version": _delete("version"),
    "no-sha256": _delete("document.sha256"),
    "highlight-no-id": _delete("highlights.0.id"),
    "highlight-no-end": _delete("highlights.0.end"),
    "highlight-no-exact": _delete("highlights.0.exact"),
    "highlight-no-created": _delete("highlights.0.created"),
    "role-no-start": _delete("structure.roles.0.start"),
}


@pytest.mark.parametrize("name", list(SCHEMA_VIOLATIONS))
def test_schema_violations_are_refused(name: str) -> None:
    """Wrong types and missing keys are refused; jsonschema independently agrees."""
    data = valid_json()
    SCHEMA_VIOLATIONS[name](data)
    assert not schema_validator().is_valid(data)
    refused = r"does not match the notes format|not one this build knows"
    with pytest.raises(NotesFormatError, match=refused) as info:
        parse(orjson.dumps(data))
    assert not isinstance(info.value, NewerVersionError)


@pytest.mark.parametrize("end_minus_start", [0, -1, -5])
def test_highlight_ending_at_or_before_its_start_is_refused(end_minus_start: int) -> None:
    """end <= start passes the schema but not parse: a highlight covers at least a char."""
    data = valid_json()
    h = data["highlights"][1]  # starts far enough in for end to stay >= 0
    h["end"] = h["start"] + end_minus_start
    with pytest.raises(NotesFormatError, match="ends before it starts"):
        parse(orjson.dumps(data))


@pytest.mark.parametrize("version", [3, 4, 99, 3.0])
def test_newer_version_raises_newer_version_error(version: float) -> None:
    """A file from a newer build is recognised as such, not as a broken file."""
    data = valid_json()
    data["version"] = version
    with pytest.raises(NewerVersionError, match="newer Interview Reader"):
        parse(orjson.dumps(data))


def test_newer_version_is_recognised_even_if_its_layout_changed() -> None:
    """Version 3 may restructure everything; it is still reported as newer, not corrupt."""
    raw = orjson.dumps({"format": FORMAT, "version": 3, "annotations": {"a": 1}})
    with pytest.raises(NewerVersionError):
        parse(raw)
    assert issubclass(NewerVersionError, NotesFormatError)


def test_a_codebook_is_checked_once_for_the_files_that_carry_it(monkeypatch) -> None:
    """A study's files each carry its codebook: the same codes pass once; a code changed is
    checked again, and refused when it breaks the schema's rules."""
    notes_file.codes_pass.cache_clear()  # whatever other tests checked
    checked: list[Any] = []
    real = notes_file.code_passes
    monkeypatch.setattr(notes_file, "code_passes", lambda code: checked.append(code) or real(code))
    data = valid_json()
    validate(copy.deepcopy(data))
    validate(copy.deepcopy(data))
    assert len(checked) == len(data["codes"])
    data["codes"][0]["color"] = "not a colour"
    with pytest.raises(NotesFormatError, match="does not match the notes format"):
        validate(data)
    assert len(checked) == len(data["codes"]) + 1  # the first code fails: no more asked


def test_read_highlights_are_whole_dataclass_instances() -> None:
    """Highlights are read without their dataclass's __init__ (for speed): each has exactly
    Highlight's fields, equals and hashes as the one __init__ makes, and stays frozen."""
    for h in parse(serialise(full_notes())).highlights:
        made = Highlight(*(getattr(h, f.name) for f in fields(Highlight)))
        assert vars(h) == vars(made)
        assert h == made and hash(h) == hash(made) and repr(h) == repr(made)
        with pytest.raises(FrozenInstanceError):
            h.note = "changed"  # type: ignore[misc]


def test_integral_float_offsets_are_read_as_integers() -> None:
    """JSON Schema counts 5.0 as an integer; such offsets must still index the text."""
    data = valid_json()
    data["highlights"][0]["start"] = float(data["highlights"][0]["start"])
    data["highlights"][0]["end"] = float(data["highlights"][0]["end"])
    data["structure"]["roles"][0]["start"] = 0.0
    assert schema_validator().is_valid(data)
    notes = parse(orjson.dumps(data))
    h = notes.highlights[0]
    assert type(h.start) is int and type(h.end) is int
    assert TEXT[h.start : h.end] == h.exact
    assert type(notes.roles[0].start) is int


def test_unknown_keys_are_tolerated() -> None:
    """Extra keys (a later 1.x addition) do not make a version 1 file unreadable."""
    data = valid_json()
    extended = copy.deepcopy(data)
    extended["extra"] = {"anything": [1, 2]}
    extended["highlights"][0]["extra"] = True
    assert parse(orjson.dumps(extended)) == parse(orjson.dumps(data))


def test_missing_default_colours_are_filled_in() -> None:
    """A file naming only some colours still gets labels for all six."""
    data = valid_json()
    data["colors"] = {"yellow": "Gold"}
    notes = parse(orjson.dumps(data))
    assert list(notes.colors) == list(DEFAULT_COLORS)
    assert notes.colors["yellow"] == "Gold"
    assert notes.colors["green"] == "Method"


def test_validate_accepts_what_serialise_writes() -> None:
    """validate() is the check parse() relies on; it accepts our own output."""
    validate(valid_json())


def test_older_version_is_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of an older version goes through MIGRATIONS and says where it came from."""
    from reader.core import notes_file

    data = valid_json()
    monkeypatch.setattr(notes_file, "VERSION", 3)

    def two_to_three(old: dict) -> dict:
        return {**old, "version": 3, "notes": old["notes"] + " (migrated)"}

    monkeypatch.setitem(notes_file.MIGRATIONS, 2, two_to_three)
    monkeypatch.setattr(notes_file, "_schema_check", lambda: lambda _data: None)
    notes, migrated_from = notes_file.parse_migrating(orjson.dumps(data))
    assert migrated_from == 2
    assert notes.notes.endswith(" (migrated)")
    assert notes_file.parse_migrating(orjson.dumps({**data, "version": 3}))[1] is None


def test_sides_are_left_out_when_none_are_chosen() -> None:
    """Files without chosen sides keep the shape older builds wrote."""
    data = orjson.loads(serialise(replace(full_notes(), sides={})))
    assert set(data["structure"]) == {"roles", "speakers"}
    only_sides = NotesData(document=document_meta(), sides={"Ann": Role.ANSWER})
    assert orjson.loads(serialise(only_sides))["structure"] == {
        "roles": [],
        "speakers": {},
        "sides": {"Ann": "answer"},
    }
