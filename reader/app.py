"""Command line and start-up: `interview-reader [DOCUMENT] [--notes FILE]` and `... export`.

Qt is imported only on the GUI path, so `export` runs without a display or PySide6.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader import APP_NAME, __version__

EXPORT_COMMAND = "export"


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-reader",
        description=f"{APP_NAME}: read an interview and keep research notes on it.",
        epilog=f"'interview-reader {EXPORT_COMMAND} --help' describes the headless export.",
    )
    parser.add_argument(
        "document", nargs="?", type=Path, help="a .txt or .md interview (default: the bundled one)"
    )
    parser.add_argument(
        "--notes",
        type=Path,
        help="the JSON notes file (default: one per document in your data folder)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    from reader.core.export import FORMATS

    parser = argparse.ArgumentParser(
        prog=f"interview-reader {EXPORT_COMMAND}",
        description="Write the interview and its notes in another format, without a display.",
    )
    parser.add_argument("document", nargs="?", type=Path, help="default: the bundled interview")
    parser.add_argument("--notes", type=Path, help="the JSON notes file")
    parser.add_argument("--format", required=True, choices=sorted(FORMATS))
    parser.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    return parser


def resolve_paths(document: Path | None, notes: Path | None) -> tuple[Path, Path]:
    """The document to open and its notes file, with the defaults filled in."""
    from reader.core.store import default_notes_path
    from reader.resources import BUNDLED_INTERVIEW

    document = document or BUNDLED_INTERVIEW
    return document, notes or default_notes_path(document)


def run_export(argv: list[str]) -> int:
    from reader.core.document import DocumentError, load_document
    from reader.core.export import FORMATS
    from reader.core.notes_file import NotesFormatError
    from reader.core.session import Session
    from reader.core.store import atomic_write, load_notes

    args = _export_parser().parse_args(argv)
    document_path, notes_path = resolve_paths(args.document, args.notes)
    try:
        document = load_document(document_path)
        notes = load_notes(notes_path)
    except DocumentError as exc:
        return _fail(str(exc))
    except NotesFormatError as exc:
        return _fail(f"cannot read the notes file {notes_path}: {exc}.")
    except OSError as exc:  # e.g. --notes names a folder or an unreadable file
        return _fail(f"cannot read the notes file {notes_path}: {exc.strerror or exc}.")
    output = FORMATS[args.format](Session.open(document, notes))
    if args.output is None:
        sys.stdout.buffer.write(output)
        sys.stdout.flush()
        return 0
    try:
        atomic_write(args.output, output)
    except OSError as exc:
        return _fail(f"cannot write {args.output}: {exc.strerror or exc}.")
    return 0


def _fail(message: str) -> int:
    print(f"interview-reader: {message}", file=sys.stderr)
    return 1


def has_display() -> bool:
    """False on a Linux console with no X or Wayland server, where Qt would abort."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [EXPORT_COMMAND]:
        return run_export(argv[1:])
    args = _gui_parser().parse_args(argv)
    if not has_display():
        return _fail(
            "no display to show the window on; run it on a desktop, or headless "
            "with 'xvfb-run make run'."
        )
    from reader.ui.main_window import run_gui

    document_path, notes_path = resolve_paths(args.document, args.notes)
    return run_gui(document_path, notes_path)
