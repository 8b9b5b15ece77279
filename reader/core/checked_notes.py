"""The notes files known to pass validation, by the hash of their bytes, in the data folder.

Checking a notes file against its schema takes 30-50 ms for 10,000 highlights, and the file
opened is nearly always the one this app last wrote, or read and checked before: the same
bytes pass again. The list says only that: an entry is a file's path and the hash of its
bytes that passed (store.content_hash), all under the checks of one build, so a list made
by other checks (another build, a changed schema) is empty; one missing or unreadable is
empty too, and a write may fail without consequence. A forged entry lets through no more
than what reading can make notes of: what it cannot is validated, and refused
(notes_file.parse_migrating).
"""

from __future__ import annotations

import contextlib
import os
from functools import cache
from pathlib import Path

import orjson

from reader import __version__
from reader.core import notes_file
from reader.core.hashing import sha256_hex
from reader.core.notes_file import NotesData, parse
from reader.core.store import content_hash, data_dir, write_cache_file

KEEP = 256  # the notes files most recently checked or written
MIN_BYTES = 256 * 1024  # smaller files are checked in a few ms: not listed, nor is the list read


def list_path() -> Path:
    return data_dir() / "checked-notes.json"


@cache
def checks_version() -> str:
    """Changes whenever the checks' code (or the app's version) does."""
    source = b""
    here = Path(notes_file.__file__).parent  # the generated validator is not imported for this
    for name in ("notes_file.py", "notes_validator.py"):
        with contextlib.suppress(OSError):
            source += (here / name).read_bytes()
    return sha256_hex(__version__.encode() + source)


def _files() -> dict[str, str]:
    """Notes file -> the hash of its bytes that passed, least recent first; empty when the
    list is missing, unreadable or made by other checks."""
    try:
        data = orjson.loads(list_path().read_bytes())
        files = data["files"] if data["checks"] == checks_version() else {}
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return {}
    return {k: v for k, v in files.items() if type(v) is str} if type(files) is dict else {}


def _key(path: Path) -> str:
    return os.path.abspath(path)


def passed(path: Path, content_hash: str) -> bool:
    """Whether the file at `path` passed the notes file's checks with these very bytes."""
    return _files().get(_key(path)) == content_hash


def remember(path: Path, content_hash: str) -> None:
    """The file at `path` passes with the bytes of this hash (read and checked, or written
    by this app). A file keeps one entry, its latest: each save is a new hash."""
    files = _files()
    files.pop(_key(path), None)
    files[_key(path)] = content_hash
    kept = dict(list(files.items())[-KEEP:])
    data = orjson.dumps({"checks": checks_version(), "files": kept})
    with contextlib.suppress(OSError):
        write_cache_file(list_path(), data)


def parse_checked(on_disk: bytes, path: Path) -> NotesData:
    """notes_file.parse of the bytes of the notes file at `path`, not checked again when
    they passed before; listed when they pass now."""
    if len(on_disk) < MIN_BYTES:
        return parse(on_disk)
    digest = content_hash(on_disk)
    known = passed(path, digest)
    notes = parse(on_disk, passed=known)
    if not known:
        remember(path, digest)
    return notes


def written(path: Path, data: bytes, digest: str) -> None:
    """This app wrote `data` (of hash `digest`) from its notes to the file at `path`."""
    if len(data) >= MIN_BYTES:
        remember(path, digest)
