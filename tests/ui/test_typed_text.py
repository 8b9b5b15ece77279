"""What the notes editor saves is what was typed (reader/ui/typed_text.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import wait_saved


def test_no_break_spaces_in_the_notes_are_saved_as_typed(
    window: MainWindow, notes_path: Path, qtbot: Any
) -> None:
    """French typography pasted into the notes ("Prix : 10 €", with no-break spaces)
    was saved with plain spaces: Qt's toPlainText changes them. A line end typed with
    Shift+Enter (Qt's line separator) is still saved as one."""
    editor = window.notes_editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.insertPlainText("Prix\u00a0: 10\u00a0€\u2028ligne")
    data = wait_saved(qtbot, notes_path, lambda d: "Prix" in d["notes"])
    assert data["notes"] == "Prix\u00a0: 10\u00a0€\nligne"
