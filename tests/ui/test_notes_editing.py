"""Writing in the research notes as in a word processor: Ctrl+Z takes back a word or a
burst of typing (reader/ui/notes/typing_steps.py), not the paragraph typed without Enter;
a web page pastes as Markdown (notes/pasting.py); a right-to-left paragraph sits flush
right (interview/notes_document.py)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from reader.ui.notes import typing_steps
from reader.ui.notes.notes_editor import NotesEditor
from reader.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


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


def clipboard(html: str = "", text: str = "") -> None:
    data = QMimeData()
    if html:
        data.setHtml(html)
    if text:
        data.setText(text)
    QApplication.clipboard().setMimeData(data)


PAGE = (
    '<h2 style="color:#202122">Findings</h2><p>Nurses <b>improvised</b> on <i>night</i> '
    'shifts, as <a href="https://example.org/shift_(work)" title="Shift">the report</a> '
    "says at length, in a paragraph much longer than the eighty columns of Qt's writer."
    '<img src="file:///dev/zero" alt="chart"></p><ul><li>coffee</li><li>the handover</li></ul>'
)


def test_a_web_page_pastes_as_markdown_and_ctrl_shift_v_as_plain_text(
    notes: NotesEditor, qtbot
) -> None:
    clipboard(PAGE, "Findings\nNurses improvised on night shifts…")
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == (
        "## Findings\n\nNurses **improvised** on *night* shifts, as "
        "[the report](https://example.org/shift_(work)) says at length, in a paragraph much "
        "longer than the eighty columns of Qt's writer.\n\n- coffee\n- the handover"
    )
    notes.clear()
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL | SHIFT)
    assert notes.toPlainText() == "Findings\nNurses improvised on night shifts…"
    notes.clear()
    clipboard("<p>only <b>HTML</b> here</p>")  # as some programs copy
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == "only **HTML** here"
    notes.clear()
    code = "def f(x):\n    return x * 2"  # a code editor's copy: its text, not code spans
    clipboard('<div style="white-space: pre"><div>def f(x):</div><div>    return x * 2</div>', code)
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == code


def test_an_address_pasted_over_words_links_them_and_notes_copy_as_written(
    notes: NotesEditor, qtbot
) -> None:
    notes.setPlainText("see the report here")
    cursor = notes.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(14, QTextCursor.MoveMode.KeepAnchor)
    notes.setTextCursor(cursor)
    clipboard(text="https://example.org/r ")
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)
    assert notes.toPlainText() == "see [the report](https://example.org/r) here"
    notes.selectAll()
    qtbot.keyClick(notes, Qt.Key.Key_C, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_End)
    qtbot.keyClick(notes, Qt.Key.Key_V, CTRL)  # its own Markdown, not escaped as a page's
    assert notes.toPlainText() == "see [the report](https://example.org/r) here" * 2
