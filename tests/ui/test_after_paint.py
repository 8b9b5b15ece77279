"""reader/ui/after_paint.py: work that waits for a widget's next paint."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from reader.ui.after_paint import AfterPaint


class Painted(QWidget):
    def __init__(self, log: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.setMinimumSize(40, 40)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.log.append("paint")


def setup(qtbot: Any) -> tuple[QWidget, Painted, AfterPaint, list[str]]:
    log: list[str] = []
    window = QWidget()
    qtbot.addWidget(window)
    child = Painted(log, window)
    QVBoxLayout(window).addWidget(child)
    return window, child, AfterPaint(child, lambda: log.append("work")), log


def test_a_window_not_shown_yet_works_after_its_first_paint(qtbot: Any) -> None:
    window, _child, after, log = setup(qtbot)
    after.start()
    qtbot.wait(1)  # the event loop runs: no paint yet, so no work
    assert log == []
    window.show()
    qtbot.waitUntil(lambda: "work" in log)
    assert log.index("paint") < log.index("work")
    assert log.count("work") == 1


def test_a_shown_widget_works_after_its_next_paint(qtbot: Any) -> None:
    window, _child, after, log = setup(qtbot)
    window.show()
    qtbot.waitUntil(lambda: "paint" in log)
    log.clear()
    after.start()
    after.start()  # twice before the paint: once
    qtbot.waitUntil(lambda: "work" in log)
    assert log[0] == "paint" and log.count("work") == 1


def test_a_widget_hidden_in_a_shown_window_works_at_once(qtbot: Any) -> None:
    window, child, after, log = setup(qtbot)
    window.show()
    child.hide()
    after.start()
    qtbot.waitUntil(lambda: "work" in log)
    assert "paint" not in log[log.index("work") :]
