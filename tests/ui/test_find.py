"""Find in the interview (Ctrl+F) as a user does it: type, step through matches, highlight."""

from __future__ import annotations

from operator import sub
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.palettes import PALETTES, highlight_background, match_tint, mix, parse_hex, to_hex
from reader.ui.find import find_bar
from reader.ui.find.find_bar import FindBar
from reader.ui.find.find_options import option_key
from reader.ui.settings import settings
from reader.ui.window.main_window import MainWindow
from tests.ui.test_main_window import menu_action

TEXT = (
    "An interview about film.\n"
    "Q: Scene 🎬 starts where? The café scene, with 映画 and עברית text?\n"
    "A: It starts at dawn. We shot 🎬🎬 twice, then the film starts again.\n"
    "Q: And the ending?\n"
    "A: The ending was improvised, like the Film itself.\n"
)
DIACRITICS_KEY = option_key("find", "diacritics")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "film.txt"
    path.write_text(TEXT, "utf-8")
    return path


@pytest.fixture
def film(make_window, doc: Path, qtbot) -> MainWindow:
    window = make_window(doc)
    activate(window, qtbot)
    return window


def activate(window: MainWindow, qtbot) -> None:
    """Shortcuts go to the active window only; a long document can delay the activation."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def bar_of(window: MainWindow) -> FindBar:
    return window.find_bar


def spans(word: str) -> list[tuple[int, int]]:
    lowered, start, found = TEXT.lower(), 0, []
    while (start := lowered.find(word.lower(), start)) != -1:
        found.append((start, start + len(word)))
        start += len(word)
    return found


def open_and_type(window: MainWindow, qtbot, query: str) -> FindBar:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL)
    bar = bar_of(window)
    qtbot.waitUntil(lambda: bar.edit.hasFocus())
    if query.isascii():
        qtbot.keyClicks(bar.edit, query)
    else:  # QTest types UTF-16 units one by one, which breaks up an emoji
        bar.edit.insert(query)
    qtbot.waitUntil(lambda: bar._searched == (query, *bar.options().values()))
    return bar


def selected(window: MainWindow) -> tuple[int, int] | None:
    return window.reader.selected_range()


# --- opening ------------------------------------------------------------------------------


def test_the_bar_sits_under_the_reader_and_its_actions_are_in_the_edit_menu(
    film: MainWindow,
) -> None:
    column = film.splitter.widget(0)
    assert column.objectName() == "reader-column"
    assert column.isAncestorOf(film.reader) and column.isAncestorOf(bar_of(film))
    assert film.splitter.widget(1) is film.notes_pane
    assert film.reader.isVisible()
    assert not bar_of(film).isVisible()
    find = menu_action(film.menuBar(), "Edit", "Find…")
    assert find.shortcut().toString() == "Ctrl+F"
    assert menu_action(film.menuBar(), "Edit", "Find Next").shortcut().toString() == "F3"
    assert [a.text() for a in film.findChildren(type(find))].count("&Find…") == 1


def test_menus_and_actions_exist_before_any_document(qtbot, dialogs) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    texts = [a.text().replace("&", "") for a in menu_of(window, "Edit").actions()]
    assert texts.index("Find…") > texts.index("Redo")  # after the menu's own actions
    assert "Search Everything…" in texts
    assert window.window_actions.find.shortcut().toString() == "Ctrl+F"


def menu_of(window: MainWindow, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def test_ctrl_f_opens_the_bar_and_focuses_its_field(film: MainWindow, qtbot) -> None:
    film.notes_editor.setFocus()
    qtbot.keyClick(film.notes_editor, Qt.Key.Key_F, CTRL)
    bar = bar_of(film)
    assert bar.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.edit)


def test_the_selection_becomes_the_query(film: MainWindow, qtbot) -> None:
    start = TEXT.index("dawn")
    cursor = film.reader.textCursor()
    cursor.setPosition(film.reader.reading.to_qt(start))
    cursor.setPosition(film.reader.reading.to_qt(start + 4), cursor.MoveMode.KeepAnchor)
    film.reader.setTextCursor(cursor)
    film.reader.setFocus()
    qtbot.keyClick(film.reader, Qt.Key.Key_F, CTRL)
    bar = bar_of(film)
    assert bar.edit.text() == "dawn"
    assert bar.edit.selectedText() == "dawn"  # typing replaces it
    assert bar.count_label.text() == "1 of 1"


# --- searching ----------------------------------------------------------------------------


def test_typing_marks_every_match_and_counts(film: MainWindow, qtbot) -> None:
    bar = open_and_type(film, qtbot, "film")
    assert bar.count_label.text() == "1 of 3"
    assert bar.matches == spans("film")
    assert bar.in_reader.overlay.isVisible()
    assert list(bar.in_reader.overlay.visible_matches()) == [0, 1, 2]
    assert selected(film) == spans("film")[0]
    assert film.reader.textCursor().selectedText() == "film"


def test_matches_are_painted_and_cleared_on_close(film: MainWindow, qtbot) -> None:
    start, end = spans("film")[1]
    (rect,) = film.reader.highlights.rects(start, end)
    point = (int(rect.left()) + 1, int(rect.center().y()))

    def pixel():
        return film.reader.viewport().grab().toImage().pixelColor(*point)

    before = pixel()
    bar = open_and_type(film, qtbot, "film")
    marked = pixel()
    assert marked != before
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.in_reader.overlay.isVisible()
    assert pixel() == before


def test_a_match_on_a_highlight_tints_the_highlight_under_the_text_in_every_theme(
    film: MainWindow, qtbot
) -> None:
    """The text keeps its colour on a match (painted over the text, the tint took Dark's
    question and secondary text on a highlight to 3.2:1); under it, the highlight shows
    the tint that keeps every text readable (core/palettes.match_tint)."""
    start, end = spans("film")[1]
    film.interview.controller.add_highlight(start, end, "blue")
    open_and_type(film, qtbot, "film")  # the current match is the first, selected
    for name in PALETTES:
        film.appearance.set_theme(name)
        palette, tint = PALETTES[name], match_tint(PALETTES[name])
        colors = colors_in(film, (start, end))
        under = parse_hex(highlight_background(palette, "blue"))
        tinted = mix(under, parse_hex(tint.color), tint.amount)
        near = [c for c in colors if max(map(abs, map(sub, parse_hex(c), tinted))) <= 1]
        assert near, (name, to_hex(tinted))  # Qt's alpha is in 255ths
        assert palette.text in colors, name  # untinted


def test_the_current_match_is_the_amber_itself_with_its_text_in_ink_in_every_theme(
    film: MainWindow, qtbot
) -> None:
    """In Dark the current match was the others' amber a shade deeper, under light text:
    told apart by its thicker outline alone. It is filled with the amber itself now, its
    words drawn again over it in a dark ink that reads on it."""
    open_and_type(film, qtbot, "film")  # the current match is the first
    current, other = spans("film")[:2]
    for name in PALETTES:
        film.appearance.set_theme(name)
        palette, tint = PALETTES[name], match_tint(PALETTES[name])
        shown = colors_in(film, current)
        assert {tint.current, tint.current_text} <= shown, name
        assert palette.text == tint.current_text or palette.text not in shown, name
        assert tint.current not in colors_in(film, other), name


def colors_in(window: MainWindow, span: tuple[int, int]) -> set[str]:
    """The colours the reader shows inside [start, end) (on one line), edges left out."""
    image = window.reader.viewport().grab().toImage()
    (rect,) = window.reader.highlights.rects(*span)
    inside = rect.toRect().adjusted(2, 3, -2, -3)
    return {
        image.pixelColor(x, y).name()
        for x in range(inside.left(), inside.right())
        for y in range(inside.top(), inside.bottom())
    }


def test_short_queries_wait_for_a_pause(film: MainWindow, qtbot) -> None:
    film.reader.setFocus()
    qtbot.keyClick(film.reader, Qt.Key.Key_F, CTRL)
    bar = bar_of(film)
    qtbot.keyClicks(bar.edit, "fi")
    assert bar.count_label.text() == ""  # not yet: one or two letters match everywhere
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 3")
    qtbot.keyClicks(bar.edit, "l")
    assert bar.count_label.text() == "1 of 3"  # three letters: at once


def test_search_starts_at_the_caret(film: MainWindow, qtbot) -> None:
    cursor = film.reader.textCursor()
    cursor.setPosition(film.reader.reading.to_qt(TEXT.index("dawn")))
    film.reader.setTextCursor(cursor)
    bar = open_and_type(film, qtbot, "film")
    assert bar.count_label.text() == "2 of 3"


def test_enter_f3_and_shift_move_and_wrap(film: MainWindow, qtbot) -> None:
    bar = open_and_type(film, qtbot, "film")
    found = spans("film")
    steps = [
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 1),
        (Qt.Key.Key_F3, Qt.KeyboardModifier.NoModifier, 2),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.NoModifier, 0),  # round to the first
        (Qt.Key.Key_F3, SHIFT, 2),  # and back to the last
        (Qt.Key.Key_Return, SHIFT, 1),
    ]
    for key, modifiers, expected in steps:
        qtbot.keyClick(bar.edit, key, modifiers)
        assert bar.count_label.text() == f"{expected + 1} of 3"
        assert selected(film) == found[expected]
        assert bar.edit.hasFocus()


def test_buttons_move_too(film: MainWindow, qtbot) -> None:
    bar = open_and_type(film, qtbot, "starts")
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.count_label.text() == "2 of 3"
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    assert bar.count_label.text() == "3 of 3"


def test_f3_in_the_reader_after_closing_goes_on(film: MainWindow, qtbot) -> None:
    bar = open_and_type(film, qtbot, "starts")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(film.reader, Qt.Key.Key_F3)
    assert bar.isVisible()
    assert film.reader.hasFocus()  # the focus stays in the reader: H works at once
    assert selected(film) == spans("starts")[1]


def test_match_case_whole_word_and_regex_with_alt_keys(film: MainWindow, qtbot) -> None:
    bar = open_and_type(film, qtbot, "Film")
    assert bar.count_label.text() == "1 of 3"
    # A button's shortcut clicks it as a mouse would, after a short animation.
    qtbot.keyClick(bar.edit, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(bar.case_button.isChecked)
    assert bar.count_label.text() == "1 of 1"
    assert film.reader.textCursor().selectedText() == "Film"
    qtbot.keyClick(bar.edit, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: not bar.case_button.isChecked())
    bar.edit.setText("start")
    assert bar.count_label.text() == "1 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(bar.word_button.isChecked)
    assert bar.count_label.text() == "No matches"
    bar.edit.setText(r"st\w+s")
    assert bar.count_label.text() == "No matches"
    qtbot.keyClick(bar.edit, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(bar.regex_button.isChecked)
    assert bar.count_label.text() == "1 of 3"
    assert bar.edit.hasFocus()
    assert [TEXT[a:b] for a, b in bar.matches] == ["starts", "starts", "starts"]


NAMES = "🎬 Interview 👩🏽‍🔬 with Siobhán.\nQ: Did Zoë Ñuñez meet SIOBHÁN?\nA: Siobhan did.\n"


def names_window(make_window, tmp_path: Path, qtbot):
    """A window on NAMES, active (the find bar's keys reach it)."""
    path = tmp_path / "names.txt"
    path.write_text(NAMES, "utf-8")
    window = make_window(path)
    activate(window, qtbot)
    return window


def test_a_name_is_found_without_its_accents(make_window, tmp_path: Path, qtbot) -> None:
    window = names_window(make_window, tmp_path, qtbot)
    bar = open_and_type(window, qtbot, "siobhan")
    assert bar.count_label.text() == "1 of 3"
    assert not bar.diacritics_button.isChecked()  # accents are ignored unless asked
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert window.reader.textCursor().selectedText() == "SIOBHÁN"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, SHIFT)
    start = NAMES.index("Siobhán")
    assert selected(window) == (start, start + 7)  # code points, after the emoji
    assert window.reader.textCursor().selectedText() == "Siobhán"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (highlight,) = window.interview.session.notes.highlights
    assert highlight.exact == "Siobhán"


