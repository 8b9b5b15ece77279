"""Interviews set aside with their undo history while another is open (switching in a
study): each keeps its controller (session and undo stack) and its research notes'
document (their typing history), and remembers its files as they were left, so that
coming back can tell whether the history still applies. What is let go is deleted.

Each interview of the study also has its Crossing (what its history and the study's know
of each other), kept by notes file till the study closes: a history let go or dropped
still leaves to the study's Undo the passages it left out. Their code merges are one
mapping, the study's (`merged`).

The study's code changes and speakers renamed across it, and their undos, write the notes
files of interviews set aside: told (`written`), the one set aside takes the highlights,
speakers and quotes' chip labels as written and the file's new hash, so that coming back
keeps its history; a change by another program (before the study's or after) still drops
it.

The interviews last left in the study (the KNOWN_LIMIT most recent) leave their notes as
the app last knew them (read or written, or rewritten by the study), till the study closes:
a notes file another program deleted meanwhile is written again from them when the
interview comes back, with its history if it was kept, instead of opening empty. Not every
one visited: 200 interviews of 1 MB notes would hold 200 MB."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocument

from reader.core.notes_file import NotesData, NotesFormatError, parse
from reader.core.notes_opening import NotesRead, read_notes
from reader.core.read_only import ReadOnly
from reader.core.store import content_hash, file_stamp
from reader.core.undo_crossing import Crossing
from reader.ui.interview.controller import Controller
from reader.ui.typed_text import typed_text

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from reader.core.study import Rewritten


KNOWN_LIMIT = 20  # interviews whose notes, as last known, are kept (see the module doc)
SPOILT_WHILE_AWAY = (
    "Your notes, as last saved here, are written again: another program left their file "
    "unreadable while you were away ({reason}), set aside as {aside}."
)
DELETED_WHILE_AWAY = (
    "Your notes, as last saved here, are written again: their file was deleted outside the "
    "app while you were away."
)


@dataclass
class Parked:
    """An interview left aside with its undo history, and its files as they were left."""

    controller: Controller
    notes_document: QTextDocument
    notes_path: Path
    document_path: Path
    document_stamp: tuple[int, int] | None
    notes_hash: str  # "" when there was no notes file
    file_cause: ReadOnly | None  # why the notes file itself opened read-only, if it did

    @classmethod
    def now(
        cls,
        controller: Controller,
        notes_document: QTextDocument,
        document_path: Path,
        file_cause: ReadOnly | None,
    ) -> Parked:
        """`controller`'s interview as it is on disk now (all of it written: the saver knows
        the notes file's hash without reading it again)."""
        path = controller.saver.path
        return cls(
            controller,
            notes_document,
            path,
            document_path,
            file_stamp(document_path),
            controller.saver.expected_hash,
            file_cause,
        )

    def change(self, document_path: Path) -> tuple[str, bytes | None]:
        """What changed on disk since it was left, in words ("" for nothing), and its
        notes file as read now, once (None: none, cannot be read, or not read)."""
        if document_path != self.document_path:
            return "its transcript is another file now", None
        if file_stamp(self.document_path) != self.document_stamp:
            return "its transcript changed on disk", None
        if self.notes_deleted():
            return "", None  # written again from what it holds, as it comes back
        on_disk = _read_or_none(self.notes_path)
        now = content_hash(on_disk) if on_disk is not None else ""
        return ("" if now == self.notes_hash else "its notes file changed on disk"), on_disk

    def notes_deleted(self) -> bool:
        """Its notes file, there when it was left, is gone (another program deleted it)."""
        return bool(self.notes_hash) and not self.notes_path.exists()

    def discard(self) -> None:
        self.controller.deleteLater()
        self.notes_document.deleteLater()


@dataclass
class Known:
    """An interview's notes as the app last knew them: read or written (bytes), or as the
    study rewrote them; and the hash of the file they were (or were written as)."""

    notes: bytes | NotesData
    hash: str


