"""`python main.py export` for every format, with colour and tag filters."""

from __future__ import annotations

import csv
import io
import subprocess
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from reader.core.annotations import NO_COLOR, make_highlight
from reader.core.document import load_document
from reader.core.export import FORMATS, ExportOptions
from reader.core.session import Session
from reader.core.store import load_notes, save_notes
from tests.core.test_cli import assert_fails_with_one_line, run
from tests.core.test_export_samples import BUNDLED, sample_id, sample_notes


@pytest.fixture
def notes_path(tmp_path: Path) -> Path:
    """The sample highlights saved as the notes of the bundled interview."""
    path = tmp_path / "notes" / "her-smell.json"
    save_notes(path, sample_notes(load_document(BUNDLED)))
    return path


def expected(notes_path: Path, name: str, options: ExportOptions | None = None) -> bytes:
    session = Session.open(load_document(BUNDLED), load_notes(notes_path))
    return FORMATS[name](session, options or ExportOptions())


@pytest.mark.parametrize("name", list(FORMATS))
def test_export_each_format_to_a_file(tmp_path: Path, notes_path: Path, name: str) -> None:
    out = tmp_path / "out" / f"export.{name}"
    out.parent.mkdir()
    result = run(tmp_path, "export", "--format", name, "--notes", notes_path, "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b"" and result.stderr == b""
    assert out.read_bytes() == expected(notes_path, name)


@pytest.mark.parametrize("name", ["md", "csv"])
def test_export_to_standard_output(tmp_path: Path, notes_path: Path, name: str) -> None:
    result = run(tmp_path, "export", "--format", name, "--notes", notes_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == expected(notes_path, name)


def csv_ids(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return [row[0] for row in rows[1:]]


def test_filter_by_colour_and_tag(tmp_path: Path, notes_path: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = run(tmp_path, "export", "--format", "csv", "--notes", notes_path, *args)
        assert result.returncode == 0, result.stderr.decode()
        return csv_ids(result.stdout)

    assert ids("--color", "green") == [sample_id(4)]
    assert ids("--color", "yellow", "--color", "blue") == [sample_id(n) for n in (1, 2, 7)]
    assert ids("--tag", "method") == [sample_id(3), sample_id(4)]
    assert sorted(ids("--tag", "music", "--tag", "lost")) == [sample_id(6), sample_id(8)]
    assert ids("--color", "orange", "--tag", "method") == [sample_id(3)]
    assert ids("--tag", " METHOD ") == ids("--tag", "method")  # as typed: case and spaces aside


def test_a_tag_is_every_code_of_its_name_a_path_one_and_an_unknown_name_an_error(
    tmp_path: Path,
) -> None:
    """Work / Stress and Home / Stress: "Stress" is both, a path is one (typed either way);
    a name no code has fails with one line and writes nothing."""
    document = load_document(BUNDLED)
    notes = sample_notes(document)
    book = notes.codebook
    work, home = book.create("Work"), book.create("Home")
    at_work = book.create("Stress", parent=work.id)
    at_home = book.create("Stress", parent=home.id)
    text = document.text
    coded = {}
    for code, word in ((at_work, "Handycam"), (at_home, "Rehearsal")):
        start = text.index(word)
        highlight = make_highlight(text, start, start + len(word), NO_COLOR)
        notes.highlights.append(replace(highlight, codes=(code.id,)))
        coded[code.id] = highlight.id
    path = tmp_path / "stress.json"
    save_notes(path, notes)

    def export(*args: str) -> subprocess.CompletedProcess[bytes]:
        return run(tmp_path, "export", "--format", "md", "--notes", path, *args)

    def ids(*args: str) -> set[str]:
        result = run(tmp_path, "export", "--format", "csv", "--notes", path, *args)
        assert result.returncode == 0, result.stderr.decode()
        return set(csv_ids(result.stdout))

    assert ids("--tag", "stress") == {coded[at_work.id], coded[at_home.id]}
    assert ids("--tag", "Work / Stress") == ids("--tag", "work/stress") == {coded[at_work.id]}
    assert ids("--tag", "Home/Stress", "--tag", "method") == {
        coded[at_home.id],
        sample_id(3),
        sample_id(4),
    }
    summary = export("--tag", "Work / Stress").stdout.decode()
    assert "1 coded passage (tag \\#Work / Stress)" in summary  # the filter line names it so
    out = tmp_path / "never.md"
    for name in ("no-such-tag", "Stress / Work"):
        failed = run(
            tmp_path, "export", "--format", "md", "--notes", path, "--tag", name, "-o", out
        )
        assert f"No code is called {name!r}" in assert_fails_with_one_line(failed)
        assert not out.exists()


def test_filters_apply_to_the_json_and_w3c_exports(tmp_path: Path, notes_path: Path) -> None:
    args = ("--notes", notes_path, "--color", "pink")
    model = run(tmp_path, "export", "--format", "json", *args)
    assert [h["id"] for h in orjson.loads(model.stdout)["highlights"]] == [
        sample_id(5),
        sample_id(8),
    ]
    annotations = run(tmp_path, "export", "--format", "w3c", *args)
    assert orjson.loads(annotations.stdout)["total"] == 2


def test_unknown_colour_fails_with_one_line(tmp_path: Path, notes_path: Path) -> None:
    result = run(tmp_path, "export", "--format", "md", "--notes", notes_path, "--color", "plaid")
    stderr = assert_fails_with_one_line(result)
    assert "unknown colour 'plaid'" in stderr and "yellow" in stderr


def test_export_help_lists_formats_and_filters(tmp_path: Path) -> None:
    result = run(tmp_path, "export", "--help")
    assert result.returncode == 0
    for word in (b"json", b"md", b"html", b"csv", b"w3c", b"--color", b"--tag"):
        assert word in result.stdout
    assert b"'Work / Stress'" in result.stdout  # how --tag names one of two codes of a name


def test_a_cell_longer_than_excel_holds_is_said(tmp_path: Path, notes_path: Path) -> None:
    """A note or quote over 32,767 characters went out with nothing said: Excel cuts it as
    it opens the file. The export is whole; the user is told (other formats say nothing)."""
    from reader.core.export.csv_export import EXCEL_CELL_MAX, excel_caution

    notes = load_notes(notes_path)
    first = notes.highlights[0]
    long_note = "word " * (EXCEL_CELL_MAX // 5 + 1)
    notes.highlights[0] = replace(first, note=long_note)
    save_notes(notes_path, notes)
    out = tmp_path / "table.csv"
    result = run(tmp_path, "export", "--format", "csv", "--notes", notes_path, "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    said = result.stderr.decode()
    assert "a cell longer than the 32,767 characters Excel holds" in said
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"), newline="")))
    assert rows[0]["note"] == long_note  # whole
    result = run(tmp_path, "export", "--format", "md", "--notes", notes_path, "-o", out)
    assert result.stderr == b""
    assert excel_caution(b"id,quote\r\n" + b'1,"a\r\nb"\r\n' * 10_000) == ""  # long, cells fit
    assert excel_caution(b"") == ""
