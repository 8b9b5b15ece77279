"""A cell being typed in keeps what is typed when its row changes meanwhile
(reader/ui/typed_editors.py): Qt puts a changed row's values back into an editor open on
it, and another program's change to study.json put a Library cell's old value back under
the user's typing, as a recount of the codebook did a code's old name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from reader.ui.window.main_window import MainWindow
from tests.ui.test_read_only_undo import activate


def open_cell(window: MainWindow, qtbot: Any, key: str, row: int = 0) -> QLineEdit | QComboBox:
    """F2 on the `key` column of the Library's `row`: its editor."""
    library = window.library
    column = next(c for c in range(library.model.columnCount()) if library.model.key(c) == key)
    library.view.setFocus()
    library.view.setCurrentIndex(library.proxy.index(row, column))
    qtbot.keyClick(library.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit | QComboBox)
    return editor


def type_over(window: MainWindow, qtbot: Any, key: str, text: str) -> QLineEdit:
    """F2 on the first interview's `key` cell, `text` typed over its value (no Enter)."""
    editor = open_cell(window, qtbot, key)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    return editor


def entry(window: MainWindow, row: int = 0) -> tuple[str, str]:
    interview = window.study.study.interviews[row]
    return interview.title, interview.participant


def saved(folder: Path, participant: str) -> bool:
    path = folder / "study.json"
    return path.exists() and orjson.loads(path.read_bytes())["interviews"][0]["participant"] == (
        participant
    )


def another_program(folder: Path, change: Callable[[dict[str, Any]], object]) -> None:
    """Another program changes study.json, written whole by rename."""
    path = folder / "study.json"
    data = orjson.loads(path.read_bytes())
    change(data)
    written = folder / "study.json.part"
    written.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    written.replace(path)


def another_program_names(folder: Path, participant: str) -> None:
    another_program(folder, lambda data: data["interviews"][0].update(participant=participant))


def another_program_takes_off_the_last(folder: Path, title: str = "") -> None:
    """Another program takes the last interview off (the Library's table is made again),
    and gives the first `title` if one is given."""

    def change(data: dict[str, Any]) -> None:
        del data["interviews"][-1]
        if title:
            data["interviews"][0]["title"] = title

    another_program(folder, change)


@pytest.fixture
def named(make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any) -> MainWindow:
    """A study whose first interview's participant, Ana, is typed in place and saved."""
    window = make_study_window(folder)
    activate(window, qtbot)
    editor = open_cell(window, qtbot, "participant")
    qtbot.keyClicks(editor, "Ana")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: saved(folder, "Ana"))
    return window


def test_a_title_typed_while_another_program_changes_its_row_is_kept(
    named: MainWindow, folder: Path, qtbot: Any
) -> None:
    window = named
    editor = type_over(window, qtbot, "title", "Night shifts")
    another_program_names(folder, "Ana Lima")
    qtbot.waitUntil(lambda: entry(window)[1] == "Ana Lima")
    assert editor.text() == "Night shifts"  # was "P01 Ana" again
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: entry(window) == ("Night shifts", "Ana Lima"))


def test_a_participant_typed_while_another_program_changes_it_is_the_one_kept(
    named: MainWindow, folder: Path, qtbot: Any
) -> None:
    window = named
    type_over(window, qtbot, "participant", "Anabel")
    with qtbot.waitSignal(window.study.changed):
        another_program_names(folder, "Ana Lima")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: entry(window)[1] == "Anabel" and saved(folder, "Anabel"))


def test_a_cell_open_but_not_typed_in_leaves_another_programs_change(
    named: MainWindow, folder: Path, qtbot: Any
) -> None:
    window = named
    open_cell(window, qtbot, "participant")
    with qtbot.waitSignal(window.study.changed):
        another_program_names(folder, "Ana Lima")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert entry(window)[1] == "Ana Lima" and saved(folder, "Ana Lima")


def test_a_code_renamed_while_the_codebook_is_counted_again_keeps_the_typed_name(
    window: MainWindow, qtbot: Any, dialogs: Any
) -> None:
    panel = window.codebook.panel
    window.window_actions.codes.focus_codebook.trigger()
    dialogs.text_answers.append(("Fear", True))
    qtbot.keyClick(panel.view, Qt.Key.Key_Insert)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    editor = panel.view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Dread")
    model = panel.model
    last = model.index(model.rowCount() - 1, 1)
    model.dataChanged.emit(model.index(0, 0), last, [])  # as after a recount of many codes
    assert editor.text() == "Dread"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [code.name for code in window.codebook.hub.book.codes] == ["Dread"])


