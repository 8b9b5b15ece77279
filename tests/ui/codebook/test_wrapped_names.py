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


def test_a_change_to_the_codebook_measures_again_only_the_names_it_changed(
    make_study_window: Any, folder: Any, qtbot: Any, monkeypatch: Any
) -> None:
    """Each change to the codebook makes the tree again, and every name was wrapped again
    to measure its row: a rename in a codebook of 1,000 codes held the window 100-200 ms.
    A row's size is kept by what it depends on (name, width, font); a renamed code and
    its rows alone are measured anew, and a rename wraps its new name to two lines."""
    from reader.ui.codebook import wrapped_names

    window = make_study_window(folder)
    hub = window.codebook.hub
    for n in range(200):
        hub.create(f"Code {n}")
    activate(window, qtbot)
    panel = to_codebook(window, qtbot)
    wrapped: list[str] = []
    wrap = wrapped_names.wrapped_lines

    def counted(text: str, *args: Any) -> list[str]:
        wrapped.append(text)
        return wrap(text, *args)

    monkeypatch.setattr(wrapped_names, "wrapped_lines", counted)
    code = hub.book.find("Code 7")
    assert code is not None
    assert hub.update(code.id, "Rename Code", name=LONG)
    assert LONG in wrapped and len(set(wrapped)) < 10  # not the 200 names again
    dock = window.findChild(QDockWidget, "codebook-dock")
    window.resizeDocks([dock], [200], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: row_height(panel, LONG) > row_height(panel, "Code 8"))
