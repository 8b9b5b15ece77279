"""What the user is typing survives what happens meanwhile: another program's change merged
in while the cursor is in the notes, a logout while a dialog is open, notes that changed
under a dialog."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtWidgets import QApplication, QDialog

from reader.ui.dialogs import NoteDialog
from reader.ui.window.main_window import MainWindow
from reader.ui.window.shutdown import ShutdownOnSignals
from tests.ui.memo.test_study_memo import memo_file, on_disk, open_memo
from tests.ui.test_never_lose import restore_signals  # noqa: F401 (a fixture, used by name)
from tests.ui.test_safety import notes_with, saved


def type_at(window: MainWindow, offset: int, text: str) -> None:
    editor = window.notes_editor
    cursor = editor.textCursor()
    cursor.setPosition(offset)
    editor.setTextCursor(cursor)
    editor.insertPlainText(text)


def test_an_outside_merge_leaves_the_typing_cursor_where_it_was(
    make_window: Any, notes_path: Path, qtbot: Any
) -> None:
    notes_with(notes_path, ["Rehearsal"], text="line one\nline two\nline three\n")
    window = make_window()
    type_at(window, len("line one"), " (mine")
    qtbot.waitUntil(lambda: "(mine" in saved(notes_path)["notes"])
    theirs = saved(notes_path)  # a sync tool brings line three as changed on a laptop
    theirs["notes"] = theirs["notes"].replace("line three", "line three, from the laptop")
    notes_path.write_bytes(orjson.dumps(theirs))
    editor = window.notes_editor
    qtbot.waitUntil(lambda: "laptop" in editor.toPlainText(), timeout=5000)
    editor.insertPlainText(")")  # the next key lands where the user was typing
    expected = "line one (mine)\nline two\nline three, from the laptop\n"
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == expected)
    editor.undo()  # the editor's own undo takes back the typing, not the merge
    assert editor.toPlainText() == expected.replace(")", "", 1)


def test_notes_another_program_saved_with_windows_line_ends_merge_line_by_line(
    make_window: Any, notes_path: Path, qtbot: Any
) -> None:
    """Saved with "\r\n" (an editor on Windows), every line read as changed: the whole
    notes were kept twice between conflict markers, and a lone "\r" was typed in."""
    notes_with(notes_path, ["Rehearsal"], text="line one\nline two\nline three\n")
    window = make_window()
    type_at(window, len("line one"), " (mine)")
    qtbot.waitUntil(lambda: "(mine)" in saved(notes_path)["notes"])
    theirs = saved(notes_path)
    theirs["notes"] = "line one (mine)\r\nline two, from Windows\r\nline three\r\n"
    theirs["highlights"][0]["note"] = "a note\r\nof two lines"
    notes_path.write_bytes(orjson.dumps(theirs))
    expected = "line one (mine)\nline two, from Windows\nline three\n"
    editor = window.notes_editor
    qtbot.waitUntil(lambda: editor.toPlainText() == expected, timeout=5000)
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == expected)
    assert saved(notes_path)["highlights"][0]["note"] == "a note\nof two lines"


def test_an_outside_change_to_the_memo_leaves_the_typing_cursor_where_it_was(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    (folder / "notes").mkdir()
    memo_file(folder).write_text("line one\nline two\nline three\n", "utf-8")
    window = make_study_window(folder)
    open_memo(window, qtbot)
    type_at(window, len("line one"), " (mine 🌙")  # an emoji: two UTF-16 units before the edit
    on_disk(qtbot, folder, "line one (mine 🌙\nline two\nline three\n")
    memo_file(folder).write_text("line one (mine 🌙\nline two\nline three, laptop\n", "utf-8")
    qtbot.waitUntil(lambda: "laptop" in window.notes_editor.toPlainText(), timeout=5000)
    window.notes_editor.insertPlainText(")")
    on_disk(qtbot, folder, "line one (mine 🌙)\nline two\nline three, laptop\n")
    assert window.notes_editor.textCursor().block().blockNumber() == 0


# A highlight's note, typed in its dialog -------------------------------------------------


def typing_a_note(monkeypatch: Any, note: str, meanwhile: Any, accept: bool = True) -> None:
    """The next Note dialog gets `note` typed, then `meanwhile()` happens while it is
    open; then OK (`accept`) or it is closed otherwise (Cancel, or the app quits)."""

    def exec_(dialog: NoteDialog) -> QDialog.DialogCode:
        dialog.editor.setPlainText(note)
        meanwhile()
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    monkeypatch.setattr(NoteDialog, "exec", exec_)


@pytest.mark.usefixtures("restore_signals")
def test_a_note_being_typed_is_written_on_a_logout_signal(
    make_window: Any, notes_path: Path, qtbot: Any, qapp: Any, monkeypatch: Any
) -> None:
    notes_with(notes_path, ["Rehearsal"])
    window = make_window()
    ShutdownOnSignals(qapp, window.shut_down_now, window.interview.flush).looping = True

    def logout() -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: window.interview.controller is None)

    typing_a_note(monkeypatch, "ten minutes of careful writing", logout, accept=False)
    window.editing.edit_note(window.interview.session.notes.highlights[0].id)
    assert saved(notes_path)["highlights"][0]["note"] == "ten minutes of careful writing"


def test_a_note_being_typed_is_written_when_the_session_manager_asks(
    make_window: Any, notes_path: Path, monkeypatch: Any
) -> None:
    notes_with(notes_path, ["Rehearsal"])
    window = make_window()
    on_disk_then: list[str] = []

    def commit_data() -> None:  # what ShutdownOnSignals does on commitDataRequest
        window.interview.flush()
        on_disk_then.append(saved(notes_path)["highlights"][0]["note"])

    typing_a_note(monkeypatch, "before the logout", commit_data)
    window.editing.edit_note(window.interview.session.notes.highlights[0].id)
    assert on_disk_then == ["before the logout"]
    assert window.interview.controller.undo_stack.count() == 1  # OK after it: no second step


def test_a_note_on_a_highlight_deleted_elsewhere_meanwhile_brings_it_back(
    make_window: Any, notes_path: Path, qtbot: Any, monkeypatch: Any
) -> None:
    notes_with(notes_path, ["Rehearsal", "planning"])
    window = make_window()
    highlight_id = window.interview.session.notes.highlights[0].id

    def deleted_on_the_laptop() -> None:
        theirs = saved(notes_path)
        theirs["highlights"] = [h for h in theirs["highlights"] if h["id"] != highlight_id]
        notes_path.write_bytes(orjson.dumps(theirs))
        qtbot.waitUntil(lambda: window.interview.session.highlight(highlight_id) is None)

    typing_a_note(monkeypatch, "a long careful note", deleted_on_the_laptop)
    window.editing.edit_note(highlight_id)
    qtbot.waitUntil(lambda: len(saved(notes_path)["highlights"]) == 2)
    back = next(h for h in saved(notes_path)["highlights"] if h["id"] == highlight_id)
    assert back["note"] == "a long careful note" and back["exact"] == "Rehearsal"
    window.interview.controller.undo_stack.undo()  # Undo takes the note back: as deleted
    assert window.interview.session.highlight(highlight_id) is None


def test_a_note_typed_while_the_notes_went_read_only_is_on_the_clipboard(
    make_window: Any, notes_path: Path, qtbot: Any, monkeypatch: Any, dialogs: Any
) -> None:
    notes_with(notes_path, ["Rehearsal"])
    window = make_window()
    highlight_id = window.interview.session.notes.highlights[0].id

    def newer_version_written() -> None:
        theirs = saved(notes_path)
        theirs["version"] = 99
        notes_path.write_bytes(orjson.dumps(theirs))
        qtbot.waitUntil(lambda: window.interview.read_only)

    typing_a_note(monkeypatch, "a long careful note", newer_version_written)
    window.editing.edit_note(highlight_id)
    assert QApplication.clipboard().text() == "a long careful note"
    assert dialogs.titles()[-1] == "Note not saved"
    assert "on the clipboard" in dialogs.shown[-1][1]


# Quitting just after another program wrote the notes -----------------------------------


def test_quitting_right_after_another_programs_change_merges_it(
    make_window: Any, notes_path: Path
) -> None:
    notes_with(notes_path, ["Rehearsal"], text="line one\nline two\n")
    window = make_window()
    type_at(window, 0, "mine ")
    theirs = saved(notes_path)  # a sync tool, a moment before Ctrl+Q: not yet noticed
    theirs["notes"] = "line one\nline two\nfrom my laptop\n"
    notes_path.write_bytes(orjson.dumps(theirs))
    window.close()
    assert saved(notes_path)["notes"] == "mine line one\nline two\nfrom my laptop\n"


def test_another_programs_write_while_ours_reaches_the_disk_is_merged(
    make_window: Any, notes_path: Path, qtbot: Any, monkeypatch: Any
) -> None:
    """A sync tool replaces the notes file after the save checked it and before its rename
    (while a slow disk takes our bytes): that version was replaced without a trace."""
    notes_with(notes_path, ["Rehearsal"], text="line one\nline two\nline three\n")
    window = make_window()
    fsync = os.fsync

    def meanwhile_a_sync_tool(fd: int) -> None:
        if f".{notes_path.name}." not in os.readlink(f"/proc/self/fd/{fd}"):
            return fsync(fd)  # not our save's own temporary file (a backup, a folder)
        monkeypatch.setattr(os, "fsync", fsync)  # once
        theirs = saved(notes_path)
        theirs["notes"] = "line one\nline two\nline three, from the laptop\n"
        arriving = notes_path.with_name("arriving.tmp")
        arriving.write_bytes(orjson.dumps(theirs))
        os.replace(arriving, notes_path)
        return fsync(fd)

    monkeypatch.setattr(os, "fsync", meanwhile_a_sync_tool)
    type_at(window, 0, "mine ")
    mine_and_theirs = "mine line one\nline two\nline three, from the laptop\n"
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == mine_and_theirs, timeout=5000)
    assert window.notes_editor.toPlainText() == mine_and_theirs
