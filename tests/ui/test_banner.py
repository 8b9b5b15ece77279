"""The banner stays one line high with its buttons, however long its message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from reader.core.notes_file import VERSION
from reader.ui.window.banner import Banner
from reader.ui.window.main_window import MainWindow
from tests.ui.test_safety import notes_with, saved

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


def test_at_1024_newer_notes_say_first_that_they_are_read_only(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot
) -> None:
    """The message ran "These notes cannot be changed here: it was written by a newer
    Interview Reader (format version 3; this build reads up…", its end ("Opened
    read-only") never shown; the empty notes still said to press H and Q."""
    notes_with(notes_path, ["Rehearsal"])
    data = saved(notes_path)
    data["version"] = 99
    notes_path.write_bytes(orjson.dumps(data))
    window = make_window()
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() <= 1024)
    QApplication.processEvents()
    text = window.banner.text()
    assert text == (
        "Opened read-only: these notes were written by a newer Interview Reader "
        f"(format 99; this one reads up to {VERSION})."
    )
    shown = window.banner.label.shown_text()
    assert shown.startswith("Opened read-only: these notes were written by a newer")
    if shown != text:  # cut after a whole word, the rest in the tooltip
        assert shown.endswith("…") and text[len(shown) - 1] == " "
        assert window.banner.label.toolTip() == text
    hint = window.notes_editor.hint
    assert "read-only" in hint and "press H" not in hint


def test_a_cut_message_ends_after_a_whole_word(window: MainWindow, qtbot) -> None:
    window.resize(1024, 640)
    window.banner.show_message(LONG)
    qtbot.waitUntil(lambda: window.banner.label.is_elided())
    shown = window.banner.label.shown_text()
    assert shown.endswith("…") and LONG[len(shown) - 1] == " "


def test_a_cut_message_is_read_whole_with_more(window: MainWindow, qtbot, dialogs) -> None:
    """Cut at the window's width, the rest of a message was in its tooltip alone: out of
    reach of the keyboard, and unseen (a study's files skipped, notes of a newer build)."""
    banner = window.banner
    window.resize(1024, 640)
    banner.show_message(LONG)
    qtbot.waitUntil(banner.more.isVisible)
    banner.more.click()
    assert dialogs.shown[-1] == ("information", f"Message: {LONG}")
    banner.show_message("Saved.")
    qtbot.waitUntil(lambda: not banner.more.isVisible())
    window.resize(1024, 640)
    banner.show_message(LONG[:60])  # fits: no More…
    QApplication.processEvents()
    assert not banner.more.isVisible()


def test_a_message_replaced_as_a_dialog_opens_shows_only_its_own_buttons(qtbot) -> None:
    """Found by the safety review: a new message just before a question (switching
    interviews on a full disk) showed the old one's buttons beside its own while the
    dialog was open ("Save Notes As… Dismiss Save Notes As… Dismiss"): the old ones were
    only deleted later, which a dialog's own loop does not do."""
    host = QWidget()
    qtbot.addWidget(host)
    banner = Banner(host)
    host.show()
    banner.show_message("Your notes could not be saved", [("Save Notes As…", lambda: None)])
    seen: list[list[str]] = []
    box = QMessageBox(host)

    def look() -> None:
        seen.append([b.text() for b in banner.findChildren(QPushButton) if b.isVisible()])
        box.done(0)

    def switch() -> None:  # in the event loop, as a key the window handles
        banner.show_message("Still not saved", [("Save Notes As…", lambda: None)])
        QTimer.singleShot(50, look)
        box.exec()

    QTimer.singleShot(0, switch)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] == ["Save Notes As…", "Dismiss"]


def test_dismissing_messages_with_the_keyboard_goes_from_one_to_the_next(
    window: MainWindow, qtbot
) -> None:
    """Space on Dismiss left the focus on the reader while another message showed: Tab back
    each time. The next message's Dismiss takes it; the reader once none is left."""
    from PySide6.QtCore import Qt

    from tests.ui.test_read_only_undo import activate

    activate(window, qtbot)
    banner = window.banner
    banner.show_message("Saved elsewhere.", [("Merge", lambda: None)])
    banner.add_message("study.json could not be read; it was set aside.", [("Show", lambda: None)])
    banner.add_message("Another.")
    banner.buttons[-1].setFocus(Qt.FocusReason.TabFocusReason)
    for left in ("study.json could not be read; it was set aside.", "Another."):
        qtbot.waitUntil(banner.buttons[-1].hasFocus, timeout=10_000)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        assert banner.text() == left
        assert QApplication.focusWidget() is banner.buttons[-1]  # Dismiss
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert not banner.isVisible() and QApplication.focusWidget() is window.reader
    banner.show_message("Changed on disk.", [("Merge", lambda: banner.show_message("Merged."))])
    merge = banner.buttons[0]
    merge.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(merge.hasFocus, timeout=10_000)
    qtbot.keyClick(merge, Qt.Key.Key_Space)  # what it says replaces its message
    assert banner.text() == "Merged." and QApplication.focusWidget() is banner.buttons[-1]
