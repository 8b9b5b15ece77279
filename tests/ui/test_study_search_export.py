"""Search Everything and Export… across the open study: grouped by interview, filtered by
attribute, a result opens its interview at the passage; the whole study exported."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.core.annotations import NO_COLOR, make_highlight
from reader.core.store import save_notes
from reader.core.study import open_study
from reader.ui.exporting.export_dialog import ExportDialog
from reader.ui.find.result_delegate import RESULT_ROLE
from reader.ui.find.study_scope import INTERVIEW_ROLE
from reader.ui.window.main_window import MainWindow
from tests.ui.exporting.test_code_list import click_code, code_rows
from tests.ui.test_read_only_undo import activate

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path) -> MainWindow:
    study = open_study(folder)
    study.define_attribute("Role", "choice", ["nurse", "porter"])
    first, _, third = study.interviews
    study.set_attribute(first.id, "role", "nurse")
    study.set_attribute(third.id, "role", "porter")
    study.save()
    return make_study_window(folder)


def search(window: MainWindow, qtbot: Any, text: str) -> None:
    window.window_actions.search_everything.trigger()
    qtbot.keyClicks(window.search_panel.edit, text)
    qtbot.keyClick(window.search_panel.edit, Qt.Key.Key_Return)
    scope = window.search_panel.scope
    qtbot.waitUntil(lambda: not scope.searching)  # the rest after the first, as they come


def top_titles(window: MainWindow) -> list[str]:
    tree = window.search_panel.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def export(
    window: MainWindow,
    monkeypatch: Any,
    dialogs: Any,
    choose: Callable[[ExportDialog], int],
    out: Path,
) -> None:
    """File ▸ Export… with the dialog filled in by `choose`, saved to `out`."""
    monkeypatch.setattr(ExportDialog, "exec", choose)
    dialogs.save_answers.append(str(out))
    window.window_actions.export.trigger()


def test_search_groups_by_interview_and_opens_the_passage(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.ui.slices.SLICE_S", 0.0)  # one interview a slice
    search(window, qtbot, "coffee")
    assert top_titles(window) == ["P01 Ana (1)", "P10 Cem (1)"]
    assert window.search_panel.status.text() == "2 in 2 interviews"
    items = window.search_panel.result_items()
    assert [i.data(0, INTERVIEW_ROLE) for i in items] == [
        window.library.model.rows[0].id,
        window.library.model.rows[2].id,
    ]
    # Enter on the second result: P10 opens with the word selected.
    assert window.search_panel.tree.currentItem() is items[0]
    window.search_panel.tree.setCurrentItem(items[1])
    chosen = items[1].data(0, RESULT_ROLE)
    qtbot.keyClick(window.search_panel.tree, Qt.Key.Key_Return)
    assert window.switcher.current == window.library.model.rows[2].id
    text = window.interview.session.document.text
    start, end = window.reader.selected_range()
    assert text[start:end] == "coffee"
    # Opening P10 is a change: searched again, its result stays current (it was lost, and
    # the way back led to the first result), and the reader keeps the focus.
    panel = window.search_panel
    qtbot.waitUntil(lambda: not (panel.stale or panel.scope.searching))  # P10 searched last
    assert panel.tree.currentItem().data(0, RESULT_ROLE) == chosen
    assert window.reader.hasFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL_SHIFT)
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert panel.tree.currentItem().data(0, INTERVIEW_ROLE) == window.switcher.current


def test_filter_by_attribute_and_unsaved_notes_are_searched(window: MainWindow, qtbot: Any) -> None:
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "more coffee later")
    search(window, qtbot, "coffee")
    assert top_titles(window) == ["P01 Ana (2)", "P10 Cem (1)"]
    combo = window.search_panel.scope.filter
    assert combo.isVisibleTo(window.search_panel)
    combo.setCurrentIndex(combo.findText("Role: porter"))
    assert top_titles(window) == ["P10 Cem (1)"]
    # A study edit meanwhile fills the list again, and the choice stays: it went back to
    # "All interviews" (an item's data is found by identity, not by value), unseen.
    assert window.study.rename(window.library.model.rows[1].id, title="P02 Ben, days")
    assert combo.currentText() == "Role: porter"
    search(window, qtbot, "")
    assert top_titles(window) == ["P10 Cem (1)"]


def test_export_the_whole_study_as_csv(
    window: MainWindow,
    dialogs: Any,
    tmp_path: Path,
    folder: Path,
    monkeypatch: Any,
) -> None:
    text = window.interview.session.document.text
    start = text.index("handover")
    window.reader.select_span(start, start + 8)
    window.reader.setFocus()
    QTest.keyClick(window.reader, Qt.Key.Key_H)

    def choose(dialog: ExportDialog) -> int:
        dialog.scope_combo.setCurrentIndex(1)
        formats = {dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())}
        assert formats == {"md", "html", "csv", "json", "docx", "qdpx", "qdc"}  # no W3C
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
        return 1

    out = tmp_path / "study.csv"
    export(window, monkeypatch, dialogs, choose, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [(r["interview"], r["Role"]) for r in rows] == [("P01 Ana", "nurse")]
    assert not list(folder.glob("*.csv"))


def test_a_word_in_the_text_and_in_a_quote_of_it_is_counted_as_what_it_is(
    window: MainWindow, qtbot: Any
) -> None:
    """ "coffee" in two interviews' text, and highlighted in one: the headline said "3 in
    2 interviews", as if three places of the text said it; now it says where they are."""
    text = window.interview.session.document.text
    start = text.lower().index("coffee")
    window.reader.select_span(start, start + len("coffee"))
    window.reader.setFocus()
    QTest.keyClick(window.reader, Qt.Key.Key_H)
    search(window, qtbot, "coffee")
    qtbot.waitUntil(lambda: not window.search_panel.scope.searching)
    assert top_titles(window) == ["P01 Ana (2)", "P10 Cem (1)"]
    assert window.search_panel.status.text() == "3 in 2 interviews: 2 in the text, 1 in quotes"


