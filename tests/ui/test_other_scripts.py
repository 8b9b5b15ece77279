"""Interviews not in Latin script, worked on as a researcher does: Arabic, Hebrew, Japanese
and English full of emoji and combining marks (the files of tests/data/scripts, made for
these tests). Words are selected with the keys and the mouse, highlighted with H, and the
notes file on disk must quote exactly the words selected."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication, QListView

from reader.core.interview import Role
from reader.ui import theme
from reader.ui.window.main_window import MainWindow
from tests.ui.test_find import activate, open_and_type
from tests.ui.test_highlights import wait_saved

SCRIPTS = Path(__file__).parents[1] / "data" / "scripts"
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | SHIFT


@pytest.fixture
def opened(make_window, tmp_path: Path, qtbot):
    def open_copy(name: str) -> MainWindow:
        path = tmp_path / name
        shutil.copy(SCRIPTS / name, path)
        window = make_window(path)
        activate(window, qtbot)
        return window

    return open_copy


def caret_at(window: MainWindow, offset: int) -> None:
    reader = window.reader
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(offset))
    reader.setTextCursor(cursor)


def stored(qtbot, notes_path: Path, count: int = 1) -> list[dict]:
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == count)
    return data["highlights"]


def assert_quotes_text(window: MainWindow, highlight: dict) -> None:
    text = window.interview.session.document.text
    assert text[highlight["start"] : highlight["end"]] == highlight["exact"]


@pytest.mark.parametrize(
    ("name", "word", "keys"),
    [
        # Right to left, Shift+Left selects onwards: four letters, their marks on them.
        ("arabic.txt", "كَتَبَ", [(Qt.Key.Key_Left, SHIFT)] * 4),
        ("arabic.txt", "flat white", [(Qt.Key.Key_Left, CTRL_SHIFT)] * 2),
        ("hebrew.vtt", "שָׁלוֹם", [(Qt.Key.Key_Left, SHIFT)] * 4),
        ("hebrew.vtt", "הכֹּל", [(Qt.Key.Key_Left, CTRL_SHIFT)]),
        ("hebrew.vtt", "הכֹּל. עכשיו יש מחשבים ו־Wi-Fi.", [(Qt.Key.Key_End, SHIFT)]),
        ("japanese.srt", "京都", [(Qt.Key.Key_Right, SHIFT)] * 2),
        ("emoji.txt", "👨\u200d👩\u200d👧\u200d👦", [(Qt.Key.Key_Right, SHIFT)]),
        ("emoji.txt", "🇮🇳", [(Qt.Key.Key_Right, SHIFT)]),
        ("emoji.txt", "नमस्ते", [(Qt.Key.Key_Right, SHIFT)] * 3),  # न म स्ते
        ("emoji.txt", "máx́", [(Qt.Key.Key_Right, SHIFT)] * 3),
        ("emoji.txt", "👍🏿 for the café.", [(Qt.Key.Key_End, SHIFT)]),
    ],
)
def test_keyboard_selection_is_quoted_exactly(
    opened, qtbot, notes_path: Path, name: str, word: str, keys
) -> None:
    window = opened(name)
    text = window.interview.session.document.text
    start = text.index(unicodedata.normalize("NFC", word))
    caret_at(window, start)
    for key, modifiers in keys:
        qtbot.keyClick(window.reader, key, modifiers)
    selected = window.reader.textCursor().selectedText().strip()
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (highlight,) = stored(qtbot, notes_path)
    assert highlight["exact"] == selected == unicodedata.normalize("NFC", word)
    assert_quotes_text(window, highlight)


@pytest.mark.parametrize(
    ("name", "query", "quote"),
    [
        ("emoji.txt", "👍", "👍🏿"),  # its skin tone
        ("emoji.txt", "👩", "👨\u200d👩\u200d👧\u200d👦"),  # the family it is one of
        ("emoji.txt", "क", "क्ष"),  # a conjunct
        ("emoji.txt", "q", "q\u0323\u0307"),  # its two marks, which have no composed form
    ],
)
def test_a_find_match_inside_a_character_is_highlighted_whole(
    opened, qtbot, notes_path: Path, name: str, query: str, quote: str
) -> None:
    """Find leaves its match selected for H; a match that is part of what reads as one
    character (an emoji without its skin tone) is highlighted as the whole of it: before,
    the notes quoted "👍" alone, a woman out of a family, half a conjunct."""
    window = opened(name)
    bar = open_and_type(window, qtbot, query)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (highlight,) = stored(qtbot, notes_path)
    assert highlight["exact"] == quote
    assert_quotes_text(window, highlight)


@pytest.mark.parametrize(("name", "word"), [("arabic.txt", "اسمي"), ("japanese.srt", "陶芸")])
def test_mouse_selection_is_quoted_exactly(
    opened, qtbot, notes_path: Path, name: str, word: str
) -> None:
    """A drag from the word's first letter to its last, whichever way the line runs."""
    window = opened(name)
    reader = window.reader
    start = window.interview.session.document.text.index(word)
    cursor = reader.textCursor()
    ends = []
    for offset in (start, start + len(word)):
        cursor.setPosition(reader.reading.to_qt(offset))
        ends.append(reader.cursorRect(cursor).center())
    viewport = reader.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=ends[0])
    qtbot.mouseMove(viewport, ends[1] + QPoint(0, 1))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=ends[1])
    assert reader.textCursor().selectedText() == word
    qtbot.keyClick(reader, Qt.Key.Key_H)
    (highlight,) = stored(qtbot, notes_path)
    assert highlight["exact"] == word
    assert_quotes_text(window, highlight)


