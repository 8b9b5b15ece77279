"""The Codebook's names in a narrow dock (reader/ui/codebook/wrapped_names.py): a long
name takes two lines, the second ending in "…" where more is left; a short one, one line;
widened, the rows are measured again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QStyleOptionViewItem

from reader.ui.codebook.panel import CodebookPanel
from reader.ui.window.main_window import MainWindow
from tests.ui.codebook.test_panel import to_codebook
from tests.ui.test_read_only_undo import activate

LONG = "Informal knowledge transfer between shifts and across wards"


def row_height(panel: CodebookPanel, name: str) -> int:
    code = panel.hub.book.find(name)
    assert code is not None
    return panel.view.visualRect(panel.model.index_of(code.id)).height()


def painted_lines(panel: CodebookPanel, name: str) -> list[str]:
    """The name's lines as the row is painted (Qt breaks them at U+2028)."""
    code = panel.hub.book.find(name)
    assert code is not None
    index = panel.model.index_of(code.id)
    option = QStyleOptionViewItem()
    option.initFrom(panel.view)
    option.rect = panel.view.visualRect(index)
    panel.view.itemDelegate().initStyleOption(option, index)
    return option.text.split("\u2028")


def test_a_long_name_wraps_to_two_lines_in_a_narrow_dock(window: MainWindow, qtbot: Any) -> None:
    hub = window.codebook.hub
    parent = hub.create("Work")
    assert parent is not None
    hub.create(LONG, parent=parent.id)
    hub.create("Trust")
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    panel.view.expandAll()
    dock = window.findChild(QDockWidget, "codebook-dock")
    window.resizeDocks([dock], [200], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: row_height(panel, LONG) > row_height(panel, "Trust"))
    lines = painted_lines(panel, LONG)
    assert len(lines) == 2 and lines[0].startswith("Informal") and lines[1].endswith("…")
    assert painted_lines(panel, "Trust") == ["Trust"]
    # Wide enough for it whole: one line again.
    window.resize(1600, window.height())
    window.resizeDocks([dock], [1000], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: row_height(panel, LONG) == row_height(panel, "Trust"))
    assert painted_lines(panel, LONG) == [LONG]