def test_a_search_under_way_says_how_far_it_is_first_in_a_line_that_stays_short(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under way, the status said what was found where before how far the search was ("4,299
    in 155 interviews: 2,790 in the text, 470 in quotes, 1,039 in highlight notes, searching
    155 of 300 interviews…"): five lines in the dock at 1024 px, growing and shrinking as the
    list filled under it. Now how far first, and the count alone until the whole is known."""
    monkeypatch.setattr("reader.ui.slices.SLICE_S", 0.0)  # one interview a slice
    text = window.interview.session.document.text
    start = text.lower().index("coffee")
    window.reader.select_span(start, start + len("coffee"))
    window.reader.setFocus()
    QTest.keyClick(window.reader, Qt.Key.Key_H)
    panel = window.search_panel
    window.window_actions.search_everything.trigger()
    panel.edit.setText("coffee")
    panel.search()
    assert panel.status.text() == "Searching 1 of 3 interviews: 2 found so far…"
    qtbot.waitUntil(lambda: not panel.scope.searching)
    assert panel.status.text() == "3 in 2 interviews: 2 in the text, 1 in quotes"


def test_study_results_stream_interview_by_interview(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.ui.slices.SLICE_S", 0.0)  # one interview a slice
    panel = window.search_panel
    window.window_actions.search_everything.trigger()
    panel.edit.setText("coffee")
    panel.search()
    assert top_titles(window) == ["P01 Ana (1)"]  # painted before the rest is searched
    assert panel.status.text() == "Searching 1 of 3 interviews: 1 found so far…"
    qtbot.waitUntil(lambda: not panel.scope.searching)
    assert top_titles(window) == ["P01 Ana (1)", "P10 Cem (1)"]
    assert panel.status.text() == "2 in 2 interviews"
    # A new search drops the one under way; Enter goes to the results as they come.
    panel.edit.setText("the")
    panel.search()
    panel.edit.setText("coffee")
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert panel.tree.hasFocus()
    qtbot.waitUntil(lambda: not panel.scope.searching)
    assert top_titles(window) == ["P01 Ana (1)", "P10 Cem (1)"]


def test_a_bad_pattern_across_the_study_is_said(window: MainWindow, qtbot: Any) -> None:
    panel = window.search_panel
    window.window_actions.search_everything.trigger()
    panel.regex_button.setChecked(True)
    panel.edit.setText("(")
    panel.search()
    assert panel.error and not panel.scope.searching and top_titles(window) == []


def test_the_whole_study_offers_and_exports_codes_other_interviews_use(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    dialogs: Any,
    tmp_path: Path,
    monkeypatch: Any,
    qtbot: Any,
) -> None:
    study = open_study(folder)
    fear = study.writable_codebook().create("Fear")
    study.writable_codebook().create("Unused")  # no passage anywhere: not offered
    study.save()
    third = study.interviews[2]
    session = study.open_session(third)
    text = session.document.text
    start = text.index("some ask")
    session.add_highlight(make_highlight(text, start, start + 8).edited(codes=(fear.id,)))
    save_notes(study.notes_path(third), session.notes)
    window = make_study_window(folder)  # on the first interview, which codes nothing
    offered: dict[str, list[str]] = {}

    def choose(dialog: ExportDialog) -> int:
        offered["interview"] = list(code_rows(dialog))
        offered["interview colours"] = list(dialog.color_boxes)
        dialog.scope_combo.setCurrentIndex(1)
        offered["study"] = list(code_rows(dialog))
        offered["study colours"] = list(dialog.color_boxes)
        dialog.show()
        click_code(qtbot, dialog, fear.id)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("md"))
        return 1

    out = tmp_path / "study.md"
    export(window, monkeypatch, dialogs, choose, out)
    assert (offered["interview"], offered["study"]) == ([], [fear.id])
    # Some interview of the study may have passages only coded: its scope has the box.
    assert NO_COLOR not in offered["interview colours"]
    assert offered["study colours"][-1] == NO_COLOR
    exported = out.read_text("utf-8")
    assert "some ask" in exported and "handover" not in exported


def test_the_last_search_is_there_after_a_restart(
    start_window: Callable[..., MainWindow], folder: Path, qtbot: Any
) -> None:
    window = start_window(folder)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL_SHIFT)
    panel = window.search_panel
    qtbot.keyClicks(panel.edit, "coffee")
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    window.close()
    again = start_window(None)
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    qtbot.keyClick(again.reader, Qt.Key.Key_F, CTRL_SHIFT)
    assert again.search_panel.edit.text() == "coffee"
    qtbot.waitUntil(lambda: bool(again.search_panel.result_items()))


def test_searching_again_as_the_notes_change_writes_no_settings(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The query is written when it changes: each write syncs the settings file, and the
    panel searches again 600 ms after every edit while it is shown."""
    from PySide6.QtCore import QSettings

    from reader.ui.find.search_panel import QUERY_KEY

    written: list[str] = []
    set_value = QSettings.setValue
    monkeypatch.setattr(
        QSettings, "setValue", lambda s, k, v: (written.append(k), set_value(s, k, v))[1]
    )
    window.window_actions.search_everything.trigger()
    panel = window.search_panel
    panel.edit.setText("coffee")
    panel.search()
    assert written.count(QUERY_KEY) == 1
    for _ in range(3):
        panel.stale = True
        panel.refresh()
    assert written.count(QUERY_KEY) == 1


def test_a_study_is_searched_without_diacritics_unless_they_match(
    window: MainWindow, qtbot: Any
) -> None:
    window.window_actions.search_everything.trigger()
    panel = window.search_panel
    panel.edit.setText("CÖFFEE")  # as a query pasted from a name with an accent
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert top_titles(window) == ["P01 Ana (1)", "P10 Cem (1)"]
    panel.diacritics_button.click()
    assert top_titles(window) == []
    panel.diacritics_button.click()
    assert top_titles(window) == ["P01 Ana (1)", "P10 Cem (1)"]


def test_the_study_memo_is_searched_and_a_result_shows_it_with_the_match_selected(
    window: MainWindow, make_study_window: Callable[[Path], MainWindow], qtbot: Any, folder: Path
) -> None:
    """Its results come first, in a group of their own; Enter shows the memo tab with the
    words selected, whichever interview is open. The find options apply to it too."""
    window.close()
    (folder / "memo.md").write_text("# Themes\n\nCoffee rituals\nNo Cöffee at dawn 🌙\n", "utf-8")
    window = make_study_window(folder)
    activate(window, qtbot)
    ana = window.switcher.current
    search(window, qtbot, "coffee")
    panel = window.search_panel
    assert top_titles(window) == ["Study memo (2)", "P01 Ana (1)", "P10 Cem (1)"]
    assert (
        panel.status.text() == "4 in 2 interviews and the study memo: 2 in the text, 2 in the memo"
    )
    items = panel.result_items()
    assert [i.text(0) for i in items[:2]] == [
        "Line 3  Coffee rituals",
        "Line 4  No Cöffee at dawn 🌙",
    ]
    assert items[0].data(0, INTERVIEW_ROLE) is None  # no interview opens for it
    panel.tree.setCurrentItem(items[1])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    pane, editor = window.notes_pane, window.notes_editor
    assert pane.showing_memo() and window.window_actions.study_memo.isChecked()
    assert pane.tabs.currentIndex() == 1 and editor.hasFocus()
    assert editor.textCursor().selectedText() == "Cöffee"
    assert window.switcher.current == ana
    assert window.notes_label.text().startswith("Study memo: ")
    # Showing the memo is a change to Qt (its styling): searched again, the row is kept,
    # and Ctrl+Shift+F, Enter come back to it.
    qtbot.waitUntil(lambda: not panel.stale)
    window.window_actions.search_everything.trigger()
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert panel.tree.currentItem().text(0) == "Line 4  No Cöffee at dawn 🌙"
    pane.show_memo(False)
    window.switcher.step(1)  # another interview open: the memo's results still lead there
    qtbot.waitUntil(lambda: window.switcher.current != ana)
    other = window.switcher.current
    qtbot.waitUntil(lambda: top_titles(window)[0] == "Study memo (2)")  # searched again
    panel.tree.setCurrentItem(panel.result_items()[0])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert pane.showing_memo() and editor.textCursor().selectedText() == "Coffee"
    assert window.switcher.current == other
    panel.case_button.click()  # "coffee" in lower case: in no line of the memo
    assert not any(title.startswith("Study memo") for title in top_titles(window))
    panel.case_button.click()
    panel.diacritics_button.click()  # "Cöffee" no longer matches "coffee"
    assert top_titles(window)[0] == "Study memo (1)"


def test_the_memo_as_typed_is_searched_and_a_stale_result_searches_again(
    window: MainWindow, qtbot: Any
) -> None:
    window.notes_pane.show_memo(True)
    window.notes_editor.insertPlainText("A late coffee break\n")  # not saved yet
    search(window, qtbot, "late coffee")
    panel = window.search_panel
    assert top_titles(window) == ["Study memo (1)"]
    assert panel.status.text() == "1 in the study memo"
    window.notes_editor.selectAll()
    window.notes_editor.insertPlainText("Rewritten")  # the result no longer holds
    panel.go_to(panel.result_items()[0].data(0, RESULT_ROLE))
    assert top_titles(window) == [] and panel.status.text() == "No results"
    panel.regex_button.click()
    panel.edit.setText("(")  # a bad pattern: said once, for the memo and the interviews
    panel.search()
    assert panel.status.text().startswith("Invalid regular expression")
    assert top_titles(window) == []


def test_enter_goes_to_the_results_as_the_rest_of_the_study_is_searched(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter searched every interview left at once: in a study of 300, some not loaded
    yet, the window was held 2.5-6.6 s under the wait cursor. The rest is searched from
    the event loop now, the window answering meanwhile: the first result takes the
    keyboard as it comes, and the line says how far the search is."""
    monkeypatch.setattr("reader.ui.slices.SLICE_S", 0.0)  # one interview a slice
    panel = window.search_panel
    window.window_actions.search_everything.trigger()
    qtbot.keyClicks(panel.edit, "sleep")  # in P10 alone, searched last
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert panel.scope.searching and QApplication.overrideCursor() is None
    assert panel.status.text() == "Searching 1 of 3 interviews…"  # not "No results"
    assert panel.edit.hasFocus()
    qtbot.waitUntil(lambda: not panel.scope.searching)
    assert top_titles(window) == ["P10 Cem (1)"] and panel.tree.hasFocus()
    assert panel.status.text() == "1 in 1 interview"


def test_escape_or_an_emptied_field_stops_the_search_of_the_study(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Escape stops a study's search under way, saying where, and Enter searches it all
    again; the field emptied drops it too (it went on to the last interview)."""
    monkeypatch.setattr("reader.ui.slices.SLICE_S", 0.0)  # one interview a slice
    panel = window.search_panel
    window.window_actions.search_everything.trigger()
    panel.edit.setText("the")
    panel.search()
    assert panel.scope.searching and top_titles(window) == ["P01 Ana (1)"]
    qtbot.keyClick(panel.edit, Qt.Key.Key_Escape)
    assert not panel.scope.searching and panel.edit.hasFocus()
    stopped = "1 in 1 interview. Stopped after 1 of 3 interviews: Enter searches them all."
    assert panel.status.text() == stopped
    for _ in range(5):
        QApplication.processEvents()
    assert top_titles(window) == ["P01 Ana (1)"]
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.scope.searching)
    assert top_titles(window) == ["P01 Ana (1)", "P02 Ben (1)", "P10 Cem (3)"]
    panel.search()
    assert panel.scope.searching
    panel.edit.clear()
    panel.search()
    assert not panel.scope.searching and top_titles(window) == []