def test_a_word_with_a_zero_width_space_is_found_as_it_reads(
    make_window, tmp_path: Path, qtbot
) -> None:
    """A transcript pasted from a web page: "Maplewood" showed, with a zero-width space
    inside, and Ctrl+F with "maplewood" typed found nothing."""
    path = tmp_path / "pasted.txt"
    path.write_text("Q: Where did you grow up?\nA: In Maple\u200bwood, near the lake.\n", "utf-8")
    window = make_window(path)
    activate(window, qtbot)
    bar = open_and_type(window, qtbot, "maplewood")
    assert bar.count_label.text() == "1 of 1"
    assert window.reader.textCursor().selectedText() == "Maple\u200bwood"


def test_match_diacritics_with_alt_d_is_remembered(make_window, tmp_path: Path, qtbot) -> None:
    window = names_window(make_window, tmp_path, qtbot)
    bar = open_and_type(window, qtbot, "zoe nunez")
    assert window.reader.textCursor().selectedText() == "Zoë Ñuñez"
    assert bar.diacritics_button.accessibleName() == "Match diacritics"
    assert "Alt+D" in bar.diacritics_button.toolTip()
    qtbot.keyClick(bar.edit, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(bar.diacritics_button.isChecked)
    assert bar.count_label.text() == "No matches"
    bar.edit.setText("siobhán")
    # Siobhán and SIOBHÁN (case still does not count); the one after Zoë is current.
    assert bar.count_label.text() == "2 of 2"
    assert settings().value(DIACRITICS_KEY, type=bool) is True
    again = make_window(tmp_path / "names.txt")
    assert again.find_bar.diacritics_button.isChecked()
    # A regular expression matches diacritics as written: the toggle is greyed out.
    bar.regex_button.click()
    assert not bar.diacritics_button.isEnabled()
    assert "regular expression" in bar.diacritics_button.toolTip()
    bar.regex_button.click()
    assert bar.diacritics_button.isEnabled()
    qtbot.keyClick(bar.edit, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: not bar.diacritics_button.isChecked())
    assert settings().value(DIACRITICS_KEY, type=bool) is False


def test_every_option_set_with_its_key_is_kept_after_a_restart(
    make_window, doc: Path, qtbot
) -> None:
    """Match case (Alt+A), Whole word (Alt+W) and Regular expression (Alt+R) are kept as
    Match diacritics is: a new window's find bar has them as the user left them."""
    first = make_window(doc)
    activate(first, qtbot)
    bar = open_and_type(first, qtbot, "film")
    assert bar.count_label.text().endswith("of 3")  # film, film, Film
    for key in (Qt.Key.Key_A, Qt.Key.Key_W, Qt.Key.Key_R):
        qtbot.keyClick(bar.edit, key, ALT)
    qtbot.waitUntil(bar.regex_button.isChecked)
    assert bar.case_button.isChecked() and bar.word_button.isChecked()
    assert bar.count_label.text().endswith("of 2")  # "Film" no longer
    first.close()
    again = make_window(doc)
    activate(again, qtbot)
    bar = again.find_bar
    assert bar.options() == {"case": True, "whole_word": True, "regex": True, "diacritics": False}
    assert not bar.diacritics_button.isEnabled()  # greyed out beside the regex, as left
    bar = open_and_type(again, qtbot, "film")
    assert bar.count_label.text().endswith("of 2")
    qtbot.keyClick(bar.edit, Qt.Key.Key_A, ALT)  # turned off: kept off
    qtbot.waitUntil(lambda: not bar.case_button.isChecked())
    assert settings().value(option_key("find", "case"), type=bool) is False
    assert settings().value(option_key("find", "regex"), type=bool) is True


def test_a_bad_regex_says_what_is_wrong(film: MainWindow, qtbot) -> None:
    bar = open_and_type(film, qtbot, "film")
    bar.regex_button.click()
    bar.edit.setText("(film")
    assert bar.count_label.text() == "Missing ), unterminated subpattern"
    assert bar.count_label.toolTip().startswith("Invalid regular expression: ")
    assert bar.count_label.palette().color(bar.count_label.foregroundRole()) == (
        find_bar.warning_color()
    )
    assert bar.matches == []
    assert not bar.in_reader.overlay.isVisible()
    bar.edit.setText("(film)")
    assert bar.count_label.text() == "1 of 3"
    assert bar.count_label.palette().color(bar.count_label.foregroundRole()) != (
        find_bar.warning_color()
    )


def test_in_a_narrow_window_the_field_keeps_its_room_and_an_error_goes_under_it(
    film: MainWindow, qtbot
) -> None:
    """At 900 px the field was squeezed to 120 px and the error cut to "Look-behind r…"."""
    film.resize(900, 640)
    bar = open_and_type(film, qtbot, "film")
    bar.regex_button.click()
    bar.edit.setText("(?<=a+)b")
    qtbot.waitUntil(lambda: bar.message.isVisible())
    assert bar.message.text() == bar.error  # whole, on its own line under the field
    assert bar.error.endswith("Look-behind requires fixed-width pattern")
    assert not bar.count_label.isVisible()
    assert bar.edit.width() >= bar.edit.minimumWidth() >= 12 * bar.fontMetrics().averageCharWidth()
    bar.edit.setText("fi(l)m")  # a count again: beside the field, the line under it gone
    qtbot.waitUntil(lambda: bar.count_label.isVisible() and not bar.count_label.is_elided())
    assert not bar.message.isVisible()
    film.resize(1600, 800)  # room beside the field: the error is told there
    bar.edit.setText("(?<=a+)b")
    qtbot.waitUntil(lambda: bar.count_label.isVisible() and not bar.count_label.is_elided())
    assert not bar.message.isVisible()


def test_no_matches(film: MainWindow, qtbot) -> None:
    bar = open_and_type(film, qtbot, "zebra")
    assert bar.count_label.text() == "No matches"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # nothing to go to, nothing breaks
    assert bar.count_label.text() == "No matches"


def test_no_matches_or_a_bad_regex_leave_no_match_selected(film: MainWindow, qtbot) -> None:
    """The last match stayed selected: Escape then H highlighted words not in the field."""
    bar = open_and_type(film, qtbot, "film")
    start, end = spans("film")[0]
    assert selected(film) == (start, end)
    qtbot.keyClicks(bar.edit, "z")
    assert bar.count_label.text() == "No matches"
    assert selected(film) is None
    assert film.reader.cursor_offset() == end  # the caret stays
    qtbot.keyClick(bar.edit, Qt.Key.Key_Backspace)  # "film" again, from where it was
    assert selected(film) == (start, end)
    qtbot.keyClick(bar.edit, Qt.Key.Key_R, ALT)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Home)
    qtbot.keyClicks(bar.edit, "(")
    assert bar.error and selected(film) is None
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(film.reader, Qt.Key.Key_H)
    assert film.interview.session.notes.highlights == []


