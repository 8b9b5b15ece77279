"""A code merge or deletion (or its undo) that the app was stopped in the middle of, killed
between the interviews' notes files or between them and study.json: opened again, the
study finishes it (reader/core/code_change_record.py), so that study.json's codebook and
every notes file agree, and says so. The kill is a BaseException raised where a write
would have been, which nothing in the app catches, as nothing runs after a kill."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from reader.core import study as study_module
from reader.core.annotations import make_highlight
from reader.core.code_change_record import code_change_path
from reader.core.retired_codes import RETIRED_SETTING
from reader.core.store import save_notes
from reader.core.study import Study, open_study
from tests.core.test_study import TEXT, write


class Killed(BaseException):
    """The app stopped there: nothing after it runs."""


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return coded_study(tmp_path)


def coded_study(folder: Path) -> Study:
    """Three interviews whose passage on "Lyon" is coded Work; Work and Care in the
    codebook; all saved."""
    for name in ("P1", "P2", "P3"):
        write(folder / f"{name}.txt")
    study = open_study(folder)
    book = study.writable_codebook()
    work = book.create("Work")
    book.create("Care")
    start = TEXT.index("Lyon")
    for entry in study.interviews:
        notes = study.open_session(entry).notes
        notes.highlights = [make_highlight(TEXT, start, start + 4).edited(codes=(work.id,))]
        save_notes(study.notes_path(entry), study.shared_notes(notes))
    study.save()
    return study


def ids(study: Study) -> tuple[str, str]:
    book = study.codebook
    return next(c.id for c in book if c.name == "Work"), next(
        c.id for c in book if c.name == "Care"
    )


def codings(folder: Path) -> list[list[str]]:
    """Each notes file's passages' codes, as on disk."""
    files = sorted((folder / "notes").glob("*.json"))
    return [
        [c for h in orjson.loads(p.read_bytes())["highlights"] for c in h["codes"]] for p in files
    ]


def kill_at_write(monkeypatch: pytest.MonkeyPatch, nth: int) -> None:
    """The app is killed as it is about to make its `nth` notes file write (0: the first);
    the app started again writes as usual."""
    real, seen = study_module.atomic_write, []

    def write_or_die(path: Path, data: bytes, **kwargs: bool) -> None:
        if path.suffix == ".json" and path.parent.name == "notes":
            seen.append(path)
            if len(seen) == nth + 1:
                raise Killed
        real(path, data, **kwargs)

    monkeypatch.setattr(study_module, "atomic_write", write_or_die)


def killed_in_a_merge(study: Study, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """Work merged into Care, the app killed after the first notes file; (Work, Care)."""
    work, care = ids(study)
    with monkeypatch.context() as killing:
        kill_at_write(killing, 1)
        with pytest.raises(Killed):
            study.merge_codes(work, care)
    return work, care


def notes_disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """No notes file can be written (a full disk); study.json and the records can."""
    real = study_module.atomic_write

    def full_disk(path: Path, data: bytes, **kwargs: bool) -> None:
        if path.parent.name == "notes":
            raise OSError(28, "No space left on device")
        real(path, data, **kwargs)

    monkeypatch.setattr(study_module, "atomic_write", full_disk)


def opened_again(folder: Path) -> tuple[Study, str]:
    study = open_study(folder)
    return study, study.finish_code_change()


@pytest.mark.parametrize("killed_at", [0, 1, 3])  # before the first file, after one, after all
def test_a_merge_killed_is_finished_when_the_study_opens(
    study: Study, monkeypatch: pytest.MonkeyPatch, killed_at: int
) -> None:
    work, care = ids(study)
    kill_at_write(monkeypatch, killed_at)
    with pytest.raises(Killed):
        study.merge_codes(work, care)
        raise Killed  # after the notes files: study.json is not written yet
    again, said = opened_again(study.folder)
    assert [c.name for c in again.codebook] == ["Care"]
    assert codings(study.folder) == [[care]] * 3
    assert again.data.settings[RETIRED_SETTING] == {work: care}
    assert said == (
        "The app was stopped while it merged codes: the merge is finished now, in the "
        "codebook and in every interview's notes."
    )
    again.save()
    assert open_study(study.folder).finish_code_change() == ""  # once
    assert [c.name for c in open_study(study.folder).codebook] == ["Care"]


def test_an_undo_of_a_deletion_killed_leaves_the_deletion_whole(
    study: Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, _care = ids(study)
    change = study.delete_code(work)
    study.save()
    assert codings(study.folder) == [[]] * 3  # the passages went: they showed only Work
    kill_at_write(monkeypatch, 1)
    with pytest.raises(Killed):
        study.undo_code_change(change)
    again, said = opened_again(study.folder)
    assert [c.name for c in again.codebook] == ["Care"]
    assert codings(study.folder) == [[]] * 3
    assert said == (
        "The app was stopped while it undid a deletion of codes: the codes stay deleted, in "
        "the codebook and in every interview's notes."
    )


def test_a_change_finished_and_saved_leaves_nothing_to_finish(study: Study) -> None:
    work, care = ids(study)
    study.merge_codes(work, care)
    study.save()
    assert opened_again(study.folder)[1] == ""


def test_a_code_made_while_a_change_stayed_unfinished_is_kept_when_it_is_finished(
    study: Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    _work, care = killed_in_a_merge(study, monkeypatch)
    with monkeypatch.context() as full:
        notes_disk_full(full)
        unfinished = open_study(study.folder)
        assert "could not be finished now" in unfinished.finish_under_way()[0]
        unfinished.writable_codebook().create("Family")  # the user works on meanwhile
        unfinished.save()
    again, said = opened_again(study.folder)
    assert said.startswith("The app was stopped while it merged codes")
    assert [c.name for c in again.codebook] == ["Care", "Family"]
    assert codings(study.folder) == [[care]] * 3


def unwritten_in_the_open_interview(study: Study, change: Callable[[str], object]) -> None:
    """`change(skip)` made with the first interview open, whose notes could not be written
    after it (as the window's saver finds), and study.json saved."""
    change(study.interviews[0].id)
    study.change_unwritten()
    study.save()


def test_a_second_change_made_while_one_is_unfinished_finishes_both_in_order(
    study: Study,
) -> None:
    """Work merged into Care while the open interview's notes could not be written, then
    a code deleted: the deletion's record took the merge's place, and the open
    interview's passage stayed on Work, a code the study no longer has, for good."""
    work, care = ids(study)
    family = study.writable_codebook().create("Family").id
    study.save()
    unwritten_in_the_open_interview(study, lambda skip: study.merge_codes(work, care, skip))
    unwritten_in_the_open_interview(study, lambda skip: study.delete_code(family, skip))
    again, said = opened_again(study.folder)  # killed before the notes were written
    assert codings(study.folder) == [[care]] * 3
    assert [c.name for c in again.codebook] == ["Care"]
    assert "2 changes to the codes" in said
    again.save()
    assert not code_change_path(again.file).exists()


def test_a_merge_into_a_code_deleted_since_deletes_its_passages_too(study: Study) -> None:
    """Work merged into Care (the open interview's notes unwritten), then Care deleted:
    finished, the open interview's passage on Work goes as the others' did with Care, and
    neither code comes back."""
    work, care = ids(study)
    unwritten_in_the_open_interview(study, lambda skip: study.merge_codes(work, care, skip))
    unwritten_in_the_open_interview(study, lambda skip: study.delete_code(care, skip))
    again, _said = opened_again(study.folder)
    assert codings(study.folder) == [[]] * 3
    assert list(again.codebook) == []
    assert again.data.settings[RETIRED_SETTING] == {work: "", care: ""}  # both deleted


def test_a_merge_whose_target_another_program_deleted_does_not_bring_it_back(
    study: Study, tmp_path: Path
) -> None:
    """The merge into Care left unfinished and study.json saved; then Care deleted by
    another program (a sync of study.json): finishing the merge neither makes Care again
    nor leaves a passage on it."""
    work, care = ids(study)
    unwritten_in_the_open_interview(study, lambda skip: study.merge_codes(work, care, skip))
    data = orjson.loads(study.file.read_bytes())
    data["codes"] = [c for c in data["codes"] if c["id"] != care]
    study.file.write_bytes(orjson.dumps(data))
    again, _said = opened_again(study.folder)
    assert list(again.codebook) == []
    assert codings(study.folder)[0] == []


def test_a_record_of_one_change_as_once_written_is_finished(study: Study) -> None:
    work, care = ids(study)
    study.merge_codes(work, care)  # killed before study.json
    record = code_change_path(study.file)
    (entry,) = orjson.loads(record.read_bytes())["changes"]
    old = {k: entry[k] for k in ("codebook", "mapping", "removed", "interviews", "undoing")}
    record.write_bytes(orjson.dumps(old))
    again, said = opened_again(study.folder)
    assert said.startswith("The app was stopped while it merged codes")
    assert [c.name for c in again.codebook] == ["Care"]


def test_an_unfinished_merge_undone_leaves_nothing_to_finish(study: Study) -> None:
    """Merged with the open interview's notes unwritten, a code deleted, both undone and
    saved: nothing is finished later (the merge finished would undo the user's undo)."""
    work, care = ids(study)
    family = study.writable_codebook().create("Family").id
    skip = study.interviews[0].id
    merge = study.merge_codes(work, care, skip)
    study.change_unwritten()
    study.save()
    deletion = study.delete_code(family, skip)
    study.save()
    study.undo_code_change(deletion, skip=skip)
    study.save()
    assert code_change_path(study.file).exists()  # the merge's, still unfinished
    study.undo_code_change(merge, skip=skip)
    study.save()
    assert not code_change_path(study.file).exists()
    assert opened_again(study.folder)[1] == ""


def test_a_spoilt_record_goes_at_the_first_save(study: Study) -> None:
    """A record that cannot be read holds nothing to finish; kept, the command line would
    refuse the study's exports for good."""
    record = code_change_path(study.file)
    record.write_bytes(b'{"changes": [{"codebook"')
    again, said = opened_again(study.folder)
    assert said == ""
    again.save()
    assert not record.exists()


def test_a_code_edited_while_a_merge_could_not_be_finished_keeps_its_edit_and_new_place(
    study: Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Night, below Work, renamed while the merge of Work into Care could not be finished
    (the disk full as the study opened), the study opened again with room: Night went
    back to its old name, or kept it under no code at all; now it is "Nights", under Care,
    where the merge moved it."""
    work, care = ids(study)
    night = study.writable_codebook().create("Night", parent=work).id
    study.save()
    with monkeypatch.context() as killing:
        kill_at_write(killing, 1)
        with pytest.raises(Killed):
            study.merge_codes(work, care)
    with monkeypatch.context() as full:
        notes_disk_full(full)
        again = open_study(study.folder)
        assert "could not be finished now" in " ".join(again.finish_under_way())
        again.writable_codebook().update(night, name="Nights")
        again.save()
    again = open_study(study.folder)
    said = " ".join(again.finish_under_way())
    assert "the merge is finished now" in said
    code = again.codebook.code(night)
    assert (code.name, code.parent) == ("Nights", care)
    assert codings(study.folder) == [[care]] * 3
