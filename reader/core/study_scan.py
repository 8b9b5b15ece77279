"""Finding the transcripts in a folder: by suffix, skipping binary and unreadable files,
and the app's own files (notes, exports: core/exported.py).

Used when a folder without study.json is opened as a study and when a whole folder is
added to one. Nothing found is moved or changed; only the first bytes of each are read,
and very small subtitles opened, as they would be, to say that they hold nothing to read.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.document import (
    NAME_NOT_TEXT,
    WHISPER_TABLE_HEAD,
    DocumentError,
    EmptyTranscriptError,
    bom_encoding,
    decode,
    load_document,
    named_in_text,
    shown_name,
    utf16_order,
)
from reader.core.exported import is_markdown_export, is_word_export
from reader.core.other_documents import (
    is_doc_name,
    is_other_document_name,
    is_typed_document_name,
    why_not_read,
)
from reader.core.study_places import FILE_NAME, MEMO_FILE, NOTES_FOLDER
from reader.core.wording import counted

TRANSCRIPT_SUFFIXES = (
    ".txt", ".md", ".markdown", ".vtt", ".srt", ".json", ".tsv", ".csv", ".lrc", ".docx", ".odt",
    ".rtf",
)  # fmt: skip
# Tables in a folder: Whisper's segments are transcripts; a spreadsheet (the participants'
# ages, a codebook) beside them is none, and is left out without a word.
_TABLES = (".tsv", ".csv")
ZIPPED_SUFFIXES = (".docx", ".odt")  # word-processor files are zip archives
MAX_TRANSCRIPTS = 1000  # a study of a few hundred interviews fits; a folder of 10,000 stops
MAX_ENTRIES = 20_000  # directory entries looked at, whatever they are
SNIFF_BYTES = 8192
# Subtitles and Whisper's JSON this small are opened when found, to say they hold no
# transcript (a .vtt of its header alone, the JSON of a silent recording). Opening every
# file read whole (a few milliseconds each) made a scan of 300 short ones 25 times slower.
NOTHING_BYTES = 512
_TIMED = (".vtt", ".srt", ".json", ".tsv", ".csv", ".lrc")
JSON_BLOCK = 1 << 16  # a .json is read on until a list of segments shows
GROUP_SKIPPED = 3  # more files skipped for one reason are said in one line
# C0 controls other than tab, LF, FF and CR: a text file has (almost) none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_OWN_FILE = re.compile(rb'"format"\s*:\s*"interview-reader-([a-z-]*)"')  # notes, study, exports
_OWN_HEAD = 400  # bytes that hold the "format" of our files
NOTES_FILE = "it is an interview’s notes file, not a transcript"
EXPORT_FILE = "it is a summary exported from Interview Reader, not a transcript"
TABLE_FILE = "it is a table, not Whisper's segments (a header of start, end and text)"
_QUIET = (NOTES_FILE, EXPORT_FILE, TABLE_FILE)  # left out of a folder's scan without a word
_ZIP_MAGIC = b"PK\x03\x04"
_OWN_REASONS = {b"notes": NOTES_FILE, b"study-export": EXPORT_FILE}  # by "format"
_NATURAL = re.compile(r"(\d+)")


@dataclass
class ScanReport:
    """What a scan found: transcripts in natural order, and what it left out and why."""

    found: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (file, reason)
    capped: bool = False  # stopped at MAX_TRANSCRIPTS or MAX_ENTRIES
    folder: Path | None = None  # the folder scanned

    def messages(self) -> list[str]:
        """One line for the user per thing worth saying."""
        # A folder of .doc…: said once by no_interviews_words, where it says them; not
        # where it says "no interviews yet" (a damaged .docx beside them) or does not
        # list them (in a subfolder): the .doc was left out without a word.
        typed = any(is_typed_document_name(path) for path, _ in self.skipped)
        said = no_interviews_words(self.folder) if typed and not self.found and self.folder else ""
        by_reason: dict[str, list[str]] = {}
        for path, reason in self.skipped:
            if said and path.parent == self.folder and reason.removeprefix("it is ") in said:
                continue
            by_reason.setdefault(reason, []).append(shown_name(path.name))
        lines = []
        for reason, names in by_reason.items():
            if len(names) <= GROUP_SKIPPED:
                lines += [f"{name} was skipped: {reason}." for name in names]
            else:  # a folder of scans: one line that says how many, not a screenful
                shown = ", ".join(names[:GROUP_SKIPPED])
                lines.append(f"{len(names)} files were skipped ({shown}, …): {reason}.")
        if self.capped:
            lines.append(
                f"The folder holds more files than a study takes at once; only the first "
                f"{len(self.found):,} transcripts were added. Add the others by subfolder."
            )
        return lines


def natural_key(path: str) -> list[object]:
    """Sort key that puts "P2" before "P10"."""
    return [int(p) if p.isdigit() else p.casefold() for p in _NATURAL.split(path)]


LIBRARY_ADD = "add them with the Library's Add button or drop files on the window."


def no_interviews_words(folder: Path, add: str = LIBRARY_ADD) -> str:
    """What a study with no interview says: how to `add` some, and, where its folder holds
    files (PDFs, pictures), that none is a transcript and what is read; told only "no
    interviews yet", one who picked a folder of PDFs was told to add what was there."""
    try:
        with os.scandir(folder) as listing:
            names = [
                e.name
                for e in listing
                if not e.name.startswith(".")
                # a Pages document kept as a folder is a document all the same
                and (e.is_file() or is_typed_document_name(Path(e.name)))
            ]
    except OSError:
        names = []
    files = [n for n in names if not (is_study_file_name(Path(n)) or n.endswith(".lock"))]
    others = sorted({Path(name).suffix.lower() or name for name in files})
    # Transcripts that could not be read (said as skipped) or the app's own exports: the
    # folder is no folder of other files.
    if not others or any(is_transcript_name(Path(name)) for name in files):
        return f"This study has no interviews yet: {add}"
    kinds = ", ".join(others[:4]) + (", …" if len(others) > 4 else "")
    read = " ".join(TRANSCRIPT_SUFFIXES)
    # What to do with the documents not read there (a .doc, a PDF), each kind once.
    todo = dict.fromkeys(
        why_not_read(Path(name), b"").removeprefix("it is ")
        for name in files
        if is_other_document_name(Path(name))
    )
    hint = "; ".join(todo) or "a PDF is not read: save it as .docx or .txt"
    return (
        f"No transcript in this folder, only {counted(len(files), 'other file')} ({kinds}): "
        f"Interview Reader reads {read} ({hint}). To study some, {add}"
    )


