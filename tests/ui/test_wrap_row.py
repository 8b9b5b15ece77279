"""reader/ui/wrap_row.py: buttons in one row, folded into two when narrow; the Codebook's
buttons no longer push the window past a 1024 px screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from reader.ui.window.main_window import MainWindow
from reader.ui.wrap_row import WrapRow
from tests.ui.test_codebook import code_with_keys


def row_in(qtbot: Any) -> tuple[QWidget, WrapRow, list[QPushButton]]:
    host = QWidget()
    qtbot.addWidget(host)
    buttons = [QPushButton(text) for text in ("New", "New Sub-code", "Merge…", "Delete")]
    row = WrapRow(buttons)
    QVBoxLayout(host).addWidget(row)
    return host, row, buttons


def test_wide_one_row_narrow_two(qtbot: Any) -> None:
    host, row, buttons = row_in(qtbot)
    host.resize(row.sizeHint().width() + 40, 100)
    host.show()
    qtbot.waitUntil(lambda: row.width() >= row.sizeHint().width())
    assert not row.folded()
    assert len({b.y() for b in buttons}) == 1
    host.resize(row.minimumSizeHint().width() + 20, 100)
    qtbot.waitUntil(row.folded)
    qtbot.waitUntil(lambda: buttons[2].y() > buttons[0].y())
    assert buttons[0].y() == buttons[1].y() and buttons[2].y() == buttons[3].y()
    assert all(b.width() >= b.minimumSizeHint().width() for b in buttons)  # none clipped
    assert all(b.geometry().right() <= row.width() for b in buttons)
    host.resize(row.sizeHint().width() + 40, 100)
    qtbot.waitUntil(lambda: not row.folded())


def test_folded_it_asks_half_the_width(qtbot: Any) -> None:
    _host, row, _buttons = row_in(qtbot)
    assert row.minimumSizeHint().width() < row.sizeHint().width() * 0.6


def test_a_window_with_codes_fits_a_1024_px_screen(window: MainWindow, qtbot: Any) -> None:
    words = window.interview.session.document.text.split()
    code_with_keys(window, qtbot, words[3], "Work")
    panel = window.codebook.dock.panel()
    qtbot.waitUntil(panel.isVisible)
    assert panel.minimumSizeHint().width() <= 1024 // 5 + 20
    assert window.minimumSizeHint().width() <= 1024
