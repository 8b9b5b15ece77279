"""reader/ui/codebook/picker.py: the code picker opens beside the passage, never on it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from reader.core.codebook import Codebook
from reader.ui.codebook.picker import CodePicker


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_the_picker_leaves_the_passage_in_sight(qtbot, where: str) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    picker = CodePicker(owner)
    screen = picker.screen().availableGeometry()
    y = screen.top() + 40 if where == "top" else screen.bottom() - 60
    passage = QRect(screen.left() + 200, y, 300, 20)
    picker.open_at(passage, Codebook(), (), (), "the passage")
    frame = picker.frameGeometry()
    assert not frame.intersects(passage)
    assert screen.contains(frame)
    assert (frame.top() > passage.bottom()) == (where == "top")  # below, unless no room
