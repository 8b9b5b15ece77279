"""A change across a study's files, recorded beside study.json while it is written
(core/code_change_record.py, core/speaker_rename.py): a small JSON file, written
atomically before the first file the change writes, dropped once the change is whole, and
finished when the study opens if the app was stopped before."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import orjson

from reader.core.store import atomic_write


def record_path(study_file: Path, suffix: str) -> Path:
    """study.json.<suffix>, beside study.json."""
    return study_file.with_name(f"{study_file.name}.{suffix}")


def write_record(path: Path, data: dict[str, Any]) -> None:
    """The record written, atomically; OSError when it cannot be."""
    atomic_write(path, orjson.dumps(data, option=orjson.OPT_INDENT_2))


def read_record(path: Path) -> Any:
    """What the record holds; None when there is none or it is not JSON (written
    atomically, it is whole or absent: one spoilt otherwise holds nothing to finish)."""
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def drop_record(path: Path) -> None:
    """The change is whole: nothing is left to finish."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
