"""The floating bar beside a selection that fills the reader's view: never over the
selected words, beside the column where the margin has room, else left out with its keys
said in the status line."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import lay_out_first_start


def select_the_view(window: MainWindow) -> tuple[int, int]:
    """Select from the first word in view to the last, as a long drag leaves it."""
    reader = window.reader
    reader.scroll_to_offset(1349)
    QApplication.processEvents()
    viewport = reader.viewport()
    middle = viewport.width() // 2
    first = reader.cursorForPosition(QPoint(middle, 2)).position()
    last = reader.cursorForPosition(QPoint(middle, viewport.height() - 2)).position()
    cursor = reader.textCursor()
    cursor.setPosition(first)
    cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    reader.show_selection_bar()
    QApplication.processEvents()
    assert reader.selected_range() is not None
    return reader.selected_range()


def covered(window: MainWindow, span: tuple[int, int]) -> list[Any]:
    """The selected lines in view that the bar lies on."""
    reader, bar = window.reader, window.reader.selection_bar
    if not bar.isVisible():
        return []
    return [r for r in reader.highlights.rects(*span) if r.toRect().intersects(bar.geometry())]


def test_at_1024_a_selection_filling_the_view_is_never_under_the_bar(
    window: MainWindow,
) -> None:
    window.resize(1024, 640)
    lay_out_first_start(window)
    span = select_the_view(window)
    assert not covered(window, span)
    assert not window.reader.selection_bar.isVisible()  # no room: its keys said instead
    message = window.statusBar().currentMessage()
    assert "H or 1–6" in message and "Q quotes" in message


def test_with_a_wide_margin_the_bar_sits_beside_the_column(window: MainWindow) -> None:
    window.resize(1920, 1000)
    total = sum(window.splitter.sizes())
    window.splitter.setSizes([total - 260, 260])  # margins of some 500 px
    span = select_the_view(window)
    bar = window.reader.selection_bar
    assert bar.isVisible() and not covered(window, span)
    assert window.reader.viewport().rect().contains(bar.geometry())


def test_a_selection_grown_with_shift_down_never_runs_under_the_bar(
    window: MainWindow, qtbot: Any
) -> None:
    """Found by the reading review: the bar shown (Shift let go), Shift+Down again selected
    lines under it; it went only once the selection was empty. It goes at any change, and
    shows again where the selection ends once Shift is let go."""
    from PySide6.QtCore import Qt

    reader = window.reader
    reader.setFocus()
    text = window.interview.session.document.text
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(text.index("Writer/director")))  # type: ignore[union-attr]
    reader.setTextCursor(cursor)
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(reader, Qt.Key.Key_Down, shift)
    qtbot.keyRelease(reader, Qt.Key.Key_Shift)
    assert reader.selection_bar.isVisible()
    qtbot.keyPress(reader, Qt.Key.Key_Down, shift)
    assert not reader.selection_bar.isVisible()
    qtbot.keyRelease(reader, Qt.Key.Key_Shift)
    assert reader.selection_bar.isVisible()
