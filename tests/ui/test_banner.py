"""The banner stays one line high with its buttons, however long its message."""

from __future__ import annotations

from reader.ui.window.main_window import MainWindow

LONG = (
    "These notes were written by a newer Interview Reader and open read-only; saving is off "
    "until you update, and every change you make stays in memory only. " * 4
)


def test_banner_is_one_line_with_its_buttons(window: MainWindow, qtbot) -> None:
    window.resize(1024, 640)
    window.banner.show_message(LONG, [("Save Notes As…", lambda: None), ("Merge", lambda: None)])
    qtbot.waitUntil(window.banner.isVisible)
    qtbot.waitUntil(lambda: window.banner.height() > 0)
    button_height = max(b.sizeHint().height() for b in window.banner.buttons)
    assert window.banner.height() <= button_height + 10
    assert window.banner.height() < window.height() * 0.08
    assert all(
        b.isVisible() and b.width() >= b.minimumSizeHint().width() for b in window.banner.buttons
    )
    assert window.banner.label.is_elided() and window.banner.label.toolTip() == LONG
    assert window.banner.text() == LONG


def test_banner_hides_on_empty_text_and_dismiss(window: MainWindow, qtbot) -> None:
    window.banner.show_message("Saved elsewhere.")
    assert window.banner.isVisible() and not window.banner.label.is_elided()
    window.banner.buttons[-1].click()
    assert not window.banner.isVisible()
    window.banner.show_message("")
    assert not window.banner.isVisible()
