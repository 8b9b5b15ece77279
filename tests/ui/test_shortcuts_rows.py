"""F1's table shows each description whole: a long one wraps onto more lines, its row as
tall as they are. The items' padding was not counted when Qt measured a row, so a
description a little narrower than its column kept one line and lost its end to "…"."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QTableWidget

from reader.ui.window.main_window import MainWindow

MARGINS = 16  # a cell's text stays this far, or more, from its sides in all


def test_every_description_fits_its_row_wrapped(window: MainWindow, qtbot) -> None:
    for width in (1024, 700):
        window.resize(width, 640)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        dialog = window.findChild(QDialog, "shortcuts-dialog")
        assert dialog is not None
        qtbot.waitExposed(dialog)
        dialog.resize(width - 260, dialog.height())
        table = dialog.findChild(QTableWidget)
        qtbot.waitUntil(lambda t=table: t.columnWidth(1) < t.viewport().width())
        metrics, room = table.fontMetrics(), QRect(0, 0, table.columnWidth(1) - MARGINS, 10_000)
        wrap = Qt.TextFlag.TextWordWrap
        cut = [
            item.text()
            for row in range(table.rowCount())
            if (item := table.item(row, 1)) is not None
            and metrics.boundingRect(room, wrap, item.text()).height() > table.rowHeight(row)
        ]
        assert cut == []
        dialog.close()


def test_a_long_key_wraps_and_leaves_the_descriptions_their_room(window: MainWindow, qtbot) -> None:
    """Escape's keys ("Escape (in a side panel or on its tabs, …)", 650 px on one line)
    made the Keys column that wide: at 1024 px the descriptions had a third of the table,
    nearly all of them on two or three lines. The keys wrap too, whole in their rows."""
    window.resize(1024, 640)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "shortcuts-dialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    table = dialog.findChild(QTableWidget)
    assert table.columnWidth(0) < table.columnWidth(1)
    metrics, room = table.fontMetrics(), QRect(0, 0, table.columnWidth(0) - MARGINS, 10_000)
    wrap = Qt.TextFlag.TextWordWrap
    cut = [
        item.text()
        for row in range(table.rowCount())
        if (item := table.item(row, 0)) is not None
        and table.columnSpan(row, 0) == 1
        and metrics.boundingRect(room, wrap, item.text()).height() > table.rowHeight(row)
    ]
    assert cut == []
    assert any(table.item(row, 0).text().startswith("Escape (") for row in range(table.rowCount()))


def test_ctrl_q_quits_on_every_platform_and_f1_says_so(window: MainWindow, qtbot) -> None:
    """Quit had the platform's keys, which are none on Windows (and here, offscreen)."""
    assert window.window_actions.quit.shortcut().toString() == "Ctrl+Q"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "shortcuts-dialog")
    assert dialog is not None
    table = dialog.findChild(QTableWidget)
    keys = [table.item(row, 0).text() for row in range(table.rowCount()) if table.item(row, 0)]
    assert "Ctrl+Q" in keys
    dialog.close()


def _text_left(image: QImage) -> int:
    """The leftmost column of `image` with a dark (text) pixel."""
    return min(
        x
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 100
    )


def test_headings_start_where_their_cells_text_does(window: MainWindow, qtbot) -> None:
    """They were centred over text that starts at the cells' left."""
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "shortcuts-dialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    table = dialog.findChild(QTableWidget)
    header = table.horizontalHeader()
    for column in (0, 1):
        heading = header.grab(
            QRect(header.sectionViewportPosition(column), 0, header.sectionSize(column), 20)
        )
        cell = table.viewport().grab(table.visualItemRect(table.item(1, column)))
        heading_left = _text_left(heading.toImage().copy(2, 0, heading.width() - 4, 20))
        assert abs(heading_left + 2 - _text_left(cell.toImage())) <= 2
    dialog.close()
