"""`main.py export DIR --format qdpx|qdc`, `main.py import FILE.qdpx DIR` and
`main.py import FILE.qdc DIR`; the W3C `import` of other files is tests/core/test_import_cli.py."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from reader.core.refi.codebook_xml import CODEBOOK_NS, export_qdc
from reader.core.refi.sent import SENT_FILE, read_sent
from reader.core.study import open_study
from tests.core.test_cli import run
from tests.core.test_export_samples import BUNDLED
from tests.core.test_refi import FIXTURES, assert_valid, coded_study, study_qdpx


def test_export_a_study_as_qdpx_and_qdc(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    out = tmp_path / "out.qdpx"
    result = run(tmp_path, "export", study.folder, "--format", "qdpx", "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_bytes() == study_qdpx(open_study(study.folder))[0]
    # Into a pipe, the same bytes: a zip written straight into one has its sizes elsewhere.
    piped = run(tmp_path, "export", study.folder, "--format", "qdpx")
    assert piped.returncode == 0 and piped.stdout == out.read_bytes()
    result = run(tmp_path, "export", study.folder, "--format=qdc")
    assert result.returncode == 0 and result.stdout == export_qdc(study.codebook)
    crlf = run(tmp_path, "export", study.folder, "--format", "qdpx", "--crlf")
    with zipfile.ZipFile(io.BytesIO(crlf.stdout)) as archive:
        assert_valid(archive.read("project.qde"))
        texts = [archive.read(n) for n in archive.namelist() if n.startswith("sources/")]
    assert all(b"\r\n" in text for text in texts)


def test_export_one_interview_as_qdpx(tmp_path: Path) -> None:
    result = run(tmp_path, "export", BUNDLED, "--format", "qdpx")
    assert result.returncode == 0, result.stderr.decode()
    with zipfile.ZipFile(io.BytesIO(result.stdout)) as archive:
        assert_valid(archive.read("project.qde"))
    empty = run(tmp_path, "export", BUNDLED, "--format", "qdc")
    assert empty.returncode == 1 and b"codebook is empty" in empty.stderr


def test_one_interviews_project_says_the_highlights_not_found_in_its_text(
    tmp_path: Path,
) -> None:
    """Found by the exports review: a highlight whose words were corrected out of the
    transcript was left out of the interview's project, with its note and codes, without
    a word; the study's export names such highlights."""
    from reader.core.annotations import make_highlight
    from reader.core.document import load_document
    from reader.core.session import Session
    from reader.core.store import save_notes

    transcript, notes = tmp_path / "P1.txt", tmp_path / "notes.json"
    transcript.write_text("Q: How was it?\nA: A long night, honestly.\n", encoding="utf-8")
    document = load_document(transcript)
    session = Session.open(document, None)
    start = document.text.index("long night")
    session.add_highlight(make_highlight(document.text, start, start + 10).edited(note="Tired"))
    save_notes(notes, session.notes)
    transcript.write_text("Q: How was it?\nA: A short day, honestly.\n", encoding="utf-8")
    result = run(
        tmp_path,
        "export",
        transcript,
        "--notes",
        notes,
        "--format",
        "qdpx",
        "-o",
        tmp_path / "P1.qdpx",
    )
    assert result.returncode == 0, result.stderr.decode()
    said = result.stderr.decode()
    assert "not exported: “P1”: 1 highlight not found in the text" in said, said


def test_what_the_command_line_writes_is_recorded_as_sent_and_nothing_else(
    tmp_path: Path,
) -> None:
    study = coded_study(tmp_path / "study")
    record = study.folder / SENT_FILE
    nowhere = tmp_path / "absent" / "file" / "out.qdpx"
    (tmp_path / "absent").write_text("a file, not a folder")
    result = run(tmp_path, "export", study.folder, "--format", "qdpx", "-o", nowhere)
    assert result.returncode == 1 and not record.exists()  # not written: nothing sent
    # One interview of the study alone: the study's record keeps it, by the study's id.
    p2 = study.interviews[1]
    result = run(tmp_path, "export", study.transcript_path(p2), "--format", "qdpx")
    assert result.returncode == 0, result.stderr.decode()
    (highlight,) = study.load_notes(p2).highlights
    assert set(read_sent(study.folder)) == {p2.id} and read_sent(study.folder)[p2.id].has(
        highlight.id
    )


