"""Tests of the study model: opening a folder, the operations on interviews and
attributes, saving, outside changes, headers, and bad input."""

from __future__ import annotations

import os
import shutil
import unicodedata
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.annotations import NO_COLOR, make_highlight, shows_nothing
from reader.core.codebook import codes_for_tags
from reader.core.document import DocumentError, load_document
from reader.core.notes_file import VERSION as NOTES_VERSION
from reader.core.notes_file import NotesData
from reader.core.read_only import ReadOnly
from reader.core.store import save_notes
from reader.core.study import Rewritten, Study, StudyError, open_study, study_of
from reader.core.study_file import StudyData, serialise
from reader.core.study_headers import (
    NotesCounts,
    headers,
    load_read_positions,
    read_positions_path,
    save_read_positions,
)
from reader.core.study_places import FILE_NAME
from reader.core.study_scan import MAX_TRANSCRIPTS

TEXT = "Q: Where did you train?\nA: In Lyon, at the café by the hospital. 🎬\n"


def write(path: Path, text: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "Night shifts"
    write(root / "P10.txt")
    write(root / "P2.md", "# Ana at the ward\n\n" + TEXT)
    write(root / "sub" / "P3.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ana>Hello</v>\n")
    write(root / "readme.pdf", "not a transcript suffix")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 50)
    write(root / ".hidden.txt")
    return root


def study_with_notes(folder: Path) -> Study:
    study = open_study(folder)
    session = study.open_session(study.interviews[0])
    text = session.document.text
    start = text.index("Lyon")
    session.add_highlight(make_highlight(text, start, start + 4).edited(note="city"))
    session.add_highlight(make_highlight(text, 0, 5))
    session.notes.notes = "Research notes"
    save_notes(study.notes_path(study.interviews[0]), session.notes)
    study.save()
    return study


# --- a folder becomes a study -------------------------------------------------------------


def test_many_files_skipped_for_one_reason_are_said_in_one_line(tmp_path: Path) -> None:
    """A folder of forty scanned pages gives one line, not forty, in the banner and on
    the command line; a few are still named one by one."""
    (tmp_path / "P1.txt").write_text("Q: Hi?\nA: Hello.\n", encoding="utf-8")
    for n in range(1, 41):
        (tmp_path / f"scan {n}.txt").write_bytes(b"\x89PNG\x00\x01" * 50)
    for n in range(1, 3):
        (tmp_path / f"blank {n}.txt").write_bytes(b"")
    study = open_study(tmp_path)
    assert [e.path for e in study.interviews] == ["P1.txt"]
    binary = "it looks like a binary file, not a text interview"
    assert study.warnings == [
        "blank 1.txt was skipped: it is empty.",
        "blank 2.txt was skipped: it is empty.",
        f"40 files were skipped (scan 1.txt, scan 2.txt, scan 3.txt, …): {binary}.",
    ]


def test_folder_of_transcripts_becomes_a_study_in_natural_order(folder: Path) -> None:
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    study = open_study(folder)
    assert study.data.title == "Night shifts"
    assert [e.path for e in study.interviews] == ["P2.md", "P10.txt", "sub/P3.vtt"]
    assert [e.title for e in study.interviews] == ["P2", "P10", "P3"]
    assert any("image.txt was skipped" in w and "binary" in w for w in study.warnings)
    assert not study.file.exists()  # opening never writes
    study.save()
    assert study.file.exists()
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p != study.file}
    assert after == before  # transcripts never moved or changed


def test_saved_study_opens_again_the_same(folder: Path) -> None:
    study = open_study(folder)
    study.define_attribute("Role", "choice", ["nurse", "doctor"])
    study.set_attribute(study.interviews[0].id, "role", "nurse")
    study.save()
    again = open_study(folder)
    assert again.data == study.data and not again.warnings


def test_a_study_folder_renamed_while_open_is_not_made_again_by_save(folder: Path) -> None:
    study = open_study(folder)
    study.save()
    renamed = folder.with_name("renamed")
    folder.rename(renamed)
    with pytest.raises(FileNotFoundError) as raised:
        study.save()
    assert raised.value.filename == str(folder) and not folder.exists()
    renamed.rename(folder)  # put back: saving works again
    study.save()


def test_empty_folder_is_an_empty_study(tmp_path: Path) -> None:
    study = open_study(tmp_path)
    assert study.interviews == [] and study.warnings == []


def test_not_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StudyError, match="not a folder"):
        open_study(write(tmp_path / "x.txt"))


def test_notes_and_study_files_are_not_taken_for_transcripts(folder: Path) -> None:
    study = study_with_notes(folder)
    (folder / "study.sync-conflict-20240101-120000-ABC.json").write_bytes(study.file.read_bytes())
    added, report = study.add_folder(folder)
    assert added == [] and not report.skipped[1:]  # only the PNG
    assert all(not e.path.startswith("notes/") for e in study.interviews)


def test_a_folder_of_ten_thousand_files_is_capped_and_says_so(tmp_path: Path) -> None:
    for i in range(MAX_TRANSCRIPTS + 50):
        (tmp_path / f"t{i}.txt").write_text("Q: hi?\nA: yes\n", encoding="utf-8")
    for i in range(10_000 - MAX_TRANSCRIPTS - 50):
        (tmp_path / f"x{i}.dat").write_bytes(b"x")
    study = open_study(tmp_path)
    assert len(study.interviews) == MAX_TRANSCRIPTS
    assert any("only the first 1,000" in w for w in study.warnings)
    assert study.interviews[0].path == "t0.txt" and study.interviews[10].path == "t10.txt"


# --- operations on interviews --------------------------------------------------------------


def test_the_same_file_twice_is_refused_by_resolved_path(folder: Path) -> None:
    study = open_study(folder)
    with pytest.raises(StudyError, match="in the study already"):
        study.add_interview(folder / "sub" / ".." / "P10.txt")
    os.symlink(folder / "P10.txt", folder / "link.txt")
    with pytest.raises(StudyError, match="in the study already, as “P10”"):
        study.add_interview(folder / "link.txt")


def test_binary_and_missing_files_are_refused(folder: Path, tmp_path: Path) -> None:
    study = open_study(folder)
    with pytest.raises(StudyError, match=r"image\.txt cannot be added: .*binary"):
        study.add_interview(folder / "image.txt")
    with pytest.raises(StudyError, match="not a file"):
        study.add_interview(tmp_path / "nope.txt")
    with pytest.raises(StudyError, match="empty"):
        study.add_interview(write(tmp_path / "empty.txt", "  \n"))


def test_a_transcript_outside_the_folder_is_stored_relative(folder: Path, tmp_path: Path) -> None:
    outside = write(
        tmp_path / "elsewhere" / "P9 Ünal.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi\n"
    )
    study = open_study(folder)
    entry = study.add_interview(outside)
    assert entry.path == "../elsewhere/P9 Ünal.srt"
    assert study.transcript_path(entry) == outside
    assert not study.is_missing(entry)


def test_rename_reorder_and_update_with_undo(folder: Path) -> None:
    study = open_study(folder)
    first, second, third = (e.id for e in study.interviews)
    old = study.rename_interview(first, "  Ana  ")
    assert study.interview(first).title == "Ana"
    study.undo_entry_change(old, study.interview(first))
    assert study.interview(first).title == "P2"
    with pytest.raises(StudyError, match="needs a title"):
        study.rename_interview(first, " ")
    assert study.move_interview(third, 0) == 2
    assert [e.id for e in study.interviews] == [third, first, second]
    study.move_interview(third, 99)
    assert [e.id for e in study.interviews] == [first, second, third]
    study.update_interview(first, participant="Ana Ünal", date="2024-03-01")
    assert study.interview(first).date == "2024-03-01"
    with pytest.raises(StudyError, match="YYYY-MM-DD"):
        study.update_interview(first, date="1 March")


