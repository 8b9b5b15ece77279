"""Time links of the notes in the Markdown and HTML exports: into the recording where
the interview has one (a W3C media fragment), the time alone where it has none. In the
app they stay "#t=…" (tests/core/test_sync.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.core.annotations import make_highlight
from reader.core.document import load_document
from reader.core.export import ExportOptions
from reader.core.export.common import recording_link
from reader.core.export.html_export import export_html
from reader.core.export.markdown_export import export_markdown
from reader.core.export.study_export import StudyExportOptions, export_study
from reader.core.notes_file import RecordingRef
from reader.core.session import Session
from reader.core.store import save_notes
from reader.core.study import open_study
from reader.core.study_memo import interview_place, memo_path, write_memo
from reader.core.sync import time_link
from tests.core.test_cli import run

DATA = Path(__file__).parents[1] / "data" / "transcripts"
NOTES = f"Her mother sang {time_link(28_000)} at home.\n"


def interview(folder: Path, name: str = "rev", recording: bool = True) -> Session:
    """rev.txt copied into `folder` as `name`.txt, with a recording `name`.m4a beside it
    (or none), and a time link in its notes."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "rev.txt", folder / f"{name}.txt")
    if recording:
        (folder / f"{name}.m4a").write_bytes(b"not really sound")
    session = Session.open(load_document(folder / f"{name}.txt"), None)
    session.notes.notes = NOTES
    return session


def exported(session: Session, recording: str = "") -> tuple[str, str]:
    options = ExportOptions(recording=recording)
    return (
        export_markdown(session, options).decode("utf-8"),
        export_html(session, options).decode("utf-8"),
    )


def test_without_a_recording_a_time_link_is_exported_as_its_time(tmp_path: Path) -> None:
    session = interview(tmp_path, recording=False)
    assert recording_link(session, tmp_path / "rev.json", tmp_path / "rev.md") == ""
    markdown, page = exported(session)
    assert "Her mother sang ▶ 0:28 at home." in markdown
    assert '<p dir="auto">Her mother sang ▶ 0:28 at home.</p>' in page
    assert "#t=" not in markdown and "#t=" not in page


def test_a_time_link_leads_into_the_recording_beside_the_export(tmp_path: Path) -> None:
    session = interview(tmp_path / "interviews")
    link = recording_link(session, tmp_path / "notes" / "rev.json", tmp_path / "out" / "rev.md")
    assert link == "../interviews/rev.m4a"
    markdown, page = exported(session, link)
    assert "[▶ 0:28](../interviews/rev.m4a#t=28)" in markdown
    assert '<a href="../interviews/rev.m4a#t=28">▶ 0:28</a>' in page


def test_a_link_to_a_recording_is_a_url(tmp_path: Path) -> None:
    session = interview(tmp_path, "rev (take 2)")
    beside = recording_link(session, None, tmp_path / "rev.md")
    assert beside == "rev%20%28take%202%29.m4a"  # a Markdown link ends at neither
    assert f"[▶ 0:28]({beside}#t=28)" in exported(session, beside)[0]
    # Written to standard output, the export has no folder to be relative to.
    assert recording_link(session, None, None) == (tmp_path / "rev (take 2).m4a").as_uri()


def test_the_recording_the_notes_name_is_linked_and_for_a_missing_one_the_one_beside(
    tmp_path: Path,
) -> None:
    """As the window plays it: a missing one named gives way to the one beside the
    transcript (the folder moved); with none there, the times are left unlinked."""
    session = interview(tmp_path / "interviews")  # rev.m4a beside it, not the one named
    notes_path = tmp_path / "notes" / "rev.json"
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "ana.wav").write_bytes(b"RIFF")
    session.notes.recording = RecordingRef("../audio/ana.wav")
    assert recording_link(session, notes_path, tmp_path / "rev.md") == "audio/ana.wav"
    session.notes.recording = RecordingRef("../audio/gone.wav")
    assert recording_link(session, notes_path, tmp_path / "rev.md") == "interviews/rev.m4a"
    (tmp_path / "interviews" / "rev.m4a").unlink()
    assert recording_link(session, notes_path, tmp_path / "rev.md") == ""


