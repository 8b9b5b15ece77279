"""Ctrl+E across the student's study keeps only the interviews with an attribute value,
as the command line's --where does: the Interviews row shows for the whole study, all by
default; the file names the filter as Coded Passages' export does, and holds only those
interviews; the choice is there again at the next export of that study."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from reader.core.study import open_study
from reader.ui.exporting.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.test_accessibility import unnamed

CTRL = Qt.KeyboardModifier.ControlModifier
SITES = {"P01 Zoom": "warehouse", "P02 Teams": "depot", "P05 Otter": "warehouse"}


@pytest.fixture
def study_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Warehouse study"
    shutil.copytree(DATA / "student", folder)
    study = open_study(folder)
    study.define_attribute("Site", "choice", ["warehouse", "depot"])
    for entry in study.interviews:
        if entry.title in SITES:
            study.set_attribute(entry.id, "site", SITES[entry.title])
    study.save()
    return folder


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], study_folder: Path) -> MainWindow:
    return make_study_window(study_folder)


def ctrl_e(window: MainWindow, qtbot: Any, monkeypatch: Any, fill: Callable) -> None:
    """Ctrl+E in the reader, the dialog shown and gone through by `fill`, which says
    whether to export (its choices remembered, as OK does)."""

    def exec_(dialog: ExportDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        if not fill(dialog):
            return QDialog.DialogCode.Rejected
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_E, CTRL)


def test_export_keeps_the_interviews_of_a_value_names_it_and_remembers_it(
    window: MainWindow, qtbot: Any, monkeypatch: Any, dialogs: Any, tmp_path: Path
) -> None:
    out = tmp_path / "warehouse.md"
    dialogs.save_answers.append(str(out))

    def choose(dialog: ExportDialog) -> bool:
        interviews = dialog.interviews_combo
        dialog.scope_combo.setFocus()
        qtbot.keyClick(dialog.scope_combo, Qt.Key.Key_Home)
        assert not interviews.isVisible()  # this interview: no interviews to keep
        qtbot.keyClick(dialog.scope_combo, Qt.Key.Key_Down)  # the whole study
        assert interviews.isVisible() and interviews.currentText() == "All interviews"
        assert [interviews.itemText(i) for i in range(interviews.count())] == [
            "All interviews",
            "Site: warehouse",
            "Site: depot",
            "Several values…",
        ]
        assert unnamed(dialog) == []
        interviews.setFocus()
        qtbot.keyClick(interviews, Qt.Key.Key_Down)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("md"))
        return True

    ctrl_e(window, qtbot, monkeypatch, choose)
    assert Path(dialogs.save_suggested[-1]).name == "Warehouse study - Site warehouse.md"
    text = out.read_text("utf-8")
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections == ["## P01 Zoom", "## P05 Otter"]
    assert "2 interviews, 0 highlights (Site warehouse)" in text

    seen: list[tuple[str, str]] = []

    def look(dialog: ExportDialog) -> bool:
        seen.append((dialog.scope_combo.currentText(), dialog.interviews_combo.currentText()))
        return False

    ctrl_e(window, qtbot, monkeypatch, look)
    assert seen == [("The whole study “Warehouse study”", "Site: warehouse")]


def test_all_interviews_by_default_and_a_refi_format_exports_every_one(
    window: MainWindow, qtbot: Any, monkeypatch: Any
) -> None:
    seen: list[tuple[str, bool, Any]] = []

    def look(dialog: ExportDialog) -> bool:
        dialog.scope_combo.setCurrentIndex(1)
        combo = dialog.interviews_combo
        seen.append((combo.currentText(), combo.isEnabled(), dialog.filters()))
        combo.setCurrentIndex(combo.findText("Site: depot"))
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("qdpx"))
        seen.append((combo.currentText(), combo.isEnabled(), dialog.filters()))
        return False

    ctrl_e(window, qtbot, monkeypatch, look)
    assert seen == [("All interviews", True, None), ("Site: depot", False, None)]
