"""Codes merged away or deleted in a study stay so for an interview added to it again."""

from __future__ import annotations

from pathlib import Path

import orjson

from reader.core.annotations import make_highlight
from reader.core.backups import list_backups
from reader.core.code_adoption import adopt_codes
from reader.core.retired_codes import RETIRED_SETTING, followed, retire, retired_codes, take_back
from reader.core.store import save_notes
from reader.core.study import Study, open_study

TEXT = "Q: Was it scripted? 🎬\nA: Every word — “Café” 𠀋.\nQ: Really?\nA: Yes.\n"


def test_a_code_merged_into_one_merged_or_deleted_since_follows_it() -> None:
    record = {"a": "b", "b": "c", "d": "", "e": "d", "x": "y", "y": "x"}
    mapping, removed = followed(record, live=())
    assert mapping["a"] == mapping["b"] == "c"
    assert removed == {"d", "e"}
    assert {"x", "y"} <= mapping.keys()  # a loop written by hand ends, somewhere
    mapping, removed = followed(record, live={"b", "d"})  # made again since
    assert (mapping["a"], mapping["e"], removed) == ("b", "d", frozenset())
    assert "b" not in mapping


def test_retire_and_take_back_leave_the_settings_as_they_were() -> None:
    settings: dict[str, object] = {"other": 1}
    before = retire(settings, {"a": "b"}, ["c"])
    assert retired_codes(settings) == {"a": "b", "c": ""}
    later = retire(settings, {"d": "b"}, [])  # another change, kept by the first's undo
    take_back(settings, before, ["a", "c"])
    assert settings == {"other": 1, RETIRED_SETTING: {"d": "b"}}
    take_back(settings, later, ["d"])
    assert settings == {"other": 1}  # no empty record left behind
    assert retired_codes({RETIRED_SETTING: ["wrong"]}) == {}
    assert retired_codes({RETIRED_SETTING: {"a": 1, "b": "c"}}) == {"b": "c"}


def coded_study(folder: Path) -> tuple[Study, dict[str, str]]:
    """P1 and P2, each with a passage of Stress, one of Misc and one of Stress and Misc."""
    for name in ("P1", "P2"):
        (folder / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    study = open_study(folder)
    book = study.writable_codebook()
    codes = {name: book.create(name).id for name in ("Stress", "Anxiety", "Misc")}
    for entry in study.interviews:
        session = study.open_session(entry)
        session.add_highlight(make_highlight(TEXT, 3, 19).edited(codes=(codes["Stress"],)))
        session.add_highlight(make_highlight(TEXT, 23, 33).edited(codes=(codes["Misc"],)))
        both = (codes["Stress"], codes["Misc"])
        session.add_highlight(make_highlight(TEXT, 36, 46).edited(codes=both))
        save_notes(study.notes_path(entry), study.shared_notes(session.notes))
    study.save()
    return study, codes


def test_an_interview_added_again_follows_the_merges_and_deletions_made_without_it(
    tmp_path: Path,
) -> None:
    """Taken out, then Stress merged into Anxiety and Misc deleted, then added again: P2's
    passages are recoded as P1's were, its notes backed up first, and adopting its codes
    brings back none of the two."""
    study, codes = coded_study(tmp_path)
    p2 = study.interviews[1]
    study.remove_interview(p2.id)
    study.merge_codes(codes["Stress"], codes["Anxiety"])
    study.delete_code(codes["Misc"])
    study.save()
    ours = study.load_notes(study.interviews[0])
    assert ours is not None

    study = open_study(tmp_path)  # as a restart finds it: the record is in study.json
    again = study.add_interview(tmp_path / "P2.txt")
    theirs = study.load_notes(again)
    assert theirs is not None
    assert [h.codes for h in theirs.highlights] == [h.codes for h in ours.highlights]
    anxiety = (codes["Anxiety"],)
    assert [h.codes for h in theirs.highlights] == [anxiety, (), anxiety]  # Misc's: a colour
    assert [c.name for c in theirs.codebook] == ["Anxiety"]  # its copy for opening alone
    assert adopt_codes(study.writable_codebook(), theirs, "P2") == []
    assert list_backups(study.notes_path(again))  # the file as it was, kept first


def test_undoing_a_merge_takes_its_record_back(tmp_path: Path) -> None:
    study, codes = coded_study(tmp_path)
    p2 = study.interviews[1]
    study.remove_interview(p2.id)
    change = study.merge_codes(codes["Stress"], codes["Anxiety"])
    study.undo_code_change(change)
    study.save()
    assert RETIRED_SETTING not in orjson.loads(study.file.read_bytes())["settings"]
    study.add_interview(tmp_path / "P2.txt")
    notes = study.load_notes(p2)
    assert notes is not None and notes.highlights[0].codes == (codes["Stress"],)


def test_a_code_made_again_with_its_retired_id_is_not_followed(tmp_path: Path) -> None:
    """A tag's code, whose id its name makes, deleted, then used again: an interview added
    again keeps its passages of it (they were taken off)."""
    study, codes = coded_study(tmp_path)
    p2 = study.interviews[1]
    study.remove_interview(p2.id)
    misc = study.codebook.code(codes["Misc"])
    study.delete_code(misc.id)
    study.writable_codebook().codes.append(misc)  # its id, live again
    study.add_interview(tmp_path / "P2.txt")
    notes = study.load_notes(p2)
    assert notes is not None and notes.highlights[1].codes == (misc.id,)


def test_two_windows_retiring_codes_keep_both_records(tmp_path: Path) -> None:
    """One window deletes Misc while another merges Stress into Anxiety: study.json's
    merge keeps both records, code by code, and says nothing of a clash."""
    from reader.core.study_merge import merge_studies

    study, codes = coded_study(tmp_path)
    base = study.data.copy()
    ours, theirs = base.copy(), base.copy()
    retire(ours.settings, {}, [codes["Misc"]])
    retire(theirs.settings, {codes["Stress"]: codes["Anxiety"]}, [])
    merged = merge_studies(base, ours, theirs, "another window")
    assert retired_codes(merged.data.settings) == {
        codes["Misc"]: "",
        codes["Stress"]: codes["Anxiety"],
    }
    assert merged.conflicts == []


def test_undoing_the_add_gives_the_notes_their_codes_back(tmp_path: Path) -> None:
    """Adding P2 again recoded it; undoing the add puts its codes and codebook back as
    they were (then undoing the merge leaves the study as before), redoing recodes it."""
    study, codes = coded_study(tmp_path)
    p2 = study.interviews[1]
    before = study.load_notes(p2)
    study.remove_interview(p2.id)
    change = study.merge_codes(codes["Stress"], codes["Anxiety"])
    again = study.add_interview(tmp_path / "P2.txt")
    snapshot = [(study.index_of(again.id), again)]
    study.undo_add([again.id])
    assert again.id not in [e.id for e in study.interviews]
    assert study.load_notes(p2) == before
    study.redo_add(snapshot)
    notes = study.load_notes(p2)
    assert notes is not None and notes.highlights[0].codes == (codes["Anxiety"],)
    study.undo_add([again.id])
    study.undo_code_change(change)
    assert study.load_notes(p2) == before
