"""Exporters: each turns a Session into one file format, without Qt.

`FORMATS[name](session, options)` returns the file's bytes; `FORMAT_INFO[name]` tells a
file dialog what to call the format and which extension to give the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.core.export.common import (
    PROGRESS_EVERY,
    ExportCancelled,
    ExportOptions,
)
from reader.core.export.csv_export import export_csv
from reader.core.export.docx_export import export_docx
from reader.core.export.html_export import export_html
from reader.core.export.json_export import export_json
from reader.core.export.markdown_export import export_markdown
from reader.core.export.w3c_export import export_w3c
from reader.core.session import Session

Exporter = Callable[[Session, ExportOptions], bytes]
FORMATS: dict[str, Exporter] = {
    "json": export_json,
    "md": export_markdown,
    "html": export_html,
    "csv": export_csv,
    "docx": export_docx,
    "w3c": export_w3c,
}


@dataclass(frozen=True)
class FormatInfo:
    """How an export format is offered and written."""

    label: str  # for a file dialog's filter, e.g. "Markdown summary"
    extension: str  # without the dot
    media_type: str


FORMAT_INFO: dict[str, FormatInfo] = {
    "json": FormatInfo("Full model (JSON)", "json", "application/json"),
    "md": FormatInfo("Research summary (Markdown)", "md", "text/markdown"),
    "html": FormatInfo("Printable summary (HTML)", "html", "text/html"),
    "csv": FormatInfo("Highlights table (CSV)", "csv", "text/csv"),
    "docx": FormatInfo(
        "Research summary (Word)",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "w3c": FormatInfo(
        "W3C Web Annotations (JSON-LD)",
        "jsonld",
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    ),
}


def export(session: Session, name: str, options: ExportOptions | None = None) -> bytes:
    """The session in format `name` (a key of FORMATS); KeyError for an unknown one."""
    return FORMATS[name](session, options or ExportOptions())


__all__ = [
    "FORMATS",
    "FORMAT_INFO",
    "PROGRESS_EVERY",
    "ExportCancelled",
    "ExportOptions",
    "Exporter",
    "FormatInfo",
    "export",
]
