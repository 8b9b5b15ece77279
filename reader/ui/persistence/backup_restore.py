"""File ▸ Restore from Backup…: the notes (or the study memo, when it is what the notes
pane shows) as one of their backups holds them, chosen in a list (core/backups.py keeps
the newest and one a day), what they hold now backed up first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.core.backups import BackupInfo, list_backups, make_backup
from reader.core.notes_file import NotesFormatError, parse, serialise
from reader.core.store import describe_os_error
from reader.core.study_memo import MemoUnreadableError, memo_bytes, memo_text

if TYPE_CHECKING:
    from reader.ui.memo.study_memo import StudyMemo
    from reader.ui.persistence.safety import NotesSafety

TITLE = "Restore from Backup"


def restore_from_backup(
    memo: StudyMemo | None, safety: NotesSafety | None, parent: QWidget
) -> None:
    """The study memo's backups when `memo` (it is shown), else the interview's notes'."""
    if memo is not None:
        _restore_memo(memo, parent)
    elif safety is not None and safety.controller.writable():
        _restore_notes(safety)


def _restore_notes(safety: NotesSafety) -> None:
    notes_path, parent = safety.notes_path, safety.host.dialog_parent()
    safety.controller.saver.write_backup()
    info = _choose(parent, notes_path, "notes as they were")
    if info is None:
        return
    try:
        restored = parse(info.path.read_bytes())
    except (OSError, NotesFormatError) as exc:
        QMessageBox.warning(parent, TITLE, f"That backup cannot be read: {exc}")
        return
    safety.controller.session.notes.notes = safety.host.research_notes()
    current = serialise(safety.controller.session.notes)
    if not _backed_up(parent, notes_path, current, safety.controller.saver.keep_backups):
        return
    safety.host.replace_notes(restored)
    safety.controller.saver.mark_dirty()
    safety.host.show_message(f"Restored the notes from {info.when()}.")


def _restore_memo(memo: StudyMemo, parent: QWidget) -> None:
    """The study memo's backups are with the interviews' notes, named memo.STAMP.md."""
    saver = memo.saver
    if saver is None or memo.read_only:
        QMessageBox.information(parent, TITLE, memo.why_read_only() or "No study is open.")
        return
    saver.write_backup()
    backup_name = saver.backup_name or saver.path
    info = _choose(parent, backup_name, "study memo as it was")
    if info is None:
        return
    try:
        restored = memo_text(info.path.read_bytes(), info.path)
    except (OSError, MemoUnreadableError) as exc:
        QMessageBox.warning(parent, TITLE, f"That backup cannot be read: {exc}")
        return
    if _backed_up(parent, backup_name, memo_bytes(memo.text()), saver.keep_backups):
        memo.restore(restored, f"Restored the study memo from {info.when()}.")


def _choose(parent: QWidget | None, notes_path: Path, what: str) -> BackupInfo | None:
    """The backup of `notes_path` the user chose to restore `what` from ("notes as they
    were"); None when there is none, or no choice."""
    try:
        infos = list_backups(notes_path)
    except OSError as exc:
        said = f"The backups cannot be listed ({describe_os_error(exc)}); nothing was restored."
        QMessageBox.warning(parent, TITLE, said)
        return None
    if not infos:
        QMessageBox.information(parent, TITLE, "There are no backups yet.")
        return None
    labels = [info.describe() for info in infos]
    from reader.ui.dialogs import get_item  # dialogs load on first use, not at start-up

    choice, ok = get_item(
        parent,
        TITLE,
        "Kept: the newest backups, and the last one of each of the past 30 days.\n"
        f"Restore the {what} at (what is there now is backed up first):",
        labels,
        "Backup",
        "When each backup was made, and its length; the one chosen is restored",
    )
    return infos[labels.index(choice)] if ok else None


def _backed_up(parent: QWidget | None, notes_path: Path, current: bytes, keep: int) -> bool:
    """What is about to be replaced, kept as a backup first; False (said) when it cannot be."""
    try:
        make_backup(notes_path, current, keep)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            TITLE,
            f"What you have now could not be backed up first ({exc.strerror or exc}), so "
            "nothing was restored.",
        )
        return False
    return True
