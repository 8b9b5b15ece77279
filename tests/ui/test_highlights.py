"""Highlighting as a user does it: select with keys, press a key, find it in the file."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent
from PySide6.QtWidgets import QApplication

from reader.ui import theme
from reader.ui.window.main_window import MainWindow
from tests.ui.test_main_window import menu_action

TEXT = (
    "An interview about film.\n"
    "Q: Scene 🎬 starts where? The café scene, with e\u0301 and 映画 and עברית text?\n"
    "A: It starts at dawn. We shot 🎬🎬 twice, then שלום again.\n"
    "Q: And the ending?\n"
    "A: The ending was improvised on the day.\n"
)


def saved(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "film.txt"
    path.write_text(TEXT, "utf-8")
    return path


@pytest.fixture
def film(make_window, doc: Path) -> MainWindow:
    return make_window(doc)


def select(window: MainWindow, qtbot, start: int, end: int) -> None:
    """Put the caret at code point `start`, then extend with Shift+Right as a user would."""
    reader = window.reader
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(start))
    reader.setTextCursor(cursor)
    while reader.reading.to_model(reader.textCursor().position()) < end:
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def highlight_with_key(window: MainWindow, qtbot, word: str, key=Qt.Key.Key_H, nth: int = 0):
    text = window.interview.session.document.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    select(window, qtbot, start, start + len(word))
    qtbot.keyClick(window.reader, key)
    return start, start + len(word)


def wait_saved(qtbot, path: Path, predicate) -> dict:
    qtbot.waitUntil(lambda: path.exists() and bool(predicate(saved(path))), timeout=10_000)
    return saved(path)


def test_h_after_emoji_stores_code_point_offsets(film: MainWindow, qtbot, notes_path) -> None:
    start, end = highlight_with_key(film, qtbot, "starts")
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"])
    (h,) = data["highlights"]
    assert (h["start"], h["end"]) == (start, end)
    assert TEXT[h["start"] : h["end"]] == h["exact"] == "starts"
    assert h["prefix"].endswith("Scene 🎬 ") and h["suffix"].startswith(" where?")
    assert h["color"] == "yellow"


@pytest.mark.parametrize("word", ["映画", "e\u0301", "עברית", "🎬🎬 twice", "שלום"])
def test_offsets_with_cjk_combining_and_rtl(film: MainWindow, qtbot, notes_path, word) -> None:
    text = film.interview.session.document.text  # NFC: "e\u0301" is now "é"
    word = word.replace("e\u0301", "\u00e9")
    highlight_with_key(film, qtbot, word, Qt.Key.Key_3)
    (h,) = wait_saved(qtbot, notes_path, lambda d: d["highlights"])["highlights"]
    assert text[h["start"] : h["end"]] == h["exact"] == word
    assert h["color"] == "blue"


def test_h_highlights_in_the_colour_used_last_as_f1_says(
    film: MainWindow, qtbot, notes_path
) -> None:
    from reader.ui.window.shortcuts import shortcut_groups

    highlight_with_key(film, qtbot, "dawn", Qt.Key.Key_3)  # blue
    qtbot.keyClick(film.reader, Qt.Key.Key_4)  # recoloured pink: not a colour to highlight with
    highlight_with_key(film, qtbot, "ending", nth=1)  # H
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 2)
    assert sorted((h["exact"], h["color"]) for h in data["highlights"]) == [
        ("dawn", "pink"),
        ("ending", "blue"),
    ]
    rows = dict(dict(shortcut_groups(film, film.window_actions))["Reader"])
    assert "H in the colour you highlighted with last" in rows["H, or 1–6"]


def pixel(window: MainWindow, offset: int) -> QColor:
    """The colour painted just inside the top-left corner of the character at `offset`."""
    (rect,) = window.reader.highlights.rects(offset, offset + 1)
    image = window.reader.viewport().grab().toImage()
    return image.pixelColor(int(rect.left()) + 2, int(rect.top()) + 1)


def test_new_highlight_shows_at_once(film: MainWindow, qtbot) -> None:
    start, _ = highlight_with_key(film, qtbot, "dawn", Qt.Key.Key_2)
    qtbot.keyClick(
        film.reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier
    )  # no "current" tint
    assert pixel(film, start) == theme.highlight_color("green")


def test_keys_on_current_highlight_recolour_note_tag_delete(
    film: MainWindow, qtbot, dialogs, notes_path
) -> None:
    highlight_with_key(film, qtbot, "improvised")
    highlight = film.interview.session.notes.highlights[0]
    assert film.reader.current_highlight_id == highlight.id  # the caret is inside it
    qtbot.keyClick(film.reader, Qt.Key.Key_4)
    dialogs.note_answers.append("Not scripted after all")
    qtbot.keyClick(film.reader, Qt.Key.Key_N)
    for name in ("method", "ending"):  # T, like C, opens the code picker
        qtbot.keyClick(film.reader, Qt.Key.Key_T)
        picker = film.codebook.coding.picker
        qtbot.keyClicks(picker.edit, name)
        qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"] and d["highlights"][0]["codes"])
    (h,) = data["highlights"]
    names = {code["id"]: code["name"] for code in data["codes"]}  # tags became codes
    assert (h["color"], h["note"], [names[c] for c in h["codes"]]) == (
        "pink",
        "Not scripted after all",
        ["method", "ending"],
    )
    assert h["modified"] >= h["created"]
    qtbot.keyClick(film.reader, Qt.Key.Key_Delete)
    wait_saved(qtbot, notes_path, lambda d: d["highlights"] == [])


def test_n_c_q_on_a_selected_highlight_keep_its_colour(
    film: MainWindow, qtbot, dialogs, notes_path
) -> None:
    """A green highlight selected again, after a purple one was made: N gave it a note
    and turned it purple (the colour used last), and so did Q. N, C and Q act on it now and
    keep its colour; a colour key still recolours it."""
    highlight_with_key(film, qtbot, "starts", key=Qt.Key.Key_2)
    highlight_with_key(film, qtbot, "dawn", key=Qt.Key.Key_5)
    dialogs.note_answers.append("Where it begins")
    highlight_with_key(film, qtbot, "starts", key=Qt.Key.Key_N)
    picker = film.codebook.coding.picker
    for typed in ("Place", "Time"):
        highlight_with_key(film, qtbot, "starts", key=Qt.Key.Key_C)
        qtbot.keyClicks(picker.edit, typed)
        qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    highlight_with_key(film, qtbot, "starts", key=Qt.Key.Key_Q)
    data = wait_saved(qtbot, notes_path, lambda d: "> starts" in d["notes"])
    names = {code["id"]: code["name"] for code in data["codes"]}
    kept = {
        h["exact"]: (h["color"], h["note"], [names[c] for c in h["codes"]])
        for h in data["highlights"]
    }
    assert kept == {
        "starts": ("green", "Where it begins", ["Place", "Time"]),
        "dawn": ("purple", "", []),
    }
    highlight_with_key(film, qtbot, "starts", key=Qt.Key.Key_3)
    wait_saved(qtbot, notes_path, lambda d: d["highlights"][0]["color"] == "blue")


def test_undo_redo_with_named_actions(film: MainWindow, qtbot, notes_path) -> None:
    highlight_with_key(film, qtbot, "dawn")
    assert film.window_actions.undo.text() == "&Undo Add Highlight"
    qtbot.keyClick(film.reader, Qt.Key.Key_Delete)
    assert film.window_actions.undo.text() == "&Undo Delete Highlight"
    qtbot.keyClick(film.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(film.interview.session.notes.highlights) == 1
    qtbot.keyClick(film.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert film.interview.session.notes.highlights == []
    qtbot.keyClick(
        film.reader,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(film.interview.session.notes.highlights) == 1
    qtbot.keyClick(film.reader, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert film.interview.session.notes.highlights == []
    wait_saved(qtbot, notes_path, lambda d: d["highlights"] == [])


def test_context_menu_highlight_and_edit(film: MainWindow, qtbot, dialogs) -> None:
    text = film.interview.session.document.text
    start = text.index("ending was")
    select(film, qtbot, start, start + len("ending"))
    pos = film.reader.cursorRect().center()
    menu = film.reader.build_context_menu(pos)
    labels = [a.text() for a in menu_action(menu, "Highlight").menu().actions()]
    assert labels[0] == "&1 Key quote" and labels[3] == "&4 Follow up"
    menu_action(menu, "Highlight", "5 Theme").trigger()
    (h,) = film.interview.session.notes.highlights
    assert (h.exact, h.color) == ("ending", "purple")
    menu = film.reader.build_context_menu(film.reader.cursorRect().center())
    dialogs.note_answers.append("a note from the menu")
    menu_action(menu, "Edit Note…").trigger()
    assert film.interview.session.notes.highlights[0].note == "a note from the menu"


def test_floating_bar_appears_and_highlights(film: MainWindow, qtbot, dialogs) -> None:
    text = film.interview.session.document.text
    start = text.index("twice")
    select(film, qtbot, start, start + 5)
    film.reader.show_selection_bar()
    bar = film.reader.selection_bar
    assert bar.isVisible()
    qtbot.keyClick(film.reader, Qt.Key.Key_Escape)
    assert not bar.isVisible() and not film.reader.textCursor().hasSelection()
    select(film, qtbot, start, start + 5)
    film.reader.show_selection_bar()
    dialogs.note_answers.append("twice!")
    qtbot.mouseClick(bar.note_button, Qt.MouseButton.LeftButton)
    (h,) = film.interview.session.notes.highlights
    assert (h.exact, h.note) == ("twice", "twice!")
    assert not bar.isVisible()


def test_a_note_cancelled_leaves_no_highlight(film: MainWindow, qtbot, dialogs, notes_path) -> None:
    """Note (N, or the selection bar's) on a selection highlighted it before the dialog
    asked: Cancel left a highlight with no note. Now Cancel leaves nothing: no highlight,
    no undo step, nothing written; a highlight already there stays as it was."""
    stack = film.interview.controller.undo_stack
    highlight_with_key(film, qtbot, "dawn", key=Qt.Key.Key_N)  # no answer: Cancel
    start = film.interview.session.document.text.index("twice")
    select(film, qtbot, start, start + 5)
    film.reader.show_selection_bar()
    qtbot.mouseClick(film.reader.selection_bar.note_button, Qt.MouseButton.LeftButton)
    assert dialogs.shown == [("dialog", "Note on Highlight")] * 2
    assert film.interview.session.notes.highlights == [] and stack.count() == 0
    assert film.interview.flush() and not notes_path.exists()
    highlight_with_key(film, qtbot, "dawn", key=Qt.Key.Key_2)
    before = list(film.interview.session.notes.highlights)
    highlight_with_key(film, qtbot, "dawn", key=Qt.Key.Key_N)
    assert film.interview.session.notes.highlights == before and stack.count() == 1
    dialogs.note_answers.append("first light")  # OK: one step, undone as one
    highlight_with_key(film, qtbot, "twice", key=Qt.Key.Key_N)
    assert [h.note for h in film.interview.session.notes.highlights] == ["", "first light"]
    assert stack.count() == 2 and stack.undoText() == "Add Note"  # it said "Edit Note"
    stack.undo()
    assert film.interview.session.notes.highlights == before


def copied_from_bar(window: MainWindow, qtbot, words: str) -> str:
    """What the selection bar's Copy puts on the clipboard for `words` selected."""
    start = window.interview.session.document.text.index(words)
    select(window, qtbot, start, start + len(words))
    window.reader.show_selection_bar()
    qtbot.mouseClick(window.reader.selection_bar.copy_button, Qt.MouseButton.LeftButton)
    return QApplication.clipboard().text()


def test_copy_quote_from_bar(film: MainWindow, qtbot) -> None:
    assert copied_from_bar(film, qtbot, "It starts at dawn.") == "“It starts at dawn.” (Q1, Film)"


def test_a_copied_quote_names_the_speaker_the_transcript_names(make_window, qtbot) -> None:
    """Pasted into an article, a quote from an interview of two people says whose it is."""
    from tests.conftest import DATA

    window = make_window(DATA / "transcripts" / "zoom.vtt")
    copied = copied_from_bar(window, qtbot, "It began in a café")
    assert copied == "“It began in a café” (Kenji Sato (he/him), Q1, 0:10, Zoom)"


def test_a_highlight_is_copied_as_a_quotation_with_its_key(make_window, qtbot) -> None:
    """A writer highlights her pull quotes, then goes through them with ] and copies each
    with Ctrl+Shift+C for her article; Ctrl+C there copied nothing and said nothing, and
    Copy as Quotation was offered for a fresh selection only."""
    from tests.conftest import DATA

    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    window = make_window(DATA / "journalist" / "okonkwo-otter.txt")
    window.activateWindow()  # the keys of the window's actions need it active
    qtbot.waitUntil(window.isActiveWindow)
    reader, bar = window.reader, window.statusBar()
    mould = "My mum's flat still has the mould they promised to fix."
    highlight_with_key(window, qtbot, mould, key=Qt.Key.Key_1)
    QApplication.clipboard().setText("what was there")
    qtbot.keyClick(reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reader, Qt.Key.Key_C, shift_ctrl)  # in no highlight: says why
    assert QApplication.clipboard().text() == "what was there"
    assert "put the caret in a highlight" in bar.currentMessage()
    qtbot.keyClick(reader, Qt.Key.Key_BracketRight)
    qtbot.keyClick(reader, Qt.Key.Key_C, shift_ctrl)
    quotation = f"“{mould}” (Ade Okonkwo, Q3, 1:02:09, Okonkwo interview - housing fund)"
    assert QApplication.clipboard().text() == quotation
    assert bar.currentMessage() == f"Copied as a quotation {quotation.split('” ')[1]}."
    pos = reader.cursorRect().center()
    copy = menu_action(reader.build_context_menu(pos), "Copy as Quotation")
    QApplication.clipboard().setText("")
    copy.trigger()  # and from the highlight's menu (the Menu key)
    assert QApplication.clipboard().text() == quotation


def test_overlapping_highlights_stay_distinguishable(film: MainWindow, qtbot) -> None:
    text = film.interview.session.document.text
    outer = text.index("The ending was improvised")
    select(film, qtbot, outer, outer + len("The ending was improvised"))
    qtbot.keyClick(film.reader, Qt.Key.Key_1)
    inner = text.index("was improvised")
    select(film, qtbot, inner, inner + len("was"))
    qtbot.keyClick(film.reader, Qt.Key.Key_3)

    qtbot.keyClick(film.reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert pixel(film, outer) == theme.highlight_color("yellow")
    assert pixel(film, inner) == theme.highlight_color("blue")
    image = film.reader.viewport().grab().toImage()
    (rect,) = film.reader.highlights.rects(inner, inner + 1)
    x, bottom = int(rect.left()) + 2, round(rect.bottom())
    darkest = min(image.pixelColor(x, y).lightness() for y in range(bottom - 2, bottom + 2))
    assert darkest < theme.highlight_color("blue").lightness()  # the overlap's underline


def test_tooltip_text_lists_label_note_tags(film: MainWindow, qtbot, dialogs) -> None:
    highlight_with_key(film, qtbot, "dawn")
    dialogs.note_answers.append("<b>early</b>")
    qtbot.keyClick(film.reader, Qt.Key.Key_N)
    tip = film.reader._tooltip(film.interview.session.notes.highlights)
    assert "Key quote" in tip and "&lt;b&gt;early&lt;/b&gt;" in tip


def test_color_labels_editable_and_saved(film: MainWindow, qtbot, dialogs, notes_path) -> None:
    dialogs.color_answers.append({"yellow": "Striking"})
    film.window_actions.color_labels.trigger()
    data = wait_saved(qtbot, notes_path, lambda d: d["colors"]["yellow"] == "Striking")
    assert list(data["colors"]) == ["yellow", "green", "blue", "pink", "purple", "orange"]
    film.window_actions.undo.trigger()
    assert film.interview.session.notes.colors["yellow"] == "Key quote"


def test_reopen_finds_everything_on_the_same_words(make_window, doc, qtbot, notes_path, dialogs):
    window = make_window(doc)
    highlight_with_key(window, qtbot, "dawn")
    qtbot.keyClick(window.reader, Qt.Key.Key_C)
    qtbot.keyClicks(window.codebook.coding.picker.edit, "time")
    qtbot.keyClick(window.codebook.coding.picker.edit, Qt.Key.Key_Return)
    before = window.interview.session.notes.highlights
    window.close()
    again = make_window(doc)
    assert again.interview.session.notes.highlights == before
    assert not again.banner.isVisible()


def test_changed_document_reanchors_with_summary(make_window, doc, qtbot, notes_path):
    window = make_window(doc)
    highlight_with_key(window, qtbot, "dawn")
    highlight_with_key(window, qtbot, "improvised")
    window.close()
    doc.write_text(
        TEXT.replace("An interview about film.", "A long new first line.\n\nHi.").replace(
            "improvised on the day", "made up"
        ),
        "utf-8",
    )
    again = make_window(doc)
    assert again.banner.isVisible()
    assert "1 of 2 highlights found again (1 at a new place)" in again.banner.text()
    assert "1 not found in the text" in again.banner.text()
    kept = [h for h in again.interview.session.notes.highlights if not h.orphan]
    text = again.interview.session.document.text
    assert [text[h.start : h.end] for h in kept] == ["dawn"]
    # Written where they are now, read or not, for the study's views and other tools (the
    # file kept the old places until something else changed).
    now = again.interview.session.document.sha256
    saved = wait_saved(qtbot, notes_path, lambda d: d["document"]["sha256"] == now)
    by_exact = {h["exact"]: h for h in saved["highlights"]}
    assert text[by_exact["dawn"]["start"] : by_exact["dawn"]["end"]] == "dawn"


def test_floating_bar_appears_after_a_selection_with_the_keyboard(film: MainWindow, qtbot) -> None:
    reader, bar = film.reader, film.reader.selection_bar
    reader.setFocus()
    shift_ctrl = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    for _ in range(3):
        qtbot.keyPress(reader, Qt.Key.Key_Right, shift_ctrl)
        assert not bar.isVisible()  # not while Shift is held: the selection still grows
    qtbot.keyRelease(reader, Qt.Key.Key_Shift)
    assert reader.textCursor().hasSelection() and bar.isVisible()
    qtbot.keyClick(reader, Qt.Key.Key_Right)  # the selection gone: the bar too
    assert not bar.isVisible()


def test_floating_bar_hides_when_another_pane_is_clicked(film: MainWindow, qtbot) -> None:
    text = film.interview.session.document.text
    start = text.index("twice")
    select(film, qtbot, start, start + 5)
    film.reader.show_selection_bar()
    assert film.reader.selection_bar.isVisible()
    qtbot.mouseClick(film.notes_editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not film.reader.selection_bar.isVisible())


def test_same_span_again_recolours_instead_of_duplicating(film: MainWindow, qtbot) -> None:
    highlight_with_key(film, qtbot, "dawn", Qt.Key.Key_1)
    highlight_with_key(film, qtbot, "dawn", Qt.Key.Key_3)
    (h,) = film.interview.session.notes.highlights
    assert h.color == "blue"


def test_floating_bar_is_beside_the_selection_never_on_it(film: MainWindow, qtbot) -> None:
    text = film.interview.session.document.text
    for start, end in (
        (text.index("It starts"), text.index("again")),  # across lines
        (text.index("Scene"), text.index("Scene") + 5),  # on the first lines
        (text.index("The ending was"), len(text.rstrip())),  # the last line
    ):
        select(film, qtbot, start, end)
        film.reader.show_selection_bar()
        bar = film.reader.selection_bar.geometry()
        assert film.reader.selection_bar.isVisible()
        for rect in film.reader.highlights.rects(start, end):
            assert not rect.toRect().intersects(bar), (start, end)


def test_colour_key_clears_the_selection_and_shows_the_colour(film: MainWindow, qtbot) -> None:
    text = film.interview.session.document.text
    start = text.index("twice")
    select(film, qtbot, start, start + 5)
    qtbot.keyClick(film.reader, Qt.Key.Key_3)
    assert not film.reader.textCursor().hasSelection()
    assert pixel(film, start + 1) == theme.highlight_color("blue")


def open_context_menu_then(window: MainWindow, qtbot, pos, while_open) -> None:
    """A right-click at viewport position `pos`; `while_open(menu)` runs while the menu is
    up, and closes it (Escape, or choosing)."""
    seen = []

    def in_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:  # not up yet
            QTimer.singleShot(10, in_menu)
            return
        seen.append(menu)
        while_open(menu)

    QTimer.singleShot(0, in_menu)
    viewport = window.reader.viewport()
    # What a right-click gives the viewport (offscreen, QTest's click makes no menu event).
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos), Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: bool(seen) and QApplication.activePopupWidget() is None)


