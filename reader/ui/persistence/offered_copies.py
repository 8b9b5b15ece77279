"""Copies of the notes offered for merging into them: those a sync tool left beside the
notes file when two machines changed it, and those rescued to the data folder when the
app last ended and the notes file would not take them (reader/core/store.py rescue). The
study memo's rescued copies are offered in the same words and merged the same way
(memo/study_memo.py).

A sync tool's copy has no known common version with ours: merged by union, what both
changed kept twice. A rescued copy is offered while it holds other than the file, whatever
the times, until it is merged or put away (both file it with the notes' backups). Its
name holds the hash of the notes it was made from: made from the file as it is now, it is
that file plus the edits that could not be written, merged against the file, so an edited
line is taken as edited and what was deleted stays deleted. The file changed since (a
sync tool bringing another machine's version, whatever time it keeps), or a copy named
before names held that, what the copy came from is not known: it is merged as a sync
tool's copy is, and nothing is deleted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from reader.core.backups import backup_dir, file_away
from reader.core.document import Document
from reader.core.notes_file import NotesData, NotesFormatError, parse
from reader.core.store import (
    came_from,
    conflict_copies,
    file_stamp,
    in_temporary,
    rescued_copies,
)

BannerActions = list[tuple[str, Callable[[], None]]]
# Merges one copy's notes into the open ones: (theirs, its name, the base or None).
Merge = Callable[[NotesData, str, NotesData | None], None]


def rescue_name(notes_path: Path, document_path: Path) -> Path:
    """What a rescue copy of the notes at `notes_path` is named after: the interview and
    its notes file ("P01 Ana p01-ana.json"), found again when the interview opens."""
    return notes_path.with_name(f"{document_path.stem} {notes_path.name}")


# Before the name of a rescue copy made as a window on another computer took the notes:
# what was typed here and not saved, no write having failed.
TAKEN_MARK = "opened elsewhere - "


def taken_name(name: Path) -> Path:
    """What a rescue copy made as another computer took the notes is named after: `name`,
    marked (`TAKEN_MARK`), still found as the notes' copy (`rescued_copies`)."""
    return name.with_name(f"{TAKEN_MARK}{name.name}")


def copies_offer(
    notes_path: Path,
    document: Document,
    on_disk: bytes | None,
    merge: Merge,
    say: Callable[[str], None],
) -> tuple[str, BannerActions]:
    """The banner's words and buttons offering the copies of the notes at `notes_path`
    (of `document`) there are now; ("", []) when there are none. `on_disk`: the notes file
    as last read or written, what a rescued copy made from it (`came_from`) descends from."""
    conflicts = conflict_copies(notes_path)
    name = rescue_name(notes_path, Path(document.source))
    rescued = rescued_copies(name, notes_path, on_disk, document.sha256)
    descended = [copy for copy in rescued if came_from(copy, on_disk)]
    copies = conflicts + rescued
    if not copies:
        return "", []
    said = []
    if conflicts:
        many = "y" if len(conflicts) == 1 else "ies"
        said.append(
            f"A sync tool left {len(conflicts)} conflict cop{many} of these notes "
            f"({_names(conflicts)})."
        )
    if rescued:  # written when the app last ended and these notes could not be
        said.append(rescued_said(rescued, "these notes", "their file"))

    def merge_them() -> None:
        merge_copies(copies, descended, on_disk, notes_path, merge, say)

    def put_away() -> None:
        say(put_away_said(rescued, notes_path))

    actions: BannerActions = [("Merge Into My Notes", merge_them)]
    if rescued:
        actions.append(show_folder(rescued))
        actions.append(("Put Rescued Away" if conflicts else "Put Away", put_away))
    return " ".join(said), actions


def kept_where(copy: Path | None, what: str) -> str:
    """Where the question to let unsaved changes go says they are kept, in `copy` (None:
    none could be written), offered when `what` ("the interview") opens again."""
    if copy is None:
        return (
            "No copy of them could be kept either: the app's data folder and the temporary "
            "folder cannot be written. What was not saved will be lost."
        )
    until = " (a temporary folder, emptied when the computer restarts)"
    return (
        f"A copy of them is kept in {copy.parent}{until if in_temporary(copy.parent) else ''}, "
        f"offered when {what} opens again."
    )


