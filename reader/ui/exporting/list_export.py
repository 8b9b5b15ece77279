"""A list a window shows (Coded Passages, Search Everything's results) written to a file
the user names: the save dialog at the folder last used for the kind, the file written
whole or not at all, and what to say of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from reader.core.export.csv_export import excel_caution
from reader.core.store import atomic_write, describe_os_error
from reader.ui.exporting.save_folder import ask_save_path


def export_list(
    parent: QWidget,
    label: str,
    extension: str,
    name: str,
    home: Path,
    make: Callable[[], bytes],
    count: str,
) -> str:
    """What `make` gives, written to a file asked for ("`name`.`extension`" suggested, as
    `label`: "Markdown"); what to say of it, "Exported 12 passages to …" (`count`), or ""
    when the user chose no file. A CSV's cells that Excel would cut are said."""
    path = ask_save_path(
        parent, f"Export as {label}", f"{name}.{extension}", home, f"{label} (*.{extension})"
    )
    if not path:
        return ""
    try:
        atomic_write(Path(path), data := make())
    except OSError as exc:
        return f"Not exported: {describe_os_error(exc)}"
    caution = excel_caution(data) if extension == "csv" else ""
    said = f"Exported {count} to {path}"
    return f"{said}; in it, {caution}." if caution else said
