"""A transcript saved without line ends, one paragraph of megabytes, opens at once: the pane
shows it broken at sentence ends, while the text, its offsets and what is copied stay the
interview's own. Laid out whole, 5 MB took 6.7 s to open and froze at each resize."""

from __future__ import annotations

from pathlib import Path

import orjson
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.long_paragraphs import LONG_PARAGRAPH
from reader.ui.window.main_window import MainWindow

SPOKEN = "We shot it again, and the band was louder than the camera. Nobody minded! "
ANSWER = "A: " + SPOKEN * (5 * LONG_PARAGRAPH // len(SPOKEN))
TEXT = f"Q: How did the shoot go?\n\n{ANSWER.strip()}\n\nQ: And then?\n\nA: We went home.\n"


def saved_highlights(path: Path) -> list[dict]:
    return orjson.loads(path.read_bytes())["highlights"]


def opened(make_window, tmp_path: Path) -> MainWindow:
    path = tmp_path / "no line ends.txt"
    path.write_text(TEXT, encoding="utf-8")
    return make_window(path)


def test_the_pane_shows_a_long_paragraph_as_several_and_keeps_its_text(
    make_window, tmp_path: Path
) -> None:
    window = opened(make_window, tmp_path)
    reading = window.reader.reading
    assert reading is not None and reading.breaks
    qdoc = reading.qdoc
    assert qdoc.blockCount() == TEXT.count("\n") + 1 + len(reading.breaks)
    shown = qdoc.toPlainText()
    assert len(shown) == len(TEXT)  # one character for one: offsets hold
    assert all(shown[space] == "\n" and TEXT[space] == " " for space in reading.breaks)
    answer = next(seg for seg in window.interview.session.segments if seg.start > 0)
    first = qdoc.findBlock(reading.to_qt(answer.start)).blockNumber()
    later = qdoc.findBlock(reading.to_qt(reading.breaks[0] + 1)).blockNumber()
    assert later > first and reading.segment_of_block(later) == answer
    assert reading.margin_of_block(first) and not reading.margin_of_block(later)
    assert reading.starts_segment(first) and not reading.starts_segment(later)


def test_a_highlight_and_a_copy_across_a_break_are_the_words_with_their_space(
    make_window, tmp_path: Path, notes_path: Path, qtbot
) -> None:
    window = opened(make_window, tmp_path)
    reading = window.reader.reading
    assert reading is not None
    space = reading.breaks[0]
    reader = window.reader
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(reading.to_qt(space - 8))
    reader.setTextCursor(cursor)
    for _ in range(17):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    words = TEXT[space - 8 : space + 9]
    assert " " in words and "\n" not in words
    assert QApplication.clipboard().text() == words
    qtbot.keyClick(reader, Qt.Key.Key_H)
    qtbot.waitUntil(lambda: notes_path.exists() and bool(saved_highlights(notes_path)))
    (saved,) = saved_highlights(notes_path)
    assert saved["start"] < space < saved["end"]  # (the selection's edge spaces left out)
    assert saved["exact"] == TEXT[saved["start"] : saved["end"]] == words.strip()
