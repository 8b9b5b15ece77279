"""Where an interview's recording is: found beside the transcript, stored relative to the
notes file (so a folder of interviews, notes and recordings can move as one), and
checked before the player is asked to open it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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
    recording = Path(os.path.abspath(recording))
    try:
        relative = os.path.relpath(recording, os.path.abspath(notes_path.parent))
    except ValueError:  # Windows: another drive
        return recording.as_posix()
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
