"""The Annotations list walked by keys alone, as a keyboard user works in it for an hour:
moving, going to a passage, a note, several deleted and brought back, the code, colour and
words filters reached with Tab, the row menu, Escape back to the reader; the notes file on
disk after each change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QListView

from reader.ui.window.main_window import MainWindow
from tests.ui.annotations.test_undo_in_list import CTRL, SHIFT
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_highlights import highlight_with_key, wait_saved

# In text order, with their colour keys (1 Key quote, 2 Method); "Raging Bull" is coded.
MARKED = (
    ("Elisabeth Moss", Qt.Key.Key_1),
    ("home movie", Qt.Key.Key_2),
    ("punk rock star", Qt.Key.Key_2),
    ("Becky Something", Qt.Key.Key_1),
    ("screenwriting", Qt.Key.Key_1),
    ("rehearsal", Qt.Key.Key_2),
)


def on_disk(qtbot, notes_path: Path, count: int) -> dict[str, str]:
    """The notes file's highlights once it holds `count`: their notes by their words."""
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == count)
    return {h["exact"]: h["note"] for h in data["highlights"]}


def press(qtbot, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """`key` where the focus is, as the keyboard sends it."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


def row_words(view: QListView) -> str:
    current = view.currentIndex()
    assert view.selectionModel().isSelected(current)  # chosen: filled, not a bare frame
    assert view.viewport().rect().intersects(view.visualRect(current))  # and in sight
    return current.data()


def test_a_keyboard_walk_of_the_annotations_list(
    window: MainWindow, qtbot, dialogs, notes_path: Path
) -> None:
    for words, key in MARKED:
        highlight_with_key(window, qtbot, words, key=key)
    code_with_keys(window, qtbot, "Raging Bull", "Influence")
    ids = {h.exact: h.id for h in window.interview.session.notes.highlights}
    assert len(on_disk(qtbot, notes_path, 7)) == 7
    qtbot.keyClick(window.reader, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, CTRL)
    panel, view = window.annotations, window.annotations.view
    qtbot.waitUntil(view.hasFocus)
    assert row_words(view) == "Elisabeth Moss"  # chosen as the list takes the keys

    # Moving: the reader shows each row's passage as the arrows reach it.
    press(qtbot, Qt.Key.Key_End)
    assert row_words(view) == "rehearsal"
    assert window.reader.current_highlight_id == ids["rehearsal"]
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_PageDown)
    assert row_words(view) != "Elisabeth Moss"
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert row_words(view) == "Raging Bull"

    # Enter goes to it; F2 writes its note.
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert window.reader.current_highlight_id == ids["punk rock star"]
    dialogs.note_answers.append("Why punk?")
    press(qtbot, Qt.Key.Key_F2)
    noted = wait_saved(qtbot, notes_path, lambda d: any(h["note"] for h in d["highlights"]))
    assert [h["exact"] for h in noted["highlights"] if h["note"] == "Why punk?"] == [
        "punk rock star"
    ]
    assert view.hasFocus()

    # Two selected, deleted as one step, brought back selected with one Ctrl+Z.
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    press(qtbot, Qt.Key.Key_Delete)
    assert "Becky Something" not in on_disk(qtbot, notes_path, 5)
    assert row_words(view) == "screenwriting" and view.hasFocus()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert on_disk(qtbot, notes_path, 7)["punk rock star"] == "Why punk?"
    assert len(view.selectionModel().selectedRows()) == 2
    assert row_words(view) == "Becky Something"

    # The code filter, reached with Shift+Tab: its one passage deleted, and brought back.
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is panel.tag_filter
    press(qtbot, Qt.Key.Key_Down)
    assert panel.tag_filter.currentText() == "Influence"
    assert panel.visible_ids() == [ids["Raging Bull"]] and row_words(view) == "Raging Bull"
    while not view.hasFocus():  # past Show All, which came with the filter
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Delete)
    assert "Raging Bull" not in on_disk(qtbot, notes_path, 6)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert "Raging Bull" in on_disk(qtbot, notes_path, 7)
    assert row_words(view) == "Raging Bull"

    # The colour filter: Method; its first row's menu (the Menu key) deletes it.
    while QApplication.focusWidget() is not panel.tag_filter:
        press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    press(qtbot, Qt.Key.Key_Up)  # back to all codes
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is panel.color_filter
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert panel.color_filter.currentText() == "Method"
    assert panel.count_text() == "3 of 7"
    while not view.hasFocus():
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Home)
    assert row_words(view) == "home movie"
    QTimer.singleShot(0, lambda: qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_D))
    where = view.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).center()
    menu_key = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, where, view.mapToGlobal(where))
    QApplication.sendEvent(view, menu_key)
    assert "home movie" not in on_disk(qtbot, notes_path, 6)
    assert row_words(view) == "punk rock star"
    # Offscreen, the window is not active again once a menu closes (under X it is, and
    # the list has the keys still).
    window.activateWindow()
    qtbot.waitUntil(view.hasFocus)

    # Words typed in the list filter it; Down goes back to the list; Escape clears the
    # filter, then goes back to the reader.
    press(qtbot, Qt.Key.Key_Backspace)  # Backspace deletes too
    assert "punk rock star" not in on_disk(qtbot, notes_path, 5)
    qtbot.keyClicks(view, "moss")
    assert panel.filter_edit.hasFocus() and panel.filter_edit.text() == "moss"
    assert panel.count_text() == "0 of 5"  # Method and "moss": none
    press(qtbot, Qt.Key.Key_Escape)
    assert panel.filter_edit.text() == "" and panel.count_text() == "1 of 5"
    qtbot.keyClicks(panel.filter_edit, "rehears")
    press(qtbot, Qt.Key.Key_Down)
    assert view.hasFocus() and row_words(view) == "rehearsal"
    press(qtbot, Qt.Key.Key_Escape)
    assert window.reader.hasFocus()
    assert on_disk(qtbot, notes_path, 5) == {
        "Elisabeth Moss": "",
        "Raging Bull": "",
        "Becky Something": "",
        "screenwriting": "",
        "rehearsal": "",
    }
