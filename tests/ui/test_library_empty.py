"""reader/ui/library/library_panel.py, with no study: the Library's page lays out whole at
any dock height (its text was once cut in half under the New Study… button)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea

from reader.ui.window.main_window import MainWindow


@pytest.mark.parametrize("dock_height", [60, 120, 200, 600])
def test_the_no_study_page_is_whole_at_any_dock_height(
    window: MainWindow, qtbot: Any, dock_height: int
) -> None:
    window.resize(1024, 640)
    window.library_dock.show()
    window.resizeDocks(
        [window.library_dock, window.outline_dock],
        [dock_height, 640 - dock_height],
        Qt.Orientation.Vertical,
    )
    qtbot.waitUntil(window.library.isVisible)
    QApplication.processEvents()
    scroll = window.library.pages.currentWidget()
    assert isinstance(scroll, QScrollArea)
    page = scroll.widget()
    text = page.findChild(QLabel, "library-empty-text")
    assert "Dropping a folder" in text.text()
    assert text.height() >= text.heightForWidth(text.width())  # every line of it
    assert text.width() <= scroll.viewport().width()  # wrapped to the dock, never wider
    buttons = page.findChildren(QPushButton)
    assert [b.text() for b in buttons] == ["Open Study…", "New Study…"]
    for button in buttons:
        assert not button.geometry().intersects(text.geometry())
        assert button.height() >= button.minimumSizeHint().height()
    # Too short for all of it, it scrolls rather than squeezing it.
    assert page.height() >= text.geometry().bottom()
    if scroll.viewport().height() < page.height():
        assert scroll.verticalScrollBar().maximum() > 0
    assert window.width() <= 1024
