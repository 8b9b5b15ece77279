"""PySide6 6.12.0 on Python 3.11 aborts after ~5,000 calls of a wrapped void method."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def test_twenty_thousand_void_calls_do_not_abort(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    for i in range(20_000):
        widget.setMinimumWidth(i % 7)  # returns None: the call that leaked a None reference
    assert widget.minimumWidth() == 19_999 % 7
