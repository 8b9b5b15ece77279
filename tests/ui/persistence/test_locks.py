"""The notes' lock (reader/ui/persistence/locks.py) taken from this window by a window on
another computer that opened the notes anyway: their lock file, synced here, names that
window now. This one turns read-only, keeps what was not saved, and leaves that file be."""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.core.lock_files import notes_lock
from reader.core.read_only import ReadOnly
from reader.ui.persistence.locks import WindowLock
from reader.ui.window.main_window import MainWindow
from tests.ui.test_read_only_undo import activate
from tests.ui.test_rescued_copies import rescued

LAPTOP = "4242\ninterview-reader\nlaptop\n\n"  # as QLockFile writes one on "laptop"


def typed(window: MainWindow, qtbot: Any, words: str) -> Path:
    """`words` typed into `window`'s notes; their file."""
    activate(window, qtbot)
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, words)
    assert window.interview.notes_path is not None
    return window.interview.notes_path


def test_notes_whose_lock_another_computer_took_turn_read_only_and_keep_what_was_typed(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any
) -> None:
    """Found by the lock review: the window never noticed and went on writing the notes
    over the other computer's, and closing deleted that computer's lock file."""
    window = make_window()
    typed(window, qtbot, "saved")
    assert window.interview.flush()
    typed(window, qtbot, " and not yet")
    lock = notes_lock(notes_path)
    lock.with_name("synced.tmp").write_text(LAPTOP, "utf-8")  # as a sync tool writes it
    os.replace(lock.with_name("synced.tmp"), lock)
    qtbot.waitUntil(lambda: window.interview.read_only, timeout=10_000)
    assert window.interview.read_only_cause is ReadOnly.NOTES_IN_USE
    said = window.banner.text()
    assert said.startswith("These notes are read-only here now: an Interview Reader window")
    assert "“laptop”" in said and "kept in a copy" in said
    assert "Open Here Anyway…" in [b.text() for b in window.banner.buttons]
    (copy,) = rescued("*.json")
    assert "saved and not yet" in copy.read_text("utf-8")
    assert "not yet" not in notes_path.read_text("utf-8")
    assert window.notes_editor.toPlainText().startswith("saved and not yet")
    assert lock.read_text("utf-8") == LAPTOP
    lock.unlink()  # the laptop's window closed the notes: this one has them again
    qtbot.waitUntil(lambda: not window.interview.read_only, timeout=10_000)
    assert "you can edit them here now" in window.banner.text()
    window.close()
    assert not lock.exists()


def test_notes_whose_lock_another_computer_took_unseen_turn_read_only_at_the_next_save(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any
) -> None:
    """A lock file rewritten where no watch sees it (in place): the next save finds it."""
    window = make_window()
    typed(window, qtbot, "saved")
    assert window.interview.flush()
    notes_lock(notes_path).write_text(LAPTOP, "utf-8")
    typed(window, qtbot, " and not yet")
    window.interview.flush()  # as the autosave would, a moment later
    assert window.interview.read_only and "“laptop”" in window.banner.text()
    assert "not yet" not in notes_path.read_text("utf-8")
    (copy,) = rescued("*.json")
    assert "saved and not yet" in copy.read_text("utf-8")
    window.close()
    assert notes_lock(notes_path).read_text("utf-8") == LAPTOP


@pytest.mark.parametrize(
    ("contents", "taken"),
    [
        (b"", True),  # a crash as Qt wrote it
        (b"\x00\xff garbled\nby a disk\n", True),
        (LAPTOP.encode(), False),  # a window there: it cannot be looked at from here
        (b"999999999\ninterview-reader\n" + socket.gethostname().encode() + b"\n", True),
    ],
    ids=["empty", "garbled", "another computer", "a process here that ended"],
)
def test_a_lock_file_naming_no_live_window_here_is_taken(
    tmp_path: Path, contents: bytes, taken: bool
) -> None:
    path = tmp_path / "study.json.lock"
    path.write_bytes(contents)
    lock = WindowLock(path, "has it open", unwritable_words="")
    said = lock.acquire()
    assert lock.held() == taken and lock.held_elsewhere != taken
    if taken:
        assert said == "" and path.read_text("utf-8").startswith(f"{os.getpid()}\n")
        lock.release()
        assert not path.exists()
    else:
        assert said == "an Interview Reader window on the computer “laptop” has it open"
        assert lock.other_computer == "laptop" and path.read_bytes() == contents


def test_an_empty_lock_file_a_program_writes_now_is_its_and_taken_once_let_go(
    tmp_path: Path,
) -> None:
    """PySide6 gives (0, "", "") for a lock file naming no process, which is true: such a
    file, held by a process that had not written its lines yet, was said to be another
    Interview Reader window's on this computer, and was looked at as if let go."""
    path = tmp_path / "study.json.lock"
    path.write_bytes(b"")
    lock = WindowLock(path, "has it open", unwritable_words="")
    with path.open("rb") as writing:
        fcntl.flock(writing, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert lock.acquire() == "another program has it open"
        assert lock.held_elsewhere and lock.other_computer == "" and not lock.let_go()
    assert lock.let_go()  # it ended without writing them
    assert lock.take_over() and lock.held()
    lock.release()
