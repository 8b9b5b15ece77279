"""What the unreadable-notes question offers is what it does: Quit quits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.core.study import open_study
from reader.ui.window.main_window import MainWindow

CUT_OFF = b'{"format": "interview-reader-notes", '


def test_quit_with_a_study_open_and_no_interview_closes_the_window(
    make_study_window: Callable[[Path], MainWindow], folder: Path, dialogs: Any, qtbot: Any
) -> None:
    study = open_study(folder)
    study.save()
    for entry in study.interviews:  # every interview's notes cut off (a sync tool's copies)
        notes = study.notes_path(entry)
        notes.parent.mkdir(exist_ok=True)
        notes.write_bytes(CUT_OFF)
    dialogs.choice_answers += ["Skip This Interview"] * 3  # each set aside, none open
    window = make_study_window(folder)
    assert window.interview.session is None and window.study.study is not None
    assert list(folder.rglob("*.lock"))  # the study's, held while it is open
    study.notes_path(study.interviews[0]).write_bytes(CUT_OFF)  # and cut off again
    dialogs.shown.clear()
    dialogs.choice_answers.append("Quit")
    view = window.library.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert [kind for kind, _ in dialogs.shown] == ["ask"]
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.study.study is None  # closed as File ▸ Quit closes it: lock let go
    assert not list(folder.rglob("*.lock"))