def main(capsys, *args: str | Path) -> tuple[int, str, str]:
    """reader.app.main in this process: (status, standard output, standard error)."""
    from reader.app import main as app_main

    status = app_main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_import_makes_a_new_study_then_the_study_gains_interviews(tmp_path: Path, capsys) -> None:
    target = tmp_path / "from-nvivo"
    status, out, err = main(capsys, "import", FIXTURES / "nvivo.qdpx", target)
    assert status == 0, err
    assert out.startswith("Imported 1 interview, 3 codes")
    assert "not imported: picture source “Ward plan”" in out
    assert [e.title for e in open_study(target).interviews] == ["Ana, night 1"]
    # The same project again: the study has its text and all its codings, and says so.
    status, out, _ = main(capsys, "import", FIXTURES / "nvivo.qdpx", target)
    assert status == 0 and out.startswith("Imported nothing new into")
    assert "“Ana, night 1”: nothing new, the study has all of it" in out
    # Another project: the existing study gains its interview and codes.
    status, out, _ = main(capsys, "import", FIXTURES / "atlas.qdpx", target)
    assert status == 0 and out.startswith("Imported 1 interview")
    study = open_study(target)
    assert len(study.interviews) == 2 and study.codebook.find("Fatigue") is not None


def test_import_a_codebook_into_a_study(tmp_path: Path, capsys) -> None:
    study = coded_study(tmp_path / "study")
    qdc = tmp_path / "codes.qdc"
    book = study.codebook.copy()
    book.create("Sleep")
    book.rename(book.find("Light").id, "Lumière")
    work = book.find("Work")
    book.update(work.id, description=f"{work.description}\n\nSupervisor: nights too.")
    qdc.write_bytes(export_qdc(book))
    status, out, err = main(capsys, "import", qdc, study.folder)
    assert status == 0, err
    assert out.startswith("Added 1 code ")
    assert "Already in the codebook: " in out
    assert "Named otherwise in the file, kept as named here: Light (“Lumière”)." in out
    assert "Memo written on in the file, its new paragraphs added: Work." in out
    book = open_study(study.folder).codebook
    assert book.find("Sleep") is not None and book.find("Lumière") is None
    assert book.find("Work").description.endswith("\n\nSupervisor: nights too.")


def test_an_import_says_what_it_did_whatever_standard_output_can_encode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Redirected to a file on Windows, standard output is cp1252: an import into "Nights
    🌙" wrote the study, then its report stopped on a traceback, exit status 1."""
    qdc = tmp_path / "codes.qdc"
    qdc.write_bytes(export_qdc(coded_study(tmp_path / "study").codebook))
    monkeypatch.setenv("PYTHONIOENCODING", "cp1252")
    result = run(tmp_path, "import", qdc, tmp_path / "Nights 🌙")
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.startswith(b"Added 3 codes to the codebook of ")
    assert b"Nights \\U0001f319." in result.stdout
    assert len(open_study(tmp_path / "Nights 🌙").codebook) == 3
    monkeypatch.setattr("sys.stdout", None)  # started with standard output closed, 1>&-
    assert main(capsys, "import", qdc, tmp_path / "Days")[0] == 0


