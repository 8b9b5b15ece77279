"""Notes opened while another program writes them open read-only, and open again by
themselves once that write is done (reader/ui/interview/open_again.py). They stayed
read-only, and empty, until the user thought of opening the interview again: the banner
that said so was replaced by the next merge's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt

from reader.core import half_written
from reader.core.read_only import ReadOnly
from reader.ui.window.main_window import MainWindow
from tests.ui.codebook.test_hub import redo_a_code_merged_since
from tests.ui.test_nothing_lost import switch, type_notes
from tests.ui.test_read_only_undo import activate


def highlighted(window: MainWindow, qtbot: Any, word: str) -> None:
    """`word` selected in the reader and given the first colour, by key."""
    text = window.interview.session.document.text
    start = text.index(word)
    window.reader.select_span(start, start + len(word))
    qtbot.keyClick(window.reader, Qt.Key.Key_1)


def highlights_on_disk(notes_path: Path) -> list[str]:
    return [h["exact"] for h in orjson.loads(notes_path.read_bytes())["highlights"]]


@pytest.fixture
def whole(make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any) -> bytes:
    """The notes file with one highlight, as a first window left it."""
    window = make_window()
    highlighted(window, qtbot, "Netflix")
    assert window.interview.flush()
    window.close()
    return notes_path.read_bytes()


def test_notes_opened_halfway_through_another_programs_write_open_when_it_ends(
    make_window: Callable[..., MainWindow],
    notes_path: Path,
    whole: bytes,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)  # longer than the test
    notes_path.write_bytes(whole[: len(whole) // 2])
    window = make_window()
    assert window.interview.read_only_cause is ReadOnly.NOTES_BEING_WRITTEN
    assert "open again by themselves" in window.banner.text()
    assert "for a moment" in window.interview.why_read_only()
    assert not window.window_actions.save_notes_as.isEnabled()  # nothing read to save
    notes_path.write_bytes(whole)  # the write ends
    qtbot.waitUntil(lambda: not window.interview.read_only)
    assert len(window.interview.session.notes.highlights) == 1
    assert "half written" not in window.banner.text()
    activate(window, qtbot)
    highlighted(window, qtbot, "Hollywood")
    assert window.interview.flush()
    assert sorted(highlights_on_disk(notes_path)) == ["Hollywood", "Netflix"]


def test_notes_another_program_left_half_written_are_set_aside_once_the_wait_is_over(
    make_window: Callable[..., MainWindow],
    notes_path: Path,
    whole: bytes,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Any,
) -> None:
    """The writer stopped there: once the wait is over, the half is what any opening of
    an unreadable file finds: set aside, and the user asked what to open instead."""
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 1_000_000_000)
    notes_path.write_bytes(whole[: len(whole) // 2])
    window = make_window()
    assert window.interview.read_only_cause is ReadOnly.NOTES_BEING_WRITTEN
    qtbot.waitUntil(lambda: not window.interview.read_only, timeout=5000)
    (kept,) = notes_path.parent.glob("notes.corrupt-*.json")
    assert kept.read_bytes() == whole[: len(whole) // 2]
    assert dialogs.titles() == ["Notes file set aside"]  # what to open instead: asked
    assert kept.name in window.banner.text()


def back_once_a_sync_tool_wrote_its_notes(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Notes typed in the study's first interview; Ctrl+PgDn, then Ctrl+PgUp back while a
    sync tool has written half of them: read-only, then opened again once the rest is
    written. Their path."""
    path = window.interview.notes_path
    assert path is not None
    type_notes(window, qtbot, "Ana starts with coffee")
    assert window.interview.flush()
    whole = path.read_bytes()
    switch(window, qtbot, Qt.Key.Key_PageDown)
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)
    path.write_bytes(whole[: len(whole) // 2])
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert window.interview.read_only_cause is ReadOnly.NOTES_BEING_WRITTEN
    path.write_bytes(whole)
    qtbot.waitUntil(lambda: not window.interview.read_only)
    return path


def test_a_study_interview_opened_halfway_through_a_write_opens_in_its_place(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Come back to an interview of the study whose notes a sync tool is writing: it
    opens again, writable, as the interview the Library has open."""
    window = make_study_window(folder)
    activate(window, qtbot)
    first = window.switcher.current
    path = back_once_a_sync_tool_wrote_its_notes(window, qtbot, monkeypatch)
    assert window.switcher.current == first and window.interview.notes_path == path
    assert window.notes_editor.toPlainText() == "Ana starts with coffee"
    assert window.interview.in_study


def test_a_study_interview_opened_again_follows_the_studys_code_merges(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Any,
) -> None:
    """Opened again once a sync tool's write of its notes was done, the interview's undo
    history did not hear of the study's code merges (another Crossing than the study's
    for it): after "Food" was merged into "Meals", the interview's Redo of "Food" on
    "coffee" put on no code at all."""
    window = make_study_window(folder)
    activate(window, qtbot)
    back_once_a_sync_tool_wrote_its_notes(window, qtbot, monkeypatch)
    redo_a_code_merged_since(window, qtbot, dialogs)


def test_notes_opened_again_after_the_study_was_taken_are_not_said_to_be_another_windows(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by a code review: notes a sync tool was writing, opened in a study another
    window had, opened again read-only "while another window has the study" once that
    write was done, though the other window had closed the study meanwhile."""
    first = make_study_window(folder)
    second = make_study_window(folder)
    assert second.study.read_only_cause is ReadOnly.STUDY_IN_USE
    assert second.study.study is not None
    ben = second.study.study.interviews[1].id
    path = second.study.study.notes_path(second.study.study.interview(ben))
    path.write_bytes(b'{"format": "interview-reader-notes", "version": 1}')
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)
    whole = path.read_bytes()
    path.write_bytes(whole[:20])
    assert second.switcher.open(ben)
    assert second.interview.read_only_cause is ReadOnly.NOTES_BEING_WRITTEN
    first.close()
    qtbot.waitUntil(lambda: not second.study.read_only, timeout=5000)
    path.write_bytes(whole)
    qtbot.waitUntil(lambda: second.interview.read_only_cause is not ReadOnly.NOTES_BEING_WRITTEN)
    assert second.interview.why_read_only() == ""
    assert not second.interview.read_only
