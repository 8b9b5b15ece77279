"""File ▸ Open Recent by the keyboard: numbered, so Alt+F, R and a digit reopen one, and
two studies of one name told apart by their folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from reader.resources import BUNDLED_INTERVIEW, RESOURCES
from reader.ui.library.recent import FOLDER_KEY, KEY, LAST_KEY
from reader.ui.settings import settings
from reader.ui.window.main_window import MainWindow
from tests.ui.conftest import TALKS
from tests.ui.test_actions import menu_action_menu


def test_alt_f_r_and_a_digit_reopen_a_study_told_apart_by_its_folder(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    folders = [tmp_path / place / "interviews" for place in ("nurses", "porters")]
    for folder in folders:
        folder.mkdir(parents=True)
        for name, text in TALKS.items():
            (folder / name).write_text(text, encoding="utf-8")
    window = make_study_window(folders[0])
    assert window.study_actions.open_path(folders[1])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    file_menu = menu_action_menu(window, "File")
    qtbot.waitUntil(file_menu.isVisible)
    qtbot.keyClick(file_menu, Qt.Key.Key_R)
    recent = window.window_actions.recent_menu
    qtbot.waitUntil(recent.isVisible)
    texts = [a.text() for a in recent.actions() if not a.isSeparator()]
    assert texts[:2] == [
        f"&1 interviews  (study) — {folders[1].parent}",
        f"&2 interviews  (study) — {folders[0].parent}",
    ]
    qtbot.keyClick(recent, Qt.Key.Key_2)
    qtbot.waitUntil(
        lambda: window.study.study is not None and window.study.study.folder == folders[0]
    )


def started(tmp_path: Path, qtbot: Any) -> tuple[MainWindow, Path]:
    """A window opened on a transcript as a start opens it, not yet shown."""
    transcript = tmp_path / "talk.txt"
    transcript.write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.study_actions.open_at_start(transcript, None, transcript)
    return window, transcript


def test_a_start_writes_the_recent_list_once_the_window_has_painted(
    dialogs: Any, tmp_path: Path, qtbot: Any
) -> None:
    """Each settings write syncs the file to disk: at start-up, not before the first paint."""
    window, transcript = started(tmp_path, qtbot)
    assert settings().value(KEY) is None  # nothing written yet
    assert window.study_actions.recent.items()[0].path == transcript  # yet listed
    window.show()
    qtbot.waitUntil(lambda: settings().value(KEY) is not None)
    assert str(transcript) in str(settings().value(KEY))


def test_a_window_closed_before_its_first_paint_still_lists_what_it_opened(
    dialogs: Any, tmp_path: Path, qtbot: Any
) -> None:
    window, transcript = started(tmp_path, qtbot)
    window.close()
    assert str(transcript) in str(settings().value(KEY))


def test_a_study_opened_at_start_remembers_its_interview_once_the_window_has_painted(
    dialogs: Any, folder: Path, qtbot: Any
) -> None:
    """The interview open last in each study is a settings write too: a study opened at
    start-up (the study a user works in) synced the settings file before the first
    paint; it is held with the recent list, yet known meanwhile."""
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.study_actions.open_at_start(folder, None, folder)
    opened = window.switcher.current
    assert opened and settings().value(LAST_KEY) is None  # nothing written yet
    assert window.study_actions.recent.last_interview(folder) == opened
    window.show()
    qtbot.waitUntil(lambda: settings().value(LAST_KEY) is not None)
    assert opened in str(settings().value(LAST_KEY))
    window.close()


def test_a_first_start_opens_no_dialog_in_the_apps_own_folder(
    start_window: Callable[..., MainWindow],
    dialogs: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """On the bundled sample, File ▸ New Study… opened in resources/, and Enter made the
    app's folder a study. The dialogs start in the home folder until the user opens
    something of their own, and the app's folder is refused, saying why."""
    settings().setValue(FOLDER_KEY, str(RESOURCES))  # as an older build remembered it
    window = start_window()
    assert window.interview.session.document.source == str(BUNDLED_INTERVIEW)
    started_in: list[str] = []

    def choose(_parent: Any, _title: str, folder: str) -> str:
        started_in.append(folder)
        return str(RESOURCES)  # Enter, in the folder shown

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    for action in (window.window_actions.new_study, window.window_actions.open_study):
        action.trigger()
    window.window_actions.open.trigger()
    assert started_in == [str(Path.home())] * 2 and dialogs.open_started == [str(Path.home())]
    assert dialogs.titles() == ["Cannot open the study"] * 2
    assert window.study.study is None
    assert not (RESOURCES / "study.json").exists() and not (RESOURCES / "notes").exists()
    own = tmp_path / "mine" / "P01.txt"
    own.parent.mkdir()
    own.write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    assert window.study_actions.open_path(own)
    assert window.study_actions.recent.folder() == str(own.parent)
