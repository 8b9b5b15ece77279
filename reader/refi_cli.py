"""The REFI-QDA commands: `export PATH --format qdpx|qdc -o FILE` and
`import-qdpx FILE.qdpx DIR`. PATH is a study folder or one interview (then its notes file
is found as for the other exports, or given with --notes). No Qt is imported."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli_messages import fail, say

if TYPE_CHECKING:
    from reader.core.session import Session

OpenSession = Callable[[Path | None, Path | None], "tuple[Session, Any] | str"]

REFI_FORMATS = ("qdpx", "qdc")
IMPORT_QDPX_COMMAND = "import-qdpx"


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
    parser.add_argument("path", type=Path, help="a study folder, or an interview file")
    parser.add_argument("--notes", type=Path, help="an interview's notes file")
    parser.add_argument("--format", required=True, choices=REFI_FORMATS)
    parser.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    parser.add_argument(
        "--crlf",
        action="store_true",
        help="qdpx: CRLF line ends, positions counted with them (for MAXQDA)",
    )
    return parser


def refi_export(argv: list[str], open_session: OpenSession) -> tuple[bytes, Path | None] | int:
    """(the export, the output file or None for standard output), or the exit status of a
    failure already reported. `open_session(document, notes)` opens one interview as the
    other exports do (the session and its notes path, or the reason it cannot)."""
    from reader.core.refi.codebook_xml import RefiError, export_qdc
    from reader.core.refi.qdpx_export import export_session_qdpx, export_study_qdpx
    from reader.core.study import StudyError, open_study

    args = _export_parser().parse_args(argv)
    try:
        if args.path.is_dir():
            study = open_study(args.path, touch_disk=False)
            for warning in study.warnings:
                say(warning)
            if args.format == "qdc":
                output = export_qdc(study.codebook)
            else:
                output, left_out = export_study_qdpx(study, crlf=args.crlf)
                for line in left_out:
                    say(f"not exported: {line}")
        else:
            opened = open_session(args.path, args.notes)
            if isinstance(opened, str):
                return fail(opened)
            session = opened[0]
            if args.format == "qdc":
                output = export_qdc(session.notes.codebook)
            else:
                output = export_session_qdpx(session, crlf=args.crlf)
    except (RefiError, StudyError) as exc:
        return fail(f"cannot export {args.path}: {exc}.")
    return output, args.output


def run_import_qdpx(argv: list[str]) -> int:
    from reader.core.refi.codebook_xml import RefiError
    from reader.core.refi.qdpx_import import import_qdpx

    parser = argparse.ArgumentParser(
        prog=f"interview-reader {IMPORT_QDPX_COMMAND}",
        description="Read a REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder) "
        "into a new study: its text sources become transcripts in DIR, with their codes, "
        "codings, notes, participants and attributes. What cannot be imported is listed.",
    )
    parser.add_argument("file", type=Path, help="the .qdpx file")
    parser.add_argument("folder", type=Path, help="the new study's folder (new or empty)")
    args = parser.parse_args(argv)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        return fail(f"cannot read {args.file}: {exc.strerror or exc}.")
    try:
        report = import_qdpx(data, args.folder)
    except RefiError as exc:
        return fail(f"cannot import {args.file}: {exc}.")
    except OSError as exc:
        return fail(f"cannot write the study in {args.folder}: {exc.strerror or exc}.")
    print(report.message())
    return 0
