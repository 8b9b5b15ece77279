"""The REFI-QDA commands: `export PATH --format qdpx|qdc -o FILE`, and `import FILE.qdpx
DIR` or `import FILE.qdc DIR` (`import` of any other file is the W3C import, app.py).
PATH is a study folder or one interview (then its notes file is found as for the other
exports, or given with --notes). No Qt is imported."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli_messages import fail, reason, say, tell
from reader.cli_output import add_output_option, files_read, given_path
from reader.cli_study import study_listing, study_to_read

if TYPE_CHECKING:
    from reader.core.refi.sent import Sending
    from reader.core.session import Session
    from reader.core.store import Writer
    from reader.core.study import Study

OpenSession = Callable[[Path | None, Path | None], "tuple[Session, Path] | str"]

REFI_FORMATS = ("qdpx", "qdc")
_ZIP_MAGIC = b"PK\x03\x04"


def refi_format(argv: list[str]) -> str | None:
    """The REFI format `export` was asked for, None for the other formats."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--format" and i + 1 < len(argv) else None
        value = arg.split("=", 1)[1] if arg.startswith("--format=") else value
        if value in REFI_FORMATS:
            return value
    return None


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-reader export",
        description="Write a study (a folder) or one interview as a REFI-QDA project "
        "(.qdpx) for NVivo, ATLAS.ti, MAXQDA and QualCoder, or its codebook (.qdc).",
    )
    parser.add_argument("path", type=given_path, help="a study folder, or an interview file")
    parser.add_argument("--notes", type=given_path, help="an interview's notes file")
    parser.add_argument("--format", required=True, choices=REFI_FORMATS)
    add_output_option(parser)
    parser.add_argument(
        "--crlf",
        action="store_true",
        help="qdpx: CRLF line ends, positions counted with them (for MAXQDA)",
    )
    return parser


def refi_export(
    argv: list[str], open_session: OpenSession
) -> tuple[bytes | Writer, Path | None, Sending, list[Path]] | int:
    """(the export: a codebook's bytes, or what writes a project, its recordings streamed
    in; the output file or None for standard output, what it sends: to record
    once it is written, the files it read: never to be written over), or the exit status
    of a failure already reported.
    `open_session(document, notes)` opens one interview as the other exports do (the
    session and its notes path, or the reason it cannot)."""
    from reader.core.code_adoption import adopted_codebook
    from reader.core.refi.codebook_xml import RefiError, export_qdc
    from reader.core.refi.qdpx_export import export_session_qdpx, export_study_qdpx
    from reader.core.refi.sent import Sending
    from reader.core.study import StudyError

    args = _export_parser().parse_args(argv)
    sending = Sending()  # a codebook sends no interview
    output: bytes | Writer
    try:
        if args.path.is_dir():
            study = study_to_read(args.path, args.notes)
            if isinstance(study, str):
                return fail(study)
            if args.format == "qdc":  # with the codes only its notes have, as a .qdpx's
                read = ((entry.title, notes) for entry, notes in study.notes_files())
                output = export_qdc(adopted_codebook(study.codebook, read))
            else:
                project, left_out, sending = export_study_qdpx(study, crlf=args.crlf)
                output = project.write
                for line in left_out:
                    say(f"not exported: {line}")
            reading = study.files()
        else:
            opened = open_session(args.path, args.notes)
            if isinstance(opened, str):
                return fail(opened)
            session, notes_path = opened
            if args.format == "qdc":
                output = export_qdc(session.notes.codebook)
            else:
                in_study = _in_study(args.path, notes_path) if args.notes is None else None
                project, left_out, sending = export_session_qdpx(
                    session, crlf=args.crlf, notes_path=notes_path, sent_as=in_study
                )
                output = project.write
                for line in left_out:
                    say(f"not exported: {line}")
            reading = files_read(args.path, notes_path)
    except (RefiError, StudyError) as exc:
        return fail(f"cannot export {args.path}: {reason(exc)}.")
    return output, args.output, sending, reading


