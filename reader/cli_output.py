"""Where the command line's exports go: the file -o names (never one the export read, nor
one the window's Export never replaces, nor in a folder that is not there), or standard
output, without -o or with `-o -`; a binary file (Word, REFI-QDA project) goes there only
when it is redirected."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli_messages import fail, reason, say
from reader.cli_study import study_listing

if TYPE_CHECKING:
    from reader.core.store import Writer

BINARY_FORMATS = frozenset({"docx", "qdpx"})  # zips: on a terminal, a screen of garbage


def add_output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=_output_path,
        metavar="FILE",
        help="output file; '-' or none: standard output (a .docx or .qdpx only when it is "
        "redirected, '> FILE')",
    )


def _output_path(value: str) -> Path | None:
    return None if value == "-" else given_path(value)


def given_path(value: str) -> Path:
    """A path given as an argument; an empty one (a shell variable not set, `import
    x.qdpx "$DIR"`) is refused: as Path("") it was the current folder, which was imported
    into, made a study of, or exported as one."""
    if not value:
        raise argparse.ArgumentTypeError("an empty path (is a shell variable not set?)")
    return Path(value)


def write_output(
    output: bytes | Writer, path: Path | None, reading: Iterable[Path] = (), format_name: str = ""
) -> int:
    """`output` (its bytes, or what writes them: a .qdpx streams its recordings in) to the
    file (atomically), never over one of the files the export read
    (`reading`: a mistyped -o naming the notes file replaced them with the export), nor
    over one the window's Export never replaces (core kept_files: a recording, another
    study's files), nor into a folder not there (a mistyped path made it); or, without
    one, to standard output, unless it is a terminal and the format binary."""
    from reader.core.kept_files import why_kept
    from reader.core.store import atomic_write_with

    write = output if callable(output) else lambda file: file.write(output)
    if format_name == "csv" and isinstance(output, bytes):
        from reader.core.export.csv_export import excel_caution

        if caution := excel_caution(output):
            say(f"{caution}.")
    if path is None:
        return _to_standard_output(output, format_name)
    if any(_same_file(path, source) for source in reading):
        return fail(f"{path} is a file this export reads; give another output file.")
    if (why := why_kept(path)) and not _earlier_export(path, output, format_name):
        return fail(f"{path} is not replaced: {why}; give another output file.")
    if not path.parent.is_dir():
        return fail(f"the folder {path.parent} does not exist; make it, or give another -o.")
    try:
        atomic_write_with(path, write, parents=False)
    except OSError as exc:
        return fail(f"cannot write {path}: {reason(exc)}.")
    return 0


def _earlier_export(path: Path, output: bytes | Writer, format_name: str) -> bool:
    """Whether `path` is an earlier --format json export of the interview `output` is one
    of (the same document): a notes file, as the export is, that running the command again
    replaces; another interview's notes are kept."""
    from reader.core import json_bytes
    from reader.core.store import data_dir

    if not isinstance(output, bytes) or format_name != "json":
        return False
    if path.resolve().is_relative_to(data_dir().resolve()):
        return False  # the data folder's notes are the interview's own, never an export
    try:
        old, new = json_bytes.loads(path.read_bytes()), json_bytes.loads(output)
    except (OSError, ValueError):
        return False
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    document = new.get("document")
    return isinstance(document, dict) and bool(document) and old.get("document") == document


def files_read(document: Path, notes_path: Path) -> list[Path]:
    """What exporting `document` with its notes reads, which -o must never write over:
    the transcript, the notes, and for an interview of a study every file of the study
    (study.json, the memo, the other transcripts: an -o naming one replaced it)."""
    found = study_listing(document)
    return [document, notes_path, *(found[0].files() if found is not None else ())]


def _to_standard_output(output: bytes | Writer, format_name: str) -> int:
    if format_name in BINARY_FORMATS and sys.stdout.isatty():
        return fail(
            f"a .{format_name} file is not text to show here; give -o FILE, or redirect "
            f"the output (> out.{format_name})."
        )
    try:
        if isinstance(output, bytes):
            _write_whole(output)
        else:
            _write_spooled(output)
        sys.stdout.flush()
    except BrokenPipeError:  # `| head` read what it wanted: no traceback, no more output
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1  # as Python itself exits on a broken pipe: the output was cut short
    except OSError as exc:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return fail(f"cannot write the export to standard output: {reason(exc)}.")
    return 0


def _write_spooled(write: Writer) -> None:
    """What `write` writes, to standard output through a temporary file: a zip written
    into a pipe is other bytes (each member's sizes after it), and a .qdpx's recordings
    are never held in memory whole."""
    from reader.core.deterministic_zip import CHUNK_BYTES

    with tempfile.TemporaryFile() as spool:
        write(spool)
        spool.seek(0)
        while chunk := spool.read(CHUNK_BYTES):
            _write_whole(chunk)


def _write_whole(data: bytes) -> None:
    """Written whole, or said: a write on a disk that fills returns short, and the file
    was cut off, the command a success; the next write says why."""
    view = memoryview(data)
    while view:
        view = view[sys.stdout.buffer.write(view) :]


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:  # either is not there (yet)
        return False
