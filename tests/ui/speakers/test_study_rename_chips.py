"""Rename in Study… and the quotes' chips of the other interviews: "Ruth" quoted in P07's
research notes and in the study memo, then renamed "Ruth Okafor" from P06. The chips of
P07 (its notes file, which the exports read, and its notes as it comes back) and the
memo's of P07's passages say the new name; Edit ▸ Undo puts the old one back everywhere,
as one step, and Ctrl+Shift+Z in the dialog the new one again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import Qt

from reader.ui.typed_text import typed_text
from reader.ui.window.main_window import MainWindow
from tests.ui.memo.test_study_memo import memo_file, open_memo
from tests.ui.speakers.test_participant_follows import (
    CTRL,
    SHIFT,
    open_speakers,
    rename_by_keys,
    speakers_on_disk,
)
from tests.ui.speakers.test_study_rename import notes_of, study_folder, window
from tests.ui.test_highlights import highlight_with_key

__all__ = ["study_folder", "window"]  # fixtures, shared with test_study_rename.py

NBSP = "\u00a0"


def notes_text(folder: Path, title: str) -> str:
    path = notes_of(folder, title)
    return orjson.loads(path.read_bytes())["notes"] if path.exists() else ""


def chips(text: str) -> list[str]:
    return [part.split("](")[0] for part in text.split("[↩" + NBSP)[1:]]


def test_the_other_interviews_chips_and_the_memos_follow_and_undo_takes_them_back(
    window: MainWindow, study_folder: Path, dialogs: Any, qtbot: Any
) -> None:
    open_speakers(window, "P07", qtbot).close()
    highlight_with_key(window, qtbot, "Ten years", key=Qt.Key.Key_Q)  # in P07's notes
    qtbot.waitUntil(lambda: chips(notes_text(study_folder, "P07")) == ["Ruth, Q1"])
    open_memo(window, qtbot)
    highlight_with_key(window, qtbot, "Days", key=Qt.Key.Key_Q)  # in the memo
    memo = window.memo()
    assert memo is not None and memo.document is not None
    assert chips(typed_text(memo.document)) == ["P07, Ruth, Q2"]
    window.notes_pane.show_memo(False)

    dialog = open_speakers(window, "P06", qtbot)  # P07 set aside, with its history
    rename_by_keys(dialog, dialogs, "Ruth", "Ruth Okafor", qtbot, study=True)
    assert chips(notes_text(study_folder, "P07")) == ["Ruth Okafor, Q1"]
    assert chips(typed_text(memo.document)) == ["P07, Ruth Okafor, Q2"]
    # All on disk at once: killed now, nothing would be left half renamed.
    assert chips(memo_file(study_folder).read_text("utf-8")) == ["P07, Ruth Okafor, Q2"]
    assert speakers_on_disk(study_folder, "P06") == {"Ruth": "Ruth Okafor"}
    assert not (study_folder / "study.json.speaker-rename").exists()

    undo = window.window_actions.undo  # Edit ▸ Undo: one step takes back all of it
    assert undo.text() == "&Undo Rename Speaker in 2 Interviews"
    undo.trigger()
    assert chips(notes_text(study_folder, "P07")) == ["Ruth, Q1"]
    # The open interview's notes and the memo, undone after the others: written then.
    qtbot.waitUntil(lambda: not (study_folder / "study.json.speaker-rename").exists())
    assert speakers_on_disk(study_folder, "P06") == {}
    assert chips(memo_file(study_folder).read_text("utf-8")) == ["P07, Ruth, Q2"]
    assert chips(typed_text(memo.document)) == ["P07, Ruth, Q2"]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert chips(notes_text(study_folder, "P07")) == ["Ruth Okafor, Q1"]
    assert chips(typed_text(memo.document)) == ["P07, Ruth Okafor, Q2"]

    # P07 comes back with its history, its notes as written.
    dialog.close()
    dialog = open_speakers(window, "P07", qtbot)
    dialog.close()
    assert chips(typed_text(window.notes_editor.document())) == ["Ruth Okafor, Q1"]
    assert window.window_actions.undo.text() == "&Undo Quote in Memo"  # its history kept
