"""Reading a document's notes file when it opens, and what to do when it cannot be read.

The policy lives here, without Qt: an unreadable file is set aside (never overwritten)
and the caller is given a `Recovery` whose choices it shows the user; a file of a newer
format opens read-only; a file that cannot be read at all leaves nothing to write over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from reader.core import json_bytes
from reader.core.backups import ReadBackup, latest_backup
from reader.core.checked_notes import parse_checked
from reader.core.half_written import cut_wait_ms
from reader.core.notes_file import (
    VERSION,
    NewerVersionError,
    NotesData,
    NotesFormatError,
    salvaged,
    validate,
)
from reader.core.read_only import ReadOnly
from reader.core.store import describe_os_error, keep_aside, set_aside
from reader.core.wording import counted

LATEST_BACKUP = "Open Latest Backup"
START_EMPTY = "Start Empty"


@dataclass
class NotesRead:
    """What opening found: the notes (None: none yet), whether they may be written, what
    to tell the user, the file's bytes (the base of later merges), and, for an unreadable
    file, the choice to put to the user."""

    notes: NotesData | None = None
    read_only: bool = False
    messages: list[str] = field(default_factory=list)
    on_disk: bytes | None = None
    recovery: Recovery | None = None
    write_back: bool = False  # recovered from a backup: write it to the notes file now
    missing: bool = False  # there was no notes file (not: one set aside, then a choice)
    wait_ms: int = 0  # another program is writing the file: to be read again in so long

    @property
    def file_cause(self) -> ReadOnly | None:
        """Why the notes file opened read-only: what was read cannot be written back, or
        nothing of it could be read at all; None when it may be written."""
        if not self.read_only:
            return None
        if self.wait_ms:
            return ReadOnly.NOTES_BEING_WRITTEN
        return ReadOnly.NOTES_FILE if self.notes is not None else ReadOnly.NOTES_UNREAD


@dataclass(frozen=True)
class Recovery:
    """An unreadable notes file, already set aside as `aside`; or a missing one (`aside`
    None: deleted or moved away) whose backups held notes. `choose` gives the outcome."""

    notes_path: Path
    aside: Path | None
    reason: str
    latest: ReadBackup | None  # the newest backup that can be read, read once
    unlisted: str = ""  # why the backups could not be listed, when they could not

    def title(self) -> str:
        return "Notes file missing" if self.aside is None else "Notes file set aside"

    def question(self) -> str:
        if self.aside is None:
            assert self.latest is not None  # a missing file is a question only then
            return (
                f"The notes file {self.notes_path} is missing: it was deleted or moved away "
                f"since this interview was last open.\n\nIts latest backup, of "
                f"{self.latest.info.when()}, holds {self.latest.info.holds()}."
            )
        unlisted = (
            f"\n\nIts backups cannot be listed ({self.unlisted}): none can be offered."
            if self.unlisted
            else ""
        )
        return (
            f"The notes file {self.notes_path} could not be read: {self.reason}.\n\n"
            f"It was kept, unchanged, as {self.aside.name}. Nothing has been lost.{unlisted}"
        )

    def choices(self) -> list[str]:
        """The ways on, best first; the caller adds its own way out (quit, keep current)."""
        return ([LATEST_BACKUP] if self.latest is not None else []) + [START_EMPTY]

    def choose(self, choice: str) -> NotesRead:
        """What opens: the latest backup, or empty notes. Either is written to the notes
        file at once, so that the file is not taken for a deleted one the next time (its
        backups and the copy set aside stay)."""
        where = (
            "the notes file was missing"
            if self.aside is None
            else f"{self.aside.name} was set aside"
        )
        if choice == LATEST_BACKUP:
            assert self.latest is not None  # offered only then
            return NotesRead(
                notes=self.latest.notes,
                messages=[f"Opened the backup of {self.latest.info.when()}; {where}."],
                write_back=True,
            )
        return NotesRead(messages=[f"Started with empty notes; {where}."], write_back=True)


def read_notes(notes_path: Path, *, offer_backup: bool = True) -> NotesRead:
    """The notes file read, or what to do about it; for a missing one, its latest backup
    is offered (`offer_backup`) when it holds notes."""
    try:
        on_disk = notes_path.read_bytes()
    except FileNotFoundError:
        return _missing(notes_path) if offer_backup else NotesRead(missing=True)
    except OSError as exc:
        return NotesRead(
            read_only=True,
            messages=[
                f"Opened read-only: the notes file {notes_path} cannot be read "
                f"({describe_os_error(exc)}); nothing will be written to it."
            ],
        )
    try:
        notes = parse_checked(on_disk, notes_path)
    except NewerVersionError as exc:
        understood = understood_of_newer(on_disk)
        message = f"Opened read-only: these notes were written {exc.by_whom()}."
        if understood is None:  # shown empty, they would look lost
            message = (
                f"Opened read-only and empty: these notes were written {exc.by_whom()}, "
                "which alone can show them; the file is left as it is, none of them lost."
            )
        return NotesRead(notes=understood, read_only=True, messages=[message], on_disk=on_disk)
    except NotesFormatError as exc:
        if wait := cut_wait_ms(on_disk, notes_path):  # not set aside while being written
            return NotesRead(read_only=True, messages=[_being_written(notes_path)], wait_ms=wait)
        return _salvaged(notes_path, on_disk) or _set_aside(notes_path, str(exc))
    return NotesRead(notes=notes, messages=list(notes.notices), on_disk=on_disk)


def _being_written(notes_path: Path) -> str:
    return (
        f"Opened read-only for a moment: the notes file {notes_path} looks half written, "
        "and changed a moment ago: another program may still be writing it. Nothing is "
        "written to it, and the notes open again by themselves once that write is done."
    )


def _salvaged(notes_path: Path, on_disk: bytes) -> NotesRead | None:
    """The notes less the highlights that cannot be read, the file as it was kept beside
    them first (`salvaged`); None when more is wrong, or no copy can be kept."""
    found = salvaged(on_disk)
    if found is None:
        return None
    notes, left_out = found
    try:
        aside = keep_aside(notes_path, on_disk)
    except OSError:
        return None
    said = f"{counted(left_out, 'highlight')} of the notes could not be read"
    return NotesRead(
        notes=notes,
        messages=[*notes.notices, f"{said} and are left out; the file as it was is {aside.name}."],
        on_disk=on_disk,
        write_back=True,
    )


def _missing(notes_path: Path) -> NotesRead:
    """No notes file: a new interview, or one whose file was deleted or moved away, which
    its backups tell apart. When the latest readable backup holds notes, the user chooses
    (notes cleared on purpose left an empty one)."""
    latest, _unlisted = _latest_backup(notes_path)
    if latest is None or latest.info.highlights == latest.info.words == 0:
        return NotesRead(missing=True)
    return NotesRead(missing=True, recovery=Recovery(notes_path, None, "", latest))


def _set_aside(notes_path: Path, reason: str) -> NotesRead:
    try:
        aside = set_aside(notes_path)
    except OSError as exc:
        return NotesRead(
            read_only=True,
            messages=[
                f"Opened read-only: the notes file {notes_path} could not be read ({reason}) "
                f"nor set aside ({describe_os_error(exc)}); it is left as it is."
            ],
        )
    latest, unlisted = _latest_backup(notes_path)
    return NotesRead(recovery=Recovery(notes_path, aside, reason, latest, unlisted))


def _latest_backup(notes_path: Path) -> tuple[ReadBackup | None, str]:
    """The latest readable backup, and "" or why the backups could not be listed (then
    there is nothing to offer; the opening goes on)."""
    try:
        return latest_backup(notes_path), ""
    except OSError as exc:
        return None, describe_os_error(exc)


def understood_of_newer(raw: bytes) -> NotesData | None:
    """What this build understands of a newer notes file, to show it without writing."""
    try:
        data = json_bytes.loads(raw)
        data = {**data, "version": VERSION}
        validate(data)
        return NotesData.from_json(data)
    except (orjson.JSONDecodeError, NotesFormatError, KeyError, TypeError, ValueError):
        return None  # shown empty; the file itself stays as it is