def test_an_undo_takes_back_only_what_its_change_changed(folder: Path) -> None:
    """The participant may change meanwhile in another undo history (following a speaker
    renamed in the interview's): an undo of the study's own change leaves it."""
    study = open_study(folder)
    first = study.interviews[0].id
    study.define_attribute("Role", "choice", ["nurse", "doctor"])
    study.update_interview(first, participant="Ana")
    old = study.set_attribute(first, "role", "nurse")
    new = study.interview(first)
    assert study.follow_speaker(first, "Ana", "Ana Ünal")
    assert not study.follow_speaker(first, "Ana", "Anna")  # not "Ana" any more: it stays
    study.undo_entry_change(old, new)
    assert (study.interview(first).participant, study.interview(first).attributes) == (
        "Ana Ünal",
        {},
    )


def test_speakers_corrected_across_the_study_pass_over_a_file_changed_since(
    folder: Path,
) -> None:
    from reader.core.interview import Role
    from reader.core.speaker_rename import SpeakerCorrection
    from reader.core.store import load_notes, save_notes

    study = open_study(folder)
    first, second, _ = (e.id for e in study.interviews)
    renamed: tuple[dict[str, str], dict[str, Role]] = ({"A": "Ana"}, {})
    meta = {i: study.open_session(i).document.meta() for i in (first, second)}
    changes = [SpeakerCorrection(i, meta[i], ({}, {}), renamed) for i in (first, second)]
    assert study.correct_speakers(changes) == []
    assert load_notes(study.notes_path(first)).speakers == {"A": "Ana"}
    changed = load_notes(study.notes_path(second))
    changed.speakers = {"A": "Anna"}  # by the interview's own history, since
    save_notes(study.notes_path(second), changed)
    assert study.correct_speakers(changes, back=True) == [second]
    assert load_notes(study.notes_path(first)).speakers == {}
    assert load_notes(study.notes_path(second)).speakers == {"A": "Anna"}


def test_remove_keeps_transcript_and_notes_and_readding_finds_the_notes(folder: Path) -> None:
    study = study_with_notes(folder)
    entry = study.interviews[0]
    notes_path = study.notes_path(entry)
    index, removed = study.remove_interview(entry.id)
    assert (folder / entry.path).exists() and notes_path.exists()
    study.restore_interview(index, removed)
    assert study.interviews[0] == entry
    study.remove_interview(entry.id)
    again = study.add_interview(folder / entry.path)
    assert again.id == entry.id  # the same path gives the same id: its notes come back
    assert len(study.open_session(again).notes.highlights) == 2


def test_a_missing_transcript_keeps_its_notes_and_can_be_relocated(folder: Path) -> None:
    study = study_with_notes(folder)
    entry = study.interviews[0]
    moved = folder / "moved" / "P2 renamed.md"
    moved.parent.mkdir()
    os.replace(folder / entry.path, moved)
    study = open_study(folder)
    assert study.is_missing(entry.id)
    with pytest.raises(DocumentError):
        study.open_session(entry.id)
    orphaned = study.notes_only_session(entry.id)
    assert [h.exact for h in orphaned.notes.highlights] == ["Ana a", "Lyon"]  # .md rendered
    header = headers(study)[0]
    assert header.missing and header.highlights == 2
    # The way out said (a renamed transcript added again as a new, empty interview).
    with pytest.raises(StudyError, match="in the study already, as “P10”; remove “P10”"):
        study.relocate(entry.id, folder / "P10.txt")
    for name, content in (("picture.txt", b"\x89PNG\x00\x01" * 100), ("blank.txt", b"")):
        (folder / "moved" / name).write_bytes(content)
        with pytest.raises(StudyError, match=f"{name} cannot be the transcript"):
            study.relocate(entry.id, folder / "moved" / name)
        assert study.interview(entry.id).path == "P2.md"
    old = study.relocate(entry.id, moved)
    assert old.path == "P2.md" and study.interview(entry.id).path == "moved/P2 renamed.md"
    assert len(study.open_session(entry.id).notes.highlights) == 2


# --- attributes ----------------------------------------------------------------------------


def test_attributes_define_set_rename_and_remove(folder: Path) -> None:
    study = open_study(folder)
    first = study.interviews[0].id
    role = study.define_attribute("Role", "choice", ["nurse", " doctor ", "nurse"])
    assert role.options == ("nurse", "doctor")
    age = study.define_attribute("Age", "number")
    study.define_attribute("Consent", "date")
    with pytest.raises(StudyError, match="already"):
        study.define_attribute("role", "text")
    with pytest.raises(StudyError, match="one of"):
        study.define_attribute("Height", "float")
    study.set_attribute(first, "role", "nurse")
    study.set_attribute(first, age.key, "34")
    with pytest.raises(StudyError, match="Age takes a number"):
        study.set_attribute(first, age.key, "thirty")
    with pytest.raises(StudyError, match="Role is one of"):
        study.set_attribute(first, "role", "pilot")
    with pytest.raises(StudyError, match="YYYY-MM-DD"):
        study.set_attribute(first, "consent", "yesterday")
    assert study.interview(first).attributes == {"role": "nurse", "age": 34}
    study.set_attribute(first, age.key, "")
    assert study.interview(first).attributes == {"role": "nurse"}
    study.rename_attribute("role", "Job")
    assert study.attribute("role").label == "Job"
    assert study.interview(first).attributes == {"role": "nurse"}
    with pytest.raises(StudyError, match=r"^1 interview \(P2\) has a Job that is no longer"):
        study.set_attribute_options("role", ["doctor"])
    study.set_attribute_options("role", ["nurse", "doctor", "porter"])
    before = replace(study.interview(first), modified="2026-01-05T09:00:00Z")  # last week
    study.data.interviews[study.index_of(first)] = before
    removed = study.remove_attribute("role")
    assert study.interview(first).attributes == {}
    study.restore_attribute(*removed)
    # As it was, its time too: an undo's newer time made an old entry win a merge.
    assert study.interview(first) == before
    # Choices respelt ("nurse" now "Nurse"): the values follow, and back with an undo, with
    # their time (found by the undo review).
    changed = study.change_attribute("role", "Job", ["Nurse", "doctor", "porter"])
    assert study.interview(first).attributes == {"role": "Nurse"}
    assert study.interview(first).modified != before.modified
    study.undo_attribute_change(changed, study.attribute("role"))
    assert study.interview(first) == before
    assert [e.id for e in study.matching({"role": {"nurse"}})] == [first]
    assert len(study.matching({})) == 3
    ward = study.define_attribute("Ward", "text")
    study.set_attribute(first, ward.key, "North Wing")
    typed = study.filters_from([("ward", "north wing")])  # as typed after --where
    assert [e.id for e in study.matching(typed)] == [first]


def test_undo_of_remove_attribute_passes_over_an_interview_taken_out_since(
    folder: Path,
) -> None:
    """Remove Attribute, a colleague's study.json merged taking an interview out, then
    Undo: refused, "The study has no interview …", with the attribute put back half (its
    column, and the values of the interviews before that one), so that no Undo brought
    the other interviews' values back. They come back now, the one gone passed over."""
    study = open_study(folder)
    study.define_attribute("Site", "text")
    for entry in study.interviews:
        study.set_attribute(entry.id, "site", f"Ward {entry.title}")
    before = list(study.interviews)
    removed = study.remove_attribute("site")
    study.remove_interview(before[1].id)  # as merging the colleague's file does
    study.restore_attribute(*removed)
    assert study.interviews == [before[0], before[2]]


def with_sites(folder: Path) -> tuple[Study, dict[str, Any]]:
    """The study with a Site for each interview, saved, and its study.json as read then
    (a colleague's copy to merge in later)."""
    study = open_study(folder)
    study.define_attribute("Site", "text")
    for entry in study.interviews:
        study.set_attribute(entry.id, "site", f"Ward {entry.title}")
    study.save()
    return study, orjson.loads(study.file.read_bytes())