def test_the_outline_shows_the_question_of_the_match_gone_to(
    make_window, tmp_path: Path, qtbot
) -> None:
    """A match is centred, so the question at the reading line, near the top, was the one
    above it; the Outline follows the match until the reader moves on."""
    answer = "A: " + " ".join(["Nothing much happened that week."] * 12) + "\n"
    path = tmp_path / "many.txt"
    path.write_text("".join(f"Q: Question {n}?\n{answer}" for n in range(1, 30)), "utf-8")
    window = make_window(path)
    activate(window, qtbot)
    bar = open_and_type(window, qtbot, "Question 20?")
    outline = window.outline
    qtbot.waitUntil(lambda: outline.currentRow() == 19)  # Q20
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(window.reader, Qt.Key.Key_Down)  # the reader moves on: the reading line
    qtbot.waitUntil(lambda: outline.currentRow() == 18)


# --- closing and highlighting -------------------------------------------------------------


def test_escape_leaves_the_match_selected_and_h_highlights_it(film: MainWindow, qtbot) -> None:
    bar = open_and_type(film, qtbot, "film")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert QApplication.focusWidget() is film.reader
    assert selected(film) == spans("film")[1]
    qtbot.keyClick(film.reader, Qt.Key.Key_H)
    (highlight,) = film.interview.session.notes.highlights
    assert (highlight.start, highlight.end) == spans("film")[1]
    assert highlight.exact == "film"


