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


def test_a_message_added_waits_behind_the_one_shown_which_keeps_its_buttons(
    window: MainWindow, qtbot
) -> None:
    """The count says one more waits; each message keeps its own buttons; Dismiss (or
    Escape, with nothing to decide) shows the next; a newer message replaces them all."""
    from PySide6.QtCore import Qt

    window.resize(1024, 640)
    banner, merged = window.banner, []
    banner.show_message(LONG, [("Merge", lambda: merged.append(True))])
    banner.add_message("study.json could not be read; it was set aside.")
    assert banner.text() == LONG and banner.count.isVisible() and banner.count.text() == "1 of 2"
    assert [b.text() for b in banner.buttons] == ["Merge", "Dismiss"]
    qtbot.waitUntil(lambda: banner.height() > 0)
    button_height = max(b.sizeHint().height() for b in banner.buttons)
    assert banner.height() <= button_height + 10  # one line, the count beside the text
    qtbot.mouseClick(banner.buttons[0], Qt.MouseButton.LeftButton)
    assert merged == [True] and banner.text() == LONG  # its button acts on it
    qtbot.mouseClick(banner.buttons[-1], Qt.MouseButton.LeftButton)  # Dismiss
    assert banner.text() == "study.json could not be read; it was set aside."
    assert [b.text() for b in banner.buttons] == ["Dismiss"] and not banner.count.isVisible()
    banner.add_message("Another.")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert banner.isVisible() and banner.text() == "Another."
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert not banner.isVisible()
    banner.add_message("Alone.")  # none shown: at once
    assert banner.isVisible() and banner.text() == "Alone." and not banner.count.isVisible()
    banner.add_message("Behind.")
    banner.show_message("Newer.")  # replaces what was shown and what waited
    assert not banner.count.isVisible()
    banner.buttons[-1].click()
    assert not banner.isVisible()


def test_what_a_messages_button_says_replaces_that_message_only(window: MainWindow, qtbot) -> None:
    banner = window.banner
    banner.show_message(
        "The notes changed on disk.", [("Merge", lambda: banner.show_message("Merged."))]
    )
    banner.add_message("Opened the study read-only.", [("Hide", lambda: banner.show_message(""))])
    banner.buttons[0].click()
    assert banner.text() == "Merged." and banner.count.text() == "1 of 2"
    banner.buttons[-1].click()
    assert banner.text() == "Opened the study read-only." and not banner.count.isVisible()
    banner.buttons[0].click()  # its own button hides it: none waits
    assert not banner.isVisible()
    banner.show_message("Shown.")
    banner.add_message("Waiting.")
    banner.show_message("")  # not by a button of the message: all go, as before
    assert not banner.isVisible()
    banner.add_message("Alone.")
    assert banner.text() == "Alone." and not banner.count.isVisible()
