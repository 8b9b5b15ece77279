"""Undo goes on over another program's change merged into the open notes
(persistence/safety.py `_merge`): each step finds its highlights by id; one whose
highlights that program changed or deleted leaves them as it left them and is dropped
(interview/commands.py). A merge that changed colour labels, speakers, roles or codes,
which steps hold whole, still clears the history, and says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.core.annotations import make_highlight
from reader.core.notes_file import parse
from reader.core.store import save_notes
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import highlight_with_key
from tests.ui.test_other_scripts import caret_at
from tests.ui.test_read_only_undo import activate
from tests.ui.test_safety import notes_with, saved

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def quoted(window: MainWindow, notes_path: Path) -> dict[str, dict]:
    """The highlights on disk, all written now, by the words they hold."""
    assert window.interview.flush()
    return {h["exact"]: h for h in saved(notes_path)["highlights"]}


def another_program(window: MainWindow, notes_path: Path, change: Any) -> None:
    """Another program changes the notes file (`change` on its notes); merged here, at
    once (the file's watch looks as it does, a moment later)."""
    theirs = parse(notes_path.read_bytes())
    change(theirs, window.interview.session.document.text)  # type: ignore[union-attr]
    save_notes(notes_path, theirs)
    window.interview.safety.guard.file.check()  # type: ignore[union-attr]
    assert "Merged changes" in window.banner.text()


def test_undo_after_a_merge_that_touched_other_highlights(
    make_window: Any, notes_path: Path, qtbot: Any
) -> None:
    """The merge cleared the history: Ctrl+Z did nothing, the user's own last highlight
    stayed."""
    notes_with(notes_path, ["Rehearsal"], text="base")
    window = make_window()
    activate(window, qtbot)
    highlight_with_key(window, qtbot, "scripted")  # the user's step
    assert "scripted" in quoted(window, notes_path)

    def note_and_add(theirs: Any, text: str) -> None:
        start = text.index("Handycam")
        theirs.highlights = [
            h.edited(note="from the laptop") if h.exact == "Rehearsal" else h
            for h in theirs.highlights
        ] + [make_highlight(text, start, start + len("Handycam"))]

    another_program(window, notes_path, note_and_add)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert set(quoted(window, notes_path)) == {"Rehearsal", "Handycam"}
    assert quoted(window, notes_path)["Rehearsal"]["note"] == "from the laptop"  # theirs kept
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert set(quoted(window, notes_path)) == {"Rehearsal", "Handycam", "scripted"}


def test_a_step_whose_highlight_the_merge_deleted_is_dropped(
    make_window: Any, notes_path: Path, qtbot: Any
) -> None:
    """The other program deleted the highlight the last step added: Ctrl+Z never brings
    it back, nor spends a key press on it; it undoes the step before."""
    notes_with(notes_path, ["Rehearsal"])
    window = make_window()
    activate(window, qtbot)
    colour = quoted(window, notes_path)["Rehearsal"]["color"]
    text = window.interview.session.document.text
    caret_at(window, text.index("Rehearsal") + 2)
    qtbot.keyClick(window.reader, Qt.Key.Key_3)  # recoloured: the first step
    highlight_with_key(window, qtbot, "scripted")  # the second
    recoloured = quoted(window, notes_path)["Rehearsal"]["color"]
    assert "scripted" in quoted(window, notes_path) and recoloured != colour

    def delete_scripted(theirs: Any, _text: str) -> None:
        theirs.highlights = [h for h in theirs.highlights if h.exact != "scripted"]

    another_program(window, notes_path, delete_scripted)
    stack = window.interview.controller.undo_stack  # type: ignore[union-attr]
    assert stack.count() == 1 and stack.undoText() == "Recolour Highlight"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert quoted(window, notes_path)["Rehearsal"]["color"] == colour
    assert set(quoted(window, notes_path)) == {"Rehearsal"}
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)  # nothing more to redo
    assert quoted(window, notes_path)["Rehearsal"]["color"] == recoloured
    assert set(quoted(window, notes_path)) == {"Rehearsal"}  # never brought back


def test_a_merge_of_colour_labels_clears_the_history_and_says_so(
    make_window: Any, notes_path: Path, qtbot: Any
) -> None:
    """Steps on colour labels, speakers, roles and codes hold them whole: undone over
    another program's change to them, they would take it back."""
    notes_with(notes_path, ["Rehearsal"])
    window = make_window()
    activate(window, qtbot)
    highlight_with_key(window, qtbot, "scripted")
    assert "scripted" in quoted(window, notes_path)

    def relabel(theirs: Any, _text: str) -> None:
        theirs.colors = {**theirs.colors, next(iter(theirs.colors)): "Quotes for the paper"}

    another_program(window, notes_path, relabel)
    assert not window.interview.controller.undo_stack.canUndo()  # type: ignore[union-attr]
    assert "Undo history cleared" in window.banner.text()