class KeptHistories:
    """The interviews set aside, by notes file, the least recently left first; and every
    interview's Crossing, open or not."""

    def __init__(self) -> None:
        self._kept: OrderedDict[Path, Parked] = OrderedDict()
        self.crossings: dict[Path, Crossing] = {}
        self.merged: dict[str, str] = {}  # every Crossing's (Crossing.merged)
        self._last_known: OrderedDict[Path, Known] = OrderedDict()  # least recently left first
        # The interviews whose history `keep` let go -> why, said once when one opens:
        # Ctrl+Z there found nothing, and nothing said why.
        self.let_go: dict[Path | None, str] = {}

    def crossing(self, notes_path: Path) -> Crossing:
        return self.crossings.setdefault(notes_path, Crossing(merged=self.merged))

    def written(self, rewritten: Rewritten) -> None:
        """The study rewrote a notes file (its highlights, or its speakers): the interview
        set aside there follows, if the file was as it was left (else another program
        changed it, and coming back drops the history)."""
        parked = self._kept.get(rewritten.path)
        if parked is not None and parked.notes_hash == rewritten.replaced:
            session, notes = parked.controller.session, rewritten.notes
            session.set_highlights(notes.highlights)
            if (notes.speakers, notes.sides) != session.speaker_corrections():
                session.restore_speaker_corrections(notes.speakers, notes.sides)
            _chips_as_written(parked.notes_document, notes.notes)
            parked.notes_hash = rewritten.written
        known = self._last_known.get(rewritten.path)
        if known is not None and known.hash == rewritten.replaced:
            known.notes, known.hash = rewritten.notes, rewritten.written

    def left(self, notes_path: Path, on_disk: bytes | None) -> None:
        """The interview of `notes_path` was left with `on_disk` in its file (None: none)."""
        self._last_known.pop(notes_path, None)  # back in at the end: the most recent
        if on_disk is not None:
            self._last_known[notes_path] = Known(on_disk, content_hash(on_disk))
        while len(self._last_known) > KNOWN_LIMIT:
            self._last_known.popitem(last=False)

    def read_notes(self, notes_path: Path, *, remembered: bool, writable: bool) -> NotesRead:
        """The notes file read. Where it is missing: the notes as last known when the
        interview was left (with `remembered`), to be written again; else its latest
        backup is offered, only where the answer can be written (`writable`)."""
        known = self._last_known.get(notes_path) if remembered else None
        read = read_notes(notes_path, offer_backup=writable and known is None)
        # Not when a file was there and read. One another program spoilt is set aside by
        # now: with the notes as last known here, nothing need be chosen ("Start Empty"
        # lost them, kept nowhere else but in this window).
        recovery = read.recovery
        aside = recovery.aside if recovery is not None else None
        if known is None or not (read.missing or aside):
            return read
        try:
            notes = parse(known.notes) if isinstance(known.notes, bytes) else known.notes
        except NotesFormatError:  # it opened read-only (a newer format): not ours to write
            return read if aside else read_notes(notes_path, offer_backup=writable)
        said = DELETED_WHILE_AWAY
        if recovery is not None and aside is not None:
            said = SPOILT_WHILE_AWAY.format(reason=recovery.reason, aside=aside.name)
        return NotesRead(notes=notes, messages=[said], write_back=True)

    def take(self, notes_path: Path | None) -> Parked | None:
        return self._kept.pop(notes_path, None) if notes_path is not None else None

    def keep(self, parked: Parked, limit: int) -> None:
        """Set `parked` aside; beyond `limit`, the least recently left is let go."""
        self._kept[parked.notes_path] = parked
        while len(self._kept) > limit:
            path, oldest = self._kept.popitem(last=False)
            if oldest.controller.undo_stack.count() or oldest.notes_document.isUndoAvailable():
                self.let_go[path] = f"only the last {limit} interviews left keep theirs"
            oldest.discard()

    def holds(self, notes_document: QTextDocument) -> bool:
        return any(parked.notes_document is notes_document for parked in self._kept.values())

    def drop_all(self) -> None:
        for parked in self._kept.values():
            parked.discard()
        self._kept.clear()
        self.let_go.clear()
        self.crossings.clear()
        self.merged.clear()
        self._last_known.clear()


def _chips_as_written(document: QTextDocument, written: str) -> None:
    """The notes set aside take the chips' labels the study wrote in their file (a speaker
    renamed across it), as a step of their typing history; else their text came back
    unchanged, and was saved over the file again."""
    text = typed_text(document)
    if text != written:
        from reader.core.chip_relabel import chips_as_in  # a study's rename: not start-up's
        from reader.ui.notes.formatting import replace_spans

        if edits := chips_as_in(text, written):
            replace_spans(document, text, edits)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