def test_a_codebook_import_says_what_it_left_out_for_one_reason_in_one_line(
    tmp_path: Path, capsys
) -> None:
    """As the project import does (refi.left_out.grouped_lines)."""
    nameless = "".join(
        f'<Code guid="{n}2345678-1234-1234-1234-1234567890ab" name=""/>' for n in "12345"
    )
    qdc = tmp_path / "codes.qdc"
    qdc.write_text(
        f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes><Code name="Sleep"/>{nameless}</Codes></CodeBook>'
    )
    status, out, err = main(capsys, "import", qdc, tmp_path / "study")
    assert status == 0, err
    assert out.splitlines()[1:] == [
        "  not imported: 5 codes (“?”, “?”, “?” and 2 more): it has no name"
    ]


def test_import_refuses_a_study_open_in_the_app(tmp_path: Path, capsys) -> None:
    import os

    from reader.core.lock_files import study_lock
    from tests.core.test_lock_files import held_by

    study = coded_study(tmp_path / "study")
    lock = study_lock(study.folder)
    lock.write_text(held_by(os.getpid()), "utf-8")
    before = study.file.read_bytes()
    status, out, err = main(capsys, "import", FIXTURES / "atlas.qdpx", study.folder)
    assert status == 1 and out == "" and err.count("\n") == 1
    assert f"open in Interview Reader (process {os.getpid()})" in err
    assert study.file.read_bytes() == before
    lock.write_text(held_by(2**22 + 12345, "python3"), "utf-8")
    status, _, err = main(capsys, "import", FIXTURES / "atlas.qdpx", study.folder)
    assert status == 0, err  # the lock of a process that is gone (a crash) holds nothing


def test_import_of_bad_files_says_why_in_one_line(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"not a zip")
    status, _, err = main(capsys, "import", broken, tmp_path / "x")
    assert status == 1 and err.count("\n") == 1 and "not a zip archive" in err
    bad_qdc = tmp_path / "bad.qdc"
    bad_qdc.write_bytes(b"\xff\xfe<<")
    status, _, err = main(capsys, "import", bad_qdc, tmp_path / "y")
    assert status == 1 and err.count("\n") == 1 and "not valid XML" in err
    status, _, err = main(capsys, "import", tmp_path / "absent.qdpx", tmp_path / "z")
    assert status == 1 and "cannot read" in err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    status, _, err = main(capsys, "import", FIXTURES / "atlas.qdpx", tmp_path / "file")
    assert status == 1 and "is a file" in err
    others = tmp_path / "others"
    others.mkdir()
    (others / "README.md").write_text("# Read me\n", encoding="utf-8")
    for project in (FIXTURES / "atlas.qdpx", bad_qdc.with_name("good.qdc")):
        if project.suffix == ".qdc":
            project.write_bytes(export_qdc(coded_study(tmp_path / "study").codebook))
        status, out, err = main(capsys, "import", project, others)
        assert status == 1 and out == "" and err.count("\n") == 1
        assert "holds other files and is not a study" in err
    assert [p.name for p in others.iterdir()] == ["README.md"]
    assert not (tmp_path / "x").exists()


def test_import_of_w3c_annotations_is_still_the_w3c_import(tmp_path: Path, capsys) -> None:
    from reader.core.export import export
    from tests.core.test_export_samples import sample_session

    annotations = tmp_path / "a.jsonld"
    annotations.write_bytes(export(sample_session(), "w3c"))
    status, out, err = main(capsys, "import", annotations, "--notes", tmp_path / "n.json")
    assert status == 0, err
    assert out.startswith("Imported 8 annotations")
    with pytest.raises(SystemExit):  # the old command name is gone
        main(capsys, "import-qdpx", FIXTURES / "atlas.qdpx", tmp_path / "s")
    assert not (tmp_path / "s").exists()


