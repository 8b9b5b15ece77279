"""The Library dock: a study's interviews listed, opened, switched, renamed, reordered,
removed and given attributes with keys and clicks; then what is on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLineEdit

from reader.core.study import open_study
from reader.ui.library.attribute_dialog import AttributeDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.test_annotations_panel import said_when_empty
from tests.ui.test_read_only_undo import activate


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path) -> MainWindow:
    return make_study_window(folder)


def study_json(folder: Path) -> dict[str, Any]:
    return orjson.loads((folder / "study.json").read_bytes())


def titles(window: MainWindow) -> list[str]:
    return [h.title for h in window.library.model.rows]


def key(
    qtbot: Any, widget: Any, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(widget, key, mods)


def test_a_folder_opens_as_a_study_listing_every_interview(
    window: MainWindow, folder: Path
) -> None:
    assert titles(window) == ["P01 Ana", "P02 Ben", "P10 Cem"]
    assert window.library_dock.isVisible()
    assert window.interview.session is not None
    assert "How do night shifts start" in window.interview.session.document.text
    assert window.windowTitle().startswith("Interview Reader — Nachtschichten – Ünïcode — ")
    assert not (folder / "study.json").exists()  # opening writes nothing
    # The field is 77 px wide here: "Filter all 3…" was chosen, and cut by it to "Filter al…".
    placeholder = window.library.filter.placeholderText()
    assert placeholder in ("Filter 3 interviews…", "Filter all 3…", "Filter…")
    assert window.library.filter.accessibleDescription() == "3 interviews"


def test_enter_and_ctrl_page_keys_switch_interviews(window: MainWindow, qtbot: Any) -> None:
    view = window.library.view
    view.setFocus()
    key(qtbot, view, Qt.Key.Key_Down)
    key(qtbot, view, Qt.Key.Key_Return)
    assert "hour before dawn" in window.interview.session.document.text
    assert window.header_line.text().startswith("<b>P02 Ben</b>")
    window.reader.setFocus()
    key(qtbot, window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert "patients" in window.interview.session.document.text
    key(qtbot, window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert "patients" in window.interview.session.document.text  # the last stays
    key(qtbot, window.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, window.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert "night shifts" in window.interview.session.document.text


def highlight_dawn_in_the_second(window: MainWindow, qtbot: Any) -> str:
    """H on "dawn" in the study's second interview, opened for it; its id."""
    window.switcher.step(1)
    text = window.interview.session.document.text
    start = text.index("dawn")
    window.reader.select_span(start, start + 4)
    window.reader.setFocus()
    key(qtbot, window.reader, Qt.Key.Key_H)
    return window.switcher.current


def test_a_highlight_survives_a_switch_and_selection_comes_back(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    text = window.interview.session.document.text
    start = text.index("coffee")
    window.reader.select_span(start, start + 6)
    window.reader.setFocus()
    key(qtbot, window.reader, Qt.Key.Key_H)
    assert len(window.interview.session.notes.highlights) == 1
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "Ana likes coffee")
    handover = text.index("handover")
    window.reader.select_span(handover, handover + 8)
    first = window.switcher.current
    window.switcher.step(1)
    notes = orjson.loads((folder / "notes" / f"{first}.json").read_bytes())
    assert [h["exact"] for h in notes["highlights"]] == ["coffee"]
    assert notes["notes"] == "Ana likes coffee"
    assert window.library.model.rows[0].highlights == 1
    window.reader.select_span(2, 6)
    window.switcher.step(-1)
    assert window.interview.session.notes.notes == "Ana likes coffee"
    assert window.reader.selected_range() == (handover, handover + 8)
    window.switcher.step(1)
    assert window.reader.selected_range() == (2, 6)