def test_other_links_of_the_notes_are_left_as_they_are(tmp_path: Path) -> None:
    session = interview(tmp_path)
    session.notes.notes = "See [the guide](https://example.org/#t=3) and [x](#t=abc).\n"
    markdown = exported(session, "rev.m4a")[0]
    assert "[the guide](https://example.org/#t=3) and [x](#t=abc)." in markdown


def test_the_command_line_links_relative_to_its_output(tmp_path: Path) -> None:
    session = interview(tmp_path / "interviews")
    notes = tmp_path / "interviews" / "rev.json"
    save_notes(notes, session.notes)
    out = tmp_path / "out" / "rev.md"
    out.parent.mkdir()
    args = ("export", "--format", "md", tmp_path / "interviews" / "rev.txt", "--notes", notes)
    result = run(tmp_path, *args, "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    assert "[▶ 0:28](../interviews/rev.m4a#t=28)" in out.read_text("utf-8")


@pytest.mark.parametrize("name", ["md", "html"])
def test_each_interview_of_a_study_links_its_own_recording(tmp_path: Path, name: str) -> None:
    for transcript in ("P1.txt", "P2.txt"):
        shutil.copy(DATA / "rev.txt", tmp_path / transcript)
    (tmp_path / "P1.m4a").write_bytes(b"not really sound")
    study = open_study(tmp_path)
    for entry in study.interviews:
        session = study.open_session(entry)
        session.notes.notes = NOTES
        text = session.document.text
        start = text.index("My mother sang")
        session.notes.highlights = [make_highlight(text, start, start + 14)]
        save_notes(study.notes_path(entry), session.notes)
    options = StudyExportOptions(destination=tmp_path / "out" / f"study.{name}")
    out = export_study(study, name, options)[0].decode("utf-8")
    assert out.count("../P1.m4a#t=28") == 2  # its notes' time, its passage's
    assert out.count("▶ 0:28") == 2 and out.count("#t=") == 2


def test_a_passages_time_leads_into_the_recording_as_the_notes_times_do(
    tmp_path: Path,
) -> None:
    """The notes' times played the recording from the export; a highlighted passage's
    time beside it ("0:28") was text alone."""
    session = interview(tmp_path)
    text = session.document.text
    start = text.index("My mother sang")
    session.notes.highlights.append(make_highlight(text, start, start + len("My mother sang")))
    markdown, page = exported(session, "rev.m4a")
    assert "[0:28](rev.m4a#t=28)" in markdown
    assert '<a class="time" href="rev.m4a#t=28">0:28</a>' in page
    markdown, page = exported(session)  # no recording: its time, unlinked
    assert " · 0:28" in markdown and '<span class="time">0:28</span>' in page
    assert "#t=" not in markdown and "#t=" not in page


@pytest.mark.parametrize("name", ["md", "html"])
def test_the_study_memos_times_lead_into_their_interviews_recordings(
    tmp_path: Path, name: str
) -> None:
    """Ctrl+Shift+T in the study memo names its interview ("▶ P1, 0:28"): exported with
    the study, it was text alone, where the interviews' own notes played their recording."""
    for transcript in ("P1.txt", "P2.txt"):
        shutil.copy(DATA / "rev.txt", tmp_path / transcript)
    (tmp_path / "P1.m4a").write_bytes(b"not really sound")
    study = open_study(tmp_path)
    p1, p2 = (interview_place(entry.id) for entry in study.interviews)
    memo = f"Sang {time_link(28_000, 'P1', p1)}; {time_link(41_000, 'P2', p2)}.\n"
    write_memo(memo_path(study.folder), memo)
    options = StudyExportOptions(destination=tmp_path / "out" / f"study.{name}")
    out = export_study(study, name, options)[0].decode("utf-8")
    if name == "md":
        assert "Sang [▶ P1, 0:28](../P1.m4a#t=28); ▶ P2, 0:41." in out
    else:
        assert 'Sang <a href="../P1.m4a#t=28">▶ P1, 0:28</a>; ▶ P2, 0:41.' in out
