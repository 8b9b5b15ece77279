"""reader/core/study_moves.py: a transcript that comes back under another name is known by
the text its interview's notes were made on."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.document import load_document
from reader.core.notes_file import NotesData
from reader.core.store import save_notes
from reader.core.study import open_study
from reader.core.study_moves import moved_transcripts


def test_only_the_same_text_is_the_missing_interviews(tmp_path: Path) -> None:
    (tmp_path / "P01.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    (tmp_path / "P02.txt").write_text("Q: When?\nA: Now.\n", encoding="utf-8")
    study = open_study(tmp_path)
    for entry in study.interviews:
        meta = load_document(study.transcript_path(entry)).meta()
        save_notes(study.notes_path(entry), NotesData(document=meta))
    (tmp_path / "P01.txt").rename(tmp_path / "P01 final.txt")
    (tmp_path / "P03.txt").write_text("Q: Who?\nA: Us.\n", encoding="utf-8")
    came = [tmp_path / "P01 final.txt", tmp_path / "P03.txt"]
    assert moved_transcripts(study, came) == {tmp_path / "P01 final.txt": study.interviews[0].id}
    # Notes that cannot say their text (damaged, none) match nothing, where the file was
    # not seen before its rename (the study was closed); neither does a file that cannot
    # be read.
    study.files_seen.clear()
    study.notes_path(study.interviews[0]).write_bytes(b"{not json")
    assert moved_transcripts(study, came) == {}
    study.notes_path(study.interviews[0]).unlink()
    (tmp_path / "P01 final.txt").write_bytes(b"\x00\x01binary")
    assert moved_transcripts(study, came) == {}


def test_a_file_seen_before_its_rename_is_its_interviews_without_notes(tmp_path: Path) -> None:
    """An interview not highlighted yet has no notes file to say its text: renamed while
    the study was open, its transcript was taken for a new one. The file is known by its
    place on the disk; a new file written where one was deleted is not it."""
    (tmp_path / "P01.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    (tmp_path / "P02.txt").write_text("Q: When?\nA: Now.\n", encoding="utf-8")
    study = open_study(tmp_path)
    first, second = study.interviews
    (tmp_path / "P01.txt").rename(tmp_path / "P01 final.txt")
    came = [tmp_path / "P01 final.txt"]
    assert moved_transcripts(study, came) == {tmp_path / "P01 final.txt": first.id}
    text = (tmp_path / "P02.txt").read_bytes()
    (tmp_path / "P02.txt").unlink()
    (tmp_path / "P02 new.txt").write_bytes(text + b"Q: More?\n")  # its inode, perhaps
    assert moved_transcripts(study, [tmp_path / "P02 new.txt"]) == {}
    assert second.id in study.files_seen


def test_the_renamed_file_is_its_interviews_not_a_copy_of_its_text(tmp_path: Path) -> None:
    """A copy of the text sorted first took the interview by its text, and the renamed file
    took it again by its place: one interview offered for two files (the day's review)."""
    (tmp_path / "P01.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    study = open_study(tmp_path)
    (entry,) = study.interviews
    meta = load_document(study.transcript_path(entry)).meta()
    save_notes(study.notes_path(entry), NotesData(document=meta))
    study.note_files()
    (tmp_path / "P01 copy.txt").write_bytes((tmp_path / "P01.txt").read_bytes())
    (tmp_path / "P01.txt").rename(tmp_path / "P01 final.txt")
    came = [tmp_path / "P01 copy.txt", tmp_path / "P01 final.txt"]
    assert moved_transcripts(study, came) == {tmp_path / "P01 final.txt": entry.id}


def _highlighted_study(folder: Path) -> None:
    """P01 with notes (made on its text), P02 without; study.json written."""
    folder.mkdir()
    (folder / "P01.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    (folder / "P02.txt").write_text("Q: When?\nA: Now.\n", encoding="utf-8")
    study = open_study(folder)
    entry = study.interviews[0]
    meta = load_document(study.transcript_path(entry)).meta()
    save_notes(study.notes_path(entry), NotesData(document=meta, notes="Kept."))
    study.save()


@pytest.mark.parametrize("study_file", ["gone", "unreadable"])
def test_a_study_found_again_joins_a_renamed_transcript_with_its_notes(
    tmp_path: Path, study_file: str
) -> None:
    """A study found again from its folder and notes (study.json deleted by a sync tool,
    or unreadable and set aside) listed a transcript renamed meanwhile twice: as a new,
    empty interview, and from its notes as missing, which Locate could not point at it
    (the lifecycle review's F2). Its notes' text is the renamed file's: one interview."""
    folder = tmp_path / "study"
    _highlighted_study(folder)
    notes_id = open_study(folder).interviews[0].id
    (folder / "P01.txt").rename(folder / "P01 Ana.txt")
    if study_file == "gone":
        (folder / "study.json").unlink()
    else:
        (folder / "study.json").write_bytes(b"{ broken")
    study = open_study(folder)
    listed = [(e.id, e.path, study.is_missing(e)) for e in study.interviews]
    assert listed[0] == (notes_id, "P01 Ana.txt", False)
    assert len(listed) == 2 and not listed[1][2]
    assert study.load_notes(notes_id).notes == "Kept."  # type: ignore[union-attr]


def test_a_study_found_again_keeps_a_deleted_transcripts_notes_listed(tmp_path: Path) -> None:
    """No file holds the notes' text: the interview stays listed as missing, and a new
    transcript of another text is not taken for it."""
    folder = tmp_path / "study"
    _highlighted_study(folder)
    (folder / "P01.txt").unlink()
    (folder / "P03.txt").write_text("Q: Who?\nA: Us.\n", encoding="utf-8")
    (folder / "study.json").unlink()
    study = open_study(folder)
    assert [(e.path, study.is_missing(e)) for e in study.interviews] == [
        ("P01.txt", True),
        ("P02.txt", False),
        ("P03.txt", False),
    ]
