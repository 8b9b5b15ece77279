"""What the user is typing survives what happens meanwhile: another program's change merged
in while the cursor is in the notes, a logout while a dialog is open, notes that changed
under a dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from reader.ui.window.main_window import MainWindow
from tests.ui.memo.test_study_memo import memo_file, on_disk, open_memo
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
