"""Tests of the command line, run as `python main.py ...` the way a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader import __version__
from reader.core.annotations import make_highlight
from reader.core.codebook import codes_for_tags
from reader.core.document import load_document
from reader.core.interview import Role
from reader.core.notes_file import NotesData
from reader.core.session import Session
from reader.core.store import default_notes_path, save_notes
from reader.core.study import open_study

ROOT = Path(__file__).parents[2]
BUNDLED = ROOT / "resources" / "her-smell-interview.txt"
TRANSCRIPT = (
    "Interview with Dr. Ünal, recorded in Köln.\n\n"
    "Q: What drew you to tidal ecology? 🎬\n"
    "A: A summer job counting barnacles — “patience”.\n"
    "Q: And now?\n"
    "A: Sea grass recovery, 𠀋 and all.\n"
)


def run(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """main.py in a subprocess from the repository root, with its data folder in tmp_path."""
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
    }
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )


def export(tmp_path: Path, *args: str | Path) -> dict[str, Any]:
    result = run(tmp_path, "export", "--format", "json", *args)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    return json.loads(result.stdout)  # one object: trailing data would fail here


def assert_fails_with_one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """Non-zero exit, nothing on stdout, exactly one line (no traceback) on stderr."""
    assert result.returncode != 0
    assert result.stdout == b""
    stderr = result.stderr.decode()
    assert stderr.endswith("\n")
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("interview-reader: ")
    return stderr


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "dr-unal.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


def saved_notes(document_path: Path, notes_path: Path) -> NotesData:
    """Notes with a highlight, a role correction and a speaker rename, saved to notes_path."""
    document = load_document(document_path)
    session = Session.open(document, None)
    start = document.text.index("counting barnacles")
    highlight = make_highlight(document.text, start, start + len("counting barnacles"), "green")
    session.add_highlight(
        highlight.edited(
            note="origin story — “patience”", codes=codes_for_tags(["why"], session.notes.codebook)
        )
    )
    session.set_role(session.segments[0].start, Role.ASIDE)
    session.rename_speaker("A", "Dr. Ünal")
    session.notes.notes = "Follow up on sea grass 🌱"
    save_notes(notes_path, session.notes)
    return session.notes


# --- help and version -------------------------------------------------------------------


def test_help_exits_zero(tmp_path: Path) -> None:
    """--help describes the command and points at the export command."""
    result = run(tmp_path, "--help")
    assert result.returncode == 0
    usage = result.stdout.decode().split("\n\n")[0]  # the usage lines, before the text
    assert usage.startswith("usage: interview-reader")
    assert "interview-reader export" in usage and "interview-reader import" in usage
    export_help = run(tmp_path, "export", "--help")
    assert export_help.returncode == 0
    assert b"--format" in export_help.stdout


def test_version_exits_zero(tmp_path: Path) -> None:
    """--version prints the name and version."""
    result = run(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"Interview Reader {__version__}"


# --- export -----------------------------------------------------------------------------


def check_model(exported: dict[str, Any], document_path: Path) -> None:
    """The export describes the document and lists every paragraph in order, with its text."""
    document = load_document(document_path)
    assert exported["document"] == document.meta()
    assert set(exported["document"]) == {"title", "source", "sha256", "length"}
    segments = exported["segments"]
    assert segments
    previous_end = -1
    for seg in segments:
        assert list(seg) == ["role", "speaker", "start", "end", "text"]
        assert seg["role"] in {str(role) for role in Role}
        assert previous_end < seg["start"] < seg["end"]
        assert seg["text"] == document.text[seg["start"] : seg["end"]]
        previous_end = seg["end"]
    expected = Session.open(document, None).segments
    assert [(s["start"], s["end"]) for s in segments] == [(s.start, s.end) for s in expected]


def test_export_of_the_bundled_interview_without_notes(tmp_path: Path) -> None:
    """With no arguments the bundled interview is exported with fresh, empty notes."""
    exported = export(tmp_path)
    check_model(exported, BUNDLED)
    fresh = NotesData(document=load_document(BUNDLED).meta()).to_json()
    assert list(exported) == ["format", "version", "generator", "document", "segments"] + [
        key for key in fresh if key not in ("format", "version", "generator", "document")
    ]
    assert {k: v for k, v in exported.items() if k != "segments"} == fresh
    # Exporting only reads: no notes file appears in the data folder.
    assert not (tmp_path / "xdg-data").exists()


def test_export_holds_the_notes_file_contents(tmp_path: Path, transcript: Path) -> None:
    """The export is the notes file's object plus the segments, corrections applied."""
    notes_path = default_notes_path(transcript)  # XDG_DATA_HOME is the same as the child's
    notes = saved_notes(transcript, notes_path)
    before = notes_path.read_bytes()
    exported = export(tmp_path, transcript)
    check_model(exported, transcript)
    file_contents = json.loads(before)
    # Each exported highlight also says which segment and question it falls in.
    exported["highlights"] = [
        {k: v for k, v in h.items() if k not in ("segment", "question")}
        for h in exported["highlights"]
    ]
    assert {k: v for k, v in exported.items() if k != "segments"} == file_contents
    assert exported["highlights"][0]["note"] == "origin story — “patience”"
    assert exported["notes"] == notes.notes
    assert exported["segments"][0]["role"] == "aside"
    assert {s["speaker"] for s in exported["segments"] if s["role"] == "answer"} == {"Dr. Ünal"}
    assert notes_path.read_bytes() == before


