"""Where an interview's recording is: found beside the transcript, stored relative to the
notes file (so a folder of interviews, notes and recordings can move as one), and
checked before the player is asked to open it."""

from __future__ import annotations

import glob
import os
import re
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


# Zoom names a cloud recording's video after the transcript's name, with its layout and
# size: "GMT20240305-140012_Recording_1920x1080.mp4" (or "…_gallery_1280x720.mp4") beside
# "GMT20240305-140012_Recording.transcript.vtt" and the audio's "…_Recording.m4a".
_ZOOM_VIDEO = r"(?:_[A-Za-z]+)*_\d{3,4}x\d{3,4}"
_SUFFIXES_EITHER_CASE = [case for suffix in SUFFIXES for case in (suffix, suffix.upper())]


def _names(document_path: Path) -> list[str]:
    """The names a recording of the transcript has: its own, and before its first dot
    ("x" for "x.en.vtt" or Zoom's "x.transcript.vtt")."""
    stem = document_path.stem
    return [stem, stem.split(".")[0]] if "." in stem else [stem]


def _named_after(recording: Path, name: str) -> bool:
    """Whether `recording` is named after the transcript's `name`: the same, or Zoom's
    video of it (`_ZOOM_VIDEO`)."""
    stem = recording.stem
    return stem == name or (
        stem.startswith(f"{name}_") and re.fullmatch(_ZOOM_VIDEO, stem[len(name) :]) is not None
    )


def beside(document_path: Path) -> Path | None:
    """A recording with the transcript's name beside it ("x.wav" for "x.vtt"), if any;
    "x.en.vtt" (a subtitle's language) also finds "x.wav", and Zoom's transcript its video
    (`_ZOOM_VIDEO`) where no recording has its very name. An empty file is taken only
    when there is no other: a 0-byte "x.mp3" (a download cut short) hid a good "x.m4a"."""
    folder, names = document_path.parent, _names(document_path)
    own = [folder / f"{name}{suffix}" for name in names for suffix in _SUFFIXES_EITHER_CASE]
    full, empty = _recordings(own)
    if full is not None:
        return full
    try:
        zoom = sorted(
            path
            for name in names
            for path in folder.glob(f"{glob.escape(name)}_*")
            if path.suffix.lower() in SUFFIXES and _named_after(path, name)
        )
    except OSError:
        zoom = []
    zoom_full, zoom_empty = _recordings(zoom)
    return zoom_full or empty or zoom_empty


def _recordings(candidates: list[Path]) -> tuple[Path | None, Path | None]:
    """The first of `candidates` that is a file with something in it, and the first that
    is an empty file; None for none."""
    empty = None
    for candidate in candidates:
        try:
            size = candidate.stat().st_size if candidate.is_file() else None
        except OSError:
            continue
        if size:
            return candidate, empty
        if size == 0 and empty is None:
            empty = candidate
    return None, empty


def set_apart(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """`paths` less the recordings among them, and those recordings that no transcript
    among them has beside it with its name (the others are found by `beside`)."""
    others = [p for p in paths if p.suffix.lower() not in SUFFIXES]
    named = {(p.parent, name) for p in others for name in _names(p)}
    alone = [p for p in paths if p.suffix.lower() in SUFFIXES and not _named_after_one(p, named)]
    return others, alone


def _named_after_one(recording: Path, named: set[tuple[Path, str]]) -> bool:
    """Whether `recording` is named after one of the transcripts' (folder, name) pairs:
    its stem, or what precedes one of its "_" (Zoom's video). A look-up for each, not a
    comparison with every transcript: 1,000 recordings dropped with 1,000 transcripts,
    none of them named alike, held the window 1.3 s."""
    folder, stem = recording.parent, recording.stem
    cuts = [i for i, c in enumerate(stem) if c == "_"]
    return (folder, stem) in named or any(
        (folder, stem[:i]) in named and _named_after(recording, stem[:i]) for i in cuts
    )


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


def what_is_wrong(path: Path) -> str:
    """Why the recording at `path` does not play, in the few words the player bar has room
    for after its name: "is missing", "cannot be read", "is empty" (a download cut short),
    else "cannot be played" (its sentence says more)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "is missing"
    except OSError:
        return "cannot be read"
    return "is empty" if stat.S_ISREG(info.st_mode) and not info.st_size else "cannot be played"


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
