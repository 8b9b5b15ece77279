"""What the find bar searches: the interview in the reader, or the text of another pane
(the research notes or the study memo, in their editor or their preview). Each gives its
text, its selection and caret in the text's code points, selects a match and marks them
all; the bar (find_bar.py) searches the one whose pane has the focus when it opens."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from reader.core.markdown_links import quote_link_hidden
from reader.core.offsets import Utf16Index
from reader.core.palettes import match_tint
from reader.ui import theme
from reader.ui.find.match_overlay import MatchOverlay
from reader.ui.reading.reader_view import ReaderView

MAX_MARKED = 2000  # matches marked in view at once (a very long line of them)


class ReaderTarget:
    """The interview in the reader. Its matches are outlined by an overlay, which paints
    only those in view (a common word has tens of thousands in a long interview)."""

    def __init__(self, reader: ReaderView) -> None:
        self.widget: QWidget = reader
        self.reader = reader
        self.overlay = MatchOverlay(reader)

    def name(self) -> str:
        return "the interview"

    def connect(self, changed: Callable[[], None]) -> None:
        self.reader.textChanged.connect(changed)  # also when a document is opened

    def source(self) -> object:
        """What the text is of: another one is searched again."""
        return self.reader.reading

    def edits(self) -> int:
        return 0  # an interview's text does not change while it shows

    def text(self) -> str | None:
        return None if self.reader.reading is None else self.reader.session.document.text

    def hidden(self, text: str) -> list[tuple[int, int]]:
        """What of `text` the user does not see, which Find leaves out: nothing here."""
        del text
        return []

    def selected_range(self) -> tuple[int, int] | None:
        return self.reader.selected_range() if self.reader.reading is not None else None

    def caret(self) -> int:
        if self.reader.reading is None:
            return 0
        span = self.reader.selected_range()
        return span[0] if span is not None else self.reader.cursor_offset()

    def select(self, start: int, end: int) -> None:
        """Select [start, end) in the reader, centred when it was out of sight."""
        reader = self.reader
        assert reader.reading is not None
        cursor = reader.textCursor()
        cursor.setPosition(reader.reading.to_qt(start))
        rect = reader.cursorRect(cursor)
        viewport = reader.viewport().rect()
        if rect.top() < 0 or rect.bottom() > viewport.height():
            bar = reader.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - viewport.height() // 2)
        cursor.setPosition(reader.reading.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        reader.setTextCursor(cursor)
        reader.went_to(start)  # the Outline shows the match's question
        reader.viewport().update()  # the matches, tinted under the text

    def deselect(self) -> None:
        cursor = self.reader.textCursor()
        cursor.clearSelection()  # the caret stays where it was
        self.reader.setTextCursor(cursor)

    def show_matches(self, matches: list[tuple[int, int]], current: int) -> None:
        self.overlay.set_matches(matches, current)

    def set_current(self, current: int) -> None:
        self.overlay.set_current(current)


class TextTarget:
    """The text of an editor or a viewer (the notes, their preview): its matches marked
    by extra selections, the current one selected."""

    def __init__(self, widget: QPlainTextEdit | QTextEdit, name: Callable[[], str]) -> None:
        self.widget = widget
        self.name = name  # what it holds, as the bar says it: "your notes", "the study memo"
        self._edits = 0
        self._index = Utf16Index("")  # of the text searched last, after `_indexed` edits
        self._indexed = 0
        self._matches: list[tuple[int, int]] = []
        self._follows_scroll = False
        widget.textChanged.connect(self._edited)

    def _edited(self) -> None:
        self._edits += 1

    def connect(self, changed: Callable[[], None]) -> None:
        self.widget.textChanged.connect(changed)

    def source(self) -> object:
        return self.widget.document()  # another interview's notes, or the memo's

    def edits(self) -> int:
        return self._edits

    def text(self) -> str:
        # The document's plain text: one character for each position (a table's cell too).
        text = self.widget.document().toPlainText()
        self._index, self._indexed = Utf16Index(text), self._edits
        return text

    def hidden(self, text: str) -> list[tuple[int, int]]:
        """The brackets and targets of the quotes' links, behind their chips (notes, memo)."""
        return quote_link_hidden(text)

    def selected_range(self) -> tuple[int, int] | None:
        cursor = self.widget.textCursor()
        if not cursor.hasSelection():
            return None
        index = self.current_index()
        return (
            index.to_code_point(cursor.selectionStart()),
            index.to_code_point(cursor.selectionEnd()),
        )

    def caret(self) -> int:
        span = self.selected_range()
        position = self.widget.textCursor().position()
        return span[0] if span is not None else self.current_index().to_code_point(position)

    def current_index(self) -> Utf16Index:
        if self._indexed != self._edits:
            self.text()  # changed since it was searched
        return self._index

    def select(self, start: int, end: int) -> None:
        """Select [start, end), centred when it was out of sight."""
        widget, index = self.widget, self._index
        cursor = widget.textCursor()
        cursor.setPosition(index.to_utf16(start))
        rect = widget.cursorRect(cursor)
        out_of_sight = rect.top() < 0 or rect.bottom() > widget.viewport().height()
        cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        if out_of_sight and isinstance(widget, QPlainTextEdit):
            widget.centerCursor()
        elif out_of_sight:  # a viewer scrolls by pixels, not lines
            rect, bar = widget.cursorRect(), widget.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - widget.viewport().height() // 2)

    def deselect(self) -> None:
        cursor = self.widget.textCursor()
        cursor.clearSelection()
        self.widget.setTextCursor(cursor)

    def show_matches(self, matches: list[tuple[int, int]], current: int) -> None:
        """Mark the matches in view, and those that come into view as it scrolls: marking
        2,000 of "the" in 1 MB of notes at once took 0.9 s (Qt asked each one's paragraph
        its rectangle, from Python: notes_document.ParagraphDirections). A pane made
        taller or narrower shows more: its scroll bar's range changes then."""
        del current  # the current match is the selection
        self._matches = matches
        if matches and not self._follows_scroll:
            self._follows_scroll = True
            bar = self.widget.verticalScrollBar()
            bar.valueChanged.connect(self._mark_in_view)
            bar.rangeChanged.connect(self._mark_in_view)
        self._mark_in_view()

    def _mark_in_view(self) -> None:
        if self._indexed != self._edits:
            return  # typed since the search: Qt moved the marks along; the bar searches again
        widget, index = self.widget, self._index
        viewport = widget.viewport().rect()
        top = index.to_code_point(widget.cursorForPosition(viewport.topLeft()).position())
        bottom = widget.cursorForPosition(viewport.bottomRight()).position()
        first = bisect_left(self._matches, (top,)) - 1  # one begun above
        last = bisect_right(self._matches, (index.to_code_point(bottom) + 1,))
        tint = match_tint(theme.current())
        fill = QColor(tint.color)
        fill.setAlphaF(tint.amount)
        marks = []
        for start, end in self._matches[max(0, first) : last][:MAX_MARKED]:
            cursor = QTextCursor(widget.document())
            cursor.setPosition(index.to_utf16(start))
            cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            mark = QTextEdit.ExtraSelection()
            mark.cursor = cursor
            mark.format.setBackground(fill)
            marks.append(mark)
        widget.setExtraSelections(marks)

    def set_current(self, current: int) -> None:
        """The current match is the selection: nothing more to mark."""
