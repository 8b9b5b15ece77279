"""A study turned read-only here while study.json had not taken its last changes (a full
disk): another window took the study once there was room, or a newer build's study.json
came. Every word says what is saved and what is not, and nothing typed is lost."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtWidgets import QMessageBox

from reader.core.lock_files import study_lock
from reader.core.read_only import ReadOnly
from reader.core.study import open_study
from reader.ui.persistence.locks import WindowLock
from reader.ui.window.main_window import MainWindow
from tests.ui.library.conftest import FullLockDisk
from tests.ui.memo.test_study_memo import memo_file, open_memo
from tests.ui.persistence.test_locks import LAPTOP
from tests.ui.persistence.test_taking_back import OPEN_HERE, click, synced
from tests.ui.test_nothing_lost import FullDisk, rename_first_with_f2, titles_on_disk
from tests.ui.test_read_only_undo import activate
from tests.ui.test_rescued_copies import rescued, to_the_rescued_line


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> FullDisk:
    """study.json cannot be written; saving is not tried again before the test looks."""
    monkeypatch.setattr("reader.ui.library.open_study.RETRY_MS", 60_000)
    return FullDisk(monkeypatch, "reader.core.study")


@pytest.fixture
def unsaved(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, full_disk: FullDisk
) -> MainWindow:
    """A study whose first interview was renamed on a full disk: not in study.json."""
    full_disk.full = False
    open_study(folder).save()
    window = make_study_window(folder)
    full_disk.full = True
    activate(window, qtbot)
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    assert "could not be saved" in window.banner.text()
    assert "Ana, night nurse" not in titles_on_disk(folder)
    return window


def newer_study_json_comes(window: MainWindow, folder: Path, qtbot: Any) -> bytes:
    """A newer build's study.json, brought by a sync tool, seen by `window`; its bytes."""
    data = orjson.loads((folder / "study.json").read_bytes())
    data["version"] = 99
    newer = orjson.dumps(data)
    (folder / "study.json").write_bytes(newer)
    qtbot.waitUntil(lambda: window.study.read_only, timeout=10_000)
    return newer


def another_window_takes_it(window: MainWindow, folder: Path, qtbot: Any) -> tuple[WindowLock, str]:
    """Another window takes the study before `window` looks (once the disk has room): the
    banner says so, and that what was not saved is saved once that window closes it. That
    window's lock, and what the banner says."""
    other = WindowLock(study_lock(folder), "has it open", unwritable_words="")
    assert other.acquire() == ""
    qtbot.waitUntil(lambda: window.study.read_only, timeout=10_000)
    said = window.banner.text()
    assert said.startswith("The study is read-only here now: another Interview Reader")
    assert "are saved" not in said and "saved here once the other window closes the study" in said
    return other, said


def asked_at_closing(window: MainWindow, dialogs: Any, title: str) -> str:
    """Closing `window`, Cancel answered: it stays open, asked `title` alone, promising no
    save that never comes. The question."""
    dialogs.button_answer = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible() and dialogs.titles() == [title]
    question = dialogs.shown[-1][1]
    assert "tried again" not in question
    return question


def test_a_study_another_window_takes_while_changes_are_unsaved_says_they_are_not_saved(
    disk_full: FullLockDisk,
    unsaved: MainWindow,
    full_disk: FullDisk,
    folder: Path,
    qtbot: Any,
    dialogs: Any,
) -> None:
    """Found by the bad-conditions review: opened where no lock could be made, the window
    met another's lock once there was room, and said "Your changes are saved" of changes
    study.json never took; closing said "saving is tried again", which it was not."""
    window = unsaved
    disk_full.full = full_disk.full = False  # room again
    other, said = another_window_takes_it(window, folder, qtbot)
    assert "not in study.json" in said
    question = asked_at_closing(window, dialogs, "Study not saved")
    assert "they are saved once the other window closes the study" in question
    assert "Ana, night nurse" not in titles_on_disk(folder)
    other.release()  # the other window closes the study: this one saves them
    qtbot.waitUntil(lambda: titles_on_disk(folder)[:1] == ["Ana, night nurse"], timeout=10_000)
    assert not window.study.unsaved and rescued("*.json") == []


