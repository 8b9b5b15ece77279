"""Who holds a lock, in words for the user: a window, on this computer or another; never a
process id."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from reader.core.lock_files import holder_words, lock_holder


def test_a_window_here_is_named_as_a_window_not_a_process() -> None:
    here = holder_words(socket.gethostname())
    assert here == "another Interview Reader window (on this computer)"
    assert holder_words("") == here  # no host written: this computer's


def test_a_window_elsewhere_names_its_computer_and_an_unreadable_lock_someone() -> None:
    assert holder_words("laptop-7") == "an Interview Reader window on the computer “laptop-7”"
    assert holder_words(None) == "another program"


def test_a_lock_this_very_process_holds_is_nobody_elses(tmp_path: Path) -> None:
    lock = tmp_path / "notes.json.lock"
    lock.write_text(f"{os.getpid()}\ninterview-reader\n{socket.gethostname()}\n", "utf-8")
    assert lock_holder(lock) == f"process {os.getpid()}"
    assert lock_holder(lock, others=True) == ""
