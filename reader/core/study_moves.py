"""Transcripts that come back under another name: a file come into the study folder while
an interview's transcript is missing is that transcript, moved or renamed, when its text
is the text the interview's notes were made on (the notes' document.sha256). Offered as
such, it takes the interview's highlights and notes with it, where adding it would make an
empty twin beside the missing interview."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from reader.core.document import DocumentError, load_document

if TYPE_CHECKING:
    from reader.core.study import Study


def moved_transcripts(study: Study, paths: Sequence[Path]) -> dict[Path, str]:
    """Of `paths` (transcripts the study does not list), those holding a missing
    interview's text: path -> the interview's id."""
    missing: dict[str, str] = {}
    for entry in study.interviews:
        if study.is_missing(entry) and (digest := _notes_digest(study.notes_path(entry))):
            missing.setdefault(digest, entry.id)
    found: dict[Path, str] = {}
    for path in paths:
        if not missing:
            break
        try:
            digest = load_document(path).sha256
        except (DocumentError, OSError):
            continue
        if entry_id := missing.pop(digest, ""):
            found[path] = entry_id
    return found


def _notes_digest(notes: Path) -> str:
    """The sha256 of the text the notes file was made on; "" when it has none to say."""
    try:
        data = orjson.loads(notes.read_bytes())
        digest = data["document"]["sha256"]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return ""
    return digest if isinstance(digest, str) else ""
