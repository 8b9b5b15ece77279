"""File ▸ Save Notes As… for the open interview (NotesSafety.save_as): a lone interview's
notes go on in the file chosen, locked and watched there; a study's are copied, as they
stay in the study's notes folder."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.core.recording import with_notes_moved
from reader.core.store import content_hash
from reader.ui.interview.controller import Controller
from reader.ui.persistence.file_guard import FileGuard
from reader.ui.persistence.interview_host import InterviewHost
from reader.ui.persistence.notes_copy import save_copy


class KeptNotes(Protocol):
    """What Save Notes As… asks of the notes' safety (persistence/safety.py)."""

    host: InterviewHost
    controller: Controller
    guard: FileGuard  # the notes file's, replaced by the new file's
    notes_path: Path
    lock_pending: bool

    def make_guard(self, notes_path: Path, document_path: Path) -> FileGuard: ...


def save_notes_as(safety: KeptNotes) -> None:
    """Ask where, then save the notes `safety` keeps there."""
    host, controller = safety.host, safety.controller
    notes = controller.session.notes
    if host.in_study:
        notes.notes = host.research_notes()
        save_copy(host.dialog_parent(), notes, safety.guard, host.show_status)
        return
    path, _ = QFileDialog.getSaveFileName(
        host.dialog_parent(), "Save Notes As", str(safety.notes_path), "Notes (*.json)"
    )
    if not path:
        return
    target = Path(path)
    saver, cause = controller.saver, host.read_only_cause
    if cause is not None and target.resolve() == safety.notes_path.resolve():
        QMessageBox.warning(
            host.dialog_parent(), "Save Notes As", f"{cause.value} Choose another file."
        )
        return
    guard = safety.make_guard(target, safety.guard.document_path)
    holder = guard.lock.acquire()
    if holder:
        QMessageBox.warning(host.dialog_parent(), "Save Notes As", f"{target.name}: {holder}.")
        guard.deleteLater()
        return
    safety.guard.lock.release()
    safety.guard.deleteLater()
    safety.guard, safety.lock_pending = guard, False
    notes.recording = with_notes_moved(notes, safety.notes_path, target).recording
    safety.notes_path = target
    # The user chose to replace whatever is there: known, it is no other program's.
    try:
        saver.expected_hash = content_hash(target.read_bytes())
    except OSError:  # none there (or one the write then says it cannot replace)
        saver.expected_hash = ""
    saver.retarget(target)
    guard.file.watch()
    host.notes_moved(target)
