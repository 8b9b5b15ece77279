"""The Annotations list's filters stay after a restart (reader/ui/annotations/filter_memory.py):
for the interviews opened alone, and for each study apart; a remembered filter that hides
every highlight says so; what is not a remembered filter is ignored."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox

from reader.ui.annotations.filter_memory import KEY, FilterMemory
from reader.ui.annotations.panel import AnnotationsPanel
from reader.ui.settings import settings
from reader.ui.window.main_window import MainWindow
from tests.conftest import BUNDLED
from tests.ui.conftest import TALKS
from tests.ui.test_annotations_panel import INTRO, Q1, Q2, add


def shown(window: MainWindow) -> AnnotationsPanel:
    """The Annotations dock brought forward, as View ▸ Annotations (Ctrl+3) does."""
    window.window_actions.focus_annotations.trigger()
    return window.annotations


def choose(qtbot: Any, combo: QComboBox, text: str) -> None:
    """The user picks `text` in the list with the arrow keys."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, [combo.itemText(i) for i in range(combo.count())]


def kept() -> dict[str, Any]:
    return json.loads(str(settings().value(KEY, "{}")))


def test_the_lists_choices_and_the_words_typed_come_back_after_a_restart(
    make_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    window = make_window(BUNDLED)
    controller = window.interview.controller
    add(controller, INTRO)
    add(controller, Q1, "green", tags=("craft",))
    add(controller, Q2, "green", tags=("memory",))
    panel = shown(window)
    choose(qtbot, panel.color_filter, "Method")  # green's label
    choose(qtbot, panel.tag_filter, "craft")
    assert kept()[""] == {  # chosen: written at once
        "text": "",
        "color": "green",
        "code": panel.tag_filter.currentData(),
        "scope": None,  # no study: no scope to choose
        "attribute": None,
    }
    qtbot.keyClicks(panel.filter_edit, "the")
    qtbot.waitUntil(lambda: kept()[""]["text"] == "the")  # once typing paused
    assert len(panel.visible_ids()) == 1 and panel.count_text() == "1 of 3"
    window.close()

    again = shown(make_window(BUNDLED))
    assert again.filter_edit.text() == "the"
    assert (again.color_filter.currentText(), again.tag_filter.currentText()) == (
        "Method",
        "craft",
    )
    assert len(again.visible_ids()) == 1 and again.count_text() == "1 of 3"


def test_restoring_writes_nothing_and_a_filter_hiding_everything_says_so(
    make_window: Callable[..., MainWindow], qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(BUNDLED)
    add(window.interview.controller, INTRO)  # yellow
    panel = shown(window)
    assert not panel.show_all.isVisible()  # nothing filtered
    choose(qtbot, panel.color_filter, "Method")  # green: none
    qtbot.keyClicks(panel.filter_edit, "zebra")
    qtbot.waitUntil(lambda: kept().get("", {}).get("text") == "zebra")
    window.close()
    written: list[str] = []
    set_value = QSettings.setValue
    monkeypatch.setattr(
        QSettings, "setValue", lambda s, k, v: (written.append(k), set_value(s, k, v))[1]
    )
    again = shown(make_window(BUNDLED))
    assert again.visible_ids() == [] and again.count_text() == "0 of 1"
    # The filters are in sight, and a way out beside the count.
    assert again.filter_edit.text() == "zebra" and again.color_filter.currentText() == "Method"
    assert again.show_all.isVisible()
    memory = again.findChild(FilterMemory)
    assert KEY not in written and not memory._typed.isActive()  # nothing typed: none due
    qtbot.mouseClick(again.show_all, Qt.MouseButton.LeftButton)
    assert len(again.visible_ids()) == 1 and again.count_text() == "1 highlight"
    assert again.filter_edit.text() == "" and again.color_filter.currentIndex() == 0
    assert not again.show_all.isVisible()
    qtbot.waitUntil(lambda: kept()[""]["text"] == "")
    assert kept()[""]["color"] is None


@pytest.mark.parametrize(
    "stored",
    [
        "not json",
        "[1, 2]",
        json.dumps({"": "yellow"}),
        json.dumps({"": {"text": 7, "color": ["x"], "code": 3, "scope": {}, "attribute": 1}}),
        json.dumps({"": {"color": "no-such-colour", "code": "no-such-code"}}),
    ],
)
def test_what_is_not_a_remembered_filter_shows_every_highlight(
    make_window: Callable[..., MainWindow], stored: str
) -> None:
    settings().setValue(KEY, stored)
    window = make_window(BUNDLED)
    add(window.interview.controller, INTRO)
    panel = shown(window)
    assert panel.count_text() == "1 highlight" and panel.filter_edit.text() == ""
    assert panel.color_filter.currentIndex() == 0 and panel.tag_filter.currentIndex() == 0


def test_each_study_has_its_own_filters_scope_included(
    start_window: Callable[..., MainWindow], folder: Path, qtbot: Any, tmp_path: Path
) -> None:
    window = start_window(folder)
    study = window.study.study
    assert study is not None
    for entry in study.interviews:
        window.switcher.open(entry.id)
        interview = window.interview
        assert interview.session is not None and interview.controller is not None
        start = interview.session.document.text.index("A: ")
        interview.controller.add_highlight(start, start + 6, "yellow")
    owner = window.study
    assert owner.define_attribute("Shift", "choice", ["Night", "Day"])
    key = study.data.attributes[0].key
    for entry in study.interviews[:2]:
        assert owner.set_attribute(entry.id, key, "Night")
    panel = shown(window)
    choose(qtbot, panel.study.scope, "All interviews")
    choose(qtbot, panel.color_filter, "Key quote")  # yellow's label
    assert len(panel.visible_ids()) == 3 and panel.count_text() == "3 of 3"
    choose(qtbot, panel.study.attribute, "Shift: Night")
    assert len(panel.visible_ids()) == 2
    window.close()

    again = start_window(None)
    panel = shown(again)
    assert panel.study.scope.currentText() == "All interviews"
    assert panel.color_filter.currentText() == "Key quote"
    assert panel.study.attribute.currentText() == "Shift: Night"
    assert len(panel.visible_ids()) == 2
    choose(qtbot, panel.study.attribute, "Any attribute value")
    assert len(panel.visible_ids()) == 3
    other = tmp_path / "other"
    other.mkdir()
    for name, text in TALKS.items():
        (other / name).write_text(text, encoding="utf-8")
    assert again.study_actions.open_path(other)  # its own: none
    assert panel.study.scope.currentText() == "This interview"
    assert panel.color_filter.currentIndex() == 0
    assert again.study_actions.open_path(folder)
    assert panel.study.scope.currentText() == "All interviews"
    assert panel.color_filter.currentText() == "Key quote"
    choose(qtbot, panel.study.scope, "P02 Ben")  # one interview of the study
    assert len(panel.visible_ids()) == 1 and panel.count_text() == "1 of 3"
    qtbot.mouseClick(panel.show_all, Qt.MouseButton.LeftButton)
    assert panel.study.scope.currentText() == "All interviews"
    assert len(panel.visible_ids()) == 3 and panel.count_text() == "3 highlights"
