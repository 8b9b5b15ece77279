"""Random sessions in the Library (as tests/ui/test_random_sessions.py): titles and
participants typed in place (F2), interviews taken off the study, undo and redo, another
program's changes to study.json, a full disk, highlights, switching and opening. Another
program's change merges in without taking back one of ours, and the study opened again
holds what the window held. It found a cell's typing put back to the old value, or its
editor closed unsaved, by another program's change (reader/ui/typed_editors.py,
library_cells.py), and Ctrl+PgDn failing on an interview just taken off (switcher.py)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from reader.core import study as core_study
from reader.ui.library import open_study
from reader.ui.window.main_window import MainWindow
from tests.ui.test_random_sessions import (
    CTRL,
    SESSIONS,
    SHIFT,
    STEPS,
    FullDisk,
    go_to_neighbour,
    mark_passage,
    open_study_of,
)

Entries = list[tuple[str, str, str]]


def entries(window: MainWindow) -> Entries:
    return [(e.id, e.title, e.participant) for e in window.study.study.interviews]


def listed(window: MainWindow, qtbot: Any) -> int:
    """The Library's rows, once it shows the study as it is (it is read again soon after
    a change to the interviews, not at once)."""
    library = window.library
    qtbot.waitUntil(lambda: library.proxy.rowCount() == len(entries(window)))
    return library.proxy.rowCount()


def type_in_cell(window: MainWindow, qtbot: Any, row: int, key: str, text: str) -> None:
    """F2 on a cell, `text` typed over its value, Enter; Enter again if the table was made
    again meanwhile (the cell opens again as typed, and Qt commits after a queued event)."""
    library = window.library
    view = library.view
    view.setFocus()
    column = next(c for c in range(library.model.columnCount()) if library.model.key(c) == key)
    view.setCurrentIndex(library.proxy.index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)

    def typed_in_the_study() -> bool:
        return any(text in entry for entry in entries(window))

    def opened_again() -> bool:
        focus = QApplication.focusWidget()
        return isinstance(focus, QLineEdit) and focus is not editor

    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: typed_in_the_study() or opened_again(), timeout=10_000)
    if opened_again():
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(typed_in_the_study, timeout=10_000)


def saved(window: MainWindow, path: Path) -> bool:
    """Whether study.json holds the study as the window has it."""
    study = window.study.study
    return path.exists() and orjson.loads(path.read_bytes()) == orjson.loads(study.to_bytes())


def another_program_changes(
    window: MainWindow, qtbot: Any, rng: random.Random, folder: Path, text: str
) -> None:
    """Once the window's changes are in study.json, another program sets a title or a
    participant there; the window takes it in and keeps every other value of its own."""
    path = folder / "study.json"
    qtbot.waitUntil(lambda: saved(window, path), timeout=5000)
    ours = entries(window)
    data = orjson.loads(path.read_bytes())
    changed = rng.randrange(len(data["interviews"]))
    data["interviews"][changed][rng.choice(["title", "participant"])] = text
    written = path.with_name("study.json.part")
    written.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    written.replace(path)
    qtbot.waitUntil(lambda: any(text in entry for entry in entries(window)), timeout=5000)
    now = entries(window)
    assert [e for i, e in enumerate(ours) if i != changed and e not in now] == []


@pytest.mark.parametrize("seed", range(SESSIONS // 2))
def test_a_random_session_in_the_library(
    make_study_window: Callable[[Path], MainWindow],
    tmp_path: Path,
    qtbot: Any,
    dialogs: Any,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
) -> None:
    monkeypatch.setattr(open_study, "RETRY_MS", 50)  # a save the full disk refused: again
    disk = FullDisk(monkeypatch, core_study)
    window, folder = open_study_of(make_study_window, tmp_path, qtbot, 4)
    rng, done = random.Random(seed), []
    view = window.library.view
    ops = ["title", "participant", "undo", "redo", "outside", "outside", "remove"]
    ops += ["next", "open", "highlight", "disk full", "disk freed"]
    for step in range(STEPS):
        op = rng.choice(ops)
        done.append(op)  # in the failure's message: the session to replay
        if op.startswith("disk") or op == "outside":
            disk.full = op == "disk full"  # a sync tool's write frees it first
        if op in ("title", "participant"):
            row = rng.randrange(listed(window, qtbot))
            type_in_cell(window, qtbot, row, op, f"{op} {step}")
        elif op in ("undo", "redo"):
            view.setFocus()
            qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT if op == "redo" else CTRL)
        elif op == "outside" and (folder / "study.json").exists():
            another_program_changes(window, qtbot, rng, folder, f"Outside {step}")
        elif op == "remove" and (rows := listed(window, qtbot)) > 1:
            view.setFocus()
            view.setCurrentIndex(window.library.proxy.index(rng.randrange(rows), 0))
            qtbot.keyClick(view, Qt.Key.Key_Delete)
            qtbot.waitUntil(lambda: len(entries(window)) == rows - 1, timeout=10_000)
        elif op == "open":  # Enter on a row, the Library read again or not yet
            view.setFocus()
            row = rng.randrange(window.library.proxy.rowCount())
            view.setCurrentIndex(window.library.proxy.index(row, 0))
            qtbot.keyClick(view, Qt.Key.Key_Return)
        elif op == "next" and not go_to_neighbour(window, qtbot, True):
            go_to_neighbour(window, qtbot, False)
        elif op == "highlight":
            mark_passage(window, qtbot, rng, op)
    disk.full = False
    path = folder / "study.json"
    qtbot.waitUntil(lambda: saved(window, path), timeout=5000)
    held = entries(window)
    window.close()
    assert entries(make_study_window(folder)) == held, done
