"""The backup of a file as it opened (NotesSaver.back_up_soon): written after the first
paint, or before the first save when that comes sooner, and kept where its owner keeps
its backups (the study memo's with the interviews' notes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.core import half_written
from reader.core.backups import backup_dir
from reader.core.store import content_hash
from reader.ui.persistence.saver import NotesSaver
from reader.ui.window.main_window import MainWindow
from tests.ui.test_nothing_lost import notes_text, type_notes
from tests.ui.test_read_only_undo import activate


def opened(path: Path, typed: bytes) -> NotesSaver:
    saver = NotesSaver(path, lambda: lambda: typed)
    saver.expected_hash = content_hash(path.read_bytes())
    saver.back_up_soon(path.read_bytes())
    return saver


def test_the_file_as_opened_is_kept_before_the_first_save_overwrites_it(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "memo.md"
    path.write_bytes(b"as opened")
    saver = opened(path, b"typed at once")
    saver.mark_dirty()
    assert saver.flush()  # sooner than the backup's delay: it is written first
    assert path.read_bytes() == b"typed at once"
    (backup,) = backup_dir(path).iterdir()
    assert backup.read_bytes() == b"as opened"
    saver.shutdown()


def test_the_file_as_opened_is_kept_after_a_moment_where_its_owner_says(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "study" / "memo.md"
    path.parent.mkdir()
    path.write_bytes(b"as opened")
    saver = NotesSaver(path, lambda: lambda: b"")
    saver.backup_name = tmp_path / "study" / "notes" / "memo.md"  # with the interviews'
    saver.back_up_soon(path.read_bytes())
    assert not backup_dir(saver.backup_name).exists()  # not before the first paint
    qtbot.waitUntil(lambda: backup_dir(saver.backup_name).is_dir())
    (backup,) = backup_dir(saver.backup_name).iterdir()
    assert backup.read_bytes() == b"as opened" and backup.name.startswith("memo.")
    saver.write_backup()  # closing: written once only
    assert len(list(backup_dir(saver.backup_name).iterdir())) == 1


def test_a_file_another_program_made_before_the_first_save_is_not_written_over(
    qtbot: Any, tmp_path: Path
) -> None:
    """No file when the notes opened, then a sync tool's copy from another machine: the
    first save wrote over it, as there had been nothing to overwrite. It is another
    program's change now (merged by the saver's owner); on quit, kept in the backups."""
    path = tmp_path / "notes.json"
    saver = NotesSaver(path, lambda: lambda: b"typed here")
    changes: list[bytes] = []
    saver.outsideChange.connect(changes.append)
    path.write_bytes(b"from the other laptop")
    saver.mark_dirty()
    saver.save_soon_now()
    qtbot.waitUntil(lambda: changes == [b"from the other laptop"])
    assert path.read_bytes() == b"from the other laptop"
    saver.shutdown()
    path.unlink()
    quitting = NotesSaver(path, lambda: lambda: b"typed here")
    path.write_bytes(b"from the other laptop")
    quitting.mark_dirty()
    assert quitting.flush()  # on quit there is no time to merge
    assert path.read_bytes() == b"typed here"
    (kept,) = backup_dir(path).iterdir()
    assert kept.read_bytes() == b"from the other laptop"
    quitting.shutdown()


def test_the_study_memo_never_makes_the_study_folder_again(qtbot: Any, tmp_path: Path) -> None:
    """The study renamed while open: the memo's save made the folder again at its old
    place, and the study file and the notes followed it there, astray."""
    folder = tmp_path / "study"
    folder.mkdir()
    saver = NotesSaver(folder / "memo.md", lambda: lambda: b"memo after")
    saver.makes_its_folder = False
    folder.rename(tmp_path / "renamed")
    saver.mark_dirty()
    assert not saver.flush()
    assert saver.state == "error" and not folder.exists()
    saver.shutdown()


def test_notes_not_saved_on_switching_while_another_program_writes_them_are_saved_after(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Any,
) -> None:
    """Ctrl+PgDn while a sync tool rewrites the notes file in place: the save waits for
    the rest of that write, the user is asked, and Cancel keeps the interview. The wait
    stopped saving for good: the write ended with nothing new, so no merge asked for a
    save, and the words typed stayed unsaved until the next keystroke (a crash lost them)."""
    window = make_study_window(folder)
    activate(window, qtbot)
    path = window.interview.notes_path
    assert path is not None
    type_notes(window, qtbot, "before")
    qtbot.waitUntil(lambda: notes_text(path) == "before")
    whole = path.read_bytes()
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 1_000_000_000)
    path.write_bytes(whole[: len(whole) // 2])  # the sync tool's write, halfway
    type_notes(window, qtbot, ", precious words")
    dialogs.button_answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert "Notes not saved" in dialogs.titles()
    assert window.interview.notes_path == path  # kept open
    path.write_bytes(whole)  # the write ends: the same notes as before
    qtbot.waitUntil(lambda: notes_text(path) == "before, precious words", timeout=5000)
