"""Go ▸ Back and Forward over the reader's jumps (reader/ui/reading/jumps.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow

BACK = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


def top_offset(window: MainWindow) -> int:
    reader = window.reader
    return reader.reading.to_model(reader.cursorForPosition(QPoint(0, 0)).position())


def test_back_returns_to_the_reading_before_a_jump_and_forward_goes_on(
    window: MainWindow, qtbot: Any
) -> None:
    """A reader follows an Outline question far down, then Alt+Shift+Left: the page she was
    reading, her caret where it was; Alt+Shift+Right, the question again. A step on
    (Ctrl+Down) is reading, not a jump: Back skips it."""
    reader, outline = window.reader, window.outline
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus)
    qtbot.keyClick(reader, Qt.Key.Key_Down)
    qtbot.keyClick(reader, Qt.Key.Key_Down)
    caret, top = reader.cursor_offset(), top_offset(window)
    last = outline.item(outline.count() - 1)
    outline.setCurrentItem(last)
    outline.itemActivated.emit(last)
    qtbot.waitUntil(lambda: top_offset(window) > top + 1000)
    jumped_to = top_offset(window)
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # a step
    qtbot.keyClick(reader, Qt.Key.Key_Left, BACK)
    assert (reader.cursor_offset(), top_offset(window)) == (caret, top)
    qtbot.keyClick(reader, Qt.Key.Key_Right, BACK)
    assert top_offset(window) != top
    hints: list[str] = []
    reader.hint.connect(hints.append)
    qtbot.keyClick(reader, Qt.Key.Key_Right, BACK)  # nothing more ahead
    assert hints == ["No jump to go forward to."]
    # The mouse's back button, as in a browser.
    for kind in (QMouseEvent.Type.MouseButtonPress, QMouseEvent.Type.MouseButtonRelease):
        QApplication.sendEvent(
            reader.viewport(),
            QMouseEvent(
                kind,
                QPointF(10, 10),
                QPointF(10, 10),
                Qt.MouseButton.BackButton,
                Qt.MouseButton.BackButton
                if kind is QMouseEvent.Type.MouseButtonPress
                else Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
    assert (reader.cursor_offset(), top_offset(window)) == (caret, top)
    assert jumped_to > top


def test_backspace_on_a_highlight_still_deletes_it(window: MainWindow, qtbot: Any) -> None:
    """Back once took Backspace, and a highlight under the caret stayed: Back and Forward
    are Alt+Shift+Left and Alt+Shift+Right."""
    from tests.ui.test_highlights import highlight_with_key

    highlight_with_key(window, qtbot, "Hollywood")
    reader = window.reader
    cursor = reader.textCursor()
    cursor.clearSelection()
    reader.setTextCursor(cursor)
    qtbot.waitUntil(lambda: bool(reader.current_highlight_id))
    qtbot.keyClick(reader, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: not window.interview.session.notes.highlights)