def test_the_context_menu_hides_the_floating_bar_while_it_is_open(film: MainWindow, qtbot) -> None:
    reader, bar = film.reader, film.reader.selection_bar
    text = film.interview.session.document.text
    start = text.index("twice")
    select(film, qtbot, start, start + len("twice"))
    qtbot.keyRelease(reader, Qt.Key.Key_Shift)  # the selection made: the bar shows
    assert bar.isVisible()
    pos = reader.cursorRect().center()
    bar_visible_in_menu = []

    def dismiss(menu) -> None:
        bar_visible_in_menu.append(bar.isVisible())
        qtbot.keyClick(menu, Qt.Key.Key_Escape)

    open_context_menu_then(film, qtbot, pos, dismiss)
    assert bar_visible_in_menu == [False]
    # Dismissed: the selection is as it was, and the bar is back beside it.
    assert reader.selected_range() == (start, start + len("twice")) and bar.isVisible()

    def copy_quote(menu) -> None:
        qtbot.keyClick(menu, Qt.Key.Key_Y)  # Cop&y as Quotation

    open_context_menu_then(film, qtbot, pos, copy_quote)
    assert QApplication.clipboard().text().startswith("“twice”")
    assert reader.textCursor().hasSelection() and not bar.isVisible()  # done with it

    reader.show_selection_bar()

    def highlight(menu) -> None:
        qtbot.keyClick(menu, Qt.Key.Key_H)  # &Highlight ▸
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not menu)
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_2)

    open_context_menu_then(film, qtbot, pos, highlight)
    (h,) = film.interview.session.notes.highlights
    assert h.exact == "twice" and not bar.isVisible()  # the selection is gone


