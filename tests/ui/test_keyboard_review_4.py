"""Found by a review of keyboard-only use (2026-12-05): Escape did nothing on a side
panel's drop-downs, buttons and check box, nor on the panels' tabs, a message's buttons,
the recording's bar or the notes' tabs and formatting bar, where it goes back to the
reader from the lists and filters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTabBar, QToolBar, QWidget

from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_read_only_undo import activate
from tests.ui.test_recording import TRANSCRIPT
from tests.ui.test_recording_times import opened


def escaped(widget: QWidget, qtbot: Any) -> QWidget | None:
    """Escape pressed on `widget`, given the focus: the focus after it."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=10_000)
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    return QApplication.focusWidget()


def test_escape_on_a_panels_drop_down_button_or_box_goes_back_to_the_reader(
    window: MainWindow, qtbot: Any
) -> None:
    activate(window, qtbot)
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    window.window_actions.focus_annotations.trigger()
    panel = window.annotations
    for combo in (panel.color_filter, panel.tag_filter):
        assert escaped(combo, qtbot) is window.reader, combo.accessibleName()
    window.window_actions.codes.focus_codebook.trigger()
    book = window.codebook.panel
    qtbot.waitUntil(book.view.hasFocus, timeout=10_000)
    controls = (book.new_button, book.child_button, book.merge_button, book.delete_button)
    for control in (*controls, book.color_button, book.category_box):
        assert control.isEnabled()
        assert escaped(control, qtbot) is window.reader, control.text()
    tabs = [bar for bar in window.findChildren(QTabBar) if bar.accessibleName() == "Panels"]
    assert tabs and escaped(tabs[0], qtbot) is window.reader


def test_escape_that_a_panels_control_uses_stays_there(window: MainWindow, qtbot: Any) -> None:
    """An open drop-down closes first, a code being renamed is left as it was; the next
    Escape goes back to the reader."""
    activate(window, qtbot)
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    window.window_actions.focus_annotations.trigger()
    combo = window.annotations.tag_filter
    combo.setFocus()
    combo.showPopup()
    qtbot.waitUntil(combo.view().isVisible, timeout=10_000)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not combo.view().isVisible(), timeout=10_000)
    assert QApplication.focusWidget() is combo
    window.window_actions.codes.focus_codebook.trigger()
    tree = window.codebook.panel.view
    qtbot.waitUntil(tree.hasFocus, timeout=10_000)
    tree.edit(tree.currentIndex())
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Films")
    assert escaped(editor, qtbot) is tree
    assert tree.currentIndex().data().startswith("Streaming")
    assert escaped(tree, qtbot) is window.reader


def test_escape_in_a_floating_panel_goes_back_to_the_reader(window: MainWindow, qtbot: Any) -> None:
    """Its window the main window again, which the panel, in a window of its own, kept."""
    activate(window, qtbot)
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    window.window_actions.codes.focus_codebook.trigger()
    dock = window.codebook.dock
    dock.setFloating(True)
    dock.activateWindow()
    qtbot.waitUntil(dock.isActiveWindow, timeout=10_000)
    escaped(window.codebook.panel.new_button, qtbot)
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.reader.hasFocus(), timeout=10_000)


def test_escape_above_and_beside_the_text_goes_back_to_the_reader(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """A message's buttons (the message stays: it asks something), the notes' tabs and
    formatting bar; in the notes, where one writes, Escape leaves the keyboard there."""
    window = make_study_window(folder)
    activate(window, qtbot)
    window.banner.show_message("Changed on disk.", [("Merge", lambda: None)])
    assert escaped(window.banner.buttons[0], qtbot) is window.reader
    assert window.banner.isVisible()
    pane = window.notes_pane
    assert escaped(pane.tabs, qtbot) is window.reader
    bar = pane.findChild(QToolBar, "notes-toolbar")
    assert escaped(bar.widgetForAction(bar.actions()[0]), qtbot) is window.reader
    assert escaped(window.notes_editor, qtbot) is window.notes_editor
    code_with_keys(window, qtbot, "coffee", "Comfort")
    window.window_actions.codes.focus_codebook.trigger()
    memo = window.codebook.panel.memo  # a code's description, where one writes too
    assert memo.isEnabled() and escaped(memo, qtbot) is memo


def test_escape_on_the_recordings_bar_goes_back_to_the_reader(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    window = opened(make_window, tmp_path / "talk", TRANSCRIPT)
    activate(window, qtbot)
    slider = window.player_bar.slider
    qtbot.waitUntil(slider.isVisible, timeout=10_000)
    assert escaped(slider, qtbot) is window.reader


def test_escape_in_search_keeps_the_words_and_dismisses_a_message_as_elsewhere(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Search kept its Escape to itself: a message with Dismiss alone stayed, as it did
    not from the other panels."""
    window = make_study_window(folder)
    activate(window, qtbot)
    window.banner.show_message("Saved elsewhere.")
    window.window_actions.search_everything.trigger()
    field = window.search_panel.edit
    qtbot.waitUntil(field.hasFocus, timeout=10_000)
    qtbot.keyClicks(field, "coffee")
    assert escaped(field, qtbot) is window.reader
    assert field.text() == "coffee" and not window.banner.isVisible()
