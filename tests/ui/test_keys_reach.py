"""Keys that reached the wrong place, found by a keyboard-only session: Tab into a dock
behind another's tab, the Search panel's Alt+A turning the find bar's option, Tab kept in
the F1 table, N starting before the note it adds to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QPushButton

from reader.ui.dialogs import NoteDialog
from reader.ui.lazy_dock import dock_showing
from reader.ui.window.main_window import MainWindow


def active(make_study_window: Any, folder: Path, qtbot: Any) -> MainWindow:
    window = make_study_window(folder)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.window_actions.focus_reader.trigger()
    return window


def dock_of(widget: Any) -> QDockWidget | None:
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    return widget


def test_tab_goes_into_the_docks_shown_only(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """The keyboard went into the Annotations' filter behind the Outline's tab, unseen:
    "xyz" typed there vanished. Then their tab came forward, and the Outline went, unasked.
    Now a dock behind another is no stop."""
    window = active(make_study_window, folder, qtbot)
    window.window_actions.focus_annotations.trigger()  # made, then behind the Outline again
    window.window_actions.focus_outline.trigger()
    window.window_actions.focus_reader.trigger()
    stops = []
    for _ in range(16):
        focus = QApplication.focusWidget()
        mod = Qt.KeyboardModifier.ControlModifier if focus is window.notes_editor else None
        QTest.keyClick(focus, Qt.Key.Key_Tab, mod or Qt.KeyboardModifier.NoModifier)
        dock = dock_of(QApplication.focusWidget())
        if dock is not None:
            stops.append((dock.objectName(), dock_showing(dock)))
    assert stops and all(showing for _, showing in stops), stops
    assert {name for name, _ in stops} == {"library-dock", "outline-dock"}


def test_the_search_panels_option_keys_are_its_own(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Alt+A in Search Everything turned the find bar's Match case (a button shortcut for
    the whole window); with the bar closed it typed an "a"."""
    window = active(make_study_window, folder, qtbot)
    window.window_actions.find.trigger()
    window.window_actions.search_everything.trigger()
    panel = window.search_panel
    qtbot.waitUntil(lambda: panel.edit.hasFocus())
    QTest.keyClick(panel.edit, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert panel.case_button.isChecked() and not window._find_bar.case_button.isChecked()
    window._find_bar.edit.setFocus()
    QTest.keyClick(window._find_bar.edit, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert window._find_bar.word_button.isChecked() and not panel.word_button.isChecked()


def test_tab_leaves_the_keyboard_shortcuts_table_for_close(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = active(make_study_window, folder, qtbot)
    QTest.keyClick(window.reader, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "shortcuts-dialog")
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    reached = set()
    for _ in range(4):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(type(QApplication.focusWidget()))
    assert QPushButton in reached


def test_a_note_opened_again_takes_the_typing_after_it(qtbot: Any) -> None:
    """N on a noted highlight, " second" typed: the note became "secondfirst"."""
    dialog = NoteDialog("a quote", "first")
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.editor, " second")
    assert dialog.note() == "first second"


def test_escape_in_a_side_panels_list_goes_back_to_the_reader(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """As from Search: Escape did nothing in the Outline, Annotations, Codebook and
    Library lists."""
    window = active(make_study_window, folder, qtbot)
    codes = window.window_actions.codes
    for go, view in (
        (window.window_actions.focus_outline, lambda: window.outline),
        (window.window_actions.focus_annotations, lambda: window.annotations.view),
        (codes.focus_codebook, lambda: window.codebook.panel.view),
        (window.window_actions.focus_library, lambda: window.library.view),
    ):
        go.trigger()
        qtbot.waitUntil(lambda view=view: view().hasFocus())
        QTest.keyClick(view(), Qt.Key.Key_Escape)
        qtbot.waitUntil(window.reader.hasFocus)


def test_escape_in_a_side_list_dismisses_a_message_with_dismiss_alone(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """As Escape anywhere does: going back to the reader kept the message."""
    window = active(make_study_window, folder, qtbot)
    window.banner.show_message("Saved elsewhere.")
    qtbot.waitUntil(window.banner.isVisible)
    window.window_actions.focus_outline.trigger()
    qtbot.waitUntil(window.outline.hasFocus)
    QTest.keyClick(window.outline, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.reader.hasFocus() and not window.banner.isVisible())
