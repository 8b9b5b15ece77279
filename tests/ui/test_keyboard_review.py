"""Found by a review of keyboard use and accessibility (2026-12-03): Alt+1 … Alt+9 code
in the reader only, Tab leaves the Speakers table, the note and colour fields and the code
picker's list are named, every item of an edit menu has its own letter, F1 lists the keys
the search panel, outline and coding windows take, and brings its window forward."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QPushButton, QWidget

from reader.ui import keys
from reader.ui.dialogs import ColorLabelsDialog, NoteDialog
from reader.ui.edit_menus import lettered
from reader.ui.window.main_window import MainWindow
from reader.ui.window.shortcuts import shortcut_groups
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_keys import in_f1, listed, taken


def opened_menu(watched: QWidget) -> list[str]:
    """The letters of the menu the Menu key opens on `watched`, closed once seen."""
    seen: list[list[str]] = []

    def close() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.append(letters(menu))
        menu.close()

    QTimer.singleShot(0, close)
    where = QPoint(2, 2)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, where, watched.mapToGlobal(where))
    QApplication.sendEvent(watched, event)
    (found,) = seen
    return found


def letters(menu: QMenu) -> list[str]:
    """Each item's letter ("" for none)."""
    found = []
    for action in menu.actions():
        if not action.isSeparator():
            text = action.text().split("\t")[0].replace("&&", "")
            found.append(text[text.index("&") + 1].lower() if "&" in text else "")
    return found


def test_alt_digits_code_in_the_reader_only(
    make_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    code_with_keys(window, qtbot, "Hollywood", "Streaming")  # Alt+1 holds it now
    session, reader = window.interview.session, window.reader
    start = session.document.text.index("Elisabeth")
    reader.select_span(start, start + 9)
    reader.setFocus()
    QTest.keyClick(reader, Qt.Key.Key_3)  # a highlight, the caret on it
    (plain,) = [h for h in session.notes.highlights if h.start == start]
    window.notes_editor.setFocus()
    qtbot.waitUntil(window.notes_editor.hasFocus)
    QTest.keyClick(window.notes_editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert session.highlight(plain.id).codes == ()  # nothing coded out of sight
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    QTest.keyClick(reader, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert session.highlight(plain.id).codes != ()


def test_tab_leaves_the_speakers_table_for_its_buttons(
    make_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.window_actions.speakers.trigger()
    dialog = window.speakers.dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    reached = set()
    for _ in range(12):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if isinstance(focused := QApplication.focusWidget(), QPushButton):
            reached.add(focused.text().replace("&", ""))
    assert {"Rename…", "Merge Into…"} <= reached


def test_the_note_and_colour_fields_are_named_and_described(qtbot: Any) -> None:
    note = NoteDialog("a quote", "")
    qtbot.addWidget(note)
    assert note.editor.accessibleName() == "Note"
    assert "Ctrl+Enter" in note.editor.accessibleDescription()
    colours = ColorLabelsDialog({"yellow": "Key quote", "blue": ""})
    qtbot.addWidget(colours)
    for edit in colours.edits.values():
        assert edit.accessibleName() and edit.accessibleDescription()


def test_the_code_pickers_list_is_named_and_its_row_said_in_the_field(
    make_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    window = make_window()
    code_with_keys(window, qtbot, "Hollywood", "Streaming")
    code_with_keys(window, qtbot, "Elisabeth", "Casting")
    picker = window.codebook.coding.picker
    assert picker.list.accessibleName() == "Codes"
    picker.list.setCurrentRow(0)
    assert picker.edit.accessibleDescription() == f"Enter: {picker.list.item(0).text()}"
    picker.list.setCurrentRow(1)
    assert picker.edit.accessibleDescription() == f"Enter: {picker.list.item(1).text()}"


def test_every_item_of_the_codebooks_menu_has_its_own_letter(
    make_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    window = make_window()
    code_with_keys(window, qtbot, "Hollywood", "Streaming")
    window.window_actions.codes.focus_codebook.trigger()
    found = opened_menu(window.codebook.panel.view)
    assert "" not in found and len(set(found)) == len(found), found


def test_the_notes_and_fields_edit_menus_letter_every_item(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window()
    editor = window.notes_editor
    editor.setPlainText("Some notes")
    editor.selectAll()
    for watched in (editor.viewport(), window.find_bar.edit):
        found = opened_menu(watched)
        assert "" not in found and len(set(found)) == len(found), found
    standard = lettered(window.find_bar.edit.createStandardContextMenu())
    assert "Select &All\tCtrl+A" in [action.text() for action in standard.actions()]


def test_f1_lists_the_keys_of_the_search_panel_outline_and_coding_windows(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window()
    window.window_actions.search_everything.trigger()
    panel = window.search_panel
    panel.edit.setText("Hollywood")
    panel.search()
    modifiers = [Qt.KeyboardModifier.NoModifier]
    handled = taken(lambda e: panel.eventFilter(panel.edit, e), modifiers)
    assert panel.first_result() is not None
    panel.tree.setCurrentItem(panel.first_result())
    handled |= taken(lambda e: panel.eventFilter(panel.tree, e), modifiers)
    ctrl = [Qt.KeyboardModifier.ControlModifier]  # Ctrl+C copies the results selected
    copies = taken(lambda e: panel.results_out.eventFilter(panel.tree, e), ctrl)
    assert copies == {"Ctrl+C", "Ctrl+Ins"}  # Copy's keys: Ctrl+Insert too, as in a text field
    handled |= copies - {"Ctrl+Ins"}
    options = {"Alt+A", "Alt+W", "Alt+R", "Alt+D"}
    assert handled | options == listed(keys.SEARCH) - {"Menu"}  # a context menu event's
    groups = dict(shortcut_groups(window, window.window_actions))
    for where, table in [
        ("Search Everything", keys.SEARCH),
        ("Outline", keys.OUTLINE),
        ("Coded Passages", keys.CODED_PASSAGES),
        ("Pictures of the Coding", keys.PICTURES),
    ]:
        assert where in groups and in_f1(window, where, table)


def test_f1_again_brings_its_window_forward(window: MainWindow, qtbot: Any) -> None:
    for _ in range(3):
        window.window_actions.shortcuts.trigger()
        QApplication.processEvents()
    shown = [d for d in window.findChildren(QDialog, "shortcuts-dialog") if d.isVisible()]
    assert len(shown) == 1
    shown[0].reject()  # closed: it goes, and the next F1 makes one again
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChild(QDialog, "shortcuts-dialog") is None
    window.window_actions.shortcuts.trigger()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "shortcuts-dialog") is not None)
