"""In a study the colour labels are the study's: Edit ▸ Highlight Colours… writes them to
study.json (undoable from the library) and every interview shows them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from reader.ui.library.switcher import RENAMED_FOR_THE_STUDY
from reader.ui.window.main_window import MainWindow


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path) -> MainWindow:
    return make_study_window(folder)


def study_colors(folder: Path) -> dict[str, str]:
    return orjson.loads((folder / "study.json").read_bytes())["colors"]


def test_colour_labels_go_to_the_study_and_every_interview(
    window: MainWindow, folder: Path, dialogs: Any, qtbot: Any
) -> None:
    told: list[str] = []
    window.study.status.connect(lambda text, _ms: told.append(text))
    dialogs.color_answers.append({"green": "Casting"})
    window.window_actions.color_labels.trigger()
    assert study_colors(folder)["green"] == "Casting"
    assert window.interview.session.notes.colors["green"] == "Casting"
    # Where it is undone is said: the reader's Ctrl+Z took a highlight back (the undo review).
    assert told == [RENAMED_FOR_THE_STUDY]
    assert window.annotations.color_filter.findText("Casting") >= 0
    window.switcher.step(1)
    assert window.interview.session.notes.colors["green"] == "Casting"
    # Undone from the library, where the study's history is.
    window.library.view.setFocus()
    assert window.window_actions.undo.text().replace("&", "") == "Undo Rename Colours"
    window.window_actions.undo.trigger()
    qtbot.waitUntil(lambda: study_colors(folder)["green"] == "Method")
    assert window.interview.session.notes.colors["green"] == "Method"


def test_a_read_only_study_refuses_and_the_labels_stay(
    make_study_window: Callable[[Path], MainWindow], folder: Path, dialogs: Any
) -> None:
    make_study_window(folder)  # the first window holds the study
    second = make_study_window(folder)
    dialogs.color_answers.append({"green": "Casting"})
    second.window_actions.color_labels.trigger()
    assert second.interview.session.notes.colors["green"] == "Method"
    assert "read-only" in second.banner.text() or "read-only" in second.statusBar().currentMessage()