@pytest.mark.parametrize("word", ["starts", "twice", "🎬🎬", "映画", "עברית", "café"])
def test_matches_after_emoji_select_the_right_characters(
    film: MainWindow, qtbot, word: str
) -> None:
    bar = open_and_type(film, qtbot, word)
    start = TEXT.index(word)
    assert bar.matches[0] == (start, start + len(word))
    assert film.reader.textCursor().selectedText() == word
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(film.reader, Qt.Key.Key_H)
    (highlight,) = film.interview.session.notes.highlights
    assert (highlight.start, highlight.end, highlight.exact) == (start, start + len(word), word)


def test_another_document_is_searched_again(film: MainWindow, qtbot, tmp_path: Path) -> None:
    bar = open_and_type(film, qtbot, "film")
    other = tmp_path / "other.txt"
    other.write_text("Q: A film?\nA: No film, no films, no Film.\n", "utf-8")
    film.open_document(other, tmp_path / "other.json")
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 of 4")
    assert bar.matches[0] == (5, 9)
    assert film.reader.textCursor().selectedText() == "film"


# --- a long document ----------------------------------------------------------------------


def test_long_document_paints_only_what_is_visible(make_window, tmp_path: Path, qtbot) -> None:
    paragraph = "Q: Where was the film shot?\nA: " + "The film was shot in the city. " * 20
    path = tmp_path / "long.txt"
    path.write_text((paragraph + "\n") * 1500, "utf-8")  # ~1 MB, 61,500 matches of "the"
    total = 1500 * 41
    window = make_window(path)
    activate(window, qtbot)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL)
    bar = bar_of(window)
    bar.edit.setText("the")  # its speed is measured in bench/, not asserted here
    assert len(bar.matches) == total
    assert bar.count_label.text() == f"1 of {total:,}"
    visible = bar.in_reader.overlay.visible_matches()
    assert 0 < len(visible) < 500
    for _ in range(3):
        qtbot.keyClick(bar.edit, Qt.Key.Key_F3, SHIFT)  # round to the end of the document
    assert bar.count_label.text() == f"{total - 2:,} of {total:,}"
    assert (
        bar.in_reader.overlay.visible_matches()[0] > total - 500
    )  # the overlay followed the scroll


