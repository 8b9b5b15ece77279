"""Every interview's highlights read from the notes files alone: no transcript is read,
changes on disk are seen, unreadable and absent notes are told apart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.annotations import make_highlight
from reader.core.document import load_document
from reader.core.notes_file import NotesData
from reader.core.notes_files_cache import NotesFilesCache
from reader.core.store import save_notes
from reader.core.study import Study, open_study
from reader.core.study_highlights import StudyHighlights

TEXT = "Q: Where did you train?\nA: In Lyon, at the café by the hospital. 🎬\n"


@pytest.fixture
def study(tmp_path: Path) -> Study:
    folder = tmp_path / "Étude"
    folder.mkdir()
    for name in ("P1.txt", "P2.txt"):
        (folder / name).write_text(TEXT, encoding="utf-8")
    study = open_study(folder)
    shared = study.writable_codebook().create("Place")
    first = study.interviews[0]
    notes = NotesData(document=load_document(study.transcript_path(first)).meta())
    own = notes.codebook.create("Own code")
    later, earlier = TEXT.index("hospital"), TEXT.index("Lyon")
    notes.highlights = [
        make_highlight(TEXT, later, later + 8, "green").edited(codes=(shared.id, own.id)),
        make_highlight(TEXT, earlier, earlier + 4, "yellow"),
    ]
    save_notes(study.notes_path(first), notes)
    return study


def test_read_from_the_notes_alone_in_document_order_with_code_names(
    study: Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_transcripts(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a transcript was read")

    monkeypatch.setattr("reader.core.study.load_document", no_transcripts)
    kept = StudyHighlights(study, NotesFilesCache())
    first, second = study.interviews
    found = kept.get(first)
    assert [h.exact for h in found.highlights] == ["Lyon", "hospital"]
    assert found.code_names(found.highlights[1]) == ("Place", "Own code")
    assert kept.get(second).highlights == [] and kept.get(second).problem == ""
    assert kept.get(first) is found  # unchanged: kept


def test_a_changed_notes_file_is_read_again(study: Study) -> None:
    kept = StudyHighlights(study, NotesFilesCache())
    first = study.interviews[0]
    before = kept.get(first)
    notes = study.load_notes(first)
    assert notes is not None
    notes.highlights = notes.highlights[:1]
    save_notes(study.notes_path(first), notes)
    stat = os.stat(study.notes_path(first))
    os.utime(study.notes_path(first), ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    after = kept.get(first)
    assert after is not before and len(after.highlights) == 1


@pytest.mark.parametrize("raw", [b"", b"\xff\xfe\x00binary", b"{not json", b'{"format": 1}'])
def test_unreadable_notes_say_why_and_list_nothing(study: Study, raw: bytes) -> None:
    first = study.interviews[0]
    study.notes_path(first).write_bytes(raw)
    found = StudyHighlights(study, NotesFilesCache()).get(first)
    assert found.highlights == [] and found.problem.startswith("its notes cannot be read")


def test_interviews_gone_from_the_study_are_forgotten(study: Study) -> None:
    kept = StudyHighlights(study, NotesFilesCache())
    first, second = study.interviews
    kept.get(first)
    kept.get(second)
    study.remove_interview(second.id)
    kept.forget_others()
    assert set(kept._kept) == {first.id}