def test_rename_with_f2_then_undo_from_the_library(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    view = window.library.view
    key(qtbot, type_title(window, qtbot, "Ben, night porter"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: titles(window)[1] == "Ben, night porter")
    assert [i["title"] for i in study_json(folder)["interviews"]][1] == "Ben, night porter"
    view.setFocus()
    assert window.window_actions.undo.isEnabled()
    assert window.window_actions.undo.text().replace("&", "") == "Undo Rename Interview"
    window.window_actions.undo.trigger()
    qtbot.waitUntil(lambda: titles(window)[1] == "P02 Ben")
    assert [i["title"] for i in study_json(folder)["interviews"]][1] == "P02 Ben"


def type_title(window: MainWindow, qtbot: Any, text: str) -> QLineEdit:
    """F2 on the second row's title and `text` typed over it; its editor."""
    view = window.library.view
    view.setFocus()
    view.setCurrentIndex(window.library.proxy.index(1, 0))
    key(qtbot, view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    return editor


def retitle(window: MainWindow, qtbot: Any, text: str) -> QLineEdit:
    """F2 on the second row's title, `text` typed over it, Enter; the editor open after."""
    view = window.library.view
    editor = type_title(window, qtbot, text)
    closed: list[bool] = []
    editor.destroyed.connect(lambda: closed.append(True))
    key(qtbot, editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(closed) and view.state() == view.State.EditingState)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.currentIndex().row() == 1
    return editor


def test_a_title_another_interview_has_is_refused_and_the_edit_kept(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    """Ana's title given to Ben (written otherwise): refused, said, and the editor opens
    again holding what was typed, to change it; Escape there keeps Ben's title."""
    editor = retitle(window, qtbot, "p01  ana")
    assert editor.text() == "p01  ana"
    said = "“P01 Ana” is another interview's title: choose another."
    assert window.banner.text() == said and window.statusBar().currentMessage() == said
    key(qtbot, editor, Qt.Key.Key_Escape)
    assert titles(window) == ["P01 Ana", "P02 Ben", "P10 Cem"]
    assert not (folder / "study.json").exists() and not window.window_actions.undo.isEnabled()
    editor = retitle(window, qtbot, "P01 Ana")
    key(qtbot, editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " at night")
    key(qtbot, editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: titles(window)[1] == "P01 Ana at night")
    assert window.library.view.state() != window.library.view.State.EditingState


def test_reorder_with_alt_arrows_and_remove_with_delete(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    view = window.library.view
    view.setFocus()
    view.setCurrentIndex(window.library.proxy.index(2, 0))
    key(qtbot, view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(window) == ["P01 Ana", "P10 Cem", "P02 Ben"]
    assert [i["title"] for i in study_json(folder)["interviews"]] == [
        "P01 Ana",
        "P10 Cem",
        "P02 Ben",
    ]
    key(qtbot, view, Qt.Key.Key_Delete)
    assert titles(window) == ["P01 Ana", "P02 Ben"]
    assert len(study_json(folder)["interviews"]) == 2
    assert (folder / "P10 Cem.txt").exists()  # never deleted
    window.window_actions.undo.trigger()
    qtbot.waitUntil(lambda: len(titles(window)) == 3)
    assert titles(window) == ["P01 Ana", "P10 Cem", "P02 Ben"]


def test_removing_the_open_interview_opens_the_next_and_ctrl_page_keys_go_on(
    window: MainWindow, qtbot: Any
) -> None:
    view = window.library.view
    view.setFocus()
    key(qtbot, view, Qt.Key.Key_Down)
    key(qtbot, view, Qt.Key.Key_Return)  # Ben, the middle one, open
    view.setFocus()
    key(qtbot, view, Qt.Key.Key_Delete)
    assert titles(window) == ["P01 Ana", "P10 Cem"]
    assert "patients" in window.interview.session.document.text  # Cem, after Ben, at once
    window.reader.setFocus()
    key(qtbot, window.reader, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert "night shifts" in window.interview.session.document.text  # Ana, before Cem


def test_sort_and_filter(window: MainWindow, qtbot: Any) -> None:
    window.library.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert window.library.visible_ids()[0] == window.library.model.rows[2].id
    window.library.filter.setFocus()
    qtbot.keyClicks(window.library.filter, "ben")
    assert len(window.library.visible_ids()) == 1
    assert window.library.filter.accessibleDescription() == "1 of 3 interviews"
    key(qtbot, window.library.filter, Qt.Key.Key_Return)
    key(qtbot, window.library.view, Qt.Key.Key_Return)
    assert "hour before dawn" in window.interview.session.document.text


def test_a_filter_that_hides_every_interview_says_so_in_the_table(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At "0 of 3" the table was blank: it names the words and what clears them (Escape
    in the filter, as in a browser's), and says no more once the rows are back."""
    library = window.library
    library.filter.setFocus()
    qtbot.keyClicks(library.filter, "scanner")
    assert library.visible_ids() == []
    said = "No interview matches “scanner”. Escape in the filter clears it."
    assert said_when_empty(library.view, monkeypatch) == [said]
    key(qtbot, library.filter, Qt.Key.Key_Escape)
    assert library.filter.text() == ""
    assert len(library.visible_ids()) == 3 and said_when_empty(library.view, monkeypatch) == []


def test_attributes_as_columns_edited_in_place(
    window: MainWindow, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def define(dialog: AttributeDialog) -> int:
        dialog.name.setText("Role")
        dialog.type.setCurrentIndex(dialog.type.findData("choice"))
        dialog.options.setPlainText("nurse\ndoctor")
        return 1

    monkeypatch.setattr(AttributeDialog, "exec", define)
    window.library.newAttributeRequested.emit()
    qtbot.waitUntil(lambda: window.library.model.columnCount() == 7)
    assert window.library.model.headerData(6, Qt.Orientation.Horizontal, 0) == "Role"
    view = window.library.view
    view.setFocus()
    index = window.library.proxy.index(0, 6)
    view.setCurrentIndex(index)
    key(qtbot, view, Qt.Key.Key_F2)
    combo = view.indexWidget(index) or QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("nurse"))
    key(qtbot, combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.library.model.rows[0].attributes == {"role": "nurse"})
    saved = study_json(folder)
    assert saved["attributes"] == [
        {"key": "role", "label": "Role", "type": "choice", "options": ["nurse", "doctor"]}
    ]
    assert saved["interviews"][0]["attributes"] == {"role": "nurse"}
    assert "Role: nurse" in window.header_line.text()
    # A date that is no date is refused with the reason, and nothing changes.
    date = window.library.proxy.index(1, 5)
    assert not window.library.model.setData(window.library.proxy.mapToSource(date), "last May")
    assert "YYYY-MM-DD" in window.banner.label.text()


def test_changing_an_attribute_is_one_step_all_or_nothing(
    window: MainWindow, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Change “Role”… with a new name and choices a value refuses: the name was changed
    and the choices not, as two steps. Refused whole now; a choice written otherwise
    ("nurse" as "Nurse") is the same choice, and its values follow, in one step."""
    study = window.study.study
    assert window.study.define_attribute("Role", "choice", ["nurse", "doctor"])
    first = study.interviews[0].id
    assert window.study.set_attribute(first, "role", "nurse")
    answers = [("Job", "doctor"), ("Job", "Nurse\ndoctor")]

    def change(dialog: AttributeDialog) -> int:
        name, options = answers.pop(0)
        dialog.name.setText(name)
        dialog.options.setPlainText(options)
        return 1

    monkeypatch.setattr(AttributeDialog, "exec", change)
    steps = window.study.undo_stack.count()
    window.study_actions.edit_attribute("role")
    assert study.attribute("role").label == "Role" and "no longer a choice" in window.banner.text()
    assert window.study.undo_stack.count() == steps
    window.study_actions.edit_attribute("role")
    assert study.attribute("role").label == "Job"
    assert study.attribute("role").options == ("Nurse", "doctor")
    assert study.interview(first).attributes == {"role": "Nurse"}
    assert window.study.undo_stack.count() == steps + 1
    window.study.undo_stack.undo()
    assert study.attribute("role").label == "Role"
    assert study.interview(first).attributes == {"role": "nurse"}


def test_add_a_file_twice_is_refused_with_a_message(
    window: MainWindow, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    outside = tmp_path / "elsewhere" / ("a" * 120) / "P20 Dora – Müller.vtt"
    outside.parent.mkdir(parents=True)
    outside.write_text("WEBVTT\n\n00:00.000 --> 00:02.000\n<v Dora>Hello there.\n", "utf-8")
    answers = [[str(outside)], [str(outside), str(folder / "P01 Ana.txt")]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: (answers.pop(0), ""))
    window.reader.setFocus()
    window.window_actions.add_interviews.trigger()
    qtbot.waitUntil(lambda: titles(window)[-1] == "P20 Dora – Müller")
    # The Library shows it, and Edit ▸ Undo there takes it back.
    qtbot.waitUntil(lambda: window.library.view.hasFocus())
    assert window.window_actions.undo.text().replace("&", "") == "Undo Add Interview"
    entry = study_json(folder)["interviews"][-1]
    assert entry["path"].startswith("../elsewhere/")
    window.window_actions.add_interviews.trigger()
    assert len(titles(window)) == 4
    assert "is in the study already" in window.banner.label.text()


def test_drop_a_folder_opens_it_and_files_add_to_the_study(
    make_study_window: Callable[[Path], MainWindow], folder: Path, tmp_path: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    more = tmp_path / "more"
    more.mkdir()
    (more / "P30 Eda.md").write_text("Q: Why?\nA: Because.\n", "utf-8")
    (more / "picture.txt").write_bytes(b"\x89PNG\x00\x00\x01" * 200)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(more))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert window.study_actions.eventFilter(window, event)  # what the window's drop runs
    qtbot.waitUntil(lambda: len(titles(window)) == 4)
    assert titles(window)[-1] == "P30 Eda"
    assert "picture.txt was skipped" in window.banner.label.text()


def test_a_missing_transcript_shows_keeps_notes_and_can_be_located(
    window: MainWindow, folder: Path, qtbot: Any, dialogs: Any
) -> None:
    window.study.save()
    moved = folder / "moved"
    moved.mkdir()
    (folder / "P02 Ben.txt").rename(moved / "P02 Ben.txt")
    window.study.changed.emit()
    qtbot.waitUntil(lambda: window.library.model.rows[1].missing)
    assert window.library.model.data(window.library.model.index(1, 0)) == "P02 Ben (missing)"
    assert not window.switcher.open(window.library.model.rows[1].id)
    assert "Locate Transcript" in str(window.banner.label.text()) or window.banner.isVisible()
    (moved / "photo.txt").write_bytes(b"\x89PNG\x00\x01" * 100)
    dialogs.open_answers.append(str(moved / "photo.txt"))
    window.study_actions.relocate(window.library.model.rows[1].id)
    assert "photo.txt cannot be the transcript" in window.banner.label.text()
    assert study_json(folder)["interviews"][1]["path"] == "P02 Ben.txt"  # not pointed at it
    dialogs.open_answers.append(str(moved / "P02 Ben.txt"))
    window.study_actions.relocate(window.library.model.rows[1].id)
    assert "hour before dawn" in window.interview.session.document.text
    assert study_json(folder)["interviews"][1]["path"] == "moved/P02 Ben.txt"


def test_a_second_window_on_the_study_is_read_only(
    make_study_window: Callable[[Path], MainWindow], folder: Path
) -> None:
    first = make_study_window(folder)
    second = make_study_window(folder)
    assert not first.study.read_only
    assert second.study.read_only
    assert "read-only" in second.banner.label.text()
    assert second.interview.read_only
    assert (
        not second.library.model.flags(second.library.model.index(0, 0))
        & Qt.ItemFlag.ItemIsEditable
    )


def test_an_unreadable_study_json_is_set_aside_and_the_interviews_still_open(
    make_study_window: Callable[[Path], MainWindow], folder: Path
) -> None:
    (folder / "study.json").write_bytes(b"\x00garbage")
    window = make_study_window(folder)
    assert len(titles(window)) == 3
    assert list(folder.glob("study.corrupt-*.json"))
    assert "set aside" in window.banner.label.text()


def test_a_newer_study_json_opens_read_only(
    make_study_window: Callable[[Path], MainWindow], folder: Path
) -> None:
    study = open_study(folder)
    study.save()
    data = study_json(folder)
    data["version"] = 99
    (folder / "study.json").write_bytes(orjson.dumps(data))
    window = make_study_window(folder)
    assert window.study.read_only
    assert "newer" in window.banner.label.text()
    assert (folder / "study.json").read_bytes() == orjson.dumps(data)


def test_a_study_opened_with_a_newer_layout_never_says_it_was_saved_meanwhile(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Found by review: a newer build's study.json whose layout this build cannot read was
    read again at each change in the folder, and each time the banner said it had been
    "saved meanwhile" by a newer build: it was there when the study opened."""
    open_study(folder).save()
    data = study_json(folder)
    data["version"], data["interviews"] = 99, "a newer layout"
    newer = orjson.dumps(data)
    (folder / "study.json").write_bytes(newer)
    window = make_study_window(folder)
    assert window.study.read_only and window.banner.text().startswith("Opened read-only")
    with qtbot.waitSignal(window.study.cameIntoFolder, timeout=10_000):
        (folder / "P9.txt").write_text("Q: New here?\nA: Yes.\n", encoding="utf-8")
    assert "meanwhile" not in window.banner.text()
    assert (folder / "study.json").read_bytes() == newer


def test_a_newer_study_json_written_while_open_makes_it_read_only_now_not_opened(
    window: MainWindow, folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """A newer build on another computer saves the study, a sync tool brings it: the banner
    said "Opened read-only", though nothing was opened. Undo and F2 are refused, saying
    why, and study.json stays as the newer build wrote it."""
    activate(window, qtbot)
    key(qtbot, type_title(window, qtbot, "Ben, night porter"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: titles(window)[1] == "Ben, night porter")
    data = study_json(folder)
    assert data["interviews"][1]["title"] == "Ben, night porter"
    data["version"] = 99
    newer = orjson.dumps(data)
    (folder / "study.json").write_bytes(newer)
    qtbot.waitUntil(lambda: window.study.read_only, timeout=10_000)
    assert window.banner.text() == (
        "The study is read-only now: study.json was saved meanwhile by a newer Interview "
        "Reader, so nothing in the study will be changed here."
    )
    window.library.view.setFocus()
    window.window_actions.undo.trigger()
    assert "read-only" in window.statusBar().currentMessage()
    key(qtbot, window.library.view, Qt.Key.Key_F2)
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    assert titles(window)[1] == "Ben, night porter"
    window.close()
    assert (folder / "study.json").read_bytes() == newer


def test_study_json_changed_by_a_sync_tool_is_merged(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    window.study.save()
    data = study_json(folder)
    data["interviews"][2]["title"] = "Cem (synced)"
    data["interviews"][2]["modified"] = "2999-01-01T00:00:00+00:00"
    (folder / "study.json").write_bytes(orjson.dumps(data))
    qtbot.waitUntil(lambda: titles(window)[2] == "Cem (synced)", timeout=5000)
    assert "Merged the study" in window.banner.label.text()


def test_open_recent_and_reopen_at_start(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    window.switcher.step(1)
    second = window.switcher.current
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.study_actions.open_at_start(None, None, folder / "P01 Ana.txt")
    assert again.switcher.current == second
    menu = again.window_actions.recent_menu
    again.study_actions.fill_recent_menu(menu)
    assert menu.actions()[0].text() == "&1 Nachtschichten – Ünïcode  (study)"
    assert again.study_actions.recent.folder() == str(folder)
    again.close()


def test_a_recent_study_moved_says_how_to_open_it(
    make_study_window: Callable[[Path], MainWindow], folder: Path, dialogs: Any, qtbot: Any
) -> None:
    """File ▸ Open Recent on a study whose folder was renamed said only "… is not there
    any more", not why that may be nor how to open it now."""
    window = make_study_window(folder)
    window.study_actions.open_path(folder / "P01 Ana.txt")
    window.close()
    moved = folder.rename(folder.with_name("Night shifts 2026"))
    again = MainWindow()
    qtbot.addWidget(again)
    menu = again.window_actions.recent_menu
    again.study_actions.fill_recent_menu(menu)
    menu.actions()[0].trigger()
    assert dialogs.shown[-1] == (
        "warning",
        f"Not there: {folder} is not there any more: moved or renamed, or on a drive not "
        "connected. File ▸ Open Study… opens it where it is now.",
    )
    assert moved.exists()
    again.close()


def test_opening_a_lone_file_leaves_the_study(
    window: MainWindow, tmp_path: Path, dialogs: Any
) -> None:
    lone = tmp_path / "lone.txt"
    lone.write_text("Q: Alone?\nA: Yes.\n", "utf-8")
    dialogs.open_answers.append(str(lone))
    window.window_actions.open.trigger()
    assert window.study.study is None
    assert not window.library_dock.isVisible()
    assert "Nachtschichten" not in window.windowTitle()
    assert window.interview.session.document.source == str(lone)


def test_a_transcript_deleted_while_the_study_is_open_shows_as_missing(
    window: MainWindow, folder: Path, qtbot: Any
) -> None:
    (folder / "P10 Cem.txt").unlink()
    qtbot.waitUntil(lambda: window.library.model.rows[2].missing, timeout=5000)
    assert window.library.filter.accessibleDescription() == "3 interviews, 1 missing"
    window.switcher.step(1)
    window.switcher.step(1)  # P10 cannot open: the banner offers to locate it
    assert window.switcher.current == window.library.model.rows[1].id
    assert "is not at" in window.banner.label.text()


def test_a_folder_of_ten_thousand_files_opens_capped_with_a_message(
    make_study_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    big = tmp_path / "big"
    big.mkdir()
    for i in range(10_000):
        (big / f"t{i:05d}.txt").write_text("Q: Why?\nA: Because.\n", "utf-8")
    (big / "zz-binary.txt").write_bytes(b"\x00\xff" * 500)
    window = make_study_window(big)
    assert len(window.library.model.rows) == 1000
    assert "only the first 1,000 transcripts" in window.banner.label.text()


def test_a_transcript_of_a_study_opened_alone_opens_in_its_study(
    make_study_window: Callable[[Path], MainWindow], folder: Path, tmp_path: Path, qtbot: Any
) -> None:
    """File ▸ Open Interview…, a drop, or main.py STUDY/P02.txt: the interview comes with
    the highlights its study keeps (opened alone it showed none, and new ones went to
    another notes file)."""
    window = make_study_window(folder)
    highlight_dawn_in_the_second(window, qtbot)
    window.close()
    assert (folder / "study.json").exists()  # written with the first notes
    lone = tmp_path / "lone.txt"
    lone.write_text("Q: Alone?\nA: Yes.\n", "utf-8")
    other = MainWindow()
    qtbot.addWidget(other)
    other.show()
    assert other.study_actions.open_path(lone)  # a lone file first: no study
    assert other.study.study is None
    assert other.study_actions.open_path(folder / "P02 Ben.txt")
    assert other.study.study is not None and other.study.study.folder == folder
    assert other.switcher.current == other.study.study.interviews[1].id
    assert [h.exact for h in other.interview.session.notes.highlights] == ["dawn"]
    other.close()


def test_the_study_is_shown_again_only_when_it_changed_on_disk(
    window: MainWindow, folder: Path
) -> None:
    """Each own save wakes the folder's watcher; showing the study again reads every notes
    file, so that is kept for a change from outside or a transcript come or gone."""
    owner = window.study
    shown: list[None] = []
    owner.changed.connect(lambda: shown.append(None))
    owner.rename(window.library.model.rows[0].id, title="P01 Ana, nights")  # saved
    shown.clear()
    owner.check_disk()  # what the watcher does after our own save
    assert shown == []
    (folder / "P11 Dee.txt").write_text("Q: Hi?\nA: Hello.\n", "utf-8")
    owner.check_disk()
    assert len(shown) == 1
    data = study_json(folder)
    data["title"] = "Renamed elsewhere"
    (folder / "study.json").write_bytes(orjson.dumps(data))
    owner.check_disk()
    assert len(shown) == 2


def test_a_study_opened_at_start_counts_its_highlights_once_the_window_shows(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Reading every notes file for the library's counts waits for the window's first
    paint when the study opens at start (500 interviews: about 100 ms); the rows are
    there from the first, their counts a moment after."""
    window = make_study_window(folder)
    second = highlight_dawn_in_the_second(window, qtbot)
    window.switcher.step(-1)  # the second's notes written; the first open at the restart
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    assert again.study_actions.open_at_start(None, None, folder / "P01 Ana.txt")
    rows = {row.id: row for row in again.library.model.rows}
    assert len(rows) == 3 and rows[second].highlights == 0  # not read yet
    again.show()
    qtbot.waitUntil(lambda: again.library.model.rows[1].highlights == 1)
    assert again.library.model.rows[1].id == second
    assert again.library.current_id() == again.switcher.current  # the selection kept
    again.close()


def test_the_open_interviews_row_is_drawn_again_only_when_its_counts_change(
    window: MainWindow,
) -> None:
    """Its highlights and notes counted at each change of a passage: a new highlight moves
    its row; a colour changed, or a code applied (each coding of a large study), does not
    make the row draw itself again (#17)."""
    model, controller = window.library.model, window.interview.controller
    assert controller is not None
    told: list[int] = []
    model.dataChanged.connect(lambda first, *_: told.append(first.row()))
    row = model.row_of(window.switcher.current)
    highlight = controller.add_highlight(0, 5, "yellow")
    assert highlight is not None and told == [row] and model.rows[row].highlights == 1
    told.clear()
    controller.edit_highlight(highlight.id, "Recolour Highlight", color="blue")
    assert told == [] and model.rows[row].highlights == 1
    controller.edit_highlight(highlight.id, "Note", note="Said at dawn")
    assert told == [row] and model.rows[row].notes == 1
