"""What opening an interview may ask about its notes file: whether to take the notes of a
moved interview that were found elsewhere, and what to do with a file that cannot be read
or that is missing though its backups held notes; and, as it closes with notes that could
not be written, whether to go on.
Core decides (reader/core/notes_location.py, notes_opening.py); these ask the user and
pass the answer back. The dialogs module loads only when a question is asked."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from reader.core.document import Document
from reader.core.notes_location import (
    MISSING_NOTES,
    NotesLocation,
    candidates,
    locate_notes,
    made_for_another,
    remember_notes_path,
)
from reader.core.notes_opening import NotesRead
from reader.core.store import default_notes_path

if TYPE_CHECKING:
    from reader.ui.persistence.safety import NotesSafety
    from reader.ui.persistence.saver import NotesSaver


def locate_notes_asking(
    parent: QWidget, document_path: Path, document: Document
) -> tuple[Path, str]:
    """The document's notes file and what to say about how it was found; the notes of
    a moved and edited interview are offered, never taken without asking."""
    location = locate_notes(document_path, document)
    if location.missing is not None:
        return _notes_gone_asking(parent, document_path, location)
    if location.message or location.path.exists():
        return location.path, location.message
    offered = candidates(document_path, document)
    if not offered or offered[0].quotes_found == 0:
        return location.path, ""
    best = offered[0]
    from reader.ui import dialogs

    choice = dialogs.ask(
        parent,
        "Notes of a moved interview?",
        f"This interview has no notes yet, but {best.describe()}.\n\n"
        "Use those notes for this interview?",
        ["Use Those Notes", "Start Empty"],
    )
    if choice != "Use Those Notes":
        return location.path, ""
    with contextlib.suppress(OSError):  # remembered for next time if the folder allows
        remember_notes_path(document_path, best.path)
    return best.path, f"Using the notes of “{best.title}” from {best.source}."


def notes_asking(
    parent: QWidget,
    document: Document,
    notes_path: Path | None,
    in_study: bool,
    from_recent: bool = False,
) -> tuple[Path | None, str]:
    """The notes file to open the document with (`notes_path`, else where it is found:
    `locate_notes_asking`) and what to say of it; None when the user cancelled, asked
    about notes made for another transcript that is still there (a study's are named by
    its interview: the study says whose they are). `from_recent`: `notes_path` is the
    recent list's; in a folder not there now (a drive not connected), they are asked
    for as Save Notes As's are: they opened empty, and were saved into a folder of that
    name made on this disk."""
    document_path, found = Path(document.source), ""
    if notes_path is not None and from_recent and not notes_path.parent.is_dir():
        location = NotesLocation(locate_notes(document_path, document).path, missing=notes_path)
        notes_path, found = _notes_gone_asking(parent, document_path, location)
    elif notes_path is None:
        notes_path, found = locate_notes_asking(parent, document_path, document)
    other = None if in_study else made_for_another(notes_path, document_path, document)
    if other is None:
        return notes_path, found
    from reader.ui import dialogs

    own, theirs = "Open This Interview's Own Notes", "Open Them for This One"
    choice = dialogs.ask(
        parent,
        "Notes of another interview",
        f"{notes_path.name} holds the notes of {other}, which is still there. Opened for "
        f"{document_path.name}, its highlights would be moved onto other words here.",
        [own, theirs, "Cancel"],
    )
    if choice == theirs:
        return notes_path, ""
    if choice == own:  # where they are (Saved As, found after a move), else the default
        located = locate_notes(document_path, document).path
        return (located if located != notes_path else default_notes_path(document_path)), ""
    return None, ""


def _notes_gone_asking(
    parent: QWidget, document_path: Path, location: NotesLocation
) -> tuple[Path, str]:
    """The notes chosen for the interview are in a folder not there now: found again
    (Locate…, remembered), or the data folder's older notes opened, said in the banner.
    They were opened without a word, and the work typed split between two files."""
    from PySide6.QtWidgets import QFileDialog

    from reader.ui import dialogs

    missing = location.missing
    assert missing is not None
    gone = MISSING_NOTES.format(missing)
    older = location.path.exists()
    here, kept = (
        ("Open Older Notes", "open the older notes kept in the data folder")
        if older
        else ("Start Notes Here", "start notes in the data folder")
    )
    choice = dialogs.ask(
        parent,
        "Notes not found",
        f"{gone}\n\nLocate them, or {kept}? What you type then goes there, apart from them.",
        ["Locate…", here],
    )
    if choice == "Locate…":
        path, _ = QFileDialog.getOpenFileName(
            parent, "Locate the Notes", str(missing.parent), "Notes (*.json)"
        )
        if path:
            with contextlib.suppress(OSError):  # remembered for next time if it may be
                remember_notes_path(document_path, Path(path))
            return Path(path), f"Notes found at {path}."
    kind = "older notes from the data folder" if older else "new notes in the data folder"
    return location.path, f"{gone} Opened {kind}: {location.path}."


def ask_about_notes(
    parent: QWidget, read: NotesRead, one_open: bool, letting_go: bool
) -> NotesRead | None:
    """The notes file as read; for an unreadable one, or a missing one whose backups held
    notes, the user's choice. None: stop. The way out offered is one that can be taken:
    when the interview open now goes anyway (`letting_go`: its study closed or it left the
    study), the caller goes on to another one or to none; else the one open now stays
    (`one_open`), or with none, the app quits."""
    if read.recovery is None:
        return read
    stay = "Keep Current Interview" if one_open else "Quit"
    stop = "Skip This Interview" if letting_go else stay
    choices = [*read.recovery.choices(), stop]
    from reader.ui import dialogs

    choice = dialogs.ask(parent, read.recovery.title(), read.recovery.question(), choices)
    if choice == "Quit":  # as File ▸ Quit does, all saved on the way; once this has returned
        QTimer.singleShot(0, parent.window().close)  # (at start-up, once the window is up)
    return None if choice == stop else read.recovery.choose(choice)


def may_go_on_unsaved(parent: QWidget, saver: NotesSaver, safety: NotesSafety | None) -> bool:
    """The notes could not be written to their file: whether to go on anyway (closing the
    interview, or the app) and let the unsaved part go, as the user is asked. A copy of
    them is kept first, so that the question says where, or that none could be: it
    promised one, and a read-only data folder kept none. Cancelled, the copy goes (the
    notes are still open, to save); else what was not saved is in it."""
    from reader.ui.dialogs import may_discard  # not start-up's (test_lazy_dock.py)
    from reader.ui.persistence.offered_copies import kept_where, rescue_name

    name = rescue_name(saver.path, safety.guard.document_path) if safety else None
    copy = saver.rescue_copy(name)
    where = kept_where(copy, "the interview")
    go_on = may_discard(
        parent,
        "Notes not saved",
        f"Your notes could not be saved to {saver.path}.\n\nGo on anyway? {where} "
        "(Cancel, then File ▸ Save Notes As… to another place, keeps them.)",
    )
    if go_on and copy:
        saver.kept_elsewhere()
    elif copy:
        copy.unlink(missing_ok=True)
    return go_on
