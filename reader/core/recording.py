"""Where an interview's recording is: found beside the transcript, stored relative to the
notes file (so a folder of interviews, notes and recordings can move as one), and
checked before the player is asked to open it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote

from reader.core.media_suffixes import SUFFIXES

if TYPE_CHECKING:
    from reader.core.notes_file import NotesData
    from reader.core.session import Session


@dataclass(frozen=True)
class Located:
    """A stored recording path resolved: `path` absolute; `problem` "" when it can be
    opened, else a sentence for the user."""

    path: Path
    problem: str = ""
    beside: bool = False  # found beside the transcript, not where the notes said


def beside(document_path: Path) -> Path | None:
    """A recording with the transcript's name beside it ("x.wav" for "x.vtt"), if any;
    "x.en.vtt" (a subtitle's language) also finds "x.wav". An empty file is taken only
    when there is no other: a 0-byte "x.mp3" (a download cut short) hid a good "x.m4a"."""
    folder, names = document_path.parent, [document_path.stem]
    if "." in document_path.stem:
        names.append(document_path.stem.split(".")[0])
    empty = None
    for name in names:
        for suffix in SUFFIXES:
            for candidate in (folder / f"{name}{suffix}", folder / f"{name}{suffix.upper()}"):
                try:
                    size = candidate.stat().st_size if candidate.is_file() else None
                except OSError:
                    continue
                if size:
                    return candidate
                if size == 0 and empty is None:
                    empty = candidate  # said to be empty when it is all there is
    return empty


def set_apart(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """`paths` less the recordings among them, and those recordings that no transcript
    among them has beside it with its name (the others are found by `beside`)."""
    others = [p for p in paths if p.suffix.lower() not in SUFFIXES]
    named = {(p.parent, n) for p in others for n in (p.stem, p.stem.split(".")[0])}
    alone = [p for p in paths if p.suffix.lower() in SUFFIXES and (p.parent, p.stem) not in named]
    return others, alone


def stored_path(recording: Path, notes_path: Path) -> str:
    """`recording` as the notes file stores it: relative to the notes file's folder with
    "/" between folders, or absolute when no relative path leads there (another drive)."""
    relative = _relative(recording, notes_path.parent)
    return relative if relative is not None else Path(os.path.abspath(recording)).as_posix()


def same_stored(stored: str | None, recording: Path | None, notes_path: Path | None) -> bool:
    """Whether the notes' `stored` path names `recording` (None: none), however it was
    written ("./media/x.wav" is the app's "media/x.wav")."""
    if stored is None or recording is None or notes_path is None:
        return stored is None and recording is None
    return stored_path(_absolute(stored, notes_path), notes_path) == stored_path(
        recording, notes_path
    )


def _relative(path: Path, folder: Path) -> str | None:
    """`path` relative to `folder` with "/" between folders; None when no relative path
    leads there (Windows: another drive)."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    except ValueError:
        return None
    return PurePosixPath(*Path(relative).parts).as_posix()


def _absolute(stored: str, notes_path: Path) -> Path:
    path = Path(stored)
    return path if path.is_absolute() else Path(os.path.normpath(notes_path.parent / path))


def with_notes_moved(notes: NotesData, old_path: Path, new_path: Path) -> NotesData:
    """`notes`, to be written to `new_path` instead of `old_path`, naming the same
    recording: its path is stored relative to the notes file's folder (Save Notes As…,
    a study interview's copy saved elsewhere)."""
    if notes.recording is None:
        return notes
    moved = stored_path(_absolute(notes.recording.path, old_path), new_path)
    return replace(notes, recording=replace(notes.recording, path=moved))


def locate(stored: str, notes_path: Path) -> Located:
    """The stored path made absolute against the notes file's folder, and whether the
    file is there to be played."""
    path = _absolute(stored, notes_path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Located(path, f"The recording {path.name} is missing (looked for {path}).")
    except OSError as exc:
        return Located(path, f"The recording {path.name} cannot be read: {exc.strerror}.")
    if not stat.S_ISREG(info.st_mode):
        return Located(path, f"The recording {path} is not a regular file.")
    if info.st_size == 0:
        return Located(path, f"The recording {path.name} is empty.")
    return Located(path)


def find(notes: NotesData, transcript: str, notes_path: Path | None) -> Located | None:
    """The interview's recording: the one its notes name, made absolute against the notes
    file; else one with the transcript's name beside it, when the notes name none (and it
    was not detached) or the one they name is missing (the folder moved, or transcript and
    recording were renamed together). A missing one named and none beside: it, with its
    problem. None: no recording."""
    stored = notes.recording
    named = locate(stored.path, notes_path) if stored and notes_path else None
    if named is not None and not named.problem:
        return named
    found = beside(Path(transcript)) if transcript and not notes.recording_detached else None
    if found is not None and (named is None or found != named.path):
        return replace(locate(str(found), notes_path or found), beside=True)
    return named


def of_interview(session: Session, notes_path: Path | None) -> Path | None:
    """The interview's recording as the window finds it on opening (`find`). It may be
    missing."""
    found = find(session.notes, session.document.source, notes_path)
    return found.path if found is not None else None


def link_target(recording: Path, export: Path | None) -> str:
    """How a file written at `export` links to `recording`: a relative URL when one leads
    there, else a file URI (no `export`: written to standard output; another drive)."""
    relative = _relative(recording, export.parent) if export is not None else None
    return quote(relative) if relative is not None else Path(os.path.abspath(recording)).as_uri()
