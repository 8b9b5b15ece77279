"""Which notes file belongs to a document: the policy the window and the CLI both ask.

In order: the file chosen for it with Save Notes As… (kept in a small registry in the data
folder), the default file named after its path, and, when neither exists, the notes of the
same text found elsewhere: an interview that was moved or renamed keeps its notes.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

import orjson

from reader.core import json_bytes
from reader.core.document import Document
from reader.core.store import atomic_write, data_dir, default_notes_path

REGISTRY_NAME = "notes-files.json"
HEAD_BYTES = 4096  # the `document` object comes before the long parts of a notes file
_SHA = re.compile(rb'"sha256":\s*"([0-9a-f]{64})"')
_SOURCE = re.compile(rb'"source":\s*("(?:[^"\\]|\\.)*")')
_TITLE = re.compile(rb'"title":\s*("(?:[^"\\]|\\.)*")')


MISSING_NOTES = (
    "This interview's notes were saved to {}, which cannot be found now (a drive not "
    "connected, or its folder renamed or moved?)."
)


@dataclass(frozen=True)
class NotesLocation:
    """Where a document's notes file is, and what to tell the user of it."""

    path: Path
    message: str = ""  # said to the user when the notes were found somewhere unexpected
    # The notes file chosen for it (Save Notes As…, --notes) in a folder not there now:
    # a drive not connected, a share offline. `path` is then the data folder's.
    missing: Path | None = None


@dataclass(frozen=True)
class NotesCandidate:
    """Notes of an interview that is gone from where it was, perhaps this one edited."""

    path: Path
    title: str
    source: str
    quotes_found: int
    quotes: int

    def describe(self) -> str:
        return (
            f"the notes of “{self.title}” (from {self.source}); {self.quotes_found} of "
            f"{self.quotes} quotes are found in this text"
        )


def registry_path() -> Path:
    return data_dir() / REGISTRY_NAME


def _key(document_path: Path) -> str:
    return str(Path(document_path).resolve())


def _registry() -> dict[str, str]:
    try:
        data = orjson.loads(registry_path().read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def remember_notes_path(document_path: Path, notes_path: Path) -> None:
    """From now on `document_path`'s notes are at `notes_path` (Save Notes As…, a move)."""
    registry = _registry()
    registry[_key(document_path)] = str(Path(notes_path).resolve())
    atomic_write(registry_path(), orjson.dumps(registry, option=orjson.OPT_INDENT_2))


def locate_notes(document_path: Path, document: Document) -> NotesLocation:
    """The notes file of `document` (loaded from `document_path`)."""
    chosen = _registry().get(_key(document_path))
    if chosen and Path(chosen).exists():
        return NotesLocation(Path(chosen))
    default = default_notes_path(document_path)
    if chosen and not Path(chosen).parent.is_dir():  # never the older notes, unsaid
        return NotesLocation(default, missing=Path(chosen))
    if default.exists():
        return NotesLocation(default)
    for path, head in _known_notes_files():
        match = _SHA.search(head)
        if match and match.group(1).decode() == document.sha256:
            source = _string(_SOURCE, head)
            if source and Path(source).exists() and Path(source) != Path(document_path):
                continue  # a copy of the same text, still where it was: its notes are its own
            with contextlib.suppress(OSError):  # a data folder read-only: found all the same
                remember_notes_path(document_path, path)
            return NotesLocation(
                path, f"Found this interview's notes, kept when it was at {source or path}."
            )
    return NotesLocation(Path(chosen) if chosen else default)


def made_for_another(notes_path: Path, document_path: Path, document: Document) -> Path | None:
    """The transcript the notes at `notes_path` were made for, when it is another file,
    still there, with another text: its notes, not this one's. Opened for this one, its
    highlights were moved onto look-alike words and its research notes taken over."""
    try:
        with notes_path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None
    source, sha = _string(_SOURCE, head), _SHA.search(head)
    if not source or (sha is not None and sha.group(1).decode() == document.sha256):
        return None
    other = Path(source)
    try:
        elsewhere = other.is_file() and not other.samefile(document_path)
    except OSError:
        return None
    return other if elsewhere else None


def candidates(document_path: Path, document: Document) -> list[NotesCandidate]:
    """Notes of interviews no longer where they were, with this one's title or file name,
    best first: an interview moved and edited. Offered, never taken without asking."""
    found: list[NotesCandidate] = []
    for path, head in _known_notes_files():
        source = _string(_SOURCE, head)
        title = _string(_TITLE, head)
        if not source or Path(source).exists():
            continue
        if title != document.title and Path(source).name != Path(document_path).name:
            continue
        try:
            highlights = json_bytes.loads(path.read_bytes()).get("highlights", [])
        except (OSError, orjson.JSONDecodeError, AttributeError):
            continue
        quotes = [h.get("exact", "") for h in highlights if isinstance(h, dict)]
        hits = sum(1 for q in quotes if q and q in document.text)
        found.append(NotesCandidate(path, title, source, hits, len(quotes)))
    return sorted(found, key=lambda c: (-c.quotes_found, c.path.name))


def _known_notes_files() -> list[tuple[Path, bytes]]:
    """(path, first bytes) of every notes file in the data folder and the registry."""
    folder = default_notes_path("x").parent
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    paths += [Path(p) for p in _registry().values()]
    heads = []
    for path in dict.fromkeys(paths):
        try:
            with path.open("rb") as handle:
                heads.append((path, handle.read(HEAD_BYTES)))
        except OSError:
            continue
    return heads


def _string(pattern: re.Pattern[bytes], head: bytes) -> str:
    match = pattern.search(head)
    if not match:
        return ""
    try:
        value = orjson.loads(match.group(1))
    except orjson.JSONDecodeError:
        return ""
    return value if isinstance(value, str) else ""