def is_transcript_name(path: Path, doc: bool = False) -> bool:
    """Whether `path`'s suffix is a transcript's; with `doc`, a .doc's too, which may be
    one or not as its first bytes say (`sniff`)."""
    return path.suffix.lower() in TRANSCRIPT_SUFFIXES or (doc and is_doc_name(path))


def sniff(path: Path, in_folder: bool = False) -> str:
    """ "" when `path` looks like a transcript we can open, else the reason it is not.
    `in_folder`: found in a folder, not picked, where a table other than Whisper's is not
    taken (picked, it is read as a typed transcript)."""
    if not named_in_text(os.path.abspath(path)):
        return NAME_NOT_TEXT
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    if other := why_not_read(path, head[:64]):  # a PDF saved as .txt
        return other
    suffix = path.suffix.lower()
    if suffix in ZIPPED_SUFFIXES or (is_doc_name(path) and head.startswith(_ZIP_MAGIC)):
        if not head.startswith(_ZIP_MAGIC):
            return f"it is not a {suffix} document"
        return EXPORT_FILE if suffix == ".docx" and is_word_export(path) else ""
    own = _own_kind(head) if suffix == ".json" else None
    if own is not None:
        return _OWN_REASONS.get(own, "it is an Interview Reader file, not a transcript")
    if suffix == ".json" and not _segments_in(path, head):
        return "it is JSON but not a Whisper transcript (it has no “segments”)"
    try:
        text, _, _ = decode(
            _whole_characters(head) if len(head) == SNIFF_BYTES else head, path.name
        )
    except DocumentError as exc:
        return _said_of(path, exc)
    if len(_CONTROL.findall(text)) > 8:
        return "it looks like a binary file, not a text interview"
    if is_markdown_export(text):
        return EXPORT_FILE
    if in_folder and suffix in _TABLES and not re.match(WHISPER_TABLE_HEAD, text.lstrip("\ufeff")):
        return TABLE_FILE
    if len(head) < SNIFF_BYTES and not text.strip():  # a byte order mark alone
        return "it is empty"
    if suffix in _TIMED and len(head) <= NOTHING_BYTES:  # opened now, not to say so later
        try:
            load_document(path)
        except EmptyTranscriptError as exc:
            return _said_of(path, exc)
        except DocumentError:  # said when opened, once put right (a timing mistyped)
            pass
    return ""


