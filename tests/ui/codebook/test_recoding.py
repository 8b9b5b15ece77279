"""The study's code changes and the undo histories of interviews set aside (reader/ui/
codebook/recoding.py, interview/kept_histories.py), as a user meets them: switching with
View ▸ Next / Previous Interview, merging and deleting codes in the Codebook panel, Edit ▸ Undo and
Redo from the reader (the interview's history) or the codebook (the study's); checked in
the notes files on disk."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt

from reader.core import study as study_module
from reader.ui.window.main_window import MainWindow
from tests.ui.codebook.test_hub import (
    code_coffee_twice_and_delete_drinks,
    focus,
    highlight_and_code,
)
from tests.ui.test_codebook import code_with_keys, notes_of, study_json
from tests.ui.test_highlights import wait_saved


def switch(window: MainWindow, step: int) -> None:
    """View ▸ Next Interview (1) or Previous Interview (-1)."""
    actions = window.window_actions
    (actions.next_interview if step > 0 else actions.previous_interview).trigger()


NEXT, BACK = 1, -1


def delete_code(window: MainWindow, qtbot: Any, code_id: str) -> None:
    """The code chosen in the Codebook panel, Delete pressed (the confirmation says yes)."""
    panel = window.codebook.panel
    panel.set_current(code_id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)


def merge_code(window: MainWindow, dialogs: Any, code_id: str, into: str) -> None:
    """The code chosen in the Codebook panel, Merge… clicked, `into` chosen."""
    panel, book = window.codebook.panel, window.codebook.hub.book
    targets = [book.path(c.id) for _, c in book.tree() if c.id != code_id]
    panel.set_current(code_id)
    dialogs.item_answers.append((targets.index(into), True))
    panel.merge_button.click()


def coffee_coded_and_green(
    window: MainWindow, qtbot: Any, highlighted: bool = False
) -> tuple[str, Path, str]:
    """On the first interview, "coffee" coded "Drinks" (`highlighted` first: yellow),
    then made green, and written: (the interview's id, its notes file, Drinks's id)."""
    first = window.switcher.current
    path = window.study.study.notes_path(first)
    if highlighted:
        highlight_and_code(window, qtbot, "coffee", "Drinks")
    else:
        code_with_keys(window, qtbot, "coffee", "Drinks")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    wait_saved(qtbot, path, lambda d: d["highlights"] and d["highlights"][0]["color"] == "green")
    return first, path, window.codebook.hub.book.find("Drinks").id


def test_a_code_deleted_while_away_keeps_the_interviews_undo_history(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """ "coffee" highlighted, coded "Drinks", then made green in the first interview; on
    the next, the study deletes "Drinks", which rewrites the first's notes file. Back on
    the first, its history is there and works on the passage as the file has it now:
    Ctrl+Z takes the green off and leaves "Drinks" deleted; the study's Undo puts the
    code back on; Redo puts the green on again."""
    window = make_study_window(folder)
    first, path, drinks = coffee_coded_and_green(window, qtbot, highlighted=True)
    switch(window, NEXT)
    delete_code(window, qtbot, drinks)
    (h,) = notes_of(folder, first)["highlights"]
    assert (h["exact"], h["color"], h["codes"]) == ("coffee", "green", [])

    switch(window, BACK)
    assert window.switcher.current == first
    assert "undo history" not in window.statusBar().currentMessage()
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()  # the green
    (h,) = wait_saved(qtbot, path, lambda d: d["highlights"][0]["color"] == "yellow")["highlights"]
    assert h["codes"] == []  # as it is now: the deleted code stays deleted
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    window.window_actions.undo.trigger()  # the deletion of "Drinks"
    (h,) = wait_saved(qtbot, path, lambda d: d["highlights"][0]["codes"])["highlights"]
    assert (h["color"], h["codes"]) == ("yellow", [drinks])
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.redo.trigger()
    (h,) = wait_saved(qtbot, path, lambda d: d["highlights"][0]["color"] == "green")["highlights"]
    assert h["codes"] == [drinks]


def test_the_studys_undo_while_away_keeps_the_interviews_undo_history(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """ "coffee" coded "Drinks" and made green on the first interview; the study deletes
    "Drinks" there, and its Undo is done on the next interview: the first's notes file
    is written again, by the study. Back on the first, Ctrl+Z takes the green off."""
    window = make_study_window(folder)
    first, path, drinks = coffee_coded_and_green(window, qtbot)
    delete_code(window, qtbot, drinks)
    switch(window, NEXT)
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    window.window_actions.undo.trigger()
    (h,) = notes_of(folder, first)["highlights"]
    assert (h["color"], h["codes"]) == ("green", [drinks])
    switch(window, BACK)
    assert "undo history" not in window.statusBar().currentMessage()
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()  # the green
    (h,) = wait_saved(qtbot, path, lambda d: d["highlights"][0]["color"] == "")["highlights"]
    assert h["codes"] == [drinks]


@pytest.mark.parametrize("first_writer", ["the study", "another program"])
def test_a_notes_file_another_program_wrote_while_away_still_drops_the_history(
    make_study_window, folder: Path, qtbot, dialogs, first_writer: str
) -> None:
    """Another program (a sync tool) writes the first interview's notes file while the
    next is open, before or after the study rewrites it: coming back drops the history,
    and the notes are as that program left them."""
    window = make_study_window(folder)
    first, path, drinks = coffee_coded_and_green(window, qtbot)
    switch(window, NEXT)
    if first_writer == "the study":
        delete_code(window, qtbot, drinks)
    data = orjson.loads(path.read_bytes())
    data["notes"] = "Written by a sync tool"
    path.write_bytes(orjson.dumps(data))
    if first_writer == "another program":
        delete_code(window, qtbot, drinks)
    assert notes_of(folder, first)["highlights"][0]["codes"] == []
    switch(window, BACK)
    assert "notes file changed on disk" in window.statusBar().currentMessage()
    assert window.notes_editor.toPlainText() == "Written by a sync tool"
    focus(window, qtbot, window.reader, study_history=False)
    assert not window.window_actions.undo.isEnabled()


def test_the_interviews_undo_after_a_merge_while_away_puts_on_the_code_it_became(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """ "coffee" coded "Drinks", then "Meals", on the first interview; on the next, the
    study merges "Drinks" into "Food". Back on the first, Ctrl+Z takes "Meals" off and
    leaves "Food" (what "Drinks" became), not a code that is gone or nothing; Redo and
    undoing the first coding too follow the merge; the study's Undo of the merge puts
    "Drinks" back."""
    window = make_study_window(folder)
    first = window.switcher.current
    path = folder / "notes" / f"{first}.json"
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "coffee", "Meals")
    wait_saved(qtbot, path, lambda d: d["highlights"] and len(d["highlights"][0]["codes"]) == 2)
    switch(window, NEXT)
    code_with_keys(window, qtbot, "dawn", "Food")
    book = window.codebook.hub.book
    drinks, meals, food = (book.find(n).id for n in ("Drinks", "Meals", "Food"))
    merge_code(window, dialogs, drinks, "Food")
    assert notes_of(folder, first)["highlights"][0]["codes"] == [food, meals]

    switch(window, BACK)
    assert "undo history" not in window.statusBar().currentMessage()
    focus(window, qtbot, window.reader, study_history=False)
    window.window_actions.undo.trigger()  # "Meals" off: "Drinks", as it was, is "Food" now
    wait_saved(qtbot, path, lambda d: d["highlights"][0]["codes"] == [food])
    window.window_actions.redo.trigger()
    wait_saved(qtbot, path, lambda d: d["highlights"][0]["codes"] == [food, meals])
    window.window_actions.undo.trigger()
    window.window_actions.undo.trigger()  # the coding with "Drinks": the passage shows nothing
    wait_saved(qtbot, path, lambda d: d["highlights"] == [])
    window.window_actions.redo.trigger()
    (h,) = wait_saved(qtbot, path, lambda d: d["highlights"])["highlights"]
    assert (h["exact"], h["codes"]) == ("coffee", [food])
    window.window_actions.redo.trigger()
    wait_saved(qtbot, path, lambda d: d["highlights"][0]["codes"] == [food, meals])
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    window.window_actions.undo.trigger()  # the merge
    wait_saved(qtbot, path, lambda d: d["highlights"][0]["codes"] == [drinks, meals])
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Drinks", "Meals", "Food"]


@pytest.fixture
def full_disk_for(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Paths the study cannot write (no space left on the device), while listed."""
    failing: list[Path] = []
    write = study_module.atomic_write

    def atomic_write(path: Path, data: bytes, **kwargs: bool) -> None:
        if path in failing:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        write(path, data, **kwargs)

    monkeypatch.setattr(study_module, "atomic_write", atomic_write)
    return failing


