"""A turn selected whole (Home, Ctrl+Shift+Down) and highlighted (H) or coded (C) is the
words said, its speaker label left out: "Participant: " went into every quote of the
Markdown for a thesis and into the coded passage NVivo got."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import pick
from tests.ui.test_highlights import select, wait_saved

ZOOM = """WEBVTT

1
00:00:03.200 --> 00:00:09.700
Interviewer: Could you start by telling me how you came to volunteer?

2
00:00:10.100 --> 00:00:17.700
Participant: A friend dragged me along one Saturday. 🙂

3
00:00:18.000 --> 00:00:21.000
Interviewer: What does a typical shift look like?

4
00:00:21.500 --> 00:00:26.300
Participant: We unload the van first, then sort the tins by date.
"""
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def select_turn(window: MainWindow, qtbot, words: str) -> None:
    """The caret to the start of the paragraph holding `words`, Home, Ctrl+Shift+Down."""
    reader = window.reader
    window.activateWindow()
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(window.interview.session.document.text.index(words)))
    reader.setTextCursor(cursor)
    qtbot.keyClick(reader, Qt.Key.Key_Home)
    qtbot.keyClick(reader, Qt.Key.Key_Down, CTRL_SHIFT)
    assert reader.textCursor().selectedText().startswith("Participant: ")


def test_a_whole_turn_coded_or_highlighted_leaves_its_label_out(
    make_window, tmp_path: Path, qtbot, notes_path: Path
) -> None:
    doc = tmp_path / "P01.vtt"
    doc.write_text(ZOOM, "utf-8")
    window = make_window(doc)
    select_turn(window, qtbot, "A friend")
    pick(window, qtbot, "Motivation")
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"])
    (coded,) = data["highlights"]
    assert coded["exact"] == "A friend dragged me along one Saturday. 🙂"
    select_turn(window, qtbot, "We unload")
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 2)
    assert data["highlights"][1]["exact"] == "We unload the van first, then sort the tins by date."
    # The label alone, selected on purpose, is still what is highlighted.
    text = window.interview.session.document.text
    start = text.index("Interviewer: What")
    select(window, qtbot, start, start + len("Interviewer"))
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 3)
    assert "Interviewer" in [h["exact"] for h in data["highlights"]]


def test_a_whole_turn_copied_as_a_quote_leaves_its_label_out(
    make_window, tmp_path: Path, qtbot
) -> None:
    doc = tmp_path / "P01.vtt"
    doc.write_text(ZOOM, "utf-8")
    window = make_window(doc)
    select_turn(window, qtbot, "We unload")
    window.reader.show_selection_bar()
    qtbot.mouseClick(window.reader.selection_bar.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == (
        "“We unload the van first, then sort the tins by date.” (Q2, 0:21, P01)"
    )
