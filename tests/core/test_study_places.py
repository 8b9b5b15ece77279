"""reader/core/study_places.py: the ids a study gives its interviews, and the folders above
a transcript that may hold a study listing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.study import StudyError, open_study
from reader.core.study_places import FILE_NAME, app_folder, interview_id, slug, study_folders
from reader.resources import BUNDLED_INTERVIEW, RESOURCES


def test_interview_ids_are_stable_ascii_and_unique() -> None:
    first = interview_id("transcripts/Интервью 1.txt")
    assert first == interview_id("transcripts/Интервью 1.txt")  # same path, same id
    assert first.startswith("1-") and first.isascii()
    assert interview_id("Ünal.txt").startswith("unal-")
    assert interview_id("中文.txt").startswith("interview-")
    assert interview_id("a/x.txt") != interview_id("b/x.txt")
    assert interview_id("x.txt", lambda i: i == interview_id("x.txt")).endswith("-2")
    long = interview_id("a" * 300 + ".txt")
    assert len(long) < 60


def test_a_slug_is_ascii_words_joined() -> None:
    assert slug("Years in post") == "years-in-post"
    assert slug("  Ünal & Şahin!  ") == "unal-sahin"
    assert slug("中文") == ""
    # Cut at 40, a "-" there kept, as attribute keys always were; an interview id's goes.
    assert slug("a" * 39 + " b") == "a" * 39 + "-"
    assert "--" not in interview_id("a" * 39 + " b.txt")


def test_a_lone_transcript_has_no_study_folder(tmp_path: Path) -> None:
    document = tmp_path / "alone" / "talk.txt"
    document.parent.mkdir()
    document.write_text("Q: Hello?\n", encoding="utf-8")
    assert study_folders(document) == []


def test_study_folders_are_those_with_a_study_file_or_the_documents_notes(
    tmp_path: Path,
) -> None:
    study = tmp_path / "study"
    document = study / "interviews" / "talk.txt"
    document.parent.mkdir(parents=True)
    document.write_text("Q: Hello?\n", encoding="utf-8")
    (study / FILE_NAME).write_text("{}", encoding="utf-8")  # read or not, it may be one
    assert study_folders(document) == [study]
    worked_in = document.parent / "notes"  # opened as a study, notes written, no study.json
    worked_in.mkdir()
    (worked_in / f"{interview_id('talk.txt')}.json").write_text("{}", encoding="utf-8")
    assert study_folders(document) == [document.parent, study]


def test_every_study_a_folder_makes_is_found_from_its_transcripts(tmp_path: Path) -> None:
    document = tmp_path / "talk.txt"
    document.write_text("Q: Hello?\n", encoding="utf-8")
    open_study(tmp_path).save()
    assert study_folders(document.resolve()) == [tmp_path.resolve()]


def test_the_apps_own_folders_are_no_study(tmp_path: Path) -> None:
    """A first start's Open dialogs began in resources/, and Enter made the app's folder a
    study: study.json and notes/ written into the checkout. Refused, with the reason; a
    study.json an older build wrote there does not take the bundled sample into a study."""
    for folder in (RESOURCES, RESOURCES.parent):
        with pytest.raises(StudyError, match="the app's own folder"):
            open_study(folder)
    assert study_folders(BUNDLED_INTERVIEW) == []
    assert app_folder(RESOURCES) and app_folder(RESOURCES / "sub") and app_folder(RESOURCES.parent)
    assert not app_folder(tmp_path) and not app_folder(RESOURCES.parent / "tests" / "data")
