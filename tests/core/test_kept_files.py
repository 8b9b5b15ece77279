"""reader/core/kept_files.py: the files an export in the window never replaces."""

from __future__ import annotations

from pathlib import Path

from reader.core.document import load_document
from reader.core.kept_files import why_kept
from reader.core.notes_file import NotesData
from reader.core.store import save_notes
from reader.core.study import open_study


def test_a_studys_files_notes_and_transcripts_are_kept_other_files_are_not(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "Nights"
    folder.mkdir()
    (folder / "P01 Ana.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    study = open_study(folder)
    entry = study.interviews[0]
    save_notes(
        study.notes_path(entry), NotesData(document=load_document(folder / "P01 Ana.txt").meta())
    )
    study.save()
    (folder / "memo.md").write_text("Themes\n", encoding="utf-8")
    (tmp_path / "older export.md").write_text("# Export\n", encoding="utf-8")
    (tmp_path / "alone.txt").write_text("Q: Who?\nA: Me.\n", encoding="utf-8")
    assert why_kept(folder / "study.json") == "it is the study's own file"
    assert why_kept(folder / "memo.md") == "it is the study's own file"
    assert why_kept(study.notes_path(entry)) == "it is an interview's notes file"
    assert why_kept(folder / "P01 Ana.txt") == "it is the transcript of “P01 Ana” in the study"
    assert why_kept(tmp_path / "older export.md") == ""
    assert why_kept(tmp_path / "alone.txt") == ""  # the open one is refused by its window
    assert why_kept(tmp_path / "new name.md") == ""
    assert why_kept(tmp_path) == ""


def test_a_recording_is_kept(tmp_path: Path) -> None:
    """Export… saved as "P01.wav" (the name typed over the one suggested, "Replace?"
    answered as for last week's export) replaced the interview's recording."""
    for name in ("P01.wav", "P01 Ana.M4A", "P01.mp4"):
        (tmp_path / name).write_bytes(b"\x00")
        assert why_kept(tmp_path / name) == "it is a recording"
    assert why_kept(tmp_path / "P02.wav") == ""  # not there: nothing to replace
