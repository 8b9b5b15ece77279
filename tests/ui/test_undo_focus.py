"""Edit ▸ Undo works on the history of where the focus is (reader/ui/window/undo_focus.py):
the library's and the codebook's in a study are the study's, everywhere else the open
interview's; decided in one place, whatever happens first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import highlight_with_key, wait_saved
from tests.ui.test_read_only_undo import activate
from tests.ui.test_switch_history import highlight

CTRL = Qt.KeyboardModifier.ControlModifier


def active(window: MainWindow) -> Any:
    return window.interview.undo_group.activeStack()


def test_undo_follows_the_focus_across_a_switch_in_a_study(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    activate(window, qtbot)
    highlight(window, qtbot, "coffee")
    assert active(window) is window.interview.controller.undo_stack
    view = window.library.view
    view.setFocus()
    qtbot.waitUntil(lambda: active(window) is window.study.undo_stack)
    # The next interview opens while the library keeps the focus: Undo stays the study's.
    qtbot.keyClick(view, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: window.switcher.current == window.study.study.interviews[1].id)
    assert view.hasFocus() and active(window) is window.study.undo_stack
    window.reader.setFocus()
    qtbot.waitUntil(lambda: active(window) is window.interview.controller.undo_stack)
    # The codebook, made on first use, claims the study's history too.
    window.window_actions.codes.focus_codebook.trigger()
    qtbot.waitUntil(lambda: active(window) is window.study.undo_stack)


def test_the_codebook_of_a_lone_interview_undoes_in_the_interview(
    make_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    window = make_window()
    activate(window, qtbot)
    interview = window.interview.controller.undo_stack
    window.window_actions.codes.focus_codebook.trigger()
    qtbot.waitUntil(lambda: window.codebook.panel.view.hasFocus())
    assert active(window) is interview


def test_the_menu_bar_taking_the_focus_leaves_undo_to_the_pane_left(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    activate(window, qtbot)
    highlight(window, qtbot, "coffee")
    view = window.library.view
    view.setFocus()
    qtbot.waitUntil(lambda: active(window) is window.study.undo_stack)
    bar = window.menuBar()
    bar.setFocus(Qt.FocusReason.MenuBarFocusReason)  # as Alt+E gives it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar)
    assert active(window) is window.study.undo_stack


# Edit ▸ Undo in a text field: the field's own typing history, as Ctrl+Z typed there -------


def from_the_menu(window: MainWindow, qtbot: Any, action: QAction) -> None:
    """Alt+E takes the focus to the menu bar, then the action is chosen."""
    bar = window.menuBar()
    bar.setFocus(Qt.FocusReason.MenuBarFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar)
    action.trigger()


def test_undo_with_the_notes_focused_undoes_the_typing_not_a_highlight(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any
) -> None:
    window = make_window()
    activate(window, qtbot)
    undo, redo, editor = window.window_actions.undo, window.window_actions.redo, window.notes_editor
    highlight_with_key(window, qtbot, "Hollywood")
    wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 1)
    qtbot.keyClick(window.reader, Qt.Key.Key_2, CTRL)  # Go to Notes
    qtbot.waitUntil(editor.hasFocus)
    assert not undo.isEnabled() and undo.text() == "&Undo"  # nothing typed in the notes yet
    qtbot.keyClicks(editor, "xyz")
    assert undo.isEnabled() and undo.text() == "&Undo Typing"
    from_the_menu(window, qtbot, undo)
    assert "xyz" not in editor.toPlainText()
    data = wait_saved(qtbot, notes_path, lambda d: "xyz" not in d["notes"])
    assert [h["exact"] for h in data["highlights"]] == ["Hollywood"]
    assert redo.text() == "&Redo Typing" and not undo.isEnabled()
    from_the_menu(window, qtbot, redo)
    assert editor.toPlainText().endswith("xyz")
    # In the reader, Undo is the highlights' again: the typing stays.
    qtbot.keyClick(editor, Qt.Key.Key_1, CTRL)  # Go to Reader
    qtbot.waitUntil(window.reader.hasFocus)
    assert undo.text() == "&Undo Add Highlight"
    from_the_menu(window, qtbot, undo)
    data = wait_saved(qtbot, notes_path, lambda d: not d["highlights"])
    assert data["notes"].endswith("xyz") and editor.toPlainText().endswith("xyz")
    # The preview shows the notes: Undo there undoes their typing, not a highlight unseen.
    highlight_with_key(window, qtbot, "Hollywood")
    window.window_actions.toggle_preview.trigger()
    window.notes_pane.preview.setFocus()
    qtbot.waitUntil(window.notes_pane.preview.hasFocus)
    assert undo.text() == "&Undo Typing"
    from_the_menu(window, qtbot, undo)
    qtbot.waitUntil(lambda: "xyz" not in window.notes_pane.preview.toPlainText())
    data = wait_saved(qtbot, notes_path, lambda d: "xyz" not in d["notes"])
    assert [h["exact"] for h in data["highlights"]] == ["Hollywood"]


def test_undo_in_a_filter_field_undoes_its_typing(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any
) -> None:
    window = make_window()
    activate(window, qtbot)
    highlight_with_key(window, qtbot, "Hollywood")
    field = window.annotations.filter_edit
    window.window_actions.focus_annotations.trigger()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "holly")
    assert window.window_actions.undo.text() == "&Undo Typing"
    from_the_menu(window, qtbot, window.window_actions.undo)
    assert field.text() == "" and len(window.interview.session.notes.highlights) == 1
    # A read-only text (the reader) has no typing to undo: not a field.
    window.reader.setFocus()
    qtbot.waitUntil(lambda: window.window_actions.undo.text() == "&Undo Add Highlight")
