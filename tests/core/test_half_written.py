"""Another program's write under way (reader/core/half_written.py): a version that looks
cut off is taken as it is only once it has stayed so for a while; study.json's too."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reader.core import half_written
from reader.core.half_written import (
    WHOLE_AFTER_NS,
    BeingWrittenError,
    cut_wait_ms,
    looks_cut,
    wait_ms,
)
from reader.core.notes_opening import read_notes
from reader.core.read_only import ReadOnly
from reader.core.study import StudyError, open_study


@pytest.fixture(autouse=True)
def waits_as_the_app_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", WHOLE_AFTER_NS)
    monkeypatch.setattr(half_written, "SETTLE_NS", 2_000_000_000)


def aged(path: Path, seconds: float) -> None:
    """`path` last changed `seconds` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.mark.parametrize(
    ("data", "name", "cut"),
    [
        (b'{"a": 1}', "n.json", False),
        (b'{"a": ', "n.json", True),
        (b"", "n.json", True),
        (b"# Themes\nNights\n", "memo.md", False),
        (b"# Themes\nNig", "memo.md", True),
        (b"", "memo.md", True),
    ],
)
def test_what_looks_cut_off(data: bytes, name: str, cut: bool) -> None:
    assert looks_cut(data, Path(name)) is cut


@pytest.mark.parametrize(
    ("data", "cut"),
    [
        (b"# Themes\n", True),  # the start alone of ours: the rest to be written
        (b"# Themes\nNights\n", False),  # ours
        (b"# Themes\nNights\nDays\n", False),
        (b"# Moods\n", False),  # not the start of ours
    ],
)
def test_a_memo_that_is_the_start_of_ours_alone_looks_cut(data: bytes, cut: bool) -> None:
    assert looks_cut(data, Path("memo.md"), b"# Themes\nNights\n") is cut


def test_a_cut_version_is_waited_on_while_it_is_fresh(tmp_path: Path) -> None:
    memo = tmp_path / "memo.md"
    memo.write_bytes(b"# Themes\nNig")
    assert 4000 < cut_wait_ms(memo.read_bytes(), memo) <= 5001
    aged(memo, 3)
    assert 1000 < wait_ms(memo, WHOLE_AFTER_NS) <= 2001
    aged(memo, 6)
    assert cut_wait_ms(memo.read_bytes(), memo) == 0


def test_a_memo_that_looks_whole_is_waited_on_less_and_json_that_parses_not_at_all(
    tmp_path: Path,
) -> None:
    """Found by the safety review (F5): a memo written in place, paused at a line end,
    looks whole; merged then, its second half was taken for deleted. Markdown has no end
    mark, so any memo another program just wrote is given a moment to be done."""
    memo = tmp_path / "memo.md"
    memo.write_bytes(b"# Themes\nNights\n")
    assert 1000 < cut_wait_ms(memo.read_bytes(), memo) <= 2001
    aged(memo, 1.5)
    assert 0 < cut_wait_ms(memo.read_bytes(), memo) <= 501
    aged(memo, 2.5)
    assert cut_wait_ms(memo.read_bytes(), memo) == 0
    notes = tmp_path / "notes.json"
    notes.write_bytes(b'{"a": 1}')  # fresh: whole all the same
    assert cut_wait_ms(notes.read_bytes(), notes) == 0


def test_a_version_dated_after_now_is_not_waited_on(tmp_path: Path) -> None:
    """A clock ahead on the machine that wrote it: no wait could end."""
    memo = tmp_path / "memo.md"
    memo.write_bytes(b"cut")
    aged(memo, -60)
    assert wait_ms(memo, WHOLE_AFTER_NS) == 0
    assert wait_ms(tmp_path / "gone.md", WHOLE_AFTER_NS) == 0


@pytest.mark.parametrize("clock", [-3600, 60], ids=["behind", "ahead"])
def test_a_watched_file_is_waited_on_by_our_clock_whatever_the_writers_clock_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: float
) -> None:
    """A network share dates a file by another computer's clock: one an hour behind ours
    made a write under way look long done, and its half was merged as the deletion of the
    rest. A file watched while open waits by our clock, from the first look at a version."""
    now = [10**12]
    monkeypatch.setattr(half_written, "monotonic_ns", lambda: now[0])
    notes = tmp_path / "notes.json"
    notes.write_bytes(b'{"highlights": [')
    aged(notes, -clock)
    assert cut_wait_ms(notes.read_bytes(), notes) == 0  # opened: the file's time alone
    assert cut_wait_ms(notes.read_bytes(), notes, watched=True) == 5001
    now[0] += 3 * 10**9
    assert cut_wait_ms(notes.read_bytes(), notes, watched=True) == 2001
    notes.write_bytes(b'{"highlights": [1, ')  # more of the write: counted from here
    aged(notes, -clock)
    now[0] += 3 * 10**9
    assert cut_wait_ms(notes.read_bytes(), notes, watched=True) == 5001
    now[0] += 5 * 10**9
    assert cut_wait_ms(notes.read_bytes(), notes, watched=True) == 0
    notes.write_bytes(b'{"highlights": [1]}')  # whole: taken at once
    assert cut_wait_ms(notes.read_bytes(), notes, watched=True) == 0


