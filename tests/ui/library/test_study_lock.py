"""Two windows on one study: the second has it read-only (study.json.lock is the first's)
and takes the study over once the first closes it, as it takes over an interview's notes
(tests/ui/test_safety.py): the library, the memo, the open interview's notes writable."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.core.lock_files import study_lock
from reader.core.read_only import ReadOnly
from reader.core.study import open_study
from reader.ui.persistence.locks import NotesLock, WindowLock
from reader.ui.window.main_window import MainWindow
from tests.core.test_lock_files import WAIT_FOR_STDIN, held_by
from tests.ui.library.conftest import FullLockDisk
from tests.ui.memo.test_study_memo import memo_file, open_memo
from tests.ui.persistence.test_locks import typed
from tests.ui.test_codebook import study_json
from tests.ui.test_read_only_undo import activate
from tests.ui.test_rescued_copies import rescued
from tests.ui.test_safety import lock_held_by_a_process


def test_the_second_window_takes_the_study_once_the_first_closes(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """It stayed read-only after the first closed (the library, the memo and study-wide
    edits greyed out) until the app was started again."""
    first, second = make_study_window(folder), make_study_window(folder)
    owner = second.study
    assert owner.read_only_cause is ReadOnly.STUDY_IN_USE
    assert second.interview.read_only and "read-only" in second.banner.text()
    first.close()
    qtbot.waitUntil(lambda: not owner.read_only, timeout=5000)
    assert "The other window closed this study" in second.banner.text()
    assert owner.why_read_only() == "" and second.interview.why_read_only() == ""
    assert "(read-only)" not in second.windowTitle()
    assert not second.codebook.hub.read_only  # the codes may be changed too

    assert owner.study is not None
    ana = owner.study.interviews[0].id
    assert owner.rename(ana, title="Ana, nights")  # a study-wide edit, saved
    assert next(i for i in study_json(folder)["interviews"] if i["id"] == ana)["title"] == (
        "Ana, nights"
    )
    second.notes_editor.insertPlainText("typed after the takeover")
    notes_path = second.interview.notes_path
    assert notes_path is not None and second.interview.flush()
    assert "after the takeover" in notes_path.read_text("utf-8")
    open_memo(second, qtbot)
    assert not second.notes_editor.isReadOnly()
    second.notes_editor.insertPlainText("memo here")
    assert second.study_actions.memo_saved()  # written now, as closing the study writes it
    assert memo_file(folder).read_text("utf-8") == "memo here"


def test_a_window_watched_while_the_other_is_killed_takes_the_study_by_itself(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """The window that had the study open killed: its lock file stayed, and the study, its
    memo and the open interview's notes stayed read-only until the user left the app and
    came back. They are this window's by itself now, and it says so."""
    with lock_held_by_a_process(study_lock(folder)):
        window = make_study_window(folder)
        owner = window.study
        assert owner.read_only_cause is ReadOnly.STUDY_IN_USE and window.interview.read_only
    qtbot.waitUntil(lambda: not owner.read_only, timeout=10_000)
    assert "ended without closing this study" in window.banner.text()
    assert not window.interview.read_only and "(read-only)" not in window.windowTitle()
    open_memo(window, qtbot)
    assert not window.notes_editor.isReadOnly()
    window.notes_editor.insertPlainText("memo here")
    assert window.study_actions.memo_saved()
    assert memo_file(folder).read_text("utf-8") == "memo here"


