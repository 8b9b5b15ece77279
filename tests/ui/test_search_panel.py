"""Search Everything (Ctrl+Shift+F): one query over the interview, highlights and notes."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from reader.core.codebook import codes_for_tags
from reader.core.search import Result
from reader.ui.find import result_delegate, search_panel
from reader.ui.find.find_options import option_key
from reader.ui.find.search_panel import SearchPanel
from reader.ui.settings import settings
from reader.ui.window.main_window import MainWindow
from tests.ui.test_main_window import menu_action
from tests.ui.test_read_only_undo import activate as activate_window

TEXT = (
    "An interview about making a film.\n"
    "Q: Scene 🎬 starts where? The café scene?\n"
    "A: It starts at dawn. We shot 🎬🎬 twice, then the lantern scene.\n"
    "Q: And the ending?\n"
    "A: The ending was improvised on the day.\n"
)
NOTES = "# Themes\n\nLight 🎬🎬 and the lantern again.\nEndings: improvised\n"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "film.txt"
    path.write_text(TEXT, "utf-8")
    return path


@pytest.fixture
def film(make_window, doc: Path, qtbot) -> MainWindow:
    window = make_window(doc)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    controller = window.interview.controller
    improvised = highlight(window, "improvised on the day")
    controller.edit_highlight(improvised.id, "Edit Note", note="Was the lantern scripted?")
    dawn = highlight(window, "It starts at dawn")
    codes = codes_for_tags(("lantern-light", "time"), controller.session.notes.codebook)
    controller.edit_highlight(dawn.id, "Edit Tags", codes=codes)
    highlight(window, "the lantern scene")
    window.notes_editor.setPlainText(NOTES)
    return window


def highlight(window: MainWindow, quote: str):
    start = TEXT.index(quote)
    return window.interview.controller.add_highlight(start, start + len(quote), "yellow")


def panel_of(window: MainWindow) -> SearchPanel:
    return window.search_panel


def search(window: MainWindow, qtbot, query: str) -> SearchPanel:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL_SHIFT)
    panel = panel_of(window)
    qtbot.waitUntil(lambda: panel.edit.hasFocus())
    qtbot.keyClicks(panel.edit, query)
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)  # search now, then into the results
    return panel


def groups(panel: SearchPanel) -> list[str]:
    return [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]


def item_of(panel: SearchPanel, kind: str, row: int = 0) -> QTreeWidgetItem:
    items = [i for i in panel.result_items() if i.data(0, result_delegate.KIND_ROLE) == kind]
    return items[row]


def activate(panel: SearchPanel, qtbot, item: QTreeWidgetItem) -> Result:
    """Walk down to `item` with the arrow keys, as a user would, and press Enter."""
    panel.tree.setFocus()
    panel.tree.setCurrentItem(panel.first_result())
    while panel.tree.currentItem() is not item:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    return item.data(0, search_panel.RESULT_ROLE)


# --- opening ------------------------------------------------------------------------------


def test_a_hidden_dock_and_the_action(film: MainWindow) -> None:
    assert not film.search_dock.isVisible()
    assert film.dockWidgetArea(film.search_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    action = menu_action(film.menuBar(), "Edit", "Search Everything…")
    assert action.shortcut().toString() == "Ctrl+Shift+F"
    assert film.search_dock.made() is None  # made at its first use (start-up, #17)
    panel = panel_of(film)
    assert film.search_dock.widget() is panel


def test_the_fields_placeholder_fits_a_1024_px_window_and_says_the_rest_in_its_tip(
    film: MainWindow, qtbot
) -> None:
    film.resize(1024, 640)
    film.reader.setFocus()
    qtbot.keyClick(film.reader, Qt.Key.Key_F, CTRL_SHIFT)
    edit = panel_of(film).edit
    qtbot.waitUntil(edit.hasFocus)
    QApplication.processEvents()
    assert edit.width() >= search_panel.placeholder_width(edit)
    assert edit.placeholderText() == "Search…"
    assert "research notes" in edit.toolTip() and edit.toolTip() == edit.accessibleDescription()


def test_ctrl_shift_f_opens_the_dock_with_the_selection(film: MainWindow, qtbot) -> None:
    start = TEXT.index("dawn")
    cursor = film.reader.textCursor()
    cursor.setPosition(film.reader.reading.to_qt(start))
    cursor.setPosition(film.reader.reading.to_qt(start + 4), cursor.MoveMode.KeepAnchor)
    film.reader.setTextCursor(cursor)
    film.reader.setFocus()
    qtbot.keyClick(film.reader, Qt.Key.Key_F, CTRL_SHIFT)
    panel = panel_of(film)
    assert film.search_dock.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.edit)
    assert panel.edit.text() == "dawn"
    assert groups(panel) == ["In the interview (1)", "Highlight quotes (1)"]


# --- results ------------------------------------------------------------------------------


def test_results_are_grouped_by_kind_with_counts(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "lantern")
    assert groups(panel) == [
        "In the interview (1)",
        "Highlight quotes (1)",
        "Notes on highlights (1)",
        "Codes (1)",
        "Research notes (1)",
    ]
    assert panel.tree.hasFocus()  # Enter in the field went into the results
    assert panel.tree.currentItem() is panel.first_result()
    research = item_of(panel, "research").data(0, search_panel.RESULT_ROLE)
    assert (research.label, research.line) == ("Line 3", 3)
    assert item_of(panel, "tags").text(0).startswith("#lantern-light")


def test_a_result_in_the_interview_says_who_speaks_there_by_their_new_name(
    film: MainWindow, qtbot
) -> None:
    """A result in the transcript names its speaker, as renamed (Rename Speaker), beside
    its place, in a row of two lines at most, its snippet not repeating the transcript's
    label ("A: "); one in a quote or a note names nobody."""
    film.interview.controller.rename_speaker("A", "Ana")
    panel = search(film, qtbot, "dawn")
    document, quote = item_of(panel, "document"), item_of(panel, "quotes")
    assert (
        document.toolTip(0)
        == "Q1 · Ana: It starts at dawn. We shot 🎬🎬 twice, then the lantern scene."
    )
    assert document.text(0).startswith("Q1 · Ana  It starts")
    assert quote.toolTip(0) == "Q1: It starts at dawn"
    line = panel.tree.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: panel.tree.visualItemRect(document).height() > 0)
    height = panel.tree.visualItemRect(document).height()
    assert height <= result_delegate.MAX_LINES * line + 2 * result_delegate.PAD


def test_the_rows_measured_are_of_the_last_search_only(film: MainWindow, qtbot) -> None:
    """Search after search, the measures of results no longer shown are let go."""
    panel = search(film, qtbot, "lantern")
    qtbot.waitUntil(lambda: bool(panel.rows._rows))
    before = set(panel.rows._rows)
    panel.edit.selectAll()
    qtbot.keyClicks(panel.edit, "dawn")
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(panel.rows._rows))
    assert not before & set(panel.rows._rows)


def test_enter_on_a_group_folds_it_in_sight_with_no_gap(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "lantern")
    tree = panel.tree
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # from the first result to the next group
    group = tree.currentItem()
    assert group.text(0) == "Highlight quotes (1)" and group.isExpanded()
    for expanded in (False, True):
        qtbot.keyClick(tree, Qt.Key.Key_Return)
        assert group.isExpanded() is expanded and tree.currentItem() is group
        assert tree.viewport().rect().contains(tree.visualItemRect(group))
        rows, item = [], tree.topLevelItem(0)
        while item is not None:
            rows.append(tree.visualItemRect(item))
            item = tree.itemBelow(item)
        assert all(a.bottom() + 1 == b.top() for a, b in pairwise(rows))  # no gap
        line = tree.fontMetrics().lineSpacing()
        assert all(r.height() <= 3 * line + 2 * result_delegate.PAD for r in rows)
        assert min(r.height() for r in rows) < 2 * line  # short results: one line


def test_no_results_and_bad_regex(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "zebra")
    assert groups(panel) == []
    assert panel.status.text() == "No results"
    panel.regex_button.click()
    panel.edit.setText("lantern(")
    panel.search()
    assert panel.status.text().startswith("Invalid regular expression: Missing )")
    assert panel.status.isVisible()


def test_down_from_the_field_enters_the_results_and_up_comes_back(film: MainWindow, qtbot) -> None:
    film.window_actions.search_everything.trigger()
    panel = panel_of(film)
    qtbot.keyClicks(panel.edit, "starts")
    qtbot.keyClick(panel.edit, Qt.Key.Key_Down)  # runs the pending search at once
    assert panel.tree.hasFocus()
    assert panel.tree.currentItem() is panel.first_result()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up)
    assert panel.edit.hasFocus()


def test_document_result_goes_there_and_selects_it(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "starts")
    result = activate(panel, qtbot, item_of(panel, "document", 1))
    start = TEXT.index("starts at dawn")
    assert (result.start, result.end) == (start, start + 6)
    assert film.reader.selected_range() == (start, start + 6)
    assert film.reader.textCursor().selectedText() == "starts"
    assert QApplication.focusWidget() is film.reader
    qtbot.keyClick(film.reader, Qt.Key.Key_H)  # the selection is a real one
    assert any(h.exact == "starts" for h in film.interview.session.notes.highlights)


def test_highlight_results_go_to_the_highlight(film: MainWindow, qtbot) -> None:
    session = film.interview.session
    panel = search(film, qtbot, "lantern")
    for kind, quote in (
        ("notes", "improvised on the day"),
        ("tags", "It starts at dawn"),
        ("quotes", "the lantern scene"),
    ):
        result = activate(panel, qtbot, item_of(panel, kind))
        highlight = session.highlight(result.highlight_id)
        assert highlight.exact == quote
        assert film.reader.current_highlight_id == highlight.id, kind
        assert film.reader.cursor_offset() == highlight.start
        assert QApplication.focusWidget() is film.reader
        panel.tree.setFocus()


def test_double_click_activates(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "lantern")
    item = item_of(panel, "notes")
    rect = panel.tree.visualItemRect(item)
    # QTest's double click sends no first press, which item views need: click first.
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    highlight = film.interview.session.highlight(
        item.data(0, search_panel.RESULT_ROLE).highlight_id
    )
    assert film.reader.current_highlight_id == highlight.id


def test_research_result_selects_it_in_the_notes_after_emoji(film: MainWindow, qtbot) -> None:
    film.window_actions.toggle_preview.setChecked(True)  # the notes are shown rendered
    assert film.notes_pane.previewing()
    panel = search(film, qtbot, "lantern")
    activate(panel, qtbot, item_of(panel, "research"))
    assert not film.notes_pane.previewing()
    assert not film.window_actions.toggle_preview.isChecked()
    assert QApplication.focusWidget() is film.notes_editor
    cursor = film.notes_editor.textCursor()
    assert cursor.selectedText() == "lantern"  # after two emoji: two UTF-16 units each
    start = NOTES.index("lantern")
    assert cursor.selectionStart() == start + 2


def test_results_follow_edits_of_the_notes(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "lantern")
    film.notes_editor.setFocus()
    film.notes_editor.moveCursor(film.notes_editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(film.notes_editor, "lantern")
    qtbot.waitUntil(lambda: "Research notes (2)" in groups(panel), timeout=10_000)


def test_results_follow_a_new_highlight(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "dawn")
    assert "Highlight quotes (1)" in groups(panel)
    highlight(film, "at dawn")
    qtbot.waitUntil(lambda: "Highlight quotes (2)" in groups(panel), timeout=10_000)


def test_results_of_another_document_search_again(film: MainWindow, qtbot, tmp_path: Path) -> None:
    panel = search(film, qtbot, "lantern")
    item = item_of(panel, "document")
    other = tmp_path / "other.txt"
    other.write_text("Q: A lantern?\nA: No lantern here.\n", "utf-8")
    film.open_document(other, tmp_path / "other.json")
    panel.go_to(item.data(0, search_panel.RESULT_ROLE))  # before the refresh
    assert groups(panel)[0] == "In the interview (2)"
    assert film.reader.selected_range() is None  # nothing was selected from old offsets


def test_opening_another_document_refreshes_the_results(
    film: MainWindow, qtbot, tmp_path: Path
) -> None:
    panel = search(film, qtbot, "lantern")
    other = tmp_path / "other.txt"
    other.write_text("Q: A lantern?\nA: No lantern here, no lanterns.\n", "utf-8")
    film.open_document(other, tmp_path / "other.json")
    qtbot.waitUntil(lambda: groups(panel) == ["In the interview (3)"], timeout=10_000)


def test_escape_goes_back_to_the_reader(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "lantern")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is film.reader
    assert film.search_dock.isVisible()


def test_a_research_result_made_stale_by_an_edit_searches_again(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "lantern")
    result = item_of(panel, "research").data(0, search_panel.RESULT_ROLE)
    film.notes_editor.setPlainText("lantern first\n" + NOTES)
    panel.go_to(result)  # before the refresh timer
    assert "Research notes (2)" in groups(panel)
    assert not film.notes_editor.textCursor().hasSelection()


def test_back_from_a_result_to_the_same_result(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "SCENE")  # found as "Scene" and "scene"
    second = item_of(panel, "document", 1)
    activate(panel, qtbot, second)
    assert film.reader.textCursor().selectedText() == "scene"
    qtbot.keyClick(film.reader, Qt.Key.Key_F, CTRL_SHIFT)  # back: the same search
    qtbot.waitUntil(lambda: panel.edit.hasFocus())
    assert panel.edit.text() == "SCENE"
    qtbot.keyClick(panel.edit, Qt.Key.Key_Return)
    assert panel.tree.currentItem() is second


def test_with_match_case_a_selection_in_another_case_is_a_new_query(
    film: MainWindow, qtbot
) -> None:
    panel = search(film, qtbot, "Scene")
    panel.case_button.click()  # Match case: "Scene" only
    start = TEXT.index("lantern scene") + len("lantern ")
    film.reader.select_span(start, start + 5)  # "scene"
    qtbot.keyClick(film.reader, Qt.Key.Key_F, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel.edit.hasFocus())
    assert panel.edit.text() == "scene"


def test_a_panel_shown_with_a_query_searches_once_it_has_painted(
    film: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Search dock restored open at start, with the last query in its field, searched
    the whole study before the window's first paint."""
    panel = panel_of(film)
    film.search_dock.show()
    film.search_dock.raise_()
    qtbot.waitUntil(panel.isVisible)
    panel.edit.setText("lantern")
    panel.search()
    film.search_dock.hide()
    searched: list[str] = []
    monkeypatch.setattr(panel, "search", lambda: searched.append(panel.edit.text()))
    panel.stale = True
    film.search_dock.show()  # as the window's show() shows a dock restored open
    assert panel.isVisible() and searched == []
    qtbot.waitUntil(lambda: searched == ["lantern"])


