"""Found by a review of keyboard-only and screen-reader use (2026-12-04): the Speakers
dialog kept the focus on a Side changed by keyboard; Enter answers the harmless choice of
a question that cannot be taken back or deletes; Escape in an empty filter goes back to
the reader; the Highlights list says the keys it has; every Tab stop of Coded Passages is
named; the User Guide's links take the caret, F1 and Ctrl+F work there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox

import reader.ui.dialogs as dialogs_module
from reader.ui.dialogs import ask
from reader.ui.window.main_window import MainWindow
from tests.ui.help.test_user_guide import opened
from tests.ui.test_accessibility import unnamed
from tests.ui.test_codebook import code_with_keys, select
from tests.ui.test_read_only_undo import activate

CTRL = Qt.KeyboardModifier.ControlModifier


def answered_with_enter(monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> list[str]:
    """Every question of dialogs.ask shown for real and answered with Enter: their titles."""
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.windowTitle())
        box.show()
        qtbot.keyClick(box, Qt.Key.Key_Return)
        return 0

    monkeypatch.setattr(dialogs_module, "ask", ask)  # not the tests' stub
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def test_enter_answers_a_questions_default(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    answered_with_enter(monkeypatch, qtbot)
    assert ask(None, "Q", "Go?", ["Go", "Cancel"]) == "Go"  # the first, by default
    assert ask(None, "Q", "Go?", ["Go", "Cancel"], default="Cancel") == "Cancel"


def test_enter_in_the_delete_code_question_keeps_the_code(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Delete then Enter, the key pressed to get past a message, deleted the code and its
    codings (Ctrl+Z brought them back)."""
    activate(window, qtbot)
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    window.window_actions.codes.focus_codebook.trigger()
    tree = window.codebook.panel.view
    qtbot.waitUntil(tree.hasFocus)
    asked = answered_with_enter(monkeypatch, qtbot)
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert asked == ["Delete Code"]
    assert [c.name for c in window.codebook.hub.book] == ["Streaming"]


def defaults_asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], str]]:
    """The choices and the default of every question asked, each answered Cancel."""
    shown: list[tuple[list[str], str]] = []

    def stub(_parent: Any, _title: str, _text: str, choices: list[str], default: str = "") -> str:
        shown.append((choices, default or choices[0]))
        return "Cancel"

    monkeypatch.setattr(dialogs_module, "ask", stub)
    return shown


