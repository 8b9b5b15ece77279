"""`python main.py import FILE [DOCUMENT] [--notes NOTES]`, run as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.annotations import make_highlight
from reader.core.codebook import codes_for_tags
from reader.core.document import load_document
from reader.core.export import FORMATS, export
from reader.core.notes_file import NotesData
from reader.core.session import Session
from reader.core.store import default_notes_path, load_notes, save_notes
from tests.core.test_cli import assert_fails_with_one_line, in_process, run
from tests.core.test_export_samples import BUNDLED, ORPHAN_QUOTE, sample_notes, sample_session
from tests.core.test_no_qt import run_python


@pytest.fixture
def annotations(tmp_path: Path) -> Path:
    """The sample highlights exported as W3C Web Annotations."""
    path = tmp_path / "her-smell.jsonld"
    path.write_bytes(export(sample_session(), "w3c"))
    return path


def test_import_into_a_new_notes_file(tmp_path: Path, annotations: Path) -> None:
    notes_path = tmp_path / "notes.json"
    result = run(tmp_path, "import", annotations, "--notes", notes_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    assert result.stdout == b"Imported 8 annotations (0 already present, 1 not found in the text)\n"
    notes = load_notes(notes_path)
    assert notes is not None
    original = {h.id: h for h in sample_notes(load_document(BUNDLED)).highlights}
    assert len(notes.highlights) == 8
    for h in notes.highlights:
        o = original[h.id]
        assert (h.exact, h.color, h.note, h.codes, h.orphan) == (
            o.exact,
            o.color,
            o.note,
            o.codes,
            o.orphan,
        )
        if not h.orphan:
            assert (h.start, h.end) == (o.start, o.end)
    assert [h.exact for h in notes.highlights if h.orphan] == [ORPHAN_QUOTE]


def test_import_twice_adds_nothing_and_leaves_the_file(tmp_path: Path, annotations: Path) -> None:
    notes_path = tmp_path / "notes.json"
    assert run(tmp_path, "import", annotations, "--notes", notes_path).returncode == 0
    before = notes_path.read_bytes()
    again = run(tmp_path, "import", annotations, "--notes", notes_path)
    assert again.returncode == 0, again.stderr.decode()
    assert again.stdout == b"Imported 0 annotations (8 already present, 0 not found in the text)\n"
    assert notes_path.read_bytes() == before


def test_import_keeps_what_the_notes_file_had(tmp_path: Path, annotations: Path) -> None:
    """Research notes and existing highlights stay; the default notes path is used."""
    document = load_document(BUNDLED)
    session = Session.open(document, NotesData(document=document.meta(), notes="mine"))
    notes_path = default_notes_path(BUNDLED)  # XDG_DATA_HOME is the same as the child's
    save_notes(notes_path, session.notes)
    result = run(tmp_path, "import", annotations, BUNDLED)
    assert result.returncode == 0, result.stderr.decode()
    notes = load_notes(notes_path)
    assert notes is not None
    assert notes.notes == "mine"
    assert len(notes.highlights) == 8


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "interview-reader-notes", "version": 2}',
        b'{"format": "interview-reader-notes", "version": 1, "docu',
    ],
    ids=["newer-version", "truncated"],
)
def test_unreadable_notes_file_is_refused_and_untouched(
    tmp_path: Path, annotations: Path, content: bytes
) -> None:
    notes_path = tmp_path / "notes" / "notes.json"
    notes_path.parent.mkdir()
    notes_path.write_bytes(content)
    stderr = assert_fails_with_one_line(run(tmp_path, "import", annotations, "--notes", notes_path))
    assert "cannot read the notes file" in stderr
    assert notes_path.read_bytes() == content
    assert [p.name for p in notes_path.parent.iterdir()] == ["notes.json"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json at all", "not valid JSON"),
        (b'{"format": "interview-reader-notes", "version": 1}', "no W3C Web Annotations"),
    ],
)
def test_bad_annotation_file_fails_with_one_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_bytes(content)
    notes_path = tmp_path / "notes.json"
    stderr = assert_fails_with_one_line(run(tmp_path, "import", bad, "--notes", notes_path))
    assert message in stderr and "bad.jsonld" in stderr
    assert not notes_path.exists()


def test_annotations_of_another_interview_are_not_put_into_the_bundled_one(
    tmp_path: Path,
) -> None:
    """Found by the exports review: `import P1.jsonld` without the interview added every
    annotation to the bundled interview's notes, each "not found in the text"."""
    transcript = tmp_path / "P1.txt"
    transcript.write_text("Q: How was it?\nA: A long night, honestly.\n", encoding="utf-8")
    document = load_document(transcript)
    session = Session.open(document, None)
    start = document.text.index("long night")
    session.add_highlight(make_highlight(document.text, start, start + 10))
    theirs = tmp_path / "P1.jsonld"
    theirs.write_bytes(export(session, "w3c"))
    notes_path = tmp_path / "bundled notes.json"
    said = assert_fails_with_one_line(run(tmp_path, "import", theirs, "--notes", notes_path))
    assert "none of the annotations" in said and "import FILE INTERVIEW" in said
    assert not notes_path.exists()
    result = run(tmp_path, "import", theirs, transcript)
    assert result.returncode == 0 and b"Imported 1 annotation" in result.stdout