def test_diacritics_are_ignored_unless_match_diacritics_is_on(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "cafe")
    (result,) = panel.result_items()
    found = result.data(0, search_panel.RESULT_ROLE)
    assert TEXT[found.start : found.end] == "café"
    assert found.snippet[found.snippet_start : found.snippet_end] == "café"
    assert not panel.diacritics_button.isChecked()
    assert panel.diacritics_button.accessibleName() == "Match diacritics"
    panel.diacritics_button.click()
    assert panel.result_items() == []
    assert settings().value(option_key("search", "diacritics"), type=bool) is True
    panel.edit.setText("CAFÉ")
    panel.search()
    assert len(panel.result_items()) == 1
    panel.regex_button.click()  # a regular expression matches diacritics as written
    assert not panel.diacritics_button.isEnabled()


def test_the_options_clicked_are_kept_after_a_restart(make_window, doc: Path, qtbot) -> None:
    """Each of the four, clicked, is in a new window's panel as left, and searches so."""
    window = make_window(doc)
    activate_window(window, qtbot)
    panel = search(window, qtbot, "scene")
    assert len(item_of_kind(panel, "document")) == 3  # Scene, scene, scene
    for button in (panel.case_button, panel.word_button, panel.diacritics_button):
        button.click()
    assert len(item_of_kind(panel, "document")) == 2  # "Scene" no longer
    window.close()
    again = make_window(doc)
    activate_window(again, qtbot)
    panel = search(again, qtbot, "")  # the last query, searched again once shown
    expected = {"case": True, "whole_word": True, "regex": False, "diacritics": True}
    assert panel.options() == expected
    qtbot.waitUntil(lambda: len(item_of_kind(panel, "document")) == 2)
    panel.regex_button.click()
    assert panel.options()["regex"] and not panel.diacritics_button.isEnabled()
    assert settings().value(option_key("search", "regex"), type=bool) is True
    assert settings().value(option_key("search", "whole_word"), type=bool) is True


def item_of_kind(panel: SearchPanel, kind: str) -> list[QTreeWidgetItem]:
    return [i for i in panel.result_items() if i.data(0, result_delegate.KIND_ROLE) == kind]


def test_a_selection_differing_only_in_accents_keeps_the_results(film: MainWindow, qtbot) -> None:
    panel = search(film, qtbot, "cafe")
    start = TEXT.index("café")
    film.reader.select_span(start, start + 4)
    qtbot.keyClick(film.reader, Qt.Key.Key_F, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel.edit.hasFocus())
    assert panel.edit.text() == "cafe"  # as left: the way back finds the results as they were
