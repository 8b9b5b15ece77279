"""The strip beside the reader's scroll bar: marks where highlights and matches are; a
click there goes to them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from reader.ui import theme
from reader.ui.reading.overview_strip import match_mark_color
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import select


def marked(color_id: str, strip: QWidget) -> str:
    """A colour's mark on the strip (#rrggbb): its swatch, in a tone the strip shows."""
    background = strip.palette().color(strip.backgroundRole())
    return theme.seen_on(theme.swatch_color(color_id), background).name()


def test_strip_marks_highlights_in_their_colour_and_a_click_goes_there(window: MainWindow, qtbot):
    text = window.interview.session.document.text
    start = text.rindex("independent")  # far down the interview
    select(window, qtbot, start, start + len("independent"))
    qtbot.keyClick(window.reader, Qt.Key.Key_3)
    window.reader.scroll_to_offset(0)
    strip = window.reader.overview
    assert strip.isVisible() and strip.width() > 4
    assert strip.geometry().left() > window.reader.viewport().geometry().right()
    y = round(strip.y_of(start)) + 1
    image = strip.grab().toImage()
    assert image.pixelColor(strip.width() // 2, y).name() == marked("blue", strip)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(strip.width() // 2, y + 2))
    assert window.reader.cursor_offset() == start
    assert window.reader.verticalScrollBar().value() > 0


def test_strip_shows_find_matches(window: MainWindow, qtbot) -> None:
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.edit, "Netflix")
    qtbot.waitUntil(lambda: bool(window.reader.overview.matches), timeout=10_000)
    strip = window.reader.overview
    text = window.interview.session.document.text
    assert (strip.row_of(text.index("Netflix")), "") in strip.marks()
    assert strip.offset_at(strip.height() - 1) > len(text) // 2


def test_one_row_of_several_colours_shows_the_last_and_counts_every_one(
    window: MainWindow, qtbot
) -> None:
    """Marks of one row cover each other: the last colour shows; edits keep the counts
    the same as counting again."""
    controller = window.interview.controller
    text = window.interview.session.document.text
    start = text.index("independent")
    for offset, color in enumerate(("yellow", "pink", "green")):
        controller.add_highlight(start + offset, start + offset + 5, color)
    strip = window.reader.overview
    strip.grab()
    row = strip.row_of(start)
    assert (row, "yellow") in strip.marks(row, row)  # "yellow" is the last id
    image = strip.grab().toImage()
    assert image.pixelColor(strip.width() // 2, row + 1).name() == marked("yellow", strip)
    controller.delete_highlight(window.interview.session.highlights_at(start + 2)[-1].id)
    edited = {r: +counts for r, counts in strip.rows()[0].items()}
    strip.refresh()
    assert {r: +counts for r, counts in strip.rows()[0].items()} == edited


def test_many_matches_mark_every_row_with_one_and_a_click_snaps_to_the_nearest(
    window: MainWindow, qtbot
) -> None:
    """The rows are found by looking up each row among the matches, not by placing each
    match (464,000 of "e" in 5 MB froze the window): the same rows, the same clicks."""
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.edit, "e")
    qtbot.waitUntil(lambda: len(window.reader.overview.matches) > 100, timeout=10_000)
    strip = window.reader.overview
    starts = [start for start, _ in strip.matches]
    assert strip.rows()[1] == {strip.row_of(start) for start in starts}
    for y in range(0, strip.height(), 7):
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(1, y))
        near = [o for o in starts if abs(strip.y_of(o) + 1.5 - y) <= 5]
        if near:  # the reader's caret is where the click went
            assert window.reader.cursor_offset() == min(near, key=lambda o: abs(strip.y_of(o) - y))


def test_many_find_matches_leave_the_highlights_marks_in_sight(window: MainWindow, qtbot) -> None:
    """Find matches are ticks on the strip's right, the highlights' marks on its left: with
    a match on every row ("e"), the strip was one orange column and hid every highlight."""
    controller = window.interview.controller
    text = window.interview.session.document.text
    placed = {}
    for color, word in (("blue", "independent"), ("pink", "Netflix"), ("green", "film")):
        start = text.index(word)
        controller.add_highlight(start, start + len(word), color)
        placed[color] = start
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.edit, "e")
    qtbot.waitUntil(lambda: len(window.reader.overview.matches) > 100, timeout=10_000)
    strip = window.reader.overview
    image = strip.grab().toImage()
    for color, start in placed.items():
        row = [image.pixelColor(x, strip.row_of(start) + 1).name() for x in range(strip.width())]
        assert marked(color, strip) in row, color
    assert len(strip.rows()[1]) > strip.height() // 4  # a match on most rows
    ticks = [image.pixelColor(x, y) for x in range(strip.width()) for y in strip.rows()[1]]
    assert ticks.count(match_mark_color()) >= len(strip.rows()[1])


def test_an_interview_that_fits_in_the_pane_has_no_marks_until_it_scrolls(
    make_window, qtbot, tmp_path
) -> None:
    """Placed by offset, the marks of an interview all in sight stood beside other words."""
    document = tmp_path / "short.txt"
    document.write_text("Q: How do nights start?\n\nA: With the handover. Always tired.\n")
    window = make_window(document, tmp_path / "notes.json")
    text = window.interview.session.document.text
    start = text.index("Always")
    select(window, qtbot, start, start + len("Always tired."))
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    strip = window.reader.overview
    assert window.interview.session.notes.highlights and strip.marks() == []
    image = strip.grab().toImage()
    painted = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    assert painted == {strip.palette().color(strip.backgroundRole()).rgb()}
    window.resize(window.width(), 170)  # the interview is longer than the pane now
    qtbot.waitUntil(lambda: window.reader.verticalScrollBar().maximum() > 0)
    highlight = window.interview.session.notes.highlights[0]
    assert [color for _, color in strip.marks()] == [highlight.color]
