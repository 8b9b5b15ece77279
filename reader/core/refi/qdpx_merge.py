"""A source of a REFI-QDA project whose text is that of an interview the study has (a
supervisor's copy of the study, coded in NVivo, ATLAS.ti or MAXQDA and sent back): its
selections merged into that interview's notes file (qdpx_import reads them).

A selection whose GUID is the id of a highlight there (our export keeps highlight ids as
selection GUIDs) is that highlight: the codes and the note it gained are added. One with a
new GUID is a new highlight, unless a highlight of the same passage with its codes is
there (its twin, merged as above). Nothing is taken away: a coding removed in the other
tool stays here. A selection of a highlight's GUID over another passage (resized there)
is a new highlight beside it. The same project imported twice changes nothing the second
time. The notes file is backed up (backups.py) before it is written, atomically; one
that cannot be read, or that another window is editing, is left as it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from reader.core.annotations import Highlight, now_iso
from reader.core.backups import make_backup
from reader.core.lock_files import lock_holder, notes_lock
from reader.core.notes_file import NotesData, NotesFormatError, parse
from reader.core.refi.codebook_xml import derived_guid
from reader.core.store import describe_os_error, save_notes


@dataclass
class Merged:
    """What one source brought to the interview with its text."""

    source: str  # its name in the project
    interview: str  # the study's interview's title
    codings: int = 0  # codes added to highlights there already
    coded: int = 0  # the highlights there that gained codes
    new: int = 0  # highlights added
    notes: int = 0  # notes added or lengthened (a highlight's, the research notes)

    @property
    def changed(self) -> bool:
        return bool(self.codings or self.new or self.notes)

    @property
    def line(self) -> str:
        """“P03”: 12 codings added to 9 highlights, 4 new highlights"""
        named = f"“{self.source}”"
        if self.interview != self.source:
            named += f" (into “{self.interview}”)"
        parts = []
        if self.codings:
            parts.append(
                f"{_count(self.codings, 'coding')} added to {_count(self.coded, 'highlight')}"
            )
        if self.new:
            parts.append(_count(self.new, "new highlight"))
        if self.notes:
            parts.append(_count(self.notes, "note") + " added")
        return f"{named}: " + (", ".join(parts) or "nothing new, the study has all of it")


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def merge_selection(highlights: dict[str, Highlight], selection: Highlight, merged: Merged) -> None:
    """`selection` (a selection read as a highlight) into `highlights`, by id."""
    old = highlights.get(selection.id)
    if old is not None and (old.start, old.end) != (selection.start, selection.end):
        # Resized there: its passage is beside ours, never moved onto it.
        moved = f"{selection.id}/{selection.start}/{selection.end}"
        selection = replace(selection, id=derived_guid("selection", moved))
        old = highlights.get(selection.id)
    if old is None:
        # Which twin takes its note must not hang on the order read: one that has it.
        twins = [h for h in highlights.values() if _twins(h, selection)]
        note = selection.note.strip()
        old = min(twins, key=lambda h: (note not in h.note, h.id), default=None)
    if old is None:
        highlights[selection.id] = selection
        merged.new += 1
        return
    codes = tuple(c for c in selection.codes if c not in old.codes)
    note = joined(old.note, selection.note)
    if codes or note != old.note:
        highlights[old.id] = replace(
            old, codes=old.codes + codes, note=note, modified=max(now_iso(), old.modified)
        )
    merged.codings += len(codes)
    merged.coded += bool(codes)
    merged.notes += note != old.note


def _twins(here: Highlight, selection: Highlight) -> bool:
    """The same passage, with the selection's codes (and maybe more: codes are only
    added, so a twin stays one)."""
    same = (here.start, here.end) == (selection.start, selection.end)
    return same and set(selection.codes) <= set(here.codes)


def joined(old: str, new: str) -> str:
    """A note as it is here with `new` (the other tool's) added as a paragraph: not when
    it is here already (as whole paragraphs: "ok" is not in "book"); a note lengthened
    there (it starts with ours, then a word ends: not "Minefield" for "Mine") replaces
    ours, and the shorter one coming again is taken for the one lengthened."""
    new, here = new.strip(), old.strip()
    if not new or f"\n\n{new}\n\n" in f"\n\n{here}\n\n":
        return old
    if here.startswith(new) and not here[len(new)].isalnum():  # ours, lengthened here before
        return old
    if not here or (new.startswith(here) and not new[len(here)].isalnum()):
        return new
    return f"{old.rstrip()}\n\n{new}"


def read_notes(path: Path) -> tuple[bytes | None, NotesData | None, str]:
    """The notes file's bytes and notes (None, None: there is none yet), or why it is
    left as it is: unreadable, of a newer format, or being edited in another window (the
    window importing holds the lock of its own open interview, which merges what is
    written, reader/ui/codebook/refi.py)."""
    holder = lock_holder(notes_lock(path))
    if holder and holder != f"process {os.getpid()}":
        return None, None, f"another window ({holder}) is editing them"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None, ""
    except OSError as exc:
        return None, None, f"they cannot be read ({describe_os_error(exc)})"
    try:
        return raw, parse(raw), ""
    except NotesFormatError as exc:
        return None, None, f"they cannot be read ({str(exc).rstrip('.')})"


def write_notes(path: Path, was: bytes | None, notes: NotesData) -> str:
    """`notes` written over `was` (the bytes read), kept first as a backup; "" when done,
    else why not (then the file is as it was)."""
    try:
        if was is not None:
            make_backup(path, was)
        save_notes(path, notes)
    except OSError as exc:
        return f"they could not be written ({describe_os_error(exc)})"
    return ""
