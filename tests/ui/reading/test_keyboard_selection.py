"""A passage selected with the keyboard's usual moves, which take the space or line end
after the words (Ctrl+Shift+Right, Shift+Down): marked with H, it is the current passage,
so the next key acts on it; a note cancelled leaves the selection as it was."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from reader.ui.window.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def select_words(window: MainWindow, qtbot: Any, word: str, words: int) -> None:
    """The caret before `word`, then Ctrl+Shift+Right `words` times."""
    reader = window.reader
    reader.setFocus()
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(window.interview.session.document.text.index(word)))  # type: ignore[union-attr]
    reader.setTextCursor(cursor)
    for _ in range(words):
        qtbot.keyClick(reader, Qt.Key.Key_Right, CTRL_SHIFT)
    assert reader.textCursor().selectedText().endswith(" ")


def test_h_on_words_and_the_space_after_them_makes_the_next_key_act_on_them(
    window: MainWindow, qtbot: Any
) -> None:
    """The caret was left after the space, outside the passage: 4 then said "Select
    words first", and Delete did nothing."""
    select_words(window, qtbot, "Everything in the movie", 3)
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    (highlight,) = window.interview.session.notes.highlights  # type: ignore[union-attr]
    assert highlight.exact == "Everything in the"
    assert window.reader.current_highlight() == highlight
    qtbot.keyClick(window.reader, Qt.Key.Key_4)
    (recoloured,) = window.interview.session.notes.highlights  # type: ignore[union-attr]
    assert recoloured.color != highlight.color


def test_a_note_cancelled_leaves_the_selection_for_another_key(
    window: MainWindow, qtbot: Any, dialogs: Any
) -> None:
    select_words(window, qtbot, "Everything in the movie", 3)
    dialogs.note_answers.append(None)  # Esc
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    assert window.interview.session.notes.highlights == []  # type: ignore[union-attr]
    assert window.reader.textCursor().selectedText() == "Everything in the "
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    assert len(window.interview.session.notes.highlights) == 1  # type: ignore[union-attr]


def test_ctrl_end_stops_after_the_last_words(make_window: Any, tmp_path: Any, qtbot: Any) -> None:
    """It went to the empty line the text's last line end makes: Shift+Home, then Q,
    said "Select words first"."""
    path = tmp_path / "talk.txt"
    path.write_text("Q: Where did you grow up?\n\nA: In Porto, by the sea.\n", encoding="utf-8")
    reader = make_window(path).reader
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert reader.textCursor().selectedText().endswith("In Porto, by the sea.")


def test_ctrl_shift_down_and_up_select_a_long_answer_whole(
    make_window: Any, qtbot: Any, tmp_path: Any
) -> None:
    """Found by the reading review: an answer longer than the pane lays out whole is in
    pieces, and Ctrl+Shift+Down selected to a piece's end: C coded a quarter of it."""
    sentence = "I kept going back to the studio every night because the label wanted more. "
    answer = "Participant: " + (sentence * 70).strip()
    path = tmp_path / "long.txt"
    path.write_text(f"Interviewer: How was it?\n\n{answer}\n\nInterviewer: And then?\n", "utf-8")
    window = make_window(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    reader = window.reader
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)  # the keys are the reader's shortcuts
    text = window.interview.session.document.text
    start, end = text.index("Participant"), text.index("\n", text.index("Participant"))
    assert len(reader.reading.continued) > 0  # type: ignore[union-attr]  # in pieces
    for caret, key in ((start, Qt.Key.Key_Down), (end, Qt.Key.Key_Up)):
        cursor = reader.textCursor()
        cursor.setPosition(reader.reading.to_qt(caret))  # type: ignore[union-attr]
        reader.setTextCursor(cursor)
        qtbot.keyClick(reader, key, CTRL_SHIFT)
        assert reader.selected_range() == (start, end)