def test_export_uses_the_notes_given_with_notes_option(tmp_path: Path, transcript: Path) -> None:
    """--notes FILE is read instead of the default notes file."""
    default = default_notes_path(transcript)
    save_notes(default, NotesData(document=load_document(transcript).meta(), notes="default"))
    chosen = tmp_path / "elsewhere" / "chosen.json"
    notes = saved_notes(transcript, chosen)
    exported = export(tmp_path, transcript, "--notes", chosen)
    assert exported["notes"] == notes.notes
    assert len(exported["highlights"]) == 1


def test_export_to_a_file_with_o(tmp_path: Path, transcript: Path) -> None:
    """-o OUT writes the same JSON to OUT and nothing to standard output."""
    out = tmp_path / "out" / "model.json"
    out.parent.mkdir()  # one not there is refused, a mistyped path made else
    result = run(tmp_path, "export", "--format", "json", transcript, "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b"" and result.stderr == b""
    written = json.loads(out.read_bytes())
    check_model(written, transcript)
    assert written == export(tmp_path, transcript)
    assert sorted(p.name for p in out.parent.iterdir()) == ["model.json"]


def test_export_output_is_utf8_without_escapes(tmp_path: Path, transcript: Path) -> None:
    """Non-ASCII text reaches stdout as UTF-8, whatever the terminal's locale."""
    result = run(tmp_path, "export", "--format", "json", transcript)
    assert "Dr. Ünal".encode() in result.stdout
    assert "🎬".encode() in result.stdout
    assert b"\\u" not in result.stdout


# --- failures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ],
    ids=["empty", "whitespace", "binary"],
)
def test_unreadable_document_fails_with_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    """An empty or binary DOCUMENT exits non-zero with one line on stderr, none on stdout."""
    path = tmp_path / "interview.txt"
    path.write_bytes(data)
    stderr = assert_fails_with_one_line(run(tmp_path, "export", "--format", "json", path))
    assert message in stderr
    assert "interview.txt" in stderr


def test_missing_document_fails_with_one_line(tmp_path: Path) -> None:
    """A DOCUMENT that does not exist is reported on one line."""
    result = run(tmp_path, "export", "--format", "json", tmp_path / "nope.txt")
    assert "does not exist" in assert_fails_with_one_line(result)


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "interview-reader-notes", "version": 1, "docu',
        b'{"format": "interview-reader-notes", "version": 1}',
        b"\xff\xfe\x00garbage",
        b'{"format": "interview-reader-notes", "version": 2}',
    ],
    ids=["truncated", "missing-keys", "binary", "newer-version"],
)
def test_bad_notes_file_fails_and_is_left_untouched(
    tmp_path: Path, transcript: Path, content: bytes
) -> None:
    """A notes file export cannot read: one line on stderr, the file byte-identical."""
    notes_path = default_notes_path(transcript)
    notes_path.parent.mkdir(parents=True)
    notes_path.write_bytes(content)
    stderr = assert_fails_with_one_line(run(tmp_path, "export", "--format", "json", transcript))
    assert "cannot read the notes file" in stderr
    assert notes_path.read_bytes() == content
    assert sorted(p.name for p in notes_path.parent.iterdir()) == [notes_path.name]


