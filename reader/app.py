"""Command line and start-up: `interview-reader [DOCUMENT | STUDY_FOLDER] [--notes FILE]`,
`... export` (of an interview or a whole study) and `... import`.

Qt is imported only on the GUI path, so `export` and `import` run without a display or PySide6.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reader import APP_NAME, __version__
from reader.cli_messages import fail, reason, say, tell
from reader.cli_output import add_output_option, files_read, given_path, write_output
from reader.cli_study import NOTES_OF_A_STUDY, study_listing, study_to_read, unfinished_change

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reader.core.code_use import CodingSets
    from reader.core.codebook import Codebook
    from reader.core.export import ExportOptions
    from reader.core.session import Session
    from reader.core.study import Study

EXPORT_COMMAND = "export"
IMPORT_COMMAND = "import"
CODEBOOK_FORMATS = ("codebook-md", "codebook-csv")  # the codebook alone, with its counts


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-reader",
        usage=f"%(prog)s [-h] [--version] [DOCUMENT | FOLDER] [--notes FILE]\n"
        f"       %(prog)s {EXPORT_COMMAND} [DOCUMENT | FOLDER] --format FORMAT [-o FILE] ...\n"
        f"       %(prog)s {IMPORT_COMMAND} FILE [DOCUMENT | FOLDER] [--notes FILE]",
        description=f"{APP_NAME}: read an interview and keep research notes on it.",
        epilog=f"'interview-reader {EXPORT_COMMAND} --help' describes the headless export, "
        f"'interview-reader {IMPORT_COMMAND} --help' the import of W3C Web Annotations "
        f"(of a REFI-QDA .qdpx or .qdc: '{IMPORT_COMMAND} FILE.qdpx DIR --help').",
    )
    parser.add_argument(
        "document",
        nargs="?",
        type=given_path,
        help="an interview (.txt, .md, .vtt, .srt, Whisper .json, .tsv, .csv or .lrc, .docx, "
        ".odt, .rtf) or a folder of them, opened as a study (default: what was open last, the "
        "bundled interview on a first start)",
    )
    parser.add_argument(
        "--notes",
        type=given_path,
        help="the JSON notes file (default: one per document in your data folder)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    from reader.core.export import FORMATS

    parser = argparse.ArgumentParser(
        prog=f"interview-reader {EXPORT_COMMAND}",
        description="Write the interview and its notes in another format, without a display.",
        epilog="REFI-QDA for NVivo, ATLAS.ti, MAXQDA and QualCoder: --format qdpx (a project) "
        f"or qdc (a codebook); 'interview-reader {EXPORT_COMMAND} --format qdpx --help' has its "
        "options.",
    )
    parser.add_argument(
        "document",
        nargs="?",
        type=given_path,
        help="an interview, or a study folder to export every interview of it "
        "(default: the bundled interview)",
    )
    parser.add_argument("--notes", type=given_path, help="the JSON notes file (an interview only)")
    parser.add_argument(
        "--format",
        required=True,
        choices=[*FORMATS, *CODEBOOK_FORMATS],
        help="json: the full model; md: research summary; html: printable summary; "
        "csv: one row per highlight; w3c: W3C Web Annotations (JSON-LD; an interview only); "
        "codebook-md, codebook-csv: the codebook, each code with its colour, description "
        "and how many passages and interviews it is in (of all: no filter applies)",
    )
    add_output_option(parser)
    parser.add_argument(
        "--color",
        action="append",
        default=[],
        metavar="ID",
        help="only highlights of this colour id (yellow, green, ...); may be repeated",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only highlights with this code: its name (every code of that name) or its "
        "path, 'Work / Stress' or 'Work/Stress' (that one code; '/Stress' for a top-level "
        "one); case is ignored; may be "
        "repeated (any of them matches); a name no code has is an error",
    )
    parser.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a study: only interviews whose attribute KEY (its key or label, or title, "
        "participant, date) is VALUE; may be repeated (the same KEY: any of the values)",
    )
    parser.add_argument(
        "--raw-cells",
        action="store_true",
        help="csv, codebook-csv: write cells starting with = + - @ as they are (by default "
        "they get a leading ' so that a spreadsheet does not run them as formulas)",
    )
    return parser


def _import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"interview-reader {IMPORT_COMMAND}",
        description="Add W3C Web Annotations (JSON-LD, e.g. from the w3c export) to the "
        "notes file of a document, anchored by their quotes. Annotations already present "
        "are not added twice. A REFI-QDA file is imported into a study instead: "
        "'import FILE.qdpx DIR' (a project) or 'import FILE.qdc DIR' (a codebook).",
    )
    parser.add_argument(
        "file",
        type=given_path,
        help="the annotations: a .jsonld or .json file (a .qdpx or .qdc: see above, and "
        f"'{IMPORT_COMMAND} FILE.qdpx DIR --help')",
    )
    parser.add_argument(
        "document",
        nargs="?",
        type=given_path,
        help="the interview they annotate (default: the bundled interview); for a .qdpx or "
        ".qdc, the study's folder",
    )
    parser.add_argument("--notes", type=given_path, help="the JSON notes file to add them to")
    return parser


def _open_session(
    document: Path | None, notes: Path | None, *, exporting: bool = False
) -> tuple[Session, Path] | str:
    """The session for the document (default: the bundled interview) and its notes file
    (default: the study's when a study lists the document, else the one `notes_location`
    finds), or the one-line reason it cannot open. `exporting`: a --notes file that is not
    there is a mistyped name (an import makes it)."""
    if exporting and notes is not None and not notes.exists():
        return f"the notes file {notes} does not exist."
    opened = _open_in_study(document) if notes is None else None
    opened = opened or _open_alone(document, notes)
    if not isinstance(opened, str) and opened[0].document.notice:
        say(opened[0].document.notice)  # "… it was read as Western European (Windows-1252) text."
    return opened


def _open_alone(document: Path | None, notes: Path | None) -> tuple[Session, Path] | str:
    """`_open_session` of a document no study lists, or with the notes given."""
    from reader.core.document import DocumentError, load_document
    from reader.core.notes_file import NotesFormatError
    from reader.core.notes_location import MISSING_NOTES, locate_notes, made_for_another
    from reader.core.session import Session
    from reader.core.store import load_notes
    from reader.resources import BUNDLED_INTERVIEW

    document_path = document or BUNDLED_INTERVIEW
    try:
        loaded = load_document(document_path)
    except DocumentError as exc:
        return str(exc)
    if notes is not None and (other := made_for_another(notes, document_path, loaded)):
        return (  # as the window asks: the wrong file given, an import rewrote it for this one
            f"{notes} holds the notes of {other}, which is still there; given for "
            f"{document_path.name}, their highlights would be moved onto other words."
        )
    if notes is None:
        location = locate_notes(document_path, loaded)
        notes = location.path
        if location.message:
            say(location.message)
        if location.missing is not None:
            say(f"{MISSING_NOTES.format(location.missing)} Reading {notes} instead.")
    try:
        notes_data = load_notes(notes)
    except (NotesFormatError, OSError) as exc:  # OSError: --notes names a folder, say
        return _unreadable_notes(notes, exc)
    for notice in notes_data.notices if notes_data else []:
        say(notice)
    return Session.open(loaded, notes_data), notes


def _open_in_study(document: Path | None) -> tuple[Session, Path] | str | None:
    """The document's session and notes file when a study lists it (its notes live in the
    study), the reason it cannot open, or None when no study lists it."""
    if document is None:
        return None
    from reader.core.document import DocumentError
    from reader.core.notes_file import NotesFormatError

    found = study_listing(document)
    if found is None:
        return None
    study, entry = found
    if words := unfinished_change(study):
        return words
    try:
        return study.open_session(entry), study.notes_path(entry)
    except DocumentError as exc:
        return str(exc)
    except (NotesFormatError, OSError) as exc:
        return _unreadable_notes(study.notes_path(entry), exc)


def _unreadable_notes(path: Path, exc: Exception) -> str:
    reason = exc.strerror or exc if isinstance(exc, OSError) else exc
    return f"cannot read the notes file {path}: {reason}."


def run_export(argv: list[str]) -> int:
    from dataclasses import replace

    from reader.core.export import FORMATS
    from reader.core.export.common import recording_link

    args = _export_parser().parse_args(argv)
    if args.format in CODEBOOK_FORMATS:
        return _export_codebook(args)
    if args.document is not None and args.document.is_dir():
        return _export_study(args)
    if args.where and (args.document is None or args.document.exists()):  # else: not there
        return fail("--where filters the interviews of a study; give a study folder.")
    opened = _open_session(args.document, args.notes, exporting=True)
    if isinstance(opened, str):
        return fail(opened)
    session, notes_path = opened
    options = _export_options(args, session.notes.colors, session.notes.codebook)
    if isinstance(options, str):
        return fail(options)
    options = replace(options, recording=recording_link(session, notes_path, args.output))
    output = FORMATS[args.format](session, options)
    reading = files_read(Path(session.document.source), notes_path)
    return write_output(output, args.output, reading, args.format)


def _export_options(
    args: argparse.Namespace, colors: Iterable[str], book: Codebook
) -> ExportOptions | str:
    """The options the arguments give, or why they cannot (a colour nobody has, a code
    name no code has)."""
    from reader.core.annotations import COLOR_IDS
    from reader.core.codebook import CodebookError
    from reader.core.export import ExportOptions

    known = dict.fromkeys([*COLOR_IDS, *colors])
    unknown = [c for c in args.color if c not in known]
    if unknown:
        return f"unknown colour {unknown[0]!r}; the colours are {', '.join(known)}."
    try:
        codes = book.ids_named(args.tag)
    except CodebookError as exc:
        return str(exc)
    return ExportOptions(colors=frozenset(args.color), codes=codes, raw_cells=args.raw_cells)


def _export_study(args: argparse.Namespace) -> int:
    """Every interview of the study folder; nothing is written into the folder (an
    unreadable study.json is read around, not set aside)."""
    from reader.core.export.study_export import STUDY_FORMATS, StudyExportOptions, export_study
    from reader.core.study import StudyError

    if args.format not in STUDY_FORMATS:
        return fail(f"a study exports as {', '.join(STUDY_FORMATS)}; not {args.format}.")
    study = study_to_read(args.document, args.notes)
    if isinstance(study, str):
        return fail(study)
    try:
        pairs = []
        for condition in args.where:
            key, sep, value = condition.partition("=")
            if not sep or not key.strip():
                return fail(f"--where takes KEY=VALUE, not {condition!r}.")
            pairs.append((key, value))
        filters = study.filters_from(pairs)
    except StudyError as exc:
        return fail(f"{reason(exc)}.")
    interview_options = _export_options(args, study.data.colors, study.codebook)
    if isinstance(interview_options, str):
        return fail(interview_options)
    options = StudyExportOptions(
        interview_options,
        {key: frozenset(values) for key, values in filters.items()},
        args.output,
    )
    output, left_out = export_study(study, args.format, options)
    for line in left_out:
        say(f"not exported: {line}")
    return write_output(output, args.output, study.files(), args.format)


def _export_codebook(args: argparse.Namespace) -> int:
    """A study folder's codebook, counted over its notes files, or one interview's."""
    from reader.core.code_use import CodingSets, code_uses
    from reader.core.export.codebook_export import export_codebook

    # Counted over all, whatever a filter asked: said, not a count of others given for it.
    filters = [name for name in ("color", "tag", "where") if getattr(args, name)]
    if filters:
        options = " and ".join(f"--{name}" for name in filters)
        return fail(
            f"a codebook export counts every passage of every interview; {options} cannot "
            f"filter it: leave {'them' if len(filters) > 1 else 'it'} out."
        )
    if args.document is not None and args.document.is_dir():
        study = study_to_read(args.document, args.notes)
        if isinstance(study, str):
            return fail(study)
        book, sets = _study_codes(study)
        title, reading = study.data.title, study.files()
    else:
        opened = _open_session(args.document, args.notes, exporting=True)
        if isinstance(opened, str):
            return fail(opened)
        session, notes_path = opened
        sets = CodingSets()
        sets.add(session.notes.highlights)
        book, title = session.notes.codebook, session.document.title
        reading = files_read(Path(session.document.source), notes_path)
    extension = args.format.removeprefix("codebook-")
    interviews = args.document is not None and args.document.is_dir()
    uses = code_uses(book, sets)
    output = export_codebook(extension, book, uses, title, interviews, args.raw_cells)
    return write_output(output, args.output, reading, args.format)


def _study_codes(study: Study) -> tuple[Codebook, CodingSets]:
    """The study's codebook with the codes its interviews' notes use that it lacks (as the
    .qdpx export carries them), and the coding sets of every interview whose notes can be
    read; each one that cannot is said (its passages are not counted)."""
    from reader.core.code_adoption import adopted_codebook
    from reader.core.code_use import CodingSets
    from reader.core.notes_file import NotesFormatError

    sets, read = CodingSets(), []
    for entry in study.interviews:
        try:
            notes = study.load_notes(entry)
        except (OSError, NotesFormatError) as exc:
            say(f"not counted: “{entry.title}”: its notes cannot be read ({reason(exc)})")
            continue
        if notes is not None:
            sets.add(notes.highlights)
            read.append((entry.title, notes))
    return adopted_codebook(study.codebook, read), sets


def run_import(argv: list[str]) -> int:
    from reader.core.importer import AnnotationImportError, import_w3c
    from reader.core.lock_files import lock_holder, notes_lock
    from reader.core.store import save_notes

    args = _import_parser().parse_args(argv)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        return fail(f"cannot read {args.file}: {reason(exc)}.")
    if args.notes is not None and not args.notes.parent.is_dir():  # as -o: a mistyped path
        return fail(
            f"the folder {args.notes.parent} does not exist; make it, or give another --notes."
        )
    opened = _open_session(args.document, args.notes)
    if isinstance(opened, str):
        return fail(opened)
    session, notes_path = opened
    holder = lock_holder(notes_lock(notes_path))
    if holder:  # its window would merge our write, but its own undo would not know it
        return fail(
            f"the notes of {session.document.title} are open in Interview Reader ({holder}); "
            "import there with File ▸ Import ▸ W3C Annotations…, or close it first."
        )
    try:
        result = import_w3c(session, data)
    except AnnotationImportError as exc:
        return fail(f"cannot import {args.file}: {reason(exc)}.")
    if args.document is None and result.added and result.orphaned == len(result.added):
        return fail(  # annotations of another interview: the bundled one is only the default
            f"none of the annotations in {args.file} is found in the bundled interview; "
            f"give the interview they annotate after the file ({IMPORT_COMMAND} FILE INTERVIEW)."
        )
    if result.added:
        result.add_to(session)
        try:
            save_notes(notes_path, session.notes)
        except OSError as exc:
            return fail(f"cannot write the notes file {notes_path}: {reason(exc)}.")
        if result.codes:
            _codes_to_study(args.document, notes_path, session)
    tell(result.message())
    return 0


def _codes_to_study(document: Path | None, notes_path: Path, session: Session) -> None:
    """The codes an import made of its annotations' tags, added to the codebook of the study
    that lists `document` with these notes, as the window's import adds them: they joined
    it only when the interview was next opened in the window, and meanwhile a codebook
    export, `--tag`, and the study's Codebook had none of them. A study open in a window
    is left to it (it adds them as it opens the interview); a failure is said."""
    from reader.core.code_adoption import adopt_codes
    from reader.core.lock_files import lock_holder, study_lock
    from reader.core.study import StudyError, open_study

    found = study_listing(document) if document is not None else None
    if found is None or found[0].notes_path(found[1]).resolve() != notes_path.resolve():
        return
    listed, entry = found
    if lock_holder(study_lock(listed.folder)):
        return
    try:
        study = open_study(listed.folder)
        if study.can_write() and adopt_codes(study.writable_codebook(), session.notes, entry.title):
            study.save()
    except (OSError, StudyError) as exc:
        say(f"the new codes are not in the study's codebook yet: {reason(exc)}.")


def _transcript_to_import(argv: list[str]) -> str:
    """What to do with a transcript given to `import` (which reads annotations and REFI-QDA
    projects): a .docx was read as a project "that holds no project file", a .vtt as
    "not valid JSON". "" for a file of another kind."""
    from reader.core.document import is_transcript_file

    given = next((arg for arg in argv if not arg.startswith("-")), "")
    if not given or not is_transcript_file(Path(given)):
        return ""
    return (
        f"{given} is a transcript, not annotations or a REFI-QDA project to import: open it "
        f"with 'interview-reader {given}', or put it in a study's folder (or add it with "
        "the Library's Add) to make it one of the study's interviews."
    )


def _refi_command(argv: list[str]) -> int | None:
    """`export ... --format qdpx|qdc` and `import FILE.qdpx|.qdc DIR`: REFI-QDA
    (reader.refi_cli)."""
    from reader import refi_cli

    if argv[:1] == [EXPORT_COMMAND] and (refi_format := refi_cli.refi_format(argv[1:])):
        exported = refi_cli.refi_export(argv[1:], partial(_open_session, exporting=True))
        if isinstance(exported, int):
            return exported
        output, path, sending, reading = exported
        status = write_output(output, path, reading, refi_format)
        # Recorded once written: a file that could not be, sent nothing.
        if status == 0 and (not_recorded := sending.record()):
            say(not_recorded)
        return status
    if argv[:1] == [IMPORT_COMMAND] and refi_cli.is_refi_import(argv[1:]):
        return refi_cli.run_refi_import(argv[1:])
    return None


def has_display() -> bool:
    """False on a Linux console with no X or Wayland server, where Qt would abort."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [IMPORT_COMMAND] and (transcript := _transcript_to_import(argv[1:])):
        return fail(transcript)
    try:  # Ctrl+C: one line, not a traceback (an import leaves no half-made study)
        refi = _refi_command(argv)
        if refi is not None:
            return refi
        if argv[:1] == [EXPORT_COMMAND]:
            return run_export(argv[1:])
        if argv[:1] == [IMPORT_COMMAND]:
            return run_import(argv[1:])
    except KeyboardInterrupt:
        return fail("interrupted.") + 129  # 130, as a shell's for a command Ctrl+C ended
    finally:
        study_listing.cache_clear()  # a command's: the next (in one process) looks again
    args = _gui_parser().parse_args(argv)
    if args.notes is not None and args.document is not None and args.document.is_dir():
        return fail(NOTES_OF_A_STUDY)  # the study opened, and --notes was never read
    if not has_display():
        return fail(
            "no display to show the window on; run it on a desktop, or headless "
            "with 'xvfb-run make run'."
        )
    # Start-up makes tens of thousands of objects that live as long as the window, and the
    # garbage collector would walk them again and again (~8 ms before the first paint, #17):
    # it is paused until the window has painted (run_gui then collects on the GUI thread).
    gc.disable()
    from reader.ui.window.startup import run_gui

    # Absolute: the window remembers files by path (Open Recent, each interview's place),
    # and a path relative to where this start ran means another file from elsewhere.
    notes = args.notes.absolute() if args.notes is not None else None
    return run_gui(args.document, notes)
