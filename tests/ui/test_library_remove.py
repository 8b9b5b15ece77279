"""Removing an interview from the study with the keyboard (Ctrl+5, Delete): only study.json
changes, the status line says so, the reader moves on from the interview removed, the
codebook's counts follow, and Edit ▸ Undo brings it back, selected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt

from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_read_only_undo import activate

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path) -> MainWindow:
    return make_study_window(folder)


def listed(folder: Path) -> list[str]:
    data = orjson.loads((folder / "study.json").read_bytes())
    return [i["title"] for i in data["interviews"]]


def selected(window: MainWindow) -> str:
    return window.library.model.rows[window.library.model.row_of(window.library.current_id())].title


def ids(window: MainWindow) -> dict[str, str]:
    assert window.study.study is not None
    return {e.title: e.id for e in window.study.study.interviews}


def to_library(window: MainWindow, qtbot: Any) -> None:
    qtbot.keyClick(window.reader, Qt.Key.Key_5, CTRL)
    qtbot.waitUntil(window.library.view.hasFocus)


def open_row(window: MainWindow, qtbot: Any, title: str) -> None:
    """Go to the Library, walk to `title`'s row with the arrows and open it with Enter."""
    to_library(window, qtbot)
    view = window.library.view
    qtbot.keyClick(view, Qt.Key.Key_Home)
    for _ in range(window.library.model.row_of(ids(window)[title])):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.header_line.text().startswith(f"<b>{title}</b>")


def drinks(window: MainWindow) -> int:
    hub = window.codebook.hub
    return hub.counts()[hub.book.find("Drinks").id]


def shown_count(window: MainWindow) -> str:
    """The Codings cell of the code Drinks in the Codebook."""
    panel = window.codebook.panel
    return str(panel.model.index_of(window.codebook.hub.book.find("Drinks").id, 1).data())


def coded_in_ana_and(window: MainWindow, qtbot: Any, title: str, word: str) -> None:
    """ "coffee" in Ana (open first) coded Drinks, then `word` in `title`, opened and left open."""
    activate(window, qtbot)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    open_row(window, qtbot, title)
    code_with_keys(window, qtbot, word, "Drinks")