def test_a_passage_key_with_nothing_selected_says_to_select_first(
    film: MainWindow, qtbot, notes_path
) -> None:
    """The notes' first words say "select words and press H": a new user clicks into the
    text and presses H. Nothing happened and nothing said why."""
    reader = film.reader
    qtbot.mouseClick(
        reader.viewport(), Qt.MouseButton.LeftButton, pos=reader.viewport().rect().center()
    )
    assert not reader.textCursor().hasSelection() and reader.current_highlight() is None
    for key, says in (
        (Qt.Key.Key_H, "press H to highlight them."),
        (Qt.Key.Key_2, "press 2 to highlight them."),
        (Qt.Key.Key_C, "press C to code them."),
        (Qt.Key.Key_Q, "press Q to quote them in your notes."),
    ):
        qtbot.keyClick(reader, key)
        message = film.statusBar().currentMessage()
        assert message.startswith("Select words first") and message.endswith(says)
    assert film.interview.session.notes.highlights == []
    assert film.notes_editor.toPlainText() == ""
    highlight_with_key(film, qtbot, "dawn")  # once selected, H highlights
    assert [h.exact for h in film.interview.session.notes.highlights] == ["dawn"]


def test_the_floating_bar_fits_a_narrow_reader(film: MainWindow, qtbot) -> None:
    """At 1024×640 the reader is about 480 pixels wide: the bar ran past its left edge and
    the first colour was cut in half. Narrow, it takes its short labels; wide, its long."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget

    from reader.ui.reading.selection_bar import SelectionBar

    page = QWidget()
    qtbot.addWidget(page)
    bar = SelectionBar(page)
    for width, quote, copy in ((900, "Quote in Notes", "Copy quote"), (440, "Quote", "Copy")):
        page.resize(width, 300)
        bar.show_near(QRect(20, 150, 60, 20), 80, (20, width - 20))  # a word at the left edge
        assert page.rect().contains(bar.geometry()), (width, bar.geometry())
        assert (bar.quote_button.text(), bar.copy_button.text()) == (quote, copy)
    # In the window as a 1024-pixel screen lays it out: the whole bar in the reader.
    reader = film.reader
    total = sum(film.splitter.sizes())
    film.splitter.setSizes([total // 2, total - total // 2])
    text = film.interview.session.document.text
    select(film, qtbot, text.index("An interview"), text.index("An interview") + 2)
    reader.show_selection_bar()
    assert reader.viewport().rect().contains(reader.selection_bar.geometry())


def test_a_long_highlight_lays_out_only_its_lines_in_view(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the reading review: each paint measured every line of each highlight in
    view, those out of sight too: 880 ms a paint inside a highlight of 1 MB."""
    from reader.ui.reading import highlight_layer

    text = window.interview.session.document.text
    window.interview.controller.add_highlight(0, len(text) - 1, "green")  # the whole text
    reader = window.reader
    reader.scroll_to_offset(len(text) // 2)
    blocks: list[int] = []
    measured = highlight_layer._block_rects
    monkeypatch.setattr(
        highlight_layer,
        "_block_rects",
        lambda block, *rest: blocks.append(block.blockNumber()) or measured(block, *rest),
    )
    reader.viewport().repaint()
    first, last = reader.highlights.visible_range()
    shown = reader.reading.to_qt(first), reader.reading.to_qt(last)
    assert blocks and all(
        shown[0] <= reader.document().findBlockByNumber(b).position() <= shown[1] for b in blocks
    )
    assert len(set(blocks)) < reader.document().blockCount() // 3


def test_words_selected_after_a_zero_width_no_break_space_at_the_start_are_highlighted(
    make_window, tmp_path: Path, qtbot, notes_path
) -> None:
    """A subtitle file whose first cue began with U+FEFF (Word's and some converters'
    zero-width no-break space): Qt's text document drops that character at the start of
    the text it is given, so every place in the pane was one off the text's, and "Hello"
    selected was saved as "\ufeffHell", painted on "ello"."""
    path = tmp_path / "talk.vtt"
    path.write_text("WEBVTT\n\n00:00.000 --> 00:02.000\n\ufeffHello there.\n", "utf-8")
    window = make_window(path)
    assert window.interview.session.document.text.startswith("\ufeffHello")
    reader = window.reader
    reader.setFocus()
    reader.setTextCursor(reader.document().find("Hello"))  # the words as the pane shows them
    qtbot.keyClick(reader, Qt.Key.Key_H)
    (h,) = wait_saved(qtbot, notes_path, lambda d: d["highlights"])["highlights"]
    assert h["exact"] == "Hello" and (h["start"], h["end"]) == (1, 6)