def _in_study(document: Path, notes_path: Path) -> tuple[Study, str] | None:
    """The study whose interview `document` is, with these notes, and its id there; None
    for an interview of no study."""
    found = study_listing(document)
    if found is None or found[0].notes_path(found[1]) != notes_path:
        return None
    return found[0], found[1].id


def is_refi_import(argv: list[str]) -> bool:
    """`import`'s file is a REFI-QDA project or codebook."""
    given = next((a for a in argv if not a.startswith("-")), None)
    return given is not None and refi_kind(Path(given)) is not None


def refi_kind(path: Path) -> str | None:
    """ "qdpx" (a project), "qdc" (a codebook) or None: by the file's name, else its first
    bytes (a zip, or the codebook's namespace)."""
    suffix = path.suffix.lower()
    if suffix in (".qdpx", ".qdc"):
        return suffix[1:]
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return None
    if head.startswith(_ZIP_MAGIC):
        return "qdpx"
    return "qdc" if b"urn:QDA-XML:codebook" in head else None


def _import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-reader import",
        description="Read a REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder) "
        "into a study: its text sources, and its audio and video sources with transcripts, "
        "become interviews in DIR, with their codes, codings, notes, participants, "
        "attributes and recordings. DIR becomes a new study when it does not exist or is "
        "empty; a study there gains the interviews and codes; a folder of other files is "
        "refused. A codebook (.qdc) adds its codes to the study's codebook. What cannot be "
        "imported is listed.",
    )
    parser.add_argument("file", type=given_path, help="the .qdpx or .qdc file")
    parser.add_argument(
        "folder", type=given_path, help="the study's folder (new, empty or a study)"
    )
    return parser


def run_refi_import(argv: list[str]) -> int:
    from reader.core.lock_files import lock_holder, study_lock
    from reader.core.refi.codebook_xml import RefiError
    from reader.core.study import StudyError

    args = _import_parser().parse_args(argv)
    kind = refi_kind(args.file)
    try:
        with args.file.open("rb") as file:
            # A project is read from its file as it is needed: it may hold gigabytes of video.
            data = b"" if kind == "qdpx" else file.read()
    except OSError as exc:
        return fail(f"cannot read {args.file}: {reason(exc)}.")
    holder = lock_holder(study_lock(args.folder)) if args.folder.is_dir() else ""
    if holder:
        return fail(
            f"the study in {args.folder} is open in Interview Reader ({holder}); import "
            "there with File ▸ Import, or close it first."
        )
    try:
        if kind == "qdpx":
            message = _import_project(args.file, args.folder)
        else:
            message = _import_codebook(data, args.folder)
    except (RefiError, StudyError) as exc:
        return fail(f"cannot import {args.file}: {reason(exc)}.")
    except OSError as exc:
        return fail(f"cannot write the study in {args.folder}: {reason(exc)}.")
    tell(message)
    return 0


def _import_project(file: Path, folder: Path) -> str:
    from reader.core.refi.qdpx_import import import_qdpx

    return import_qdpx(file, folder).message()


def _import_codebook(data: bytes, folder: Path) -> str:
    """The .qdc's codes added to the study's codebook (a study made when there is none)."""
    from reader.core.codebook import add_codebook
    from reader.core.refi.codebook_xml import RefiError, import_qdc
    from reader.core.refi.left_out import grouped_lines
    from reader.core.refi.qdpx_import import folder_refusal
    from reader.core.refi.qdpx_merge import join_memos
    from reader.core.study import open_study
    from reader.core.wording import counted

    read = import_qdc(data)
    refusal = folder_refusal(folder)
    if refusal:
        raise RefiError(refusal)
    folder.mkdir(parents=True, exist_ok=True)
    study = open_study(folder)
    book = study.writable_codebook()
    added = join_memos(book, read.book, add_codebook(book, read.book))
    study.save()
    lines = [f"Added {counted(len(added.added), 'code')} to the codebook of {study.folder}."]
    lines += added.lines()
    lines += [f"  not imported: {line}" for line in grouped_lines(read.not_imported)]
    return "\n".join(lines)
