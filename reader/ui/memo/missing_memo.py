"""No memo.md as the study opens, though its backups held a memo: deleted or moved away
while the study was closed (a sync tool, a hand). As for an interview's missing notes
(core/notes_opening.py), the user chooses its latest backup or an empty memo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from reader.core.notes_opening import LATEST_BACKUP, START_EMPTY
from reader.core.study_memo import latest_memo_backup, memo_path
from reader.core.study_places import MEMO_FILE
from reader.ui import dialogs

if TYPE_CHECKING:
    from reader.core.study import Study
    from reader.ui.library.open_study import OpenStudy


def recovered_memo(window: QWidget, owner: OpenStudy, study: Study) -> str | None:
    """The memo to open `study` with, memo.md being missing, as the user chose it (said in
    `owner`'s notice); None when nothing was missing (a new study's memo)."""
    if owner.read_only:
        return None  # another window has it: that one asks
    try:
        latest = latest_memo_backup(study.notes_dir / MEMO_FILE)
    except OSError:
        return None  # its backups cannot be listed: nothing to offer
    if latest is None or latest[0].words == 0:
        return None
    info, backup = latest
    choice = dialogs.ask(
        window,
        "Study memo missing",
        f"The study memo {memo_path(study.folder)} is missing: it was deleted or moved "
        f"away since this study was last open.\n\nIts latest backup, of {info.when()}, "
        f"holds {info.holds()}.",
        [LATEST_BACKUP, START_EMPTY],
    )
    said = (
        f"Opened the study memo's backup of {info.when()}; memo.md was missing."
        if choice == LATEST_BACKUP
        else "Started an empty study memo; memo.md was missing (its backups are kept)."
    )
    owner.notice = "  ".join(filter(None, (owner.notice, said)))
    return backup if choice == LATEST_BACKUP else ""
