"""The Annotations list from the keyboard: a row is chosen on entering it and after a
filter hides the one chosen, Down leaves the filter for the list."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListView

from reader.ui.window.main_window import MainWindow
from tests.ui.annotations.test_undo_in_list import CTRL, SHIFT, saved_words
from tests.ui.test_highlights import highlight_with_key, wait_saved

# In text order; the digit is the colour key: 1 Key quote, 2 Method.
MARKED = (
    ("Elisabeth Moss", Qt.Key.Key_1),
    ("home movie", Qt.Key.Key_2),
    ("Raging Bull", Qt.Key.Key_1),
    ("punk rock star", Qt.Key.Key_2),
    ("Becky Something", Qt.Key.Key_1),
)


def marked(window: MainWindow, qtbot) -> None:
    for words, key in MARKED:
        highlight_with_key(window, qtbot, words, key=key)


def chosen(view: QListView) -> str:
    """The words of the current row, which must be selected too (filled, not a bare frame)."""
    current = view.currentIndex()
    assert current.isValid() and view.selectionModel().isSelected(current)
    return current.data()


def test_entering_the_list_selects_its_current_row(window: MainWindow, qtbot) -> None:
    """Ctrl+3 with the caret on no highlight gave the first row a bare frame, current but not
    selected, where the other lists select it."""
    marked(window, qtbot)
    qtbot.keyClick(window.reader, Qt.Key.Key_Home, CTRL)
    place = window.reader.verticalScrollBar().value()
    qtbot.keyClick(window.reader, Qt.Key.Key_3, CTRL)
    view = window.annotations.view
    qtbot.waitUntil(view.hasFocus)
    assert chosen(view) == "Elisabeth Moss"
    assert window.reader.verticalScrollBar().value() == place  # the reader stays


def test_a_filter_that_hides_the_current_row_chooses_the_next(
    window: MainWindow, qtbot, notes_path: Path
) -> None:
    """A colour chosen with the keys that hid the current row left the list with none: Tab
    back gave its first row a bare frame, and Delete deleted it. The row shown next after
    the hidden one takes its place, as after a Delete."""
    marked(window, qtbot)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, CTRL)
    panel, view = window.annotations, window.annotations.view
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert chosen(view) == "home movie"  # Method
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is panel.color_filter
    qtbot.keyClick(panel.color_filter, Qt.Key.Key_Down)
    assert panel.color_filter.currentText() == "Key quote"
    assert chosen(view) == "Raging Bull"
    while not view.hasFocus():
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert chosen(view) == "Raging Bull"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert chosen(view) == "Becky Something"
    assert saved_words(qtbot, notes_path, 4) == [
        "Becky Something",
        "Elisabeth Moss",
        "home movie",
        "punk rock star",
    ]


def test_down_in_the_filter_goes_to_the_list(window: MainWindow, qtbot) -> None:
    """Down in the filter did nothing; in the Library it goes to the list, as Enter does."""
    marked(window, qtbot)
    qtbot.keyClick(window.reader, Qt.Key.Key_3, CTRL)
    panel, view = window.annotations, window.annotations.view
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClicks(view, "ing")  # typed in the list: to the filter, which hides the row
    assert panel.filter_edit.hasFocus()
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Down)
    assert view.hasFocus() and chosen(view) == "Raging Bull"


def test_the_current_row_stays_in_sight_in_a_long_list(
    window: MainWindow, qtbot, notes_path: Path
) -> None:
    """Delete on the last of 60 cards left the list near its top, the row taking its place
    far out of sight: Qt lays the cards out again a batch at a time, and the scroll bar was
    held to the first batch's range. So after Ctrl+Z, and after a colour filter."""
    controller = window.interview.controller
    words = re.finditer(r"\w{6,}", controller.session.document.text)
    for i, found in zip(range(60), words, strict=False):
        controller.add_highlight(*found.span(), ("yellow", "green")[i % 2])
    qtbot.keyClick(window.reader, Qt.Key.Key_3, CTRL)
    panel, view = window.annotations, window.annotations.view
    qtbot.waitUntil(view.hasFocus)

    def laid_out() -> bool:
        rows = view.model()
        return view.visualRect(rows.index(rows.rowCount() - 1, 0)).isValid()

    def in_sight() -> bool:
        return laid_out() and view.viewport().rect().contains(view.visualRect(view.currentIndex()))

    qtbot.waitUntil(laid_out)  # as a user sees it, before a key
    qtbot.keyClick(view, Qt.Key.Key_End)
    last = panel.current_id()
    assert last == window.interview.session.notes.highlights[-1].id
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(in_sight)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(in_sight)
    assert panel.current_id() == last
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, SHIFT)
    qtbot.keyClick(panel.color_filter, Qt.Key.Key_Down)  # Key quote: the yellow ones
    qtbot.waitUntil(in_sight)
    while not view.hasFocus():
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    chosen_id = panel.current_id()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 59)
    assert chosen_id not in {h["id"] for h in data["highlights"]}
