"""Where a study keeps its files, the ids its interviews get, and which folders above a
transcript may hold a study listing it: what opening a lone transcript asks before it
pays for the study modules (issue #17)."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from reader.core.document import named_in_text
from reader.core.hashing import sha256_hex
from reader.core.store import is_being_written
from reader.resources import RESOURCES

FILE_NAME = "study.json"
NOTES_FOLDER = "notes"
MEMO_FILE = "memo.md"  # the study memo, by convention (core/study_memo.py says why)

# The app's folder (a checkout: its code, its tests) and its resources/, where the bundled
# sample is: a study there would write study.json and notes/ into the app.
APP_FOLDER = RESOURCES.parent
APP_FOLDER_REFUSED = (
    "is the app's own folder (its sample interview is there), so it cannot be a study. "
    "Choose a folder of your own interviews."
)

_SLUG_CHARS = 40
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """`text` in lower-case ASCII letters and digits joined by "-", cut at 40 characters
    (a "-" at the cut stays: attribute keys made so by every build are the same):
    "Years in post" -> "years-in-post"; "" when nothing of it is ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:_SLUG_CHARS]


def interview_id(relative_path: str, taken: Callable[[str], bool] = lambda _: False) -> str:
    """A stable id for a transcript: an ASCII slug of its name and a hash of its path.

    Two machines that turn the same folder into a study give each transcript the same id,
    so their study files merge cleanly. `taken` says which ids are in use already.
    """
    path = unicodedata.normalize("NFC", relative_path)
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    digest = sha256_hex(path.encode("utf-8"))[:8]
    base = f"{slug(stem).rstrip('-') or 'interview'}-{digest}"
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def app_folder(folder: Path) -> bool:
    """Whether `folder` is the app's own: its folder, or resources/ or a folder in it."""
    resolved = Path(folder).resolve()
    return resolved == APP_FOLDER or resolved.is_relative_to(RESOURCES)


def study_folders(document: Path) -> list[Path]:
    """The folders holding `document` (resolved), nearest first, that may be a study
    listing it: they have a study file, or the document's notes under the id a study gives
    it (a folder opened as a study and worked in, never given study.json); none for
    a document with a name that is not text (load_document says why). The app's own
    folders are none: the bundled sample opens alone, whatever an older build wrote there."""
    if not named_in_text(document):
        return []
    return [
        folder
        for folder in document.parents
        if ((folder / FILE_NAME).is_file() or _has_notes_for(folder, document))
        and not app_folder(folder)
    ]


def _has_notes_for(folder: Path, document: Path) -> bool:
    relative = Path(os.path.relpath(document, folder)).as_posix()
    try:
        return (folder / NOTES_FOLDER / f"{interview_id(relative)}.json").is_file()
    except OSError:
        return False


def names_in_folder(folder: Path) -> frozenset[str]:
    """The names in the study folder that tell a transcript came or went: not the memo's
    (watched for the memo), nor a write's under way."""
    try:
        names = os.listdir(folder)
    except OSError:
        return frozenset()
    return frozenset(n for n in names if n != MEMO_FILE and not is_being_written(n))
