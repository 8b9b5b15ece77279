"""What a review of the study found: a folder opened as a study records its interviews
with the first notes written, so a transcript renamed outside the app keeps its notes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from reader.ui.library.attribute_dialog import AttributeDialog
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


def test_opening_interviews_whose_notes_exist_writes_no_study_json_a_notes_write_does(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """A folder shared without study.json (or with it deleted), its notes kept: opening the
    study and going from interview to interview writes nothing (docs/study-format.md)."""
    window = make_study_window(folder)
    highlight(window, qtbot, "coffee")
    qtbot.waitUntil(lambda: (folder / "study.json").exists())
    window.close()
    (folder / "study.json").unlink()

    again = make_study_window(folder)
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):  # to the next and back
        qtbot.keyClick(again.reader, key, Qt.KeyboardModifier.ControlModifier)
    assert again.interview.session.notes.highlights  # type: ignore[union-attr]
    assert not (folder / "study.json").exists()
    qtbot.keyClicks(again.notes_editor, "x")  # the first write of notes: recorded now
    qtbot.waitUntil(lambda: (folder / "study.json").exists())


def edit_cell(window: MainWindow, qtbot: Any, text: str) -> None:
    """F2 on the current cell, `text` typed over it, Enter; waits for the study to have it."""
    view = window.library.view
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_f2_after_an_edit_edits_the_same_column_of_the_next_row_not_the_title(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    assert window.study.define_attribute("Site", "text", [])
    library, view = window.library, window.library.view
    qtbot.waitUntil(lambda: library.model.columnCount() == 7)
    column = next(c for c in range(library.model.columnCount()) if library.model.key(c) == "site")
    view.setFocus()
    view.setCurrentIndex(library.proxy.index(0, column))
    resets: list[bool] = []  # an edit changes its row in place: no reset of the whole table
    library.model.modelReset.connect(lambda: resets.append(True))
    for row, site in enumerate(("north", "south")):
        edit_cell(window, qtbot, site)
        qtbot.waitUntil(
            lambda row=row, site=site: library.model.rows[row].attributes == {"site": site}
        )
        qtbot.wait(1)  # the queued reload
        assert (view.currentIndex().row(), view.currentIndex().column()) == (row, column)
        qtbot.keyClick(view, Qt.Key.Key_Down)
    saved = orjson.loads((folder / "study.json").read_bytes())["interviews"]
    assert [(i["title"], i["attributes"]) for i in saved] == [
        ("P01 Ana", {"site": "north"}),
        ("P02 Ben", {"site": "south"}),
        ("P10 Cem", {}),
    ]
    assert resets == []


def test_ctrl_page_down_passes_over_a_missing_transcript_and_says_so(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    ana, _, cem = (e.id for e in window.study.study.interviews)  # type: ignore[union-attr]
    (folder / "P02 Ben.txt").unlink()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.switcher.current == cem
    said = "Passed over “P02 Ben”, whose transcript is missing."
    assert window.statusBar().currentMessage() == said
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.switcher.current == ana
    (folder / "P01 Ana.txt").unlink()
    window.switcher.open(cem)
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.switcher.current == cem  # none before it can open: the nearest says why
    assert "The transcript of “P02 Ben” is not at" in window.banner.text()


def test_sorting_a_number_column_keeps_the_empty_cells_last_both_ways(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    owner, library = window.study, window.library
    assert owner.define_attribute("Age", "number", [])
    ana, ben, _ = (e.id for e in owner.study.interviews)  # type: ignore[union-attr]
    assert owner.set_attribute(ana, "age", "-2") and owner.set_attribute(ben, "age", "34,5")
    qtbot.waitUntil(lambda: library.model.columnCount() == 7)
    header, seen = library.view.horizontalHeader(), []
    for _ in range(2):  # a click on the heading sorts one way, a second the other
        centre = header.sectionViewportPosition(6) + header.sectionSize(6) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(centre, 5))
        ages = [library.proxy.index(r, 6).data() for r in range(3)]
        seen.append((header.sortIndicatorOrder(), ages))
    assert dict(seen) == {
        Qt.SortOrder.AscendingOrder: ["-2", "34.5", ""],
        Qt.SortOrder.DescendingOrder: ["34.5", "-2", ""],
    }


def test_change_attribute_keeps_a_choice_with_a_comma_and_ok_unchanged_adds_no_step(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_study_window(folder)
    owner = window.study
    assert owner.define_attribute("Role", "choice", ["Nurse, senior", "Porter"])
    typed: list[str | None] = [None, "Nurse, senior\n  Porter \n\nDoctor\n"]

    def answer(dialog: AttributeDialog) -> int:
        assert dialog.options.toPlainText() == "Nurse, senior\nPorter"
        text = typed.pop(0)
        if text is not None:
            dialog.options.setPlainText(text)
        return 1

    monkeypatch.setattr(AttributeDialog, "exec", answer)
    steps = owner.undo_stack.count()
    window.study_actions.edit_attribute("role")  # OK, nothing changed
    assert owner.undo_stack.count() == steps
    window.study_actions.edit_attribute("role")
    saved = orjson.loads((folder / "study.json").read_bytes())["attributes"]
    assert saved[0]["options"] == ["Nurse, senior", "Porter", "Doctor"]
    assert owner.undo_stack.count() == steps + 1


def test_alt_down_with_a_filter_moves_past_the_next_row_shown(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    owner, library = window.study, window.library
    assert owner.define_attribute("Site", "text", [])
    ana, _, cem = (e.id for e in owner.study.interviews)  # type: ignore[union-attr]
    assert owner.set_attribute(ana, "site", "north") and owner.set_attribute(cem, "site", "north")
    qtbot.waitUntil(lambda: library.model.columnCount() == 7)
    library.filter.setText("north")
    assert library.visible_ids() == [ana, cem]
    library.view.setFocus()
    library.view.setCurrentIndex(library.proxy.index(0, 0))
    steps = owner.undo_stack.count()
    qtbot.keyClick(library.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert library.visible_ids() == [cem, ana] and library.current_id() == ana
    saved = orjson.loads((folder / "study.json").read_bytes())["interviews"]
    assert [i["title"] for i in saved] == ["P02 Ben", "P10 Cem", "P01 Ana"]
    qtbot.keyClick(library.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # the last
    assert owner.undo_stack.count() == steps + 1


def test_transcripts_that_come_into_the_folder_are_offered_and_added_in_one_step(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    owner, banner = window.study, window.banner
    assert owner.save()
    (folder / "P11 Dee.txt").write_text("Q: Hi?\nA: Hello.\n", encoding="utf-8")
    (folder / "site-b").mkdir()
    (folder / "site-b" / "P12 Eva.txt").write_text("Q: Hi?\nA: Hi.\n", encoding="utf-8")
    (folder / ".P13 hidden.txt").write_text("Q: Hi?\nA: Hi.\n", encoding="utf-8")
    owner.check_disk()  # as the folder's watcher does
    said = "2 new transcripts in the study folder: “P11 Dee.txt” and “site-b/P12 Eva.txt”."
    assert banner.text() == said
    assert [b.text() for b in banner.buttons] == ["Add", "Dismiss"]
    qtbot.mouseClick(banner.buttons[0], Qt.MouseButton.LeftButton)
    saved = orjson.loads((folder / "study.json").read_bytes())["interviews"]
    assert [i["path"] for i in saved][3:] == ["P11 Dee.txt", "site-b/P12 Eva.txt"]
    assert not banner.isVisible()
    assert owner.undo_stack.undoText() == "Add 2 Interviews"
    owner.undo_stack.undo()
    assert len(orjson.loads((folder / "study.json").read_bytes())["interviews"]) == 3


def test_two_transcripts_of_one_name_come_into_the_folder_are_told_apart(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """P05.txt copied into site-a/ and into site-b/ were offered as "2 new transcripts in
    the study folder: “P05.txt” and “P05.txt”", which said neither where each was."""
    window = make_study_window(folder)
    owner, banner = window.study, window.banner
    assert owner.save()
    for site in ("site-a", "site-b"):
        (folder / site).mkdir()
        (folder / site / "P05.txt").write_text(f"Q: Where?\nA: At {site}.\n", encoding="utf-8")
    owner.check_disk()  # as the folder's watcher does
    said = "2 new transcripts in the study folder: “site-a/P05.txt” and “site-b/P05.txt”."
    assert banner.text() == said


