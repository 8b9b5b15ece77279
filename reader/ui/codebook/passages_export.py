"""Coded Passages' Export: the list as Markdown (each code as the research summary tags
it), HTML (a self-contained page) or CSV (one row per passage, the study's attributes in
columns), to a file the user names."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reader.core.codebook_retrieval import (
    Passage,
    passages_csv,
    passages_html,
    passages_markdown,
)
from reader.core.wording import counted
from reader.ui.codebook.hub import CodebookHub
from reader.ui.codebook.passage_finding import save_home
from reader.ui.exporting.list_export import export_list
from reader.ui.exporting.save_folder import file_name

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
    attributes = hub.study.data.attributes if hub.study else []

    def make() -> bytes:
        if writer is None:
            return passages_csv(passages, attributes)
        return writer(passages, title)

    name = file_name(title) or "passages"
    count = counted(len(passages), "passage")
    return export_list(parent, label, extension, name, save_home(hub), make, count)
