"""What a review of the study found: a folder opened as a study records its interviews
with the first notes written, so a transcript renamed outside the app keeps its notes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import Qt

from reader.ui.window.main_window import MainWindow


def highlight(window: MainWindow, qtbot: Any, word: str) -> None:
    text = window.interview.session.document.text  # type: ignore[union-attr]
    start = text.index(word)
    window.reader.select_span(start, start + len(word))
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_H)


def test_the_first_notes_written_save_study_json_so_a_rename_outside_keeps_them(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    ana = window.switcher.current
    assert not (folder / "study.json").exists()  # opening writes nothing
    highlight(window, qtbot, "coffee")
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (folder / "study.json").exists())
    listed = [i["id"] for i in orjson.loads((folder / "study.json").read_bytes())["interviews"]]
    assert ana in listed and len(listed) == 3
    window.close()
    os.replace(folder / "P01 Ana.txt", folder / "P01 Ana final.txt")
    again = make_study_window(folder)
    study = again.study.study
    assert study is not None and [e.id for e in study.interviews] == listed
    assert study.is_missing(ana) and again.library.model.rows[0].highlights == 1
