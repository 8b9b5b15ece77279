"""A large notes file the app wrote, or read and checked, is not checked again when it is
opened as it was (reader.core.checked_notes): typed, saved, closed, opened again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.core.checked_notes import MIN_BYTES, passed
from reader.core.store import content_hash
from reader.ui.window.main_window import MainWindow
from tests.ui.test_safety import notes_with


def test_notes_saved_by_the_app_open_again_unchecked(
    qtbot: Any,
    make_window: Callable[..., MainWindow],
    notes_path: Path,
    validations: list[Any],
) -> None:
    notes_with(notes_path, ["Perry"], text="Long notes. " * (MIN_BYTES // 12 + 1))
    window = make_window()
    assert len(validations) == 1  # another program's file (here, the test's): checked
    editor = window.notes_editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    with qtbot.waitSignal(window.interview.saver.written, timeout=5000):
        qtbot.keyClicks(editor, "More.")
    assert passed(notes_path, content_hash(notes_path.read_bytes()))
    window.close()
    again = make_window()
    assert len(validations) == 1
    assert "More." in again.notes_editor.toPlainText()
    assert [h.exact for h in again.interview.session.notes.highlights] == ["Perry"]