def test_notes_option_naming_a_folder_fails_with_one_line(tmp_path: Path) -> None:
    """--notes pointing at a folder is an error message, not a traceback."""
    folder = tmp_path / "notes-folder"
    folder.mkdir()
    result = run(tmp_path, "export", "--format", "json", "--notes", folder)
    assert "cannot read the notes file" in assert_fails_with_one_line(result)


def test_output_onto_a_folder_fails_with_one_line(tmp_path: Path) -> None:
    """-o naming a folder fails cleanly and leaves nothing in it."""
    folder = tmp_path / "out"
    folder.mkdir()
    result = run(tmp_path, "export", "--format", "json", "-o", folder)
    assert "cannot write" in assert_fails_with_one_line(result)
    assert list(folder.iterdir()) == []


def test_no_display_stops_with_one_clear_line(tmp_path: Path) -> None:
    """On a console with no X or Wayland, one line says what to do, not a Qt abort."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["XDG_DATA_HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "xvfb-run make run" in result.stderr
    assert "Traceback" not in result.stderr


# --- what -o and --notes may not do --------------------------------------------------------


def in_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *args: str | Path) -> int:
    """main.py's main() in this process (a subprocess each costs a second of the suite)."""
    from reader.app import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return main([str(a) for a in args])


def test_o_never_writes_over_a_file_the_export_reads(
    tmp_path: Path,
    transcript: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A mistyped -o naming the notes file replaced the notes with the export (the next
    start set them aside as unreadable), and one naming the transcript replaced it with a
    CSV; a study's files likewise. Refused, in one line, every file as it was."""
    notes = tmp_path / "notes.json"
    saved_notes(transcript, notes)
    study = tmp_path / "study"
    study.mkdir()
    (study / "P01.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (study / "P02.txt").write_text(TRANSCRIPT.replace("Sea", "Lake"), encoding="utf-8")
    open_study(study).save()
    (study / "memo.md").write_text("Memo\n", encoding="utf-8")
    kept = (transcript, notes, *sorted(study.iterdir()))
    files = {path: path.read_bytes() for path in kept if path.is_file()}
    one = study / "P01.txt"  # an interview of the study, exported alone: the study's files
    for args in (
        (transcript, "--notes", notes, "--format", "md", "-o", notes),
        (transcript, "--notes", notes, "--format", "csv", "-o", transcript),
        (transcript, "--notes", notes, "--format", "qdpx", "-o", notes),
        (study, "--format", "md", "-o", study / "P01.txt"),
        (study, "--format", "qdpx", "-o", study / "P01.txt"),
        (one, "--format", "md", "-o", study / "study.json"),
        (one, "--format", "qdpx", "-o", study / "memo.md"),
        (one, "--format", "codebook-md", "-o", study / "P02.txt"),
    ):
        assert in_process(monkeypatch, tmp_path, "export", *args) == 1
        said = capsys.readouterr().err
        assert said.endswith("is a file this export reads; give another output file.\n")
    assert {path: path.read_bytes() for path in files} == files


def test_o_never_writes_over_what_the_windows_export_never_replaces(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`-o P01.wav` (tab completion stopped at "P01.") replaced the interview's recording,
    the one file of a study that cannot be made again, with a summary or a project (which
    had just read it); `-o` naming another study's study.json or transcript replaced it.
    The window's Export refuses them (core kept_files); so does the command line now."""
    study, other = tmp_path / "study", tmp_path / "other study"
    for folder in (study, other):
        folder.mkdir()
        (folder / "P01.txt").write_text(TRANSCRIPT, encoding="utf-8")
        open_study(folder).save()
    recording = study / "P01.WAV"  # found beside its transcript
    recording.write_bytes(b"RIFF....WAVEfmt ")
    kept = [recording, other / "study.json", other / "P01.txt"]
    before = [path.read_bytes() for path in kept]
    for args, why in (
        ((study / "P01.txt", "--format", "md", "-o", recording), "it is a recording"),
        ((study, "--format", "qdpx", "-o", recording), "it is a recording"),
        ((study, "--format", "json", "-o", kept[1]), "it is the study's own file"),
        ((study, "--format", "md", "-o", kept[2]), "it is the transcript of “P01” in the study"),
    ):
        assert in_process(monkeypatch, tmp_path, "export", *args) == 1
        said = capsys.readouterr().err.splitlines()[-1]  # after "not exported: …"
        assert (
            said
            == f"interview-reader: {args[-1]} is not replaced: {why}; give another output file."
        )
    assert [path.read_bytes() for path in kept] == before


def test_a_json_export_run_again_replaces_its_earlier_output(
    tmp_path: Path,
    transcript: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`export P01.txt --format json -o P01.json` run a second time (a script, a Makefile)
    was refused: the earlier export is a notes file, one the window never replaces. The
    same interview's earlier export is replaced; another interview's notes are not."""
    out = tmp_path / "P01.json"
    for _ in range(2):
        assert (
            in_process(monkeypatch, tmp_path, "export", transcript, "--format", "json", "-o", out)
            == 0
        )
    other = tmp_path / "other.txt"
    other.write_text("Q: Other?\nA: Yes.\n", encoding="utf-8")
    before = out.read_bytes()
    assert in_process(monkeypatch, tmp_path, "export", other, "--format", "json", "-o", out) == 1
    assert "it is an interview's notes file" in capsys.readouterr().err
    assert out.read_bytes() == before
    # The interview's own notes in the data folder, with other notes given: kept.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    own = default_notes_path(transcript)
    own.parent.mkdir(parents=True)
    own.write_bytes(before)
    args = ("export", transcript, "--notes", out, "--format", "json", "-o", own)
    assert in_process(monkeypatch, tmp_path, *args) == 1
    assert "it is an interview's notes file" in capsys.readouterr().err


def test_an_empty_path_is_refused_not_read_as_the_current_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`import codes.qdc "$STUDY"` with STUDY not set made the current folder a study (an
    empty "" is Path("."), the folder the command ran in), and `export "$STUDY"` exported
    it as one: refused by the argument's parsing, naming the argument."""
    from reader.core.codebook import Codebook
    from reader.core.refi.codebook_xml import export_qdc

    book = Codebook()
    book.create("Work")
    qdc = tmp_path / "codes.qdc"
    qdc.write_bytes(export_qdc(book))
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    for args, argument in (
        (("import", qdc, ""), "folder"),
        (("export", "", "--format", "md"), "document"),
        (("export", "", "--format", "qdpx"), "path"),
        (("export", qdc, "--format", "md", "-o", ""), "-o/--output"),
        (("import", "", "--notes", "n.json"), "file"),
    ):
        with pytest.raises(SystemExit) as exited:
            in_process(monkeypatch, tmp_path, *args)
        assert exited.value.code == 2
        said = capsys.readouterr().err.splitlines()[-1]
        assert said.endswith(
            f"error: argument {argument}: an empty path (is a shell variable not set?)"
        )
    assert list(here.iterdir()) == []


def test_a_notes_file_that_is_not_there_is_a_mistyped_name(
    tmp_path: Path,
    transcript: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`export --notes notse.json` wrote an export of no highlights and said nothing."""
    missing = tmp_path / "notse.json"
    for format_ in ("md", "qdpx"):
        args = ("export", transcript, "--notes", missing, "--format", format_)
        assert in_process(monkeypatch, tmp_path, *args) == 1
        said = f"interview-reader: the notes file {missing} does not exist.\n"
        assert capsys.readouterr() == ("", said)
    assert not missing.exists()


def test_a_reader_that_stops_reading_ends_the_export_quietly(tmp_path: Path) -> None:
    """`export … | head` (the pipe closed before all was written): no traceback."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data")}
    command = [sys.executable, "main.py", "export", "--format", "json"]
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()  # before the child writes: its first write meets a closed pipe
        stderr = child.stderr.read()
    assert child.returncode == 1 and stderr == b""


def test_an_export_says_how_a_transcript_that_is_not_utf8_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window's banner says how the file was read ("as Western European (Windows-1252)
    text"); the export said nothing of it."""
    latin = tmp_path / "koeln.txt"
    latin.write_bytes(TRANSCRIPT.split("Q:")[0].encode("cp1252") + b"Q: Gr\xfc\xdf Gott?\n")
    out = tmp_path / "out.json"
    assert in_process(monkeypatch, tmp_path, "export", latin, "--format", "json", "-o", out) == 0
    assert capsys.readouterr().err == (
        "interview-reader: koeln.txt is not Unicode (UTF-8) text; it was read as Western "
        "European (Windows-1252) text. If letters look wrong, save the file as Unicode (UTF-8)"
        " and open it again.\n"
    )
    assert "Grüß Gott" in out.read_text(encoding="utf-8")


def test_o_dash_is_standard_output_and_a_folder_not_there_is_said(
    tmp_path: Path,
    transcript: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    """`-o -` wrote a file named "-", and `-o missing/dir/x.md` made the folders, a
    mistyped path as good as any."""
    monkeypatch.chdir(tmp_path)
    assert in_process(monkeypatch, tmp_path, "export", transcript, "--format", "md", "-o", "-") == 0
    assert capsysbinary.readouterr().out.startswith(b"# ")
    assert not (tmp_path / "-").exists()
    # A Word file would garble a terminal: refused there, written when redirected.
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    for args in (("--format", "docx", "-o", "-"), ("--format", "qdpx")):
        assert in_process(monkeypatch, tmp_path, "export", transcript, *args) == 1
        said = capsysbinary.readouterr()
        assert said.out == b"" and b"not text" in said.err and b"-o FILE" in said.err
    missing = tmp_path / "nowhere" / "dir" / "x.md"
    args = ("export", transcript, "--format", "md", "-o", missing)
    assert in_process(monkeypatch, tmp_path, *args) == 1
    said = capsysbinary.readouterr().err.decode()
    assert said.startswith(f"interview-reader: the folder {missing.parent} does not exist;")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_standard_output_on_a_full_disk_says_so(tmp_path: Path, transcript: Path) -> None:
    """`> out.md` on a disk that fills: the file was cut short and the command a success,
    or, with no room at all, a traceback."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CONFIG_HOME": str(tmp_path)}
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "main.py", "export", str(transcript), "--format", "md"],
            cwd=ROOT,
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "interview-reader: cannot write the export to standard output: no space left on device.\n"
    )


def test_a_folder_with_no_transcript_is_no_study_to_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped folder or one of PDFs gave an empty export, and the command succeeded
    without a word; a study.json of codes alone (a codebook made before the interviews)
    exports still."""
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    (pdfs / "P01.pdf").write_bytes(b"%PDF-1.7")
    for fmt in ("md", "codebook-csv", "qdpx"):
        out = tmp_path / f"out.{fmt}"
        assert in_process(monkeypatch, tmp_path, "export", pdfs, "--format", fmt, "-o", out) == 1
        said = capsys.readouterr().err
        assert said.startswith(f"interview-reader: {pdfs}: no transcript in this folder, only 1")
        assert not out.exists()
    codes = tmp_path / "codes"
    codes.mkdir()
    study = open_study(codes)
    study.writable_codebook().create("Work")
    study.save()
    out = tmp_path / "book.csv"
    assert (
        in_process(monkeypatch, tmp_path, "export", codes, "--format", "codebook-csv", "-o", out)
        == 0
    )
    assert "Work" in out.read_text("utf-8")


def test_a_folder_of_a_studys_transcripts_is_not_exported_as_a_study_without_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export STUDY/transcripts` (where an imported project's transcripts go; `export .`
    from there) exported each interview as one of a new study, without the notes the study
    keeps for it: "0 highlights", and the command succeeded."""
    study = tmp_path / "Nights"
    (study / "transcripts").mkdir(parents=True)
    (study / "transcripts" / "P01.txt").write_text(TRANSCRIPT, encoding="utf-8")
    opened = open_study(study)
    opened.save()
    saved_notes(study / "transcripts" / "P01.txt", opened.notes_path(opened.interviews[0]))
    for fmt in ("md", "codebook-csv", "qdpx"):
        out = tmp_path / f"out.{fmt}"
        args = ("export", study / "transcripts", "--format", fmt, "-o", out)
        assert in_process(monkeypatch, tmp_path, *args) == 1
        assert capsys.readouterr().err == (
            f"interview-reader: {study / 'transcripts'} holds interviews of the study in "
            f"{study}, which keeps their notes; give that folder.\n"
        )
        assert not out.exists()
    out = tmp_path / "out.csv"
    assert in_process(monkeypatch, tmp_path, "export", study, "--format", "csv", "-o", out) == 0
    assert "counting barnacles" in out.read_text("utf-8-sig")


def test_ctrl_c_ends_a_command_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl+C printed a traceback (of whatever was being imported then)."""
    import reader.app as app

    def interrupted(_argv: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(app, "run_export", interrupted)
    assert in_process(monkeypatch, tmp_path, "export", tmp_path, "--format", "md") == 130
    assert capsys.readouterr().err == "interview-reader: interrupted.\n"


def test_notes_of_another_transcript_still_there_are_refused(
    tmp_path: Path,
    transcript: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--notes` given the wrong file: export used them without a word, and an import
    rewrote them for this transcript, the other's highlights lost their words. The window
    asks; the command line refuses, every file as it was."""
    notes = tmp_path / "notes.json"
    saved_notes(transcript, notes)
    other = tmp_path / "other.txt"
    other.write_text(TRANSCRIPT.replace("tidal ecology", "river birds"), encoding="utf-8")
    before = notes.read_bytes()
    for args in (("export", other, "--notes", notes, "--format", "md"),):
        assert in_process(monkeypatch, tmp_path, *args) == 1
        said = capsys.readouterr().err
        assert said.startswith(f"interview-reader: {notes} holds the notes of {transcript}")
    assert notes.read_bytes() == before


def test_a_study_with_a_code_merge_unfinished_is_not_exported_half_merged(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The app killed in a code merge: an export then showed Work on the interviews not
    yet written and Care on the others. Refused, in one line, nothing written into the
    study (a window may have it open, in the middle of that change); opened in the app,
    the merge is finished and the export shows it whole."""
    from tests.core.test_code_change_record import coded_study, killed_in_a_merge

    folder = tmp_path_factory.mktemp("study")
    home = tmp_path_factory.mktemp("home")
    killed_in_a_merge(coded_study(folder), monkeypatch)
    before = sorted((p, p.read_bytes()) for p in folder.rglob("*") if p.is_file())
    refused = f"interview-reader: {folder}: a change across the study's interviews"
    for args in (
        (folder, "--format", "codebook-csv"),
        (folder, "--format", "csv"),
        (folder, "--format", "qdpx", "-o", home / "out.qdpx"),
        (folder / "P2.txt", "--format", "md"),  # one interview of the study
    ):
        assert in_process(monkeypatch, home, "export", *args) == 1
        said = capsys.readouterr()
        assert said.out == "" and said.err.startswith(refused)
        assert len(said.err.splitlines()) == 1
    assert sorted((p, p.read_bytes()) for p in folder.rglob("*") if p.is_file()) == before
    opened = open_study(folder)
    assert opened.finish_under_way()
    opened.save()
    assert in_process(monkeypatch, home, "export", folder, "--format", "codebook-csv") == 0
    book = capsys.readouterr().out
    assert "Care" in book and "Work" not in book