def _said_of(path: Path, error: DocumentError) -> str:
    """What `error` says of the file, as said after "P1.txt was skipped:" ("it is empty")."""
    return "it " + str(error).removeprefix(f"{path.name} ").rstrip(".")


def _whole_characters(head: bytes) -> bytes:
    """`head`, the first bytes of a longer file, without a character cut at its end (an
    "é" in UTF-8, an emoji's first half in UTF-16): decoded strictly after a byte order
    mark, it made a valid Arabic or Chinese transcript "not valid UTF-8-SIG text"."""
    encoding = bom_encoding(head) or (f"utf-16-{utf16_order(head)}" if b"\x00" in head else "utf-8")
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:  # not that encoding: decode says what it is
        return head
    return head[: len(head) - len(decoder.getstate()[0])]


def is_notes_file(path: Path) -> bool:
    """Whether `path` is an interview's notes file, as its first bytes say."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with open(path, "rb") as handle:
            return _own_kind(handle.read(_OWN_HEAD)) == b"notes"
    except OSError:
        return False


def _own_kind(head: bytes) -> bytes | None:
    """b"notes", b"study", ... for a file of ours (its "format"), None for another."""
    own = _OWN_FILE.search(head[:_OWN_HEAD])
    return own[1] if own else None


# OpenAI's transcription in its "json" response, its words alone: {"text": "…"}.
_WORDS_ALONE = re.compile(rb'(?:\xef\xbb\xbf)?\s*\{\s*"text"\s*:\s*"')


def _segments_in(path: Path, head: bytes) -> bool:
    """A Whisper transcript's JSON: a bare list of segments, an object with one of their
    lists, or OpenAI's words alone; read on in blocks, since a `text` of the whole may come
    first. Other JSON (a project's metadata, a tool's settings) would open as an error,
    not an interview."""
    from reader.core.transcripts.whisper import SEGMENT_LISTS

    # OpenAI's words alone with their times have a list of "words", no segments.
    keys = b"|".join(re.escape(key.encode()) for key in (*SEGMENT_LISTS, "words"))
    wanted = re.compile(rb'"(?:' + keys + rb')"\s*:\s*\[')
    if (encoding := bom_encoding(head)) not in ("", "utf-8-sig"):  # PowerShell's UTF-16
        try:
            head = path.read_bytes().decode(encoding).encode()
        except (OSError, UnicodeError):
            return True  # said when it is opened
        return head.lstrip().startswith(b"[") or wanted.search(head) is not None
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[") or _WORDS_ALONE.match(head):
        return True
    tail = b""
    try:
        with open(path, "rb") as handle:
            while block := handle.read(JSON_BLOCK):
                if wanted.search(tail + block):
                    return True
                tail = block[-40:]  # a key cut between two blocks
    except OSError:
        return True  # said when it is opened
    return False


def scan_folder(folder: Path, study_folder: Path | None = None) -> ScanReport:
    """The transcripts in `folder` and its subfolders, in natural order of their paths.

    Hidden files and folders are left out, and so are a study's own files (study.json,
    the memo, their set-aside and conflict copies, the notes folder): `study_folder`'s,
    and those of any older study found in `folder` (a folder with a study.json). Notes
    files elsewhere (beside their transcripts) and the app's exports (a summary saved
    into the folder) are left out too, and none of these is said to be skipped: they are
    the interviews' notes and the user's summaries, not transcripts that failed.
    """
    report = ScanReport(folder=folder)
    entries = 0
    candidates: list[Path] = []
    pending = [folder]
    while pending and not report.capped:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                children = sorted(listing, key=lambda e: natural_key(e.name))
        except OSError as exc:
            report.skipped.append((current, f"the folder cannot be read ({exc.strerror or exc})"))
            continue
        subfolders = []
        # A study's folder, this one or an older one: its files and notes are its own.
        study_here = current == study_folder or any(e.name == FILE_NAME for e in children)
        for entry in children:
            entries += 1
            if entries > MAX_ENTRIES:
                report.capped = True
                break
            # Hidden, and an office program's lock file beside a document it has open
            # ("~$P06 Fay.docx"), which read as P06 itself being damaged.
            if entry.name.startswith((".", "~$")):
                continue
            path = Path(entry.path)
            if is_typed_document_name(path) and not is_doc_name(path):  # Pages (a folder)
                report.skipped.append((path, why_not_read(path, b"")))
                continue
            try:
                if entry.is_dir():
                    if not (study_here and entry.name == NOTES_FOLDER):
                        subfolders.append(path)
                    continue
            except OSError:
                continue
            if not is_transcript_name(path, doc=True) or (study_here and is_study_file_name(path)):
                continue
            candidates.append(path)
        pending.extend(reversed(subfolders))  # depth first, in natural order
    candidates.sort(key=lambda p: natural_key(p.relative_to(folder).as_posix()))
    for path in candidates:
        if len(report.found) >= MAX_TRANSCRIPTS:
            report.capped = True
            break
        reason = sniff(path, in_folder=True)
        if reason in _QUIET:  # the interviews' notes, the user's summaries: no failures
            continue
        if reason:
            report.skipped.append((path, reason))
        else:
            report.found.append(path)
    return report


def picked_to_add(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Of the files and folders picked or dropped to add to a study: those to add, and what
    is said of the rest. A student drops each transcript with its recording, found beside
    it by itself; notes files and a study's memo picked with the transcripts are left out,
    quietly."""
    from reader.core.recording import set_apart

    paths, alone = set_apart(paths)
    paths = [p for p in paths if not is_notes_file(p) and not is_study_file(p)] or paths
    said = [
        f"{p.name} is a recording: add its transcript, and a recording beside it with "
        "its name is found by itself."
        for p in alone
    ]
    return paths, said


def is_study_file(path: Path) -> bool:
    """A study's own file (study.json, its memo, their copies) in a study's folder: picked
    with its transcripts (Add, a drop), it is no interview."""
    return is_study_file_name(path) and (path.parent / FILE_NAME).exists()


def is_study_file_name(path: Path) -> bool:
    """study.json, the memo and the copies made of them (set aside, sync conflicts), for
    a file in a study's root, by its name: for a folder known to be a study's, with or
    without its study.json. A copy keeps the file's extension ("study.corrupt-….json",
    "memo (conflicted copy).md"): "memo.txt" or "study (pilot).vtt" is a transcript."""
    for name in (FILE_NAME, MEMO_FILE):
        stem, suffix = name.rsplit(".", 1)
        if path.name == name or (
            path.name.startswith((f"{stem}.", f"{stem} (")) and path.suffix == f".{suffix}"
        ):
            return True
    return False
