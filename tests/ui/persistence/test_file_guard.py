"""The watch on files others may change (reader/ui/persistence/file_guard.py): a change
another program makes is told with what it wrote, our own saves are not, a deleted file
is told once; owners of files in one folder share its watch, each woken for its own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject

from reader.core.store import atomic_write, content_hash
from reader.ui.persistence.file_guard import DiskWatch, WatchedFile
from reader.ui.persistence.locks import WindowLock


def watched(folder: Path, owner: QObject) -> tuple[Path, WatchedFile, list[bytes], list[str]]:
    """A file of `folder` watched as an owner watches its file: what it read remembered."""
    path = folder / "memo.md"
    path.write_bytes(b"ours")
    file = WatchedFile(path, owner)
    file.remember(b"ours")
    file.watch()
    changed: list[bytes] = []
    told: list[str] = []
    file.changed.connect(changed.append)
    file.deleted.connect(lambda: told.append("deleted"))
    file.checked.connect(lambda: told.append("checked"))
    return path, file, changed, told


def test_another_programs_change_is_told_and_our_own_save_is_not(
    qtbot: Any, tmp_path: Path
) -> None:
    owner = QObject()
    path, file, changed, told = watched(tmp_path, owner)
    file.wrote(content_hash(b"ours, saved"))  # as the saver says once its write is done
    atomic_write(path, b"ours, saved")
    qtbot.waitUntil(lambda: "checked" in told)
    assert changed == []
    path.write_bytes(b"theirs, in place")  # an editor that writes over the file
    qtbot.waitUntil(lambda: changed == [b"theirs, in place"])
    atomic_write(path, b"theirs, replaced")  # a sync tool that replaces it
    qtbot.waitUntil(lambda: changed[1:] == [b"theirs, replaced"])
    in_flight = b"ours, being written"
    file.writing_hash = lambda: content_hash(in_flight)
    told.clear()
    atomic_write(path, in_flight)  # our write, its end not handled yet: not theirs
    qtbot.waitUntil(lambda: "checked" in told)
    assert changed[2:] == []


def test_a_deleted_file_is_told_once_and_one_made_again_is_a_change(
    qtbot: Any, tmp_path: Path
) -> None:
    owner = QObject()
    path, _file, changed, told = watched(tmp_path, owner)
    path.unlink()
    qtbot.waitUntil(lambda: "deleted" in told)
    path.write_bytes(b"theirs")  # another program makes it again
    qtbot.waitUntil(lambda: changed == [b"theirs"])
    assert told.count("deleted") == 1


def test_owners_of_files_in_one_folder_share_its_watch_each_woken_for_its_own(
    qtbot: Any, tmp_path: Path
) -> None:
    """As the study (study.json, and transcripts coming) and its memo (memo.md) do."""
    study_file, memo = tmp_path / "study.json", tmp_path / "memo.md"
    study_file.write_bytes(b"{}")
    owner = QObject()
    watcher = QFileSystemWatcher(owner)

    def transcripts(folder: Path) -> set[str]:
        return {name for name in os.listdir(folder) if name.endswith(".txt")}

    study_watch = DiskWatch([study_file], owner, watcher, listing=transcripts)
    memo_watch = DiskWatch([memo], owner, watcher)  # none yet
    for watch in (study_watch, memo_watch):
        watch.watch()
    woken: dict[str, int] = {"study": 0, "memo": 0}
    study_watch.due.connect(lambda: woken.update(study=woken["study"] + 1))
    memo_watch.due.connect(lambda: woken.update(memo=woken["memo"] + 1))

    def wakes(name: str, count: int) -> None:
        qtbot.waitUntil(lambda: woken[name] == count)

    atomic_write(memo, b"made")  # a file that comes wakes its owner
    wakes("memo", 1)
    atomic_write(study_file, b'{"title": "x"}')
    wakes("study", 1)
    memo.write_bytes(b"typed over")  # each woken after the other's change, not by it
    wakes("memo", 2)
    (tmp_path / "P11 Dee.txt").write_text("Q: Hi?\nA: Hello.\n", "utf-8")
    wakes("study", 2)  # a transcript came: the study looks, the memo does not
    atomic_write(memo, b"saved")
    wakes("memo", 3)
    assert woken == {"study": 2, "memo": 3}
    assert set(watcher.files()) == {str(study_file), str(memo)}
    assert watcher.directories() == [str(tmp_path)]  # one watch of the folder


def test_a_file_deleted_just_after_our_first_write_is_told(qtbot: Any, tmp_path: Path) -> None:
    """The write's events come when the file is gone again: the folder looks as it did
    before the write, and only the look that follows each write of ours finds it gone."""
    path = tmp_path / "notes.json"
    owner = QObject()
    file = WatchedFile(path, owner)
    file.watch()
    told: list[str] = []
    file.deleted.connect(lambda: told.append("deleted"))
    atomic_write(path, b"ours")  # as the saver's worker writes, the GUI thread busy
    path.unlink()  # another program, before the GUI thread hears of the write
    file.wrote(content_hash(b"ours"))
    qtbot.waitUntil(lambda: told == ["deleted"])


def test_a_lock_another_window_holds_is_looked_at_only_while_it_does(
    qtbot: Any, tmp_path: Path
) -> None:
    """A window left read-only notices by itself that the other let the study go, killed
    (its lock file left) or not; nothing is looked at while the lock is its own or free."""
    owner = QObject()
    lock_path = tmp_path / "study.json.lock"
    first = WindowLock(lock_path, "has it open", unwritable_words="")
    disk = DiskWatch([tmp_path / "study.json"], owner)
    disk.follow_holder(first)
    assert first.acquire() == "" and not disk.looking_for_holder
    second = WindowLock(lock_path, "has it open", unwritable_words="")
    disk.follow_holder(second)
    assert "has it open" in second.acquire() and disk.looking_for_holder
    with qtbot.waitSignal(disk.due, timeout=10_000):
        first.release()
    assert second.take_over() and second.held()
    qtbot.waitUntil(lambda: not disk.looking_for_holder, timeout=10_000)
    second.release()