def test_the_studys_undo_that_cannot_write_a_notes_file_changes_nothing_and_loses_nothing(
    make_study_window, folder: Path, qtbot, dialogs, full_disk_for: list[Path]
) -> None:
    """The first interview's Undo leaves "coffee" out ("Drinks", deleted by the study,
    and "Food" off); on the next interview, the study's Undo of the deletion cannot write
    the first's notes file (the disk is full): it says so and changes nothing, Undo still
    offers it, and once there is room it brings "coffee" back, coded "Drinks"."""
    window = make_study_window(folder)
    first = window.switcher.current
    path = folder / "notes" / f"{first}.json"
    drinks, _ = code_coffee_twice_and_delete_drinks(window, qtbot)
    switch(window, NEXT)
    assert notes_of(folder, first)["highlights"] == []
    full_disk_for.append(path)
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    stack = window.study.undo_stack
    index = stack.index()
    written = (folder / "study.json").stat().st_mtime_ns
    window.window_actions.undo.trigger()
    assert "“P01 Ana” could not be written" in window.banner.text()
    assert "No space left on device" in window.banner.text()
    qtbot.waitUntil(lambda: stack.index() == index)  # the step stands where it was
    assert (folder / "study.json").stat().st_mtime_ns == written  # put back: not rewritten
    assert window.window_actions.undo.text().endswith("Delete Code")
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Food"]
    assert notes_of(folder, first)["highlights"] == []

    full_disk_for.clear()  # room again
    window.window_actions.undo.trigger()
    (h,) = notes_of(folder, first)["highlights"]
    assert (h["exact"], h["codes"]) == ("coffee", [drinks])
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Drinks", "Food"]


