"""A study: a folder of interviews with study.json, opened, changed and saved.

The GUI and the CLI call these methods; every change goes through them. Nothing here
moves, changes or deletes a transcript, and removing an interview keeps its notes file
(adding the same transcript again picks those notes up again).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from unicodedata import normalize

from reader.core.annotations import Highlight, now_iso
from reader.core.backups import make_backup
from reader.core.chip_relabel import edited, rename_edits
from reader.core.code_change_record import (
    ChangeUnderWay,
    code_change_path,
    composed,
    listed,
    read_code_changes,
    said_of,
    write_code_changes,
)
from reader.core.codebook import Code, Codebook, clean_name, recode
from reader.core.document import (
    NAME_NOT_TEXT,
    Document,
    DocumentError,
    load_document,
    named_in_text,
    shown_name,
    title_from_name,
)
from reader.core.half_written import BeingWrittenError, cut_wait_ms
from reader.core.hashing import sha256_hex
from reader.core.markdown_links import quoted_ids
from reader.core.notes_file import NotesData, NotesFormatError, parse_migrating
from reader.core.notes_file import serialise as notes_bytes
from reader.core.read_only import ReadOnly
from reader.core.retired_codes import followed, retire, retired_codes, take_back
from reader.core.session import Session, insertion_index
from reader.core.speaker_rename import (
    RenameUnderWay,
    SpeakerCorrection,
    memo_edits,
    read_renames,
    rename_path,
    write_renames,
)
from reader.core.store import (
    FilePlace,
    atomic_write,
    conflict_copies,
    content_hash,
    describe_os_error,
    file_place,
    keep_aside,
    load_notes,
    set_aside,
)
from reader.core.structure_cache import detected_segments
from reader.core.study_file import (
    ATTRIBUTE_TYPES,
    AttributeDef,
    AttributeValue,
    AttributeValueError,
    InterviewEntry,
    NewerStudyError,
    StudyData,
    StudyFormatError,
    attribute_key,
    check_date,
    parse,
    serialise,
)
from reader.core.study_memo import MemoUnreadableError, read_memo, write_memo
from reader.core.study_merge import StudyMergeResult, merge_studies
from reader.core.study_moves import join_renamed
from reader.core.study_places import (
    APP_FOLDER_REFUSED,
    FILE_NAME,
    MEMO_FILE,
    NOTES_FOLDER,
    app_folder,
    study_folders,
)
from reader.core.study_places import interview_id as new_interview_id
from reader.core.study_scan import (
    ScanReport,
    is_study_file,
    is_study_file_name,
    is_transcript_name,
    natural_key,
    scan_folder,
    sniff,
)
from reader.core.study_titles import Titles, title_key
from reader.core.under_way import drop_record
from reader.core.undo_crossing import Recoded
from reader.core.undone import entries_undone, fields_undone
from reader.core.wording import counted


@dataclass(frozen=True)
class Rewritten:
    """A notes file a code change (or its undo) wrote, for the window's kept undo
    histories: the notes as written, and the hashes (store.content_hash) of the bytes it
    replaced and of those written."""

    path: Path
    notes: NotesData
    replaced: str
    written: str


Told = Callable[[Rewritten], None]


_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")  # an id, as the schema has it


class StudyError(Exception):
    """An operation the study refuses; the message is for the user."""


class StudyBeingWrittenError(StudyError):
    """study.json looks half written by another program still at it (core/half_written.py):
    not opened to be changed before it has stayed as it is for `wait_ms`."""

    def __init__(self, message: str, wait_ms: int) -> None:
        super().__init__(message)
        self.wait_ms = wait_ms


@dataclass
class CodeChange:
    """A merge or deletion of codes across a study, with what undo needs: the codebook
    before, and what it did to the highlights of each notes file that changed."""

    before: Codebook
    mapping: dict[str, str] = field(default_factory=dict)  # merged code id -> its target
    removed: frozenset[str] = frozenset()  # deleted code ids
    recoded: dict[str, Recoded] = field(default_factory=dict)  # by interview id
    retired_before: dict[str, str] = field(default_factory=dict)  # retired_codes.retire's
    quoted: frozenset[str] = frozenset()  # passages the study memo quotes: they stay
    key: str = ""  # its entry in the record of changes under way (code_change_record)

    def recode(
        self, highlights: list[Highlight], quoted: Set[str] = frozenset()
    ) -> list[tuple[int, Highlight, Highlight | None]]:
        """What the change does to `highlights`, of notes that quote `quoted` (see
        codebook.recode); nothing is changed."""
        return recode(highlights, self.mapping, self.removed, self.quoted | quoted)

    def follow_notes(self, notes: NotesData) -> Recoded:
        """`recode_notes`, and the codes gone off the copy of the codebook `notes` keep for
        being opened alone too (a code the study no longer has would come back)."""
        changed = self.recode_notes(notes)
        if changed:
            gone = self.mapping.keys() | self.removed
            notes.codebook = Codebook.repaired(c for c in notes.codebook if c.id not in gone)
        return changed

    def recode_notes(self, notes: NotesData) -> Recoded:
        """Apply the change to `notes` (the open interview's, say); returns what undo needs."""
        changes = self.recode(notes.highlights, quoted_ids(notes.notes))
        new = {old.id: after for _, old, after in changes}
        kept = (new.get(h.id, h) for h in notes.highlights)
        notes.highlights = [h for h in kept if h is not None]
        return Recoded.of(changes)


@dataclass(frozen=True)
class AttributeChanged:
    """What Change Attribute… changed, for its undo: the definition before, and the
    interviews holding a value of it, as they were."""

    old: AttributeDef
    had: dict[str, InterviewEntry]


@dataclass
class Study:
    """An open study. `data` is what study.json will hold; `base` what it held when last
    read or written (the base of a three-way merge), None before the first save."""

    folder: Path
    data: StudyData
    base: StudyData | None = None
    read_only: bool = False
    # Read-only as its folder or study.json cannot be written here (a read-only disk or
    # share): every change would have failed at its save, and been lost at closing.
    unwritable: bool = False
    # Read-only as another window (here or on another computer) has the study open: its
    # lock is the window's (ui/library/open_study.py), which sets this as it is taken.
    in_use: bool = False
    # Read-only as study.json is a newer build's (at opening, or come since): whichever
    # window has the study, nothing is written over it here.
    newer: bool = False
    warnings: list[str] = field(default_factory=list)  # for the user, from opening
    _disk_hash: str = ""  # of study.json's bytes as last read or written
    # Another program's study.json that looks half written: how long until it is taken as
    # it is (core/half_written.py); no save replaces it meanwhile.
    wait_ms: int = 0
    _spoilt: bool = False  # study.json could not be read, and is to be written again
    # Interview id -> its (first) place in data.interviews, as last seen: checked at each
    # look-up, and made again when the list has changed (500 interviews looked up by a
    # scan each, to find their transcripts as the study opened, took 20-30 ms).
    _places: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    # Interview id -> what adding it did to its notes (_follow_retired), and their codebook
    # before: for the undo of the add (`undo_add`).
    # The records of changes under way (core/under_way.py) that could not be finished as
    # the study opened: a save leaves them, to be tried again at the next opening.
    _unfinished: set[Path] = field(default_factory=set, repr=False, compare=False)
    # The codebook as finishing a code change first failed: a code edited here since
    # (renamed, recoloured) keeps its edit once the change is finished (the record keeps
    # it too, for a later opening: ChangeUnderWay.found).
    _book_unfinished: Codebook | None = field(default=None, repr=False, compare=False)
    # What the user was told of each (`finish_under_way`): no longer true once finished.
    unfinished_said: list[str] = field(default_factory=list, repr=False, compare=False)
    # Code changes in the record (by key): made here, so that study.json holds them once
    # saved; those whose open interview's notes could not be written (they stay through
    # saves, and so do the changes after them); those undone, with their undos.
    _recorded: set[str] = field(default_factory=set, repr=False, compare=False)
    _unwritten: set[str] = field(default_factory=set, repr=False, compare=False)
    _cancelled: set[str] = field(default_factory=set, repr=False, compare=False)
    # The speaker's rename across the study (its key in the record) whose open interview's
    # notes and memo are still to be written (`rename_written`); the renames made here;
    # those finished as the study opened, which study.json holds once saved.
    _renaming: str = field(default="", repr=False, compare=False)
    _renames_here: set[str] = field(default_factory=set, repr=False, compare=False)
    _renames_finished: set[str] = field(default_factory=set, repr=False, compare=False)
    # A rename made here whose open interview's notes or the memo could not be written.
    _rename_unwritten: bool = field(default=False, repr=False, compare=False)
    _followed: dict[str, tuple[Recoded, Codebook]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # Interview id -> its transcript's file_place when last seen (study_moves.py).
    files_seen: dict[str, FilePlace] = field(default_factory=dict, repr=False, compare=False)
    # The study as found in its folder when it had no study.json to read: the base of a
    # merge until one is read or written, so that what another window wrote since wins
    # over what was only found here (a two-way merge went by the second's time stamps).
    _found: StudyData | None = field(default=None, repr=False, compare=False)

    # Where things are ------------------------------------------------------------------

    @property
    def file(self) -> Path:
        return self.folder / FILE_NAME

    @property
    def notes_dir(self) -> Path:
        return self.folder / NOTES_FOLDER

    @property
    def interviews(self) -> list[InterviewEntry]:
        return self.data.interviews

    def notes_path(self, entry: InterviewEntry | str) -> Path:
        return self.notes_dir / f"{_id(entry)}.json"

    def transcript_path(self, entry: InterviewEntry | str) -> Path:
        """The transcript's absolute path (resolved against the study folder). A name
        with accents is found written in either Unicode form: a Mac writes them apart
        (NFD), and git, a zip or a sync tool may bring the folder back composed (NFC),
        which left every accented interview missing."""
        relative = self.interview(_id(entry)).path
        path = Path(os.path.normpath(self.folder / PurePosixPath(relative)))
        if "\\" in relative and not path.exists():  # "sub\\P3.txt" typed in on Windows
            relative = PureWindowsPath(relative).as_posix()
            path = Path(os.path.normpath(self.folder / relative))
        if relative.isascii() or path.exists():
            return path
        for form in ("NFC", "NFD"):
            other = Path(os.path.normpath(self.folder / normalize(form, relative)))
            if other.exists():
                return other
        return path

    def memo_quoted(self) -> frozenset[str]:
        """The passages the study memo quotes (markdown_links.quoted_ids), as saved."""
        try:
            return quoted_ids((self.folder / MEMO_FILE).read_text("utf-8", errors="replace"))
        except OSError:  # none yet
            return frozenset()

    def files(self) -> list[Path]:
        """Every file of the study: study.json, the memo, each transcript and notes file
        (what an export reads, and must never write over)."""
        entries = self.interviews
        return [
            self.file,
            self.folder / MEMO_FILE,
            *(self.transcript_path(e) for e in entries),
            *(self.notes_path(e) for e in entries),
        ]

    def note_files(self) -> None:
        """Each listed transcript's place on its disk (`file_place`) while it is there: kept
        by a rename or a move on the same disk, it tells the file when it comes back
        (study_moves.py)."""
        for entry in self.interviews:
            if (place := file_place(self.transcript_path(entry))) is not None:
                self.files_seen[entry.id] = place

    def is_missing(self, entry: InterviewEntry | str) -> bool:
        try:
            return not self.transcript_path(entry).is_file()
        except OSError:  # a name too long for this system, say
            return True

    def interview(self, interview_id: str) -> InterviewEntry:
        entries = self.data.interviews
        place = self._places.get(interview_id, -1)
        if not (0 <= place < len(entries) and entries[place].id == interview_id):
            self._places = {entries[i].id: i for i in range(len(entries) - 1, -1, -1)}
            place = self._places.get(interview_id, -1)
            if place < 0:
                raise StudyError(f"The study has no interview {interview_id!r}.")
        return entries[place]

    def index_of(self, interview_id: str) -> int:
        self.interview(interview_id)  # there (else StudyError), and its place known
        return self._places[interview_id]

    def attribute(self, key: str) -> AttributeDef:
        for definition in self.data.attributes:
            if definition.key == key:
                return definition
        raise StudyError(f"The study has no attribute {key!r}.")

    def relative_path(self, transcript: Path) -> str:
        """How study.json names `transcript`: relative to the folder, POSIX separators."""
        absolute = Path(os.path.abspath(transcript))
        try:
            return Path(os.path.relpath(absolute, self.folder)).as_posix()
        except ValueError:  # another drive: no relative path exists
            return absolute.as_posix()

    # Interviews --------------------------------------------------------------------------

    def add_interview(
        self,
        transcript: Path,
        title: str = "",
        added: str = "",
        known: dict[Path | None, InterviewEntry] | None = None,
    ) -> InterviewEntry:
        """Add a transcript at the end; StudyError if it is in the study already, is not a
        file, or does not look like a transcript (binary, empty). Only its head is read.
        `added`: when it joined a study elsewhere (an imported project says), else now.
        `known`: the study's files (`known_files`), given for many added one by one (an
        imported project's), to look each up once; the new one joins them."""
        self._writable()
        transcript = Path(transcript)
        known = self.known_files() if known is None else known
        self._addable(transcript, known)
        entry = self._append([transcript], title)[0]
        if added:
            entry = self.data.interviews[-1] = replace(entry, added=added)
        known.setdefault(self._resolved(entry), entry)
        return entry

    def _addable(self, transcript: Path, known: dict[Path | None, InterviewEntry]) -> None:
        """StudyError, saying why, where `transcript` cannot be added (`known`: the study's
        transcripts, `known_files`)."""
        if not transcript.is_file():
            raise StudyError(f"{transcript} is not a file.")
        self._refuse_twice(transcript, known=known)
        reason = "it is a study's own file, not a transcript" if is_study_file(transcript) else ""
        reason = reason or sniff(transcript)
        if reason:
            raise StudyError(f"{shown_name(transcript.name)} cannot be added: {reason}.")

    def add_paths(self, paths: Sequence[Path]) -> tuple[list[InterviewEntry], list[str]]:
        """Add the transcripts and folders of them picked or dropped together, in their
        order, and say what was refused. Each file once: one picked twice, or in a folder
        picked with it, was refused as "in the study already" though this very add took
        it; and all titled together, as a folder's are ("P71 (a)", "P71 (b)", where the
        first of them kept "P71"). A folder's transcripts in the study already are passed
        over, as adding the folder alone does."""
        self._writable()
        known = self.known_files()  # resolved once for the whole batch, not for each file
        taken = set(known)
        batch: list[Path] = []
        problems: list[str] = []
        for path in paths:
            if path.is_dir():
                report = scan_folder(path, self.folder)
                problems += report.messages()
                found = report.found
            else:
                try:
                    self._addable(path, known)
                except StudyError as exc:
                    problems.append(str(exc))
                    continue
                found = [path]
            for transcript in found:
                if (resolved := transcript.resolve()) not in taken:
                    taken.add(resolved)
                    batch.append(transcript)
        return self._append(batch), problems

    def add_folder(self, folder: Path) -> tuple[list[InterviewEntry], ScanReport]:
        """Add every transcript found in `folder` (see study_scan) not in the study yet."""
        self._writable()
        report = scan_folder(Path(folder), self.folder)
        known = {self._resolved(e) for e in self.data.interviews}
        new = []
        for path in report.found:
            resolved = path.resolve()
            if resolved not in known:
                known.add(resolved)
                new.append(path)
        return self._append(new), report

    def not_listed(self, paths: Sequence[Path]) -> list[Path]:
        """The transcripts at `paths` (files, and those in folders: see study_scan) that the
        study does not list: those that came into its folder, to offer to add. Its own
        files (study.json, the memo, the copies made of them) and hidden ones are none."""
        known = {self._resolved(e) for e in self.data.interviews}
        found: list[Path] = []
        for path in sorted(paths, key=lambda p: natural_key(p.name)):
            # By name: the folder is a study's, its study.json written yet or not.
            own = path.parent == self.folder and is_study_file_name(path)
            if path.name.startswith(".") or path == self.notes_dir or own:
                continue
            if path.is_dir():
                found += scan_folder(path, self.folder).found
            elif (
                path.is_file()
                and is_transcript_name(path, doc=True)
                and not sniff(path, in_folder=True)
            ):
                found.append(path)
        return [path for path in found if path.resolve() not in known]

    def titles(self) -> Titles:
        """The titles the study's interviews have, to give new ones titles of their own."""
        return Titles.of((e.title, e.path) for e in self.data.interviews)

    def _append(self, transcripts: list[Path], title: str = "") -> list[InterviewEntry]:
        """The transcripts at the end, at once: titled together (study_titles.py), or the
        one given `title` so (numbered if another has it)."""
        ids = {e.id for e in self.data.interviews}
        paths = [self.relative_path(transcript) for transcript in transcripts]
        named = [(title_from_name(t), p) for t, p in zip(transcripts, paths, strict=True)]
        titles = [self.titles().free(title)] if title else self.titles().new(named)
        stamp = now_iso()
        added = []
        for path, given in zip(paths, titles, strict=True):
            entry = InterviewEntry(
                id=new_interview_id(path, ids.__contains__),
                path=path,
                title=given,
                added=stamp,
                modified=stamp,
            )
            ids.add(entry.id)
            added.append(entry)
        self.data.interviews += added
        self._follow_retired(added)
        return added

    def _follow_retired(self, entries: list[InterviewEntry]) -> None:
        """The notes of interviews (added again) whose passages carry codes the study merged
        or deleted since (reader/core/retired_codes.py) recoded as the study's were, each
        file backed up first. One that cannot be read or written is left as it is: its
        codes are adopted as they were when it opens, and nothing of it is lost."""
        mapping, removed = followed(retired_codes(self.data.settings), self.data.codebook)
        if not mapping and not removed:
            return
        change = CodeChange(Codebook(), mapping, removed)
        for entry in entries:
            try:
                notes = self.load_notes(entry)
            except (OSError, NotesFormatError):
                continue
            book = notes.codebook if notes is not None else None
            changed = change.follow_notes(notes) if notes is not None else None
            if notes is None or book is None or not changed:
                continue
            with contextlib.suppress(StudyError):
                self._write_notes([(entry.id, self.shared_notes(notes))], None, backed_up=True)
                self._followed[entry.id] = (changed, book)

    def undo_add(self, ids: Sequence[str]) -> None:
        """Undo of adding the interviews `ids`: off the study's list, and the notes adding
        recoded (`_follow_retired`) given their codes and codebook back, as they were."""
        here = {entry.id for entry in self.data.interviews}
        for interview_id in [i for i in ids if i in here]:  # one gone since: another's doing
            self.remove_interview(interview_id)
            if (followed_here := self._followed.pop(interview_id, None)) is None:
                continue
            recoded, book = followed_here
            try:
                notes = self.load_notes(interview_id)
            except (OSError, NotesFormatError):
                continue
            if notes is not None:
                notes.highlights, notes.codebook = recoded.undo(notes.highlights), book
                with contextlib.suppress(StudyError):
                    self._write_notes([(interview_id, notes)], None, backed_up=True)

    def redo_add(self, entries: Sequence[tuple[int, InterviewEntry]]) -> None:
        """Redo of adding interviews (index, entry): back on the list, followed again."""
        for index, entry in entries:
            self.restore_interview(index, entry)
        self._follow_retired([entry for _, entry in entries])

    def update_interview(
        self,
        interview_id: str,
        *,
        title: str | None = None,
        participant: str | None = None,
        date: str | None = None,
    ) -> InterviewEntry:
        """Change the title, participant or date (YYYY-MM-DD, "" for none); the old entry
        is returned, for undo."""
        self._writable()
        old = self.interview(interview_id)
        changes: dict[str, Any] = {}
        if title is not None:
            changes["title"] = self._free_title(title, interview_id)
        if participant is not None:
            changes["participant"] = normalize("NFC", participant.strip())
        if date is not None:
            try:
                changes["date"] = check_date(date) if date.strip() else ""
            except AttributeValueError as exc:
                raise StudyError(str(exc)) from None
        self._put(replace(old, **changes))
        return old

    def fill_from_transcripts(
        self, participants: dict[str, str], dates: dict[str, str]
    ) -> list[InterviewEntry]:
        """Set the participant and the date (YYYY-MM-DD) of each interview named (id ->
        value) that has none; one typed meanwhile is kept, one gone is passed over. The
        entries of those set, before and after, for `put_back`."""
        self._writable()
        changed = []
        stamp = now_iso()
        for index, entry in enumerate(self.data.interviews):
            changes: dict[str, str] = {}
            if entry.id in participants and not entry.participant.strip():
                changes["participant"] = participants[entry.id].strip()
            if entry.id in dates and not entry.date:
                changes["date"] = check_date(dates[entry.id])
            if changes:
                filled = replace(entry, **changes, modified=stamp)
                self.data.interviews[index] = filled
                changed.append((entry, filled))
        return changed

    def follow_speaker(self, interview_id: str, old: str, new: str) -> bool:
        """The participant becomes `new` if it is `old` exactly (the name of a speaker just
        renamed `new`); one typed otherwise stays, and an interview gone is passed over.
        Whether it changed."""
        self._writable()
        entry = next((e for e in self.data.interviews if e.id == interview_id), None)
        if entry is None or entry.participant != old or old == new:
            return False
        self._put(replace(entry, participant=new))
        return True

    def put_back(self, changed: list[tuple[InterviewEntry, InterviewEntry]]) -> None:
        """Undo fill_from_transcripts in the interviews still here: what it filled goes
        back, field by field (`undo_entry_change`); a participant renamed since with its
        speaker, in the interview's own history, stays."""
        self._writable()
        here = {entry.id for entry in self.data.interviews}
        for old, new in changed:
            if old.id in here:
                self.undo_entry_change(old, new)

    def _free_title(self, title: str, interview_id: str) -> str:
        """`title` stripped, for the interview: StudyError when it is empty, or is another
        interview's title (as a reader tells them apart: case and spacing aside), but for
        its own written otherwise (two titled alike before titles were kept apart)."""
        title, key = normalize("NFC", title.strip()), title_key(title)
        if not title:
            raise StudyError("An interview needs a title.")
        if any(e.id == interview_id and title_key(e.title) == key for e in self.data.interviews):
            return title
        for entry in self.data.interviews:
            if entry.id != interview_id and title_key(entry.title) == key:
                raise StudyError(f"“{entry.title}” is another interview's title: choose another.")
        return title

    def rename_interview(self, interview_id: str, title: str) -> InterviewEntry:
        return self.update_interview(interview_id, title=title)

    def move_interview(self, interview_id: str, index: int) -> int:
        """Put the interview at `index` (clamped); returns its old index, for undo."""
        self._writable()
        old = self.index_of(interview_id)
        entry = self.data.interviews.pop(old)
        index = max(0, min(index, len(self.data.interviews)))
        self.data.interviews.insert(index, entry)
        return old

    def remove_interview(self, interview_id: str) -> tuple[int, InterviewEntry]:
        """Take the interview out of the study. Its transcript and its notes file stay on
        disk. Returns (index, entry) for `restore_interview`."""
        self._writable()
        index = self.index_of(interview_id)
        return index, self.data.interviews.pop(index)

    def restore_interview(self, index: int, entry: InterviewEntry) -> None:
        """Put back an entry taken out by `remove_interview` (undo)."""
        self._writable()
        if any(e.id == entry.id for e in self.data.interviews):
            raise StudyError(f"“{entry.title}” is in the study already.")
        # Its values of attributes another program took out since (a colleague's copy,
        # merged in) go, as the merge took them from the others: study.json kept one
        # and was set aside as unreadable ("a value for the undefined attribute").
        definitions = {a.key: a for a in self.data.attributes}
        fitting = {}
        for key, value in entry.attributes.items():
            with contextlib.suppress(AttributeValueError):
                if key in definitions and (kept := definitions[key].check(value)) is not None:
                    fitting[key] = kept
        if fitting != entry.attributes:
            entry = replace(entry, attributes=fitting)
        self.data.interviews.insert(max(0, min(index, len(self.data.interviews))), entry)

    def relocate(self, interview_id: str, transcript: Path) -> InterviewEntry:
        """Point a (missing) interview at the transcript's new place; its id and notes stay.
        StudyError as `add_interview` says. Returns the old entry, for undo."""
        self._writable()
        transcript = Path(transcript)
        if not transcript.is_file():
            raise StudyError(f"{transcript} is not a file.")
        self._refuse_twice(transcript, interview_id)
        reason = sniff(transcript)
        if reason:  # as when adding: the study never points at what cannot open
            raise StudyError(f"{shown_name(transcript.name)} cannot be the transcript: {reason}.")
        old = self.interview(interview_id)
        self._put(replace(old, path=self.relative_path(transcript)))
        return old

    def _refuse_twice(
        self,
        transcript: Path,
        other_than: str = "",
        known: dict[Path | None, InterviewEntry] | None = None,
    ) -> None:
        """StudyError when the file (compared by resolved path) is in the study already,
        but as `other_than`; `known`, where given, the study's files (`known_files`)."""
        known = known if known is not None else self.known_files()
        entry = known.get(transcript.resolve())
        if entry is not None and entry.id != other_than:
            # Locating: the way out (a renamed transcript added again as a new, empty one).
            then = f"; remove “{entry.title}” from the study first" if other_than else ""
            raise StudyError(
                f"{transcript.name} is in the study already, as “{entry.title}”{then}."
            )

    def known_files(self) -> dict[Path | None, InterviewEntry]:
        """The study's transcripts by resolved path, the first interview of each."""
        known: dict[Path | None, InterviewEntry] = {}
        for entry in self.data.interviews:
            known.setdefault(self._resolved(entry), entry)
        return known

    def _resolved(self, entry: InterviewEntry) -> Path | None:
        try:
            return self.transcript_path(entry).resolve()
        except OSError:  # a path this system cannot even resolve is no file of ours
            return None

    def undo_entry_change(self, old: InterviewEntry, new: InterviewEntry) -> None:
        """Undo the change that made `old` into `new` (update, relocate, an attribute set):
        what it changed goes back, field by field; what changed since in another undo
        history stays (the participant that followed its speaker renamed, in the
        interview's)."""
        self._writable()
        now = self.interview(old.id)
        back = fields_undone(old, new, now, skip=("attributes", "modified"))
        attributes = entries_undone(old.attributes, new.attributes, now.attributes)
        back = replace(back, attributes=attributes)
        # Its time as before the change, unless another history's change stays: a merge
        # with another machine's file takes the newer entry's fields.
        whole = back == replace(old, modified=back.modified)
        back = replace(back, modified=old.modified if whole else now.modified)
        self.data.interviews[self.index_of(old.id)] = back

    def _put(self, entry: InterviewEntry) -> None:
        self.data.interviews[self.index_of(entry.id)] = replace(entry, modified=now_iso())

    # Attributes --------------------------------------------------------------------------

    def define_attribute(
        self, label: str, type_: str, options: tuple[str, ...] | list[str] = ()
    ) -> AttributeDef:
        self._writable()
        label = label.strip()
        if not label:
            raise StudyError("An attribute needs a name.")
        if type_ not in ATTRIBUTE_TYPES:
            raise StudyError(f"An attribute is one of {', '.join(ATTRIBUTE_TYPES)}.")
        if any(a.label.casefold() == label.casefold() for a in self.data.attributes):
            raise StudyError(f"The study has an attribute “{label}” already.")
        taken = {a.key for a in self.data.attributes}
        definition = AttributeDef(
            attribute_key(label, taken.__contains__),
            label,
            type_,
            _options(options) if type_ == "choice" else (),
        )
        self.data.attributes.append(definition)
        return definition

    def rename_attribute(self, key: str, label: str) -> AttributeDef:
        """A new label; values stay under the same key. Returns the old definition."""
        self._writable()
        old = self.attribute(key)
        label = label.strip()
        if not label:
            raise StudyError("An attribute needs a name.")
        if any(
            a.key != key and a.label.casefold() == label.casefold() for a in self.data.attributes
        ):
            raise StudyError(f"The study has an attribute “{label}” already.")
        self._put_attribute(replace(old, label=label))
        return old

    def change_attribute(
        self, key: str, label: str, options: tuple[str, ...] | list[str] | None = None
    ) -> AttributeChanged:
        """Its label and, given `options`, its choices (Change Attribute…), all or nothing:
        choices refused leave the label as it was. Returns what `undo_attribute_change`
        needs."""
        refused = self._options_refused(key, options) if options is not None else ""
        if refused:
            raise StudyError(refused)
        old = self.rename_attribute(key, label)
        had = {e.id: e for e in self.data.interviews if key in e.attributes}
        if options is not None:
            self.set_attribute_options(key, options)
        return AttributeChanged(old, had)

    def undo_attribute_change(self, changed: AttributeChanged, new: AttributeDef) -> None:
        """Undo the change that made `changed.old` into `new` (Change Attribute…): its
        label and its choices go back where they are still as it left them (another
        program's change since stays); values respelt with the choices follow them back,
        and their interviews' times too where nothing else of them changed since."""
        old = changed.old
        now = self.attribute(old.key)
        back = fields_undone(old, new, now)
        chosen = back.options != now.options
        self.change_attribute(old.key, back.label, back.options if chosen else None)
        self._times_back(changed.had)

    def _times_back(self, had: dict[str, InterviewEntry]) -> None:
        """The interviews an undo made as they were in `had` again take their time back
        too: `modified` decides which entry a merge of two copies of study.json keeps, and
        the undo's new time made an old entry beat a colleague's edit."""
        for interview_id, before in had.items():
            try:
                entry = self.interview(interview_id)
            except StudyError:  # taken out of the study since
                continue
            if replace(entry, modified=before.modified) == before:
                self.data.interviews[self.index_of(interview_id)] = before

    def set_attribute_options(self, key: str, options: tuple[str, ...] | list[str]) -> AttributeDef:
        """The choices of a choice attribute. Refused while an interview holds a value
        that would no longer be one. Returns the old definition."""
        self._writable()
        old = self.attribute(key)
        refused = self._options_refused(key, options)
        if refused:
            raise StudyError(refused)
        new = _options(options)
        respelt = _respelt(old.options, new)
        for entry in self.data.interviews:
            value = entry.attributes.get(key)
            if value in respelt:  # "nurse" now written "Nurse": its values follow
                self._put(replace(entry, attributes={**entry.attributes, key: respelt[value]}))
        self._put_attribute(replace(old, options=new))
        return old

    def _options_refused(self, key: str, options: tuple[str, ...] | list[str]) -> str:
        """Why `set_attribute_options` would refuse these choices; "" when it would not:
        while an interview holds a value that would no longer be one (a choice only
        written otherwise, "nurse" as "Nurse", is the same choice)."""
        old = self.attribute(key)
        if old.type != "choice":
            return f"{old.label} is not a choice."
        new = _options(options)
        kept = set(new) | _respelt(old.options, new).keys()
        using = [
            e for e in self.data.interviews if key in e.attributes and e.attributes[key] not in kept
        ]
        if not using:
            return ""
        gone = ", ".join(f"“{v}”" for v in dict.fromkeys(e.attributes[key] for e in using))
        return (
            f"{counted(len(using), 'interview')} ({', '.join(e.title for e in using[:3])}) "
            f"{'has' if len(using) == 1 else 'have'} a "
            f"{old.label} that is no longer a choice ({gone}); change those first, or rename "
            "a choice by typing over its line alone."
        )

    def remove_attribute(
        self, key: str
    ) -> tuple[int, AttributeDef, dict[str, AttributeValue], dict[str, InterviewEntry]]:
        """Drop the attribute and its values. Returns (index, definition, values by
        interview id, the entries that had one, as they were) for `restore_attribute`."""
        self._writable()
        definition = self.attribute(key)
        index = self.data.attributes.index(definition)
        had = {e.id: e for e in self.data.interviews if key in e.attributes}
        del self.data.attributes[index]
        for entry in had.values():
            attributes = {k: v for k, v in entry.attributes.items() if k != key}
            self._put(replace(entry, attributes=attributes))
        return index, definition, {i: e.attributes[key] for i, e in had.items()}, had

    def restore_attribute(
        self,
        index: int,
        definition: AttributeDef,
        values: dict[str, AttributeValue],
        had: dict[str, InterviewEntry] | None = None,
    ) -> None:
        """Undo `remove_attribute`: each value back, and the entry's time as it was where
        nothing else of it changed since (`_times_back`)."""
        self._writable()
        # Defined again since by another program (a colleague's copy changed it, merged
        # in): kept as it is now, not put in twice, which made study.json unreadable.
        now = next((a for a in self.data.attributes if a.key == definition.key), None)
        if now is None:
            self.data.attributes.insert(index, definition)
        for interview_id, value in values.items():
            try:
                entry = self.interview(interview_id)
            except StudyError:  # taken out since by another program (a colleague's copy)
                continue
            if now is not None:
                if definition.key in entry.attributes:  # its value since stays
                    continue
                try:
                    value = now.check(value)
                except AttributeValueError:  # it no longer fits (another type since)
                    continue
            self._put(replace(entry, attributes={**entry.attributes, definition.key: value}))
        self._times_back(had or {})

    def set_attribute(self, interview_id: str, key: str, value: Any) -> InterviewEntry:
        """Set (or with None or "" clear) one value, checked against its type. Returns the
        old entry, for undo; StudyError with the reason when the value does not fit."""
        self._writable()
        definition = self.attribute(key)
        try:
            checked = definition.check(value)
        except AttributeValueError as exc:
            raise StudyError(str(exc)) from None
        old = self.interview(interview_id)
        attributes = {k: v for k, v in old.attributes.items() if k != key}
        if checked is not None:
            attributes[key] = checked
        self._put(replace(old, attributes=attributes))
        return old

    def _put_attribute(self, definition: AttributeDef) -> None:
        index = self.data.attributes.index(self.attribute(definition.key))
        self.data.attributes[index] = definition

    def matching(self, filters: dict[str, set[Any]] | None) -> list[InterviewEntry]:
        """The interviews whose value of every filtered attribute is one of its set
        ("participant" and "date" filter those fields); all when `filters` is empty."""
        if not filters:
            return list(self.data.interviews)
        folded = {k: {_folded(x) for x in v} for k, v in filters.items()}
        return [
            e
            for e in self.data.interviews
            if all(_folded(_value(e, k)) in v for k, v in folded.items())
        ]

    def filters_from(self, pairs: list[tuple[str, str]]) -> dict[str, set[Any]]:
        """Filters for `matching` from (attribute key or label, value) as typed (the
        command line's --where, a filter field): values of one attribute are any-of.
        StudyError names an unknown attribute or a value that does not fit."""
        filters: dict[str, set[Any]] = {}
        for name, text in pairs:
            key = name.strip()
            if key.casefold() in _OWN_FIELDS:
                value = text.strip()
                if key.casefold() == "date" and value:  # "6/5/2024" matched none, unsaid
                    try:
                        value = check_date(value)
                    except AttributeValueError as exc:
                        raise StudyError(str(exc)) from None
                filters.setdefault(key.casefold(), set()).add(value)
                continue
            definition = next(
                (
                    a
                    for a in self.data.attributes
                    if key in (a.key, a.label) or a.label.casefold() == key.casefold()
                ),
                None,
            )
            if definition is None:
                # Every interview has these three: "its attributes: none" hid them.
                known = ", ".join([*_OWN_FIELDS, *(a.label for a in self.data.attributes)])
                raise StudyError(f"the study has no attribute {key!r} (it has: {known})")
            try:
                filters.setdefault(definition.key, set()).add(definition.check(text))
            except AttributeValueError as exc:
                raise StudyError(str(exc)) from None
        return filters

    # Shared colour labels and codebook ----------------------------------------------------

    def shared_notes(self, notes: NotesData) -> NotesData:
        """`notes` with the study's colour labels and codebook: the study's apply to every
        interview in it (the notes file keeps a copy for when it is opened alone). Codes
        the notes use that the study lacks are kept after the study's."""
        notes.colors = {**notes.colors, **self.data.colors}
        book = self.data.codebook
        notes.codebook = Codebook.repaired(
            [*book, *(c for c in notes.codebook if c.id not in book)]
        )
        return notes

    def set_color_label(self, color: str, label: str) -> str:
        """Returns the old label, for undo."""
        self._writable()
        old = self.data.colors.get(color, "")
        self.data.colors[color] = label
        return old

    def set_color_labels(self, labels: dict[str, str]) -> dict[str, str]:
        """Every colour's label at once; returns the old ones, for undo."""
        self._writable()
        old = dict(self.data.colors)
        self.data.colors = {**self.data.colors, **labels}
        return old

    def undo_color_labels(self, old: dict[str, str], labels: dict[str, str]) -> None:
        """Undo `set_color_labels(labels)`, which found `old`: the labels it changed go
        back where they are still its own (another program's relabelling stays)."""
        self._writable()
        self.data.colors = entries_undone(old, {**old, **labels}, self.data.colors)

    @property
    def codebook(self) -> Codebook:
        """The study's codebook; change it through its methods after `writable_codebook`."""
        return self.data.codebook

    def writable_codebook(self) -> Codebook:
        """The codebook, to change (create, rename, move); StudyError when read-only."""
        self._writable()
        return self.data.codebook

    def merge_codes(
        self, source: str, target: str, skip: str | None = None, told: Told | None = None
    ) -> CodeChange:
        """Merge code `source` into `target` (its codings join target's, its children move
        below target) in study.json and in every notes file but `skip`'s (the open
        interview: the caller applies `change.recode_notes` to it); `told` of each file
        written. All or nothing: StudyError when a notes file cannot be read or written. Undo:
        `undo_code_change`."""
        self._writable()
        before = self.data.codebook.copy()
        mapping = self.data.codebook.merge(source, target)
        retired_before = retire(self.data.settings, mapping, ())
        change = CodeChange(before, mapping=mapping, retired_before=retired_before)
        return self._rewrite_codings(change, skip, told)

    def delete_code(
        self,
        code_id: str,
        skip: str | None = None,
        told: Told | None = None,
        memo_typed: Set[str] = frozenset(),
    ) -> CodeChange:
        """Delete the code and the codes below it, taking them off every highlight but in
        `skip`'s notes (see merge_codes); a passage with no colour and no note that had no
        other code goes (`codebook.recode`), unless the memo quotes it, as saved or as
        typed in the window (`memo_typed`: not saved yet, or failing to). The Codebook
        panel's confirmation counts them first (CodebookHub.deletion_counts)."""
        self._writable()
        before = self.data.codebook.copy()
        removed = self.data.codebook.delete(code_id)
        retired_before = retire(self.data.settings, {}, removed)
        quoted = self.memo_quoted() | memo_typed
        change = CodeChange(before, removed=removed, retired_before=retired_before, quoted=quoted)
        return self._rewrite_codings(change, skip, told)

    def undo_code_change(
        self, change: CodeChange, told: Told | None = None, skip: str | None = None
    ) -> None:
        """Put the codebook and the highlights back as they were, those removed too (with
        their ids, places and notes); `told` of each file written; `skip`, the open
        interview's, the caller writes. All or nothing: StudyError when a notes file cannot
        be read or written."""
        self._writable()
        rewritten = []
        for interview_id, recoded in change.recoded.items():
            path = self.notes_path(interview_id)
            try:
                notes = load_notes(path)
            except (NotesFormatError, OSError) as exc:  # spoilt or taken away since
                raise self._notes_error(interview_id, path, "cannot be read", exc) from None
            if notes is not None:
                notes.highlights = recoded.undo(notes.highlights)
                rewritten.append((interview_id, notes))
        # Codes that came since, by no step of the history (adopted from an interview's
        # notes as it opened, merged from study.json on disk), stay: the change took none.
        now, settings = self.data.codebook, dict(self.data.settings)
        interviews = listed([*change.recoded, skip])
        under_way = ChangeUnderWay(
            now.copy(), change.mapping, change.removed, interviews, True, _new_key()
        )
        since = [c.to_json() for c in now if c.id not in change.before]
        self.data.codebook = Codebook.from_json([*change.before.to_json(), *since])
        self._take_back_retired(change)
        try:
            self._record_change(under_way)
            self._write_shared(rewritten, told)
        except StudyError:
            self._unrecord(under_way.key)
            self.data.codebook, self.data.settings = now, settings
            raise
        # Undone, the change and its undo are nothing to finish once study.json is saved;
        # a notes file of the change's not written is as it was before it.
        self._cancelled |= {change.key, under_way.key}
        self._unwritten.discard(change.key)

    def _rewrite_codings(
        self, change: CodeChange, skip: str | None, told: Told | None
    ) -> CodeChange:
        rewritten = []
        try:
            for entry in self.data.interviews:
                path = self.notes_path(entry)
                try:
                    notes = None if entry.id == skip else load_notes(path)
                except (NotesFormatError, OSError) as exc:  # a sync tool's half, spoilt
                    # Left as it was, it would bring the codes back once whole again.
                    raise self._notes_error(entry.id, path, "cannot be read", exc) from None
                if notes is not None and (changed := change.recode_notes(notes)):
                    change.recoded[entry.id] = changed
                    rewritten.append((entry.id, notes))
            # The open interview's (`skip`) too: its notes are written after study.json.
            change.key = _new_key()
            interviews = listed([*change.recoded, skip])
            self._record_change(
                ChangeUnderWay(
                    self.data.codebook.copy(),
                    change.mapping,
                    change.removed,
                    interviews,
                    key=change.key,
                )
            )
            self._write_shared(rewritten, told)
        except StudyError:
            self._unrecord(change.key)
            self.data.codebook = change.before.copy()
            self._take_back_retired(change)
            raise
        return change

    @property
    def _change_record(self) -> Path:
        return code_change_path(self.file)

    def _record_change(self, under_way: ChangeUnderWay) -> None:
        """The change recorded before its first notes file is written (core/code_change_record),
        after those still unfinished; StudyError, nothing changed, when it cannot be."""
        try:
            write_code_changes(
                self._change_record, [*read_code_changes(self._change_record), under_way]
            )
        except OSError as exc:
            why = describe_os_error(exc).rstrip(".")
            raise StudyError(
                f"The codes could not be changed ({why}): nothing was changed."
            ) from None
        self._recorded.add(under_way.key)

    def _unrecord(self, key: str) -> None:
        """The change `key` taken out of the record: it changed nothing after all."""
        self._recorded.discard(key)
        self._keep_changes([c for c in read_code_changes(self._change_record) if c.key != key])

    def _keep_changes(self, changes: list[ChangeUnderWay]) -> None:
        """The record holding `changes`, or none when there are none; left as it is when it
        cannot be written (a full disk): the next opening finishes what it holds."""
        if not changes:
            drop_record(self._change_record)
            return
        with contextlib.suppress(OSError):
            write_code_changes(self._change_record, changes)

    def change_unwritten(self) -> None:
        """The open interview's notes the last code change names could not be written (a
        full disk): its record stays through saves, for the study to finish when it next
        opens, and the changes made after it stay with it."""
        changes = read_code_changes(self._change_record)
        if changes:
            self._unwritten.add(changes[-1].key)

    def _settle_changes(self) -> None:
        """study.json written: the code changes recorded are whole but those from the first
        whose notes are not all written (they stay, in order, marked as held by study.json
        when made here), and those undone."""
        changes = read_code_changes(self._change_record)
        if self._change_record in self._unfinished:  # finishing failed as the study opened
            first = 0
        else:
            unwritten = [i for i, c in enumerate(changes) if c.key in self._unwritten]
            first = unwritten[0] if unwritten else len(changes)
        kept = [
            replace(c, saved=c.saved or c.key in self._recorded)
            for c in changes[first:]
            if c.key not in self._cancelled
        ]
        if kept != changes or not kept:  # none: one spoilt goes too
            self._keep_changes(kept)

    def rename_unwritten(self) -> None:
        """The open interview's notes or the memo the last rename names could not be
        written (a full disk): its record stays, for `finish_left` or the next opening."""
        self._rename_unwritten = True

    @property
    def change_unfinished(self) -> bool:
        """A change across the study's files is not in all of them: the app was stopped in
        the middle of it and finishing failed as the study opened (`finish_under_way`), or
        a file it names could not be written here (a full disk). `finish_left` finishes it."""
        return bool(self._unfinished or self._unwritten or self._rename_unwritten)

    def change_unfinished_in(self, notes_path: Path) -> bool:
        """Whether the notes at `notes_path` may not show a change across the study yet
        (`change_unfinished`): they are an interview's the change names."""
        if not self.change_unfinished or notes_path.parent != self.notes_dir:
            return False
        codes = read_code_changes(self._change_record)
        named = [i for c in codes if c.key not in self._cancelled for i in c.interviews]
        renames = read_renames(rename_path(self.file))
        named += [c.interview_id for r in renames for c in r.changes]
        return notes_path.stem in named

    def finish_left(self) -> bool:
        """The changes left unfinished (`change_unfinished`) finished now, as opening the
        study finishes them, those undone here left out: whether they all are (saving
        study.json then drops their records). Those that still cannot be are left as they
        were, to be tried again."""
        if self.read_only or not self.change_unfinished:
            return False
        self._unfinished.clear()
        said = len(self.unfinished_said)
        self.finish_under_way()
        del self.unfinished_said[said:]  # said once, at the opening
        if self._change_record not in self._unfinished:
            self._unwritten.clear()
        if rename_path(self.file) not in self._unfinished:
            self._rename_unwritten = False
        return not self._unfinished

    def finish_code_change(self) -> str:
        """A code change (or its undo) the app was stopped in the middle of, finished
        (core/code_change_record.py): the codebook as it left it, the interviews it names
        recoded; in words, "" when there was none. Study.save writes study.json, which
        drops the record. StudyError when a notes file cannot be written: nothing changed,
        the record stays, to be tried again."""
        changes = [] if self.read_only else read_code_changes(self._change_record)
        # Those made here are in the codebook as it is: codes renamed since stay renamed.
        changes = [
            replace(c, saved=c.saved or c.key in self._recorded)
            for c in changes
            if c.key not in self._cancelled
        ]
        if not changes:
            return ""
        book, settings = self.data.codebook, dict(self.data.settings)
        mapping, removed = composed(changes)
        found = self._book_unfinished or next((c.found for c in changes if c.found), None)
        self.data.codebook = _finished_codebook(book, changes, {*mapping, *removed}, found)
        # A code merged into one gone from the study since (another program's deletion)
        # goes as a deleted one: no passage is left on a code the study does not have.
        lost = {c for c, into in mapping.items() if into not in self.data.codebook}
        mapping = {c: into for c, into in mapping.items() if c not in lost}
        removed |= lost
        retire(self.data.settings, mapping, removed)
        change = CodeChange(Codebook(), mapping, removed, quoted=self.memo_quoted())
        interviews = listed(i for c in changes for i in c.interviews)
        rewritten = []
        for entry in self.data.interviews:
            try:
                notes = self.load_notes(entry) if entry.id in interviews else None
            except (OSError, NotesFormatError):  # adopted as they are, when it opens
                continue
            if notes is not None and change.follow_notes(notes):
                rewritten.append((entry.id, notes))
        try:
            self._write_shared(rewritten, None)
        except StudyError as exc:
            self.data.codebook, self.data.settings = book, settings
            self._book_unfinished = found = found or book.copy()
            recorded = read_code_changes(self._change_record)
            self._keep_changes([replace(c, found=c.found or found) for c in recorded])
            raise StudyError(
                f"The app was stopped while it changed codes, and that could not be finished "
                f"now. {exc} {TRIED_AGAIN}"
            ) from None
        self._book_unfinished = None
        return said_of(changes)

    def _take_back_retired(self, change: CodeChange) -> None:
        take_back(self.data.settings, change.retired_before, [*change.mapping, *change.removed])

    def _write_shared(self, rewritten: list[tuple[str, NotesData]], told: Told | None) -> None:
        """`_write_notes`, each file with the study's codebook as it is now (`shared_notes`):
        the copy it keeps for being opened alone names every code its passages carry (a
        deletion undone gave one back its code, its copy still without it)."""
        self._write_notes([(i, self.shared_notes(notes)) for i, notes in rewritten], told)

    def rename_across(
        self,
        changes: list[SpeakerCorrection],
        old: str,
        new: str,
        back: bool = False,
        told: Told | None = None,
        own: SpeakerCorrection | None = None,
    ) -> tuple[list[str], list[str]]:
        """A speaker renamed `old` to `new` across the study (`back`: its undo): recorded
        (core/speaker_rename.py), then `correct_speakers`, then each participant that was
        the name follows (`follow_speaker`); (the interviews passed over, those whose
        participant followed). `own`: the open interview's, recorded, written by the
        caller, who says when it is (`rename_written`). StudyError, nothing changed, when a
        file cannot be written."""
        self._writable()
        recorded = [*changes, own] if own is not None else changes
        own_id = own.interview_id if own is not None else ""
        rename = RenameUnderWay(recorded, old, new, back, _new_key(), own_id)
        path = rename_path(self.file)
        try:  # after those unfinished, to be finished in turn
            write_renames(path, [*read_renames(path), rename])
        except OSError as exc:
            why = describe_os_error(exc).rstrip(".")
            raise StudyError(
                f"The speaker could not be renamed ({why}): nothing was changed."
            ) from None
        self._renaming = rename.key
        self._renames_here.add(rename.key)
        try:
            passed = self.correct_speakers(changes, back, told)
        except StudyError:
            self._renaming = ""
            self._keep_renames(lambda r: r.key != rename.key)
            raise
        was, now = rename.names()
        return passed, [
            c.interview_id for c in changes if self.follow_speaker(c.interview_id, was, now)
        ]

    def rename_written(self) -> None:
        """Nothing of the speaker's rename is left to finish: study.json, the open
        interview's notes and the memo are written. Nor of those made here before it with
        the same interview open (their notes, as it holds them, written with its own),
        which stayed recorded as that interview's notes could not be written then."""
        key, self._renaming = self._renaming, ""
        own = next((r.own for r in read_renames(rename_path(self.file)) if r.key == key), "")
        self._keep_renames(
            lambda r: r.key != key and not (own and r.own == own and r.key in self._renames_here)
        )

    def _keep_renames(self, kept: Callable[[RenameUnderWay], bool]) -> None:
        """The record of renames holding those `kept`, or none when none are; left as it is
        when it cannot be written (a full disk): the next opening finishes what it holds."""
        path = rename_path(self.file)
        renames = read_renames(path)
        left = [r for r in renames if kept(r)]
        if not left:
            drop_record(path)
        elif left != renames:
            with contextlib.suppress(OSError):
                write_renames(path, left)

    def _records(self) -> list[Path]:
        return [self._change_record, rename_path(self.file)]

    def finish_under_way(self) -> list[str]:
        """The changes across the study's files the app was stopped in the middle of,
        finished (`finish_code_change`, `finish_speaker_rename`): what to tell the user of
        each, and of each that could not be (its record stays, to be tried again). To be
        saved then."""
        said = []
        finishing = (self.finish_code_change, self.finish_speaker_rename)
        for record, finish in zip(self._records(), finishing, strict=True):
            try:
                said.append(finish())
            except StudyError as exc:
                self._unfinished.add(record)
                said.append(str(exc))
                self.unfinished_said.append(said[-1])
        return [text for text in said if text]

    def finish_speaker_rename(self) -> str:
        """A speaker's rename across the study (or its undo) the app was stopped in the
        middle of, finished (core/speaker_rename.py): the notes files as the rename left
        them, the participants that were the name following; in words, "" when there was
        none. Study.save drops the record. StudyError when a notes file cannot be
        written: nothing changed, the record stays, to be tried again."""
        renames = [] if self.read_only else read_renames(rename_path(self.file))
        for rename in renames:
            self._finish_rename(rename)
        self._renames_finished |= {r.key for r in renames}
        return " ".join(rename.said() for rename in renames)

    def _finish_rename(self, rename: RenameUnderWay) -> None:
        try:
            self.correct_speakers(rename.changes, rename.back)
        except StudyError as exc:
            raise StudyError(
                f"The app was stopped while it renamed a speaker in the study's interviews, "
                f"and that could not be finished now. {exc} {TRIED_AGAIN}"
            ) from None
        was, now = rename.names()
        for change in rename.changes:
            self.follow_speaker(change.interview_id, was, now)
        with contextlib.suppress(OSError, MemoUnreadableError):  # labels: the memo is as it was
            memo = read_memo(self.folder / MEMO_FILE)
            titles = {e.id: e.title for e in self.data.interviews}
            if edits := memo_edits(memo, rename.changes, rename.back, titles):
                write_memo(self.folder / MEMO_FILE, edited(memo, edits))

    def correct_speakers(
        self, changes: list[SpeakerCorrection], back: bool = False, told: Told | None = None
    ) -> list[str]:
        """Write each interview's speaker corrections `now` (`back`: `was`) into its notes
        file, its quotes' chips relabelled, backed up first as saving does, all or none
        (StudyError); `told` of each. A file whose corrections are no longer the ones
        expected (changed since, by the interview's own history or another program) is left
        as it is: their ids."""
        self._writable()
        rewritten, passed = [], []
        for change in changes:
            path = self.notes_path(change.interview_id)
            try:
                notes = load_notes(path)
            except (NotesFormatError, OSError) as exc:
                raise self._notes_error(change.interview_id, path, "cannot be read", exc) from None
            notes = notes or NotesData(document=dict(change.document))
            expected, wanted = (change.now, change.was) if back else (change.was, change.now)
            if (notes.speakers, notes.sides) != expected:
                passed.append(change.interview_id)
                continue
            notes.speakers, notes.sides = dict(wanted[0]), dict(wanted[1])
            notes.notes = edited(notes.notes, rename_edits(notes.notes, change.quotes, back))
            rewritten.append((change.interview_id, notes))
        self._write_notes(rewritten, told, backed_up=True)
        return passed

    def take_highlights(
        self, wanted: Mapping[str, Set[str]], told: Told | None = None
    ) -> dict[str, list[tuple[int, Highlight]]]:
        """The highlights `wanted` (interview id -> highlight ids) taken out of the notes
        files, backed up first as saving does, all or none (StudyError); `told` of each.
        What was taken from each, with each one's place, for `put_back_highlights`. One
        gone since (another program's change), or an interview's gone, is passed over."""
        self._writable()
        taken, rewritten = {}, []
        for interview_id, ids in wanted.items():
            notes = self._notes_of(interview_id)
            found = notes.highlights if notes is not None else []
            places = [(i, h) for i, h in enumerate(found) if h.id in ids]
            if notes is not None and places:
                notes.highlights = [h for h in notes.highlights if h.id not in ids]
                taken[interview_id] = places
                rewritten.append((interview_id, notes))
        self._write_notes(rewritten, told, backed_up=True)
        return taken

    def put_back_highlights(
        self, taken: Mapping[str, list[tuple[int, Highlight]]], told: Told | None = None
    ) -> None:
        """The undo of `take_highlights`: each highlight back in its place in its notes
        file, unless it is there (another program's); all or none (StudyError)."""
        self._writable()
        rewritten = []
        for interview_id, places in taken.items():
            notes = self._notes_of(interview_id)
            if notes is None:
                continue
            there = {h.id for h in notes.highlights}
            for index, highlight in places:
                if highlight.id not in there:
                    at = insertion_index(notes.highlights, highlight, index)
                    notes.highlights.insert(at, highlight)
            rewritten.append((interview_id, notes))
        self._write_notes(rewritten, told, backed_up=True)

    def _notes_of(self, interview_id: str) -> NotesData | None:
        """The interview's notes as its file holds them; None when it is no longer in the
        study or has no notes file; StudyError when the file cannot be read."""
        if interview_id not in {e.id for e in self.interviews}:
            return None
        try:
            return self.load_notes(interview_id)
        except (NotesFormatError, OSError) as exc:
            path = self.notes_path(interview_id)
            raise self._notes_error(interview_id, path, "cannot be read", exc) from None

    def _write_notes(
        self, rewritten: list[tuple[str, NotesData]], told: Told | None, backed_up: bool = False
    ) -> None:
        """Write the interviews' notes, all or none: when one cannot be written (a full
        disk, a read-only folder), those written before get their bytes back (a second
        failure there is let be) and StudyError says why. `told` of each once all are.
        `backed_up`: each file's bytes go to its backups first (a missed backup is not
        fatal, as in saving)."""
        written: list[tuple[Path, bytes | None, NotesData, bytes]] = []  # None: no file was
        for interview_id, notes in rewritten:
            path, raw = self.notes_path(interview_id), notes_bytes(notes)
            try:
                was = path.read_bytes() if path.exists() else None
                if backed_up and was is not None:
                    with contextlib.suppress(OSError):
                        make_backup(path, was)
                atomic_write(path, raw)
            except OSError as exc:
                for done, done_was, _, _ in reversed(written):
                    with contextlib.suppress(OSError):
                        if done_was is None:
                            done.unlink(missing_ok=True)
                        else:
                            atomic_write(done, done_was)
                raise self._notes_error(interview_id, path, "could not be written", exc) from None
            written.append((path, was, notes, raw))
        if told is not None:
            for path, was, notes, raw in written:
                replaced = content_hash(was) if was is not None else ""
                told(Rewritten(path, notes, replaced, content_hash(raw)))

    def _notes_error(
        self, interview_id: str, path: Path, what: str, error: Exception
    ) -> StudyError:
        """Why a code change, its undo or redo, did nothing: an interview's notes file."""
        title = next((e.title for e in self.interviews if e.id == interview_id), "") or path.name
        why = describe_os_error(error).rstrip(".")
        return StudyError(f"The notes of “{title}” {what} ({why}): nothing was changed.")

    def notes_files(self, skip: str | None = None) -> list[tuple[InterviewEntry, NotesData]]:
        """Each interview's readable notes (the unreadable and the absent left out)."""
        found = []
        for entry in self.data.interviews:
            if entry.id == skip:
                continue
            try:
                notes = self.load_notes(entry)
            except (OSError, NotesFormatError):
                continue
            if notes is not None:
                found.append((entry, notes))
        return found

    # Sessions -----------------------------------------------------------------------------

    def load_notes(self, entry: InterviewEntry | str) -> NotesData | None:
        """The interview's notes, None when it has none yet; NotesFormatError if unreadable."""
        return load_notes(self.notes_path(entry))

    def open_session(self, entry: InterviewEntry | str) -> Session:
        """The interview as a Session with the study's colour labels; DocumentError for a
        missing or unreadable transcript, NotesFormatError for unreadable notes."""
        entry = self.interview(_id(entry))
        document = load_document(self.transcript_path(entry))
        notes = self.load_notes(entry)
        # Read from the structure cache, never written: opening every interview of a study
        # (search, export) must not push out the ones the user opened in the window.
        session = Session.open(document, notes, detected_segments(document, remember=False))
        self.shared_notes(session.notes)
        return session

    def notes_only_session(self, entry: InterviewEntry | str) -> Session:
        """A session of the notes alone, for an interview whose transcript is missing: the
        highlights keep their quotes and count as not found in the text."""
        entry = self.interview(_id(entry))
        notes = self.load_notes(entry) or NotesData(document={})
        source = str(self.transcript_path(entry))
        document = Document(text="", title=entry.title, source=source, encoding="utf-8")
        notes.document = notes.document or document.meta()
        self.shared_notes(notes)
        return Session(document=document, notes=notes, detected=[])

    # Saving and outside changes -----------------------------------------------------------

    def save(self) -> StudyMergeResult | None:
        """Write study.json atomically, merging first what another program (a sync tool)
        wrote there since we last read or wrote it. Returns that merge, or None."""
        self._writable()
        merged = self.merge_from_disk()
        if self.wait_ms:  # another program is writing it: saved once it is done
            raise BeingWrittenError(self.file, self.wait_ms)
        if self.read_only:  # the file on disk turned out to come from a newer build
            return merged
        raw = self.to_bytes()
        atomic_write(self.file, raw, parents=False)  # renamed or moved while open: not made
        self._settle_changes()  # study.json holds the changes under way
        self._keep_renames(lambda r: r.key not in self._renames_finished)
        self._renames_finished.clear()
        self._remember(raw)
        self._spoilt = False
        return merged

    def to_bytes(self) -> bytes:
        """study.json's content for the study as it is now."""
        return serialise(self.data)

    def merge_from_disk(self) -> StudyMergeResult | None:
        """Merge study.json as it is on disk now into `data`, if it changed since we last
        read or wrote it; None when it did not. An unreadable file is copied aside (our
        next save replaces it), once it is not being written (`wait_ms`); one from a newer
        build makes the study read-only."""
        self.wait_ms = 0
        try:
            raw = self.file.read_bytes()
        except FileNotFoundError:
            return None
        if _hash(raw) == self._disk_hash:
            return None
        try:
            theirs = parse(raw, allow_newer=True)
        except NewerStudyError:
            theirs = None
        except StudyFormatError as exc:
            if wait := cut_wait_ms(raw, self.file, watched=True):  # a write under way, likely
                self.wait_ms = wait
                return None
            # Copied, not renamed: a program still writing it writes to study.json, not
            # to the copy kept (renamed, the rest of its write went into the copy).
            aside = keep_aside(self.file, raw)
            self.warnings.append(
                f"The study as open here was saved: another program left a study.json that "
                f"cannot be read ({exc}), kept as {aside.name}."
            )
            self._disk_hash, self._spoilt = _hash(raw), True  # kept once, written over next
            return None
        if theirs is None or theirs.newer:
            if not self.newer:  # said once: read again at each look, as it stays unmerged
                self.warnings.append(_NEWER_MEANWHILE)
            self.read_only = self.newer = True
            return None
        base = self.base
        if base is None and self._found is not None:  # what theirs lists too, as found:
            listed = {e.id for e in theirs.data.interviews}  # one found here alone is new
            found = [e for e in self._found.interviews if e.id in listed]
            base = replace(self._found, interviews=found)
        result = merge_studies(base, self.data, theirs.data, "another program")
        self._found = None
        self.data = result.data
        self.base = theirs.data.copy()
        self._disk_hash = _hash(raw)
        return result

    @property
    def read_hash(self) -> str:
        """The hash of study.json as last read or written here ("" when unknown): what a
        rescue copy of the study as open here was made from."""
        return self._disk_hash

    def merge_copy(self, raw: bytes, made_from_disk: bool) -> StudyMergeResult:
        """A copy of study.json (one rescued when the app last ended) merged into the study
        as open here: against study.json as last read, when the copy was `made_from_disk`
        (what it changed or removed is taken as changed or removed), else as two versions
        with nothing known in common. StudyFormatError when it cannot be read."""
        theirs = parse(raw).data
        result = merge_studies(self.base if made_from_disk else None, self.data, theirs, "")
        self.data = result.data
        return result

    def file_gone(self) -> bool:
        """study.json was read or written here and is not there now (another program deleted
        it), or what is there cannot be read (kept aside), in a folder still there: the
        study as open here is what to write again, before the next opening finds none."""
        return (
            not self.read_only
            and self.base is not None
            and self.folder.is_dir()
            and (self._spoilt or not self.file.exists())
        )

    def merge_conflict_copies(self) -> list[StudyMergeResult]:
        """Merge the copies a sync tool left beside study.json (nothing is deleted by
        them); each merged copy is renamed NAME.merged so it is not offered again."""
        self._writable()
        results = []
        for copy in conflict_copies(self.file):
            try:
                theirs = parse(copy.read_bytes())
            except (OSError, StudyFormatError):
                continue
            result = merge_studies(None, self.data, theirs.data, copy.name)
            self.data = result.data
            results.append(result)
            os.replace(copy, copy.with_name(copy.name + ".merged"))
        return results

    def _remember(self, raw: bytes) -> None:
        self._disk_hash = _hash(raw)
        self.base = parse(raw).data

    def can_write(self) -> bool:
        """Whether study.json can be written here now: the study is not read-only, and its
        folder (and study.json, if there) is open to writing by us. Asked before a change
        the user did not ask for (codes adopted as an interview opens): where it could not
        be saved, it is not made, rather than said to fail at every opening."""
        return (
            not self.read_only
            and os.access(self.folder, os.W_OK | os.X_OK)
            and (not self.file.exists() or os.access(self.file, os.W_OK))
        )

    @property
    def read_only_cause(self) -> ReadOnly | None:
        """Why the study cannot be changed here; None when it can."""
        if not self.read_only:
            return None
        if self.in_use and not self.newer:  # else read-only still once that window lets go
            return ReadOnly.STUDY_IN_USE
        return ReadOnly.STUDY_FOLDER if self.unwritable else ReadOnly.STUDY_FILE

    def _writable(self) -> None:
        """StudyError, saying why, when the study cannot be changed here."""
        if cause := self.read_only_cause:
            raise StudyError(cause.value)


_NEWER_MESSAGE = (
    "Opened read-only: study.json was saved by a newer Interview Reader, so nothing in the "
    "study will be changed."
)

_OWN_FIELDS = ("title", "participant", "date")  # every interview's, filtered as attributes

_NEWER_MEANWHILE = (
    "The study is read-only now: study.json was saved meanwhile by a newer Interview Reader, "
    "so nothing in the study will be changed here."
)


def _unreadable_message(exc: Exception, aside: Path) -> str:
    return (
        f"study.json could not be read ({exc}); it was set aside as {aside.name} and the "
        "interviews were found again from their notes files and the folder. The study's "
        "attributes, codebook and order are in that file: to have them back, close the "
        "study, mend the file and name it study.json again."
    )


TRIED_AGAIN = (
    "It is tried again as soon as the notes can be saved here, and when the study next opens."
)


def _new_key() -> str:
    """A code change's key in the record of changes under way."""
    return secrets.token_hex(6)


def _finished_codebook(
    book: Codebook, changes: list[ChangeUnderWay], gone: Set[str], found: Codebook | None
) -> Codebook:
    """The study's codebook `book` once `changes` are finished: as the last left it that
    study.json was not saved with (the app stopped first), the codes made since too, or
    `book` itself where it was saved with them all; without the codes `gone`. A code
    edited since `found` (the codebook as finishing first failed) keeps what was edited
    (its name, say), and what the changes did to it (its place, under a code merged)."""
    left = [c.codebook for c in changes if not c.saved]
    base = left[-1] if left else book
    since = [c for c in book if c.id not in base]

    def edits_kept(code: Code) -> Code:
        was, now = (found.get(code.id), book.get(code.id)) if found is not None else (None, None)
        if was is None or now is None or was == now:
            return code
        return replace(code, **{k: v for k, v in asdict(now).items() if getattr(was, k) != v})

    return Codebook.repaired(edits_kept(c) for c in [*base, *since] if c.id not in gone)


def _id(entry: InterviewEntry | str) -> str:
    return entry if isinstance(entry, str) else entry.id


def _hash(raw: bytes) -> str:
    return sha256_hex(raw)


def _value(entry: InterviewEntry, key: str) -> Any:
    if key in ("participant", "date", "title"):
        return getattr(entry, key)
    return entry.attributes.get(key)


def _folded(value: Any) -> Any:
    """Text compared as a user types it: "Nurse" finds "nurse", and "infirmière" the
    same word pasted with its accent apart (NFD, as from a Mac)."""
    return normalize("NFC", value).casefold() if isinstance(value, str) else value


def _options(options: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalize("NFC", o.strip()) for o in options if o.strip()))


# Opening ------------------------------------------------------------------------------------


def open_study(folder: Path, *, touch_disk: bool = True) -> Study:
    """The study in `folder` (`_open_study`), each transcript's place on its disk noted
    (`Study.note_files`)."""
    study = _open_study(folder, touch_disk=touch_disk)
    if touch_disk and not study.read_only and not study.can_write():
        study.read_only = study.unwritable = True
        study.warnings.append(ReadOnly.STUDY_FOLDER.value)
    study.note_files()
    return study


def _open_study(folder: Path, *, touch_disk: bool) -> Study:
    """The study in `folder`. A folder without study.json becomes a study of the
    transcripts in it (written on the first `save`), and of the notes files in its notes
    folder whose transcripts are not there (renamed, moved or deleted since), listed as
    missing with their notes. An unreadable study.json is set aside
    (unless `touch_disk` is False, as for an export) and the interviews found again from
    the notes files and the folder; one from a newer build opens read-only. Opening never
    writes study.json. Raises StudyError when `folder` is not a readable folder."""
    folder = Path(os.path.abspath(folder))
    if not named_in_text(folder):
        raise StudyError(f"{shown_name(folder)} cannot be a study: {NAME_NOT_TEXT}.")
    if not folder.is_dir():
        raise StudyError(f"{folder} is not a folder.")
    if app_folder(folder):
        raise StudyError(f"{folder} {APP_FOLDER_REFUSED}")
    study = Study(folder=folder, data=StudyData(title=folder.name))
    try:
        raw = study.file.read_bytes()
    except FileNotFoundError:
        raw = None
    except OSError as exc:
        raise StudyError(f"{study.file} cannot be read: {exc.strerror or exc}.") from exc
    if raw is None:
        _found_in_folder(study)
        if _from_notes(study, outside=True):  # in the folder's order, beside their kin
            join_renamed(study)
            study.data.interviews.sort(key=lambda e: natural_key(e.path))
        study._found = study.data.copy()
        return study
    try:
        parsed = parse(raw, allow_newer=True)
    except NewerStudyError:  # a layout this build cannot read: never set aside
        study.read_only = study.newer = True
        study.warnings.append(_NEWER_MESSAGE)
        _recover(study)
        return study
    except StudyFormatError as exc:
        if touch_disk and (wait := cut_wait_ms(raw, study.file)):  # not set aside meanwhile
            raise StudyBeingWrittenError(
                f"{study.file} looks half written, and changed a moment ago: another "
                "program may still be writing it. Try again in a few seconds.",
                wait,
            ) from exc
        if touch_disk:
            study.warnings.append(_unreadable_message(exc, set_aside(study.file)))
        else:
            study.warnings.append(f"study.json could not be read ({exc}).")
            study.read_only = True
        _recover(study)
        return study
    study.data = parsed.data
    study.base = parsed.data.copy()
    study._disk_hash = _hash(raw)
    if parsed.newer:
        study.read_only = study.newer = True
        study.warnings.append(_NEWER_MESSAGE)
    if parsed.migrated_from is not None:
        study.warnings.append(
            f"study.json was upgraded from format version {parsed.migrated_from}; "
            "it is written in the new format when the study is saved."
        )
    return study


def _found_in_folder(study: Study) -> None:
    _, report = study.add_folder(study.folder)
    study.warnings.extend(report.messages())


def _recover(study: Study) -> None:
    """Interviews from the notes files (their id is their name, their transcript the
    notes' document source), then the transcripts in the folder not among them."""
    read_only, study.read_only = study.read_only, False
    _from_notes(study)
    _, report = study.add_folder(study.folder)
    study.warnings.extend(report.messages())
    join_renamed(study)
    study.read_only = read_only
    study._found = study.data.copy()


def _from_notes(study: Study, outside: bool = False) -> int:
    """Add an interview for each notes file no interview of the study has; how many.
    `outside`: only those whose transcript is not in the study (it was found in the
    folder under another name, or is gone), so no transcript is listed twice."""
    if not study.notes_dir.is_dir():
        return 0
    ids, titles = {e.id for e in study.interviews}, study.titles()  # linear in files
    known: set[Path | None] = set()
    if outside:
        known = {study._resolved(e) for e in study.interviews}
    added = 0
    for notes_file in sorted(study.notes_dir.glob("*.json")):
        added += _recover_one(study, notes_file, ids, titles, known)
    return added


def _recover_one(
    study: Study, notes_file: Path, ids: set[str], titles: Titles, known: set[Path | None]
) -> bool:
    """`ids` and `titles`: the study's, kept up to date here for the next file; a
    transcript in `known` (resolved) is in the study already. Whether one was added."""
    if not _KEY.fullmatch(notes_file.stem) or notes_file.stem in ids:
        return False  # a conflict copy or a set-aside file, not an interview's notes
    try:
        notes, _ = parse_migrating(notes_file.read_bytes())
    except (OSError, NotesFormatError):
        return False
    source = str(notes.document.get("source", ""))
    if not source:
        return False
    path = _transcript_of(study, Path(source), notes_file.stem, notes.document.get("sha256"))
    if known and path.is_file() and path.resolve() in known:
        return False
    stamp = now_iso()
    relative = study.relative_path(path)
    (title,) = titles.new([(str(notes.document.get("title") or path.stem), relative)])
    entry = InterviewEntry(
        id=notes_file.stem, path=relative, title=title, added=stamp, modified=stamp
    )
    ids.add(entry.id)
    study.data.interviews.append(entry)
    return True


def _transcript_of(study: Study, source: Path, notes_id: str, digest: object) -> Path:
    """The transcript a notes file's `source` names, looked for in the study's folder
    first: the folder moved to another machine, or copied (a backup, a second coder's
    copy) while the original is still there, whose transcript is not this study's.
    The longest tail of `source` in the folder that is that transcript wins ("sub/P3.vtt",
    then "P3.vtt"): at the place its id was made from (`notes_id`, the notes file's
    name), or with the text the notes were made on (`digest`); another participant's
    P3.txt at the top took the notes of a site-a/P3.txt moved away. `source` itself
    when none is."""
    if source.is_file() and study.folder in source.parents:
        return source
    parts = source.parts[1:] if source.is_absolute() else source.parts
    for start in range(len(parts)):
        nearby = study.folder.joinpath(*parts[start:])
        if nearby.is_file() and _is_transcript_of(study, nearby, notes_id, digest):
            return nearby
    return source


def _is_transcript_of(study: Study, path: Path, notes_id: str, digest: object) -> bool:
    made = new_interview_id(study.relative_path(path))
    if notes_id == made or notes_id.startswith(f"{made}-"):
        return True
    try:  # elsewhere in the folder (moved there since): its text is the one noted
        return load_document(path).sha256 == digest
    except DocumentError:
        return False


def study_of(
    document: Path, folders: list[Path] | None = None
) -> tuple[Study, InterviewEntry] | None:
    """The study that lists `document` and its entry, looked for in the document's folder
    and each folder above it (a transcript kept outside its study is not found), or in
    `folders` when the caller has asked `study_folders` already; None when no study lists
    it. Nothing is written: a study found writable is as `open_study(folder)` makes it,
    ready to work in; a read-only one may be so only because its unreadable study.json
    was not set aside here."""
    resolved = Path(document).resolve()
    for folder in study_folders(resolved) if folders is None else folders:
        try:
            study = open_study(folder, touch_disk=False)
        except StudyError:
            continue
        for entry in study.interviews:
            if study._resolved(entry) == resolved:
                return study, entry
    return None


def _respelt(old: Sequence[str], new: Sequence[str]) -> dict[str, str]:
    """Each old choice written otherwise among the new ones (case and spaces aside, as a
    code's name) and gone as it was, or its line alone typed over: old -> new ("nurse" ->
    "Nurse")."""
    by_key = {clean_name(option).casefold(): option for option in new}
    respelt = {
        option: by_key[folded]
        for option in old
        if option not in new and (folded := clean_name(option).casefold()) in by_key
    }
    # One line of Change Attribute…'s choices typed over, the others as they were ("Nurse"
    # now "Registered nurse"): that choice renamed, where the values holding it were
    # refused ("change those first") and could not be given the new one, not yet a choice.
    edited = [(was, now) for was, now in zip(old, new, strict=False) if was != now]
    if len(old) == len(new) and len(edited) == 1:
        was, now = edited[0]
        if was not in respelt and was not in new and now not in old:
            respelt[was] = now
    return respelt
