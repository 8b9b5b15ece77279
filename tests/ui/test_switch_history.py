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
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QLockFile, Qt
from PySide6.QtGui import QTextDocument

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
    assert window.window_actions.undo.text().replace("&", "") == "Undo Add Highlight"
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
    assert not window.window_actions.undo.isEnabled()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert [h.exact for h in window.interview.session.notes.highlights] == ["coffee"]


def test_coming_back_reads_the_notes_file_once(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked against the hash it was left with, and then given to the safety: the bytes
    read for one are the bytes of the other."""
    ana = highlight_and_leave(window, qtbot)
    reads: list[Path] = []
    read_bytes = Path.read_bytes

    def counting(path: Path) -> bytes:
        reads.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    switch(window, qtbot, Qt.Key.Key_PageUp)
    monkeypatch.undo()
    assert window.window_actions.undo.text().replace("&", "") == "Undo Add Highlight"  # resumed
    assert reads.count(ana) == 1


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
    assert not window.window_actions.undo.isEnabled()


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
        assert not window.window_actions.undo.isEnabled()
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
    assert window.window_actions.undo.isEnabled()
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert [h.exact for h in window.interview.session.notes.highlights] == ["coffee"]
    assert not window.window_actions.undo.isEnabled()
    # Said as it opens, once: Ctrl+Z found nothing there, and nothing said why.
    assert window.statusBar().currentMessage() == (
        "The undo history of “P01 Ana” was dropped: only the last 1 interviews left keep theirs."
    )


def test_a_dropped_history_is_still_said_when_its_first_open_is_cancelled(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The message went with the first try to open the interview: cancelled (a large
    transcript's reading, say), the open that followed said nothing."""
    monkeypatch.setattr(open_interview, "KEPT_HISTORIES", 1)
    highlight_and_leave(window, qtbot)
    highlight(window, qtbot, "dawn")
    switch(window, qtbot, Qt.Key.Key_PageDown)  # Ana's history is let go for Ben's
    switch(window, qtbot, Qt.Key.Key_PageUp)  # Ben's, kept
    with monkeypatch.context() as patched:
        patched.setattr(open_interview.loading, "load", lambda *_args: None)  # cancelled
        switch(window, qtbot, Qt.Key.Key_PageUp)
    assert window.interview.session.document.title == "P02 Ben"  # still there
    window.statusBar().clearMessage()
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert window.interview.session.document.title == "P01 Ana"
    assert window.statusBar().currentMessage() == (
        "The undo history of “P01 Ana” was dropped: only the last 1 interviews left keep theirs."
    )


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
    assert not window.window_actions.undo.isEnabled()


def research_notes_on_disk(path: Path) -> str:
    return orjson.loads(path.read_bytes())["notes"]


def type_notes(window: MainWindow, qtbot: Any, text: str) -> None:
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, text)


def undo_in_notes(window: MainWindow, qtbot: Any) -> None:
    window.notes_editor.setFocus()
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_Z, CTRL)


def notes_documents(window: MainWindow) -> list[QTextDocument]:
    """The research notes documents alive: the open interview's and those kept with it."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # those let go
    only = Qt.FindChildOption.FindDirectChildrenOnly
    return window.interview.findChildren(QTextDocument, options=only)


def test_typing_in_the_notes_undoes_after_switching_back(window: MainWindow, qtbot: Any) -> None:
    ana, ben = notes_file(window, 0), notes_file(window, 1)
    type_notes(window, qtbot, "Ask about breaks")
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_Return)
    type_notes(window, qtbot, "and coffee")
    switch(window, qtbot, Qt.Key.Key_PageDown)
    assert research_notes_on_disk(ana) == "Ask about breaks\nand coffee"  # written when left
    assert window.notes_editor.toPlainText() == ""
    assert not window.notes_editor.document().isUndoAvailable()  # Ben's own, untouched
    assert not ben.exists()  # opening is no edit
    type_notes(window, qtbot, "Ben sleeps")
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert window.notes_editor.toPlainText() == "Ask about breaks\nand coffee"
    assert window.notes_editor.textCursor().position() == len("Ask about breaks\nand coffee")
    undo_in_notes(window, qtbot)  # Ana's last typing, although Ben's came after it
    assert window.notes_editor.toPlainText() == "Ask about breaks\nand "  # its last word
    qtbot.waitUntil(lambda: research_notes_on_disk(ana) == "Ask about breaks\nand ")
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: research_notes_on_disk(ana) == "Ask about breaks\nand coffee")
    assert research_notes_on_disk(ben) == "Ben sleeps"
    assert window.interview.session.notes.highlights == []  # the notes' undo, not the model's
    switch(window, qtbot, Qt.Key.Key_PageDown)
    undo_in_notes(window, qtbot)
    undo_in_notes(window, qtbot)  # Ben's history ends at his own first words
    assert window.notes_editor.toPlainText() == ""
    qtbot.waitUntil(lambda: research_notes_on_disk(ben) == "")
    assert research_notes_on_disk(ana) == "Ask about breaks\nand coffee"


def test_the_preview_and_word_count_follow_the_notes_shown(window: MainWindow, qtbot: Any) -> None:
    type_notes(window, qtbot, "# Ana on breaks")
    switch(window, qtbot, Qt.Key.Key_PageDown)
    type_notes(window, qtbot, "Ben")
    window.notes_editor.setFocus()
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.notes_pane.previewing()
    assert "Ben" in window.notes_pane.preview.toPlainText()
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert window.notes_pane.preview.toPlainText().strip() == "Ana on breaks"
    # "# Ana on breaks": three words, the heading's mark none
    qtbot.waitUntil(lambda: window.words_label.text() == "3 words")
    editor = window.notes_editor
    qtbot.waitUntil(lambda: editor.highlighter.document() is editor.document())
    interview = window.interview
    assert editor.document() is interview.notes_document
    assert len(notes_documents(window)) == 2  # Ana's shown, Ben's kept with his history
    window.notes_editor.setFocus()
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    type_notes(window, qtbot, " today")  # counted in the notes shown now
    qtbot.waitUntil(lambda: window.words_label.text() == "4 words")


def test_notes_changed_on_disk_while_away_come_back_without_their_typing_history(
    window: MainWindow, qtbot: Any
) -> None:
    ana = notes_file(window, 0)
    type_notes(window, qtbot, "Ask about breaks")
    switch(window, qtbot, Qt.Key.Key_PageDown)
    data = orjson.loads(ana.read_bytes())
    data["notes"] = "Written by a sync tool"
    ana.write_bytes(orjson.dumps(data))
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert "notes file changed on disk" in window.statusBar().currentMessage()
    assert window.notes_editor.toPlainText() == "Written by a sync tool"
    undo_in_notes(window, qtbot)
    assert window.notes_editor.toPlainText() == "Written by a sync tool"
    assert research_notes_on_disk(ana) == "Written by a sync tool"


def test_the_notes_of_dropped_histories_are_deleted(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(open_interview, "KEPT_HISTORIES", 1)
    ana_notes = window.interview.notes_document
    type_notes(window, qtbot, "Ana")
    switch(window, qtbot, Qt.Key.Key_PageDown)
    type_notes(window, qtbot, "Ben")
    switch(window, qtbot, Qt.Key.Key_PageDown)  # Ana's history is let go for Ben's
    type_notes(window, qtbot, "Cem")
    switch(window, qtbot, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: len(notes_documents(window)) == 2)  # Ben's shown, Cem's kept
    assert not shiboken6.isValid(ana_notes)
    window.study_actions.close()
    qtbot.waitUntil(lambda: len(notes_documents(window)) == 1)  # Cem's let go
