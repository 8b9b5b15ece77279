"""A long session: what a user repeats for hours leaves nothing behind that grows with
each repetition (bench/gui_soak.py finds such growth; each test here repeats one thing a
few times and counts what it left)."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItemIterator

from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_highlights import select
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


def test_the_code_picker_shows_the_codes_colours_with_the_same_icons_each_time(
    make_window, tmp_path: Path, qtbot
) -> None:
    """Qt keeps the pixmaps an icon is drawn with under the icon's own key: new icons of
    the same colours, each time the picker opened, piled up in its pixmap cache."""
    doc = tmp_path / "film.txt"
    doc.write_text(TEXT, "utf-8")
    window: MainWindow = make_window(doc)
    code_with_keys(window, qtbot, "lantern", "Light")
    code_with_keys(window, qtbot, "dawn", "Time")
    picker = window.codebook.coding.picker
    shown = []
    for _ in range(ROUNDS):
        start = TEXT.index("ending")
        select(window, qtbot, start, start + len("ending"))
        qtbot.keyClick(window.reader, Qt.Key.Key_C)
        assert picker.isVisible() and picker.list.count() == 2
        shown.append({picker.list.item(row).icon().cacheKey() for row in range(2)})
        qtbot.keyClick(picker.edit, Qt.Key.Key_Escape)
    assert shown == [shown[0]] * ROUNDS
