"""reader/ui/outline/outline.py: each row is as tall as its question's words wrapped to the
width they are painted in, so no row loses its last line (the view's spacing narrows the
rows: they were measured wider than painted)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFontMetrics

from reader.ui.outline.outline import PAD_X, PAD_Y, OutlineList
from reader.ui.window.main_window import MainWindow
from reader.ui.wrapped_text import wrapped_lines


@pytest.mark.parametrize("width", [160, 200, 201, 263, 340])
def test_every_row_holds_its_words_at_the_width_they_are_painted(
    window: MainWindow, qtbot: Any, width: int
) -> None:
    outline = OutlineList()
    qtbot.addWidget(outline)
    outline.show_session(window.interview.session)
    outline.resize(width, 400)
    outline.show()
    qtbot.waitExposed(outline)
    font = outline.font()
    line = QFontMetrics(font).lineSpacing()
    assert outline.count() > 10
    for row in range(outline.count()):
        item = outline.item(row)
        rect = outline.visualItemRect(item)
        assert rect.right() < outline.viewport().width()  # the row is painted in full width
        lines = wrapped_lines(item.text(), font, rect.width() - 2 * PAD_X, 1000)
        assert len(lines) * line <= rect.height() - 2 * PAD_Y, (row, lines)
        assert rect.height() - 2 * PAD_Y < (len(lines) + 1) * line  # and no gap under it
