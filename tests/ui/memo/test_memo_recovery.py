"""Getting the study memo back (reader/ui/memo/study_memo.py, persistence/backup_restore.py):
a memo.md deleted while the study was closed offers its latest backup, as an interview's
missing notes do; File ▸ Restore from Backup… restores the memo while it is shown."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.core.backups import make_backup
from reader.core.notes_opening import START_EMPTY
from tests.ui.memo.test_study_memo import memo_file, on_disk, open_memo


def memo_backup(folder: Path, text: str, when: datetime) -> Path:
    (folder / "notes").mkdir(exist_ok=True)
    return make_backup(folder / "notes" / "memo.md", text.encode("utf-8"), now=when)


def test_a_memo_deleted_while_the_study_was_closed_offers_its_latest_backup(
    make_study_window: Any, folder: Path, qtbot: Any, dialogs: Any
) -> None:
    memo_backup(folder, "Ten pages of themes\n", datetime(2026, 5, 1, 9))
    memo_backup(folder, "Ten pages of themes, and more\n", datetime(2026, 5, 2, 9))
    window = make_study_window(folder)  # memo.md is gone: a sync tool deleted it
    (_kind, asked), *_ = dialogs.shown
    assert asked.startswith("Study memo missing:") and "2026-05-02 09:00:00" in asked
    assert "6 words" in asked
    on_disk(qtbot, folder, "Ten pages of themes, and more\n")  # written back at once
    open_memo(window, qtbot)
    assert window.notes_editor.toPlainText() == "Ten pages of themes, and more\n"
    said = [window.banner.text(), *(text for text, _ in window.banner._waiting)]
    assert any("backup of 2026-05-02 09:00:00" in text for text in said)


def test_starting_an_empty_memo_instead_is_not_asked_again(
    make_study_window: Any, folder: Path, qtbot: Any, dialogs: Any
) -> None:
    memo_backup(folder, "Ten pages of themes\n", datetime(2026, 5, 1, 9))
    dialogs.choice_answers.append(START_EMPTY)
    window = make_study_window(folder)
    on_disk(qtbot, folder, "")
    window.close()
    make_study_window(folder)
    assert [t for t in dialogs.titles() if t == "Study memo missing"] == ["Study memo missing"]


def test_a_new_study_asks_nothing_of_its_memo(
    make_study_window: Any, folder: Path, dialogs: Any
) -> None:
    make_study_window(folder)
    assert dialogs.shown == []


def test_restore_from_backup_restores_the_memo_while_it_is_shown(
    make_study_window: Any, folder: Path, qtbot: Any, dialogs: Any
) -> None:
    memo_backup(folder, "Themes of May\n", datetime(2026, 5, 1, 9))
    memo_file(folder).write_text("Themes of June\n", "utf-8")
    window = make_study_window(folder)
    open_memo(window, qtbot)
    dialogs.item_answers.append((1, True))  # the list: the memo as opened, then May's
    window.window_actions.restore_backup.trigger()
    assert "Restore from Backup: " in dialogs.shown[-1][1]
    assert window.notes_editor.toPlainText() == "Themes of May\n"
    on_disk(qtbot, folder, "Themes of May\n")
    backups = sorted((folder / "notes" / "backups").glob("memo.*.md"))
    assert any(b.read_text("utf-8") == "Themes of June\n" for b in backups)  # kept first
    window.notes_editor.undo()  # one step of the editor's undo
    assert window.notes_editor.toPlainText() == "Themes of June\n"


def test_restore_from_backup_greys_out_as_what_it_would_restore_cannot_change(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """memo.md that is not UTF-8 is read-only: greyed out while the memo shows (it was
    on, after the interview's notes), with why; on again with the interview's notes."""
    memo_file(folder).write_bytes(b"Th\xe8mes in Latin-1\n")
    window = make_study_window(folder)
    restore = window.window_actions.restore_backup
    assert restore.isEnabled()
    open_memo(window, qtbot)
    assert not restore.isEnabled()
    assert restore.toolTip() == window.memo().why_read_only() != ""
    assert "not UTF-8 text" in restore.toolTip()
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert not window.notes_pane.showing_memo() and restore.isEnabled()


def test_restore_from_backup_restores_the_memo_of_a_study_with_no_interview_yet(
    make_study_window: Any, tmp_path: Path, qtbot: Any, dialogs: Any
) -> None:
    """No interview open: greyed out for the notes, which there are none of, but it was
    so for the memo shown as well."""
    folder = tmp_path / "New study"
    folder.mkdir()
    memo_backup(folder, "Themes of May\n", datetime(2026, 5, 1, 9))
    memo_file(folder).write_text("Themes of June\n", "utf-8")
    window = make_study_window(folder)
    restore = window.window_actions.restore_backup
    assert window.interview.session is None and not restore.isEnabled()
    open_memo(window, qtbot)
    assert restore.isEnabled()
    dialogs.item_answers.append((1, True))  # the memo as opened, then May's
    restore.trigger()
    on_disk(qtbot, folder, "Themes of May\n")


def test_a_memo_replaced_by_what_is_not_text_that_cannot_be_kept_is_said(
    make_study_window: Any, folder: Path, qtbot: Any, monkeypatch: Any
) -> None:
    """Keeping it aside raised out of the watcher (a full disk): nothing said, and the
    memo was not written back."""

    def full(path: Path, _data: bytes) -> Path:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("reader.ui.memo.study_memo.keep_aside", full)
    memo_file(folder).write_text("Themes\n", "utf-8")
    window = make_study_window(folder)
    open_memo(window, qtbot)
    memo_file(folder).write_bytes(b"\x00\x01 binary")
    qtbot.waitUntil(lambda: "could not be kept" in window.banner.text(), timeout=5000)
    assert "No space left on device" in window.banner.text()
    on_disk(qtbot, folder, "Themes\n")  # the memo, written back
