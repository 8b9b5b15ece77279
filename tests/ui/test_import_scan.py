"""PySide asks of every module imported after it whether its source names PySide6;
reader.ui answers faster (reader/ui/import_scan.py), and must answer the same."""

from __future__ import annotations

import json
import sys
import textwrap
import types
from pathlib import Path

import reader.core.document
import reader.ui.theme
from reader.ui.import_scan import FEATURE_MODULE, names_pyside


def test_the_answer_is_pyside_s_own_for_modules_with_and_without_it() -> None:
    pyside_way = sys.modules[FEATURE_MODULE]._mod_uses_pyside.__wrapped__  # PySide's own
    modules = [reader.ui.theme, reader.core.document, json, textwrap, sys]
    for module in modules:
        assert names_pyside(module, pyside_way) == pyside_way(module), module.__name__
    assert names_pyside(reader.ui.theme, pyside_way)
    assert not names_pyside(reader.core.document, pyside_way)


def test_a_module_without_a_readable_source_file_asks_pyside(tmp_path: Path) -> None:
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # removed since it was imported
    compiled = types.ModuleType("compiled")
    compiled.__file__ = str(tmp_path / "compiled.so")
    asked: list[str] = []

    def fallback(module: types.ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    assert not names_pyside(gone, fallback)
    assert not names_pyside(compiled, fallback)
    assert asked == ["gone", "compiled"]


def test_importing_the_widgets_installs_the_faster_check_once() -> None:
    feature = sys.modules[FEATURE_MODULE]
    check = feature._mod_uses_pyside
    assert check.__wrapped__ is not None  # ours, wrapping PySide's
    from reader.ui.import_scan import speed_up_import_scan

    speed_up_import_scan()
    assert feature._mod_uses_pyside is check  # not wrapped twice
    assert feature.pyside_feature_dict["reader.ui.theme"] == 0  # uses PySide: no feature
    assert feature.pyside_feature_dict.get("reader.core.document", -1) == -1  # ignored