def test_undo_of_remove_attribute_kept_since_by_a_colleague_puts_it_in_once(
    folder: Path,
) -> None:
    """Remove Attribute, a colleague's study.json merged in that still had it (relabelled),
    then Undo: the attribute was put in a second time, and study.json saved so was set
    aside on the next opening ("two attributes have the same key"). It is there once now,
    as the colleague left it, the values the merge did not bring back put back."""
    study, theirs = with_sites(folder)
    removed = study.remove_attribute("site")
    study.save()
    theirs["attributes"][0]["label"] = "Ward site"
    del theirs["interviews"][1]["attributes"]["site"]
    study.merge_copy(orjson.dumps(theirs), made_from_disk=False)
    study.restore_attribute(*removed)
    assert [(a.key, a.label) for a in study.data.attributes] == [("site", "Ward site")]
    assert [e.attributes for e in study.interviews] == [
        {"site": f"Ward {e.title}"} for e in study.interviews
    ]
    study.save()
    assert open_study(folder).data.attributes == study.data.attributes


def test_undo_of_remove_interview_leaves_out_an_attribute_taken_out_since(
    folder: Path,
) -> None:
    """Remove an interview, a colleague's study.json merged in without an attribute, then
    Undo: the interview came back with its value of that attribute, and study.json saved
    so was set aside on its next opening ("a value for the undefined attribute")."""
    study, theirs = with_sites(folder)
    removed = study.remove_interview(study.interviews[1].id)
    theirs["attributes"] = []
    for entry in theirs["interviews"]:
        entry["attributes"] = {}
        entry["modified"] = "2030-01-01T00:00:00Z"
    del theirs["interviews"][1]
    study.file.write_bytes(orjson.dumps(theirs))
    study.merge_from_disk()
    study.restore_interview(*removed)
    assert study.interview(removed[1].id).attributes == {}
    study.save()
    assert [e.id for e in open_study(folder).interviews] == [e.id for e in study.interviews]


def test_undo_of_adding_passes_over_an_interview_taken_out_since(folder: Path) -> None:
    """Three transcripts added, a colleague's study.json merged taking the second out,
    then Undo: refused ("The study has no interview …") after the first was taken out,
    the third left in the study with no Undo to take it out. All those left go now."""
    study = open_study(folder)
    listed = list(study.interviews)
    paths = [write(folder / "later" / f"P{n}.txt") for n in (20, 21, 22)]
    added, _ = study.add_paths(paths)
    study.remove_interview(added[1].id)  # as merging the colleague's file does
    study.undo_add([entry.id for entry in added])
    assert study.interviews == listed


def test_a_path_written_with_backslashes_is_found(folder: Path) -> None:
    """study.json edited on Windows, "sub\\P3.vtt" typed for a transcript, opened on a Mac
    or Linux: the interview was missing though its file was there, and Add Folder made
    a twin of it, empty of its notes."""
    study = open_study(folder)
    study.save()
    data = orjson.loads(study.file.read_bytes())
    (entry,) = [i for i in data["interviews"] if i["path"] == "sub/P3.vtt"]
    entry["path"] = "sub\\P3.vtt"
    study.file.write_bytes(orjson.dumps(data))
    study = open_study(folder)
    assert not study.is_missing(entry["id"])
    assert study.transcript_path(entry["id"]) == folder / "sub" / "P3.vtt"
    assert study.add_folder(folder)[0] == []


def test_a_choice_typed_over_in_change_attribute_is_renamed(folder: Path) -> None:
    """Change Attribute…, the line "Nurse" typed over as "Registered nurse": refused, "1
    interview (…) has a Role that is no longer a choice; change those first", and no
    interview could be given "Registered nurse", not yet a choice. The values follow now,
    and back with Undo; a choice taken out while in use is still refused."""
    study = open_study(folder)
    study.define_attribute("Role", "choice", ["Nurse", "Doctor", "Porter"])
    first, second = study.interviews[0].id, study.interviews[1].id
    study.set_attribute(first, "role", "Nurse")
    study.set_attribute(second, "role", "Doctor")
    changed = study.change_attribute("role", "Role", ["Registered nurse", "Doctor", "Porter"])
    assert study.interview(first).attributes == {"role": "Registered nurse"}
    assert study.interview(second).attributes == {"role": "Doctor"}
    study.undo_attribute_change(changed, study.attribute("role"))
    assert study.attribute("role").options == ("Nurse", "Doctor", "Porter")
    assert study.interview(first).attributes == {"role": "Nurse"}
    with pytest.raises(StudyError) as refused:
        study.change_attribute("role", "Role", ["Nurse", "Porter"])
    assert str(refused.value) == (  # which choice, and how a choice is renamed
        "1 interview (P10) has a Role that is no longer a choice (“Doctor”); change those "
        "first, or rename a choice by typing over its line alone."
    )
    with pytest.raises(StudyError, match="no longer a choice"):  # two lines typed over
        study.change_attribute("role", "Role", ["Midwife", "Surgeon", "Porter"])


def test_a_number_typed_in_quotes_by_hand_is_found_as_a_number(folder: Path) -> None:
    """An Age typed into study.json as "42" (quoted, as one does in a text editor) opened
    as the text "42": --where Age=42 and the Library's filter found no one, and the column
    sorted it apart from the numbers."""
    study = open_study(folder)
    study.define_attribute("Age", "number")
    first = study.interviews[0].id
    study.set_attribute(first, "age", 34)
    study.save()
    data = orjson.loads(study.file.read_bytes())
    data["interviews"][0]["attributes"]["age"] = "42"
    study.file.write_bytes(orjson.dumps(data))
    study = open_study(folder)
    assert study.interview(first).attributes == {"age": 42}
    assert [e.id for e in study.matching(study.filters_from([("Age", "42")]))] == [first]


def test_a_choice_written_in_other_case_is_that_choice(folder: Path) -> None:
    """A Role typed into study.json by hand as "nurse", the choice being "Nurse", set the
    whole file aside (attributes and codebook gone from the study until it was mended),
    and --where role=nurse was refused ("Role is one of: Nurse, Doctor; not 'nurse'")."""
    study = open_study(folder)
    study.define_attribute("Role", "choice", ["Nurse", "Doctor"])
    first = study.interviews[0].id
    study.set_attribute(first, "role", "Doctor")
    study.save()
    data = orjson.loads(study.file.read_bytes())
    data["interviews"][0]["attributes"]["role"] = "nurse"
    study.file.write_bytes(orjson.dumps(data))
    study = open_study(folder)
    assert not [warning for warning in study.warnings if "study.json" in warning]
    assert study.interview(first).attributes == {"role": "Nurse"}
    assert [e.id for e in study.matching(study.filters_from([("role", "nurse")]))] == [first]


# --- saving, merging, bad study.json ---------------------------------------------------------


def test_save_merges_what_another_machine_wrote(folder: Path) -> None:
    study = open_study(folder)
    study.save()
    other = open_study(folder)
    other.rename_interview(other.interviews[1].id, "Renamed there")
    other.save()
    study.update_interview(study.interviews[0].id, participant="Here")
    result = study.save()
    assert result is not None and result.updated == [study.interviews[1].id]
    again = open_study(folder)
    assert again.interviews[0].participant == "Here"
    assert again.interviews[1].title == "Renamed there"
    assert study.save() is None  # nothing new on disk