def test_a_code_merge_the_killed_window_left_unfinished_is_finished_on_taking_over(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """The window that had the study killed in a merge, before study.json: the window that
    took the study over saved it later without the merge, and dropped the record that
    would have finished it; Work stayed in the Codebook for good."""
    study = open_study(folder)
    work, care = study.writable_codebook().create("Work"), study.writable_codebook().create("Care")
    study.save()
    with lock_held_by_a_process(study_lock(folder)):
        window = make_study_window(folder)
        owner = window.study
        study.merge_codes(work.id, care.id)  # the other window, killed before study.json
    qtbot.waitUntil(lambda: not owner.read_only, timeout=10_000)
    assert owner.study is not None
    assert [c.name for c in owner.study.codebook] == ["Care"]
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Care"]
    assert not (folder / "study.json.code-change").exists()
    assert "the merge is finished now" in window.banner.text()


def test_notes_another_window_still_edits_stay_read_only_until_it_lets_them_go(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """The study comes first; the open interview's notes wait for their own lock, which
    is taken over as any notes' lock is."""
    first, second = make_study_window(folder), make_study_window(folder)
    notes_path = second.interview.notes_path
    assert notes_path is not None
    first.close()
    other = NotesLock(notes_path)  # another window (of this process) edits the notes still
    assert other.acquire() == ""
    qtbot.waitUntil(lambda: not second.study.read_only, timeout=5000)
    interview = second.interview
    assert interview.read_only_cause is ReadOnly.NOTES_IN_USE
    assert "window is editing them" in second.banner.text()
    other.release()
    qtbot.waitUntil(lambda: not interview.read_only, timeout=5000)
    assert "you can edit them here now" in second.banner.text()


def test_a_study_left_open_on_another_computer_may_be_opened_here_after_asking(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """A study synced between two computers, the laptop's battery dead with it open: its
    lock files, synced here, kept the study and its notes read-only for good, with only
    Dismiss offered (the data-safety review's finding 3)."""
    first = make_study_window(folder)
    notes_path = first.interview.notes_path
    assert notes_path is not None
    first.close()
    laptop = "4242\ninterview-reader\nlaptop\n\n"  # as QLockFile writes one there
    (folder / "study.json.lock").write_text(laptop, "utf-8")
    Path(f"{notes_path}.lock").write_text(laptop, "utf-8")
    window = make_study_window(folder)
    owner = window.study
    assert owner.read_only and window.interview.read_only
    qtbot.waitUntil(lambda: "on the computer “laptop”" in window.banner.text(), timeout=5000)
    (button,) = [b for b in window.banner.buttons if b.text() == "Open Here Anyway…"]
    dialogs.choice_answers.append("Cancel")
    button.click()
    assert owner.read_only and (folder / "study.json.lock").exists()
    (button,) = [b for b in window.banner.buttons if b.text() == "Open Here Anyway…"]
    dialogs.choice_answers.append("Open Here Anyway")
    button.click()
    qtbot.waitUntil(lambda: not owner.read_only and not window.interview.read_only, timeout=5000)
    assert dialogs.titles().count("Open Here Anyway?") == 2
    window.notes_editor.insertPlainText("typed here now")
    assert window.interview.flush() and "typed here now" in notes_path.read_text("utf-8")
    assert "laptop" not in (folder / "study.json.lock").read_text("utf-8")


def test_a_window_whose_study_another_computer_opened_anyway_turns_read_only_keeping_words(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Found by the lock review: "Open Here Anyway" on another computer deleted this
    window's lock files (synced there) and wrote its own, which came back here; this window
    never noticed, and went on writing the study and the notes over that one's. It turns
    read-only as their lock files come, what was typed and not saved kept in a copy, and
    those lock files are left as they are."""
    window = make_study_window(folder)
    notes_path = typed(window, qtbot, "typed here")
    assert window.interview.flush()
    qtbot.keyClicks(window.notes_editor, " and more")  # not saved yet
    laptop = "4242\ninterview-reader\nlaptop\n\n"  # as QLockFile writes one there
    for lock in (study_lock(folder), Path(f"{notes_path}.lock")):  # as a sync tool writes
        lock.with_name("synced.tmp").write_text(laptop, "utf-8")
        os.replace(lock.with_name("synced.tmp"), lock)
    qtbot.waitUntil(lambda: window.study.read_only and window.interview.read_only, timeout=10_000)
    assert window.study.read_only_cause is ReadOnly.STUDY_IN_USE
    assert "on the computer “laptop”" in window.banner.text()
    assert window.notes_editor.isReadOnly() and "typed here and more" in (
        window.notes_editor.toPlainText()
    )
    (copy,) = rescued("*.json")
    assert "typed here and more" in copy.read_text("utf-8")
    assert "and more" not in notes_path.read_text("utf-8")
    assert (folder / "study.json.lock").read_text("utf-8") == laptop
    assert Path(f"{notes_path}.lock").read_text("utf-8") == laptop
    window.close()
    assert (folder / "study.json.lock").read_text("utf-8") == laptop
    assert Path(f"{notes_path}.lock").read_text("utf-8") == laptop


def test_a_lock_of_this_computer_is_never_let_go_of_by_its_name(tmp_path: Path) -> None:
    import socket

    from reader.core.lock_files import let_go_of

    lock = tmp_path / "study.json.lock"
    lock.write_text(f"1\ninterview-reader\n{socket.gethostname()}\n", "utf-8")
    other = tmp_path / "other.json.lock"
    other.write_text("1\ninterview-reader\nlaptop\n", "utf-8")
    assert let_go_of(socket.gethostname(), [lock, other]) == 0 and lock.exists()
    assert let_go_of("laptop", [lock, other, tmp_path / "gone.lock"]) == 1
    assert lock.exists() and not other.exists()


def test_a_study_opened_where_its_lock_could_not_be_made_takes_it_once_it_can(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    disk_full: FullLockDisk,
) -> None:
    """Found by the safety review: a study opened on a full disk never took its lock, so a
    second window opened it writable too, however long the first went on saving."""
    first = make_study_window(folder)
    owner = first.study
    assert not owner.read_only and not (folder / "study.json.lock").exists()
    disk_full.full = False
    assert owner.study is not None
    assert owner.rename(owner.study.interviews[0].id, title="Ana, nights")  # saved
    qtbot.waitUntil((folder / "study.json.lock").exists)  # and locked, as it looks again
    second = make_study_window(folder)
    assert second.study.read_only_cause is ReadOnly.STUDY_IN_USE


def test_a_window_that_took_the_study_first_makes_the_unlocked_one_read_only(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    disk_full: FullLockDisk,
) -> None:
    """The window without the lock, as it sees the other's lock file come, is read-only."""
    first = make_study_window(folder)
    disk_full.full = False
    second = make_study_window(folder)
    assert not second.study.read_only  # the lock is the second's
    qtbot.waitUntil(lambda: first.study.read_only, timeout=5000)
    assert first.study.read_only_cause is ReadOnly.STUDY_IN_USE
    assert "The study is read-only here now" in first.banner.text()


def test_a_study_folder_renamed_while_open_keeps_no_lock_files_once_closed(
    make_study_window: Callable[[Path], MainWindow], folder: Path
) -> None:
    """Found by the safety review: the locks were let go at the old path, so the renamed
    folder kept them for good, and a computer syncing it opened the study read-only."""
    window = make_study_window(folder)
    assert sorted(p.name for p in folder.rglob("*.lock")) == sorted(
        ["study.json.lock", f"{window.interview.notes_path.name}.lock"]
    )
    renamed = folder.with_name("Renamed study")
    folder.rename(renamed)
    window.close()
    assert list(renamed.rglob("*.lock")) == []


def test_the_read_only_window_follows_the_other_windows_changes_as_that_windows(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Found by the safety review: each change of the window that has the study replaced
    the read-only window's reason with "Merged the study from another program", and so
    did the last one, made just before it closed the study."""
    first, second = make_study_window(folder), make_study_window(folder)
    said: list[str] = []
    second.study.message.connect(said.append)
    assert first.study.study is not None and second.study.study is not None
    ids = [e.id for e in first.study.study.interviews]
    assert first.study.rename(ids[0], title="Ana, nights")
    qtbot.waitUntil(lambda: second.study.study.interviews[0].title == "Ana, nights")
    assert "Opened the study read-only" in second.banner.text()
    assert second.statusBar().currentMessage() == "Updated from the other window."
    assert first.study.rename(ids[1], title="Ben, days")
    first.close()  # right after its change
    qtbot.waitUntil(lambda: not second.study.read_only, timeout=5000)
    qtbot.waitUntil(lambda: second.study.study.interviews[1].title == "Ben, days")
    assert "The other window closed this study" in second.banner.text()
    assert not [m for m in said if "another program" in m]


@pytest.mark.parametrize("still_locked", [False, True])
def test_a_study_whose_crashed_windows_process_id_a_later_python_took_opens_writable(
    make_study_window: Callable[[Path], MainWindow], folder: Path, still_locked: bool
) -> None:
    """It opened read-only, "another Interview Reader window" having it, until that other
    program (a notebook, a script: Python, the same program for Qt) ended. A lock a
    running window holds (flock) is never taken, whatever its file says."""
    lock = folder / "study.json.lock"
    take = (
        f"from PySide6.QtCore import QLockFile; lock = QLockFile({str(lock)!r}); "
        "assert lock.tryLock(0); print(flush=True); " + WAIT_FOR_STDIN
    )
    program = [sys.executable, "-c", take if still_locked else WAIT_FOR_STDIN]
    with subprocess.Popen(program, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as later:
        try:
            if still_locked:
                assert later.stdout is not None and later.stdout.readline() == b"\n"
            else:
                lock.write_text(held_by(later.pid), "utf-8")
            a_minute_before = time.time() - 60
            os.utime(lock, (a_minute_before, a_minute_before))
            window = make_study_window(folder)
            assert window.study.read_only == still_locked
            assert (f"{later.pid}\n" in lock.read_text("utf-8")) == still_locked
        finally:
            later.kill()


def test_undo_after_another_window_took_the_study_late_says_that_window_has_it(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    disk_full: FullLockDisk,
) -> None:
    """Found by the bad-conditions review: a window that opened the study where no lock
    could be made, and met another window's lock once there was room, refused Undo saying
    the study "was saved by a newer Interview Reader"."""
    first = make_study_window(folder)
    owner = first.study
    assert owner.study is not None
    assert owner.rename(owner.study.interviews[0].id, title="Ana, nights")  # saved, unlocked
    disk_full.full = False
    other = WindowLock(study_lock(folder), "has it open", unwritable_words="")
    assert other.acquire() == ""  # another window takes the study, before this one looks
    qtbot.waitUntil(lambda: owner.read_only, timeout=10_000)
    activate(first, qtbot)
    first.library.view.setFocus()
    first.window_actions.undo.trigger()
    said = first.statusBar().currentMessage()
    assert said == ReadOnly.STUDY_IN_USE.value and "newer" not in first.banner.text()
    assert study_json(folder)["interviews"][0]["title"] == "Ana, nights"
    other.release()


def test_notes_open_as_another_window_takes_the_study_late_follow_it_and_come_back(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    disk_full: FullLockDisk,
) -> None:
    """Found by the lock review: the banner said nothing in the study would be changed here
    while the open interview's notes stayed editable (and saved). They follow the study now,
    as another interview opened in it would, what was typed written first; and they are
    editable again once the other window closes the study."""
    window = make_study_window(folder)
    notes_path = window.interview.notes_path
    assert notes_path is not None
    disk_full.full = False
    other = WindowLock(study_lock(folder), "has it open", unwritable_words="")
    assert other.acquire() == ""  # another window takes the study, before this one looks
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "typed just before")
    qtbot.waitUntil(lambda: window.study.read_only, timeout=10_000)
    assert window.interview.read_only_cause is ReadOnly.STUDY_IN_USE
    assert window.notes_editor.isReadOnly()
    assert "typed just before" in notes_path.read_text("utf-8")
    assert not Path(f"{notes_path}.lock").exists()  # the other window may edit them
    other.release()
    qtbot.waitUntil(lambda: not window.interview.read_only, timeout=10_000)
    assert not window.notes_editor.isReadOnly() and Path(f"{notes_path}.lock").exists()
    qtbot.keyClicks(window.notes_editor, " and after")
    assert window.interview.flush()
    assert "typed just before and after" in notes_path.read_text("utf-8")


def test_notes_open_as_a_newer_study_json_comes_turn_read_only_with_the_study(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """The banner said nothing in the study would be changed here; the notes stayed
    editable and went on saving."""
    from reader.core.study import open_study
    from tests.ui.library.test_read_only_unsaved import newer_study_json_comes

    open_study(folder).save()
    window = make_study_window(folder)
    notes_path = typed(window, qtbot, "typed just before")
    newer_study_json_comes(window, folder, qtbot)
    assert window.interview.read_only_cause is ReadOnly.STUDY_FILE
    assert window.notes_editor.isReadOnly()
    assert "typed just before" in notes_path.read_text("utf-8")
