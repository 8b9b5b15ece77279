"""Save Notes As… for an interview of a study: a copy, and the notes stay in the study.

A study's interview keeps its notes in the study's notes folder, where the study (and
every other window on it) finds them. Moving them out, as Save Notes As… does for an
interview on its own, would leave the study with notes that no longer change and, with
the study read-only here, take the interview out of it unseen. So the notes as they are
on screen, unsaved changes included, are written to the chosen file, the status bar says
so, and the interview goes on with the study's notes file (and its saving, or its
retries when the folder cannot be written now).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reader.core.notes_file import NotesData, serialise
from reader.core.recording import with_notes_moved
from reader.core.store import atomic_write, describe_os_error
from reader.ui.persistence.file_guard import FileGuard
from reader.ui.persistence.locks import NotesLock

TITLE = "Save a Copy of the Notes"


def save_copy(
    parent: QWidget | None, notes: NotesData, guard: FileGuard, status: Callable[[str, int], None]
) -> Path | None:
    """Ask where, write `notes` there (`guard` holds the study's notes file), and say so
    with `status`; the file written, None when nothing was."""
    study_notes = guard.notes_path.parent
    suggested = study_notes.parent.parent / f"{guard.document_path.stem} notes.json"  # beside
    path, _ = QFileDialog.getSaveFileName(parent, TITLE, str(suggested), "Notes (*.json)")
    if not path:
        return None
    target = Path(path)
    if target.resolve().parent == study_notes.resolve():
        QMessageBox.warning(
            parent,
            TITLE,
            "The study's notes folder holds its interviews' own notes: choose a file outside "
            "it for the copy.",
        )
        return None
    lock = NotesLock(target)  # never over notes another window edits
    holder = lock.acquire()
    try:
        if holder and lock.held_elsewhere:
            raise OSError(holder)
        atomic_write(target, serialise(with_notes_moved(notes, guard.notes_path, target)))
    except OSError as exc:
        QMessageBox.warning(parent, TITLE, f"Not saved: {describe_os_error(exc)}.")
        return None
    finally:
        lock.release()
    status(
        f"Saved a copy of the notes as {target}; the interview's notes stay in the study.",
        10_000,
    )
    return target
