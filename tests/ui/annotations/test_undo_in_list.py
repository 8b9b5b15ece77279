"""Ctrl+Z and Ctrl+Shift+Z in the Annotations list: a highlight deleted there and brought
back is the current row again, so the next Delete acts on it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from reader.ui.annotations.model import ID_ROLE
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import highlight_with_key, wait_saved

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
WORDS = ("Elisabeth Moss", "home movie", "Becky Something")


def list_of_three(window: MainWindow, qtbot) -> dict[str, str]:
    """Three highlights, the list with the focus on the first: their ids by words."""
    for words in WORDS:
        highlight_with_key(window, qtbot, words, key=Qt.Key.Key_1)
    qtbot.keyClick(window.reader, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, CTRL)
    view = window.annotations.view
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    return {h.exact: h.id for h in window.interview.session.notes.highlights}


def saved_words(qtbot, notes_path: Path, count: int) -> list[str]:
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == count)
    return sorted(h["exact"] for h in data["highlights"])


def test_undo_of_a_delete_makes_the_highlight_current_again(
    window: MainWindow, qtbot, notes_path: Path
) -> None:
    """The row that took the deleted one's place stayed current after Ctrl+Z, so a second
    Delete removed that neighbour, not the highlight just brought back."""
    ids = list_of_three(window, qtbot)
    panel, view = window.annotations, window.annotations.view
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert panel.current_id() == ids["home movie"]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert panel.current_id() == ids["Becky Something"]  # the next row takes its place
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert panel.current_id() == ids["home movie"] and view.hasFocus()
    assert view.selectionModel().isSelected(view.currentIndex())
    assert window.reader.current_highlight_id == ids["home movie"]  # the reader shows it too
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)  # redone: as after the first Delete
    assert panel.current_id() == ids["Becky Something"]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert saved_words(qtbot, notes_path, 2) == ["Becky Something", "Elisabeth Moss"]


def test_shift_arrows_select_several_and_delete_deletes_them_as_one_step(
    window: MainWindow, qtbot, notes_path: Path
) -> None:
    """Shift+Down moved the current row alone (a list of one choice): several highlights
    were deleted a Delete each, and brought back a Ctrl+Z each. Now Delete deletes those
    selected, one step: Ctrl+Z brings them back selected, Ctrl+Shift+Z deletes them again."""
    for words in ("screenwriting", "rehearsal"):
        highlight_with_key(window, qtbot, words, key=Qt.Key.Key_2)
    ids = list_of_three(window, qtbot)
    panel, view = window.annotations, window.annotations.view
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    assert len(view.selectionModel().selectedRows()) == 3
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert saved_words(qtbot, notes_path, 2) == ["rehearsal", "screenwriting"]
    assert window.statusBar().currentMessage() == (
        "3 highlights deleted. Edit ▸ Undo brings them back."
    )
    assert panel.current_id() == ids["screenwriting"] and view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved_words(qtbot, notes_path, 5) == sorted([*WORDS, "rehearsal", "screenwriting"])
    selected = {index.data(ID_ROLE) for index in view.selectionModel().selectedRows()}
    assert selected == {ids[words] for words in WORDS}
    assert panel.current_id() == ids["Becky Something"]  # where Shift+Down left it
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert saved_words(qtbot, notes_path, 2) == ["rehearsal", "screenwriting"]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # one row chosen again: Delete deletes it alone
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert saved_words(qtbot, notes_path, 4) == sorted([*WORDS, "rehearsal"])


def test_enter_and_ctrl_click_keep_the_rows_selected(
    window: MainWindow, qtbot, notes_path: Path
) -> None:
    """Enter on one of several rows selected, or a Ctrl+click adding one, went to that
    highlight and left it alone selected: the next Delete deleted it alone. The row menu
    (Menu key) deletes them all."""
    ids = list_of_three(window, qtbot)
    panel, view = window.annotations, window.annotations.view
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.reader.current_highlight_id == ids["home movie"]
    last = view.visualRect(view.model().index(2, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, CTRL, last)
    assert panel.current_id() == ids["Becky Something"]
    assert len(view.selectionModel().selectedRows()) == 3
    offered: list[str] = []

    def delete_in_the_menu() -> None:
        menu = QApplication.activePopupWidget()
        offered.extend(action.text() for action in menu.actions())
        qtbot.keyClick(menu, Qt.Key.Key_D)

    QTimer.singleShot(0, delete_in_the_menu)
    where = view.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).center()
    menu_key = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, where, view.mapToGlobal(where))
    QApplication.sendEvent(view, menu_key)
    assert "&Delete 3 Highlights\tDelete" in offered
    assert saved_words(qtbot, notes_path, 0) == []