def test_exports_saved_into_the_folder_and_dismissed_transcripts_are_not_offered(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    dialogs: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A summary exported into the study folder was offered as a new transcript; one
    dismissed came back in the next offer, with the next file that came, and in a folder
    with no study.json yet it was the study's when it opened again."""
    from reader.core.study import open_study
    from tests.ui.test_save_folder import accept_export

    window = make_study_window(folder)
    owner, banner = window.study, window.banner
    for fmt, whole_study in (("md", True), ("docx", False)):
        accept_export(monkeypatch, fmt, whole_study)
        dialogs.save_answers.append(str(folder / f"summary.{fmt}"))
        window.window_actions.export.trigger()
        assert (folder / f"summary.{fmt}").is_file()
    owner.check_disk()  # as the folder's watcher does
    assert not banner.isVisible() and not (folder / "study.json").exists()
    (folder / "P11 Dee.txt").write_text("Q: Hi?\nA: Hello.\n", encoding="utf-8")
    owner.check_disk()
    assert banner.text() == "1 new transcript in the study folder: “P11 Dee.txt”."
    qtbot.mouseClick(banner.buttons[-1], Qt.MouseButton.LeftButton)  # Dismiss
    (folder / "P12 Eva.txt").write_text("Q: Hi?\nA: Hi.\n", encoding="utf-8")
    owner.check_disk()
    assert banner.text() == "1 new transcript in the study folder: “P12 Eva.txt”."
    again = open_study(folder, touch_disk=False)  # the next start, or the command line
    assert [e.path for e in again.interviews] == ["P01 Ana.txt", "P02 Ben.txt", "P10 Cem.txt"]


def test_the_window_title_follows_the_open_interview_renamed_in_the_library(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    assert window.windowTitle().endswith(" — P01 Ana")
    assert window.study.rename(window.switcher.current, title="Ana, night nurse")
    qtbot.waitUntil(lambda: window.windowTitle().endswith(" — Ana, night nurse"))
    window.study.undo_stack.undo()
    qtbot.waitUntil(lambda: window.windowTitle().endswith(" — P01 Ana"))
    window.switcher.step(1)
    assert window.windowTitle().endswith(" — P02 Ben")


def test_sorting_leaves_the_empty_cells_in_the_studys_order_both_ways(qtbot: Any) -> None:
    """Two empty cells were each less than the other when descending, so Qt's sort turned
    their order round."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from reader.ui.library.library_model import SORT_ROLE, LibrarySorting

    model = QStandardItemModel()
    for name, age in [("a", None), ("b", 3), ("c", None), ("d", 1), ("e", None)]:
        item = QStandardItem(name)
        item.setData(age, SORT_ROLE)
        model.appendRow(item)
    proxy = LibrarySorting()
    proxy.setSourceModel(model)
    orders = {}
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(0, order)
        orders[order] = "".join(proxy.index(r, 0).data() for r in range(5))
    assert orders == {
        Qt.SortOrder.AscendingOrder: "dbace",
        Qt.SortOrder.DescendingOrder: "bdace",
    }


def test_ctrl_pgup_on_the_first_interview_and_ctrl_pgdn_on_the_last_say_so(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """They did nothing and said nothing: a key not taken, or no interview further?"""
    window = make_study_window(folder)
    window.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(window.isActiveWindow)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "“P01 Ana” is the first interview listed."
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "P10 Cem" in window.windowTitle())
    assert window.statusBar().currentMessage() == "“P10 Cem” is the last interview listed."
