"""The codebook as a document (reader/core/export/codebook_export.py), from the command
line as `export STUDY --format codebook-md|codebook-csv`: each code nested as the tree is,
with its colour, description and how many passages and interviews it is in."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reader.app import main
from reader.core.codebook import Codebook
from reader.core.export.codebook_export import codebook_markdown
from reader.core.exported import is_markdown_export
from tests.core.test_refi import coded_study


def test_a_study_s_codebook_as_markdown_and_csv(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "Night shifts")  # Work > Handover; Light
    md, table = tmp_path / "codebook.md", tmp_path / "codebook.csv"
    for out, kind in ((md, "codebook-md"), (table, "codebook-csv")):
        assert main(["export", str(study.folder), "--format", kind, "-o", str(out)]) == 0
    text = md.read_text("utf-8")
    assert is_markdown_export(text)  # never taken for a transcript, saved in the study
    assert text.split("\n\n")[2:8] == [
        "## Work",
        "Category · colour #e6194b · 1 passage in 1 interview with its sub-codes",
        "All about **work**",  # the description, Markdown as written
        "### Handover",
        "Colour #ff9900 · 1 passage in 1 interview",
        "## Light",
    ]
    assert "Colour #3cb44b · 3 passages in 2 interviews" in text
    rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8-sig"))))
    assert [(r["code"], r["category"], r["passages"], r["interviews"]) for r in rows] == [
        ("Work", "yes", "0", "0"),
        ("Work / Handover", "", "1", "1"),
        ("Light", "", "3", "2"),
    ]
    assert rows[0]["description"] == "All about **work**"
    assert (rows[0]["passages_with_sub_codes"], rows[0]["interviews_with_sub_codes"]) == ("1", "1")


def test_headings_in_a_codes_description_sit_below_the_code() -> None:
    """A description's "# Work heading" was a heading above the codebook's own: the codes
    after it read as under it."""
    book = Codebook()
    work = book.create("Work", codable=False, description="# Work heading\n\nNotes.")
    book.create("Stress", parent=work.id)
    text = codebook_markdown(book, {}, "Night shifts", 1).decode("utf-8")
    headings = [line for line in text.split("\n") if line.startswith("#")]
    assert headings == ["# Codebook of Night shifts", "## Work", "### Work heading", "### Stress"]


def test_an_interview_whose_notes_cannot_be_read_is_said_not_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged notes file was left out of the counts without a word: "Light: 1 passage in
    1 interview" for a methods appendix, where every other export said "not exported"."""
    study = coded_study(tmp_path / "Night shifts")
    p1, _ = study.interviews
    study.notes_path(p1).write_text("{broken", encoding="utf-8")
    out = tmp_path / "codebook.csv"
    assert main(["export", str(study.folder), "--format", "codebook-csv", "-o", str(out)]) == 0
    said = capsys.readouterr().err
    assert said.startswith("interview-reader: not counted: “P1”: its notes cannot be read (")
    assert len(said.splitlines()) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [(r["code"], r["passages"]) for r in rows][-1] == ("Light", "1")


def test_a_filter_given_to_a_codebook_export_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--where role=doctor` (or an unknown --tag) was read and left unused: the counts of
    every interview were written as if they were the doctors', and the command succeeded."""
    study = coded_study(tmp_path / "Night shifts")
    out = tmp_path / "codebook.md"
    args = ["export", str(study.folder), "--format", "codebook-md", "-o", str(out)]
    assert main([*args, "--where", "role=doctor"]) == 1
    assert capsys.readouterr().err == (
        "interview-reader: a codebook export counts every passage of every interview; "
        "--where cannot filter it: leave it out.\n"
    )
    assert main([*args, "--tag", "Light", "--color", "green"]) == 1
    assert "--color and --tag cannot filter it: leave them out." in capsys.readouterr().err
    assert not out.exists()


def test_raw_cells_writes_a_codebook_csv_as_it_is(tmp_path: Path) -> None:
    """--raw-cells, "csv: write cells ... as they are", left the codebook's "=Score" as
    "'=Score", the only CSV it was not heard by."""
    study = coded_study(tmp_path / "Night shifts")
    book = study.writable_codebook()
    book.create("=Score", description="-1 to +1")
    study.save()
    out = tmp_path / "codebook.csv"
    args = ["export", str(study.folder), "--format", "codebook-csv", "-o", str(out)]
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert (rows[-1]["code"], rows[-1]["description"]) == ("'=Score", "'-1 to +1")
    assert main([*args, "--raw-cells"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert (rows[-1]["code"], rows[-1]["description"]) == ("=Score", "-1 to +1")


def test_a_code_only_an_interviews_notes_have_is_in_every_codebook_export(
    tmp_path: Path,
) -> None:
    """A code an interview's notes use that study.json lacks (annotations imported into it
    from the command line, its notes copied from another study) went into the .qdpx with
    its passages, as the window adopts it, but the codebook exports left it out: "2 codes"
    in the .md and .csv, and no such code in the .qdc, though passages carry it."""
    from xml.etree import ElementTree

    from reader.core.store import load_notes, save_notes

    study = coded_study(tmp_path / "Night shifts")
    _, p2 = study.interviews
    notes = load_notes(study.notes_path(p2))
    assert notes is not None
    sleep = notes.codebook.create("Sleep", color="#911eb4")
    notes.highlights = [h.edited(codes=(*h.codes, sleep.id)) for h in notes.highlights]
    save_notes(study.notes_path(p2), notes)
    table, qdc = tmp_path / "codebook.csv", tmp_path / "codebook.qdc"
    folder = str(study.folder)
    assert main(["export", folder, "--format", "codebook-csv", "-o", str(table)]) == 0
    assert main(["export", folder, "--format", "qdc", "-o", str(qdc)]) == 0
    rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8-sig"))))
    assert (rows[-1]["code"], rows[-1]["colour"], rows[-1]["passages"]) == ("Sleep", "#911eb4", "1")
    names = [c.get("name") for c in ElementTree.parse(qdc).iter() if c.tag.endswith("}Code")]
    assert names == ["Work", "Handover", "Light", "Sleep"]
