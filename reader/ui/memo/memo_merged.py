"""What the window says of the study memo merged with a version someone else wrote: the
study's other window (while it has the study: on the status line, the banner keeping why
the memo is read-only here), or another program (in the banner when lines of ours went,
with where they are kept, or when both changed the same passage)."""

from __future__ import annotations

from reader.core.backups import Kept
from reader.core.read_only import UPDATED_BY_WINDOW
from reader.core.text_merge import TextMerge
from reader.core.wording import counted
from reader.ui.library.open_study import OpenStudy

MEMO_IN_BACKUP = (
    " Your version from before is in a backup: Restore from Backup… in the File menu brings "
    "it back."
)


def say_merged(
    study: OpenStudy, merged: TextMerge, lost: int, kept: Kept | None, undo: str, by_window: bool
) -> None:
    """Say `merged`: `lost` lines of ours went (kept where `kept` says), `undo` what became
    of Undo ("" when nothing); `by_window`: the study's other window wrote it."""
    if by_window:
        study.status.emit(UPDATED_BY_WINDOW, 6000)
    elif lost and kept is not None:
        marked = (
            f" Both versions of {counted(merged.conflicts, 'passage')} are kept, between "
            "marker lines."
            if merged.conflicts
            else ""
        )
        study.message.emit(
            f"Another program changed the study memo: {counted(lost, 'line')} of yours "
            f"went.{kept.said(MEMO_IN_BACKUP, '')}{marked}{undo}"
        )
    elif merged.conflicts:
        study.message.emit(
            f"Another program changed the study memo where you did too: both versions "
            f"of {counted(merged.conflicts, 'passage')} are kept, between marker lines.{undo}"
        )
    elif undo:
        study.message.emit(f"The study memo was changed by another program.{undo}")
    else:
        study.status.emit("The study memo was changed by another program.", 6000)
