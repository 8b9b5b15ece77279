"""reader/ui/library/header_line.py: the line above the reader in a study stays one line,
as wide as it is given: a long title with many attributes once made the window wider than
a 1024 px screen, the notes pane off it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from reader.ui.library.header_line import fit_line
from reader.ui.window.main_window import MainWindow

TITLE = "Master potter Chen on apprenticeship, kiln firing and the young generation " * 3
ATTRIBUTES = {
    "Role": "gardener and potter",
    "City": "Jingdezhen, Jiangxi province",
    "Fieldwork site": "The old kiln street, workshop behind the market",
    "Years of practice": "forty-one",
}


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path) -> MainWindow:
    window = make_study_window(folder)
    study = window.study
    first = study.study.interviews[0].id
    assert study.rename(first, title=TITLE, participant="Sofia Lindqvist-Marchetti")
    for label, value in ATTRIBUTES.items():
        assert study.define_attribute(label, "text", [])
        key = study.study.data.attributes[-1].key
        assert study.set_attribute(first, key, value)
    return window


def on_screen(widget: QWidget, window: MainWindow) -> bool:
    left = widget.mapTo(window, widget.rect().topLeft()).x()
    return widget.isVisible() and left + widget.width() <= window.width()


def shown_width(label: QLabel) -> int:
    """The width the label's rich text takes as set (QLabel's own hint, not the line's)."""
    return QLabel.sizeHint(label).width()


def test_a_long_header_keeps_the_window_on_a_1024_px_screen(window: MainWindow, qtbot: Any) -> None:
    header = window.header_line
    qtbot.waitUntil(header.isVisible)
    assert header.minimumSizeHint().width() < 150
    assert window.minimumSizeHint().width() <= 1024
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() <= 1024)
    QApplication.processEvents()
    assert on_screen(window.notes_pane, window) and on_screen(window.reader, window)
    assert shown_width(header) <= header.width()  # elided, not cut
    assert header.text().startswith("<b>Master potter Chen")
    line = " · ".join([" ".join(TITLE.split()), "Sofia Lindqvist-Marchetti"])
    line += "".join(f" · {label}: {value}" for label, value in ATTRIBUTES.items())
    assert header.full_text() == line
    assert header.toolTip().startswith(line) and header.accessibleDescription() == line
    one_line = header.fontMetrics().height() + header.contentsMargins().top() * 2 + 4
    assert header.height() <= one_line


def test_it_refits_on_resize_and_font_change(window: MainWindow, qtbot: Any) -> None:
    header = window.header_line
    window.resize(1024, 640)
    qtbot.waitUntil(header.isVisible)
    narrow = header.text()
    assert "Fieldwork site" not in narrow and "…" in narrow
    window.resize(6000, 640)  # room for all of it
    qtbot.waitUntil(lambda: "Years of practice: forty-one" in header.text())
    assert "…" not in header.text()
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: header.text() == narrow)
    bigger = QFont(header.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 1.6)
    header.setFont(bigger)
    qtbot.waitUntil(lambda: header.text() != narrow)
    assert shown_width(header) <= header.width()


def test_an_edit_shows_at_once_and_closing_the_study_hides_it(
    window: MainWindow, qtbot: Any
) -> None:
    header = window.header_line
    first = window.study.study.interviews[0].id
    assert window.study.rename(first, title="Short")
    assert header.text().startswith("<b>Short</b> · Sofia Lindqvist-Marchetti")
    window.study.close()
    qtbot.waitUntil(lambda: not header.isVisible())


def fonts() -> tuple[QFontMetrics, QFontMetrics]:
    plain = QFont(QApplication.font())
    bold = QFont(plain)
    bold.setBold(True)
    return QFontMetrics(bold), QFontMetrics(plain)


@pytest.mark.parametrize("room", [0, 1, 5, 30, 80, 200, 400, 2000])
def test_fit_line_never_exceeds_its_room(qtbot: Any, room: int) -> None:
    bold, plain = fonts()
    parts = ["A title <b>with</b> & marks", "Ana", "2024-03-01", "Role: nurse", "City: Köln"]
    html = fit_line(parts, room, bold, plain)
    label = QLabel(html)
    qtbot.addWidget(label)
    label.setFont(QApplication.font())
    assert "<b>with</b>" not in html  # escaped, not markup
    if room >= 80:
        assert QLabel.sizeHint(label).width() <= room + 2
    if room == 2000:
        assert html.endswith("City: Köln")
    if room == 200:
        assert html.endswith(" · …") or html.endswith("…")


def test_fit_line_drops_attributes_before_the_title(qtbot: Any) -> None:
    bold, plain = fonts()
    parts = ["Title", "Ana", "Role: a long value indeed"]
    room = bold.horizontalAdvance("Title") + plain.horizontalAdvance(" · Ana · …") + 1
    assert fit_line(parts, room, bold, plain) == "<b>Title</b> · Ana · …"
    assert fit_line(["Title"], 1000, bold, plain) == "<b>Title</b>"
    room = bold.horizontalAdvance("Title") + plain.horizontalAdvance(" …")
    assert fit_line(parts, room, bold, plain) == "<b>Title</b> …"
    assert fit_line(parts, bold.horizontalAdvance("Title"), bold, plain) == "<b>Title</b>"