def test_delete_moves_the_reader_on_says_so_and_undo_brings_it_back_selected(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    coded_in_ana_and(window, qtbot, "P02 Ben", "dawn")
    window.window_actions.codes.focus_codebook.trigger()  # the Codebook shown, with its counts
    qtbot.waitUntil(lambda: shown_count(window) == "2")
    ben = ids(window)["P02 Ben"]
    ben_notes = folder / "notes" / f"{ben}.json"
    qtbot.waitUntil(lambda: ben_notes.exists() and b"dawn" in ben_notes.read_bytes())
    kept = ben_notes.read_bytes()

    open_row(window, qtbot, "P02 Ben")  # the open one is selected
    to_library(window, qtbot)
    assert selected(window) == "P02 Ben"
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)

    # Off the list, the files stay; the status line says so and how to get it back.
    assert listed(folder) == ["P01 Ana", "P10 Cem"]
    assert (folder / "P02 Ben.txt").exists() and ben_notes.read_bytes() == kept
    assert window.statusBar().currentMessage() == (
        "Removed “P02 Ben” from the study; its files stay. Edit ▸ Undo brings it back."
    )
    # The reader moved to the next interview, selected; the focus stays in the list.
    assert "patients" in window.interview.session.document.text
    assert window.header_line.text().startswith("<b>P10 Cem</b>")
    qtbot.waitUntil(lambda: window.library.filter.accessibleDescription() == "2 interviews")
    assert selected(window) == "P10 Cem" and window.library.view.hasFocus()
    # The codebook counts Ana's coding only.
    qtbot.waitUntil(lambda: shown_count(window) == "1")
    assert drinks(window) == 1
    # Typing in the notes goes to Cem's file, never to Ben's.
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "Cem sleeps")
    cem_notes = folder / "notes" / f"{ids(window)['P10 Cem']}.json"
    qtbot.waitUntil(lambda: cem_notes.exists() and b"Cem sleeps" in cem_notes.read_bytes())
    assert ben_notes.read_bytes() == kept

    # Undo in the Library: back in its place, selected, said; the counts follow.
    to_library(window, qtbot)
    qtbot.keyClick(window.library.view, Qt.Key.Key_Z, CTRL)
    assert listed(folder) == ["P01 Ana", "P02 Ben", "P10 Cem"]
    qtbot.waitUntil(lambda: selected(window) == "P02 Ben")
    assert window.statusBar().currentMessage() == "“P02 Ben” is back in the study."
    qtbot.waitUntil(lambda: shown_count(window) == "2")

    # Open again, then Redo: the reader moves on again (to Cem, after it).
    qtbot.keyClick(window.library.view, Qt.Key.Key_Return)
    assert window.switcher.current == ben
    to_library(window, qtbot)
    qtbot.keyClick(window.library.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert listed(folder) == ["P01 Ana", "P10 Cem"]
    qtbot.waitUntil(lambda: window.switcher.current == ids(window)["P10 Cem"])
    qtbot.waitUntil(lambda: drinks(window) == 1)
    assert ben_notes.read_bytes() == kept


def test_the_last_row_gives_way_to_the_one_before_and_the_only_one_to_nothing(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    coded_in_ana_and(window, qtbot, "P10 Cem", "coffee")
    assert drinks(window) == 2
    to_library(window, qtbot)
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert window.header_line.text().startswith("<b>P02 Ben</b>")
    assert selected(window) == "P02 Ben"
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert window.header_line.text().startswith("<b>P01 Ana</b>")
    assert drinks(window) == 1
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert window.codebook.hub.counts() == {}  # nothing listed, nothing counted
    assert listed(folder) == []
    # No interview left: nothing open, nothing to type into, and the window says why.
    assert window.interview.session is None and window.switcher.current == ""
    assert "No interview is left in the study" in window.reader.placeholderText()
    assert window.notes_editor.isReadOnly()
    assert window.windowTitle().endswith(" — no interview open")
    assert "Removed “P01 Ana” from the study" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.library.filter.accessibleDescription() == "0 interviews")
    assert all((folder / name).exists() for name in ("P01 Ana.txt", "P02 Ben.txt", "P10 Cem.txt"))
    qtbot.keyClick(window.library.view, Qt.Key.Key_Z, CTRL)
    assert listed(folder) == ["P01 Ana"]
    qtbot.waitUntil(lambda: window.library.current_id() == ids(window)["P01 Ana"])
    # With none open, the one back opens, with its codings counted again.
    qtbot.waitUntil(lambda: window.switcher.current == ids(window)["P01 Ana"])
    assert not window.notes_editor.isReadOnly()
    assert drinks(window) == 1 and window.library.view.hasFocus()


def test_a_removed_row_not_open_leaves_the_reader_alone_and_undo_scrolls_to_it(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    for n in range(40):
        (folder / f"P{n + 20} Extra.txt").write_text(f"Q: Shift {n}?\nA: Quiet.\n", "utf-8")
    window = make_study_window(folder)
    activate(window, qtbot)
    first = window.switcher.current
    to_library(window, qtbot)
    view = window.library.view
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    gone = window.library.current_id()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.switcher.current == first  # another row: the reader stays
    assert gone not in [e.id for e in window.study.study.interviews]
    qtbot.keyClick(view, Qt.Key.Key_Home)  # far from it
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: window.library.current_id() == gone)
    assert view.viewport().rect().contains(view.visualRect(view.currentIndex()).center())


def test_with_the_others_missing_the_window_says_to_locate_them(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    moved = folder.parent / "moved"
    moved.mkdir()
    for name in ("P02 Ben.txt", "P10 Cem.txt"):
        (folder / name).rename(moved / name)
    activate(window, qtbot)
    to_library(window, qtbot)
    qtbot.keyClick(window.library.view, Qt.Key.Key_Home)
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)  # Ana, the open one
    assert listed(folder) == ["P02 Ben", "P10 Cem"]
    assert window.interview.session is None
    assert "locate a missing transcript" in window.reader.placeholderText()
    assert "Locate Transcript" in window.banner.label.text()


def test_the_open_interview_taken_off_by_a_sync_tool_gives_way(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    window.study.save()
    ana = window.switcher.current
    data = orjson.loads((folder / "study.json").read_bytes())
    data["interviews"] = [i for i in data["interviews"] if i["id"] != ana]
    (folder / "study.json").write_bytes(orjson.dumps(data))
    qtbot.waitUntil(lambda: window.switcher.current == ids(window)["P02 Ben"], timeout=5000)
    assert "hour before dawn" in window.interview.session.document.text


def test_removing_the_last_with_notes_that_cannot_be_saved_asks_once(
    window: MainWindow, folder: Path, qtbot: Any, dialogs, monkeypatch
) -> None:
    """Notes that cannot be written, the last interview removed: one question; "Discard"
    closes it, as the study no longer lists it."""
    import errno

    to_library(window, qtbot)
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert len(listed(folder)) == 1

    def full(path: Path, data: bytes, **_kwargs: bool) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("reader.ui.persistence.saver.atomic_write", full)
    window.notes_editor.setPlainText("not to be written")
    to_library(window, qtbot)
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
    asked = [text for kind, text in dialogs.shown if "could not be saved" in text]
    assert len(asked) == 1
    assert listed(folder) == [] and window.interview.session is None
