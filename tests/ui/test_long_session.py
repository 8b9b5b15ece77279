"""A long session: what a user repeats for hours leaves nothing behind that grows with
each repetition (bench/gui_soak.py finds such growth; each test here repeats one thing a
few times and counts what it left)."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItemIterator

from reader.ui.window.main_window import MainWindow
from tests.ui.test_search_panel import TEXT, search

ROUNDS = 3


def alive(kind: type) -> int:
    gc.collect()
    return sum(isinstance(o, kind) for o in gc.get_objects())


def test_going_through_search_results_leaves_no_tree_iterators(
    make_window, tmp_path: Path, qtbot
) -> None:
    doc = tmp_path / "film.txt"
    doc.write_text(TEXT, "utf-8")
    window: MainWindow = make_window(doc)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    before = alive(QTreeWidgetItemIterator)
    for _ in range(ROUNDS):
        panel = search(window, qtbot, "scene")  # Enter: into the first result
        assert panel.tree.hasFocus()
        qtbot.keyClick(panel.tree, Qt.Key.Key_Up)  # back to the field
        assert panel.edit.hasFocus()
        panel.edit.clear()
    assert alive(QTreeWidgetItemIterator) == before
