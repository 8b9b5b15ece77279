"""Find and Replace in the notes (Ctrl+H), as a writer uses it: the keys, the undo, the
file on disk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reader.ui.typed_text import typed_text
from reader.ui.window.main_window import MainWindow
from tests.ui.test_notes import saved

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_ALT = CTRL | Qt.KeyboardModifier.AltModifier
TEXT = "Nurse 🙂 said: nurse shifts. Nurses, nurse rota.\n"


def replace_bar(window: MainWindow, notes, qtbot, find: str, by: str, text: str = TEXT):
    notes.setPlainText(text)
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    QTest.keyClick(notes, Qt.Key.Key_H, CTRL)
    bar = window.find_bar
    qtbot.waitUntil(lambda: bar.replace_row.isVisible() and bar.edit.hasFocus())
    QTest.keyClicks(bar.edit, find)
    QTest.keyClick(bar.edit, Qt.Key.Key_H, CTRL)  # again, a query typed: to the replacement
    assert bar.replace_row.edit.hasFocus()
    QTest.keyClicks(bar.replace_row.edit, by)
    return bar


def test_replace_all_is_one_undo_step_and_saved(window, notes, qtbot, notes_path) -> None:
    bar = replace_bar(window, notes, qtbot, "nurse", "carer")
    bar.word_button.setChecked(True)  # "Nurses" stays
    bar.search()
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Return, CTRL_ALT)
    expected = "carer 🙂 said: carer shifts. Nurses, carer rota.\n"
    assert typed_text(notes.document()) == expected
    assert bar.replace_row.said.text() == "Replaced 3"
    qtbot.waitUntil(lambda: notes_path.exists() and saved(notes_path)["notes"] == expected)
    notes.setFocus()
    QTest.keyClick(notes, Qt.Key.Key_Z, CTRL)
    assert typed_text(notes.document()) == TEXT  # one Ctrl+Z: every change back


def test_enter_replaces_the_current_match_and_selects_the_next(window, notes, qtbot) -> None:
    bar = replace_bar(window, notes, qtbot, "nurse", "Carer")
    bar.case_button.setChecked(True)
    bar.search()
    first = TEXT.index("nurse")
    assert bar.target.selected_range() == (first, first + 5)  # the current match, shown
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Return)
    assert typed_text(notes.document()) == TEXT.replace("nurse", "Carer", 1)
    second = TEXT.index("nurse", first + 1)
    assert bar.target.selected_range() == (second, second + 5)
    assert bar.count_label.text() == "1 of 1"  # "Nurses" has a capital
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.Start)  # the user moved the caret
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Return)  # shows the match first
    assert typed_text(notes.document()) == TEXT.replace("nurse", "Carer", 1)
    assert bar.target.selected_range() == (second, second + 5)


def test_replace_is_not_offered_in_the_reader_or_read_only_notes(window, notes, qtbot) -> None:
    replace = window.window_actions.replace
    assert replace.isEnabled()
    window.reader.setFocus()
    qtbot.waitUntil(lambda: not replace.isEnabled())
    QTest.keyClick(window.reader, Qt.Key.Key_H, CTRL)
    assert window._find_bar is None or not window.find_bar.replace_row.isVisible()
    notes.setFocus()
    qtbot.waitUntil(replace.isEnabled)
    notes.setReadOnly(True)
    assert not replace.isEnabled()


def test_ctrl_h_in_the_find_field_adds_the_replace_row(window, notes, qtbot) -> None:
    notes.setPlainText(TEXT)
    QTest.keyClick(notes, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    qtbot.waitUntil(bar.edit.hasFocus)
    QTest.keyClicks(bar.edit, "rota")
    assert not bar.replace_row.isVisible()
    QTest.keyClick(bar.edit, Qt.Key.Key_H, CTRL)
    assert bar.replace_row.isVisible() and bar.replace_row.edit.hasFocus()
    assert bar.edit.text() == "rota"  # not taken for Backspace
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_a_regular_expression_replaces_with_its_groups(window, notes, qtbot) -> None:
    bar = replace_bar(window, notes, qtbot, r"(\w+) (rota|shifts)", r"\2 of \1")
    bar.regex_button.setChecked(True)
    bar.search()
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Return, CTRL_ALT)
    assert (
        typed_text(notes.document()) == "Nurse 🙂 said: shifts of nurse. Nurses, rota of nurse.\n"
    )
    bar.replace_row.edit.setText(r"\3")  # no third group: said, nothing changed
    bar.edit.setText("Nurses")
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Return, CTRL_ALT)
    assert "Nurses" in typed_text(notes.document())
    assert "invalid group reference" in bar.replace_row.said.text()


def test_replace_all_keeps_the_no_break_spaces_it_does_not_match(window, notes, qtbot) -> None:
    """Those between the first match and the last were made spaces, and saved so."""
    text = "Elle a dit\u00a0: «\u00a0jamais\u00a0». Puis 10\u00a0km plus loin, jamais.\n"
    bar = replace_bar(window, notes, qtbot, "jamais", "never", text)
    bar.search()
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Return, CTRL_ALT)
    assert typed_text(notes.document()) == text.replace("jamais", "never")


def test_find_and_replace_leave_the_hidden_link_of_a_quote_alone(window, notes, qtbot) -> None:
    """A quote's chip shows "↩ Q1" and hides its link back: "-" found six times where one
    showed, and replaced there, no quote led back to its passage."""
    quote = "> It starts at dawn. [↩\u00a0Q1](#h-5755c4e3-5c2f-4c2f-9c2f-5755c4e35c2f)"
    text = f"Self-report notes\n\n{quote}\n"
    bar = replace_bar(window, notes, qtbot, "-", "", text)
    bar.replace_row.edit.setText("–")  # QTest types ASCII alone
    bar.search()
    assert bar.matches == [(4, 5)]
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Return, CTRL_ALT)
    assert typed_text(notes.document()) == text.replace("Self-report", "Self–report")
    assert bar.replace_row.said.text() == "Replaced 1"


def test_replace_leaves_a_quotes_link_whole_whatever_it_puts_in_its_chip(
    window, notes, qtbot
) -> None:
    """The chip's "[" is hidden too, and words replaced in its label ("Q1") are made fit
    for a link's text: "[" found and replaced, or "Q" replaced by "[", left "X↩ Q1](#h-…)"
    or "[↩ [1](#h-…)", a raw link that led nowhere (found by a random session)."""
    link = "(#h-5755c4e3-5c2f-4c2f-9c2f-5755c4e35c2f)"
    text = f"[Aside] Q: asked\n\n> It starts at dawn. [↩\u00a0Q1]{link}\n"
    bar = replace_bar(window, notes, qtbot, "[", "(", text)
    bar.search()
    assert bar.matches == [(0, 1)]  # the chip's own is not found
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Return, CTRL_ALT)
    text = text.replace("[Aside", "(Aside")
    assert typed_text(notes.document()) == text
    bar.edit.setText("Q")
    bar.replace_row.edit.setText("[")
    bar.search()
    QTest.keyClick(bar.replace_row.edit, Qt.Key.Key_Return, CTRL_ALT)
    assert typed_text(notes.document()) == text.replace("Q:", "[:").replace("\u00a0Q1", "\u00a0(1")


def test_ctrl_h_with_a_query_left_from_before_goes_to_the_find_field(window, notes, qtbot) -> None:
    """A search of the interview left "ward": Ctrl+H in the notes put the focus in Replace
    with, and the word typed to find replaced "ward" everywhere."""
    bar = window.find_bar
    notes.setPlainText("the ward at night; ward rounds\n")
    window.reader.setFocus()
    QTest.keyClick(window.reader, Qt.Key.Key_F, CTRL)
    QTest.keyClicks(bar.edit, "ward")
    QTest.keyClick(bar.edit, Qt.Key.Key_Escape)
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    QTest.keyClick(notes, Qt.Key.Key_H, CTRL)
    qtbot.waitUntil(bar.edit.hasFocus)
    assert bar.edit.selectedText() == "ward"  # typing takes its place
    QTest.keyClick(bar.edit, Qt.Key.Key_H, CTRL)  # again: to the replacement
    assert bar.replace_row.edit.hasFocus()