def test_unreadable_study_file_is_set_aside_and_interviews_still_open(folder: Path) -> None:
    study = study_with_notes(folder)
    entry = study.interviews[0]
    study.file.write_bytes(b'{"format": "interview-reader-study", "version": 1, "tit')
    reopened = open_study(folder)
    assert any("set aside" in w for w in reopened.warnings)
    assert not reopened.file.exists()
    assert list(folder.glob("study.corrupt-*.json"))
    ids = [e.id for e in reopened.interviews]
    assert entry.id in ids  # found again from its notes file, with its id
    assert len(reopened.open_session(entry.id).notes.highlights) == 2
    assert sorted(e.path for e in reopened.interviews) == ["P10.txt", "P2.md", "sub/P3.vtt"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_study_file_saved_with_a_byte_order_mark_keeps_its_attributes(
    folder: Path, encoding: str
) -> None:
    """Notepad saves "UTF-8 with BOM": a hand-edited study.json was set aside as
    unreadable, and the next save wrote it without its attributes."""
    study = open_study(folder)
    study.define_attribute("Rôle", "text")
    study.set_attribute(study.interviews[0].id, "role", "infirmière")
    study.save()
    study.file.write_bytes(study.file.read_text("utf-8").encode(encoding))
    reopened = open_study(folder)
    assert reopened.warnings == [] and reopened.file.exists()
    assert reopened.interviews[0].attributes == {"role": "infirmière"}
    assert not list(folder.glob("study.corrupt-*.json"))


def test_a_copied_study_found_again_from_its_notes_keeps_to_its_own_transcripts(
    folder: Path,
) -> None:
    """A copy (a backup, a second coder's) with an unreadable study.json, the original
    still there: its notes went to the original's transcripts, and its own ones came in
    again as new, empty interviews ("P2 (2)")."""
    study = open_study(folder)
    for entry in study.interviews:
        session = study.open_session(entry)
        session.notes.notes = f"Notes on {entry.path}"
        save_notes(study.notes_path(entry), session.notes)
    study.save()
    copy = folder.with_name("Night shifts copy")
    shutil.copytree(folder, copy)
    (copy / "study.json").write_bytes(b"{")
    recovered = open_study(copy)
    assert sorted((e.id, e.path) for e in recovered.interviews) == sorted(
        (e.id, e.path) for e in study.interviews
    )
    for entry in recovered.interviews:
        assert recovered.open_session(entry).notes.notes == f"Notes on {entry.path}"


def test_interviews_found_again_from_notes_keep_titles_apart(folder: Path) -> None:
    """Two notes files whose documents share a title give two titles, as adding does."""
    study = open_study(folder)
    for entry in study.interviews[:2]:
        session = study.open_session(entry)
        session.notes.document = {**session.notes.document, "title": "Ana"}
        save_notes(study.notes_path(entry), session.notes)
    study.save()
    study.file.write_bytes(b"garbage")
    titles = sorted(e.title for e in open_study(folder).interviews)
    assert len(set(titles)) == len(titles) == 3
    assert "Ana" in titles and any(t.startswith("Ana (") for t in titles)


def test_unreadable_study_file_is_left_alone_when_asked(folder: Path) -> None:
    study_with_notes(folder)
    (folder / FILE_NAME).write_bytes(b"garbage")
    study = open_study(folder, touch_disk=False)
    assert (folder / FILE_NAME).read_bytes() == b"garbage"
    assert study.read_only and len(study.interviews) == 3


def test_newer_study_file_opens_read_only_and_is_never_written(folder: Path) -> None:
    study = open_study(folder)
    study.save()
    data = orjson.loads(study.file.read_bytes())
    data["version"] = 99
    raw = orjson.dumps(data)
    study.file.write_bytes(raw)
    newer = open_study(folder)
    assert newer.read_only and any("newer" in w for w in newer.warnings)
    assert len(newer.interviews) == 3
    with pytest.raises(StudyError, match="read-only"):
        newer.rename_interview(newer.interviews[0].id, "x")
    with pytest.raises(StudyError, match="read-only"):
        newer.save()
    assert study.file.read_bytes() == raw
    # A study open here meets the newer file at its next save: it stops writing.
    study.rename_interview(study.interviews[0].id, "mine")
    study.save()
    assert study.read_only and study.file.read_bytes() == raw


def test_newer_file_of_another_layout_opens_read_only_from_the_folder(folder: Path) -> None:
    (folder / FILE_NAME).write_bytes(
        orjson.dumps({"format": "interview-reader-study", "version": 7})
    )
    study = open_study(folder)
    assert study.read_only
    assert (folder / FILE_NAME).exists()  # a newer file is never set aside


def test_conflict_copies_are_merged_and_put_aside(folder: Path) -> None:
    study = open_study(folder)
    study.save()
    theirs = StudyData(title=study.data.title, interviews=list(study.interviews))
    codes_for_tags(["from-laptop"], theirs.codebook)
    copy = folder / "study.sync-conflict-20240101-101010-ABCDEFG.json"
    copy.write_bytes(serialise(theirs))
    results = study.merge_conflict_copies()
    assert len(results) == 1 and study.codebook.names(c.id for c in study.codebook) == (
        "from-laptop",
    )
    assert not copy.exists() and copy.with_name(copy.name + ".merged").exists()


def test_non_ascii_and_very_long_paths(tmp_path: Path) -> None:
    deep = tmp_path
    for i in range(12):
        deep = deep / (f"папка-{i}-" + "é" * 20)
    transcript = write(deep / ("интервью " + "x" * 150 + ".txt"))
    root = tmp_path / "étude 中文"
    root.mkdir()
    study = open_study(root)
    entry = study.add_interview(transcript)
    assert len(study.transcript_path(entry).as_posix()) > 500
    assert entry.path.startswith("../папка-0-")
    study.save()
    again = open_study(root)
    assert again.transcript_path(again.interviews[0]) == transcript
    assert load_document(again.transcript_path(again.interviews[0])).text == TEXT
    assert len(study.notes_path(entry).name) < 80
    # A name longer than the system allows is reported missing, not an error.
    again.data.interviews[0] = again.interviews[0].__class__(
        entry.id, "x" * 5000 + ".txt", "Too long"
    )
    assert again.is_missing(entry.id)


# --- headers -------------------------------------------------------------------------------


def test_headers_count_without_loading_transcripts(folder: Path) -> None:
    study = study_with_notes(folder)
    study.update_interview(study.interviews[0].id, participant="Ana", date="2024-03-01")
    (folder / study.interviews[2].path).unlink()
    study.notes_path(study.interviews[1]).write_bytes(b"{broken")
    rows = headers(study, {study.interviews[0].id: 0.5})
    first, second, third = rows
    assert (first.title, first.participant, first.date) == ("P2", "Ana", "2024-03-01")
    assert (first.highlights, first.notes, first.research_notes, first.read) == (2, 1, True, 0.5)
    assert second.problem and second.highlights == 0
    assert third.missing and third.highlights == 0 and third.read is None


def test_headers_count_the_highlights_of_notes_saved_with_a_byte_order_mark(
    folder: Path,
) -> None:
    study = study_with_notes(folder)
    path = study.notes_path(study.interviews[0])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    first = headers(study)[0]
    assert (first.problem, first.highlights, first.notes) == ("", 2, 1)


def test_notes_counts_are_read_again_only_when_a_file_changed(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window lists the interviews again at each edit of the study: the counts are
    kept by each notes file's size and time, and a broken or missing file still says so."""
    from reader.core import study_headers

    study = study_with_notes(folder)
    parsed: list[Path] = []
    count = study_headers._counts
    monkeypatch.setattr(study_headers, "_counts", lambda p: (parsed.append(p), count(p))[1])
    kept = NotesCounts()
    first = headers(study, None, kept)
    assert headers(study, None, kept) == first == headers(study)
    files = [study.notes_path(e) for e in study.interviews]
    parsed.clear()
    headers(study, None, kept)
    assert parsed == [p for p in files if not p.exists()]  # none known: asked each time
    files[0].write_bytes(b"{broken")
    rows = headers(study, None, kept)
    assert rows[0].problem and rows[1:] == first[1:]


def test_read_positions_live_in_the_data_folder(folder: Path) -> None:
    assert load_read_positions(folder) == {}
    save_read_positions(folder, {"b": 0.25, "a": 2.0})
    assert load_read_positions(folder) == {"a": 1.0, "b": 0.25}
    assert folder not in read_positions_path(folder).parents
    read_positions_path(folder).write_bytes(b"[1, 2")
    assert load_read_positions(folder) == {}


def test_notes_files_are_the_notes_format(folder: Path) -> None:
    study = study_with_notes(folder)
    data = orjson.loads(study.notes_path(study.interviews[0]).read_bytes())
    assert data["format"] == "interview-reader-notes" and data["version"] == NOTES_VERSION
    assert study.notes_path(study.interviews[0]).parent == folder / "notes"


def test_study_colour_labels_apply_to_every_interview(folder: Path) -> None:
    study = open_study(folder)
    study.set_color_label("yellow", "Strong claim")
    fatigue = study.writable_codebook().create("fatigue")
    session = study.open_session(study.interviews[1])
    assert session.notes.colors["yellow"] == "Strong claim"
    assert study.shared_notes(NotesData(document={})).colors["yellow"] == "Strong claim"
    assert session.notes.codebook.get(fatigue.id) == fatigue  # the study's codebook too


def test_study_of_a_document_finds_its_notes(folder: Path, tmp_path: Path) -> None:
    study = study_with_notes(folder)
    found = study_of(folder / "sub" / "P3.vtt")
    assert found is not None and found[1].path == "sub/P3.vtt"
    assert found[0].notes_path(found[1]).parent == folder / "notes"
    assert study_of(folder / "image.txt") is None  # in the folder, not in the study
    assert study_of(write(tmp_path / "alone.txt")) is None
    assert study.file.exists()


def test_study_of_a_folder_worked_in_without_study_json(folder: Path) -> None:
    """Highlights made, nothing study-wide changed: only the notes file was written."""
    study = open_study(folder)
    entry = study.interviews[0]
    session = study.open_session(entry)
    session.add_highlight(make_highlight(session.document.text, 0, 5))
    save_notes(study.notes_path(entry), session.notes)
    assert not study.file.exists()
    found = study_of(folder / entry.path)
    assert found is not None and found[1].id == entry.id
    assert len(found[0].open_session(found[1]).notes.highlights) == 1
    assert study_of(folder / study.interviews[1].path) is None  # no notes: nothing to find
    assert not study.file.exists()  # looking writes nothing


def test_study_of_finds_the_study_as_opening_it_does_unless_its_file_is_unreadable(
    folder: Path,
) -> None:
    """The window works in the study study_of found (it is not read twice): writable, it
    is what open_study makes; an unreadable study.json is left alone, read-only."""
    study = study_with_notes(folder)
    found = study_of(folder / "sub" / "P3.vtt")
    assert found is not None and not found[0].read_only
    assert found[0].data == open_study(folder).data and found[0].base == study.base
    study.file.write_text("{ not json", "utf-8")
    found = study_of(folder / "sub" / "P3.vtt")
    assert found is not None and found[0].read_only
    assert study.file.read_text("utf-8") == "{ not json"  # not set aside by a look


def test_own_json_files_are_not_transcripts(tmp_path: Path) -> None:
    (tmp_path / "export.json").write_bytes(b'{"format":"interview-reader-study-export"}')
    (tmp_path / "whisper.json").write_bytes(b'{"segments": [{"start": 0, "text": "Hi"}]}')
    (tmp_path / "study.corrupt-20240101-101010.json").write_bytes(b"{")
    study = open_study(tmp_path)
    assert [e.path for e in study.interviews] == ["whisper.json"]


def test_colour_labels_set_at_once_and_undone(folder: Path) -> None:
    study = open_study(folder)
    old = study.set_color_labels({"green": "Casting", "blue": "Setting"})
    assert study.data.colors["green"] == "Casting" and old["green"] == "Method"
    assert study.data.colors["yellow"] == old["yellow"]  # the others kept
    study.set_color_labels(old)
    assert study.data.colors == old
    study.read_only = True
    with pytest.raises(StudyError):
        study.set_color_labels({"green": "Casting"})


TRANSCRIPT = "Q: Why?\nA: Because.\n"


def titled(folder: Path, *names: str) -> Study:
    for name in names:
        write(folder / name, TRANSCRIPT)
    return open_study(folder)


def titles_of(study: Study) -> dict[str, str]:
    return {e.path: e.title for e in study.interviews}


def test_interviews_of_one_name_are_told_apart_by_what_differs(tmp_path: Path) -> None:
    """Two folders: their names (it was "P01" and "P01 (TXT)", a kind both share); one
    folder: the kinds; one kind too: the file names."""
    study = titled(tmp_path / "a", "site-a/P01.txt", "site-b/P01.txt", "P02.txt", "P02.md")
    assert titles_of(study) == {
        "P02.md": "P02 (MD)",
        "P02.txt": "P02 (TXT)",
        "site-a/P01.txt": "P01 (site-a)",
        "site-b/P01.txt": "P01 (site-b)",
    }
    study = titled(tmp_path / "b", "descript.srt", "descript.txt", "sub/descript.txt")
    assert titles_of(study) == {
        "descript.srt": "Descript (SRT)",
        "descript.txt": "Descript (TXT)",
        "sub/descript.txt": "Descript (sub)",
    }
    study = titled(tmp_path / "c", "2024/north/P1.txt", "2024/south/audio/P1.txt")
    assert sorted(titles_of(study).values()) == ["P1 (north)", "P1 (south/audio)"]
    study = titled(tmp_path / "d", "p01_ana.txt", "P01-Ana.txt", "P01 Ana.md")
    assert sorted(titles_of(study).values()) == [
        "P01 Ana (MD)",
        "P01 Ana (P01-Ana.txt)",
        "P01 Ana (p01_ana.txt)",
    ]


def test_one_added_later_is_told_apart_and_the_others_keep_their_titles(tmp_path: Path) -> None:
    study = titled(tmp_path, "site-a/P01.txt", "site-b/P01.txt")
    for name in ("site-c/P01.txt", "site-a/P01.md", "P01.txt", "P01.md", "site-c/p01.txt"):
        study.add_interview(write(tmp_path / name, TRANSCRIPT))
    assert list(titles_of(study).values()) == [
        "P01 (site-a)",
        "P01 (site-b)",
        "P01 (site-c)",  # told apart from the two there
        "P01 (site-a, MD)",  # beside site-a's: its kind too
        "P01",  # at the top, alone there: the name is free
        "P01 (MD)",
        "P01 (site-c, p01.txt)",  # beside site-c's P01.txt: its file name
    ]


def test_files_added_together_are_added_once_and_titled_together(tmp_path: Path) -> None:
    """One add (picked or dropped), one batch: a file picked twice, or inside a folder
    picked with it, was refused as "in the study already" though this add took it; the
    first of two P71s picked together kept "P71" (the study review's finding 4)."""
    study = titled(tmp_path / "s", "P00.txt")
    new = tmp_path / "new"
    for name in ("P70.txt", "P70.vtt", "a/P71.txt", "b/P71.txt", "d/P72.txt", "d/P73.txt"):
        write(
            new / name,
            TRANSCRIPT if not name.endswith(".vtt") else "WEBVTT\n\n00:00.000 --> 00:01.000\nHi.\n",
        )
    picked = [new / "P70.txt", new / "P70.vtt", new / "a/P71.txt", new / "b/P71.txt"]
    dropped = [new / "d", new / "d/P72.txt", new / "d/P72.txt", tmp_path / "s/P00.txt"]
    added, refused = study.add_paths([*picked, *dropped])
    assert [e.title for e in added] == [  # in the order given, a folder's files in its place
        "P70 (TXT)", "P70 (VTT)", "P71 (a)", "P71 (b)", "P72", "P73"
    ]  # fmt: skip
    again = titled(tmp_path / "t", "P00.txt")
    write(new / "A.txt", TRANSCRIPT)
    write(new / "m/M.txt", TRANSCRIPT)
    write(new / "Z.txt", TRANSCRIPT)
    added, _ = again.add_paths([new / "A.txt", new / "m", new / "Z.txt"])
    assert [e.title for e in added] == ["A", "M", "Z"]
    assert refused == ["P00.txt is in the study already, as “P00”."]


def test_a_file_come_into_a_new_study_retitles_only_those_of_its_name(tmp_path: Path) -> None:
    """Before study.json is written, the folder is titled afresh at each opening: a file
    come meanwhile changes no title but those of the files of its name."""
    before = titles_of(titled(tmp_path, "a/P01.txt", "b/P01.txt", "P02.txt", "c/P03.md"))
    after = titles_of(titled(tmp_path, "c/P02.txt"))
    assert after == {**before, "P02.txt": "P02", "c/P02.txt": "P02 (c)"}


def test_a_title_chosen_already_gets_the_lowest_free_number(tmp_path: Path) -> None:
    study = open_study(tmp_path)
    for n, title in enumerate(("P01 (site-a)", "p01  (SITE-A, 2)")):
        study.add_interview(write(tmp_path / f"chosen{n}.txt", TRANSCRIPT), title)
    for name in ("site-a/P01.txt", "site-b/P01.txt"):
        write(tmp_path / name, TRANSCRIPT)
    added, _ = study.add_folder(tmp_path)
    assert [e.title for e in added] == ["P01 (site-a, 3)", "P01 (site-b)"]


# File stems and the title each gives: three of them give the same one.
STEMS = {"descript": "Descript", "descript_": "Descript", "Descript": "Descript", "b": "B"}
FOLDERS = ["", "site-a", "site-b", "x/site-a"]
CHOSEN = ["Descript", "descript (site-a)", "Descript (2)", "Descript (TXT)", "B (md)", "B"]


def key(title: str) -> str:
    return " ".join(title.split()).casefold()


def kin(study: Study, name: str) -> list[PurePosixPath]:
    """The paths of the interviews titled after `name`, or `name` told apart."""
    return [
        PurePosixPath(e.path)
        for e in study.interviews
        if e.title == name
        or (e.title.startswith(f"{name} (") and STEMS.get(PurePosixPath(e.path).stem) == name)
    ]


def check_told_apart(study: Study, path: PurePosixPath, title: str) -> None:
    """What `title` adds to its file's name is what differs from the others of that name:
    a folder where they are in several, a kind or a file name where one is in its folder,
    a number where the title without it is another's."""
    name = STEMS[path.stem]
    if title == name:
        return
    assert title.startswith(f"{name} (") and title.endswith(")"), title
    parts = title[len(name) + 2 : -1].split(", ")
    others = [p for p in kin(study, name) if p != path]
    if parts[-1].isdigit():
        without = f"{name} ({', '.join(parts[:-1])})" if parts[:-1] else name
        assert key(without) in {key(e.title) for e in study.interviews}, title
        parts.pop()
    if parts and parts[-1] in (path.suffix[1:].upper(), path.name):
        assert any(p.parent == path.parent for p in others), title
        parts.pop()
    if parts:
        (folder,) = parts
        assert path.parent.as_posix().endswith(folder), title
        assert any(p.parent != path.parent for p in others), title


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    before=st.lists(st.sampled_from(CHOSEN), max_size=3, unique=True),
    steps=st.lists(
        st.lists(
            st.tuples(
                st.sampled_from(FOLDERS),
                st.sampled_from(list(STEMS)),
                st.sampled_from([".txt", ".srt", ".md"]),
            ),
            min_size=1,
            max_size=6,
            unique=True,
        ),
        max_size=4,
    ),
)
def test_titles_are_told_apart_by_what_differs(tmp_path_factory, before, steps) -> None:
    """Interviews added one by one or by folder (files of one name in several folders, or
    side by side): every title differs from every other (case and spacing aside), tells
    its file apart only by what differs (check_told_apart), and never changes."""
    root = tmp_path_factory.mktemp("study")
    study = open_study(root)
    for n, title in enumerate(before):  # titles the reader chose
        study.add_interview(write(root / f"chosen{n}.txt", TRANSCRIPT), title)
    for s, files in enumerate(steps):
        step = root / f"step{s}"
        paths = [write(step / f / f"{stem}{suffix}", TRANSCRIPT) for f, stem, suffix in files]
        kept = titles_of(study)
        if len(paths) == 1:
            added = [study.add_interview(paths[0])]
        else:
            added, _ = study.add_folder(step)
        assert sorted(root / e.path for e in added) == sorted(paths)
        assert {p: t for p, t in titles_of(study).items() if p in kept} == kept
        keys = [key(e.title) for e in study.interviews]
        assert len(set(keys)) == len(keys)
        for entry in added:
            check_told_apart(study, PurePosixPath(entry.path), entry.title)


def test_thousands_of_one_name_are_told_apart_by_their_folders(tmp_path: Path) -> None:
    """3,000 transcripts all called descript.txt, added a folder (of 1,000) at a time
    after two interviews the reader titled "Descript (d5)" and "Descript (d7)"."""
    study = open_study(tmp_path)
    for number in (5, 7):
        (tmp_path / f"chosen{number}.txt").write_text(TRANSCRIPT, encoding="utf-8")
        study.add_interview(tmp_path / f"chosen{number}.txt", f"Descript (d{number})")
    for batch in range(3):
        for n in range(MAX_TRANSCRIPTS):
            folder = tmp_path / f"batch{batch}" / f"d{n}"
            folder.mkdir(parents=True)
            (folder / "descript.txt").write_text(TRANSCRIPT, encoding="utf-8")
        added, report = study.add_folder(tmp_path / f"batch{batch}")
        assert len(added) == MAX_TRANSCRIPTS and not report.capped
    first = [f"Descript (d{n}{', 2' if n in (5, 7) else ''})" for n in range(MAX_TRANSCRIPTS)]
    later = [f"Descript (batch{b}/d{n})" for b in (1, 2) for n in range(MAX_TRANSCRIPTS)]
    assert [e.title for e in study.interviews[2:]] == first + later


def test_a_rename_to_another_interviews_title_is_refused(tmp_path: Path) -> None:
    study = titled(tmp_path, "P01.txt", "P02.txt")
    first, second = study.interviews
    for taken in ("P01", " p01 ", "p01"):
        with pytest.raises(StudyError, match="“P01” is another interview's title"):
            study.rename_interview(second.id, taken)
    assert study.interviews[1].title == "P02"
    study.rename_interview(first.id, "p01")  # its own, written otherwise
    study.rename_interview(first.id, "Ana")
    study.rename_interview(second.id, "P01")  # free now
    assert [e.title for e in study.interviews] == ["Ana", "P01"]


def test_an_interview_may_write_its_own_title_otherwise_though_another_has_it(
    tmp_path: Path,
) -> None:
    """Two titled alike (by a version before titles were kept apart): neither could have
    its title's case changed, as the other's was the same title."""
    study = titled(tmp_path, "P01.txt", "P02.txt")
    first, second = study.interviews
    study.data.interviews[1] = replace(second, title="p01")
    study.rename_interview(first.id, "P01 ")  # as it was
    study.rename_interview(second.id, "P01")  # its own, written otherwise
    assert [e.title for e in study.interviews] == ["P01", "P01"]


def test_an_interview_imported_with_a_title_the_study_has_is_numbered(tmp_path: Path) -> None:
    """A REFI-QDA import gave a new interview its source's name as it was: the study had
    two interviews of one title."""
    study = titled(tmp_path, "P01.txt")
    write(tmp_path / "other" / "P01.txt", TRANSCRIPT)
    entry = study.add_interview(tmp_path / "other" / "P01.txt", title="p01")
    assert entry.title == "p01 (2)"


def test_the_library_counts_no_passage_with_no_colour_under_a_colour(folder: Path) -> None:
    study = study_with_notes(folder)
    entry = study.interviews[0]
    session = study.open_session(entry)
    text = session.document.text
    session.add_highlight(make_highlight(text, 6, 9, NO_COLOR).edited(note="coded only"))
    save_notes(study.notes_path(entry), session.notes)
    header = headers(study)[0]
    assert (header.highlights, header.notes) == (2, 2)  # the coloured two; every note


# Deleting codes: a passage left showing nothing goes, and comes back with undo ---------------


def test_deleting_a_code_removes_passages_left_showing_nothing_and_undo_restores_them(
    tmp_path: Path,
) -> None:
    for name in ("P1", "P2"):
        write(tmp_path / f"{name}.txt")
    study = open_study(tmp_path)
    book = study.writable_codebook()
    work, care = book.create("Work"), book.create("Care")
    shifts = book.create("Shifts", parent=work.id)
    closed, opened = study.interviews

    def passage(word: str, color: str = NO_COLOR, *codes: str, note: str = ""):
        start = TEXT.index(word)
        return make_highlight(TEXT, start, start + len(word), color).edited(codes=codes, note=note)

    coloured = passage("train", "yellow", work.id)
    only = passage("Lyon", NO_COLOR, work.id)
    two = passage("café", NO_COLOR, work.id, care.id)
    below = passage("hospital", NO_COLOR, shifts.id)  # a sub-code goes with its code
    noted = passage("Where", NO_COLOR, work.id, note="ask about nights")
    other = passage("did", NO_COLOR, care.id)
    highlights = [coloured, only, two, below, noted, other]
    closed_notes, open_notes = (study.open_session(e).notes for e in study.interviews)
    closed_notes.highlights = highlights  # in no order of the text: the file's is kept
    open_notes.highlights = [passage("you", NO_COLOR, shifts.id)]
    save_notes(study.notes_path(closed), closed_notes)
    save_notes(study.notes_path(opened), open_notes)
    before = {e.id: study.load_notes(e) for e in study.interviews}

    change = study.delete_code(work.id, skip=opened.id)
    kept = study.load_notes(closed).highlights
    assert [(h.id, h.codes) for h in kept] == [
        (coloured.id, ()),  # a colour shows it: it stays, uncoded
        (two.id, (care.id,)),
        (noted.id, ()),  # its note shows it
        (other.id, (care.id,)),
    ]
    assert sum(len(r.changed) + len(r.removed) for r in change.recoded.values()) == 5
    assert [h.id for _, h in change.recoded[closed.id].removed] == [only.id, below.id]
    # The open interview's notes, as its caller applies the change.
    open_recoded = change.recode_notes(open_notes)
    assert open_notes.highlights == [] and len(open_recoded) == 1
    save_notes(study.notes_path(opened), open_notes)

    change.recoded[opened.id] = open_recoded  # as the hub does once it is closed
    study.undo_code_change(change)
    assert [c.name for c in study.codebook] == ["Work", "Shifts", "Care"]
    assert {e.id: study.load_notes(e) for e in study.interviews} == before  # ids, places, notes

    study.delete_code(work.id)  # redo: the same passages go again
    assert [h.id for h in study.load_notes(closed).highlights] == [h.id for h in kept]
    assert study.load_notes(opened).highlights == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([NO_COLOR, "yellow"]),
            st.sampled_from(["", "a note"]),
            st.lists(st.sampled_from("abc"), unique=True),
        ),
        max_size=12,
    ),
    st.sets(st.sampled_from("abc")),
)
def test_undo_of_a_code_change_gives_back_the_same_highlights(
    passages: list[tuple[str, str, list[str]]], removed: set[str]
) -> None:
    from reader.core.codebook import Codebook
    from reader.core.study import CodeChange

    highlights = [
        make_highlight(TEXT, n, n + 3, color).edited(note=note, codes=tuple(codes))
        for n, (color, note, codes) in enumerate(passages)
    ]
    notes = NotesData(document={}, highlights=list(highlights))
    recoded = CodeChange(Codebook(), removed=frozenset(removed)).recode_notes(notes)
    bare = [h for h in highlights if shows_nothing(h)]  # as they came: the change left them
    assert [h for h in notes.highlights if shows_nothing(h)] == bare
    assert recoded.undo(notes.highlights) == highlights