def ink(image: QImage) -> set[tuple[int, int]]:
    """The dark pixels of `image` (text in the Text colour; not muted labels nor colour
    bars), placed from their bounding box's corner."""
    dark = [
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).lightness() < 100
    ]
    left, top = min(x for x, _ in dark), min(y for _, y in dark)
    return {(x - left, y - top) for x, y in dark}


def drawn(font: QFont, *pieces: tuple[str, Qt.LayoutDirection]) -> set[tuple[int, int]]:
    """The ink of `pieces` drawn one after the other on a line, each in its direction."""
    image = QImage(900, 80, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.black)
    x = 10.0
    for text, direction in pieces:
        painter.setLayoutDirection(direction)
        painter.drawText(QPointF(x, 40), text)
        x += QFontMetricsF(font).horizontalAdvance(text)
    painter.end()
    return ink(image)


def alike(a: set[tuple[int, int]], b: set[tuple[int, int]]) -> float:
    """The share of either's ink with the other's a pixel away at most (antialiasing on
    another background differs at the edges)."""

    def near(one: set, other: set) -> float:
        steps = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
        return sum(any((x + dx, y + dy) in other for dx, dy in steps) for x, y in one) / len(one)

    return min(near(a, b), near(b, a))


LTR, RTL = Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft


def test_hebrew_rows_read_right_to_left_in_the_outline_and_annotations(
    opened, qtbot, notes_path: Path
) -> None:
    """A Hebrew question ends in "?" on its left, as the reader shows it: the Outline's row
    and the Annotations row of a highlight on it painted it at the right end, as if the
    words read left to right."""
    window = opened("hebrew.vtt")
    words = "מה השתנה מאז?"
    start = window.interview.session.document.text.index(words)
    window.reader.select_span(start, start + len(words))
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    stored(qtbot, notes_path)
    window.resize(1280, 800)
    window.resizeDocks([window.outline_dock], [300], Qt.Orientation.Horizontal)
    outline = window.outline
    qtbot.waitUntil(lambda: outline.viewport().width() > 250)
    outline.clearSelection()
    row = outline.visualItemRect(outline.item(1))
    painted = ink(outline.viewport().grab(row).toImage())
    font = outline.font()
    assert alike(painted, drawn(font, ("Q2  ", LTR), (words, RTL))) > 0.95
    assert alike(painted, drawn(font, (f"Q2  {words}", LTR))) < 0.8

    qtbot.keyClick(window.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.annotations_dock.widget().findChild(QListView)
    qtbot.waitUntil(lambda: view is not None and view.model().rowCount() == 1)
    view.clearSelection()
    view.setCurrentIndex(QModelIndex())
    painted = ink(view.viewport().grab(view.visualRect(view.model().index(0, 0))).toImage())
    font = view.font()
    assert alike(painted, drawn(font, (words, RTL))) > 0.95
    assert alike(painted, drawn(font, (words, LTR))) < 0.8


WORDS = {
    "arabic.txt": ["كَتَبَ أبي", "flat white", "☕"],
    "hebrew.vtt": ["שָׁלוֹם", "📚", "הכֹּל"],
    "japanese.srt": ["京都", "🏺", "ｶﾀｶﾅ"],
    "emoji.txt": ["👨\u200d👩\u200d👧\u200d👦", "🇮🇳", "क्षमा", "máx́", "q̣̇uite", "👍🏿"],
}
# A line added above everything, in each file's shape.
LINE_ABOVE = {
    ".txt": ("", "A line written in later.\n\n"),
    ".vtt": ("WEBVTT\n\n", "0\n00:00:00.000 --> 00:00:00.900\nנועה: שורה חדשה.\n\n"),
    ".srt": ("", "1\n00:00:00,000 --> 00:00:00,900\n聞き手：新しい行。\n\n"),
}


@pytest.mark.parametrize("name", sorted(WORDS))
def test_highlights_come_back_on_the_same_words_after_reopening_and_an_edit_above(
    opened, make_window, qtbot, notes_path: Path, tmp_path: Path, name: str
) -> None:
    window = opened(name)
    text = window.interview.session.document.text
    words = [unicodedata.normalize("NFC", word) for word in WORDS[name]]
    for word in words:
        start = text.index(word)
        window.reader.select_span(start, start + len(word))
        qtbot.keyClick(window.reader, Qt.Key.Key_H)
    first = stored(qtbot, notes_path, len(words))
    assert [h["exact"] for h in first] == words
    window.close()

    def reopened() -> list[tuple[str, str]]:
        again = make_window(tmp_path / name)
        session = again.interview.session
        text = session.document.text
        placed = [(text[h.start : h.end], h.exact) for h in session.notes.highlights]
        again.close()
        return placed

    assert reopened() == [(word, word) for word in words]
    path = tmp_path / name
    head, line = LINE_ABOVE[path.suffix]
    body = path.read_text(encoding="utf-8")
    path.write_text(head + line + body[len(head) :], encoding="utf-8")
    assert reopened() == [(word, word) for word in words]


def test_quote_in_notes_and_copy_as_quotation_take_whole_characters(
    opened, qtbot, notes_path: Path
) -> None:
    """Q and Ctrl+Shift+C on a find match inside a character quote all of it."""
    window = opened("emoji.txt")
    bar = open_and_type(window, qtbot, "👍")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(window.reader, Qt.Key.Key_C, CTRL_SHIFT)
    assert QApplication.clipboard().text() == "“👍🏿” (Zoë, Q2, Emoji)"
    qtbot.keyClick(window.reader, Qt.Key.Key_Q)
    (highlight,) = stored(qtbot, notes_path)
    assert highlight["exact"] == "👍🏿"
    notes = window.notes_pane.editor.toPlainText()
    assert "> 👍🏿\n" in notes or "> 👍🏿 " in notes, notes


@pytest.mark.parametrize(
    ("name", "query", "found"),
    [
        ("arabic.txt", "كتب", "كَتَبَ"),  # vowel signs ignored, and kept in the quote
        ("arabic.txt", "شكرا", "شكرًا"),
        ("hebrew.vtt", "שלום", "שָׁלוֹם"),  # niqqud
        ("hebrew.vtt", "הכל", "הכֹּל"),
        ("japanese.srt", "カタカナ", "ｶﾀｶﾅ"),  # half-width katakana is katakana
    ],
)
def test_find_ignores_vowel_marks_and_highlights_the_words_as_written(
    opened, qtbot, notes_path: Path, name: str, query: str, found: str
) -> None:
    window = opened(name)
    bar = open_and_type(window, qtbot, query)
    assert bar.count_label.text() == "1 of 1"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (highlight,) = stored(qtbot, notes_path)
    assert highlight["exact"] == found
    assert_quotes_text(window, highlight)


def test_find_tells_kana_with_voicing_marks_apart(opened, qtbot) -> None:
    """が is not か with a mark on it to leave out: "かん" does not find "がん"."""
    window = opened("japanese.srt")
    assert open_and_type(window, qtbot, "かんばって").count_label.text() == "No matches"


@pytest.mark.parametrize(("name", "side"), [("arabic.txt", 1), ("emoji.txt", 0)])
def test_an_aside_is_set_in_from_where_its_lines_start(opened, qtbot, name: str, side: int):
    """An aside is indented from where its lines start: from the right in Arabic (its
    left margin left an Arabic aside flush right, like any answer), from the left in
    English."""
    window = opened(name)
    session = window.interview.session
    aside, answer = (seg.start for seg in session.segments if seg.role is Role.ANSWER)
    window.reader.roleRequested.emit(aside, Role.ASIDE)
    qtbot.waitUntil(lambda: session.segment_at(aside).role is Role.ASIDE)
    doc = window.reader.document()

    def line_edges(offset: int) -> tuple[float, float]:
        block = doc.findBlock(window.reader.reading.to_qt(offset))
        left = doc.documentLayout().blockBoundingRect(block).left()
        line = block.layout().lineAt(0).naturalTextRect()
        return left + line.left(), left + line.right()

    inset = line_edges(aside)[side] - line_edges(answer)[side]
    em = window.reader.font().pointSizeF() * 1.33
    assert (-inset if side else inset) > em


def test_a_highlight_across_two_directions_colours_only_its_words(
    opened, qtbot, notes_path: Path
) -> None:
    """In an Arabic line with English in it, "يطلبون flat" is two pieces on screen, with
    the " white" of "flat white" between them: the highlight was painted as one band
    from its first letter's place to its last's, over " white" and not over "flat"."""
    window = opened("arabic.txt")
    reader = window.reader
    text = window.interview.session.document.text
    start = text.index("يطلبون flat")
    caret_at(window, start)
    for _ in range(len("يطلبون flat")):  # onwards, in a line that runs right to left
        qtbot.keyClick(reader, Qt.Key.Key_Left, SHIFT)
    assert reader.textCursor().selectedText() == "يطلبون flat"
    qtbot.keyClick(reader, Qt.Key.Key_2)  # green
    stored(qtbot, notes_path)
    reader.scroll_to_offset(text.index("ليلى: كل"))  # the caret away: no frame

    def pixel_between(first: str, second: str):
        """The colour at the top of the line between two letters inside a word."""
        xs = []
        for letter in (first, second):
            cursor = reader.textCursor()
            cursor.setPosition(reader.reading.to_qt(text.index(letter, start)))
            xs.append(reader.cursorRect(cursor))
        image = reader.viewport().grab().toImage()
        return image.pixelColor((xs[0].center().x() + xs[1].center().x()) // 2, xs[0].top() + 2)

    green = theme.highlight_color("green")
    assert pixel_between("la", "at") == green  # "flat"
    assert pixel_between("hi", "it") != green  # "white"
    assert pixel_between("طل", "لب") == green


@pytest.mark.parametrize(
    ("name", "turn", "words"),
    [
        ("arabic.txt", "ليلى: كل", "كل شيء تقريبًا. الزبائن يطلبون flat white الآن"),
        ("hebrew.vtt", "דוד: הכֹּל", "הכֹּל. עכשיו יש מחשבים ו־Wi-Fi."),
        ("japanese.srt", "佐藤: はい", "はい、ｶﾀｶﾅで書く留学生も来ます。がんばっています。"),
    ],
)
def test_a_whole_turn_is_quoted_without_its_speaker_label(
    opened, qtbot, notes_path: Path, name: str, turn: str, words: str
) -> None:
    """Ctrl+Shift+Down from a turn's start, then H: the words said, not "Name: "."""
    window = opened(name)
    caret_at(window, window.interview.session.document.text.index(turn))
    qtbot.keyClick(window.reader, Qt.Key.Key_Down, CTRL_SHIFT)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (highlight,) = stored(qtbot, notes_path)
    assert highlight["exact"].startswith(words)
    assert_quotes_text(window, highlight)


def test_a_japanese_highlight_from_before_cues_lost_their_space_stays_on_its_words(
    opened, make_window, qtbot, notes_path: Path, tmp_path: Path
) -> None:
    """Japanese and Chinese cues of one speaker once joined with a space; they join
    without one now. A highlight across two cues made then, too short to be matched
    fuzzily, is found again on its words (it was an orphan), and saved there with the
    next change."""
    window = opened("japanese.srt")
    text = window.interview.session.document.text
    joined = "した。毎朝"  # the end of cue 2 and the start of cue 3, one speaker's
    start = text.index(joined)
    window.reader.select_span(start, start + len(joined))
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (made,) = stored(qtbot, notes_path)
    window.close()
    data = orjson.loads(notes_path.read_bytes())  # as the app wrote it before the change
    data["highlights"][0] |= {"exact": "した。 毎朝", "end": made["end"] + 1}
    data["document"]["sha256"] = "0" * 64
    notes_path.write_bytes(orjson.dumps(data))

    again = make_window(tmp_path / "japanese.srt")
    (h,) = again.interview.session.notes.highlights
    assert (h.exact, h.start, h.orphan) == (joined, start, False)
    assert "the highlight found again (1 at a new place)" in again.banner.text()
    activate(again, qtbot)
    caret_at(again, start + 1)
    qtbot.keyClick(again.reader, Qt.Key.Key_2)  # recoloured
    (on_disk,) = wait_saved(qtbot, notes_path, lambda d: d["highlights"][0]["color"] != "yellow")[
        "highlights"
    ]
    assert (on_disk["exact"], on_disk["start"]) == (joined, start)


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("separator.txt", "Q: How did it start?\u2029Tell me.\nA: It started at dawn, first.\n"),
        ("entities.md", "Q: Hello&#13;\nTell me&#x2029;more.\n\nA: It started at dawn, first.\n"),
    ],
)
def test_a_paragraph_break_qt_reads_in_the_text_keeps_every_place(
    make_window, tmp_path: Path, name: str, written: str
) -> None:
    """Unicode's paragraph separator (U+2029) in a text, or a carriage return or one written
    as a Markdown entity: Qt parts paragraphs there (at "\\r\\n" once), the text's offsets
    did not, and every highlight after it was one off, the margin's names one paragraph."""
    path = tmp_path / name
    path.write_text(written, encoding="utf-8")
    window = make_window(path)
    session, reader = window.interview.session, window.reader
    text = session.document.text
    assert "\r" not in text and "\u2029" not in text
    start = text.index("first")
    reader.select_span(start, start + len("first"))
    assert reader.textCursor().selectedText() == "first"
    block = reader.document().findBlock(reader.reading.to_qt(text.index("A: It")))
    segment = reader.reading.segment_of_block(block.blockNumber())
    assert segment is not None and text[segment.start : segment.end].startswith("A: It")
