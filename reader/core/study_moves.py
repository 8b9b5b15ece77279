"""Transcripts that come back under another name: a file come into the study folder while
an interview's transcript is missing is that transcript, moved or renamed, when its text
is the text the interview's notes were made on (the notes' document.sha256), or when it
is the very file the transcript was on its disk (store.file_place, as last seen while the
study was open: an interview not highlighted yet has no notes file to say its text).
Offered as such, it takes the interview's highlights, notes, participant and attributes
with it, where adding it would make an empty twin beside the missing interview."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import orjson

from reader.core import json_bytes
from reader.core.document import DocumentError, load_document
from reader.core.store import FilePlace, file_place

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from reader.core.study_file import InterviewEntry, StudyData


class Study(Protocol):
    """What is read here of a study (reader.core.study.Study, which opening a study that
    has to be found again has use this module)."""

    data: StudyData
    files_seen: dict[str, FilePlace]

    def is_missing(self, entry: InterviewEntry | str) -> bool: ...
    def notes_path(self, entry: InterviewEntry | str) -> Path: ...
    def transcript_path(self, entry: InterviewEntry | str) -> Path: ...
    def note_files(self) -> None: ...


def moved_transcripts(study: Study, paths: Sequence[Path]) -> dict[Path, str]:
    """Of `paths` (transcripts the study does not list), those holding a missing
    interview's text, or that are its file under another name: path -> the interview's
    id. The places of the transcripts there now are noted for the next time."""
    missing: dict[str, str] = {}
    seen: dict[FilePlace, str] = {}
    for entry in study.data.interviews:
        if not study.is_missing(entry):
            continue
        if digest := _notes_digest(study.notes_path(entry)):
            missing.setdefault(digest, entry.id)
        if (place := study.files_seen.get(entry.id)) is not None:
            seen.setdefault(place, entry.id)
    found: dict[Path, str] = {}
    for path in paths:  # the very file first: a copy of its text must not take its interview
        if (place := file_place(path)) and (entry_id := seen.pop(place, "")):
            found[path] = entry_id
    missing = {digest: i for digest, i in missing.items() if i not in found.values()}
    for path in paths:
        if not missing:
            break
        if path in found:
            continue
        try:
            digest = load_document(path).sha256
        except (DocumentError, OSError):
            continue
        if entry_id := missing.pop(digest, ""):
            found[path] = entry_id
    study.note_files()
    return found


def join_renamed(study: Study) -> None:
    """A study found again from its folder and its notes files (no study.json, or one set
    aside): an interview listed from its notes as missing whose text is that of a
    transcript listed from the folder, with no notes of its own, is that transcript
    renamed. It takes the transcript's place in the list, with its highlights and notes,
    and no empty twin is listed beside it."""
    listed = study.data.interviews
    fresh = {
        study.transcript_path(entry): entry
        for entry in listed
        if not study.is_missing(entry) and not study.notes_path(entry).exists()
    }
    if len(fresh) == len(listed):
        return  # none listed from notes: nothing to join
    by_id = {entry.id: entry for entry in listed}
    for path, interview_id in moved_transcripts(study, list(fresh)).items():
        twin, joined = fresh[path], by_id[interview_id]
        listed.remove(joined)
        listed[listed.index(twin)] = replace(joined, path=twin.path)


def _notes_digest(notes: Path) -> str:
    """The sha256 of the text the notes file was made on; "" when it has none to say."""
    try:
        data = json_bytes.loads(notes.read_bytes())
        digest = data["document"]["sha256"]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        return ""
    return digest if isinstance(digest, str) else ""
