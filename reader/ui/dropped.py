"""The local files and folders of a drag onto the window: a study's, or the open
interview's recording (library/study_actions.py, recording/attaching.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in a drag (links to web pages are not ours)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