def test_import_into_the_open_study_is_not_enters_answer(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its question says it cannot be undone; Enter imported."""
    import reader.ui.codebook.refi as refi

    window = make_study_window(folder)
    shown = defaults_asked(monkeypatch)
    project = tmp_path / "p.qdpx"
    project.write_bytes(b"")
    monkeypatch.setattr(refi, "ask_import_path", lambda *_a: str(project))
    window.window_actions.codes.import_qdpx.trigger()
    assert shown == [(["Import into This Study", "New Study…", "Cancel"], "Cancel")]


def test_open_here_anyway_is_not_enters_answer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp: Any
) -> None:
    """Both computers would write the same files; Enter took the other's locks."""
    from reader.ui.persistence.other_computer import OPEN_HERE, open_here_offer

    shown = defaults_asked(monkeypatch)
    lock = SimpleNamespace(other_computer="laptop", path=tmp_path / "x.lock")
    ((_, open_here),) = open_here_offer(lock, None, lambda: None)  # type: ignore[arg-type]
    open_here()
    assert shown == [([OPEN_HERE, "Cancel"], "Cancel")]


def test_escape_in_the_library_filter_goes_back_to_the_reader_once_empty(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Typing in the Library goes on in its filter; the first Escape empties it, the next
    did nothing, the user left there."""
    window = make_study_window(folder)
    activate(window, qtbot)
    window.window_actions.focus_library.trigger()
    qtbot.waitUntil(window.library.view.hasFocus)
    qtbot.keyClick(window.library.view, Qt.Key.Key_B)
    field = window.library.filter
    assert QApplication.focusWidget() is field and field.text() == "b"
    escape_twice(window, qtbot, field)


def escape_twice(window: MainWindow, qtbot: Any, field: QLineEdit) -> None:
    """The first Escape empties the filter, the next goes back to the reader."""
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and field.hasFocus()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert window.reader.hasFocus()


def test_escape_in_the_annotations_filter_goes_back_to_the_reader_once_empty(
    window: MainWindow, qtbot: Any
) -> None:
    activate(window, qtbot)
    window.window_actions.focus_annotations.trigger()
    field = window.annotations.filter_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "x")
    escape_twice(window, qtbot, field)


def test_changing_a_speakers_side_by_keyboard_keeps_the_focus_on_its_box(
    window: MainWindow, qtbot: Any
) -> None:
    """Tab to a speaker's Side box, Down: the boxes were made anew, the focused one
    deleted, and the focus left on nothing."""
    activate(window, qtbot)
    window.window_actions.speakers.trigger()
    dialog = window.speakers.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    box = QApplication.focusWidget()
    assert box is dialog.table.cellWidget(0, 1)
    side, name = box.currentText(), box.accessibleName()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    now = QApplication.focusWidget()
    assert now is dialog.table.cellWidget(0, 1) and now is not box
    assert now.accessibleName() == name and now.currentText() != side


def test_the_highlights_list_names_the_keys_it_has(
    window: MainWindow, qtbot: Any, dialogs: Any
) -> None:
    """It told a screen reader "N edits its note": N there filters the list."""
    activate(window, qtbot)
    text = window.interview.session.document.text
    start = text.index("Netflix")
    select(window, qtbot, start, start + 7)
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    window.window_actions.focus_annotations.trigger()
    view = window.annotations.view
    qtbot.waitUntil(view.hasFocus)
    assert "F2 edits its note" in view.accessibleDescription()
    edited: list[str] = []
    window.annotations.editNoteRequested.connect(edited.append)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert edited


def test_every_tab_stop_of_coded_passages_is_named(window: MainWindow, qtbot: Any) -> None:
    """The passage shown in full, a Tab stop, had no name: a screen reader said nothing."""
    activate(window, qtbot)
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    window.window_actions.codes.focus_codebook.trigger()
    view = window.codebook.panel.view
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is not window)
    passages = QApplication.activeWindow()
    assert passages.windowTitle() == "Coded Passages"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "retrieved-passage"
    assert unnamed(passages) == []


def test_a_guide_link_followed_with_enter_takes_the_caret_and_tab_there(
    window: MainWindow, qtbot: Any
) -> None:
    """The view went to the section, the caret (what a screen reader reads from) stayed
    on the contents, and the next Tab went back up to them."""
    guide = opened(window, qtbot)
    browser = guide.browser
    for _ in range(3):  # the contents' links: Opening…, Reading…, Keys
        qtbot.keyClick(browser, Qt.Key.Key_Tab)
    assert browser.textCursor().selectedText() == "Keys"
    qtbot.keyClick(browser, Qt.Key.Key_Return)
    top = browser.cursorForPosition(browser.viewport().rect().topLeft())
    assert top.block().text() == "Keys"
    assert browser.textCursor().selectedText() == "Keys"  # the heading, read from
    qtbot.keyClick(browser, Qt.Key.Key_Tab)
    assert browser.textCursor().selectionStart() > top.position()  # a link of the section
    qtbot.keyClick(browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert browser.textCursor().selectedText() == "Keys"  # the contents' link again


def test_f1_and_ctrl_f_in_the_user_guide(window: MainWindow, qtbot: Any) -> None:
    """F1 did nothing there (the guide says it lists every key); Ctrl+F left the old words
    unselected, so "Library" then "Codebook" looked for "LibraryCodebook"."""
    guide = opened(window, qtbot)
    qtbot.keyClick(guide.browser, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(guide.find_field, "Library")
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    guide.browser.setFocus()
    qtbot.waitUntil(guide.browser.hasFocus)
    qtbot.keyClick(guide.browser, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(guide.find_field, "no such words")
    assert guide.find_field.text() == "no such words"
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    assert guide.find_field.accessibleDescription() == "Not found"  # heard, not only seen
    qtbot.keyClick(guide.browser, Qt.Key.Key_F1)
    shortcuts = window.findChild(QDialog, "shortcuts-dialog")
    assert shortcuts is not None and shortcuts.isVisible()