def test_typing_goes_on_when_another_program_takes_an_interview_off_the_study(
    named: MainWindow, folder: Path, qtbot: Any
) -> None:
    """The table is made again when interviews come or go: the cell being typed in opens
    again on the same interview, holding what was typed."""
    window = named
    editor = type_over(window, qtbot, "title", "Night shifts")
    another_program_takes_off_the_last(folder)
    qtbot.waitUntil(lambda: window.library.proxy.rowCount() == 2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    assert editor.text() == "Night shifts"
    qtbot.keyClicks(editor, " start")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: entry(window) == ("Night shifts start", "Ana"))


def test_a_code_being_renamed_when_the_tree_is_made_again_opens_again_as_typed(
    window: MainWindow, qtbot: Any, dialogs: Any
) -> None:
    panel = window.codebook.panel
    window.window_actions.codes.focus_codebook.trigger()
    for name in ("Fear", "Joy"):
        dialogs.text_answers.append((name, True))
        qtbot.keyClick(panel.view, Qt.Key.Key_Insert)
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)  # on Joy, the code made last
    editor = panel.view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Delight")
    window.codebook.hub.changed.emit()  # as another program's codes merged do
    qtbot.waitUntil(lambda: isinstance(panel.view.focusWidget(), QLineEdit))
    assert panel.view.focusWidget() is not editor
    editor = panel.view.focusWidget()
    assert editor.text() == "Delight"
    qtbot.keyClicks(editor, "s")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    book = window.codebook.hub.book
    qtbot.waitUntil(lambda: [code.name for code in book.codes] == ["Fear", "Delights"])


def test_a_cell_is_not_opened_again_when_what_was_typed_is_its_value_by_then(
    named: MainWindow, folder: Path, qtbot: Any
) -> None:
    window = named
    type_over(window, qtbot, "title", "Night shifts")
    another_program_takes_off_the_last(folder, "Night shifts")  # the same, from elsewhere
    qtbot.waitUntil(lambda: window.library.proxy.rowCount() == 2)
    after: list[bool] = []  # a turn of the event loop after the one that would open it
    QTimer.singleShot(0, lambda: after.append(True))
    qtbot.waitUntil(lambda: bool(after))
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    assert entry(window) == ("Night shifts", "Ana")


def test_a_row_told_again_unchanged_leaves_the_title_selected_to_be_typed_over(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """F2 selects the title; the open interview's reading progress, shown in its row a
    moment later, put the title back unselected, and the words typed next went after it
    ("P01 AnaRenamed"; seen in a screenshot)."""
    window = make_study_window(folder)
    activate(window, qtbot)
    editor = open_cell(window, qtbot, "title")
    assert editor.selectedText() == editor.text() == "P01 Ana"
    model = window.library.model
    model.dataChanged.emit(model.index(0, 0), model.index(0, model.columnCount() - 1))
    qtbot.keyClicks(editor, "Renamed")
    assert editor.text() == "Renamed"


def test_a_title_with_an_emoji_told_again_stays_selected_whole(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """The selection was put back counted in characters where Qt counts UTF-16 units: an
    emoji takes two, so the title's last unit stayed unselected and the words typed over
    it kept half of the emoji after them."""
    (folder / "P01 Ana.txt").rename(folder / "P01 Ana 🌙.txt")
    window = make_study_window(folder)
    activate(window, qtbot)
    editor = open_cell(window, qtbot, "title")
    assert editor.selectedText() == editor.text() == "P01 Ana 🌙"
    model = window.library.model
    model.dataChanged.emit(model.index(0, 0), model.index(0, model.columnCount() - 1))
    assert editor.selectedText() == "P01 Ana 🌙"
    qtbot.keyClicks(editor, "Renamed")
    assert editor.text() == "Renamed"


def test_enter_pressed_just_as_the_table_is_made_again_saves_what_was_typed(
    named: MainWindow, folder: Path, qtbot: Any
) -> None:
    """Qt saves a cell a turn of the event loop after Enter; a reset in that turn (another
    program's change merged) closed the editor first, and it opened again unsaved, so a
    second Enter was needed."""
    window = named
    editor = type_over(window, qtbot, "title", "Night shifts")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    model = window.library.model
    model.beginResetModel()  # before Qt's queued save of the cell runs
    model.endResetModel()
    qtbot.waitUntil(lambda: entry(window) == ("Night shifts", "Ana"))
    after: list[bool] = []
    QTimer.singleShot(0, lambda: after.append(True))
    qtbot.waitUntil(lambda: bool(after))
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
