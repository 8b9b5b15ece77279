"""Coding is not highlighting: a passage coded from a plain selection has no colour
(NO_COLOR). As a user works it: select, C, a code, Enter; then what each view shows and
the notes file on disk."""

from __future__ import annotations

from pathlib import Path

import orjson
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reader.core.annotations import NO_COLOR
from reader.ui import theme
from reader.ui.annotations.color_filter import NO_COLOR_ITEM
from reader.ui.window.main_window import MainWindow
from tests.ui.test_codebook import code_with_keys, names, pick
from tests.ui.test_highlights import doc, film, highlight_with_key, pixel, select, wait_saved

__all__ = ["doc", "film"]  # fixtures, shared with tests/ui/test_highlights.py


def code_color(window: MainWindow, name: str) -> QColor:
    return QColor(window.codebook.hub.book.find(name).color)


def span_of(window: MainWindow, word: str) -> tuple[int, int]:
    start = window.interview.session.document.text.index(word)
    return start, start + len(word)


def away(window: MainWindow, qtbot) -> None:
    """The caret to the top: no passage is the current one (no frame over it)."""
    qtbot.keyClick(window.reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    window.reader.viewport().repaint()


def scrolling(window: MainWindow, qtbot) -> MainWindow:
    """The window made short, so the interview scrolls: all in sight, the overview strip
    marks nothing."""
    window.resize(window.width(), window.minimumHeight())
    qtbot.waitUntil(lambda: window.reader.verticalScrollBar().maximum() > 0)
    return window


def test_a_coded_selection_has_no_colour_and_shows_by_its_code(
    film: MainWindow, qtbot, notes_path: Path
) -> None:
    start, end = code_with_keys(film, qtbot, "dawn", "Time of day")
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"] and d["codes"])
    (h,) = data["highlights"]
    assert h["color"] == NO_COLOR == "" and [names(data)[c] for c in h["codes"]] == ["Time of day"]
    away(film, qtbot)
    # No fill: the page shows through; an underline in the code's colour, and its stripe.
    assert pixel(film, start) == film.reader.viewport().palette().base().color()
    (rect,) = film.reader.highlights.rects(start, end)
    image = film.reader.viewport().grab().toImage()
    x, bottom = int(rect.center().x()), round(rect.bottom())
    under = {image.pixelColor(x, y).name() for y in range(bottom - 4, bottom + 1)}
    assert code_color(film, "Time of day").name() in under
    assert [code for _, code in film.codebook.stripes.painted] == h["codes"]
    # The overview strip marks it in its code's colour, not a colour label's.
    strip = scrolling(film, qtbot).reader.overview
    ((_, mark),) = strip.marks()
    assert strip._color_of(mark) == code_color(film, "Time of day")
    # The hover names no colour label, only its codes.
    tip = film.reader._tooltip(film.interview.session.notes.highlights)
    assert tip == "Codes: Time of day"


def test_colour_keys_colour_a_coded_passage_and_h_keeps_the_last_colour(
    film: MainWindow, qtbot, notes_path: Path
) -> None:
    start, _ = code_with_keys(film, qtbot, "dawn", "Light")
    highlight = film.interview.session.notes.highlights[0]
    assert film.reader.current_highlight_id == highlight.id  # the caret is in it
    qtbot.keyClick(film.reader, Qt.Key.Key_3)
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"][0]["color"] == "blue")
    assert [names(data)[c] for c in data["highlights"][0]["codes"]] == ["Light"]
    away(film, qtbot)
    assert pixel(film, start) == theme.highlight_color("blue")
    # The selection bar's colour on the whole passage colours it too (no second one).
    code_with_keys(film, qtbot, "twice", "Light")
    select(film, qtbot, *span_of(film, "twice"))
    film.reader.show_selection_bar()
    qtbot.mouseClick(film.reader.selection_bar.swatches["pink"], Qt.MouseButton.LeftButton)
    data = wait_saved(
        qtbot, notes_path, lambda d: [h["color"] for h in d["highlights"]] == ["blue", "pink"]
    )
    assert len(data["highlights"]) == 2 and data["highlights"][1]["codes"]
    # H on a selection still highlights, in the colour chosen last for a selection.
    highlight_with_key(film, qtbot, "ending")
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 3)
    assert data["highlights"][2]["color"] == "pink"  # the bar's, chosen last
    # Coding exactly a highlighted span codes that highlight: its colour stays.
    code_with_keys(film, qtbot, "ending", "Light")
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"][2]["codes"])
    assert len(data["highlights"]) == 3 and data["highlights"][2]["color"] == "pink"


