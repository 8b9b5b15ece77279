"""Where a save dialog opens: the folder the user last saved that kind of file in (by its
extension: PDFs in one place, pictures in another), remembered across sessions; else the
interview's folder. In a study that is beside the study's folder, as the whole study's
export goes: a Markdown or JSON file saved into it would be taken for an interview when
the folder is added again. Never the working directory the app happened to start in, nor
the app's own folder (the bundled interview's).

The file chosen is never one a study or an interview holds (core/kept_files.py), and a
name typed without an extension gets the chosen kind's, asked about as the dialog asks
about a file there already: added after the dialog, it replaced "codes.md" unasked.

An import's Open dialog starts where the last import came from, else in the user's
documents."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reader.core.session import Session
from reader.resources import RESOURCES
from reader.ui.settings import settings

DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation
IMPORT_KEY = "import-folder"


def file_name(title: str) -> str:
    """A title as a file's name, in words: "Coffee · Shift: night" as "Coffee - Shift
    night" (an export of what a filter kept names the filter so)."""
    safe = (c if c.isalnum() or c in "-_" else " " for c in title.replace("·", "-"))
    return " ".join("".join(safe).split())


def _key(extension: str) -> str:
    return f"save-folders/{extension.lower()}"


def home_folder(session: Session | None, study_folder: Path | None) -> Path:
    """Where a first save goes: beside the study folder, else the transcript's folder; the
    user's documents for the bundled interview (its folder is the app's own) and when the
    folder is gone."""
    if study_folder is not None:
        folder: Path | None = study_folder.parent
    else:
        source = session.document.source if session is not None else ""
        folder = Path(source).parent if source else None
    if folder is None or not folder.is_dir() or folder.resolve() == RESOURCES:
        return _documents()
    return folder


def _documents() -> Path:
    documents = QStandardPaths.writableLocation(DOCUMENTS)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def suggested_path(name: str, home: Path) -> str:
    """`name` in the folder last used for its extension, else in `home`."""
    last = str(settings().value(_key(Path(name).suffix.lstrip(".")), "") or "")
    folder = Path(last) if last and Path(last).is_dir() else home
    return str(folder / name)


def ask_save_path(parent: QWidget, title: str, name: str, home: Path, filters: str) -> str:
    """The save dialog at `suggested_path`; the folder chosen is remembered for the kind.
    "" when cancelled, or when the file chosen is one that is kept (said)."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, suggested_path(name, home), filters)
    if not path:
        return ""
    target = Path(path)
    if not target.suffix and (extension := _extension(chosen or filters)):
        target = target.with_name(f"{target.name}.{extension}")
        replace = QMessageBox.StandardButton.Yes
        asked = f"“{target.name}” is there already. Replace it?"
        if target.exists() and QMessageBox.question(parent, title, asked) != replace:
            return ""
    from reader.core.kept_files import why_kept  # the study modules: on first use (#17)

    if why := why_kept(target):
        said = f"“{target.name}” is not replaced: {why}. Give the export another name."
        QMessageBox.warning(parent, title, said)
        return ""
    remember_folder(str(target), name)
    return str(target)


def _extension(name_filter: str) -> str:
    """The extension a dialog's (first) filter names: "md" of "Markdown (*.md);;CSV…"."""
    found = re.search(r"\*\.(\w+)", name_filter)
    return found[1] if found else ""


def remember_folder(path: str, name: str) -> None:
    """`path`'s folder is where the next file of its kind (else of `name`'s) is suggested."""
    extension = Path(path).suffix.lstrip(".") or Path(name).suffix.lstrip(".")
    settings().setValue(_key(extension), str(Path(path).parent))


def ask_import_path(parent: QWidget, title: str, filters: str) -> str:
    """An import's Open dialog, at the folder the last import came from (a project, a
    codebook, annotations: they are usually sent together), else the user's documents;
    the folder chosen is remembered."""
    last = str(settings().value(IMPORT_KEY, "") or "")
    folder = Path(last) if last and Path(last).is_dir() else _documents()
    path, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
    if path:
        settings().setValue(IMPORT_KEY, str(Path(path).parent))
    return path
