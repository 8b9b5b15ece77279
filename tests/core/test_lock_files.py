"""Who holds a lock, in words for the user: a window, on this computer or another; never a
process id."""

from __future__ import annotations

import socket

from reader.core.lock_files import holder_words


def test_a_window_here_is_named_as_a_window_not_a_process() -> None:
    here = holder_words(socket.gethostname())
    assert here == "another Interview Reader window (on this computer)"
    assert holder_words("") == here  # no host written: this computer's


def test_a_window_elsewhere_names_its_computer_and_an_unreadable_lock_someone() -> None:
    assert holder_words("laptop-7") == "an Interview Reader window on the computer “laptop-7”"
    assert holder_words(None) == "another program"