def test_its_last_code_off_the_passage_goes_and_undo_brings_it_back(
    film: MainWindow, qtbot, notes_path: Path, dialogs
) -> None:
    code_with_keys(film, qtbot, "dawn", "Light")
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"])
    coded = data["highlights"][0]
    pick(film, qtbot, "Light", enter=Qt.Key.Key_Delete)  # taken off: nothing would show it
    qtbot.keyClick(film.codebook.coding.picker.edit, Qt.Key.Key_Escape)
    wait_saved(qtbot, notes_path, lambda d: d["highlights"] == [])
    assert film.window_actions.undo.text() == "&Undo Uncode"
    film.window_actions.undo.trigger()
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"])
    assert data["highlights"] == [coded]
    # With a note it stays (the note shows it); so does a coloured one, with no codes.
    dialogs.note_answers.append("At first light")
    qtbot.keyClick(film.reader, Qt.Key.Key_N)
    pick(film, qtbot, "Light", enter=Qt.Key.Key_Delete)
    qtbot.keyClick(film.codebook.coding.picker.edit, Qt.Key.Key_Escape)
    data = wait_saved(qtbot, notes_path, lambda d: d["highlights"][0]["codes"] == [])
    assert data["highlights"][0]["note"] == "At first light"
    highlight_with_key(film, qtbot, "ending", Qt.Key.Key_2)
    pick(film, qtbot, "Light")
    pick(film, qtbot, "Light", enter=Qt.Key.Key_Delete)
    qtbot.keyClick(film.codebook.coding.picker.edit, Qt.Key.Key_Escape)
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 2)
    assert data["highlights"][1]["color"] == "green" and data["highlights"][1]["codes"] == []


def test_picker_kept_open_codes_the_passage_again_after_its_last_code_went(
    film: MainWindow, qtbot
) -> None:
    code_with_keys(film, qtbot, "dawn", "Light")
    coding = film.codebook.coding
    light = film.codebook.hub.book.find("Light").id
    coding._taken_off(light, keep_open=True)  # Delete: taken off, the picker stays
    assert film.interview.session.notes.highlights == []
    coding._picked(light, "", keep_open=True)
    (again,) = film.interview.session.notes.highlights
    assert (again.exact, again.color, again.codes) == ("dawn", NO_COLOR, (light,))


def test_annotations_list_it_without_a_colour(film: MainWindow, qtbot) -> None:
    film.window_actions.focus_annotations.trigger()
    panel = film.annotations
    combo = panel.color_filter
    highlight_with_key(film, qtbot, "ending", Qt.Key.Key_2)
    assert combo.findData(NO_COLOR_ITEM) < 0  # offered only while some passage has none
    code_with_keys(film, qtbot, "dawn", "Light")
    coded = film.interview.session.notes.highlights[0].id
    assert combo.itemText(combo.findData(NO_COLOR_ITEM)) == "No colour"
    entry = panel._by_id[coded]
    assert panel._model.label(entry) == entry.place  # no colour label before its place
    assert "Key quote" not in panel._model.data(panel._model.index(0), Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(combo.findData("green"))
    assert coded not in panel.visible_ids() and len(panel.visible_ids()) == 1
    combo.setCurrentIndex(combo.findData(NO_COLOR_ITEM))
    assert panel.visible_ids() == [coded] and panel.count_text() == "1 of 2"
    # Given a colour, it is no longer listed under none: the filter falls back to all.
    film.editing.recolor(coded, "yellow")
    assert combo.findData(NO_COLOR_ITEM) < 0 and combo.currentIndex() == 0
    assert len(panel.visible_ids()) == 2


def test_coloured_coded_highlights_of_an_existing_file_stay_coloured(
    make_window, doc: Path, qtbot, notes_path: Path
) -> None:
    window = make_window(doc)
    highlight_with_key(window, qtbot, "dawn", Qt.Key.Key_4)
    pick(window, qtbot, "Light")
    wait_saved(qtbot, notes_path, lambda d: d["highlights"] and d["highlights"][0]["codes"])
    window.close()
    again = make_window(doc)
    code_with_keys(again, qtbot, "ending", "Light")
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 2)
    assert [h["color"] for h in data["highlights"]] == ["pink", NO_COLOR]
    assert data["highlights"][0]["codes"] == data["highlights"][1]["codes"]


def test_the_library_counts_no_coded_passage_under_the_highlights_colour(
    make_study_window, folder: Path, qtbot
) -> None:
    window = make_study_window(folder)
    highlight_with_key(window, qtbot, "coffee")
    code_with_keys(window, qtbot, "handover", "Shift")
    row = window.library.model.rows[0]
    assert len(window.interview.session.notes.highlights) == 2
    assert row.highlights == 1  # live, as the interview is open
    first = window.switcher.current
    window.switcher.step(1)
    notes = orjson.loads((folder / "notes" / f"{first}.json").read_bytes())
    assert [h["color"] for h in notes["highlights"]] == ["yellow", NO_COLOR]
    assert window.library.model.rows[0].highlights == 1  # read back from the file


