"""A REFI-QDA project (`.qdpx` from NVivo, ATLAS.ti, MAXQDA, QualCoder or us) read into a
new study, or into a study that exists (it gains the interviews and codes).

Tolerated as real files have them: `sources/` or `Sources/`, any `*.qde` name, paths in
Windows' form or under a folder, a Mac's `__MACOSX` copies, a source's
text inline (PlainTextContent) or as an internal or relative file (in the zip, or beside
the .qdpx: each file read so is listed in the report), in UTF-8, UTF-16 (with
a BOM or without, as Windows tools write it) or cp1252, read as a transcript is
(document.decode), or only as a Word file (its codings kept where their names quote
their words there: _word_positions); a BOM before it, CRLF and emoji counted as the tool
counted them (positions.py: NVivo, MAXQDA and most others a CRLF as two characters,
ATLAS.ti one, a .NET or Java tool an emoji two), positions written as decimals ("5.0"),
a project file in UTF-8 declaring a one-byte encoding, codable parents, missing optional
attributes, notes tied by NoteRef or through Links. Each text source,
each audio or video source with a transcript, and each PDF with its text (its
Representation, as QualCoder exports a PDF) becomes a transcript file in the study
folder; its selections become highlights (their codes, their notes): another tool's
selections of one passage (QualCoder's one per coding) are merged into one highlight, as
merging into an interview merges them, while a project of this app's own keeps one
highlight per selection (two of one passage, a colour and a coding, stay two). A
recording is copied out of the zip beside its transcript (or its path kept) and its
SyncPoints become the turns' times (refi.media). Participants come from Cases and
attributes from Variables. Anything not brought in is named in the report
(refi.left_out): pictures, PDFs without their text (and a PDF's file, its text
shown), media without a transcript, selections whose positions
do not fit their text (never guessed), codings of a whole source, references to codes
that do not exist, a recording damaged in the zip or claiming to unpack to a hundred times
its packed size (a zip bomb), and a notes file that cannot take a merge (below). A
damaged or encrypted text or project file in the zip ends the import with its name (the
transcripts written so far listed in study.json). Two selections one GUID names in a
file of ours stay two highlights.

Where notes go: a code's notes (its NoteRefs, NVivo's and ATLAS.ti's memos on a code by
a Link) join the code's memo; a source's Description (QualCoder's memo) and its notes
its interview's research notes; a selection's its highlight's note; the project's
Description, and the notes tied to nothing (a project's memos, our study memo), the
study memo (core/study_memo.py), each under a heading of its name.

Into an existing study: a code with the same GUID, or the same name in the same place,
is the study's code (its codings go to it; its memo gains the paragraphs it lacks). By
name a code matches only a code the study had before the import, and only once: two
codes of the project of one name in one place stay two, the later one numbered
("Trust (2)"; codebook.add_codebook). Variables join the attributes of the same name;
transcripts are written beside the others under new names, nothing overwritten.
A source whose text is that of an interview in the study (the study sent to a supervisor
and coded there) is not added a second time: its selections and notes are merged into
that interview's notes file (qdpx_merge: codes and notes added, nothing taken away,
nothing added twice, nothing brought back that was deleted here since the study sent it:
refi.sent, whose record then gains what came), which is backed up first and written
atomically; one that cannot be read, or that another window is editing, is left as it
is and named. Its participant and attribute values fill those empty in that interview
(not one it was sent with and cleared here since); one that differs is kept as here and
named (_people). The report says what each merge brought, and what it did not bring
back (ImportReport.merged). study.json is written once, atomically, at the end.

The GUIDs that cannot live in our files (sources, variables, cases, notes, codings) are
kept in the study's settings (qdpx_export.GUIDS_SETTING), so exporting the imported study
gives the project back with the same GUIDs.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from reader import APP_NAME
from reader.core.anchoring import AnchorStatus, all_in_place, reanchor_all
from reader.core.annotations import (
    DEFAULT_COLOR,
    NO_COLOR,
    Highlight,
    count_label,
    make_highlight,
    now_iso,
)
from reader.core.codebook import MAX_NAME_CHARS, add_codebook
from reader.core.document import (
    DocumentError,
    decode,
    decode_text,
    load_document,
    normalise,
    opening_feff_kept,
    text_sha256,
)
from reader.core.notes_file import NotesData, RecordingRef
from reader.core.recording import stored_path
from reader.core.refi import media
from reader.core.refi.codebook_xml import (
    EXPORT_AGAIN,
    ReadCodes,
    RefiError,
    declared_but_utf8,
    derived_guid,
    guid_of,
    newer_version,
    parse_xml,
    read_codes,
    tag,
)
from reader.core.refi.left_out import LeftOut, grouped_lines
from reader.core.refi.positions import Counting, Positions, all_quoted, counting_of
from reader.core.refi.qdpx_export import CHOICES_LINE, DATE_KEY, DATE_VARIABLE, GUIDS_SETTING
from reader.core.refi.qdpx_merge import (
    Highlights,
    Merged,
    join_memos,
    joined,
    merge_selection,
    merged_lines,
    note_key,
    read_notes,
    write_notes,
)
from reader.core.refi.sent import (
    NOTHING_SENT,
    SENT_FILE,
    Carried,
    Sent,
    read_sent,
    record_received,
)
from reader.core.store import atomic_write, describe_os_error, save_notes
from reader.core.study import Study, StudyError, open_study
from reader.core.study_file import AttributeValue, AttributeValueError, InterviewEntry, StudyData
from reader.core.study_memo import MemoUnreadableError, add_to_memo, relinked
from reader.core.study_places import FILE_NAME
from reader.core.wording import counted, listed

SAME_LINES = 0.5  # of a source's lines in an interview's text, for it to be that one edited
MAX_MEMBER_BYTES = 200 * 1024 * 1024  # one file inside the zip; a zip bomb stops here
MAX_MEDIA_BYTES = 64 * 2**30  # a recording copied out of the zip (not read into memory)
# Recordings are packed already and barely shrink in a zip; one that claims to have shrunk
# more than this (a zip bomb: a small file that unpacks to gigabytes) is not unpacked.
MAX_MEDIA_RATIO = 100
# What a damaged, truncated or encrypted zip member raises as it is read: zipfile's own
# errors, the decompressors' and a password's (RuntimeError), and unknown packing methods.
_UNREADABLE_MEMBER = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError)
_ATTRIBUTE_TYPES = {"Integer": "number", "Float": "number", "Date": "date", "DateTime": "date"}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T Z+-])")
_UNSAFE = re.compile(r"[^\w\- .()]+")
# Names Windows keeps for its devices, before any suffix: "Con.txt", "Con.Ana.txt" and
# "Con .txt" are the console.
_WINDOWS_DEVICE = re.compile(r"(?i)^(?:con|prn|aux|nul|(?:com|lpt)[0-9¹²³])(?= *(?:\.|$))")
_MAX_STEM_BYTES = 200  # of a file name written (255 at most), room left for "-NN.suffix"
_DECIMAL = re.compile(r"([+-]?\d+)(?:\.(\d*))?")  # a number as written: "12", "12.0", "12.5"
_MEDIA_KINDS = ("AudioSource", "VideoSource")


@dataclass
class ImportReport:
    """What the import made, and what it left out (`not_imported`, in the order met)."""

    study: Study
    interviews: int = 0
    codes: int = 0
    codings: int = 0
    notes: int = 0
    recordings: int = 0
    known_codes: list[str] = field(default_factory=list)  # in the study already: merged
    merged: list[Merged] = field(default_factory=list)  # sources of the study's interviews
    code_lines: list[str] = field(default_factory=list)  # AddedCodes.lines
    retitled: list[str] = field(default_factory=list)  # “P1” as “P1 (2)”: the study has P1
    passages: list[Highlight] = field(default_factory=list)  # of the new interviews
    by_time: int = 0  # passages marked on a recording, placed on the turns spoken then
    doubtful: list[str] = field(default_factory=list)  # "3 passages of “P1”": not as named
    outside: list[Path] = field(default_factory=list)  # texts read from beside the .qdpx
    # The encoding the project file declares, which it is not in: read as UTF-8.
    misdeclared: str = ""
    not_imported: list[LeftOut] = field(default_factory=list)

    @property
    def highlights(self) -> int:
        return len(self.passages)

    def message(self, grouped: bool = True) -> str:
        """What the import did, in lines; `grouped`: what was left out for one reason
        in one line (23 interviews the study has already), else a line for each."""
        lines = [self._made(), *self.code_lines]
        if self.by_time:
            clips = counted(self.by_time, "passage")
            lines.append(f"{clips} marked on a recording by time: on the turns spoken then.")
        if self.retitled:
            lines.append(f"Titled apart from the study's interviews: {listed(self.retitled)}.")
        if self.doubtful:
            lines.append(
                f"Check {listed(self.doubtful)}: they select other words than their names "
                "in the project quote."
            )
        if self.outside:  # a file of the computer's the project named: the user sees which
            files = listed([str(path) for path in self.outside])
            lines.append(
                f"Texts read from outside the .qdpx, where the project names them: {files}."
            )
        if self.misdeclared:
            lines.append(
                f"The project file says it is written in {self.misdeclared} but is in UTF-8: "
                "it was read as UTF-8, so its accented letters show as the other program had them."
            )
        if self.merged:
            lines.append("Merged into the interviews of the same text the study has:")
            lines += [f"  {line}" for line in merged_lines(self.merged)]
        left_out = self.not_imported
        said = grouped_lines(left_out) if grouped else [item.line for item in left_out]
        lines += [f"  not imported: {line}" for line in said]
        return "\n".join(lines)

    def _made(self) -> str:
        """ "Imported 2 interviews (1 with a recording), 5 codes and 3 notes into …": what
        is new, the counts that are not nought."""
        media = f" ({self.recordings} with a recording)" if self.recordings else ""
        coded = passages_made(self.passages, self.codings)
        made = [
            part
            for count, part in (
                (self.interviews, counted(self.interviews, "interview") + media),
                (self.codes, counted(self.codes, "code")),
                (self.highlights, coded),
                (self.notes, counted(self.notes, "note")),
            )
            if count
        ]
        if not made:
            return f"Imported nothing new into {self.study.folder}."
        return f"Imported {listed(made)} into {self.study.folder}."


@dataclass
class _Project:
    """An open .qdpx archive: its project XML and its files."""

    root: ET.Element
    ns: str
    files: dict[str, str]  # lower-case zip path -> zip path
    archive: zipfile.ZipFile
    count_crlf_once: bool
    file: Path | None  # the .qdpx, for media paths relative to it
    ours: bool  # exported by this app: each selection is a highlight of its own
    links: dict[str, list[str]] = field(default_factory=dict)  # see _links
    read_outside: list[Path] = field(default_factory=list)  # see outside
    misdeclared: str = ""  # see ImportReport.misdeclared

    def find(self, *names: str) -> ET.Element | None:
        element: ET.Element | None = self.root
        for name in names:
            element = None if element is None else element.find(tag(self.ns, name))
        return element

    def all(self, *names: str) -> list[ET.Element]:
        parent = self.find(*names[:-1])
        return [] if parent is None else parent.findall(tag(self.ns, names[-1]))

    @cached_property
    def case_names(self) -> dict[str, str]:
        """Case GUID -> its name."""
        cases = self.all("Cases", "Case")
        return {guid_of(case.get("guid")) or "": case.get("name") or "?" for case in cases}

    def member_name(self, path: str) -> str | None:
        """The zip's file for a source's path: internal://X (sources/X, any case),
        relative://X or a plain path (matched by its name); None when it has none. X as
        written, or URL-escaped ("My%20talk.txt" for the zip's "My talk.txt")."""
        name = path.split("://", 1)[-1].replace("\\", "/").lstrip("/")
        for written in dict.fromkeys((name, unquote(name))):
            key = _member_key(written)
            wanted = [f"sources/{key}", key]
            found = next((self.files[w] for w in wanted if w in self.files), None)
            if found is None:
                base = PurePosixPath(key).name
                found = next(
                    (v for k, v in self.files.items() if PurePosixPath(k).name == base), None
                )
            if found is not None:
                return found
        return None

    def member(self, path: str) -> bytes | None:
        found = self.member_name(path)
        if found is None:
            return self.outside(path)
        if self.archive.getinfo(found).file_size > MAX_MEMBER_BYTES:
            raise _TooLargeError(f"{found} is larger than {MAX_MEMBER_BYTES // 2**20} MB")
        return _read_member(self.archive, found)

    def outside(self, path: str) -> bytes | None:
        """The text file a source names outside the zip, as the standard allows
        (`relative://` against Project@basePath, else the .qdpx's folder; `absolute://`;
        a plain path), read from the disk when it is there: it was left out as "not in
        the file". A `.txt` only: a project names no other file as a text, and one naming
        a file of the computer's (a key, a password store) does not bring it in."""
        file = self.outside_file(path)
        if file is None or file.suffix.lower() != ".txt":
            return None
        try:
            if file.stat().st_size > MAX_MEMBER_BYTES:
                raise _TooLargeError(f"{file} is larger than {MAX_MEMBER_BYTES // 2**20} MB")
            data = file.read_bytes()
        except OSError:
            return None
        self.read_outside.append(file)
        return data

    def outside_file(self, path: str) -> Path | None:
        """Where a path not into the zip leads on this computer (None for `internal://`)."""
        if path.lower().startswith("internal://"):
            return None
        return media.outside_path(path, self.root.get("basePath") or "", self.file)


@dataclass
class _Import:
    """What one import is working with."""

    project: _Project
    study: Study
    same: dict[str, str]  # the project's code GUID -> the study's code id
    notes: dict[str, tuple[str, str]]  # note GUID -> (name, text)
    variables: dict[str, str]  # variable GUID -> attribute key
    cases: dict[str, tuple[str, list[ET.Element]]]  # source GUID -> (participant, cases)
    guids: dict[str, str]
    report: ImportReport
    texts: dict[str, InterviewEntry]  # the hash of each of the study's texts -> its interview
    # The hash of a transcript file's text that the app reads in another shape (an Otter
    # export's) -> its interview: a source of that text is merged, found by its words.
    file_texts: dict[str, InterviewEntry]
    sent: dict[str, Sent]  # interview id -> what the study sent of it (refi.sent)
    sent_as: dict[str, InterviewEntry]  # the GUID each interview goes out as -> it
    annotated: dict[str, ET.Element]  # note GUID -> the passage it is on (QualCoder's)
    received: dict[str, Carried] = field(default_factory=dict)  # from it, as merged
    made: dict[str, Carried] = field(default_factory=dict)  # into interviews it made
    used_notes: set[str] = field(default_factory=set)
    general: dict[str, str] = field(default_factory=dict)  # category id -> see _codable
    # Source GUID, and GUID of each selection made a highlight -> the interview it went to:
    # the memo's links to places in interviews follow them (`_relinked`).
    went_to: dict[str, str] = field(default_factory=dict)
    # The study's transcripts by resolved path (Study.known_files), looked up once: each
    # source added looked up all those added before it (500 sources: 125,000 look-ups).
    known_files: dict[Path | None, InterviewEntry] = field(default_factory=dict)

    @property
    def ns(self) -> str:
        return self.project.ns


@dataclass(frozen=True)
class _Text:
    """A source's text as we write it, and how its positions map to ours."""

    text: str
    length: int  # as the tool counts, to check positions against
    start: Callable[[int], int]
    end: Callable[[int], int]
    # The text as the file has it, before times were written into it: our own export of
    # an interview with a recording, imported back, is that interview's text.
    untimed: _Text | None = None


class NotAProjectError(RefiError):
    """The file is no REFI-QDA project this build can read: the study was not touched."""


class _TooLargeError(RefiError):
    """A file of the zip larger than MAX_MEMBER_BYTES: the source or note it holds is
    left out, named (it ended the import, and the sources after it never came in)."""


def import_qdpx(
    data: bytes | Path,
    folder: Path,
    *,
    study: Study | None = None,
    project_file: Path | None = None,
) -> ImportReport:
    """Read the project into `folder`: a new study when it does not exist or is empty,
    else the study there gains its interviews and codes. `data` is the .qdpx's bytes, or
    the .qdpx itself, whose files are then read from it as they are needed (a project
    with its videos runs to gigabytes: read whole, it took as much memory). `study` is
    that study when it is open already (the window's); `project_file` is the .qdpx, for
    media paths relative to it (`data` when that is a path). RefiError when `data` is
    not a REFI-QDA project (NotAProjectError: nothing was read into the study) or the
    study cannot take it."""
    try:
        project = _open(data, project_file or (data if isinstance(data, Path) else None))
    except RefiError as exc:
        raise NotAProjectError(str(exc)) from None
    with project.archive:
        return _import_into(project, Path(folder), study)


def _import_into(project: _Project, folder: Path, study: Study | None) -> ImportReport:
    """The open project read into `folder` (or `study`), nothing half made left behind."""
    made = None if study else _first_missing(folder)
    emptied = study is None and made is None and folder.is_dir() and not any(folder.iterdir())
    try:
        return _import(project, study or _target(folder, project))
    except BaseException:  # a full disk, Ctrl+C: no half-made study, which a retry refused
        if made is not None:  # the folders made for it hold nothing but what it wrote
            shutil.rmtree(made, ignore_errors=True)
        elif emptied:  # an empty folder chosen: empty again
            for inner in folder.iterdir():
                if inner.is_dir():
                    shutil.rmtree(inner, ignore_errors=True)
                else:
                    inner.unlink(missing_ok=True)
        raise


def _first_missing(folder: Path) -> Path | None:
    """The outermost of `folder` and its parents that does not exist, None if it does."""
    missing = None
    for path in (folder, *folder.parents):
        if path.exists():
            return missing
        missing = path
    return missing


def _import(project: _Project, study: Study) -> ImportReport:
    if study.read_only:
        raise RefiError(f"the study in {study.folder} is open read-only")
    guids: dict[str, str] = dict(study.data.settings.get(GUIDS_SETTING, {}))
    read = read_codes(project.find("CodeBook", "Codes"), project.ns)
    left_out = [*newer_version(project.ns), *read.not_imported]
    report = ImportReport(study, not_imported=left_out)
    notes = _notes(project, report.not_imported)
    on_codes = _code_memos(project, read, notes)
    book = study.writable_codebook()
    memos = {code.id: code.description for code in book.codes}
    added = join_memos(book, read.book, add_codebook(book, read.book))
    # A code's notes came only where its memo took something (a code imported again has
    # them already): "Imported 1 note" where nothing changed would send one looking for it.
    report.notes += sum(
        len(guids)
        for code_id, guids in on_codes.items()
        if (code := book.get(added.same.get(code_id, "")))
        and code.description != memos.get(code.id)
    )
    report.codes, report.known_codes = len(added.added), added.known
    report.code_lines = added.lines()
    run = _Import(
        project=project,
        study=study,
        same=added.same,
        notes=notes,
        variables=_variables(project, study, guids, report.not_imported),
        cases=_cases(project, guids, report.not_imported),
        guids=guids,
        report=report,
        texts=(texts := _texts_of(study))[0],
        file_texts=texts[1],
        sent=read_sent(study.folder),
        used_notes=set().union(*on_codes.values()),
        sent_as={
            guids.get(f"source:{e.id}", derived_guid("source", e.id)): e for e in study.interviews
        },
        annotated=_annotated(project),
        known_files=study.known_files(),
    )
    try:
        for element in list(project.find("Sources") or []):
            _source(run, element)
    except (RefiError, OSError):
        # Transcripts and notes written so far are listed in study.json, not left astray.
        if report.interviews:
            study.data.settings[GUIDS_SETTING] = guids
            study.save()
        raise
    report.outside = list(dict.fromkeys(project.read_outside))
    report.misdeclared = project.misdeclared
    if any(run.general.values()):
        paths = ", ".join(study.codebook.path(i) for i in run.general.values() if i)
        report.code_lines.append(f"Coded in the file on a category here, so given to: {paths}.")
    free = [note for g, note in run.notes.items() if g not in run.used_notes]
    described = project.root.findtext(tag(project.ns, "Description")) or ""
    if described.strip():  # the project's own memo, as a memo tied to nothing is
        name = project.root.get("name") or "Project"
        free.insert(0, (f"{name}: description", normalise(described).strip()))
    for link in project.all("Links", "Link"):
        ends = [guid_of(link.get(end)) for end in ("originGUID", "targetGUID")]
        if not any(end in run.notes for end in ends):
            why = "links between codes, sources or passages are not imported"
            report.not_imported.append(LeftOut("link", link.get("name") or "?", why))
    for element in project.all("Sets", "Set"):
        report.not_imported.append(
            LeftOut("set", element.get("name") or "?", "sets are not imported")
        )
    for element in project.all("Graphs", "Graph"):
        report.not_imported.append(
            LeftOut("graph", element.get("name") or "?", "graphs are not imported")
        )
    if guids or GUIDS_SETTING in study.data.settings:  # not an empty one for nothing
        study.data.settings[GUIDS_SETTING] = guids
    study.save()
    _into_memo(study, [(name, _relinked(text, run)) for name, text in free], report)
    try:
        record_received(study.folder, run.received, run.made)
    except OSError as exc:
        why = f"it cannot be written ({describe_os_error(exc)}); what came in, deleted here"
        why += " later, would come back with the next file"
        report.not_imported.append(LeftOut("record", SENT_FILE, why))
    return report


def _code_memos(
    project: _Project, read: ReadCodes, notes: dict[str, tuple[str, str]]
) -> dict[str, set[str]]:
    """The notes tied to a code (its NoteRefs, or a Link: NVivo's and ATLAS.ti's memos on
    a code) joined to its memo in `read`, paragraph by paragraph: each such code's id ->
    the GUIDs of its notes."""
    used: dict[str, set[str]] = {}
    for code in list(read.book):
        refs = [*read.note_refs.get(code.id, ()), *project.links.get(code.id, ())]
        memo = code.description
        for ref in (r for r in refs if r in notes):
            memo = joined(memo, unicodedata.normalize("NFC", notes[ref][1]))
            used.setdefault(code.id, set()).add(ref)
        if memo != code.description:
            read.book.update(code.id, description=memo)
    return used


def _relinked(memo: str, run: _Import) -> str:
    """A memo's links to places in interviews (ours: `interview:<id>#h-<highlight>`) led
    to the interviews of the study exported; here they lead to those its sources became:
    found by the GUID our export derives from the interview's id, else by the highlight,
    whose id stays. A link to an interview of this study stays as it is."""
    known = {entry.id for entry in run.study.interviews}

    def moved(old: str, target: str) -> str | None:
        if old in known:
            return None
        found = run.went_to.get(derived_guid("source", old))
        return found or (run.went_to.get(target[3:]) if target.startswith("#h-") else None)

    return relinked(memo, moved)


def _into_memo(study: Study, notes: list[tuple[str, str]], report: ImportReport) -> None:
    """The project's notes tied to no source or selection (its memos) go into the study
    memo, each under a heading of its name (core/study_memo.py)."""
    try:
        report.notes += add_to_memo(study.folder, notes)
    except (OSError, MemoUnreadableError) as exc:
        why = f"the study memo cannot take it ({describe_os_error(exc)})"
        report.not_imported += [LeftOut("note", name, why) for name, _ in notes]


def _source(run: _Import, element: ET.Element) -> None:
    kind = element.tag.rsplit("}", 1)[-1]
    name = (element.get("name") or "").strip() or _file_name(element) or element.get("guid") or "?"
    label = "PDF" if kind == "PDFSource" else kind.removesuffix("Source").lower() or kind
    try:
        if kind in _MEDIA_KINDS:
            _media_source(run, element, name)
        elif kind == "TextSource":
            _text_source(run, element, name)
        elif kind == "PDFSource" and element.find(tag(run.ns, "Representation")) is not None:
            _pdf_source(run, element, name)
        else:
            run.report.not_imported.append(LeftOut(f"{label} source", name, _no_text_kind(element)))
    except _TooLargeError as exc:  # its text's file, read before anything of it is written
        run.report.not_imported.append(LeftOut(f"{label} source", name, str(exc)))


def _no_text_kind(element: ET.Element) -> str:
    """Why a source of no text (a picture, a PDF without its text) is left out, with the
    passages marked on it that go with it: "it has no text to read" said neither what it
    was nor that its codings stayed behind."""
    kind = element.tag.rsplit("}", 1)[-1]
    marked = sum(1 for child in element if child.tag.endswith("Selection"))
    lost = f"; the {counted(marked, 'passage')} marked on it stay behind" if marked else ""
    if kind == "PictureSource":
        return f"a picture has no text to read, and this app shows transcripts only{lost}"
    if kind == "PDFSource":
        return (
            "the project holds the PDF without its text: add its text to the study as a "
            f"transcript (.txt) of its own{lost}"
        )
    return f"it has no text to read{lost}"


def _file_name(element: ET.Element) -> str:
    """The name of a source's file, for a source without a name (the schema asks none):
    qc 1.3 writes a source so, its text's file under its own name ("board_2017.txt"), and
    the interview was titled with the source's GUID. "" for a file named by a GUID."""
    path = element.get("plainTextPath") or element.get("path") or ""
    stem = PurePosixPath(path.split("://", 1)[-1].replace("\\", "/")).stem.strip()
    return "" if guid_of(stem) else stem


def passages_made(passages: list[Highlight], codings: int) -> str:
    """The passages an import made, as the app counts them (`count_label`), the other kind
    in brackets, and their codings: "3 passages (2 highlighted, 1 coded) with 1 coding". A
    passage in a colour alone is no coded passage."""
    label = count_label(passages).replace(": ", ", ", 1)
    head, _, kinds = label.partition(", ")
    said = head + (f" ({kinds})" if kinds else "")
    return said + (f" with {counted(codings, 'coding')}" if codings else "")


def folder_refusal(folder: Path) -> str:
    """Why an import cannot go into `folder` ("" when it can: it is absent, empty or a
    study). A folder of other files (Downloads, a project's folder) is not made a study:
    its README and notes would become interviews beside those imported. Hidden files (a
    Mac's .DS_Store) do not count."""
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder for a study"
    if (folder / FILE_NAME).is_file() or not folder.is_dir():
        return ""
    if any(not entry.name.startswith(".") for entry in folder.iterdir()):
        return (
            f"{folder} holds other files and is not a study (it has no study.json); choose "
            "an empty or new folder, or open that folder as a study first"
        )
    return ""


def _target(folder: Path, project: _Project) -> Study:
    """A new study in an absent or empty folder, else the study the folder holds."""
    refusal = folder_refusal(folder)
    if refusal:
        raise RefiError(refusal)
    if (folder / FILE_NAME).is_file():
        try:
            return open_study(folder)
        except StudyError as exc:
            raise RefiError(str(exc).rstrip(".")) from None
    folder.mkdir(parents=True, exist_ok=True)
    return Study(folder=folder, data=StudyData(title=project.root.get("name") or folder.name))


def _texts_of(
    study: Study,
) -> tuple[dict[str, InterviewEntry], dict[str, InterviewEntry]]:
    """The hashes of the texts of the study's interviews that can be read, as the app
    reads each; and of their files' texts where the app reads them in another shape. A
    source's text is its file's: an Otter export's ("Leila Haddad  0:02" above each
    turn), read here as "Leila Haddad: …", was no interview's text, and the same .qdpx
    imported twice added it again."""
    as_read: dict[str, InterviewEntry] = {}
    as_filed: dict[str, InterviewEntry] = {}
    for entry in study.interviews:
        path = study.transcript_path(entry)
        try:
            read = load_document(path).text
            as_read.setdefault(_digest(read), entry)
            if path.suffix.lower() in (".txt", ".md"):
                filed = decode_text(path.read_bytes(), path.name)[0]
                if filed != read:
                    as_filed.setdefault(_digest(filed), entry)
        except (DocumentError, OSError):
            continue
    return as_read, as_filed


def _digest(text: str) -> str:
    """What tells an interview's text: its hash without the blanks at its end, which a
    tool may drop or add (a final line end) to what is still the same interview, and with
    a U+FEFF opening it as its source file holds it (`opening_feff_kept`)."""
    return text_sha256(opening_feff_kept(text).rstrip())


def _open(data: bytes | Path, project_file: Path | None) -> _Project:
    try:
        archive = zipfile.ZipFile(data if isinstance(data, Path) else io.BytesIO(data))
    except zipfile.BadZipFile:
        # A zip's directory is at its end: a file cut short (a download or a copy that
        # stopped) starts as one, and was told it is none.
        if _opening(data).startswith(b"PK\x03\x04"):
            raise RefiError("the .qdpx is cut short or damaged: copy it again") from None
        raise RefiError("it is not a .qdpx file (not a zip archive)") from None
    except OSError as exc:
        raise RefiError(f"it cannot be read ({describe_os_error(exc)})") from None
    files = _member_names(archive)
    qde = sorted(
        (n for n in files if n.endswith(".qde") and not _mac_copy(n)),
        key=lambda n: (PurePosixPath(n).name != "project.qde", n.count("/"), n),
    )
    if not qde:
        raise RefiError(f"the .qdpx holds no project (.qde) file: {EXPORT_AGAIN}")
    info = archive.getinfo(files[qde[0]])
    if info.file_size > MAX_MEMBER_BYTES:
        raise RefiError("its project file is too large")
    data = _read_member(archive, info.filename)
    root = parse_xml(data)
    if not root.tag.endswith("Project"):
        raise RefiError(f"its .qde file is not a REFI-QDA project: {EXPORT_AGAIN}")
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    origin = (root.get("origin") or "").lower()
    ours = origin.startswith(APP_NAME.lower())
    # ATLAS.ti counts a CRLF of its files once; so does QualCoder, whose texts have LF
    # alone (its import makes each CRLF and CR an LF) and whose files get CRLFs from its
    # "line ending for MAXQDA" or a text-mode write on Windows.
    once = "atlas" in origin or origin.startswith("qualcoder")
    project = _Project(root, ns, files, archive, once, project_file, ours)
    project.misdeclared = declared_but_utf8(data)
    project.links = _links(project)
    return project


def _member_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """`_member_key` -> the zip's name for each file: a zip made on Windows by some tools
    names its files "sources\\x.txt", whose text was then not found."""
    return {
        _member_key(info.filename): info.filename
        for info in archive.infolist()
        if not info.is_dir()
    }


def _member_key(name: str) -> str:
    """A path in the zip or in the project as the two are matched: "/", lower case, NFC
    (a Mac writes "é" in a file's name as "e" and an accent, the project as one)."""
    return unicodedata.normalize("NFC", name.replace("\\", "/")).lower()


def _mac_copy(name: str) -> bool:
    """A Mac's copy of a file's extended attributes ("__MACOSX/P/._project.qde"), which
    a .qdpx unpacked and zipped again in the Finder holds beside each file: no XML."""
    return name.startswith("__macosx/") or PurePosixPath(name).name.startswith("._")


def _opening(data: bytes | Path) -> bytes:
    """The first bytes of the .qdpx, what tells a zip."""
    if isinstance(data, bytes):
        return data[:4]
    with data.open("rb") as file:
        return file.read(4)


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A file of the zip; RefiError when it cannot be unpacked."""
    try:
        return archive.read(name)
    except _UNREADABLE_MEMBER as exc:
        raise RefiError(f"its {name} is damaged or encrypted ({exc})") from None


def _text_of(project: _Project, element: ET.Element) -> str | None:
    """The text of a source or note: inline or from its file; None if there is none."""
    inline = element.find(tag(project.ns, "PlainTextContent"))
    if inline is not None:
        return (inline.text or "").removeprefix("\ufeff")
    path = element.get("plainTextPath")
    if not path:
        return None
    raw = project.member(path)
    if raw is None:
        return None
    try:  # as a transcript is read: a BOM, UTF-16 without one (Windows tools), cp1252
        text = decode(raw)[0]
    except DocumentError:  # empty, or not text: said as such once it is read
        text = raw.decode("utf-8", errors="replace")
    # A CRLF written again through Windows' text mode, which makes each LF a CRLF: QualCoder
    # on Windows writes its "line ending for MAXQDA" so (its text.replace("\n", "\r\n") into
    # a file opened without newline=""). Each "\r\r\n" is one line end of its text, where
    # its positions count one; read as two, the text had a blank line between its lines
    # and each passage landed a character early for each line above it.
    return text.replace("\r\r\n", "\r\n") if "\r\r\n" in text else text


def _no_text(project: _Project, element: ET.Element) -> str:
    """Why a source (or transcript) without a text came without one, and what to do: all
    were "its text is not in the file", a file on this computer to find or a project to
    export again alike."""
    path = (element.get("plainTextPath") or "").strip()
    again = "export the project again from the program that made it"
    if not path:
        rich = element.get("richTextPath")
        if rich:
            return f"the project has only its formatted file ({rich}), not its plain text: {again}"
        return f"the project holds no text for it: {again}"
    file = project.outside_file(path)
    if file is None:
        return f"its text ({path}) is missing from the .qdpx: {again}"
    if file.suffix.lower() != ".txt":
        return f"its text is named as {file}, which is no text file (.txt): {again}"
    return (
        f"its text is in {file}, outside the .qdpx, and that file is not there: put it "
        f"there and import again, or {again} with its documents inside it"
    )


def _notes(project: _Project, not_imported: list[LeftOut]) -> dict[str, tuple[str, str]]:
    """Note GUID -> (name, text)."""
    notes = {}
    for note in project.all("Notes", "Note"):
        note_guid = guid_of(note.get("guid"))
        name = note.get("name") or "a note"
        try:
            text = _text_of(project, note)
        except _TooLargeError as exc:
            not_imported.append(LeftOut("note", name, str(exc)))
            continue
        if note_guid is None or text is None:
            not_imported.append(LeftOut("note", name, "no GUID or no text"))
            continue
        notes[note_guid] = (name, text.replace("\r\n", "\n"))
    return notes


def _annotated(project: _Project) -> dict[str, ET.Element]:
    """Note GUID -> the passage it is on: a Note holding a PlainTextSelection (an
    annotation in QualCoder, which ties it to its source). They came in as loose
    paragraphs of the research notes, cut off from their words."""
    passages = {}
    for note in project.all("Notes", "Note"):
        passage = note.find(tag(project.ns, "PlainTextSelection"))
        note_guid = guid_of(note.get("guid"))
        if passage is not None and note_guid:
            passages[note_guid] = passage
    return passages


def _notes_on(run: _Import, source: ET.Element) -> list[ET.Element]:
    """The source's notes on a passage of it (`_annotated`), each as a selection of that
    passage whose Description is the note: a highlight with that note, or its passage's
    highlight's note (the selections of one passage are one highlight)."""
    made = []
    for ref in _note_refs(run, source):
        passage = run.annotated.get(ref)
        if passage is None or ref not in run.notes:
            continue
        selection = ET.Element(tag(run.ns, "PlainTextSelection"), dict(passage.attrib))
        selection.set("guid", ref)
        ET.SubElement(selection, tag(run.ns, "Description")).text = run.notes[ref][1]
        run.used_notes.add(ref)
        made.append(selection)
    return made


def _links(project: _Project) -> dict[str, list[str]]:
    """Object GUID -> the note GUIDs tied to it by a Link (either direction)."""
    tied: dict[str, list[str]] = {}
    for link in project.all("Links", "Link"):
        ends = [guid_of(link.get("originGUID")), guid_of(link.get("targetGUID"))]
        for a, b in (ends, ends[::-1]):
            if a and b:
                tied.setdefault(a, []).append(b)
    return tied


def _variables(
    project: _Project, study: Study, guids: dict[str, str], not_imported: list[LeftOut]
) -> dict[str, str]:
    """Variable GUID -> the attribute key made for it (DATE_KEY for the interviews' own
    dates: the variable of the GUID this app gives them, else of their name and type)."""
    keys = {}
    named_here: dict[str, str] = {}  # a variable's name, folded -> the first so named
    defined = project.all("Variables", "Variable")
    # By its GUID where it has this app's: by its name, an attribute called so was taken
    # for it, its values made the interviews' dates.
    dates = derived_guid("variable", DATE_KEY)
    by_guid = any(guid_of(variable.get("guid")) == dates for variable in defined)
    for variable in defined:
        variable_guid = guid_of(variable.get("guid"))
        name = (variable.get("name") or "").strip()
        if variable_guid is not None and not name:  # its values went with it, unsaid
            why = "it has no name, which an attribute needs"
            not_imported.append(LeftOut("variable", variable_guid, why))
        if variable_guid is None or not name:
            continue
        kind = _ATTRIBUTE_TYPES.get(variable.get("typeOfVariable") or "", "text")
        named_date = kind == "date" and name.casefold() == DATE_VARIABLE.casefold()
        if variable_guid == dates if by_guid else named_date:
            keys[variable_guid] = DATE_KEY  # the interviews' own dates, no attribute
            continue
        if (first := named_here.get(name.casefold())) is not None:
            why = f"one attribute with “{first}”, whose value is kept where both have one"
            not_imported.append(LeftOut("variable", name, why))
        named_here.setdefault(name.casefold(), name)
        described = (variable.findtext(tag(project.ns, "Description")) or "").strip()
        choices = _choices(project, variable_guid, described) if kind == "text" else ()
        if described and not choices:
            why = "an attribute has no description here"
            not_imported.append(LeftOut("variable description", name, why))
        try:
            definition = study.define_attribute(name, "choice" if choices else kind, choices)
        except StudyError:  # two variables of one name: the second shares the first's key
            definition = next(
                a for a in study.data.attributes if a.label.casefold() == name.casefold()
            )
        keys[variable_guid] = definition.key
        _remember(guids, "variable", definition.key, variable_guid)
    return keys


def _choices(project: _Project, variable_guid: str, described: str) -> tuple[str, ...]:
    """The choices of a variable its Description lists (qdpx_export.CHOICES_LINE, then one
    a line), with each value the project gives it that is none of them (typed in the other
    tool, where the variable is text): none when it lists none."""
    lines = described.splitlines()
    if not lines or lines[0].strip() != CHOICES_LINE:
        return ()
    choices = [line.strip() for line in lines[1:] if line.strip()]
    folded = {choice.casefold() for choice in choices}
    for value in project.root.iter(tag(project.ns, "VariableValue")):
        ref = value.find(tag(project.ns, "VariableRef"))
        if ref is None or guid_of(ref.get("targetGUID")) != variable_guid:
            continue
        text = (value.findtext(tag(project.ns, "TextValue")) or "").strip()
        if text and text.casefold() not in folded:
            folded.add(text.casefold())
            choices.append(text)
    return tuple(choices)


def _cases(
    project: _Project, guids: dict[str, str], not_imported: list[LeftOut]
) -> dict[str, tuple[str, list[ET.Element]]]:
    """Source GUID -> (participant, the cases whose values it takes): the first case with
    a name naming it, and those without a name. What a case holds that an interview's
    participant cannot (its memo, a source's second case, its passages) is said."""
    by_source: dict[str, tuple[str, list[ET.Element]]] = {}
    sources = {guid_of(s.get("guid")): s.get("name") or "?" for s in project.find("Sources") or []}
    for case in project.all("Cases", "Case"):
        name = (case.get("name") or "").strip()
        case_guid = guid_of(case.get("guid"))
        if case_guid and name:
            _remember(guids, "case", name, case_guid)
        if (case.findtext(tag(project.ns, "Description")) or "").strip():
            why = "a participant has no memo here"
            not_imported.append(LeftOut("case description", name or "?", why))
        refs = case.findall(tag(project.ns, "SourceRef"))
        coded = case.find(tag(project.ns, "CodeRef")) is not None  # a case coded whole
        if case.find(tag(project.ns, "SelectionRef")) is not None:
            why = "cases of passages are not imported"
            not_imported.append(LeftOut("case", name or "?", why))
        elif not refs and not coded:  # its values had nowhere to go, and went unsaid
            why = "it names no source, and a participant here is an interview's"
            not_imported.append(LeftOut("case", name or "?", why))
        if coded:
            why = "a participant is not coded here: code the interview's passages"
            not_imported.append(LeftOut("case codes", name or "?", why))
        for ref in refs:
            source = guid_of(ref.get("targetGUID"))
            if not source:
                continue
            participant, cases = by_source.setdefault(source, ("", []))
            if not name or not participant:
                # A case without a name holds a source's own variables (MAXQDA and Quirkos
                # write them so): no participant. The first such case took the source's
                # one, "", and its real participant's case was left out.
                by_source[source] = (participant or name, [*cases, case])
            else:
                why = f"an interview has one participant, “{participant}” here"
                not_imported.append(LeftOut("case", name, why, sources.get(source, "?")))
    return by_source


def _values(project: _Project, element: ET.Element, variables: dict[str, str]) -> dict[str, str]:
    """Attribute key -> value text, from the VariableValues of `element`."""
    values = {}
    for value in element.findall(tag(project.ns, "VariableValue")):
        ref = value.find(tag(project.ns, "VariableRef"))
        key = variables.get(guid_of(ref.get("targetGUID")) or "") if ref is not None else None
        given = [child for child in value if child is not ref and child.text is not None]
        if key and given and (text := (given[0].text or "").strip()):
            # A date with its time or zone ("2024-03-02Z", as the schema allows): the day.
            dated = given[0].tag in (tag(project.ns, "DateValue"), tag(project.ns, "DateTimeValue"))
            # The first variable's, where two of one name (role, Role) share the key.
            values.setdefault(key, text[:10] if dated and _DAY.match(text) else text)
    return values


def _remember(guids: dict[str, str], kind: str, key: str, guid: str) -> None:
    if derived_guid(kind, key) != guid:  # the study's own, from an earlier import, stays
        guids.setdefault(f"{kind}:{key}", guid)


def _counted(
    run: _Import,
    raw: str,
    selections: list[tuple[ET.Element, int | None, int | None]],
    name: str,
    holder: ET.Element,
) -> Positions:
    """The source's positions as its tool counted them (`counting_of`): where its
    selections' names quote words, the count under which they select those words, else
    as the project's origin counts; passages that still select other words are said. A
    project this app wrote counts code points, as it says: a passage ending in a space
    after an emoji ("It was awful 😢 ") was read as UTF-16, where it quotes its name to
    the character, and lost its end."""
    if run.project.ours:
        return Positions(raw, Counting.CODE_POINTS)
    origin = Counting.CRLF_ONCE if run.project.count_crlf_once else Counting.CODE_POINTS
    named = [(s.get("name") or "", a, b) for s, a, b in selections]
    held = holder.find(tag(run.ns, "PlainTextContent")) is not None  # its CRs read away
    positions, doubtful = counting_of(raw, named, origin, crs_lost=held)
    if doubtful:
        run.report.doubtful.append(f"{counted(doubtful, 'passage')} of “{name}”")
    return positions


def _text_source(
    run: _Import,
    element: ET.Element,
    name: str,
    label: str = "text source",
    holder: ET.Element | None = None,
) -> bool:
    """A text source as an interview; `holder`: the element of its text and selections
    when not the source itself (a PDF's Representation). False when it has no text."""
    holder = element if holder is None else holder
    raw = _text_of(run.project, holder)
    from_word = raw is None and (raw := _word_text(run.project, holder)) is not None
    if raw is None:
        run.report.not_imported.append(LeftOut(label, name, _no_text(run.project, holder)))
        return False
    selections = [
        (s, _int(s.get("startPosition")), _int(s.get("endPosition")))
        for s in [*holder.findall(tag(run.ns, "PlainTextSelection")), *_notes_on(run, element)]
    ]
    if from_word:
        positions = _word_positions(run, raw, selections, name)
    else:
        positions = _counted(run, raw, selections, name, holder)
    text = _Text(positions.text, positions.length, positions, positions)
    _interview(run, element, label, name, text, selections)
    return bool(text.text.strip())


def _word_text(project: _Project, holder: ET.Element) -> str | None:
    """The paragraphs of a source's Word file (richTextPath), for a source whose plain
    text the project lacks; None when it has none, or none that can be read."""
    path = holder.get("richTextPath") or ""
    if not path.lower().endswith(".docx") or (data := project.member(path)) is None:
        return None
    from reader.core.transcripts import word  # python-docx: imported on first use

    try:
        return word.paragraphs_text(data, path)
    except DocumentError:
        return None


def _word_positions(
    run: _Import,
    raw: str,
    selections: list[tuple[ET.Element, int | None, int | None]],
    name: str,
) -> Positions:
    """The positions of a text read from its Word file. They count the plain text the
    other program took from it, which may differ (a list's numbers, a footnote): the
    selections stay only when each one's name quotes the words it selects there, else
    they are said and left out (`selections` emptied), the text imported without them."""
    origin = Counting.CRLF_ONCE if run.project.count_crlf_once else Counting.CODE_POINTS
    named = [(s.get("name") or "", a, b) for s, a, b in selections]
    positions = counting_of(raw, named, origin, crs_lost=True)[0]
    if selections and not all_quoted(positions, named):
        why = (
            "its text was read from its Word file (.docx), and their names do not show "
            "that they mark the same words there: code them again here"
        )
        run.report.not_imported.append(LeftOut("selection", name, why, count=len(selections)))
        selections.clear()
    return positions


def _pdf_source(run: _Import, element: ET.Element, name: str) -> None:
    """A PDF with its text (its Representation, as QualCoder and others export a PDF):
    the text is the interview, named after the PDF, its selections the highlights; the
    PDF itself, and passages marked on its pages only (PDFSelection), are said."""
    representation = element.find(tag(run.ns, "Representation"))
    if not _text_source(run, element, name, "PDF source", representation):
        return
    why = "the PDF itself is not shown; its text is"
    run.report.not_imported.append(LeftOut("PDF file", name, why))
    on_pages = element.findall(tag(run.ns, "PDFSelection"))
    if on_pages:
        why = "marked on its pages only"
        run.report.not_imported.append(LeftOut("PDF passage", name, why, count=len(on_pages)))


def _media_source(run: _Import, element: ET.Element, name: str) -> None:
    """An audio or video source: its (first) transcript is the interview, its SyncPoints
    the times, its file the recording."""
    label = "video" if element.tag.endswith("VideoSource") else "audio"
    transcripts = element.findall(tag(run.ns, "Transcript"))
    report = run.report
    if not transcripts:
        report.not_imported.append(LeftOut(f"{label} source", name, "it has no transcript"))
        return
    for extra in transcripts[1:]:
        report.not_imported.append(
            LeftOut(
                "transcript",
                extra.get("name") or "?",
                "only the first transcript of a recording is imported",
                source=name,
            )
        )
    transcript = transcripts[0]
    raw = _text_of(run.project, transcript)
    if raw is None:
        why = _no_text(run.project, transcript).replace("its text", "its transcript", 1)
        report.not_imported.append(LeftOut(f"{label} source", name, why))
        return
    places: dict[str, int | None] = {}  # SyncPoint GUID -> its position
    points = transcript.findall(tag(run.ns, "SyncPoint"))
    for point in points:
        places[guid_of(point.get("guid")) or ""] = _int(point.get("position"))
    selections = [
        (
            s,
            places.get(guid_of(s.get("fromSyncPoint")) or ""),
            places.get(guid_of(s.get("toSyncPoint")) or ""),
        )
        for s in transcript.findall(tag(run.ns, "TranscriptSelection"))
    ]
    selections += [  # notes on a passage of the transcript, by their positions
        (s, _int(s.get("startPosition")), _int(s.get("endPosition")))
        for s in _notes_on(run, element)
    ]
    positions = _counted(run, raw, selections, name, transcript)
    raw_times = []  # (position in the file's text, ms)
    for point in points:
        position, ms = _int(point.get("position")), _int(point.get("timeStamp"))
        if position is not None and ms is not None and 0 <= position <= positions.length:
            raw_times.append((position, ms))
    times = [(positions(position), ms) for position, ms in raw_times]
    timed = media.write_times(positions.text, times)
    text = _Text(
        timed.text,
        positions.length,
        lambda p: timed.place(positions(p)),
        lambda p: timed.place(positions(p), end=True),
        untimed=_Text(positions.text, positions.length, positions, positions),
    )
    placed = unplaced = 0
    for clip in element.findall(tag(run.ns, f"{label.title()}Selection")):
        begin, end = _int(clip.get("begin")), _int(clip.get("end"))
        spoken = None
        if begin is not None and end is not None:
            spoken = media.spoken_between(raw_times, begin, end, positions.length)
        if spoken is None:
            unplaced += 1
        else:
            selections.append((clip, *spoken))
            placed += 1
    if unplaced:
        why = "marked by time only, where its transcript has no times"
        report.not_imported.append(LeftOut("passage", name, why, count=unplaced))

    def recording(transcript_path: Path, notes_path: Path) -> RecordingRef | None:
        return _recording(run, element, name, transcript_path, notes_path)

    entry = _interview(run, element, f"{label} source", name, text, selections, recording)
    if entry is None:
        return  # merged into the study's interview of its text: the merge says what came
    report.by_time += placed
    transcript_guid = guid_of(transcript.get("guid"))
    if transcript_guid:
        _remember(run.guids, "transcript", entry.id, transcript_guid)
    if timed.not_at_line_start:
        report.not_imported.append(
            LeftOut(
                "time",
                name,
                "a time is kept where a line starts, places between are timed in proportion",
                count=timed.not_at_line_start,
            )
        )
    if timed.unwritable:
        why = "before its start or 100 hours or more into it: a written time holds neither"
        report.not_imported.append(LeftOut("unwritable time", name, why, count=timed.unwritable))


def _recording(
    run: _Import, element: ET.Element, name: str, transcript: Path, notes_path: Path
) -> RecordingRef | None:
    """The media file: copied out of the zip beside the transcript, or its path kept."""
    path = (element.get("path") or element.get("currentPath") or "").strip()

    def missing(why: str) -> None:
        run.report.not_imported.append(LeftOut("recording", name, why))

    if not path:
        missing("the file names none")
        return None
    if path.lower().startswith("internal://"):
        member = run.project.member_name(path)
        if member is None:
            missing(f"{path} is not in the file")
            return None
        info = run.project.archive.getinfo(member)
        if info.file_size > MAX_MEDIA_BYTES:
            missing("it is larger than 64 GB")
            return None
        if info.file_size > MAX_MEDIA_RATIO * max(info.compress_size, 2**20):
            missing(f"it claims to unpack to {info.file_size:,} bytes from {info.compress_size:,}")
            return None
        suffix = PurePosixPath(member).suffix.lower()
        target = _free_path(transcript.parent, transcript.stem, suffix)
        try:
            with run.project.archive.open(member) as source, target.open("xb") as out:
                shutil.copyfileobj(source, out)
        except _UNREADABLE_MEMBER as exc:
            target.unlink(missing_ok=True)
            missing(f"it is damaged or encrypted in the file ({exc})")
            return None
        except OSError:
            target.unlink(missing_ok=True)  # half a recording is no use; the disk is said
            raise
    else:
        base = run.project.root.get("basePath") or ""
        found = media.outside_path(path, base, run.project.file)
        if found is None:
            missing(f"{path} is relative to nothing known")
            return None
        target = found
        if not target.is_file():
            missing(f"{target} is not there (its path is kept: locate it in the window)")
    run.report.recordings += 1
    return RecordingRef(stored_path(target, notes_path))


def _interview(
    run: _Import,
    element: ET.Element,
    label: str,
    name: str,
    text: _Text,
    selections: list[tuple[ET.Element, int | None, int | None]],
    recording: Callable[[Path, Path], RecordingRef | None] | None = None,
) -> InterviewEntry | None:
    """The source as a new interview of the study; None when it was not added (merged
    into the interview of its text, qdpx_merge)."""
    study, report = run.study, run.report
    if not text.text.strip():
        report.not_imported.append(LeftOut(label, name, "its text is empty"))
        return None
    hashed = {_digest(t.text): t for t in (text, text.untimed) if t is not None}
    known = next((d for d in hashed if d in run.texts), None)
    if known is not None:  # the study has this text, timed or not: the text it matched
        _merge(run, run.texts[known], element, label, name, hashed[known], selections)
        return None
    filed = next((d for d in hashed if d in run.file_texts), None)
    if filed is not None:  # a transcript file has it, read here in another shape
        entry = run.file_texts[filed]
        _merge(run, entry, element, label, name, hashed[filed], selections, by_words=True)
        return None
    source_guid = _source_guid(element, name)
    sent = run.sent_as.get(source_guid)
    if sent is not None and _corrected(run, sent, text.text):  # the one sent, corrected since
        _merge(run, sent, element, label, name, text, selections, by_words=True)
        return None
    path = _free_path(study.folder / "transcripts", name, ".txt")
    atomic_write(path, text.text.encode("utf-8"))  # a full disk leaves no half of it
    try:
        made = element.get("creationDateTime")  # when the project says it was made
        added = _stamp(made) if made else ""
        entry = study.add_interview(path, title=name, added=added, known=run.known_files)
    except StudyError as exc:  # not text an interview can be (a binary file, say)
        path.unlink(missing_ok=True)
        report.not_imported.append(LeftOut(label, name, str(exc).rstrip(".")))
        return None
    try:
        document = load_document(path)
    except DocumentError as exc:  # larger than an interview can be: it stopped the import
        study.remove_interview(entry.id)
        run.known_files.pop(path.resolve(), None)
        path.unlink(missing_ok=True)
        report.not_imported.append(LeftOut(label, name, str(exc).rstrip(".")))
        return None
    if entry.title != name:  # another interview has that title
        report.retitled.append(f"“{name}” as “{entry.title}”")
    _remember(run.guids, "source", entry.id, source_guid)
    run.went_to[source_guid] = entry.id
    report.interviews += 1
    as_read = _digest(document.text)
    run.texts[as_read] = entry
    run.file_texts.update({d: entry for d in hashed if d != as_read})
    tied = _source_notes(run, element)
    if tied:
        _remember(run.guids, "research-notes", entry.id, next(iter(tied)))
    research = _once((_described(run, element), *tied.values()))
    # One highlight for each passage, as merging into an interview makes it: QualCoder
    # sends a selection for each coding of one passage, and three stacked highlights of one
    # code each were not the passage coded three times. Ours are highlights as they were
    # (two of one passage, a colour and a coding, go out as two selections).
    by_id = Highlights()
    for selected in _placed_by_words(
        run, document.text, _highlights(run, element, name, text, selections), name
    ):
        if run.project.ours:
            known = selected.highlight
            if known.id in by_id:  # a GUID given two selections (edited by hand): both kept
                known = replace(known, id=derived_guid("selection", f"{known.id}/{len(by_id)}"))
            by_id[known.id] = known
        else:
            known = merge_selection(by_id, selected.highlight, Merged(name, name))
        if known is not None:
            _keep_guids(run, selected, None, by_id[known.id])
    highlights = sorted(by_id.values(), key=lambda h: (h.start, h.end))
    report.passages += highlights
    run.went_to.update((h.id, entry.id) for h in highlights)
    report.notes += sum(bool(h.note) for h in highlights)
    report.codings += sum(len(h.codes) for h in highlights)
    notes_path = study.notes_path(entry)
    notes_data = NotesData(
        document=document.meta(),
        codebook=study.codebook.copy(),
        highlights=highlights,
        notes=research,
        recording=recording(path, notes_path) if recording is not None else None,
    )
    report.notes += bool(research)
    save_notes(notes_path, notes_data)
    taken = _people(run, entry.id, element, name)  # all empty here: all filled, no words
    # What it brought, as if the study had sent it: the other tool keeps it, and deleted
    # here it would come back with the next file (a project begun in NVivo).
    run.made[entry.id] = replace(taken.shared, highlights=tuple(highlights))
    return entry


def _placed_by_words(
    run: _Import, text: str, selected: list[_Selected], name: str
) -> list[_Selected]:
    """The selections of a source whose text reads in another shape here (an Otter
    export, read as its turns) found again by their words, as an edited transcript's
    highlights are; those whose words are not there are left out, and said."""
    if all_in_place(text, [s.highlight for s in selected]):
        return selected
    results, summary = reanchor_all(text, [s.highlight for s in selected])
    if summary.orphaned:
        why = "its words are not in the text as read here"
        run.report.not_imported.append(LeftOut("selection", name, why, count=summary.orphaned))
    return [
        replace(s, highlight=r.highlight, in_file=(s.highlight.start, s.highlight.end))
        for s, r in zip(selected, results, strict=True)
        if r.status is not AnchorStatus.ORPHANED
    ]


def _corrected(run: _Import, entry: InterviewEntry, text: str) -> bool:
    """Whether `text`, a source under the GUID `entry` goes out as, is that interview's
    text as the study sent it, corrected here since: the study sent it, and most of its
    lines are the interview's now. Another study's "P1.txt" has that GUID too (ids come
    from the file's name), and was merged into ours."""
    if entry.id not in run.sent:
        return False
    try:
        ours = set(load_document(run.study.transcript_path(entry)).text.splitlines())
    except (DocumentError, OSError):
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and sum(line in ours for line in lines) >= SAME_LINES * len(lines)


def _source_guid(element: ET.Element, name: str) -> str:
    return guid_of(element.get("guid")) or derived_guid("source-name", name)


@dataclass(frozen=True)
class _Selected:
    """A selection read as a highlight, and the GUIDs the file gives its codings (code id
    -> GUID) and its note: kept (_keep_guids) under the id of the highlight it becomes or
    joins, known only once it is merged (NVivo's GUID for one of ours is not its id)."""

    highlight: Highlight
    coding_guids: dict[str, str]
    note_guid: str | None = None
    # Its place in the file's text, the text as the study sent it, where the highlight is
    # on the text here now (corrected since): what the record of what was sent knows.
    in_file: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Taken:
    """What an interview took of the participant and attribute values a file gives it
    (_people): as Merged says them, those filled in, those that differ (kept as here) and
    those cleared here since they were sent (left empty); and the values it now shares
    with the file, for the record of what was sent (refi.sent)."""

    filled: list[str]
    differ: list[str]
    cleared: list[str]
    shared: Carried


def _people(
    run: _Import, interview_id: str, element: ET.Element, name: str, sent: Sent = NOTHING_SENT
) -> _Taken:
    """The participant (of the first case naming the source) and the attribute values
    (the case's, then the source's own) the file gives the source, into the interview:
    each empty here takes the file's, unless the interview was sent with it and it was
    cleared here since (`sent`, refi.sent); one here that differs is kept: never is what
    was typed here overwritten."""
    study = run.study
    filled: list[str] = []
    differ: list[str] = []
    cleared: list[str] = []
    participant, cases = run.cases.get(_source_guid(element, name), ("", []))
    values: dict[str, str] = {}
    for case in [*cases, element]:
        values.update(_values(run.project, case, run.variables))
    entry = study.interview(interview_id)
    if (date := values.pop(DATE_KEY, "")) and not entry.date:
        try:
            study.update_interview(interview_id, date=date)
            filled.append("date")
        except StudyError as exc:  # a date the study refuses: said, not guessed
            run.report.not_imported.append(LeftOut("date", name, str(exc)))
    elif date and date != entry.date:
        differ.append(f"date “{entry.date}” (“{date}” there)")
    if participant and not entry.participant:
        if sent.named(participant):
            cleared.append("participant")
        else:
            study.update_interview(interview_id, participant=participant)
            filled.append("participant")
    elif participant and participant != entry.participant:
        differ.append(f"participant “{entry.participant}” (“{participant}” there)")
    shared: dict[str, AttributeValue] = {}
    for key, value in values.items():
        definition = study.attribute(key)
        try:
            checked = definition.check(value)
        except AttributeValueError as exc:  # a value its type refuses: said, not guessed
            run.report.not_imported.append(LeftOut("attribute value", name, str(exc)))
            continue
        here = entry.attributes.get(key)
        if here is None and checked is not None and sent.gave(key, checked):
            cleared.append(definition.label)
        elif here is None:
            study.set_attribute(interview_id, key, checked)
            filled.append(definition.label)
            shared[key] = checked
        elif here != checked:
            differ.append(f"{definition.label} “{here}” (“{checked}” there)")
        else:
            shared[key] = checked
    now = study.interview(interview_id).participant
    carried = Carried(participant=participant if participant == now else "", attributes=shared)
    return _Taken(filled, differ, cleared, carried)


def _highlights(
    run: _Import,
    element: ET.Element,
    name: str,
    text: _Text,
    selections: list[tuple[ET.Element, int | None, int | None]],
) -> list[_Selected]:
    """The source's selections as highlights, with their notes; those that do not fit
    its text, and codings of the whole source, reported."""
    highlights = []
    for selection, start, end in selections:
        selected = _selection(run, selection, start, end, text, name)
        if selected is None:
            continue
        comment = selection.findtext(tag(run.ns, "Description")) or ""
        parts = [comment.replace("\r\n", "\n").strip()]  # CRLF escaped (&#13;) kept a CR
        tied = _tied_notes(run, selection)
        parts += tied.values()
        note = _once(parts)
        highlights.append(
            replace(
                selected,
                highlight=replace(selected.highlight, note=note),
                note_guid=next(iter(tied), None),
            )
        )
    holder = _text_holder(run, element)
    if any(p.findall(tag(run.ns, "Coding")) for p in (element, holder) if p is not None):
        run.report.not_imported.append(
            LeftOut("whole-source coding", name, "only passages are coded here")
        )
    return highlights


def _merge(
    run: _Import,
    entry: InterviewEntry,
    element: ET.Element,
    label: str,
    name: str,
    text: _Text,
    selections: list[tuple[ET.Element, int | None, int | None]],
    by_words: bool = False,
) -> None:
    """The source's selections and notes merged into the notes of `entry`, the study's
    interview with its text (qdpx_merge); a notes file that cannot take them is named.
    `by_words`: its text is the interview's file's, read here in another shape, so the
    selections are found by their words (`_placed_by_words`)."""
    study, report = run.study, run.report
    run.went_to[_source_guid(element, name)] = entry.id
    path = study.notes_path(entry)
    title = entry.title or name
    was, notes, why = read_notes(path)
    if why:
        said = f"the notes of “{title}”, its text here, are left as they are: {why}"
        report.not_imported.append(LeftOut(label, name, said))
        # Its notes, and its selections', go with it: said once, by the line above.
        run.used_notes.update(ref for part in element.iter() for ref in _note_refs(run, part))
        return
    if notes is None:  # none yet: made as a new interview's are
        notes = NotesData(document=load_document(study.transcript_path(entry)).meta())
    merged = Merged(name, title)
    read = load_document(study.transcript_path(entry)).text if by_words else ""
    if by_words and not all_in_place(read, notes.highlights):  # the text changed since
        notes.highlights = [r.highlight for r in reanchor_all(read, notes.highlights)[0]]
    by_id = Highlights(notes.highlights)
    # Its notes file gone (lost, not its highlights deleted one by one): all of it comes.
    sent = run.sent.get(entry.id, NOTHING_SENT) if was is not None else NOTHING_SENT
    before = {h.id: h for h in notes.highlights}
    came = []
    coming = _highlights(run, element, name, text, selections)
    if by_words:
        coming = _placed_by_words(run, read, coming, name)
    for selected in coming:
        known = merge_selection(by_id, selected.highlight, merged, sent, selected.in_file)
        if known is not None:
            _keep_guids(run, selected, before.get(known.id), by_id[known.id])
            came.append(known)
    research = joined(notes.notes, _described(run, element))
    tied = _source_notes(run, element)
    for paragraphs in tied.values():
        research = joined(research, paragraphs)
    if tied and research and not notes.notes:  # hers were empty: the file's are its own
        _remember(run.guids, "research-notes", entry.id, next(iter(tied)))
    merged.notes += research != notes.notes
    if merged.notes_changed:
        notes.highlights = sorted(by_id.values(), key=lambda h: (h.start, h.end, h.id))
        notes.notes = research
        why = write_notes(path, was, study.shared_notes(notes))
        if why:
            said = f"the notes of “{title}”, its text here, are left as they were: {why}"
            report.not_imported.append(LeftOut(label, name, said))
            return
    taken = _people(run, entry.id, element, name, sent)
    merged.filled, merged.differ, merged.cleared = taken.filled, taken.differ, taken.cleared
    if entry.id in run.sent:  # not into a study never sent: it merges as before
        run.received[entry.id] = replace(taken.shared, highlights=tuple(came))
    report.merged.append(merged)


def _note_refs(run: _Import, element: ET.Element) -> list[str]:
    """The GUIDs of the notes `element` refers to (NoteRef) or a Link ties to it."""
    refs = [guid_of(r.get("targetGUID")) for r in element.findall(tag(run.ns, "NoteRef"))]
    refs += run.project.links.get(guid_of(element.get("guid")) or "", [])
    return [ref for ref in refs if ref]


def _text_holder(run: _Import, element: ET.Element) -> ET.Element | None:
    """The part of a source that holds its text, which is the interview too: a
    recording's first transcript, a PDF's Representation; None for a text source."""
    found = element.find(tag(run.ns, "Transcript"))
    return element.find(tag(run.ns, "Representation")) if found is None else found


def _source_notes(run: _Import, element: ET.Element) -> dict[str, str]:
    """The notes of a source (_tied_notes), and of the part holding its text (ATLAS.ti
    ties its memo to a recording's transcript)."""
    tied = _tied_notes(run, element)
    holder = _text_holder(run, element)
    if holder is not None:
        tied.update(_tied_notes(run, holder))
    return {ref: text for ref, text in tied.items() if ref not in run.annotated}


def _once(parts: Iterable[str]) -> str:
    """The texts joined by blank lines, each once: a Description that says what a Note
    tied to it says (this app writes both, for the tools that read only one) is one, as
    the Note has it."""
    kept: dict[str, str] = {}
    for part in parts:
        key = note_key(part)
        if key and len(part) > len(kept.get(key, "")):
            kept[key] = part
    return "\n\n".join(kept.values())


def _described(run: _Import, element: ET.Element) -> str:
    """A source's Description (QualCoder's memo on a source), and that of the part
    holding its text, for its research notes."""
    holder = _text_holder(run, element)
    parts = [element] if holder is None else [element, holder]
    texts = (normalise(p.findtext(tag(run.ns, "Description")) or "").strip() for p in parts)
    return "\n\n".join(text for text in texts if text)


def _tied_notes(run: _Import, element: ET.Element) -> dict[str, str]:
    """The notes `element` refers to (NoteRef) or a Link ties to it: GUID -> text, in the
    file's order (the first one's GUID is kept, _remember)."""
    tied = {ref: run.notes[ref][1] for ref in _note_refs(run, element) if ref in run.notes}
    run.used_notes.update(tied)
    return tied


def _selection(
    run: _Import,
    selection: ET.Element,
    start: int | None,
    end: int | None,
    text: _Text,
    source: str,
) -> _Selected | None:
    report = run.report
    name = selection.get("name") or selection.get("guid") or "a selection"
    if start is None or end is None:
        written = [selection.get(f"{at}Position") for at in ("start", "end")]
        why = "no positions"
        if all(_DECIMAL.fullmatch((w or "").strip()) for w in written):  # a fraction: "5.5"
            why = (
                f"its positions ({written[0]} to {written[1]}) are not whole characters, so "
                "where it starts and ends is not known: code that passage again here"
            )
        report.not_imported.append(LeftOut("selection", name, why, source))
        return None
    if not 0 <= start < end <= text.length:
        why = f"positions {start}–{end} do not fit its text of {text.length} characters"
        if start > end:  # said as such: "do not fit" sent the user looking at the text
            why = f"it ends (at {end}) before it starts (at {start}) in the file"
        report.not_imported.append(LeftOut("selection", name, why, source))
        return None
    a, b = text.start(start), text.end(end)
    hid = guid_of(selection.get("guid")) or derived_guid("selection", f"{source}/{start}/{end}")
    if not 0 <= a < b <= len(text.text):
        report.not_imported.append(LeftOut("selection", name, "an empty passage", source))
        return None
    codes = []
    coding_guids: dict[str, str] = {}
    for coding in selection.findall(tag(run.ns, "Coding")):
        ref = coding.find(tag(run.ns, "CodeRef"))
        code_id = run.same.get(guid_of(ref.get("targetGUID")) or "") if ref is not None else None
        code_id = code_id and _codable(run, code_id)
        if code_id:
            codes.append(code_id)
            coding_guid = guid_of(coding.get("guid"))
            if coding_guid:
                coding_guids.setdefault(code_id, coding_guid)
        else:
            target = guid_of(ref.get("targetGUID")) if ref is not None else None
            case = run.project.case_names.get(target or "")
            why = "its code is not in the codebook"
            if case is not None:  # NVivo codes a passage at a case so
                why = (
                    f"it puts the passage in the case “{case}”: cases of passages are not imported"
                )
            report.not_imported.append(LeftOut("coding", name, why, source))
    created = _stamp(selection.get("creationDateTime"))
    # Codings are not colour highlights (reader/core/annotations.py, NO_COLOR); a selection
    # whose codes all failed keeps a colour, so that it still shows.
    highlight = replace(
        make_highlight(text.text, a, b, NO_COLOR if codes else DEFAULT_COLOR),
        id=hid,
        codes=tuple(dict.fromkeys(codes)),
        created=created,
        modified=_stamp(selection.get("modifiedDateTime"), created),
    )
    return _Selected(highlight, coding_guids)


def _codable(run: _Import, code_id: str) -> str:
    """The code a coding of `code_id` goes to: itself, or for a category (NVivo codes at
    a parent node; the file's "Work" met the study's category "Work"), a code under it
    made on first use, "Work (general)" in its colour, so that the category still only
    holds codes and the passages are counted. "" when that name is a category too."""
    book = run.study.writable_codebook()
    category = book.get(code_id)
    if category is None or category.codable:
        return code_id
    if code_id not in run.general:
        name = f"{category.name[: MAX_NAME_CHARS - 10]} (general)"
        found = book.find(name, code_id)
        if found is None:
            found = book.create(name, parent=code_id, color=category.color)
            run.report.codes += 1
        run.general[code_id] = found.id if found.codable else ""
    return run.general[code_id]


def _keep_guids(
    run: _Import, selected: _Selected, before: Highlight | None, after: Highlight
) -> None:
    """The GUIDs the file gives the codings and the note that `after` (the highlight the
    selection became, or joined) gained from it over `before` (as it was; None: new),
    kept under its id so that they go back out as they came. Those it had are ours."""
    for code_id, guid in selected.coding_guids.items():
        if code_id in after.codes and (before is None or code_id not in before.codes):
            _remember(run.guids, "coding", f"{after.id}/{code_id}", guid)
    if selected.note_guid and after.note and not (before is not None and before.note):
        _remember(run.guids, "note", after.id, selected.note_guid)


def _int(value: str | None) -> int | None:
    """A whole number as written: "12", or "12.0" as a tool writing its numbers through a
    float writes it. None for none, or for a fraction ("12.5")."""
    found = _DECIMAL.fullmatch((value or "").strip())
    if found is None or (found[2] or "").strip("0"):
        return None
    return int(found[1])


def _stamp(value: str | None, default: str | None = None) -> str:
    if value:
        try:
            stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
            return stamp.replace(microsecond=0).isoformat()
    return default or now_iso()


def _free_path(folder: Path, name: str, suffix: str) -> Path:
    """`folder/NAME.suffix` with NAME made safe, numbered when the name is taken."""
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" ._")[:80]
    # File systems count a name's bytes (255 at most): 80 emoji would be 320.
    stem = stem.encode("utf-8")[:_MAX_STEM_BYTES].decode("utf-8", "ignore") or "source"
    stem = stem.removesuffix(suffix)
    stem = _WINDOWS_DEVICE.sub(r"\g<0>_", stem, count=1)
    # Names told apart by case alone are one file on macOS and Windows: "P1.txt" and
    # "p1.txt" made on Linux came out of the study's folder there as one.
    try:
        taken = {entry.casefold() for entry in os.listdir(folder)}
    except OSError:
        taken = set()
    candidate, n = f"{stem}{suffix}", 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    return folder / candidate
