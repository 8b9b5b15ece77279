"""Where an interview's recording is: found beside the transcript, stored relative to the
notes file (so a folder of interviews, notes and recordings can move as one), and
checked before the player is asked to open it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from reader.core.session import Session

# Audio first: when both "x.mp3" and "x.mp4" lie beside "x.vtt", the lighter one plays.
SUFFIXES = (".mp3", ".m4a", ".wav", ".ogg", ".opus", ".flac", ".mp4", ".webm", ".mkv")
FILTER = "Recordings (" + " ".join(f"*{s}" for s in SUFFIXES) + ");;All files (*)"


@dataclass(frozen=True)
class Located:
    """A stored recording path resolved: `path` absolute; `problem` "" when it can be
    opened, else a sentence for the user."""

    path: Path
    problem: str = ""


def beside(document_path: Path) -> Path | None:
    """A recording with the transcript's name beside it ("x.wav" for "x.vtt"), if any;
    "x.en.vtt" (a subtitle's language) also finds "x.wav"."""
    folder, names = document_path.parent, [document_path.stem]
    if "." in document_path.stem:
        names.append(document_path.stem.split(".")[0])
    for name in names:
        for suffix in SUFFIXES:
            for candidate in (folder / f"{name}{suffix}", folder / f"{name}{suffix.upper()}"):
                if candidate.is_file():
                    return candidate
    return None


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


def _relative(path: Path, folder: Path) -> str | None:
    """`path` relative to `folder` with "/" between folders; None when no relative path
    leads there (Windows: another drive)."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    except ValueError:
        return None
    return PurePosixPath(*Path(relative).parts).as_posix()


def locate(stored: str, notes_path: Path) -> Located:
    """The stored path made absolute against the notes file's folder, and whether the
    file is there to be played."""
    path = Path(stored)
    if not path.is_absolute():
        path = Path(os.path.normpath(notes_path.parent / path))
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


def of_interview(session: Session, notes_path: Path | None) -> Path | None:
    """The interview's recording: the one its notes name (made absolute against the notes
    file), else, when they name none, one found beside the transcript, as the window finds
    it on opening (reader/ui/recording/recording.py). It may be missing."""
    stored, transcript = session.notes.recording, session.document.source
    if stored is not None:
        return locate(stored.path, notes_path).path if notes_path is not None else None
    return beside(Path(transcript)) if transcript else None


def link_target(recording: Path, export: Path | None) -> str:
    """How a file written at `export` links to `recording`: a relative URL when one leads
    there, else a file URI (no `export`: written to standard output; another drive)."""
    relative = _relative(recording, export.parent) if export is not None else None
    return quote(relative) if relative is not None else Path(os.path.abspath(recording)).as_uri()
