"""Rename in Study… (a speaker renamed in every interview) that the app was stopped in the
middle of, between the interviews' notes files or before study.json's participants
followed: opened again, the study finishes it (reader/core/speaker_rename_record.py), in
the direction it was going (a rename, or the undo of one), and says so."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from reader.core.annotations import make_highlight
from reader.core.markdown_links import quote
from reader.core.speaker_rename import SpeakerCorrection
from reader.core.store import save_notes
from reader.core.study import Study, open_study
from tests.core.test_code_change_record import Killed, kill_at_write

TALK = "LH: How long have you worked nights?\n\nRuth: Ten years.\n\nLH: And now?\n\nRuth: Days.\n"


@pytest.fixture
def study(tmp_path: Path) -> Study:
    """Three interviews of Ruth's, her words "Ten years" quoted in each one's notes."""
    for name in ("P06", "P07", "P08"):
        (tmp_path / f"{name}.txt").write_text(TALK, encoding="utf-8")
    study = open_study(tmp_path)
    study.fill_from_transcripts(dict.fromkeys((e.id for e in study.interviews), "Ruth"), {})
    start = TALK.index("Ten years")
    for entry in study.interviews:
        notes = study.open_session(entry).notes
        passage = make_highlight(TALK, start, start + 9)
        notes.highlights = [passage]
        notes.notes = quote("Ten years", "Ruth, Q1", f"#h-{passage.id}")
        save_notes(study.notes_path(entry), notes)
    study.save()
    return study


def renamed(study: Study, shown: str, new: str) -> list[SpeakerCorrection]:
    """What Rename in Study… writes, as it finds the interviews."""
    changes = []
    for entry in study.interviews:
        session = study.open_session(entry)
        quoted = {h.id for h in session.notes.highlights}
        changes.append(SpeakerCorrection.of(entry.id, session, shown, new, quoted))
    return changes


def on_disk(study: Study) -> list[tuple[dict[str, str], str]]:
    """Each notes file's speakers, and its quote's chip."""
    found = []
    for entry in study.interviews:
        data = orjson.loads(study.notes_path(entry).read_bytes())
        chip = data["notes"].split("[↩\u00a0")[1].split("]")[0]
        found.append((data.get("structure", {}).get("speakers", {}), chip))
    return found


def participants(folder: Path) -> list[str]:
    return [e.participant for e in open_study(folder).interviews]


@pytest.mark.parametrize("killed_at", [0, 1, 3])  # before the first file, after one, after all
def test_a_rename_killed_is_finished_when_the_study_opens(
    study: Study, monkeypatch: pytest.MonkeyPatch, killed_at: int
) -> None:
    kill_at_write(monkeypatch, killed_at)
    with pytest.raises(Killed):
        study.rename_across(renamed(study, "Ruth", "Ruth Okafor"), "Ruth", "Ruth Okafor")
        raise Killed  # before study.json: the participants are not written yet
    again = open_study(study.folder)
    said = again.finish_speaker_rename()
    assert said == (
        "The app was stopped while it renamed “Ruth” to “Ruth Okafor” in the study's "
        "interviews: that is finished now, in every interview."
    )
    assert on_disk(again) == [({"Ruth": "Ruth Okafor"}, "Ruth Okafor, Q1")] * 3
    again.save()
    assert participants(study.folder) == ["Ruth Okafor"] * 3
    assert open_study(study.folder).finish_speaker_rename() == ""  # once


def test_an_undo_killed_is_finished_too(study: Study, monkeypatch: pytest.MonkeyPatch) -> None:
    changes = renamed(study, "Ruth", "Ruth Okafor")
    study.rename_across(changes, "Ruth", "Ruth Okafor")
    study.save()
    kill_at_write(monkeypatch, 1)
    with pytest.raises(Killed):
        study.rename_across(changes, "Ruth", "Ruth Okafor", back=True)
    again = open_study(study.folder)
    assert "renamed “Ruth Okafor” to “Ruth”" in again.finish_speaker_rename()
    assert on_disk(again) == [({}, "Ruth, Q1")] * 3
    again.save()
    assert participants(study.folder) == ["Ruth"] * 3


def test_a_rename_whole_and_saved_leaves_nothing_to_finish(study: Study) -> None:
    study.rename_across(renamed(study, "Ruth", "Ruth Okafor"), "Ruth", "Ruth Okafor")
    study.save()
    study.rename_written()  # the open interview's notes and the memo written too
    assert open_study(study.folder).finish_speaker_rename() == ""
    assert participants(study.folder) == ["Ruth Okafor"] * 3


def test_the_open_interviews_notes_and_the_memo_are_finished_too(study: Study) -> None:
    """Killed before the open interview's notes (its saver's) and the memo were written:
    both follow as the study opens."""
    first, *others = renamed(study, "Ruth", "Ruth Okafor")
    quoted = next(iter(first.quotes))
    title = study.interview(first.interview_id).title
    target = f"interview:{first.interview_id}#h-{quoted}"
    (study.folder / "memo.md").write_text(f"> Ten years [↩\u00a0{title}, Ruth, Q1]({target})\n")
    study.rename_across(others, "Ruth", "Ruth Okafor", own=first)  # killed: no save
    again = open_study(study.folder)
    assert again.finish_speaker_rename()
    assert on_disk(again) == [({"Ruth": "Ruth Okafor"}, "Ruth Okafor, Q1")] * 3
    memo = (study.folder / "memo.md").read_text("utf-8")
    assert f"[↩\u00a0{title}, Ruth Okafor, Q1]({target})" in memo


def test_a_second_rename_while_the_first_is_unwritten_finishes_both(study: Study) -> None:
    """Ruth renamed with the first interview open, whose notes could not be written (a
    full disk), then LH renamed: the second's record took the first's place, and the
    first interview kept "Ruth" for good while the others said "Ruth Okafor"."""
    first, *others = renamed(study, "Ruth", "Ruth Okafor")
    study.rename_across(others, "Ruth", "Ruth Okafor", own=first)
    study.save()  # its notes not written: no rename_written
    again = []
    for entry in study.interviews:  # as the window holds them, the first's unwritten
        session = study.open_session(entry)
        if entry.id == first.interview_id:
            session.restore_speaker_corrections(*first.now)
        again.append(SpeakerCorrection.of(entry.id, session, "LH", "Lena", set()))
    study.rename_across(again[1:], "LH", "Lena", own=again[0])
    study.save()  # killed before its notes were written
    opened = open_study(study.folder)
    said = opened.finish_speaker_rename()
    assert "“Ruth” to “Ruth Okafor”" in said and "“LH” to “Lena”" in said
    assert [s for s, _chip in on_disk(opened)] == [{"Ruth": "Ruth Okafor", "LH": "Lena"}] * 3
    opened.save()
    assert opened.finish_speaker_rename() == ""
    assert not (study.folder / "study.json.speaker-rename").exists()


def test_a_rename_written_with_its_interview_open_takes_the_unwritten_before_it(
    study: Study,
) -> None:
    """The first interview's notes written at last with the second rename (the window
    writes them whole): nothing of either is left to finish, nor finished again."""
    first, *others = renamed(study, "Ruth", "Ruth Okafor")
    study.rename_across(others, "Ruth", "Ruth Okafor", own=first)
    study.save()
    study.rename_across([], "LH", "Lena", own=first)
    study.rename_written()
    assert not (study.folder / "study.json.speaker-rename").exists()