def test_a_newer_study_json_arriving_while_changes_are_unsaved_keeps_them_in_a_copy(
    unsaved: MainWindow, folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Found by the bad-conditions review: the banner said nothing of the changes study.json
    had not taken, and closing asked with "saving is tried again": it never was."""
    window = unsaved
    newer = newer_study_json_comes(window, folder, qtbot)
    (copy,) = rescued(f"{folder.name} study-*.json")
    said = window.banner.text()
    assert said.startswith("The study is read-only now: study.json was saved meanwhile")
    assert "not in study.json" in said and f"kept in a copy, {copy}" in said
    assert "tried again" not in said
    assert orjson.loads(copy.read_bytes())["interviews"][0]["title"] == "Ana, night nurse"
    window.close()  # nothing left to lose: not asked
    assert not window.isVisible() and "Study not saved" not in dialogs.titles()
    assert (folder / "study.json").read_bytes() == newer


def test_changes_no_copy_could_keep_as_a_newer_study_json_came_are_asked_for_at_closing(
    unsaved: MainWindow,
    folder: Path,
    qtbot: Any,
    dialogs: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither the data folder nor the temporary one takes a copy: the banner says they are
    in this window alone, and closing asks, without promising a save that never comes."""
    monkeypatch.setattr("reader.ui.library.rescued_study.rescue_copy", lambda *_a: None)
    monkeypatch.setattr("reader.ui.library.rescued_study.rewrite_rescued", lambda *_a: False)
    window = unsaved
    newer = newer_study_json_comes(window, folder, qtbot)
    assert "no copy of them could be kept either" in window.banner.text()
    question = asked_at_closing(window, dialogs, "Study not saved")
    assert "cannot write them to study.json" in question
    assert window.library.model.rows[0].title == "Ana, night nurse"  # kept on screen
    dialogs.button_answer = QMessageBox.StandardButton.Discard
    window.close()
    assert not window.isVisible() and (folder / "study.json").read_bytes() == newer


def test_a_rescued_copy_of_a_study_opened_read_only_is_said_with_where_it_is(
    unsaved: MainWindow,
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
) -> None:
    """Found by the bad-conditions review: the copy was offered only when the study opened
    writable, so opened read-only (study.json still the newer build's) nothing said it was
    there. It is named now, and merging it waits until the study can be changed here."""
    window = unsaved
    newer = newer_study_json_comes(window, folder, qtbot)
    window.close()
    (copy,) = rescued(f"{folder.name} study-*.json")
    again = make_study_window(folder)
    assert again.study.read_only
    to_the_rescued_line(again.banner)
    assert copy.name in again.banner.text()
    assert "Merging waits until the study can be changed here" in again.banner.text()
    assert [b.text() for b in again.banner.buttons] == ["Show Folder", "Dismiss"]
    assert (folder / "study.json").read_bytes() == newer and copy.exists()


# The study memo's typing memo.md has not taken (a full disk) -----------------------------


@dataclass
class MemoDisk:
    """memo.md cannot be written while `full` (the interview's notes can)."""

    full: bool = True


@pytest.fixture
def memo_unsaved(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[MainWindow, MemoDisk]:
    """A study whose memo was typed in on a full disk: not in memo.md, and not tried again
    before the test looks; and the disk, to make room on."""
    from reader.ui.persistence import saver

    disk, real = MemoDisk(full=False), saver.atomic_write

    def write(path: Path, data: bytes, **kwargs: Any) -> None:
        if disk.full and path.name == "memo.md":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data, **kwargs)

    monkeypatch.setattr(saver, "atomic_write", write)
    monkeypatch.setattr(saver, "RETRY_MS", 60_000)
    open_study(folder).save()
    window = make_study_window(folder)
    open_memo(window, qtbot)
    disk.full = True
    qtbot.keyClicks(window.notes_editor, "Words worth keeping")
    qtbot.waitUntil(lambda: "study memo could not be saved" in window.banner.text())
    assert not memo_file(folder).exists()
    return window, disk


@pytest.fixture
def memo_kept_for_another(
    disk_full: FullLockDisk, memo_unsaved: tuple[MainWindow, MemoDisk], folder: Path, qtbot: Any
) -> tuple[MainWindow, WindowLock]:
    """The memo typing of `memo_unsaved` in a window opened where no lock could be made,
    then taken by another window once the disk had room: said kept in this window, and
    saved once that window closes the study. The window, and the other one's lock."""
    window, memo_disk = memo_unsaved
    disk_full.full = memo_disk.full = False  # room again
    other, said = another_window_takes_it(window, folder, qtbot)
    assert "study memo since" in said and "not in memo.md" in said
    return window, other


def test_memo_typing_unsaved_as_another_window_takes_the_study_is_said_and_saved_later(
    memo_kept_for_another: tuple[MainWindow, WindowLock], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Found by review: the study turned read-only (another window took it once the disk
    had room) said "Your changes are saved" of memo typing memo.md never took, closing
    said "saving is tried again" (it was not), and once the other window let the study go
    the memo was not saved until typed in again."""
    window, other = memo_kept_for_another
    question = asked_at_closing(window, dialogs, "Study memo not saved")
    assert "they are saved once the other window closes the study" in question
    assert not memo_file(folder).exists() and rescued("*memo*") == []  # the copy asked with
    other.release()  # the other window closes the study: this one saves the memo
    qtbot.waitUntil(lambda: memo_file(folder).is_file(), timeout=10_000)
    assert memo_file(folder).read_text("utf-8") == "Words worth keeping"
    assert rescued("*memo*") == []


def test_memo_typing_unsaved_as_a_newer_study_json_comes_is_kept_in_a_copy(
    memo_unsaved: tuple[MainWindow, MemoDisk], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Found by review: the banner said nothing of the memo typing memo.md had not taken,
    and closing asked with "saving is tried again": it never was, the memo read-only."""
    window, _ = memo_unsaved
    newer = newer_study_json_comes(window, folder, qtbot)
    (copy,) = rescued(f"{folder.name} memo-*.md")
    said = window.banner.text()
    assert said.startswith("The study is read-only now: study.json was saved meanwhile")
    assert "study memo since" in said and f"kept in a copy, {copy}" in said
    assert "tried again" not in said and "are saved" not in said
    assert copy.read_text("utf-8") == "Words worth keeping"
    window.close()  # nothing left to lose: not asked, no other copy
    assert not window.isVisible() and "Study memo not saved" not in dialogs.titles()
    assert rescued("*memo*") == [copy] and not memo_file(folder).exists()
    assert (folder / "study.json").read_bytes() == newer


def test_memo_typing_no_copy_could_keep_as_a_newer_study_json_came_is_asked_for(
    memo_unsaved: tuple[MainWindow, MemoDisk],
    folder: Path,
    qtbot: Any,
    dialogs: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither the data folder nor the temporary one takes a copy of the memo: the banner
    says it is in this window alone, and closing asks without promising a save."""
    monkeypatch.setattr("reader.ui.persistence.saver.rescue_copy", lambda *_a: None)
    monkeypatch.setattr("reader.ui.persistence.saver.rewrite_rescued", lambda *_a: False)
    window, _ = memo_unsaved
    newer_study_json_comes(window, folder, qtbot)
    assert "no copy of them could be kept either" in window.banner.text()
    question = asked_at_closing(window, dialogs, "Study memo not saved")
    assert "cannot write them to memo.md" in question
    assert window.notes_editor.toPlainText() == "Words worth keeping"  # kept on screen


# A newer build's study.json come while another window has the study ------------------------


def test_a_newer_study_json_come_while_another_window_has_the_study_keeps_it_read_only(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Found by review: while the other window had the study, a newer build's study.json
    was taken for that window's doing ("another window has it open", as if closing it there
    would do), and the interview's notes said so after that window let the study go."""
    open_study(folder).save()
    first, window = make_study_window(folder), make_study_window(folder)
    newer = newer_study_json_comes(window, folder, qtbot)
    qtbot.waitUntil(lambda: window.study.read_only_cause is ReadOnly.STUDY_FILE, timeout=10_000)
    assert "newer Interview Reader" in window.study.why_read_only()
    with qtbot.waitSignal(window.study.lockTaken, timeout=10_000):
        first.close()  # the other window lets the study go: this one takes it, read-only
    assert window.study.read_only_cause is ReadOnly.STUDY_FILE
    assert "read-only" in window.windowTitle() and "window" not in window.study.why_read_only()
    assert "window" not in window.interview.why_read_only()
    assert not window.study.rename(window.study.study.interviews[0].id, title="Ana, nights")
    assert (folder / "study.json").read_bytes() == newer


def test_changes_kept_for_another_window_go_to_a_copy_once_a_newer_study_json_comes(
    disk_full: FullLockDisk,
    unsaved: MainWindow,
    full_disk: FullDisk,
    folder: Path,
    qtbot: Any,
) -> None:
    """Found by review: changes study.json had not taken, said to be saved once the other
    window closed the study, stayed so promised after a newer build's study.json came;
    once that window let it go they were neither saved nor kept, and nothing said so."""
    window = unsaved
    disk_full.full = full_disk.full = False  # room again
    other, _ = another_window_takes_it(window, folder, qtbot)
    newer = newer_study_json_comes(window, folder, qtbot)
    # (A copy is kept from the first failed save: the banner's words are waited for.)
    qtbot.waitUntil(lambda: "kept in a copy" in window.banner.text(), timeout=10_000)
    (copy,) = rescued(f"{folder.name} study-*.json")
    said = window.banner.text()
    assert f"kept in a copy, {copy}" in said and "once the other window closes" not in said
    assert orjson.loads(copy.read_bytes())["interviews"][0]["title"] == "Ana, night nurse"
    with qtbot.waitSignal(window.study.lockTaken, timeout=10_000):
        other.release()
    assert window.study.read_only and (folder / "study.json").read_bytes() == newer
    window.close()  # kept in the copy: not asked
    assert not window.isVisible() and rescued(f"{folder.name} study-*.json") == [copy]


def test_memo_typing_kept_for_another_window_goes_to_a_copy_once_a_newer_study_json_comes(
    memo_kept_for_another: tuple[MainWindow, WindowLock], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """The memo's typing, promised to be saved once the other window closes the study, is
    kept in a copy once a newer build's study.json makes that promise false."""
    window, other = memo_kept_for_another
    newer_study_json_comes(window, folder, qtbot)
    # (A copy is kept from the first failed save: the banner's words are waited for.)
    qtbot.waitUntil(lambda: "kept in a copy" in window.banner.text(), timeout=10_000)
    (copy,) = rescued(f"{folder.name} memo-*.md")
    assert f"kept in a copy, {copy}" in window.banner.text()
    assert copy.read_text("utf-8") == "Words worth keeping"
    with qtbot.waitSignal(window.study.lockTaken, timeout=10_000):
        other.release()
    window.close()  # kept in the copy: not asked, nor written to memo.md
    assert not window.isVisible() and "Study memo not saved" not in dialogs.titles()
    assert rescued("*memo*") == [copy] and not memo_file(folder).exists()


def test_memo_typing_unsaved_as_another_computer_takes_the_study_is_kept_named_for_it(
    memo_unsaved: tuple[MainWindow, MemoDisk], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """A memo save failed (a full disk), its words kept in a rescue copy; then the laptop
    took the study: that copy stayed named for the failed save, so once offered it said the
    app could not write the memo. Now it is named and said for the laptop, one copy, holding
    every word typed, and merged into memo.md once the study is taken back."""
    window, memo_disk = memo_unsaved
    (failed,) = rescued("*memo*")
    synced(study_lock(folder), LAPTOP.encode())
    qtbot.waitUntil(lambda: window.study.read_only, timeout=10_000)
    (copy,) = rescued("*memo*")
    assert copy.name.startswith("opened elsewhere - ") and not failed.exists()
    assert copy.read_text("utf-8") == "Words worth keeping"
    assert f"study memo since it was last saved is kept in {copy}." in window.banner.text()
    memo_disk.full = False
    synced(memo_file(folder), b"From the laptop\n")
    dialogs.choice_answers.append("Open Here Anyway")
    click(window, OPEN_HERE)
    qtbot.waitUntil(lambda: not window.study.read_only, timeout=10_000)
    assert window.banner.text().startswith("You opened this study here anyway")
    click(window, "Dismiss")  # the memo's copy is offered behind it
    assert "Another computer opened the study memo" in window.banner.text()
    assert "could not write" not in window.banner.text()
    click(window, "Merge Into Memo")
    qtbot.waitUntil(lambda: "Words worth keeping" in memo_file(folder).read_text("utf-8"))
    assert "From the laptop" in memo_file(folder).read_text("utf-8")
