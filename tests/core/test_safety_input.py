"""Issue #10's core points: values the writer cannot write, BOMs, duplicate ids, symlinks,
file modes, spreadsheet formulas and paths in shared exports."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from reader.core.annotations import make_highlight
from reader.core.codebook import codes_for_tags
from reader.core.export import FORMATS, ExportOptions
from reader.core.notes_file import NotesData, NotesFormatError, parse, serialise
from reader.core.store import atomic_write
from tests.core.test_export_formats import csv_rows
from tests.core.test_export_samples import sample_session
from tests.core.test_notes_file import TEXT, document_meta


def notes_bytes(**changes: object) -> bytes:
    h = make_highlight(TEXT, 3, 19, "green")
    data = orjson.loads(serialise(NotesData(document=document_meta(), highlights=[h])))
    data.update(changes)
    return orjson.dumps(data)


@pytest.mark.parametrize("value", [1e20, 2**53, 2**64, 10**30])
def test_an_offset_the_writer_cannot_write_is_refused_on_reading(value: float) -> None:
    data = orjson.loads(notes_bytes())
    data["highlights"][0]["end"] = value
    raw = orjson.dumps(data) if value < 2**64 else serialise_huge(data, value)
    with pytest.raises(NotesFormatError):
        parse(raw)


def serialise_huge(data: dict, value: int) -> bytes:
    """orjson refuses integers past 64 bits, which a hand-written file can hold."""
    data["highlights"][0]["end"] = 0
    return orjson.dumps(data).replace(b'"end":0', b'"end":' + str(value).encode())


def test_a_notes_file_parsed_from_the_schema_always_serialises() -> None:
    data = orjson.loads(notes_bytes())
    data["highlights"][0]["end"] = 2**53 - 1
    data["document"]["length"] = 2**53 - 1
    assert serialise(parse(orjson.dumps(data)))


def test_a_notes_file_with_a_utf8_bom_is_read() -> None:
    raw = notes_bytes()
    assert parse(b"\xef\xbb\xbf" + raw) == parse(raw)


def test_duplicate_highlight_ids_are_repaired_with_a_notice() -> None:
    a = make_highlight(TEXT, 3, 19, "green")
    b = make_highlight(TEXT, 20, 30, "pink")
    data = orjson.loads(serialise(NotesData(document=document_meta(), highlights=[a, b])))
    data["highlights"][1]["id"] = a.id
    notes = parse(orjson.dumps(data))
    ids = [h.id for h in notes.highlights]
    assert len(set(ids)) == 2 and a.id in ids
    assert [h.start for h in notes.highlights] == [3, 20]
    assert notes.notices and "new one" in notes.notices[0]
    assert parse(serialise(notes)).notices == []


def test_writing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "synced" / "notes.json"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "notes.json"
    link.symlink_to(target)
    atomic_write(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["notes.json"]


def test_an_existing_files_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b"old")
    path.chmod(0o664)
    atomic_write(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        from importlib import reload

        from reader.core import store

        reload(store)  # the umask is read once, at import
        store.atomic_write(tmp_path / "new.json", b"x")
    finally:
        os.umask(old)
        reload(store)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


@pytest.mark.parametrize("evil", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_cells_that_would_run_as_formulas_are_neutralised(evil: str) -> None:
    session = sample_session()
    h = session.notes.highlights[0]
    session.replace_highlight(
        h.edited(note=evil, codes=codes_for_tags([evil], session.notes.codebook))
    )
    rows = {r["id"]: r for r in csv_rows(FORMATS["csv"](session, ExportOptions()))}
    assert rows[h.id]["note"] == "'" + evil
    assert rows[h.id]["codes"] == "'" + evil.strip()
    raw = {r["id"]: r for r in csv_rows(FORMATS["csv"](session, ExportOptions(raw_cells=True)))}
    assert raw[h.id]["note"] == evil


def test_html_export_names_the_source_by_file_name_only() -> None:
    session = sample_session()
    page = FORMATS["html"](session, ExportOptions()).decode()
    source = session.document.source
    assert os.sep in source and source not in page
    assert f"Source: <bdi>{Path(source).name}</bdi><" in page
