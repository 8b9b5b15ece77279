"""The file dialog of File ▸ Attach Recording… and of the player bar's Locate…."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from reader.core.media_suffixes import FILTER


def ask_for_recording(parent: QWidget, shown: Path | None, transcript: Path) -> Path | None:
    """The recording the user chooses (None: cancelled), from where `shown` (the recording
    on show, missing or not) is, unless that folder is gone too; else from the
    transcript's folder. Qt's own dialog names the filter alone: its patterns, each in
    small letters and in capitals, made it as wide as the screen."""
    folder = shown.parent if shown is not None and shown.parent.is_dir() else transcript.parent
    hide = QFileDialog.Option.HideNameFilterDetails
    path, _ = QFileDialog.getOpenFileName(parent, "Attach Recording", str(folder), FILTER, "", hide)
    return Path(path) if path else None
