"""Moving through the open interview from the reader's caret, or from what is on screen
when the caret is out of it: to the next or previous question (Ctrl+Down / Ctrl+Up),
brought to the top as the Outline does; to the next or previous highlight or coded passage
(] / [), each in turn from the current one (nested ones and ones sharing a start too), made
current so that its keys (1–6, N, C, Delete, Q) act on it at once; and the selection to the
end or start of the paragraph (Ctrl+Shift+Down / Ctrl+Shift+Up, again for the next one),
to code a whole answer; and Back and Forward over the reader's jumps (reading/jumps.py)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextCursor

from reader.core.annotations import Highlight
from reader.core.stepping import step_from, step_through
from reader.ui.reading.reader_view import ReaderView

NONE_LEFT = {
    ("question", True): "No question after this one.",
    ("question", False): "No question before this one.",
    ("highlight", True): "No highlight or coded passage after the caret.",
    ("highlight", False): "No highlight or coded passage before the caret.",
}
# Ctrl+Down or Ctrl+Up where no paragraph is a question ("after this one" said one was).
NO_QUESTIONS = "This interview has no questions: mark one from a paragraph's menu (Shift+F10)."
# Ctrl+Up above the first question, in the introduction: there is no "this one" yet.
BEFORE_THE_FIRST = "No question before the caret: the first is further on (Ctrl+Down)."


def step(reader: ReaderView, target: str, forward: bool) -> None:
    """Go to the next (`forward`) or previous `target`: "question" or "highlight"; or
    select to the paragraph's end or start ("paragraph"); or forward or back over the
    reader's jumps ("jump")."""
    if reader.reading is None:
        return
    session = reader.session
    reader.setFocus()
    if target == "paragraph":
        select_paragraph(reader, forward)
        return
    if target == "jump":
        reader.jumps.go(forward)
        return
    # From the caret; from the top of the view when the caret is out of it (the reader
    # scrolled with the wheel or the scroll bar): the next question is the one after
    # what is on screen.
    first, last = reader.highlights.visible_range()
    caret = reader.cursor_offset()
    seen = first <= caret <= last
    origin = caret if seen else first
    if target == "question":
        starts = [session.segments[index].start for index, _number in session.questions]
        at = step_from(starts, origin, forward)
    else:
        # The notes keep them by start, then end: as the Annotations panel lists them.
        highlights = [h for h in session.notes.highlights if not h.orphan]
        starts = [h.start for h in highlights]
        ids = [h.id for h in highlights]
        current = reader.current_highlight_id
        here = ids.index(current) if seen and current in ids else None
        at = step_through(starts, here, origin, forward)
    if at is None:
        reader.hint.emit(_none_left(target, forward, starts, origin))
    elif target == "question":
        reader.scroll_to_offset(starts[at], jump=False)  # reading on: Back skips it
    else:
        show_highlight(reader, highlights[at])


def _none_left(target: str, forward: bool, starts: list[int], origin: int) -> str:
    """What the status line says when there is no `target` that way from `origin`."""
    if target == "question" and not starts:
        return NO_QUESTIONS
    if target == "question" and not forward and origin < starts[0]:
        return BEFORE_THE_FIRST
    return NONE_LEFT[target, forward]


def show_highlight(reader: ReaderView, highlight: Highlight) -> None:
    """Make `highlight` current, its paragraph near the top as a question's is (shown just
    in view, at the bottom, a second line was cut off); its own first line there when a
    long paragraph's top would leave its end out of sight. A step: Back skips it."""
    reader.scroll_to_offset(highlight.start, jump=False)
    reader.select_highlight(highlight.id)
    end = QTextCursor(reader.document())
    end.setPosition(reader.reading.to_qt(highlight.end))  # type: ignore[union-attr]
    if reader.cursorRect(end).bottom() > reader.viewport().height():
        bar = reader.verticalScrollBar()
        bar.setValue(bar.value() + reader.cursorRect().top() - reader.cursorRect().height())


def select_paragraph(reader: ReaderView, forward: bool) -> None:
    """The selection to the end (start) of the caret's paragraph; from there, of the next
    (previous) one."""
    move = QTextCursor.MoveOperation
    cursor = reader.textCursor()
    step = move.NextBlock if forward else move.PreviousBlock
    if cursor.atBlockEnd() if forward else cursor.atBlockStart():
        # Over the empty lines between turns too: a selection ending on one selected only
        # the break, and C on it did nothing.
        while cursor.movePosition(step, cursor.MoveMode.KeepAnchor):
            if cursor.block().text().strip():
                break
    keep = cursor.MoveMode.KeepAnchor
    cursor.movePosition(move.EndOfBlock if forward else move.StartOfBlock, keep)
    # A paragraph longer than the pane lays out whole is in pieces, a block each
    # (long_paragraphs.py): the selection went to a piece's end, a quarter of an answer.
    pieces = reader.reading.continued if reader.reading is not None else set()
    if forward:
        while cursor.block().next().blockNumber() in pieces:
            cursor.movePosition(move.NextBlock, keep)
            cursor.movePosition(move.EndOfBlock, keep)
    else:
        while cursor.blockNumber() in pieces:
            cursor.movePosition(move.PreviousBlock, keep)
            cursor.movePosition(move.StartOfBlock, keep)
    reader.setTextCursor(cursor)


def connect_steps(reader: ReaderView, steps: list[tuple[QAction, str, bool]]) -> None:
    """The steps' keys work in the reader only (] and [ are typed in the notes, and Ctrl+Up
    and Ctrl+Down keep their own use there); from the menu, they work anywhere."""
    for action, target, forward in steps:
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        reader.addAction(action)
        action.triggered.connect(partial(step, reader, target, forward))
