"""Interviews not in Latin script, worked on as a researcher does: Arabic, Hebrew, Japanese
and English full of emoji and combining marks (the files of tests/data/scripts, made for
these tests). Words are selected with the keys and the mouse, highlighted with H, and the
notes file on disk must quote exactly the words selected."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from reader.ui.window.main_window import MainWindow
from tests.ui.test_find import activate, open_and_type
from tests.ui.test_highlights import wait_saved

SCRIPTS = Path(__file__).parents[1] / "data" / "scripts"
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | SHIFT


@pytest.fixture
def opened(make_window, tmp_path: Path, qtbot):
    def open_copy(name: str) -> MainWindow:
        path = tmp_path / name
        shutil.copy(SCRIPTS / name, path)
        window = make_window(path)
        activate(window, qtbot)
        return window

    return open_copy


def caret_at(window: MainWindow, offset: int) -> None:
    reader = window.reader
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(offset))
    reader.setTextCursor(cursor)


def stored(qtbot, notes_path: Path, count: int = 1) -> list[dict]:
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == count)
    return data["highlights"]


def assert_quotes_text(window: MainWindow, highlight: dict) -> None:
    text = window.interview.session.document.text
    assert text[highlight["start"] : highlight["end"]] == highlight["exact"]


@pytest.mark.parametrize(
    ("name", "word", "keys"),
    [
        # Right to left, Shift+Left selects onwards: four letters, their marks on them.
        ("arabic.txt", "كَتَبَ", [(Qt.Key.Key_Left, SHIFT)] * 4),
        ("arabic.txt", "flat white", [(Qt.Key.Key_Left, CTRL_SHIFT)] * 2),
        ("hebrew.vtt", "שָׁלוֹם", [(Qt.Key.Key_Left, SHIFT)] * 4),
        ("hebrew.vtt", "הכֹּל", [(Qt.Key.Key_Left, CTRL_SHIFT)]),
        ("japanese.srt", "京都", [(Qt.Key.Key_Right, SHIFT)] * 2),
        ("emoji.txt", "👨\u200d👩\u200d👧\u200d👦", [(Qt.Key.Key_Right, SHIFT)]),
        ("emoji.txt", "🇮🇳", [(Qt.Key.Key_Right, SHIFT)]),
        ("emoji.txt", "नमस्ते", [(Qt.Key.Key_Right, SHIFT)] * 3),  # न म स्ते
        ("emoji.txt", "máx́", [(Qt.Key.Key_Right, SHIFT)] * 3),
        ("emoji.txt", "👍🏿 for the café.", [(Qt.Key.Key_End, SHIFT)]),
    ],
)
def test_keyboard_selection_is_quoted_exactly(
    opened, qtbot, notes_path: Path, name: str, word: str, keys
) -> None:
    window = opened(name)
    text = window.interview.session.document.text
    start = text.index(unicodedata.normalize("NFC", word))
    caret_at(window, start)
    for key, modifiers in keys:
        qtbot.keyClick(window.reader, key, modifiers)
    selected = window.reader.textCursor().selectedText().strip()
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (highlight,) = stored(qtbot, notes_path)
    assert highlight["exact"] == selected == unicodedata.normalize("NFC", word)
    assert_quotes_text(window, highlight)


@pytest.mark.parametrize(
    ("name", "query", "quote"),
    [
        ("emoji.txt", "👍", "👍🏿"),  # its skin tone
        ("emoji.txt", "👩", "👨\u200d👩\u200d👧\u200d👦"),  # the family it is one of
        ("emoji.txt", "क", "क्ष"),  # a conjunct
        ("emoji.txt", "q", "q\u0323\u0307"),  # its two marks, which have no composed form
    ],
)
def test_a_find_match_inside_a_character_is_highlighted_whole(
    opened, qtbot, notes_path: Path, name: str, query: str, quote: str
) -> None:
    """Find leaves its match selected for H; a match that is part of what reads as one
    character (an emoji without its skin tone) is highlighted as the whole of it: before,
    the notes quoted "👍" alone, a woman out of a family, half a conjunct."""
    window = opened(name)
    bar = open_and_type(window, qtbot, query)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (highlight,) = stored(qtbot, notes_path)
    assert highlight["exact"] == quote
    assert_quotes_text(window, highlight)


@pytest.mark.parametrize(("name", "word"), [("arabic.txt", "اسمي"), ("japanese.srt", "陶芸")])
def test_mouse_selection_is_quoted_exactly(
    opened, qtbot, notes_path: Path, name: str, word: str
) -> None:
    """A drag from the word's first letter to its last, whichever way the line runs."""
    window = opened(name)
    reader = window.reader
    start = window.interview.session.document.text.index(word)
    cursor = reader.textCursor()
    ends = []
    for offset in (start, start + len(word)):
        cursor.setPosition(reader.reading.to_qt(offset))
        ends.append(reader.cursorRect(cursor).center())
    viewport = reader.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=ends[0])
    qtbot.mouseMove(viewport, ends[1] + QPoint(0, 1))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=ends[1])
    assert reader.textCursor().selectedText() == word
    qtbot.keyClick(reader, Qt.Key.Key_H)
    (highlight,) = stored(qtbot, notes_path)
    assert highlight["exact"] == word
    assert_quotes_text(window, highlight)
