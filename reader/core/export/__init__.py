"""Exporters: each turns a Session into one file format, without Qt."""

from __future__ import annotations

from collections.abc import Callable

from reader.core.export.json_export import export_json
from reader.core.session import Session

Exporter = Callable[[Session], bytes]
FORMATS: dict[str, Exporter] = {"json": export_json}