def test_a_long_text_is_folded_for_searching_as_the_bar_opens(
    make_window, tmp_path: Path, qtbot
) -> None:
    """Lower-casing 5 MB for a search takes most of the first one's time (bench/): the bar
    does it as it opens, so the search typed there finds it done."""
    from reader.core import search

    path = tmp_path / "long.txt"
    path.write_text("Q: Where was the film shot?\nA: In the city.\n" * 3000, "utf-8")
    window = make_window(path)
    activate(window, qtbot)
    text = window.interview.session.document.text
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, CTRL)

    def folded() -> bool:
        return any(p.text is text and p._lowered is not None for p in search._fold_cache)

    qtbot.waitUntil(folded)


def test_the_arrows_show_on_the_high_contrast_theme(window: MainWindow, qtbot) -> None:
    """The arrows are drawn in the theme's text colour (the style's icons were a faint
    grey on black)."""
    from collections import Counter

    from reader.core.palettes import contrast_ratio, parse_hex

    window.appearance.set_theme("high-contrast")
    window.window_actions.find.trigger()
    bar = bar_of(window)
    for button in (bar.previous_button, bar.next_button):
        assert button.text() in ("↑", "↓") and button.icon().isNull()
        image = button.grab().toImage()
        colors = Counter(
            image.pixelColor(x, y).name()
            for x in range(image.width())
            for y in range(image.height())
        )
        background = colors.most_common(1)[0][0]
        best = max(contrast_ratio(parse_hex(c), parse_hex(background)) for c in colors)
        assert best >= 7.0, best  # the arrow stands out as the other buttons' text does


