"""The key of a greyed-out item says why in the status line (reader/ui/window/key_hints.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from reader.ui.window.main_window import MainWindow

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_a_greyed_out_items_key_says_why(window: MainWindow, qtbot: Any) -> None:
    """Ctrl+Shift+R before any code and Ctrl+PgDn outside a study did nothing at all."""
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    assert not window.window_actions.codes.retrieve.isEnabled()
    qtbot.keyClick(window.reader, Qt.Key.Key_R, CTRL | SHIFT)
    assert window.statusBar().currentMessage() == (
        "Retrieve Coded Passages: No codes yet: select words and press C to code them."
    )
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, CTRL)
    assert window.statusBar().currentMessage() == (
        "Next Interview: Open a study first (File ▸ Open Study…)."
    )


def test_keys_that_act_or_type_are_left_alone(window: MainWindow, qtbot: Any) -> None:
    editor = window.notes_editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    window.statusBar().clearMessage()
    qtbot.keyClicks(editor, "Night shifts")
    assert editor.toPlainText() == "Night shifts"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)  # Undo can act: it undoes, and says nothing
    assert editor.toPlainText() == "Night "  # the last word typed
    assert window.statusBar().currentMessage() == ""
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL)  # Find acts
    qtbot.waitUntil(lambda: window.find_bar.isVisible())


def test_the_readers_hint_goes_when_the_caret_moves_on(window: MainWindow, qtbot: Any) -> None:
    """ "No highlight before the caret" stayed up to six seconds after ] had gone to one."""
    reader, status = window.reader, window.statusBar()
    text = window.interview.session.document.text
    start = text.index("home movie")
    reader.select_span(start, start + len("home movie"))
    qtbot.keyClick(reader, Qt.Key.Key_H)
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(reader, Qt.Key.Key_BracketLeft)
    assert status.currentMessage().startswith("No highlight or coded passage before")
    qtbot.keyClick(reader, Qt.Key.Key_BracketRight)
    assert reader.current_highlight_id is not None
    assert status.currentMessage() == ""
    status.showMessage("Saved.")  # another's message stays its time
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)
    assert status.currentMessage() == "Saved."


def test_each_button_of_the_notes_bar_names_its_key(window: MainWindow) -> None:
    """Hovered, Bold said "(Ctrl+B)" and Heading 1 "(Ctrl+Alt+1)", but Preview said only
    "Preview Notes": its key, Ctrl+Shift+P, was found in the menu alone."""
    keyed = [a for a in window.notes_pane.toolbar.actions() if not a.shortcut().isEmpty()]
    assert window.window_actions.toggle_preview in keyed
    for action in keyed:
        assert f"({action.shortcut().toString()})" in action.toolTip(), action.text()
