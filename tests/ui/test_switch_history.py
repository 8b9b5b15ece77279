"""Each interview of a study keeps its undo history across switches (library/switcher.py,
interview/open_interview.py): undo after coming back changes the model and the notes file;
a change on disk while away drops the history with a message; the lock of an interview
not shown is released."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import QLockFile, Qt

from reader.ui.interview import open_interview
from reader.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path) -> MainWindow:
    return make_study_window(folder)


def notes_file(window: MainWindow, index: int) -> Path:
    study = window.study.study
    assert study is not None
    return study.notes_path(study.interviews[index])


def saved_quotes(path: Path) -> list[str]:
    return [h["exact"] for h in orjson.loads(path.read_bytes())["highlights"]]


def highlight(window: MainWindow, qtbot: Any, word: str) -> None:
    """Select `word` in the reader and press H."""
    start = window.interview.session.document.text.index(word)
    window.reader.select_span(start, start + len(word))
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_H)


def switch(window: MainWindow, qtbot: Any, key: Qt.Key) -> None:
    """Ctrl+PgDn / Ctrl+PgUp in the reader."""
    window.reader.setFocus()
    qtbot.keyClick(window.reader, key, CTRL)


def locked(path: Path) -> bool:
    return Path(f"{path}.lock").exists()


def highlight_and_leave(window: MainWindow, qtbot: Any) -> Path:
    """Highlight "coffee" in the first interview and switch to the next: its notes file."""
    highlight(window, qtbot, "coffee")
    switch(window, qtbot, Qt.Key.Key_PageDown)
    return notes_file(window, 0)


def test_undo_after_switching_back_changes_the_model_and_the_file(
    window: MainWindow, qtbot: Any
) -> None:
    ana, ben = notes_file(window, 0), notes_file(window, 1)
    highlight(window, qtbot, "coffee")
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "Ask about breaks")
    switch(window, qtbot, Qt.Key.Key_PageDown)
    assert "hour before dawn" in window.interview.session.document.text
    assert saved_quotes(ana) == ["coffee"]  # written when left
    assert not locked(ana) and locked(ben)  # the interview not shown is not held
    highlight(window, qtbot, "dawn")
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert locked(ana) and not locked(ben)
    assert window.actions.undo.text().replace("&", "") == "Undo Add Highlight"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert window.interview.session.notes.highlights == []
    qtbot.waitUntil(lambda: saved_quotes(ana) == [])
    assert orjson.loads(ana.read_bytes())["notes"] == "Ask about breaks"  # kept
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: saved_quotes(ana) == ["coffee"])
    switch(window, qtbot, Qt.Key.Key_PageDown)  # Ben's history came along too
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: saved_quotes(ben) == [])


def test_a_notes_file_changed_while_away_drops_the_history_and_says_so(
    window: MainWindow, qtbot: Any
) -> None:
    ana = highlight_and_leave(window, qtbot)
    data = orjson.loads(ana.read_bytes())
    data["notes"] = "Written by a sync tool"
    ana.write_bytes(orjson.dumps(data))
    switch(window, qtbot, Qt.Key.Key_PageUp)
    message = window.statusBar().currentMessage()
    assert "undo history of" in message and "notes file changed on disk" in message
    session = window.interview.session
    assert [h.exact for h in session.notes.highlights] == ["coffee"]  # nothing lost
    assert window.interview.research_notes() == "Written by a sync tool"
    assert not window.actions.undo.isEnabled()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert [h.exact for h in window.interview.session.notes.highlights] == ["coffee"]


def test_a_transcript_changed_while_away_drops_the_history(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    highlight_and_leave(window, qtbot)
    transcript = folder / "P01 Ana.txt"
    transcript.write_text("Q: How do night shifts start?\nA: With coffee, always.\n", "utf-8")
    os.utime(transcript, ns=(1, 1))  # a different modification time, whatever the clock
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert "transcript changed on disk" in window.statusBar().currentMessage()
    assert "always" in window.interview.session.document.text
    assert [h.exact for h in window.interview.session.notes.highlights] == ["coffee"]
    assert not window.actions.undo.isEnabled()


def test_notes_taken_by_another_window_while_away_come_back_read_only_without_history(
    window: MainWindow, qtbot: Any
) -> None:
    ana = highlight_and_leave(window, qtbot)
    other = QLockFile(f"{ana}.lock")  # as another window would hold it
    assert other.tryLock(0)
    try:
        switch(window, qtbot, Qt.Key.Key_PageUp)
        assert window.interview.read_only
        assert "undo history was dropped" in window.banner.text()
        assert not window.actions.undo.isEnabled()
        assert [h.exact for h in window.interview.session.notes.highlights] == ["coffee"]
    finally:
        other.unlock()


def test_only_the_last_interviews_keep_their_history(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(open_interview, "KEPT_HISTORIES", 1)
    highlight_and_leave(window, qtbot)
    highlight(window, qtbot, "dawn")
    switch(window, qtbot, Qt.Key.Key_PageDown)  # Ana's history is let go for Ben's
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert window.actions.undo.isEnabled()
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert [h.exact for h in window.interview.session.notes.highlights] == ["coffee"]
    assert not window.actions.undo.isEnabled()


def test_closing_the_study_lets_the_histories_go(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    ana = highlight_and_leave(window, qtbot)
    window.study_actions.close()
    assert not locked(ana)
    assert window.study_actions.open_path(folder)
    window.switcher.open(window.study.study.interviews[0].id)
    assert [h.exact for h in window.interview.session.notes.highlights] == ["coffee"]
    window.reader.setFocus()
    assert not window.actions.undo.isEnabled()
