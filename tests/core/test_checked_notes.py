"""Tests of the list of notes files known to pass validation (reader.core.checked_notes)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
import pytest

from reader.core import checked_notes, notes_file
from reader.core.annotations import make_highlight
from reader.core.checked_notes import MIN_BYTES, list_path, parse_checked, passed
from reader.core.notes_file import (
    VERSION,
    NewerVersionError,
    NotesData,
    NotesFormatError,
    serialise,
)
from reader.core.store import content_hash

NOTES = Path("/study/notes/P01.json")
TEXT = "Perry wrote the film in long scenes, and Moss rehearsed every one for weeks."


DOCUMENT = {"title": "Doc", "source": "/tmp/doc.txt", "sha256": "0" * 64, "length": 9}


def big_notes_bytes(words: str = "notes ") -> bytes:
    """A valid notes file of more than MIN_BYTES (long research notes, one highlight)."""
    notes = NotesData(
        document=DOCUMENT,
        highlights=[make_highlight(TEXT, 0, 5)],
        notes=words * (MIN_BYTES // len(words) + 1),
    )
    data = serialise(notes)
    assert len(data) >= MIN_BYTES
    return data


def test_bytes_that_passed_are_not_checked_again(validations: list[Any]) -> None:
    data = big_notes_bytes()
    first = parse_checked(data, NOTES)
    assert len(validations) == 1 and passed(NOTES, content_hash(data))
    assert parse_checked(data, NOTES) == first
    assert len(validations) == 1


def test_other_bytes_or_another_file_are_checked(validations: list[Any]) -> None:
    parse_checked(big_notes_bytes(), NOTES)
    parse_checked(big_notes_bytes("words "), NOTES)  # the file changed
    parse_checked(big_notes_bytes(), NOTES.with_name("P02.json"))  # a copy elsewhere
    assert len(validations) == 3
    assert not passed(NOTES, content_hash(big_notes_bytes()))  # a file's latest bytes only


def test_a_small_file_is_checked_each_time_and_leaves_no_list(validations: list[Any]) -> None:
    data = serialise(NotesData(document=DOCUMENT, notes="short"))
    parse_checked(data, NOTES)
    parse_checked(data, NOTES)
    assert len(validations) == 2
    assert not list_path().exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"{not json",
        lambda raw: orjson.dumps({**orjson.loads(raw), "checks": "other build"}),
        lambda raw: orjson.dumps({**orjson.loads(raw), "files": ["not", "a", "dict"]}),
        lambda raw: orjson.dumps([1, 2]),
    ],
)
def test_a_list_unreadable_or_made_by_other_checks_is_empty(
    validations: list[Any], damage: Any
) -> None:
    data = big_notes_bytes()
    parse_checked(data, NOTES)
    list_path().write_bytes(damage(list_path().read_bytes()))
    parse_checked(data, NOTES)
    assert len(validations) == 2
    assert passed(NOTES, content_hash(data))  # listed again


def test_a_forged_entry_lets_through_nothing_that_cannot_be_read() -> None:
    """Listed bytes that would not pass are checked after all, and refused with the reason;
    a newer version's are read-only as ever."""
    data = orjson.loads(big_notes_bytes())
    del data["highlights"][0]["exact"]
    missing = orjson.dumps(data)
    newer = orjson.dumps({**orjson.loads(big_notes_bytes()), "version": VERSION + 1})
    checked_notes.remember(NOTES, content_hash(missing))
    with pytest.raises(NotesFormatError, match="does not match the notes format"):
        parse_checked(missing, NOTES)
    checked_notes.remember(NOTES, content_hash(newer))
    with pytest.raises(NewerVersionError):
        parse_checked(newer, NOTES)


@pytest.mark.permissions
def test_an_unwritable_data_folder_costs_only_the_list(validations: list[Any]) -> None:
    folder = list_path().parent
    folder.mkdir(parents=True)
    os.chmod(folder, 0o500)
    try:
        data = big_notes_bytes()
        assert parse_checked(data, NOTES) == parse_checked(data, NOTES)
    finally:
        os.chmod(folder, 0o700)
    assert len(validations) == 2 and not list_path().exists()


def test_the_list_keeps_the_latest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checked_notes, "KEEP", 3)
    for name in "abcd":
        checked_notes.remember(Path(f"/{name}.json"), name)
    checked_notes.remember(Path("/b.json"), "b2")  # b saved again: its entry moves last
    assert [passed(Path(f"/{name}.json"), name) for name in "abcd"] == [
        False,
        False,
        True,
        True,
    ]
    assert passed(Path("/b.json"), "b2")
    assert list(orjson.loads(list_path().read_bytes())["files"]) == [
        "/c.json",
        "/d.json",
        "/b.json",
    ]


def test_what_the_app_wrote_is_listed_when_large(tmp_path: Path) -> None:
    data = big_notes_bytes()
    small = NOTES.with_name("small.json")
    checked_notes.written(small, b"{}", content_hash(b"{}"))
    checked_notes.written(NOTES, data, content_hash(data))
    assert passed(NOTES, content_hash(data)) and not passed(small, content_hash(b"{}"))


def test_the_checks_version_follows_the_app_and_the_checks_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = Path(notes_file.__file__).parent
    assert (here / "notes_file.py").is_file() and (here / "notes_validator.py").is_file()
    now = checked_notes.checks_version()
    checked_notes.checks_version.cache_clear()
    monkeypatch.setattr(checked_notes, "__version__", "0.0.0-other")
    try:
        assert checked_notes.checks_version() != now
    finally:
        checked_notes.checks_version.cache_clear()