def drinks_then_food(window: MainWindow, qtbot: Any, folder: Path) -> tuple[str, Path]:
    """ "coffee" coded "Drinks" on the first interview, written; "dawn" coded "Food" on
    the next, open now: (the first's id, its notes file)."""
    first = window.switcher.current
    path = folder / "notes" / f"{first}.json"
    code_with_keys(window, qtbot, "coffee", "Drinks")
    wait_saved(qtbot, path, lambda d: d["highlights"])
    switch(window, NEXT)
    code_with_keys(window, qtbot, "dawn", "Food")
    return first, path


def test_a_merge_whose_redo_cannot_write_a_notes_file_changes_nothing(
    make_study_window, folder: Path, qtbot, dialogs, full_disk_for: list[Path]
) -> None:
    """Merging "Drinks" (coded on the first interview) into "Food" from the next: with
    the first's notes file unwritable, the merge is refused, and so is its Redo later;
    neither changes a file, and the step stays undone."""
    window = make_study_window(folder)
    first, path = drinks_then_food(window, qtbot, folder)
    drinks = window.codebook.hub.book.find("Drinks").id
    before = path.read_bytes()
    full_disk_for.append(path)
    stack = window.study.undo_stack
    index = stack.index()
    merge_code(window, dialogs, drinks, "Food")
    assert "could not be written" in window.banner.text()
    assert stack.index() == index  # no step
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Drinks", "Food"]
    assert path.read_bytes() == before

    full_disk_for.clear()
    merge_code(window, dialogs, drinks, "Food")
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Food"]
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    window.window_actions.undo.trigger()
    assert notes_of(folder, first)["highlights"][0]["codes"] == [drinks]
    undone = path.read_bytes()
    full_disk_for.append(path)
    window.window_actions.redo.trigger()
    assert "could not be written" in window.banner.text()
    qtbot.waitUntil(lambda: stack.index() == index)  # the merge stays undone
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Drinks", "Food"]
    assert path.read_bytes() == undone
    assert window.window_actions.redo.text().endswith("Merge Codes")


