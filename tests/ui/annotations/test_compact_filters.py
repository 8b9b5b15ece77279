"""The Annotations dock under the Library at 1024x640: its filters leave the list room.
They took four rows (words, colour, code, scope) and a dock showed a card and a half; the
colour now sits beside the words as its swatch, its name in the tooltip."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow
from tests.ui.test_library_fit import long_titles, netbook

__all__ = ["long_titles", "netbook"]  # the fixtures, shared


def test_the_filters_take_three_rows_and_the_colour_is_a_swatch_beside_the_words(
    netbook: Callable[[], MainWindow], qtbot: Any
) -> None:
    window = netbook()
    window.window_actions.focus_annotations.trigger()
    panel = window.annotations
    qtbot.waitUntil(panel.view.isVisible)
    QApplication.processEvents()
    words, colour = panel.filter_edit.geometry(), panel.color_filter.geometry()
    assert colour.top() == words.top() and colour.left() > words.right()
    row = words.height() + panel.layout().spacing()
    assert panel.view.y() - panel.count_label.y() <= panel.count_label.height() + row
    assert panel.count_label.y() <= words.y() + 3 * row  # words, code, scope
    assert panel.color_filter.shown_text() == ""  # the swatch alone at this width
    assert not panel.color_filter.itemIcon(0).isNull()  # "All colours" has one
    assert panel.color_filter.toolTip()
    panel.resize(500, panel.height())  # a wide dock: the words too
    assert panel.color_filter.shown_text() == "All colours"