def test_a_code_change_that_cannot_write_a_notes_file_writes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merging, then undoing it: when one notes file cannot be written (a full disk),
    those written before get their bytes back, the codebook stays as it was, StudyError
    says which interview and why, and whoever is `told` hears of nothing; once it can be
    written, each file written is told with the hash of its bytes."""
    import errno

    from reader.core import study as study_module
    from reader.core.store import content_hash

    for name in ("P1", "P2"):
        write(tmp_path / f"{name}.txt")
    study = open_study(tmp_path)
    book = study.writable_codebook()
    work, care = book.create("Work"), book.create("Care")
    start = TEXT.index("Lyon")
    for entry in study.interviews:
        notes = study.open_session(entry).notes
        notes.highlights = [make_highlight(TEXT, start, start + 4).edited(codes=(work.id,))]
        save_notes(study.notes_path(entry), notes)
    paths = [study.notes_path(e) for e in study.interviews]
    full: list[Path] = []
    real_write = study_module.atomic_write

    def atomic_write(path: Path, data: bytes, **kwargs: bool) -> None:
        if path in full:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, data, **kwargs)

    monkeypatch.setattr(study_module, "atomic_write", atomic_write)
    told: list[Rewritten] = []
    tell = told.append

    before = [p.read_bytes() for p in paths]
    full.append(paths[1])
    with pytest.raises(StudyError, match=r"“P2” could not be written.*No space left"):
        study.merge_codes(work.id, care.id, told=tell)
    assert [p.read_bytes() for p in paths] == before and told == []
    assert [c.name for c in study.codebook] == ["Work", "Care"]

    full.clear()
    change = study.merge_codes(work.id, care.id, told=tell)
    hashes = [
        (content_hash(b), content_hash(p.read_bytes())) for p, b in zip(paths, before, strict=True)
    ]
    assert [(r.replaced, r.written) for r in told] == hashes
    assert [r.path for r in told] == paths
    merged = [p.read_bytes() for p in paths]
    told.clear()
    full.append(paths[1])
    with pytest.raises(StudyError):
        study.undo_code_change(change, told=tell)
    assert [p.read_bytes() for p in paths] == merged and told == []
    assert [c.name for c in study.codebook] == ["Care"]
    full.clear()
    study.undo_code_change(change, told=tell)
    assert [p.read_bytes() for p in paths] == before  # the same highlights, same bytes
    assert len(told) == 2


@pytest.mark.parametrize("spoil", ["not json", "gone unreadable"])
def test_undoing_a_code_change_refuses_when_a_notes_file_cannot_be_read(
    tmp_path: Path, spoil: str
) -> None:
    """A notes file spoilt (or made unreadable) after a code change: its undo changes
    nothing, StudyError says which interview, and the codebook stays as it is."""
    for name in ("P1", "P2"):
        write(tmp_path / f"{name}.txt")
    study = open_study(tmp_path)
    work = study.writable_codebook().create("Work")
    start = TEXT.index("Lyon")
    for entry in study.interviews:
        notes = study.open_session(entry).notes
        notes.highlights = [make_highlight(TEXT, start, start + 4).edited(codes=(work.id,))]
        save_notes(study.notes_path(entry), notes)
    change = study.delete_code(work.id)
    first, second = (study.notes_path(e) for e in study.interviews)
    if spoil == "not json":
        second.write_bytes(b"{ spoilt")
    else:
        second.unlink()
        second.mkdir()  # a folder where the file was: reading it fails as a disk error
    kept = first.read_bytes()
    with pytest.raises(StudyError, match=r"“P2” cannot be read .*nothing was changed"):
        study.undo_code_change(change)
    assert first.read_bytes() == kept
    assert [c.name for c in study.codebook] == []


def test_every_interview_holds_the_study_codes_themselves_and_its_own_extra_ones(
    tmp_path: Path,
) -> None:
    """Sessions hold the study's Code objects, not copies (200 texts kept for search with
    1,000 codes were 200,000 copies), each in its own Codebook: renaming a code in one
    changes neither the study's nor another's. A code only the notes have comes after."""
    from tests.core.test_refi import coded_study

    study = coded_study(tmp_path / "study")
    p1, p2 = study.interviews
    extra = study.load_notes(p2)
    assert extra is not None
    only_here = extra.codebook.create("Only in P2's notes")
    save_notes(study.notes_path(p2), extra)
    one, two = study.open_session(p1).notes.codebook, study.open_session(p2).notes.codebook
    first = study.codebook.codes[0]
    assert one.get(first.id) is first and two.get(first.id) is first
    assert [c.id for c in two][-1] == only_here.id and only_here.id not in study.codebook
    assert one is not two and one is not study.codebook
    one.rename(first.id, "Renamed here")
    assert two.get(first.id).name == first.name == study.codebook.get(first.id).name


def test_a_studys_memo_is_no_interview_to_add(folder: Path, tmp_path: Path) -> None:
    """Add Interviews… with memo.md (this study's, or another's picked with its
    transcripts) made an interview titled "Memo", as adding its folder does not."""
    study = open_study(folder)
    study.save()
    write(folder / "memo.md", "# Themes\n\nAcross the interviews.\n")
    with pytest.raises(StudyError, match="study's own file"):
        study.add_interview(folder / "memo.md")
    other = tmp_path / "other"
    write(other / "study.json", "{}")
    write(other / "memo.md", "theirs")
    with pytest.raises(StudyError, match="study's own file"):
        study.add_interview(other / "memo.md")
    write(tmp_path / "loose" / "memo.md", "# Ana\n\nQ: Why?\nA: Because.\n")
    assert study.add_interview(tmp_path / "loose" / "memo.md").title  # no study's: a text


def test_a_folder_without_study_json_keeps_the_notes_of_a_transcript_renamed_outside(
    folder: Path,
) -> None:
    """Highlights made, study.json never written (a build before it was written with the
    first notes): the renamed transcript's notes stay with its interview, not left behind
    in notes/ with no interview to show them; the renamed file holds their text, so it is
    that interview's (study_moves.join_renamed), and one changed since is listed as new
    beside it, missing, in the folder's order."""
    study = open_study(folder)
    entry = study.interviews[0]
    session = study.open_session(entry)
    session.add_highlight(make_highlight(session.document.text, 0, 5))
    save_notes(study.notes_path(entry), session.notes)
    os.replace(folder / "P2.md", folder / "P2 final.md")
    joined = open_study(folder).interviews
    assert [e.path for e in joined] == ["P2 final.md", "P10.txt", "sub/P3.vtt"]
    assert joined[0].id == entry.id
    with (folder / "P2 final.md").open("a", encoding="utf-8") as text:
        text.write("\nA: One more answer.\n")
    reopened = open_study(folder)
    paths = [e.path for e in reopened.interviews]
    assert paths == ["P2 final.md", "P2.md", "P10.txt", "sub/P3.vtt"]
    assert reopened.interviews[1].id == entry.id and reopened.is_missing(entry.id)
    assert len(reopened.notes_only_session(entry.id).notes.highlights) == 1
    assert not reopened.file.exists()  # opening writes nothing
    assert [e.id for e in open_study(folder).interviews] == [e.id for e in reopened.interviews]