def test_a_merge_while_a_notes_file_cannot_be_read_is_refused_and_comes_whole_after(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """Merging "Drinks" (coded on the first interview) into "Food" from the next while a
    sync tool is halfway through the first's notes file: the merge passed it over, said
    nothing, and once the file was whole "Drinks" came back with its passage, unmerged.
    Now it is refused, naming the interview; once the file is whole, it merges all."""
    window = make_study_window(folder)
    first, path = drinks_then_food(window, qtbot, folder)
    book = window.codebook.hub.book
    drinks, food = book.find("Drinks").id, book.find("Food").id
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    stack = window.study.undo_stack
    index = stack.index()
    merge_code(window, dialogs, drinks, "Food")
    assert "The notes of “P01 Ana” cannot be read" in window.banner.text()
    assert "nothing was changed" in window.banner.text()
    assert stack.index() == index  # no step
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Drinks", "Food"]
    assert "Drinks" in [c.name for c in window.codebook.hub.book]

    path.write_bytes(whole)  # the sync tool is done
    merge_code(window, dialogs, drinks, "Food")
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Food"]
    assert notes_of(folder, first)["highlights"][0]["codes"] == [food]
    switch(window, BACK)
    assert [c.name for c in window.codebook.hub.book] == ["Food"]
    (h,) = window.interview.session.notes.highlights
    assert (h.exact, h.codes) == ("coffee", (food,))


def test_an_undone_deletion_leaves_each_notes_files_copy_naming_its_codes(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Deleted while the third interview was open, then undone from the first: its
    passage had its code back, its notes file's copy of the codebook not, so opened alone
    (or in another study) it read "Unknown code"."""
    window = make_study_window(folder)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    switch(window, NEXT)
    switch(window, NEXT)
    third = window.switcher.current
    code_with_keys(window, qtbot, "coffee", "Drinks")
    delete_code(window, qtbot, window.codebook.hub.book.find("Drinks").id)
    switch(window, BACK)
    switch(window, BACK)
    focus(window, qtbot, window.codebook.panel.view, study_history=True)
    window.window_actions.undo.trigger()
    window.close()
    for path in (folder / "notes").glob("*.json"):
        data = orjson.loads(path.read_bytes())
        used = {code for h in data["highlights"] for code in h["codes"]}
        assert used <= {code["id"] for code in data["codes"]}, path.name
    assert notes_of(folder, third)["highlights"][0]["codes"]


def test_an_interview_added_again_after_its_code_was_merged_does_not_bring_it_back(
    make_study_window, folder: Path, qtbot, dialogs
) -> None:
    """ "coffee" coded "Drinks" on the first interview, which is then taken out of the
    study; on the next, "Drinks" is merged into "Food". Added again (File ▸ Add
    Interviews…) and opened, its passage is coded "Food", as on disk, and the Codebook has
    no "Drinks" again. Undoing the Add gives its notes "Drinks" back; redoing, "Food"."""
    window = make_study_window(folder)
    first, _, drinks = coffee_coded_and_green(window, qtbot)
    transcript = window.study.study.transcript_path(first)
    switch(window, NEXT)
    code_with_keys(window, qtbot, "dawn", "Food")
    food = window.codebook.hub.book.find("Food").id
    assert window.study.remove(first)
    merge_code(window, dialogs, drinks, "Food")
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Food"]

    (again,) = window.study.add_files([transcript])
    assert again.id == first
    window.study.undo_stack.undo()  # the Add: its notes as they were
    assert notes_of(folder, first)["highlights"][0]["codes"] == [drinks]
    window.study.undo_stack.redo()
    assert window.switcher.open(first)
    assert [c.name for c in window.codebook.hub.book] == ["Food"]
    (h,) = notes_of(folder, first)["highlights"]
    assert (h["exact"], h["color"], h["codes"]) == ("coffee", "green", [food])
    assert [c["name"] for c in study_json(folder)["codes"]] == ["Food"]
