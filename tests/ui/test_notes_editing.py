"""Writing in the research notes as in a word processor: Ctrl+Z takes back a word or a
burst of typing (reader/ui/notes/typing_steps.py), not the paragraph typed without Enter;
a right-to-left paragraph sits flush right (interview/notes_document.py)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from reader.ui.notes import typing_steps
from reader.ui.notes.notes_editor import NotesEditor
from reader.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def notes(window: MainWindow, qtbot) -> NotesEditor:
    editor = window.notes_editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    return editor


def undo(notes: NotesEditor, qtbot) -> str:
    qtbot.keyClick(notes, Qt.Key.Key_Z, CTRL)
    return notes.toPlainText()


def test_ctrl_z_takes_back_the_last_word_and_the_file_keeps_the_rest(
    window: MainWindow, notes: NotesEditor, notes_path: Path, qtbot
) -> None:
    qtbot.keyClicks(notes, "Night shifts felt lonely.")
    assert undo(notes, qtbot) == "Night shifts felt "
    assert undo(notes, qtbot) == "Night shifts "
    qtbot.keyClick(notes, Qt.Key.Key_Y, CTRL)
    assert notes.toPlainText() == "Night shifts felt "
    window.close()  # saves now
    assert orjson.loads(notes_path.read_bytes())["notes"] == "Night shifts felt "


def test_a_pause_ends_a_step_even_in_a_word(
    notes: NotesEditor, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(typing_steps, "PAUSE_S", 0.05)
    qtbot.keyClicks(notes, "coff")
    qtbot.wait(80)
    qtbot.keyClicks(notes, "ee")
    assert undo(notes, qtbot) == "coff"


def test_a_run_of_backspaces_stays_one_step_and_input_methods_type_words(
    notes: NotesEditor, qtbot
) -> None:
    qtbot.keyClicks(notes, "first words")
    for _ in range(5):
        qtbot.keyClick(notes, Qt.Key.Key_Backspace)
    assert undo(notes, qtbot) == "first words"  # the deleting at once, as Qt does
    notes.clear()
    for word in ("שלום", " ", "עולם"):  # as an input method commits them
        event = QInputMethodEvent()
        event.setCommitString(word)
        QApplication.sendEvent(notes, event)
    assert undo(notes, qtbot) == "שלום "


def test_each_paragraph_is_aligned_by_its_own_direction(notes: NotesEditor, qtbot) -> None:
    notes.insertPlainText("המשתתפת תיארה את משמרות הלילה\nNight shifts\n- مرحبا بالعالم")
    qtbot.waitUntil(lambda: notes.document().lastBlock().layout().lineCount() > 0)
    notes.viewport().repaint()  # its blocks drawn, so laid out as shown
    width = notes.viewport().width()

    def start_x(number: int) -> float:
        return notes.document().findBlockByNumber(number).layout().lineAt(0).cursorToX(0)[0]

    assert start_x(0) > width * 0.8  # Hebrew: starts at the right edge
    assert start_x(1) < width * 0.2
    assert start_x(2) > width * 0.8  # an Arabic list item too
