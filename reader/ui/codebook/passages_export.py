"""Coded Passages' Export: the list as Markdown (each code as the research summary tags
it), HTML (a self-contained page) or CSV (one row per passage, the study's attributes in
columns), to a file the user names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from reader.core.codebook_retrieval import (
    Passage,
    passages_csv,
    passages_html,
    passages_markdown,
)
from reader.core.export.csv_export import excel_caution
from reader.core.store import atomic_write, describe_os_error
from reader.core.wording import counted
from reader.ui.codebook.hub import CodebookHub
from reader.ui.codebook.passage_finding import save_home
from reader.ui.exporting.save_folder import ask_save_path, file_name

EXPORTS = {
    "md": ("Markdown", passages_markdown),
    "html": ("HTML", passages_html),
    "csv": ("CSV", None),
}
NOTHING_TO_EXPORT = "No coded passages here to export: choose a code that has some."


def export_passages(
    parent: QWidget, hub: CodebookHub, passages: list[Passage], title: str, extension: str
) -> str:
    """`passages` written as `extension` says, to a file asked for; what to say of it ("" when
    the user chose no file)."""
    if not passages:
        return NOTHING_TO_EXPORT
    label, writer = EXPORTS[extension]
    name = file_name(title)
    path = ask_save_path(
        parent,
        f"Export as {label}",
        f"{name or 'passages'}.{extension}",
        save_home(hub),
        f"{label} (*.{extension})",
    )
    if not path:
        return ""
    attributes = hub.study.data.attributes if hub.study else []
    make: Callable[[], bytes] = (
        (lambda: passages_csv(passages, attributes))
        if writer is None
        else (lambda: writer(passages, title))
    )
    try:
        atomic_write(Path(path), data := make())
    except OSError as exc:
        return f"Not exported: {describe_os_error(exc)}"
    caution = excel_caution(data) if writer is None else ""  # a CSV's cells Excel cuts
    said = f"Exported {counted(len(passages), 'passage')} to {path}"
    return f"{said}; in it, {caution}." if caution else said