def test_printed_with_an_underline_and_no_colour_label(film: MainWindow, qtbot) -> None:
    from reader.ui.exporting.printing import print_document

    code_with_keys(film, qtbot, "dawn", "Light")
    doc = print_document(film.reader.reading)
    assert doc.toPlainText().endswith("1. “dawn” (codes: Light)")
    cursor = doc.find("dawn")  # (in the text: the endnote's comes after)
    fmt = cursor.charFormat()
    assert fmt.underlineColor() == code_color(film, "Light")
    assert fmt.background().style() == Qt.BrushStyle.NoBrush


def test_export_offers_no_colour_as_a_colour_filter(
    film: MainWindow, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    """Ticking a colour would leave every passage only coded out, with no way to ask for
    them: a "No colour" box does."""
    from tests.ui.test_export_ui import choose

    code_with_keys(film, qtbot, "dawn", "Light")
    highlight_with_key(film, qtbot, "twice")
    out = tmp_path / "coded.md"
    choose(monkeypatch, "md", (NO_COLOR,))
    dialogs.save_answers.append(str(out))
    film.window_actions.export.trigger()
    text = out.read_text("utf-8")
    assert "> dawn" in text and "> twice" not in text
    assert "no colour" in text  # the filter named


def test_a_code_the_codebook_lacks_is_one_grey_everywhere(
    film: MainWindow, qtbot, dialogs, monkeypatch, tmp_path: Path
) -> None:
    """A passage coded with an id the codebook does not have (a newer file's, a deleted
    code's in a copied notes file): UNKNOWN_CODE_HEX on screen, in the margin's stripe, the
    overview, the Annotations list, in print and in the HTML export."""
    from reader.core.codebook import UNKNOWN_CODE_HEX
    from reader.ui.exporting.printing import print_document
    from tests.ui.test_export_ui import choose, swatch

    start, end = code_with_keys(film, qtbot, "dawn", "Light")
    (h,) = film.interview.session.notes.highlights
    film.interview.controller.edit_highlight(
        h.id, "Edit", codes=("0badc0de-0000-4000-8000-00000000000e",)
    )
    assert "0badc0de-0000-4000-8000-00000000000e" not in film.interview.session.notes.codebook
    grey = QColor(UNKNOWN_CODE_HEX)
    away(film, qtbot)
    # On screen: its underline and its stripe in the margin.
    (rect,) = film.reader.highlights.rects(start, end)
    image = film.reader.viewport().grab().toImage()
    x, bottom = int(rect.center().x()), round(rect.bottom())
    assert grey.name() in {image.pixelColor(x, y).name() for y in range(bottom - 4, bottom + 1)}
    ((stripe, _),) = film.codebook.stripes.painted
    assert image.pixelColor(stripe.center().toPoint()) == grey
    strip = scrolling(film, qtbot).reader.overview
    ((_, mark),) = strip.marks()
    assert strip._color_of(mark) == grey
    film.window_actions.focus_annotations.trigger()
    filter_items = film.annotations.tag_filter
    qtbot.waitUntil(lambda: filter_items.count() == 2)
    assert swatch(filter_items.itemIcon(1)) == grey.name()
    # In print and in the HTML export.
    doc = print_document(film.reader.reading)  # kept while its cursor is read
    printed = doc.find("dawn").charFormat()
    assert printed.underlineColor() == grey
    out = tmp_path / "summary.html"
    choose(monkeypatch, "html")
    dialogs.save_answers.append(str(out))
    film.window_actions.export.trigger()
    assert f'<mark class="coded" style="text-decoration-color: {grey.name()}">dawn' in (
        out.read_text("utf-8")
    )


def test_a_passage_shown_by_its_note_alone_goes_when_the_note_is_cleared(
    film: MainWindow, qtbot, dialogs, notes_path: Path
) -> None:
    """No colour, and its code deleted: its note alone shows it, so it stays. Clearing the
    note leaves nothing to show it: it goes, as when its last code is taken off; Undo brings
    it back with its note."""
    code_with_keys(film, qtbot, "dawn", "Light")
    (h,) = film.interview.session.notes.highlights
    dialogs.note_answers.append("ask again")
    film.editing.edit_note(h.id)
    hub, panel = film.codebook.hub, film.codebook.panel
    panel.set_current(hub.book.find("Light").id)
    panel.delete_code()
    (noted,) = wait_saved(qtbot, notes_path, lambda d: d["codes"] == [])["highlights"]
    assert (noted["color"], noted["codes"], noted["note"]) == (NO_COLOR, [], "ask again")
    dialogs.note_answers.append("")
    film.editing.edit_note(h.id)
    assert film.interview.session.notes.highlights == []
    wait_saved(qtbot, notes_path, lambda d: d["highlights"] == [])
    stack = film.interview.controller.undo_stack
    assert stack.undoText() == "Edit Note"
    stack.undo()
    assert wait_saved(qtbot, notes_path, lambda d: d["highlights"])["highlights"] == [noted]