def test_notes_in_a_folder_not_there_are_refused_not_made(
    tmp_path: Path, annotations: Path
) -> None:
    """`--notes ~/reserach/notes.json`, mistyped, made the folders and imported into a new
    notes file there, saying it had; the interview's notes never had them (as -o of an
    export: a folder not there is said)."""
    notes_path = tmp_path / "nowhere" / "dir" / "notes.json"
    said = assert_fails_with_one_line(run(tmp_path, "import", annotations, "--notes", notes_path))
    assert said == (
        f"interview-reader: the folder {notes_path.parent} does not exist; make it, or give "
        "another --notes.\n"
    )
    assert not (tmp_path / "nowhere").exists()


def test_tags_imported_into_an_interview_of_a_study_are_codes_of_the_study(
    tmp_path: Path,
) -> None:
    """`import P1.jsonld STUDY/P1.txt` made the annotations' tags codes of P1's notes
    alone: study.json had none of them (nor the Codebook, a codebook export or --tag) until
    P1 was opened in the window, as File ▸ Import ▸ W3C Annotations… now adds them."""
    from reader.core.study import open_study

    study = tmp_path / "Nights"
    study.mkdir()
    transcript = study / "P1.txt"
    transcript.write_text("Q: How was it?\nA: A long night, honestly.\n", encoding="utf-8")
    open_study(study).save()
    session = Session.open(load_document(transcript), None)
    start = session.document.text.index("long night")
    tagged = make_highlight(session.document.text, start, start + 10)
    session.add_highlight(tagged.edited(codes=codes_for_tags(["Fatigue"], session.notes.codebook)))
    annotations = tmp_path / "P1.jsonld"
    annotations.write_bytes(export(session, "w3c"))
    result = run(tmp_path, "import", annotations, transcript)
    assert (result.returncode, result.stderr) == (0, b""), result.stderr.decode()
    opened = open_study(study, touch_disk=False)
    assert [c.name for c in opened.codebook] == ["Fatigue"]
    notes = opened.load_notes(opened.interviews[0])
    assert notes is not None and notes.highlights[0].codes == (opened.codebook.codes[0].id,)