def put_away_said(rescued: list[Path], notes_path: Path) -> str:
    """The `rescued` copies, not merged, filed with the backups of the notes (or memo) at
    `notes_path`: kept, and not offered again; the line that says where."""
    for copy in rescued:
        file_away(copy, notes_path)
    if left := [copy for copy in rescued if copy.exists()]:
        return f"{_copies(left)} still in {left[0].parent}: moving it failed."
    return f"{_copies(rescued)} kept with the backups, in {backup_dir(notes_path)}."


def _copies(rescued: list[Path]) -> str:
    return "The rescued copy is" if len(rescued) == 1 else f"{len(rescued)} rescued copies are"


def _names(copies: list[Path]) -> str:
    """The first few copies' names, for the banner."""
    return ", ".join(p.name for p in copies[:3]) + (", …" if len(copies) > 3 else "")


def rescued_said(rescued: list[Path], what: str, file_name: str) -> str:
    """The banner's words for the copies of `what` ("these notes") `rescued` (oldest
    first) as the app ended, or as the user went on without them: how many and when the
    newest was made first, what the one line of the banner shows at 1024 pixels (a name
    is longer than that room); then why, and each name, the newest first, which its
    tooltip shows whole."""
    taken = [p for p in rescued if p.name.startswith(TAKEN_MARK)]
    failed = [p for p in rescued if p not in taken]
    said = [_taken_said(taken, what)] if taken else []
    if failed:
        said.append(_failed_said(failed, what, file_name))
    return " ".join(said)


def _taken_said(taken: list[Path], what: str) -> str:
    """The words for copies made as another computer opened `what` (the last time when
    it did more than once): that is what happened, no write failed."""
    names = ", ".join(p.name for p in reversed(taken))
    kept = "a copy" if len(taken) == 1 else f"{len(taken)} copies, the newest first"
    return (
        f"Another computer opened {what}{_when(taken[-1])}: what you had typed here and not "
        f"saved was kept in {kept} ({names})."
    )


def _failed_said(rescued: list[Path], what: str, file_name: str) -> str:
    names = ", ".join(p.name for p in reversed(rescued))
    when = _when(rescued[-1])
    if len(rescued) == 1:
        return (
            f"A copy of {what} rescued{when} holds what {file_name} does not: the app could "
            f"not write it there ({names})."
        )
    newest = f", the newest{when}," if when else ""
    return (
        f"{len(rescued)} copies of {what} rescued{newest} hold what {file_name} does not: "
        f"the app could not write them there (newest first: {names})."
    )


def _when(copy: Path) -> str:
    """When `copy` was written, " on 2026-05-02 09:00"; "" when that cannot be known."""
    stamp = file_stamp(copy)
    if stamp is None:
        return ""
    return f" on {datetime.fromtimestamp(stamp[0] / 1e9):%Y-%m-%d %H:%M}"


def show_folder(rescued: list[Path]) -> tuple[str, Callable[[], None]]:
    """The banner's button that shows the folder the copies were rescued to."""
    folder = QUrl.fromLocalFile(str(rescued[0].parent))
    return "Show Folder", lambda: QDesktopServices.openUrl(folder)


def merge_copies(
    copies: list[Path],
    descended: list[Path],
    on_disk: bytes | None,
    notes_path: Path,
    merge: Merge,
    say: Callable[[str], None],
) -> None:
    """Each of `copies` merged in (those `descended` from it against `on_disk`), then moved to the
    notes' backups: kept, and not offered again."""
    base = parse_or_none(on_disk) if descended else None

    def merge_one(copy: Path) -> bool:
        try:
            theirs = parse(copy.read_bytes())
        except (OSError, NotesFormatError):
            return False
        merge(theirs, copy.name, base if copy in descended else None)
        return True

    if not merge_each(copies, merge_one, notes_path):
        say("The copies of these notes could not be read; they are left as they are.")


def merge_each(copies: list[Path], merge_one: Callable[[Path], bool], kept_with: Path) -> int:
    """Each of `copies` merged in by `merge_one` (False: it could not be read, and is left
    where it is), then moved to the backups of `kept_with` (the notes or the memo they
    were merged into): kept, and not offered again. How many were merged."""
    merged = 0
    for copy in copies:
        if merge_one(copy):
            merged += 1
            file_away(copy, kept_with)
    return merged


def parse_or_none(data: bytes | None) -> NotesData | None:
    """The notes `data` holds; None for none, or for what cannot be read."""
    if data is None:
        return None
    try:
        return parse(data)
    except NotesFormatError:
        return None