def test_the_export_help_names_the_refi_formats(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(capsys, "export", "--help")
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--format qdpx (a project) or qdc (a codebook)" in out


def test_a_recording_beside_a_transcript_never_opened_goes_into_the_project(
    tmp_path: Path,
) -> None:
    """A folder of Zoom transcripts and their recordings, exported for a supervisor's
    NVivo before each interview was opened in the window: the recordings go too (the
    window finds one beside its transcript by itself; the export did not)."""
    from tests.core.test_refi_media import MP3, VTT

    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "P01.vtt").write_text(VTT, encoding="utf-8")
    (folder / "P01.m4a").write_bytes(MP3)
    out = tmp_path / "for-nvivo.qdpx"
    result = run(tmp_path, "export", folder, "--format", "qdpx", "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    with zipfile.ZipFile(out) as archive:
        project = archive.read("project.qde")
        assert_valid(project)
        (source,) = re.findall(rb'<AudioSource [^>]*path="internal://([^"]+)"', project)
        assert archive.read(f"sources/{source.decode()}") == MP3
    assert b"<SyncPoint" in project and b'timeStamp="1000"' in project
    assert not (folder / "notes").exists() or not list((folder / "notes").glob("*.json"))
    # QualCoder's import stopped at a source without the time it was made.
    for kind in (rb"<AudioSource ", rb"<Transcript "):
        (made,) = re.findall(kind + rb'[^>]*creationDateTime="([^"]+)"', project)
        assert re.fullmatch(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\+00:00|Z)", made)


def test_a_codebook_from_a_mac_names_a_code_with_accents_as_the_study_does(
    tmp_path: Path, capsys
) -> None:
    """NVivo on a Mac may write "Réciprocité" decomposed (e + U+0301): it was added as a
    second code that looks the same as the student's, splitting the codings in two."""
    import unicodedata

    study = coded_study(tmp_path / "study")
    book = study.writable_codebook()
    book.create("Réciprocité")
    study.save()
    decomposed = unicodedata.normalize("NFD", "Réciprocité")
    qdc = tmp_path / "supervisor.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
        f'<Codes><Code guid="8e1b5c0a-1111-4a2b-9c3d-000000000003" name="{decomposed}"'
        ' isCodable="true"/><Code guid="8e1b5c0a-1111-4a2b-9c3d-000000000004"'
        f' name="{unicodedata.normalize("NFD", "Émotions")}" isCodable="true"/></Codes>'
        "</CodeBook>",
        "utf-8",
    )
    status, out, err = main(capsys, "import", qdc, study.folder)
    assert status == 0, err
    assert "Already in the codebook: Réciprocité." in out
    names = [code.name for code in open_study(study.folder).codebook]
    assert names.count("Réciprocité") == 1 and "Émotions" in names


def test_a_project_with_a_large_recording_is_not_read_into_memory_whole(
    tmp_path: Path, capsys
) -> None:
    """An ATLAS.ti project with its videos runs to gigabytes: the import read the whole
    .qdpx into memory first (1.6 GB of memory for a 1.5 GB project), and a larger one
    than the computer's memory could not be imported. Its files are read from the zip
    on disk as they are needed, the recording copied out in pieces."""
    import tracemalloc

    from tests.core.test_refi_media import MP3, VTT

    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "P01.vtt").write_text(VTT, encoding="utf-8")
    (folder / "P01.m4a").write_bytes(MP3)
    sent = zipfile.ZipFile(io.BytesIO(study_qdpx(open_study(folder))[0]))
    large = 96 * 2**20  # above the 64 MB a transcript's reading sets aside
    project = tmp_path / "with-video.qdpx"
    with zipfile.ZipFile(project, "w") as archive:
        for info in sent.infolist():
            data = sent.read(info)
            if info.filename.endswith(".m4a"):
                data += bytes(large)  # stored, as recordings are
            archive.writestr(info, data)
    del data, sent
    tracemalloc.start()
    try:
        status, out, err = main(capsys, "import", project, tmp_path / "back")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert status == 0, err
    assert out.startswith("Imported 1 interview (1 with a recording)")
    (recording,) = (tmp_path / "back").rglob("*.m4a")
    assert recording.stat().st_size == len(MP3) + large
    assert peak < large