def test_tags_imported_with_the_studys_notes_file_named_relative_are_codes_of_the_study(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`import P1.jsonld Nights/P1.txt --notes Nights/notes/p1-….json` (the study's own
    notes file, named from the folder above) left the tags codes of P1's notes alone: the
    path given was not compared as the study's, spelt absolute."""
    from reader.core.study import open_study
    from tests.core.test_cli import in_process

    study = tmp_path / "Nights"
    study.mkdir()
    transcript = study / "P1.txt"
    transcript.write_text("Q: How was it?\nA: A long night, honestly.\n", encoding="utf-8")
    opened = open_study(study)
    opened.save()
    notes_path = opened.notes_path(opened.interviews[0])
    notes_path.parent.mkdir()
    session = Session.open(load_document(transcript), None)
    start = session.document.text.index("long night")
    tagged = make_highlight(session.document.text, start, start + 10)
    session.add_highlight(tagged.edited(codes=codes_for_tags(["Fatigue"], session.notes.codebook)))
    (tmp_path / "P1.jsonld").write_bytes(export(session, "w3c"))
    monkeypatch.chdir(tmp_path)
    notes = notes_path.relative_to(tmp_path)
    args = ("import", "P1.jsonld", "Nights/P1.txt", "--notes", notes)
    assert in_process(monkeypatch, tmp_path, *args) == 0
    assert [c.name for c in open_study(study, touch_disk=False).codebook] == ["Fatigue"]


def test_missing_annotation_file_fails_with_one_line(tmp_path: Path) -> None:
    result = run(tmp_path, "import", tmp_path / "nope.jsonld", "--notes", tmp_path / "n.json")
    assert "cannot read" in assert_fails_with_one_line(result)


def test_import_help(tmp_path: Path) -> None:
    result = run(tmp_path, "import", "--help")
    assert result.returncode == 0
    assert b"usage: interview-reader import" in result.stdout
    assert b"import" in run(tmp_path, "--help").stdout


def test_cli_import_does_not_import_qt(tmp_path: Path, annotations: Path) -> None:
    """reader.app.main(["import", ...]) works without PySide6 in sys.modules."""
    notes_path = tmp_path / "notes.json"
    result = run_python(
        f"""
        import sys
        from reader.app import main
        code = main(["import", {str(annotations)!r}, "--notes", {str(notes_path)!r}])
        print(code, "PySide6" in sys.modules, "shiboken6" in sys.modules)
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["0", "False", "False"]
    assert notes_path.exists()


def test_cli_export_of_every_format_does_not_import_qt(tmp_path: Path) -> None:
    result = run_python(
        f"""
        import sys
        from reader.app import main
        from reader.core.export import FORMATS
        codes = [main(["export", "--format", name, "-o", {str(tmp_path)!r} + "/x." + name])
                 for name in FORMATS]
        print(*codes, "PySide6" in sys.modules, "shiboken6" in sys.modules)
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0"] * len(FORMATS) + ["False", "False"]


@pytest.mark.permissions
def test_import_into_a_folder_that_cannot_be_written_fails_with_one_line(
    tmp_path: Path, annotations: Path
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    notes_path = folder / "notes.json"
    folder.chmod(0o555)
    try:
        stderr = assert_fails_with_one_line(
            run(tmp_path, "import", annotations, "--notes", notes_path)
        )
    finally:
        folder.chmod(0o755)
    assert "cannot write the notes file" in stderr and "permission denied" in stderr
    assert list(folder.iterdir()) == []


def test_import_refuses_notes_a_running_window_has_open(tmp_path: Path, annotations: Path) -> None:
    import os

    from reader.core.lock_files import notes_lock
    from tests.core.test_lock_files import held_by

    notes_path = tmp_path / "notes.json"
    lock = notes_lock(notes_path)
    lock.write_text(held_by(os.getpid()), "utf-8")
    stderr = assert_fails_with_one_line(run(tmp_path, "import", annotations, "--notes", notes_path))
    assert f"open in Interview Reader (process {os.getpid()})" in stderr
    assert "File ▸ Import ▸ W3C Annotations" in stderr
    assert not notes_path.exists()
    lock.write_text(held_by(2**22 + 12345, "python3"), "utf-8")
    result = run(tmp_path, "import", annotations, "--notes", notes_path)
    assert result.returncode == 0, result.stderr.decode()  # a crashed app's lock holds nothing
    assert notes_path.exists()


def test_a_file_whose_bytes_are_not_utf8_is_said_to_be_no_text(tmp_path: Path) -> None:
    """orjson's "str is not valid UTF-8: surrogates not allowed" said nothing to a user."""
    from reader.core.importer import AnnotationImportError, import_w3c

    session = Session.open(load_document(BUNDLED), None)
    with pytest.raises(AnnotationImportError, match=r"not valid JSON \(its bytes are not UTF-8"):
        import_w3c(session, b'{"type": "Annotation", "bodyValue": "caf\xe9"}')  # cp1252


@pytest.mark.parametrize("name", ["P01.docx", "P01.vtt", "P01.txt"])
def test_a_transcript_given_to_import_says_how_to_open_or_add_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    """Found by a new user bringing a transcript into a study with `import P01.docx STUDY`:
    a .docx was refused as a REFI-QDA project that "holds no project (.qde) file", a .vtt
    or .txt as "not valid JSON", and the study was not named. It is said to be a
    transcript, with how to open it or make it one of a study's interviews."""
    transcript = tmp_path / name
    transcript.write_bytes(b"PK\x03\x04" if name.endswith(".docx") else b"Q: Hi?\nA: Hello.\n")
    study = tmp_path / "study"
    assert in_process(monkeypatch, tmp_path, "import", transcript, study) == 1
    said = capsys.readouterr().err
    assert said.startswith(f"interview-reader: {transcript} is a transcript, not annotations")
    assert f"open it with 'interview-reader {transcript}'" in said and "study's folder" in said
    assert not study.exists()
