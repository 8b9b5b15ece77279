"""A study's notes files as last read (core/notes_files_cache.py): read again only when
changed, unreadable and absent ones told apart, and one parse shared by the Annotations
panel's and the codebook's readers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reader.core import notes_files_cache
from reader.core.code_use import CodingSets
from reader.core.codebook import codes_in_sets
from reader.core.notes_files_cache import NotesFilesCache
from reader.core.store import load_notes, save_notes
from reader.core.study_highlights import StudyHighlights
from tests.core.test_refi import coded_study


def test_a_notes_file_is_read_again_only_when_it_changed(tmp_path: Path) -> None:
    study = coded_study(tmp_path / "study")
    cache = NotesFilesCache()
    first = cache.coded(study)
    assert [len(n.highlights) for _, n in first] == [2, 1]
    again = cache.coded(study)
    assert all(a[1] is b[1] for a, b in zip(first, again, strict=True))  # not read again
    p1, p2 = study.interviews
    notes = study.load_notes(p2)
    notes.highlights = []
    save_notes(study.notes_path(p2), notes)
    later = cache.coded(study)
    assert later[0][1] is first[0][1] and later[1][1].highlights == []
    assert [e.id for e, _ in cache.coded(study, skip=p1.id)] == [p2.id]
    study.notes_path(p1).write_bytes(b"{ not json")
    assert [e.id for e, _ in cache.coded(study)] == [p2.id]  # unreadable: left out
    assert cache.read(study.notes_path(p1)).problem  # and why is kept


@pytest.mark.parametrize("raw", [b"", b"\xff\xfe\x00binary", b'{"format": 99}'])
def test_unreadable_and_absent_files_are_told_apart(tmp_path: Path, raw: bytes) -> None:
    cache = NotesFilesCache()
    absent = cache.read(tmp_path / "none.json")
    assert absent.notes is None and absent.problem == ""
    bad = tmp_path / "bad.json"
    bad.write_bytes(raw)
    read = cache.read(bad)
    assert read.notes is None and read.problem
    bad.unlink()
    assert cache.read(bad).problem == ""  # gone: no file, nothing kept of it


def test_the_annotations_and_the_codebook_share_one_parse_of_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    study = coded_study(tmp_path / "study")
    parsed: list[Path] = []

    def counting(path: Path) -> object:
        parsed.append(path)
        return load_notes(path)

    monkeypatch.setattr(notes_files_cache, "load_notes", counting)
    cache = NotesFilesCache()
    highlights = StudyHighlights(study, cache)
    for entry in study.interviews:
        highlights.get(entry)
    cache.coded(study)
    assert sorted(parsed) == sorted(study.notes_path(e) for e in study.interviews)
    cache.clear()
    cache.coded(study)
    assert len(parsed) == 2 * len(study.interviews)  # cleared: read again


def test_coding_sets_add_up_every_readable_file_and_stop_between_files(tmp_path: Path) -> None:
    """As the codebook counted on the GUI thread (each file's `coding_sets`, summed, and
    the set of codes each file applies); an absent, empty, binary or malformed file counts
    none; `stop` ends the count."""
    study = coded_study(tmp_path / "study")
    handover, light = (study.codebook.find(n).id for n in ("Handover", "Light"))
    paths = [study.notes_path(e) for e in study.interviews]
    bad = []
    for name, raw in (("empty", b""), ("binary", b"\xff\xfe\x00\x01"), ("half", b'{"format":')):
        bad.append(tmp_path / f"{name}.json")
        bad[-1].write_bytes(raw)
    cache = NotesFilesCache()
    every = [*paths, tmp_path / "absent.json", *bad]
    counted = cache.coding_sets(every)
    assert codes_in_sets(counted.passages) == {handover: 1, light: 3}
    assert counted.interviews == {frozenset({handover, light}): 1, frozenset({light}): 1}
    assert cache.coding_sets(paths[1:]) == CodingSets(
        Counter({frozenset({light}): 1}), Counter({frozenset({light}): 1})
    )
    assert cache.coding_sets([]) == CodingSets()
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 1  # after the first file

    assert cache.coding_sets(paths, stop) is None
    assert cache.coding_sets(paths, lambda: False) == counted


def test_files_with_the_same_codebook_share_one_copy_and_a_changed_one_keeps_its_own(
    tmp_path: Path,
) -> None:
    """Each notes file of a study carries the study's codebook: the same copies are held
    once (500 files with 1,000 codes held 175 MB); a copy that differs in anything, a
    name, is its own."""
    study = coded_study(tmp_path / "study")
    p1, p2 = study.interviews
    for entry in (p1, p2):
        notes = study.load_notes(entry)
        notes.codebook = study.codebook.copy()
        save_notes(study.notes_path(entry), notes)
    cache = NotesFilesCache()
    one, two = (cache.read(study.notes_path(e)).notes for e in (p1, p2))
    assert one is not None and two is not None
    assert one.codebook is two.codebook
    assert list(one.codebook) == list(study.codebook)
    renamed = study.load_notes(p2)
    first = renamed.codebook.codes[0]
    renamed.codebook = renamed.codebook.copy()
    renamed.codebook.rename(first.id, first.name + " (old)")
    save_notes(study.notes_path(p2), renamed)
    again = cache.read(study.notes_path(p2)).notes
    assert again is not None and again.codebook is not one.codebook
    assert again.codebook.get(first.id).name == first.name + " (old)"
    assert one.codebook.get(first.id).name == first.name  # the shared copy is untouched
