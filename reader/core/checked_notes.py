"""The notes files known to pass validation, by the hash of their bytes, in the data folder.

Checking a notes file against its schema takes 30-50 ms for 10,000 highlights, and the file
opened is nearly always the one this app last wrote, or read and checked before: the same
bytes pass again. The list says only that: an entry is a file's hash (store.content_hash)
under the checks it passed, so a list made by other checks (another build, a changed
schema) is empty; one missing or unreadable is empty too, and a write may fail without
consequence. A forged entry lets through no more than what reading can make notes of: what
it cannot is validated, and refused (notes_file.parse_migrating).
"""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path

import orjson

from reader import __version__
from reader.core import notes_file
from reader.core.hashing import sha256_hex
from reader.core.notes_file import NotesData, parse
from reader.core.store import content_hash, data_dir, write_cache_file

KEEP = 256  # the most recently checked files
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


def _hashes() -> list[str]:
    """The list's hashes, oldest first; empty when it is missing, unreadable or not ours."""
    try:
        data = orjson.loads(list_path().read_bytes())
        hashes = data["hashes"] if data["checks"] == checks_version() else []
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return []
    return [h for h in hashes if type(h) is str] if type(hashes) is list else []


def passed(content_hash: str) -> bool:
    """Whether the bytes of this hash passed the notes file's checks before."""
    return content_hash in _hashes()


def remember(content_hash: str) -> None:
    """The bytes of this hash pass (read and checked, or written by this app)."""
    hashes = [h for h in _hashes() if h != content_hash][-(KEEP - 1) :]
    data = orjson.dumps({"checks": checks_version(), "hashes": [*hashes, content_hash]})
    with contextlib.suppress(OSError):
        write_cache_file(list_path(), data)


def parse_checked(on_disk: bytes) -> NotesData:
    """notes_file.parse of a notes file's bytes, not checked again when they passed before;
    listed when they pass now."""
    if len(on_disk) < MIN_BYTES:
        return parse(on_disk)
    digest = content_hash(on_disk)
    known = passed(digest)
    notes = parse(on_disk, passed=known)
    if not known:
        remember(digest)
    return notes


def written(data: bytes, digest: str) -> None:
    """This app wrote `data` (of hash `digest`) from its notes: they pass."""
    if len(data) >= MIN_BYTES:
        remember(digest)
