"""File ▸ Restore from Backup…: the notes as one of their backups holds them, chosen in a
list (core/backups.py keeps the newest and one a day), the notes as they are backed up
first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox

from reader.core.backups import list_backups, make_backup
from reader.core.notes_file import NotesFormatError, parse, serialise

if TYPE_CHECKING:
    from reader.ui.persistence.safety import NotesSafety


def restore_from_backup(safety: NotesSafety) -> None:
    if not safety.controller.writable():
        return
    notes_path = safety.notes_path
    safety.controller.saver.write_backup()
    infos = list_backups(notes_path)
    if not infos:
        QMessageBox.information(
            safety.host.dialog_parent(), "Restore from Backup", "There are no backups yet."
        )
        return
    labels = [info.describe() for info in infos]
    choice, ok = QInputDialog.getItem(
        safety.host.dialog_parent(),
        "Restore from Backup",
        "Kept: the newest backups, and the last one of each of the past 30 days.\n"
        "Restore the notes as they were at (your current notes are backed up first):",
        labels,
        0,
        False,
    )
    if not ok:
        return
    info = infos[labels.index(choice)]
    try:
        restored = parse(info.path.read_bytes())
    except (OSError, NotesFormatError) as exc:
        QMessageBox.warning(
            safety.host.dialog_parent(),
            "Restore from Backup",
            f"That backup cannot be read: {exc}",
        )
        return
    safety.controller.session.notes.notes = safety.host.research_notes()
    try:
        current = serialise(safety.controller.session.notes)
        make_backup(notes_path, current, safety.controller.saver.keep_backups)
    except OSError as exc:
        QMessageBox.warning(
            safety.host.dialog_parent(),
            "Restore from Backup",
            f"Your current notes could not be backed up first ({exc.strerror or exc}), "
            "so nothing was restored.",
        )
        return
    safety.host.replace_notes(restored)
    safety.controller.saver.mark_dirty()
    safety.host.show_message(f"Restored the notes from {choice.split(' —')[0]}.")
