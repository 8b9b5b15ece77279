"""A study or notes left open by a window on another computer: its lock files, brought
here by a sync tool, made them read-only here for good once that computer went to sleep,
ran out of battery or crashed; nothing could tell such a lock from a window still open
there (Qt cannot look at another computer's processes). The banner that says so offers
to open them here anyway, after asking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from reader.core.lock_files import let_go_of
from reader.ui.persistence.locks import WindowLock
from reader.ui.persistence.offered_copies import taken_name

if TYPE_CHECKING:
    from reader.ui.persistence.saver import NotesSaver

OPEN_HERE = "Open Here Anyway"


def open_here_offer(
    lock: WindowLock, folder: Path | None, then: Callable[[], None]
) -> list[tuple[str, Callable[[], None]]]:
    """The banner's button for `lock`, held by a window on another computer (none where
    it is this computer's): asked, that computer's locks go, `lock` and those in `folder`
    (the study's notes), and `then` takes them here, as when that window closes."""
    host = lock.other_computer
    if not host:
        return []

    def open_here() -> None:
        from reader.ui import dialogs

        text = (
            f"Open it here only if the computer “{host}” is off, or no longer has it open "
            "(asleep, out of battery, crashed). If a window there still has it open, both "
            "computers will write the same files, and changes made there may have to be "
            "merged again."
        )
        asked = dialogs.ask(
            QApplication.activeWindow(), f"{OPEN_HERE}?", text, [OPEN_HERE, "Cancel"], "Cancel"
        )
        if asked == OPEN_HERE:
            let_go_of(host, [lock.path, *(folder.glob("*.lock") if folder else ())])
            lock.opened_anyway = True  # said as it is taken (WindowLock.taken_words)
            then()

    return [(f"{OPEN_HERE}…", open_here)]


def kept_when_taken(saver: NotesSaver) -> Path | None:
    """What was typed in the notes and not saved as a window on another computer took them,
    in a rescue copy named so (`taken_name`), which says so when it is offered; None when
    nothing was unsaved, or no copy could be written."""
    if not saver.dirty:
        return None
    return saver.rescue_copy(taken_name(saver.rescue_named(saver.path)))