def test_study_json_half_written_in_place_is_waited_on_then_kept_by_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the safety review (F4): half of another program's in-place write was
    renamed aside, so the rest of that write went into the renamed file, and the study
    lost the change. Now it waits; a file still unreadable once done is copied aside and
    written over by the next save, the program still writing writing to study.json."""
    now = [10**12]
    monkeypatch.setattr(half_written, "monotonic_ns", lambda: now[0])
    folder = tmp_path / "Study"
    folder.mkdir()
    (folder / "P01.txt").write_text("Q: Hello?\nA: Hi.\n", "utf-8")
    study = open_study(folder)
    study.save()
    whole = study.file.read_bytes()
    with study.file.open("r+b") as writer:  # truncated and half written, in place
        writer.truncate(0)
        writer.write(whole[: len(whole) // 2])
        writer.flush()
        inode = os.fstat(writer.fileno()).st_ino
        assert study.merge_from_disk() is None and study.wait_ms > 0
        with pytest.raises(BeingWrittenError):  # the command line says so, the window waits
            study.save()
        assert study.file.read_bytes() == whole[: len(whole) // 2]
        assert study.warnings == [] and list(folder.glob("study.corrupt-*")) == []
        aged(study.file, 10)  # the writer stopped there: unreadable for good
        now[0] += 10 * 10**9
        assert study.merge_from_disk() is None and study.wait_ms == 0
        assert study.file_gone() and study.file.stat().st_ino == inode  # not renamed
        (kept,) = folder.glob("study.corrupt-*.json")
        assert kept.read_bytes() == whole[: len(whole) // 2]
        assert "kept as" in study.warnings[0]
    study.save()
    assert study.file.read_bytes() == whole and not study.file_gone()


def test_a_study_whose_study_json_is_being_written_is_not_opened_over_it(
    tmp_path: Path,
) -> None:
    """Opening it set half of another program's write aside, and the command line's import
    then wrote a study made from the folder in its place."""
    folder = tmp_path / "Study"
    folder.mkdir()
    (folder / "P01.txt").write_text("Q: Hello?\nA: Hi.\n", "utf-8")
    open_study(folder).save()
    whole = (folder / "study.json").read_bytes()
    (folder / "study.json").write_bytes(whole[:40])
    with pytest.raises(StudyError, match="half written"):
        open_study(folder)
    assert (folder / "study.json").read_bytes() == whole[:40]
    aged(folder / "study.json", 10)  # it stayed so: unreadable, set aside as before
    assert "could not be read" in " ".join(open_study(folder).warnings)


def test_notes_being_written_open_read_only_and_are_never_set_aside(tmp_path: Path) -> None:
    """As study.json's: half of another program's write was renamed aside as unreadable."""
    notes = tmp_path / "notes.json"
    notes.write_bytes(b'{"format": "interview-reader-notes", "ver')
    read = read_notes(notes)
    assert read.read_only and "half written" in read.messages[0]
    assert read.file_cause is ReadOnly.NOTES_BEING_WRITTEN and 4000 < read.wait_ms <= 5001
    assert list(tmp_path.iterdir()) == [notes]
    aged(notes, 10)
    assert read_notes(notes).recovery is not None  # unreadable: set aside, the user asked


def test_a_watched_file_cut_again_later_is_waited_on_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by a code review: a version was remembered as first seen for good, so a file
    cut to nothing again an hour later (an in-place write starts so) was judged by the
    first time, and taken at once as whole; and what was remembered grew with every
    version seen. A version taken is forgotten."""
    now = [10**12]
    monkeypatch.setattr(half_written, "monotonic_ns", lambda: now[0])
    notes = tmp_path / "notes.json"
    for _ in range(2):
        notes.write_bytes(b"")  # cut to nothing, by a writer whose clock is an hour behind
        aged(notes, 3600)
        assert cut_wait_ms(notes.read_bytes(), notes, watched=True) == 5001
        notes.write_bytes(b'{"highlights": []}')
        assert cut_wait_ms(notes.read_bytes(), notes, watched=True) == 0
        now[0] += 3600 * 10**9
    assert os.fspath(notes) not in half_written._first_seen
