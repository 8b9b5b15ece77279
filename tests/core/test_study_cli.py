"""`main.py export STUDY_FOLDER` and `main.py import ANN DOC` for a document in a study."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reader.core.annotations import make_highlight
from reader.core.export import export
from reader.core.refi.sent import LOCK_FILE, SENT_FILE, read_sent
from reader.core.store import load_notes, save_notes
from reader.core.study import open_study
from tests.core.test_cli import TRANSCRIPT, assert_fails_with_one_line, in_process, run


def folder_listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def study_folder(tmp_path: Path) -> Path:
    """Two interviews with a role attribute, one highlight each, study.json written."""
    folder = tmp_path / "Nacht­schichten Ü"
    folder.mkdir()
    (folder / "P1 Ana.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "P2 Ben.txt").write_text(TRANSCRIPT.replace("barnacles", "limpets"), "utf-8")
    study = open_study(folder)
    study.define_attribute("Role", "choice", ["nurse", "doctor"])
    first, second = study.interviews
    study.set_attribute(first.id, "role", "nurse")
    study.set_attribute(second.id, "role", "doctor")
    for entry, word in ((first, "barnacles"), (second, "limpets")):
        session = study.open_session(entry)
        start = session.document.text.index(word)
        session.add_highlight(
            make_highlight(session.document.text, start, start + len(word), "green")
        )
        save_notes(study.notes_path(entry), session.notes)
    study.save()
    return folder


def test_export_a_study_as_csv_writes_nothing_into_it(tmp_path: Path, study_folder: Path) -> None:
    before = folder_listing(study_folder)
    result = run(tmp_path, "export", study_folder, "--format", "csv")
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    assert [(r["interview"], r["Role"]) for r in rows] == [
        ("P1 Ana", "nurse"),
        ("P2 Ben", "doctor"),
    ]
    assert folder_listing(study_folder) == before


def test_where_filters_by_attribute_label_or_key(tmp_path: Path, study_folder: Path) -> None:
    for where in ("Role=nurse", "role=nurse"):
        result = run(tmp_path, "export", study_folder, "--format", "json", "--where", where)
        assert result.returncode == 0, result.stderr.decode()
        data = json.loads(result.stdout)
        assert [i["title"] for i in data["interviews"]] == ["P1 Ana"]


@pytest.mark.parametrize("name", ["md", "html", "csv", "json"])
def test_every_study_format_to_a_file(tmp_path: Path, study_folder: Path, name: str) -> None:
    out = tmp_path / "out" / f"study.{name}"
    out.parent.mkdir()
    result = run(tmp_path, "export", study_folder, "--format", name, "-o", out, "--color", "green")
    assert result.returncode == 0, result.stderr.decode()
    assert b"P2 Ben" in out.read_bytes()


def test_a_study_as_a_word_document(tmp_path: Path, study_folder: Path) -> None:
    from tests.core.test_export_formats import word_paragraphs

    out = tmp_path / "study.docx"
    result = run(tmp_path, "export", study_folder, "--format", "docx", "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    headings = [p.text for p in word_paragraphs(out.read_bytes()) if p.style.name == "Heading 1"]
    assert headings == ["P1 Ana", "P2 Ben"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "w3c"], "a study exports as"),
        (["--format", "csv", "--where", "Site=north"], "no attribute 'Site'"),
        # "its attributes: none" in a study without attributes of its own hid these three.
        (["--format", "csv", "--where", "Site=north"], "it has: title, participant, date"),
        (["--format", "csv", "--where", "role=janitor"], "Role is one of"),
        (["--format", "csv", "--where", "nonsense"], "KEY=VALUE"),
        # An interview's date as typed in another way matched none, and nothing was said.
        (["--format", "csv", "--where", "date=6/5/2024"], "YYYY-MM-DD, not '6/5/2024'"),
        (["--format", "csv", "--color", "mauve"], "unknown colour"),
        (["--format", "csv", "--notes", "x.json"], "keeps its own"),
        # Ignored before, even a file not there (the CLI review).
        (["--format", "qdpx", "--notes", "x.json"], "keeps its own"),
        (["--format", "qdc", "--notes", "x.json"], "keeps its own"),
        (["--format", "codebook-csv", "--notes", "x.json"], "keeps its own"),
    ],
)
def test_bad_study_export_fails_with_one_line(
    tmp_path: Path, study_folder: Path, args: list[str], message: str
) -> None:
    assert message in assert_fails_with_one_line(run(tmp_path, "export", study_folder, *args))


def test_an_interview_left_out_is_said_on_stderr(tmp_path: Path, study_folder: Path) -> None:
    study = open_study(study_folder)
    study.notes_path(study.interviews[1]).write_bytes(b"\x00 not notes")
    result = run(tmp_path, "export", study_folder, "--format", "csv")
    assert result.returncode == 0, result.stderr.decode()
    assert "not exported: “P2 Ben”: its notes cannot be read" in result.stderr.decode()
    assert b"P1 Ana" in result.stdout and b"P2 Ben" not in result.stdout


def test_where_needs_a_study(tmp_path: Path) -> None:
    result = run(tmp_path, "export", "--format", "csv", "--where", "role=nurse")
    assert "give a study folder" in assert_fails_with_one_line(result)


def test_a_path_not_there_is_said_so_with_where_too(tmp_path: Path) -> None:
    """It was blamed on --where ("give a study folder") when it was mistyped."""
    result = run(tmp_path, "export", tmp_path / "nosuch", "--format", "csv", "--where", "a=b")
    assert assert_fails_with_one_line(result).endswith("nosuch does not exist.\n")


def test_a_plain_folder_exports_as_a_study_without_study_json(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01" * 100)
    result = run(tmp_path, "export", folder, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert [i["title"] for i in json.loads(result.stdout)["interviews"]] == ["A"]
    assert not (folder / "study.json").exists()


def test_an_unreadable_study_json_is_left_in_place(tmp_path: Path, study_folder: Path) -> None:
    (study_folder / "study.json").write_bytes(b"{ not json")
    result = run(tmp_path, "export", study_folder, "--format", "csv")
    assert result.returncode == 0, result.stderr.decode()
    assert b"could not be read" in result.stderr
    assert (study_folder / "study.json").read_bytes() == b"{ not json"
    assert b"P1 Ana" in result.stdout


def test_import_into_a_study_document_uses_the_study_notes(
    tmp_path: Path, study_folder: Path
) -> None:
    study = open_study(study_folder)
    entry = study.interviews[0]
    session = study.open_session(entry)
    start = session.document.text.index("Sea grass")
    session.add_highlight(make_highlight(session.document.text, start, start + 9, "yellow"))
    annotations = tmp_path / "ann.jsonld"
    annotations.write_bytes(export(session, "w3c"))
    result = run(tmp_path, "import", annotations, study.transcript_path(entry))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"Imported 1 annotation")
    notes = load_notes(study.notes_path(entry))
    assert notes is not None
    assert sorted(h.exact for h in notes.highlights) == ["Sea grass", "barnacles"]
    assert not list((tmp_path / "xdg-data").rglob("notes/*.json"))  # not the data folder


@pytest.mark.parametrize("name", ["md", "csv", "qdpx"])
def test_export_of_a_study_document_uses_the_study_notes(
    tmp_path: Path, study_folder: Path, name: str
) -> None:
    """As the import does: the interview's highlights are in the study's notes file, and
    the data folder's (empty) notes gave an export without them. Nothing is written into
    the study but, for a .qdpx, the record of what was sent (as a study's export keeps)."""
    before = folder_listing(study_folder)
    out = tmp_path / f"p1.{name}"
    result = run(tmp_path, "export", study_folder / "P1 Ana.txt", "--format", name, "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    if name == "qdpx":
        selections = zipfile.ZipFile(out).read("project.qde").count(b"<PlainTextSelection ")
        assert selections == 1
        assert list(read_sent(study_folder)) == [open_study(study_folder).interviews[0].id]
        (study_folder / SENT_FILE).unlink()
        (study_folder / LOCK_FILE).unlink()  # one export at a time writes the record
    else:
        assert b"barnacles" in out.read_bytes()  # the quote: neither holds the whole text
    assert folder_listing(study_folder) == before
    assert not list((tmp_path / "xdg-data").rglob("notes/*.json"))  # not the data folder


def test_export_of_a_study_document_whose_notes_cannot_be_read_says_so_in_one_line(
    tmp_path: Path, study_folder: Path
) -> None:
    study = open_study(study_folder)
    entry = next(e for e in study.interviews if e.path == "P1 Ana.txt")
    notes = study.notes_path(entry)
    notes.unlink()
    notes.mkdir()  # an OSError on reading, not a format error
    result = run(tmp_path, "export", study_folder / "P1 Ana.txt", "--format", "md")
    assert "cannot read the notes file" in assert_fails_with_one_line(result)


@pytest.mark.parametrize("format_name", ["md", "qdpx"])
def test_an_interview_of_a_study_is_exported_with_one_opening_of_the_study(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    """It was opened (study.json parsed, the folder scanned) for the notes, again for the
    files -o must not write over, and a third time for a .qdpx's record (found by a
    review); the next command in the same process looks again."""
    import reader.core.study as study_module

    study = tmp_path / "study"
    study.mkdir()
    (study / "P01.txt").write_text(TRANSCRIPT, encoding="utf-8")
    open_study(study).save()
    opened: list[Path] = []
    real = study_module.open_study

    def counting(folder: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(Path(folder))
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(study_module, "open_study", counting)
    for n in (1, 2):
        out = tmp_path / f"out{n}.{format_name}"
        command = ("export", study / "P01.txt", "--format", format_name, "-o", out)
        assert in_process(monkeypatch, tmp_path, *command) == 0
        assert len(opened) == n
