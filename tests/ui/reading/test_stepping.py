"""Stepping through the interview by keys, from the reader's caret: Ctrl+Down / Ctrl+Up to
the next or previous question, ] / [ to the next or previous highlight or coded passage,
whose own keys then act on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from reader.core.annotations import COLOR_IDS
from reader.ui.reading.stepping import BEFORE_THE_FIRST, NO_QUESTIONS
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import wait_saved
from tests.ui.test_read_only_undo import activate

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_ctrl_down_and_up_go_from_question_to_question(window: MainWindow, qtbot: Any) -> None:
    reader, session = window.reader, window.interview.session
    assert session is not None
    starts = [session.segments[i].start for i, _ in session.questions]
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Down, CTRL)
    assert reader.cursor_offset() == starts[0]
    qtbot.keyClick(reader, Qt.Key.Key_Down, CTRL)
    assert reader.cursor_offset() == starts[1]
    assert 0 <= reader.cursorRect().top() < reader.viewport().height() // 3  # up, to be read
    qtbot.keyClick(reader, Qt.Key.Key_Up, CTRL)
    assert reader.cursor_offset() == starts[0]
    qtbot.keyClick(reader, Qt.Key.Key_Up, CTRL)
    assert reader.cursor_offset() == starts[0]
    assert window.statusBar().currentMessage() == "No question before this one."
    assert window.outline.currentRow() == 0


def test_ctrl_down_in_an_interview_without_questions_says_there_are_none(
    make_window: Callable[..., MainWindow], qtbot: Any, tmp_path: Path
) -> None:
    """Not "No question after this one.", as if the caret were at one: there is none, and
    how to mark one is said."""
    text = "I have worked nights since 2005.\n\nThe handover is the hardest part.\n"
    (tmp_path / "essay.txt").write_text(text, encoding="utf-8")
    window = make_window(tmp_path / "essay.txt")
    assert window.interview.session is not None and not window.interview.session.questions
    activate(window, qtbot)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Down, CTRL)
    assert window.statusBar().currentMessage() == NO_QUESTIONS


def test_ctrl_up_in_the_introduction_says_the_first_question_is_further_on(
    window: MainWindow, qtbot: Any
) -> None:
    """Above Q1 there is no question the caret is at: not "No question before this one."."""
    reader = window.reader
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(reader, Qt.Key.Key_Up, CTRL)
    assert reader.cursor_offset() == 0
    assert window.statusBar().currentMessage() == BEFORE_THE_FIRST


def test_after_scrolling_away_from_the_caret_ctrl_down_goes_on_from_what_is_shown(
    window: MainWindow, qtbot: Any
) -> None:
    """The wheel or the scroll bar leaves the caret behind: the next question is the one
    after what the reader has on screen, not the one after the caret far above."""
    reader, session = window.reader, window.interview.session
    assert session is not None
    starts = [session.segments[i].start for i, _ in session.questions]
    reader.setFocus()
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # the caret stays at the start, far above
    first, _last = reader.highlights.visible_range()
    assert reader.cursor_offset() < first
    qtbot.keyClick(reader, Qt.Key.Key_Down, CTRL)
    assert reader.cursor_offset() == next(s for s in starts if s > first)
    assert reader.cursor_offset() > starts[1]  # not the question after the caret


def test_brackets_go_from_highlight_to_highlight_and_its_keys_act(
    window: MainWindow, qtbot: Any, notes_path: Path
) -> None:
    reader = window.reader
    text = window.interview.session.document.text
    for word in ("Elisabeth Moss", "home movie"):
        start = text.index(word)
        reader.select_span(start, start + len(word))
        qtbot.keyClick(reader, Qt.Key.Key_H)
    first, second = sorted(window.interview.session.notes.highlights, key=lambda h: h.start)
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(reader, Qt.Key.Key_BracketRight)
    assert reader.current_highlight_id == first.id
    qtbot.keyClick(reader, Qt.Key.Key_BracketRight)
    assert reader.current_highlight_id == second.id
    assert reader.viewport().rect().contains(reader.cursorRect())
    qtbot.keyClick(reader, Qt.Key.Key_3)  # recoloured: the keys of a highlight act on it
    qtbot.keyClick(reader, Qt.Key.Key_BracketRight)
    assert window.statusBar().currentMessage().startswith("No highlight or coded passage after")
    qtbot.keyClick(reader, Qt.Key.Key_BracketLeft)
    assert reader.current_highlight_id == first.id
    window.interview.flush()
    colors = {h["id"]: h["color"] for h in orjson.loads(notes_path.read_bytes())["highlights"]}
    assert colors[second.id] != colors[first.id]
    # In the notes, ] is typed.
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "[1]")
    assert window.notes_editor.toPlainText().endswith("[1]")
    assert reader.current_highlight_id == first.id


def test_a_bracket_brings_the_whole_highlight_to_the_reading_line_and_is_no_jump(
    window: MainWindow, qtbot: Any, notes_path: Path
) -> None:
    """] put the next highlight on the reader's last line (the least scroll that showed its
    start), a highlight of two lines cut off after the first. Its paragraph comes up to the
    reading line now, a quarter of the way down, as Ctrl+Down brings a question's and every
    jump brings what it goes to (the lines before it in view: at the top edge, the question
    it answered was out of sight), and it is whole in sight; and Back does not undo a step."""
    reader = window.reader
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: reader.viewport().height() < 600)
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)
    bottom = reader.cursorForPosition(QPoint(40, reader.viewport().height() - 4))
    start = reader.reading.to_model(bottom.block().position())  # the last line's paragraph
    start = max(start, reader.reading.to_model(bottom.position()) - 5)
    window.interview.controller.add_highlight(start, start + 160, "yellow")  # two lines
    wait_saved(qtbot, notes_path, lambda d: d["highlights"])
    qtbot.keyClick(reader, Qt.Key.Key_BracketRight)
    (highlight,) = window.interview.session.notes.highlights
    assert reader.current_highlight_id == highlight.id
    end = QTextCursor(reader.document())
    end.setPosition(reader.reading.to_qt(highlight.end))
    paragraph = QTextCursor(reader.textCursor().block())  # as a question's
    assert reader.cursorRect(paragraph).top() == reader.reading_line()
    assert reader.reading_line() == reader.viewport().height() // 4
    assert reader.cursorRect().top() >= 0
    assert reader.cursorRect(end).bottom() <= reader.viewport().height()
    qtbot.keyClick(reader, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier | SHIFT)  # Back
    assert window.statusBar().currentMessage() == "No jump to go back from."
    assert reader.current_highlight_id == highlight.id


def test_brackets_reach_highlights_sharing_a_start_and_their_keys_act_on_them(
    window: MainWindow, qtbot: Any, notes_path: Path
) -> None:
    reader = window.reader
    text = window.interview.session.document.text
    for word in ("Elisabeth Moss", "Elisabeth", "home movie"):  # the shorter one nested
        start = text.index(word)
        reader.select_span(start, start + len(word))
        qtbot.keyClick(reader, Qt.Key.Key_H)
    highlights = window.interview.session.notes.highlights
    order = [h.id for h in sorted(highlights, key=lambda h: (h.start, h.end))]
    assert [h.exact for h in highlights] == ["Elisabeth", "Elisabeth Moss", "home movie"]
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)
    forward = []
    for _ in order:
        qtbot.keyClick(reader, Qt.Key.Key_BracketRight)
        forward.append(reader.current_highlight_id)
    assert forward == order
    qtbot.keyClick(reader, Qt.Key.Key_End, CTRL)
    backward = []
    for _ in order:
        qtbot.keyClick(reader, Qt.Key.Key_BracketLeft)
        backward.append(reader.current_highlight_id)
    assert backward == order[::-1]
    qtbot.keyClick(reader, Qt.Key.Key_BracketRight)  # from "Elisabeth" to "Elisabeth Moss"
    assert reader.current_highlight_id == order[1]
    qtbot.keyClick(reader, Qt.Key.Key_2)
    assert reader.current_highlight_id == order[1]  # still: 2 again would act on it too
    window.interview.flush()
    saved = {h["exact"]: h["color"] for h in orjson.loads(notes_path.read_bytes())["highlights"]}
    assert saved["Elisabeth Moss"] == COLOR_IDS[1]
    assert saved["Elisabeth"] != COLOR_IDS[1]


def test_ctrl_shift_down_selects_to_the_paragraphs_end_then_the_next(
    window: MainWindow, qtbot: Any, notes_path: Path
) -> None:
    reader, session = window.reader, window.interview.session
    question = session.segments[session.questions[0][0]]
    answer = session.segments[session.questions[0][0] + 1]
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Down, CTRL)  # Q1's start
    qtbot.keyClick(reader, Qt.Key.Key_Down, CTRL | SHIFT)
    assert reader.selected_range() == (question.start, question.end)
    qtbot.keyClick(reader, Qt.Key.Key_Down, CTRL | SHIFT)  # and the answer
    assert reader.selected_range() == (question.start, answer.end)
    qtbot.keyClick(reader, Qt.Key.Key_Up, CTRL | SHIFT)  # back to the answer's start
    assert reader.selected_range() == (question.start, answer.start)
    qtbot.keyClick(reader, Qt.Key.Key_H)  # highlighted: what was selected, as it reads
    window.interview.flush()
    (saved,) = orjson.loads(notes_path.read_bytes())["highlights"]
    assert saved["exact"] == session.document.text[question.start : answer.start].strip()


def test_ctrl_shift_down_goes_over_the_empty_line_between_turns(
    make_window: Any, qtbot: Any
) -> None:
    """A Zoom transcript's turns have an empty line between them: the second press selected
    only that line's break, and C on it opened nothing (found by a review)."""
    window = make_window(Path(__file__).parents[2] / "data" / "student" / "P01-zoom.vtt")
    reader, session = window.reader, window.interview.session
    first, second = session.segments[:2]
    activate(window, qtbot)
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(reader, Qt.Key.Key_Down, CTRL | SHIFT)
    assert reader.selected_range() == (first.start, first.end)
    qtbot.keyClick(reader, Qt.Key.Key_Down, CTRL | SHIFT)
    assert reader.selected_range() == (first.start, second.end)
    qtbot.keyClick(reader, Qt.Key.Key_Up, CTRL | SHIFT)  # back over it, to the turn's start
    assert reader.selected_range() == (first.start, second.start)
    reader.select_span(first.end, second.start)  # the break alone: C says why it does nothing
    qtbot.keyClick(reader, Qt.Key.Key_C)
    assert "holds no words" in window.statusBar().currentMessage()
