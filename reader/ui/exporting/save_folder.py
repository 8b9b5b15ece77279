"""Where a save dialog opens: the folder the user last saved that kind of file in (by its
extension: PDFs in one place, pictures in another), remembered across sessions; else the
interview's folder. In a study that is beside the study's folder, as the whole study's
export goes: a Markdown or JSON file saved into it would be taken for an interview when
the folder is added again. Never the working directory the app happened to start in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from reader.ui.window.window_state import settings


def _key(extension: str) -> str:
    return f"save-folders/{extension.lower()}"


def home_folder(source: str | None, study_folder: Path | None) -> Path | None:
    """Where a first save goes: beside the study folder, or the transcript's folder."""
    if study_folder is not None:
        return study_folder.parent
    return Path(source).parent if source else None


def suggested_path(name: str, home: Path | None) -> str:
    """`name` in the folder last used for its extension, else in `home`."""
    last = str(settings().value(_key(Path(name).suffix.lstrip(".")), "") or "")
    folder = Path(last) if last and Path(last).is_dir() else home
    return str(folder / name) if folder is not None else name


def ask_save_path(parent: QWidget, title: str, name: str, home: Path | None, filters: str) -> str:
    """The save dialog at `suggested_path`; the folder chosen is remembered for the kind."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested_path(name, home), filters)
    if path:
        extension = Path(path).suffix.lstrip(".") or Path(name).suffix.lstrip(".")
        settings().setValue(_key(extension), str(Path(path).parent))
    return path