def test_a_typed_apostrophe_finds_the_transcripts_curly_one(window: MainWindow, qtbot) -> None:
    """The bundled interview writes "Moss’"; the keyboard types "Moss'"."""
    activate(window, qtbot)
    bar = open_and_type(window, qtbot, "Moss' performance")
    assert bar.count_label.text() == "1 of 1"
    start = window.interview.session.document.text.index("Moss’ performance")
    assert selected(window) == (start, start + len("Moss’ performance"))


def test_the_last_query_is_found_again_after_a_restart(make_window, doc: Path, qtbot) -> None:
    """Ctrl+F after a restart offers the last query, selected so that typing replaces it;
    F3 in the reader finds it without opening the bar first."""
    first = make_window(doc)
    activate(first, qtbot)
    open_and_type(first, qtbot, "ending")
    assert settings().value(find_bar.QUERY_KEY) == "ending"
    first.close()

    again = make_window(doc)
    activate(again, qtbot)
    again.reader.setFocus()
    qtbot.keyClick(again.reader, Qt.Key.Key_F3)
    bar = again.find_bar
    qtbot.waitUntil(lambda: again.reader.selected_range() == spans("ending")[0])
    assert bar.edit.text() == "ending" and again.reader.hasFocus()  # F3 leaves the focus
    qtbot.keyClick(again.reader, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(bar.edit.hasFocus)
    assert bar.edit.selectedText() == "ending"
    qtbot.keyClicks(bar.edit, "film")  # replaces the query offered
    qtbot.waitUntil(lambda: bar._searched == ("film", *bar.options().values()))
    assert settings().value(find_bar.QUERY_KEY) == "film"


def test_a_cleared_query_stays_cleared_after_a_restart(make_window, doc: Path, qtbot) -> None:
    first = make_window(doc)
    activate(first, qtbot)
    bar = open_and_type(first, qtbot, "film")
    bar.edit.clear()
    first.close()
    again = make_window(doc)
    assert again.find_bar.edit.text() == ""
