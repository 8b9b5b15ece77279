"""The study's Undo after another program's study.json was merged in (a synced copy, a
second window): a step takes back only what it changed, so that program's change to the
same code, colour labels or attribute stays, and Redo does not take it either."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

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


@pytest.mark.parametrize(
    ("field", "theirs", "undone", "redone"),
    [  # (name, description) after Undo and after Redo
        (
            "description",
            "on the laptop",
            ("Trust", "on the laptop"),
            ("Confidence", "on the laptop"),
        ),
        ("name", "Reliance", ("Reliance", ""), ("Confidence", "")),  # theirs, then Redo's
    ],
)
def test_undo_rename_code_keeps_what_another_program_gave_the_code(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    dialogs: Any,
    field: str,
    theirs: str,
    undone: tuple[str, str],
    redone: tuple[str, str],
) -> None:
    window = make_study_window(folder)
    hub = window.codebook.hub
    code = hub.create("Trust")
    assert code is not None and hub.update(code.id, text="Rename Code", name="Confidence")

    def change(data: dict[str, Any]) -> None:
        data["codes"][0][field] = theirs

    another_program(folder, change)
    window.study.check_disk()
    assert getattr(hub.book.code(code.id), field) == theirs
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    after_undo, after_redo = undo_redo(window, "Rename Code")
    assert [(c["name"], c["description"]) for c in after_undo["codes"]] == [undone]
    assert [(c["name"], c["description"]) for c in after_redo["codes"]] == [redone]


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


def test_undo_of_a_rename_or_move_of_a_code_another_program_deleted_does_nothing(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Its Undo raised "The codebook has no code …" out of Qt's undo stack (a traceback,
    the step half taken); the steps before it are still undone after it."""
    window = make_study_window(folder)
    hub = window.codebook.hub
    trust, other = hub.create("Trust"), hub.create("Other")
    assert trust is not None and other is not None
    assert hub.update(trust.id, text="Rename Code", name="Confidence")
    assert hub.move(trust.id, other.id)

    def delete(data: dict[str, Any]) -> None:
        data["codes"] = [c for c in data["codes"] if c["id"] != trust.id]

    another_program(folder, delete)
    window.study.check_disk()
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    actions = window.window_actions
    for step in ("Move Code", "Rename Code", "New Code", "New Code"):
        assert actions.undo.text().replace("&", "") == f"Undo {step}"
        actions.undo.trigger()
    assert study_json(folder)["codes"] == [] and not actions.undo.isEnabled()
    actions.redo.trigger()  # Trust made again, as it was
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Trust"]


def test_an_undo_the_codebook_refuses_is_said_and_keeps_its_place(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Another program made a code "A" where the moved "A" was: moving it back is refused,
    said as the study's refusals are, not raised out of Qt's undo stack."""
    window = make_study_window(folder)
    hub = window.codebook.hub
    a, p = hub.create("A"), hub.create("P")
    assert a is not None and p is not None and hub.move(a.id, p.id)

    def another_a(data: dict[str, Any]) -> None:
        theirs = {"id": str(uuid.uuid4()), "name": "A", "parent": ""}
        data["codes"].append({**data["codes"][0], **theirs})

    another_program(folder, another_a)
    window.study.check_disk()
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    with qtbot.waitSignal(window.study.message) as said:
        window.window_actions.undo.trigger()
    assert "There is a top-level code “A” already" in said.args[0]
    undo = window.window_actions.undo
    qtbot.waitUntil(lambda: undo.text().replace("&", "") == "Undo Move Code")
    assert {c["id"]: c["parent"] for c in study_json(folder)["codes"]}[a.id] == p.id