def test_the_memos_copies_coming_into_a_folder_without_study_json_are_no_new_transcripts(
    tmp_path: Path,
) -> None:
    """A folder opened as a study, its study.json not written yet: the memo, a sync tool's
    copy of it and one the app set aside are the study's own, never offered to add."""
    (tmp_path / "P01.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    study = open_study(tmp_path)
    came = ["memo.md", "memo (conflicted copy 2025-01-02).md", "memo.corrupt-20250101-120000.md"]
    for name in [*came, "P02.md"]:
        (tmp_path / name).write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    assert not study.file.exists()
    offered = study.not_listed([tmp_path / n for n in [*came, "P02.md"]])
    assert [p.name for p in offered] == ["P02.md"]


def test_a_study_found_in_a_folder_takes_what_another_window_wrote_since(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two windows on a folder with no study.json yet; the first renames an interview in
    the second the other opened: the other's copy, as found, was stamped that second too,
    won the tie, and was written back once it could change the study (found by a review)."""
    import reader.core.study as study_module

    monkeypatch.setattr(study_module, "now_iso", lambda: "2026-12-04T10:00:00+00:00")
    looking = open_study(folder)  # the second window, read-only
    editing = open_study(folder)
    entry = editing.interviews[0]
    editing.rename_interview(entry.id, "Ana, renamed")
    editing.save()
    merged = looking.merge_from_disk()
    assert merged is not None
    assert looking.interview(entry.id).title == "Ana, renamed"


def test_an_interview_the_other_window_never_listed_stays_when_it_writes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A transcript came between the two windows' openings: the second found it, the first
    did not, and what the first wrote took it out of the second's study."""
    editing = open_study(folder)
    write(folder / "P4.txt")
    looking = open_study(folder)
    new = next(e for e in looking.interviews if e.path == "P4.txt")
    entry = editing.interviews[0]
    editing.rename_interview(entry.id, "Renamed")
    editing.save()
    assert looking.merge_from_disk() is not None
    assert looking.interview(entry.id).title == "Renamed"
    assert new.id in {e.id for e in looking.interviews}


def test_titles_and_values_are_one_text_however_their_accents_are_written(folder: Path) -> None:
    """Found by the study review: "Zoë" with its mark apart (as a Mac pastes it) was
    another title than "Zoë", and "infirmière" two values the attribute filter kept
    apart; transcripts and queries are NFC already."""
    composed, decomposed = "Zoë infirmière", unicodedata.normalize("NFD", "Zoë infirmière")
    study = open_study(folder)
    first, second, _ = study.interviews
    study.rename_interview(first.id, composed)
    with pytest.raises(StudyError, match="another interview's title"):
        study.rename_interview(second.id, decomposed)
    study.update_interview(second.id, participant=decomposed)
    assert study.interview(second.id).participant == composed
    study.define_attribute("Role", "choice", options=[decomposed, "Doctor"])
    study.set_attribute(first.id, "role", composed)
    study.set_attribute(second.id, "role", decomposed)
    assert study.attribute("role").options == (composed, "Doctor")
    assert [e.id for e in study.matching({"role": {composed}})] == [first.id, second.id]


def test_a_study_whose_folder_cannot_be_written_opens_read_only_and_says_so(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the lifecycle review: on a read-only disk or share, the study opened to
    every change, each failing at its save (tried again all session) and lost at closing.
    (As root, which writes anywhere, the folder is refused where the app asks.)"""
    open_study(folder).save()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != folder and real(p, mode))
    study = open_study(folder)
    assert study.read_only and study.unwritable
    assert study.warnings == [ReadOnly.STUDY_FOLDER.value]
    with pytest.raises(StudyError, match="its folder cannot be written here"):
        study.rename_interview(study.interviews[0].id, "Ana")
    assert not open_study(folder, touch_disk=False).read_only  # an export reads it as it is


@pytest.mark.parametrize("study_file", ["damaged", "none"])
def test_notes_found_again_are_never_tied_to_another_transcript_of_their_name(
    tmp_path: Path, study_file: str
) -> None:
    """Found by the lifecycle review: site-a/P3.txt moved away, another participant's
    P3.txt at the top took site-a's notes when study.json was set aside (its own
    interview gone from the list); with no study.json, site-a's notes were listed nowhere."""
    folder = tmp_path / "study"
    write(folder / "P3.txt", "Q: Where?\nA: In the city, near the river.\n")
    write(folder / "site-a" / "P3.txt", "Q: When?\nA: Every night, after the shift.\n")
    study = open_study(folder)
    site_a = next(e for e in study.interviews if e.path == "site-a/P3.txt")
    session = study.open_session(site_a)
    start = session.document.text.index("after the shift")
    session.add_highlight(make_highlight(session.document.text, start, start + 15))
    save_notes(study.notes_path(site_a), session.notes)
    study.save()
    (folder / "site-a" / "P3.txt").rename(tmp_path / "P3-archived.txt")
    if study_file == "damaged":
        study.file.write_bytes(b"{ damaged")
    else:
        study.file.unlink()
    found = {e.id: e for e in open_study(folder).interviews}
    assert site_a.id in found and found[site_a.id].path != "P3.txt"  # missing, with its notes
    assert [e.path for e in found.values()].count("P3.txt") == 1


@pytest.mark.parametrize("made, came", [("NFD", "NFC"), ("NFC", "NFD")])
def test_an_accented_name_is_found_written_in_the_other_unicode_form(
    tmp_path: Path, made: str, came: str
) -> None:
    """Found by the lifecycle review: names a Mac wrote with their accents apart came back
    composed through git, a zip or a sync tool (or the other way), and every accented
    interview was missing, though its file was there under the same visible name."""
    name = "Entretien Zoë Müller.txt"
    folder = tmp_path / "study"
    write(folder / unicodedata.normalize(made, name), "Q: Ça va?\nA: Très bien.\n")
    study = open_study(folder)
    study.save()
    (folder / unicodedata.normalize(made, name)).rename(folder / unicodedata.normalize(came, name))
    again = open_study(folder)
    (entry,) = again.interviews
    assert not again.is_missing(entry)
    assert "Très bien" in again.open_session(entry).document.text
