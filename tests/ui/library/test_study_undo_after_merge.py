"""The study's Undo after another program's study.json was merged in (a synced copy, a
second window): a step takes back only what it changed, so that program's change to the
same code, colour labels or attribute stays, and Redo does not take it either."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from reader.ui.window.main_window import MainWindow
from tests.ui.codebook.test_hub import focus
from tests.ui.test_codebook import study_json


def another_program(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = folder / "study.json"
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))


def undo_redo(window: MainWindow, text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Edit ▸ Undo `text`, then Redo: study.json after each."""
    actions = window.window_actions
    assert actions.undo.text().replace("&", "") == f"Undo {text}"
    actions.undo.trigger()
    undone = study_json(window.study.study.folder)
    actions.redo.trigger()
    return undone, study_json(window.study.study.folder)


def test_undo_rename_code_keeps_a_description_another_program_gave_it(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    window = make_study_window(folder)
    hub = window.codebook.hub
    code = hub.create("Trust")
    assert code is not None and hub.update(code.id, text="Rename Code", name="Confidence")

    def describe(data: dict[str, Any]) -> None:
        data["codes"][0]["description"] = "written on the laptop"

    another_program(folder, describe)
    window.study.check_disk()
    assert hub.book.code(code.id).description == "written on the laptop"
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    undone, redone = undo_redo(window, "Rename Code")
    assert [(c["name"], c["description"]) for c in undone["codes"]] == [
        ("Trust", "written on the laptop")
    ]
    assert [(c["name"], c["description"]) for c in redone["codes"]] == [
        ("Confidence", "written on the laptop")
    ]


def test_undo_rename_code_leaves_a_name_another_program_gave_it_since(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    window = make_study_window(folder)
    hub = window.codebook.hub
    code = hub.create("Trust")
    assert code is not None and hub.update(code.id, text="Rename Code", name="Confidence")

    def rename(data: dict[str, Any]) -> None:
        data["codes"][0]["name"] = "Reliance"

    another_program(folder, rename)
    window.study.check_disk()
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    window.window_actions.undo.trigger()
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Reliance"]


def test_undo_rename_colours_keeps_a_label_another_program_gave(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    window = make_study_window(folder)
    dialogs.color_answers.append({"yellow": "Surprise"})
    window.editing.edit_color_labels()

    def relabel(data: dict[str, Any]) -> None:
        data["colors"]["green"] = "Laptop's label"

    another_program(folder, relabel)
    window.study.check_disk()
    window.library.view.setFocus()
    qtbot.waitUntil(lambda: window.interview.undo_group.activeStack() is window.study.undo_stack)
    undone, redone = undo_redo(window, "Rename Colours")
    assert (undone["colors"]["yellow"], undone["colors"]["green"]) == (
        "Key quote",
        "Laptop's label",
    )
    assert (redone["colors"]["yellow"], redone["colors"]["green"]) == (
        "Surprise",
        "Laptop's label",
    )


def test_undo_change_choices_keeps_a_label_another_program_gave(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    window = make_study_window(folder)
    owner = window.study
    role = owner.define_attribute("Role", "choice", ["nurse", "doctor"])
    key = next(a["key"] for a in study_json(folder)["attributes"])
    assert role is not False
    owner.set_attribute(owner.study.interviews[0].id, key, "nurse")
    assert owner.change_attribute(key, "Role", ["Nurse", "doctor", "porter"])

    def rename(data: dict[str, Any]) -> None:
        data["attributes"][0]["label"] = "Job"

    another_program(folder, rename)
    owner.check_disk()
    window.library.view.setFocus()
    qtbot.waitUntil(lambda: window.interview.undo_group.activeStack() is owner.undo_stack)
    undone, redone = undo_redo(window, "Change Choices")
    (attribute,) = undone["attributes"]
    assert (attribute["label"], attribute["options"]) == ("Job", ["nurse", "doctor"])
    assert undone["interviews"][0]["attributes"] == {key: "nurse"}
    (attribute,) = redone["attributes"]
    assert (attribute["label"], attribute["options"]) == ("Job", ["Nurse", "doctor", "porter"])
    assert redone["interviews"][0]["attributes"] == {key: "Nurse"}
