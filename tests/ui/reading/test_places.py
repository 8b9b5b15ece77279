"""Coming back after a restart where one was: the reader's scroll, caret and selection and
the research notes' scroll and caret, for an interview of a study and one alone."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.ui.reading.places import KEY
from reader.ui.settings import settings
from reader.ui.window.main_window import MainWindow
from tests.conftest import BUNDLED

Place = tuple[int, int, int, int, int]


def read_on(window: MainWindow, qtbot: Any) -> Place:
    """Page down the reader, select a few words, write notes: where the user now is."""
    reader, notes = window.reader, window.notes_editor
    reader.setFocus()
    for _ in range(4):
        qtbot.keyClick(reader, Qt.Key.Key_PageDown)
    for _ in range(3):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    notes.setFocus()
    for number in range(60):
        qtbot.keyClicks(notes, f"note {number}")
        qtbot.keyClick(notes, Qt.Key.Key_Return)
    for _ in range(40):
        qtbot.keyClick(notes, Qt.Key.Key_Up)
    return place(window)


def place(window: MainWindow) -> Place:
    cursor = window.reader.textCursor()
    return (
        window.reader.verticalScrollBar().value(),
        cursor.anchor(),
        cursor.position(),
        window.notes_editor.verticalScrollBar().value(),
        window.notes_editor.textCursor().position(),
    )


def test_a_study_comes_back_at_the_place_in_the_interview_open_last(
    start_window: Callable[..., MainWindow], qtbot: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "study"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "P01 Long.txt")
    (folder / "P02 Short.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    window = start_window(folder)
    left = read_on(window, qtbot)
    assert left[0] > 0 and left[1] != left[2] and left[3] > 0
    window.close()
    again = start_window(None)
    assert again.windowTitle().endswith("P01 Long")
    qtbot.waitUntil(lambda: place(again) == left)
    # Switching away and back, and to an interview never read, as before.
    qtbot.keyClick(again.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert again.windowTitle().endswith("P02 Short")
    assert again.reader.verticalScrollBar().value() == 0
    assert again.reader.textCursor().position() == 0
    qtbot.keyClick(again.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert place(again) == left


def test_an_interview_alone_comes_back_at_its_place(
    start_window: Callable[..., MainWindow], qtbot: Any, tmp_path: Path
) -> None:
    document = tmp_path / "talk.txt"
    shutil.copy(BUNDLED, document)
    window = start_window(document)
    left = read_on(window, qtbot)
    window.close()
    again = start_window(None)
    qtbot.waitUntil(lambda: place(again) == left)


def test_places_are_kept_in_code_points_and_put_back_on_the_same_characters(
    start_window: Callable[..., MainWindow], qtbot: Any, tmp_path: Path
) -> None:
    """Emoji take two of Qt's units: the settings file holds code points, as the notes
    file does, and a restart puts the caret back between the same characters."""
    document = tmp_path / "emoji.txt"
    document.write_text("Q: 😀😀😀 why? 🎬\n\nA: 𝄞 because 👍 it is.\n", encoding="utf-8")
    window = start_window(document)
    text = window.interview.session.document.text
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.reading.to_qt(text.index("because")))
    cursor.setPosition(window.reader.reading.to_qt(text.index("it")), cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    window.notes_editor.setFocus()
    window.notes_editor.insertPlainText("🎬🎬 scene")  # QTest types ASCII only
    notes_caret = window.notes_editor.textCursor().position()
    window.close()
    stored = json.loads(str(settings().value(KEY)))
    [(_, kept)] = stored.items()
    assert kept[2:4] == [text.index("because"), text.index("it")]
    assert kept[5] == len("🎬🎬 scene") < notes_caret
    again = start_window(None)
    qtbot.waitUntil(lambda: again.reader.textCursor().selectedText() == "because 👍 ")
    assert again.notes_editor.textCursor().position() == notes_caret
