"""Found by a review of keyboard-only use (2026-12-05): Enter in a drop-down list of a
window to look at pressed that window's first button (Pictures of the Coding closed,
Coded Passages popped its Export menu, Speakers opened Rename…); the edit menus of the
code's description, of the User Guide and of the fields that rename in place (Library,
Codebook) had no letter on Delete and Select All; the attribute dialog's labels had no
Alt letters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QLineEdit, QWidget

from reader.ui.codebook.code_memo import CodeMemo
from reader.ui.library.attribute_dialog import AttributeDialog
from reader.ui.speakers.speakers_dialog import SpeakersDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_keyboard_review import opened_menu
from tests.ui.test_library import type_title
from tests.ui.test_read_only_undo import activate


def shown_window(window: MainWindow, qtbot: Any, title: str) -> QDialog:
    """The window of `title` just opened, active."""

    def found() -> QDialog | None:
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible() and w.windowTitle() == title
            ),
            None,
        )

    qtbot.waitUntil(lambda: found() is not None)
    dialog = found()
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def enter_in(box: QComboBox, qtbot: Any) -> None:
    """Down then Enter in `box`, its list closed: another choice, and Enter to confirm it."""
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_enter_in_the_picture_box_keeps_pictures_of_the_coding_open(
    window: MainWindow, qtbot: Any
) -> None:
    activate(window, qtbot)
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    window.window_actions.codes.pictures.trigger()
    pictures = shown_window(window, qtbot, "Pictures of the Coding")
    kind = pictures.kind
    before = kind.currentIndex()
    enter_in(kind, qtbot)
    assert pictures.isVisible() and kind.currentIndex() != before


def test_enter_in_a_code_box_of_coded_passages_pops_no_menu(window: MainWindow, qtbot: Any) -> None:
    activate(window, qtbot)
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    code_with_keys(window, qtbot, "Hollywood", "Studios")
    window.window_actions.codes.retrieve.trigger()
    passages = shown_window(window, qtbot, "Coded Passages")
    popped: list[QWidget] = []
    passages.export_button.menu().aboutToShow.connect(lambda: popped.append(passages))
    passages.export_button.menu().aboutToShow.connect(passages.export_button.menu().close)
    enter_in(passages.first, qtbot)
    assert popped == [] and passages.isVisible()


def test_enter_in_a_side_box_of_speakers_renames_no_one(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(SpeakersDialog, "rename", lambda self: asked.append(self.selected()))
    activate(window, qtbot)
    window.window_actions.speakers.trigger()
    dialog = window.speakers.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    box = dialog.table.cellWidget(1, 1)
    assert isinstance(box, QComboBox)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert asked == [] and dialog.isVisible()


def every_item_lettered(watched: QWidget) -> None:
    found = opened_menu(watched)
    assert found and "" not in found and len(set(found)) == len(found), found


def test_the_codes_description_letters_its_edit_menu(qtbot: Any) -> None:
    memo = CodeMemo()
    qtbot.addWidget(memo)
    memo.setPlainText("What it means")
    memo.selectAll()
    every_item_lettered(memo.viewport())


def test_a_code_renamed_in_place_letters_its_edit_menu(window: MainWindow, qtbot: Any) -> None:
    code_with_keys(window, qtbot, "Netflix", "Streaming")
    window.window_actions.codes.focus_codebook.trigger()
    view = window.codebook.panel.view
    qtbot.waitUntil(view.hasFocus)
    view.edit(view.currentIndex())
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    every_item_lettered(editor)


def test_a_title_renamed_in_the_library_letters_its_edit_menu(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    activate(window, qtbot)
    every_item_lettered(type_title(window, qtbot, "Ben"))


def test_the_user_guide_letters_its_edit_menus(window: MainWindow, qtbot: Any) -> None:
    window.window_actions.user_guide.trigger()
    guide = shown_window(window, qtbot, "Interview Reader User Guide")
    guide.find_field.setText("codes")
    guide.find_field.selectAll()
    every_item_lettered(guide.find_field)
    guide.browser.selectAll()
    every_item_lettered(guide.browser.viewport())


def test_each_field_of_the_attribute_dialog_has_an_alt_letter(qtbot: Any) -> None:
    dialog = AttributeDialog(None)
    qtbot.addWidget(dialog)
    dialog.type.setCurrentIndex(dialog.type.findData("choice"))
    labels = {label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert set(labels) == {dialog.name, dialog.type, dialog.options}
    letters = [text[text.index("&") + 1].lower() for text in labels.values() if "&" in text]
    assert len(letters) == 3 and len(set(letters)) == 3, labels


def test_ctrl_f_in_the_library_names_the_key_that_goes_to_the_interview(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """It said "click in it first" to one who uses the keyboard."""
    window = make_study_window(folder)
    activate(window, qtbot)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.reader, Qt.Key.Key_5, ctrl)
    qtbot.waitUntil(window.library.view.hasFocus, timeout=10_000)
    qtbot.keyClick(window.library.view, Qt.Key.Key_F, ctrl)
    said = window.statusBar().currentMessage()
    assert "Ctrl+1" in said and "click" not in said
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, ctrl)  # as it says
    qtbot.waitUntil(window.reader.hasFocus, timeout=10_000)
    qtbot.keyClick(window.reader, Qt.Key.Key_F, ctrl)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=10_000)
    assert not window.library.isAncestorOf(QApplication.focusWidget())
