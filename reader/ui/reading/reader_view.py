"""The reading pane: the interview laid out for reading, with its structure in the margin."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from math import ceil

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit, QToolTip, QWidget

from reader.core.annotations import COLOR_IDS, DEFAULT_COLOR, Highlight
from reader.core.interview import ROLE_LABELS, Segment
from reader.core.session import Session
from reader.ui import theme
from reader.ui.edit_menus import lettered
from reader.ui.mnemonics import with_mnemonics
from reader.ui.own_copies import own_copy
from reader.ui.painting import centred_baseline, paint_empty_text
from reader.ui.reading.highlight_layer import HighlightLayer
from reader.ui.reading.jumps import Jumps
from reader.ui.reading.links import LinkOpener
from reader.ui.reading.margin import fitted_label, widest_name
from reader.ui.reading.overview_strip import STRIP_WIDTH, OverviewStrip
from reader.ui.reading.reader_document import ReaderDocument
from reader.ui.reading.selection_bar import SelectionBar
from reader.ui.theme import swatch_icon

FLASH_MS = 900
SELECTION_KEYS = (
    "Selected: H or 1–6 highlights it, N adds a note, C codes it, Q quotes it in your notes."
)
COPY_QUOTATION = "Cop&y as Quotation\tCtrl+Shift+C"  # Edit ▸ Copy as Quotation's key
MIN_MEASURE = 46  # characters a line the reading column never falls below, unzoomed
NEARBY_BLOCKS = 400  # how far block_at_y walks before it searches instead
COLOR_KEYS = {Qt.Key.Key_1 + i: color_id for i, color_id in enumerate(COLOR_IDS)}
SELECT_FIRST = {  # the passage keys, and what they do once words are selected
    Qt.Key.Key_H: "highlight them",
    Qt.Key.Key_N: "write a note on them",
    Qt.Key.Key_C: "code them",
    Qt.Key.Key_T: "code them",
    Qt.Key.Key_Q: "quote them in your notes",
}


# The right margin keeps room for three lanes of code stripes (reading/code_stripes.py),
# however narrow the window.
STRIPE = 4  # px wide
GAP = 2
PAD = 8  # from the text column to the first stripe
STRIPES_ROOM = PAD + 3 * (STRIPE + GAP) + 2
LABEL_SCALE = 0.72  # margin labels (speakers, question numbers) against the text
LABEL_LEAST = 8.0  # points: the text zoomed out, the labels stay readable (5.8 pt was not)
NAME_ROOM = 240  # px: the column moves right for a speaker's name up to this wide
# The px of the left margin that a label leaves: at the edge, and to the text; less where
# the margin narrows for the column's sake, keeping its short labels whole, names cut.
LABEL_GAPS = (8, 18)
NARROW_GAPS = (4, 12)
SHORT_LABELS = ("aside", "intro", "Q99", "00:00")


class ReaderView(QTextEdit):
    """Read-only, selectable, keyboard-navigable view of one interview."""

    roleRequested = Signal(int, object)  # paragraph start (code points), Role
    renameSpeakerRequested = Signal(str)  # the speaker's name as shown
    topSegmentChanged = Signal(int)  # index of the segment at the top of the view
    # Highlights: a new one over (start, end) in a colour, then what to do with it next
    # ("" nothing, "note", "tags").
    highlightRequested = Signal(int, int, str, str)
    recolorRequested = Signal(str, str)  # highlight id, colour id
    noteRequested = Signal(str)  # highlight id
    tagsRequested = Signal(str)
    deleteRequested = Signal(str)
    currentHighlightChanged = Signal(str)  # "" when the cursor is in no highlight
    quoteRequested = Signal(int, int)  # a selection to quote in the notes (code points)
    quoteHighlightRequested = Signal(str)  # a highlight to quote in the notes
    hint = Signal(str)  # what a key needs first (for the status line)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setReadOnly(True)
        # Keyboard selection too, so that the keyboard does everything (caret browsing).
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setAccessibleName("Interview text")
        self.setAccessibleDescription(
            "The interview, read-only; select words and press H or 1 to 6 to highlight them"
        )
        self.reading = None  # type: ReaderDocument | None
        self._font = theme.reading_font()
        self._label_font = theme.ui_font()
        self._label_font.setPointSizeF(max(self._font.pointSizeF() * LABEL_SCALE, LABEL_LEAST))
        self._widest_name: float | None = None  # see _names_width
        self._longest_time = ""  # the recording's longest time label (set_time_labels)
        self._cut_labels: list[tuple[QRectF, str]] = []  # painted cut, with their whole text
        self.column_chars = theme.COLUMN_CHARS
        self._flash: QTextEdit.ExtraSelection | None = None
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self.current_highlight_id = ""
        self._chosen = ("", -1)  # see select_highlight: its id, and the caret's offset then
        self._gone_to: tuple[int, int, int] | None = None  # see went_to
        self._block_hint = QTextBlock()
        self.default_color = DEFAULT_COLOR
        self.highlights = HighlightLayer(self)
        self.overlays: list[Callable[[QPainter], None]] = []  # painted over the text (codes)
        self.underlays: list[Callable[[QPainter], None]] = []  # under it, over the highlights
        self.links = LinkOpener(self, lambda: self.reading is not None and self.reading.has_links)
        self.selection_bar = SelectionBar(self.viewport())
        self._keys_on_any_layout()
        self.selection_bar.colorChosen.connect(lambda c: self._highlight_selection(c))
        self.selection_bar.noteChosen.connect(lambda: self._highlight_selection(then="note"))
        self.selection_bar.tagChosen.connect(lambda: self._highlight_selection(then="tags"))
        self.selection_bar.copyChosen.connect(self.copy_quote)
        self.selection_bar.quoteChosen.connect(self.quote_selection)
        self.overview = OverviewStrip(self, self)
        self.jumps = Jumps(self)  # Go ▸ Back and Forward
        self.setViewportMargins(0, 0, STRIP_WIDTH, 0)
        self.verticalScrollBar().valueChanged.connect(self._emit_top_segment)
        self.verticalScrollBar().valueChanged.connect(self.selection_bar.hide)
        self.cursorPositionChanged.connect(self._follow_cursor)
        self.cursorPositionChanged.connect(self._emit_top_segment)  # see top_segment_index
        self.selectionChanged.connect(self._selection_changed)

    # Content -----------------------------------------------------------------------------

    def show_session(self, session: Session) -> None:
        previous = self.reading
        if previous is None or previous.session.document is not session.document:
            self.jumps.clear()  # another interview's places
        self._flash = None
        self.setExtraSelections([])
        self.reading = ReaderDocument(session, self._font, self)
        self.setDocument(self.reading.qdoc)
        self._block_hint = QTextBlock()
        if previous is not None:
            # PySide keeps every document given to setDocument alive; free the old one.
            previous.qdoc.deleteLater()
        self.selection_bar.hide()
        self.selection_bar.set_labels(session.notes.colors)
        self.current_highlight_id = ""
        self._widest_name = None
        self._update_margins()
        self.overview.set_matches([])
        self.overview.refresh()

    def show_nothing(self, line: str) -> None:
        """No interview open (a study whose transcripts are all missing): an empty page
        with `line` saying why."""
        previous, self.reading = self.reading, None
        self.setExtraSelections([])
        self.setDocument(QTextDocument(self))
        self.setPlaceholderText(line)
        if previous is not None:
            previous.qdoc.deleteLater()
        self.selection_bar.hide()
        self.current_highlight_id = ""

    def highlight_changed(self, before: Highlight | None, after: Highlight | None) -> None:
        """Repaint the span of a highlight that was added, changed or removed."""
        if self.reading is None:
            return
        self.overview.highlight_changed(before, after)
        # Painted from the session: only the visible part needs repainting.
        self._follow_cursor()
        self._update_extra_selections()
        self.viewport().update()

    def colors_changed(self) -> None:
        if self.reading is not None:
            self.selection_bar.set_labels(self.session.notes.colors)

    @property
    def session(self) -> Session:
        assert self.reading is not None
        return self.reading.session

    def refresh_structure(self) -> None:
        if self.reading is not None:
            self.reading.apply_structure()
            self._widest_name = None  # a speaker renamed, say
            self._update_margins()
            self.viewport().update()
            self.overview.refresh()

    # Layout: a centred column of comfortable width, the gutter in its left margin --------

    def column_width(self) -> int:
        return round(theme.char_width(self._font) * self.column_chars)

    def wanted_width(self) -> int:
        """The pane's width at which the whole column shows beside the gutter (plus the
        scroll bar and the overview strip, about 40 px)."""
        return self.gutter_width() + 20 + self.column_width() + STRIPES_ROOM + 40

    def gutter_width(self, label_font: QFont | None = None) -> int:
        """Room for "Q12" and a short speaker name, in the label font."""
        metrics = QFontMetricsF(label_font or self._label_font)
        return round(metrics.horizontalAdvance("M") * 7.5) + 18

    def least_gutter(self, label_font: QFont | None = None) -> int:
        """The margin at its narrowest, where the pane is too narrow for the column and
        the whole gutter (1024 px): "aside", "Q12" and the longest time whole, names cut."""
        metrics = QFontMetricsF(label_font or self._label_font)
        labels = (*SHORT_LABELS, self._longest_time)
        return ceil(max(map(metrics.horizontalAdvance, labels))) + sum(NARROW_GAPS)

    def set_time_labels(self, longest: str) -> None:
        """The margin shows a recording's times, `longest` the widest ("1:02:03" past an
        hour); "" when it shows none."""
        if longest != self._longest_time:
            self._longest_time = longest
            place = self.place_on_screen()
            self._update_margins()
            self.keep_on_screen(place)

    def _update_margins(self) -> None:
        """The column first, as wide as its measure asks, down to 200 px: the margin narrows
        to its least before the column does (41 characters a line at 1024 px, whatever the
        Line Width, when the margin kept its whole width)."""
        width, least = self.viewport().width(), self.least_gutter()
        column = min(self.column_width(), max(200, width - least - STRIPES_ROOM))
        room = width - column - STRIPES_ROOM  # for the margin
        # Centred; moved right where the room on the right lets a long name show whole.
        names = ceil(min(NAME_ROOM, self._names_width())) + sum(LABEL_GAPS)  # whole pixels
        gutter = min(self.gutter_width() + 4, room)
        left = max(least, gutter, (width - column) // 2, min(names, room))
        right = max(STRIPES_ROOM, width - left - column)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if (fmt.leftMargin(), fmt.rightMargin()) != (left, right):
            fmt.setLeftMargin(left)
            fmt.setRightMargin(right)
            fmt.setTopMargin(36)
            fmt.setBottomMargin(64)
            frame.setFrameFormat(fmt)

    def _names_width(self) -> float:
        """The longest speaker name's width in the margin's font (kept until the session,
        its speakers or the font change)."""
        if self._widest_name is None:
            segments = self.reading.session.segments if self.reading is not None else []
            self._widest_name = widest_name(segments, QFontMetricsF(self._label_font))
        return self._widest_name

    def set_reading_font(self, font: QFont, column_chars: int) -> None:
        """Another face, size (zoom) or measure: the document's formats follow."""
        place = self.place_on_screen()
        self._font = QFont(font)
        self._label_font.setPointSizeF(max(font.pointSizeF() * LABEL_SCALE, LABEL_LEAST))
        self._widest_name = None
        self.column_chars = column_chars
        if self.reading is not None:
            self.reading.font = self._font
            self.reading.qdoc.setDefaultFont(self._font)
            self.reading.apply_structure()
            self._block_hint = QTextBlock()
        self.setMinimumWidth(self.readable_width(MIN_MEASURE))
        self._update_margins()
        self.keep_on_screen(place)
        self.viewport().update()

    def readable_width(self, chars: int) -> int:
        """The pane width that leaves a column of `chars` characters beside the gutter, in
        the face unzoomed: zooming in shortens the lines, it takes no room from the docks
        and notes (a minimum that grew with zoom squeezed the Outline to 110 px)."""
        font = QFont(self._font)
        font.setPointSizeF(min(font.pointSizeF(), theme.READING_POINT_SIZE))
        label = QFont(self._label_font)
        label.setPointSizeF(font.pointSizeF() * LABEL_SCALE)
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        text = chars * theme.char_width(font)
        return min(640, round(self.least_gutter(label) + text + 12 + scroll_bar))

    def label_gaps(self) -> tuple[int, int]:
        """The px a margin label leaves at the margin's edge and before the text."""
        left = self.document().rootFrame().frameFormat().leftMargin()
        return NARROW_GAPS if left < self.gutter_width() else LABEL_GAPS

    def labels_end(self) -> float:
        """Where the margin's labels end, right-aligned against the column (viewport x)."""
        return self.document().rootFrame().frameFormat().leftMargin() - self.label_gaps()[1]

    def label_font(self) -> QFont:
        """The margin's font (question numbers, speakers, times): follows zoom and face."""
        return QFont(self._label_font)

    def reading_font(self) -> QFont:
        return QFont(self._font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        place = self.place_on_screen()
        super().resizeEvent(event)
        self._update_margins()
        self.keep_on_screen(place)
        self.overview.place()

    def place_on_screen(self) -> tuple[int, int] | None:
        """What to keep in sight as the text flows anew (a narrower column, a larger font):
        the caret where it is in view, else the line at the top; (position, viewport y)."""
        if self.reading is None:
            return None
        caret = self.cursorRect()
        if self.viewport().rect().contains(caret.center()):
            return self.textCursor().position(), caret.top()
        y = self.verticalScrollBar().value()
        block = self.block_at_y(y)
        inside = y - self.document().documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        lines = (layout.lineAt(i) for i in range(layout.lineCount()))
        # The first line mostly in sight: one cut off but for its last pixels is not read.
        line = next((line for line in lines if line.y() + line.height() / 2 > inside), None)
        cursor = QTextCursor(block)
        if line is not None:
            cursor.setPosition(block.position() + line.textStart())
        elif block.next().isValid():  # the top edge in the space below a paragraph: not its
            cursor.setPosition(block.next().position())  # first line, far above, the next's
        return cursor.position(), self.cursorRect(cursor).top()

    def keep_on_screen(self, place: tuple[int, int] | None) -> None:
        if place is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(place[0])
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top() - place[1])

    # Navigation --------------------------------------------------------------------------

    def scroll_to_offset(
        self, offset: int, flash_end: int | None = None, *, jump: bool = True
    ) -> None:
        """Put the paragraph holding `offset` at the reading line, the lines above it (the
        question it answers) in view; flash [offset, flash_end). Every jump and step
        scrolls here. A `jump` (not a step on, Ctrl+Down) is one Go ▸ Back comes back from."""
        assert self.reading is not None
        if jump:
            self.jumps.leaving()
        position = self.reading.to_qt(offset)
        # The caret first: placing it lays the text out down to it. Early after a long
        # transcript opened, the scroll range was still short, the value set first was cut
        # to it, and the paragraph landed at the pane's foot.
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        self.setTextCursor(cursor)
        block = self.document().findBlock(position)
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(max(0, round(top) - self.reading_line()))
        if flash_end is not None:
            self.flash(offset, flash_end)

    def select_span(self, start: int, end: int) -> None:
        """Select [start, end) (code points), scrolled into view, with the focus here."""
        if self.reading is None or end > len(self.session.document.text):
            return
        self.scroll_to_offset(start, flash_end=end)
        cursor = self.textCursor()
        cursor.setPosition(self.reading.to_qt(start))
        cursor.setPosition(self.reading.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.went_to(start)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def went_to(self, offset: int) -> None:
        """A match or a result at `offset` was just gone to (and shown): its question is
        the one being read, not the one at the reading line above it, until the view
        scrolls or the caret moves."""
        position = self.textCursor().position()
        self._gone_to = (offset, self.verticalScrollBar().value(), position)
        self._emit_top_segment()

    def flash(self, start: int, end: int) -> None:
        self._flash = self._extra_selection(start, end)
        self._flash.format.setBackground(self.palette().highlight())
        self._flash.format.setForeground(self.palette().highlightedText())
        self._flash_timer.start()
        self._update_extra_selections()

    def _end_flash(self) -> None:
        self._flash = None
        self._update_extra_selections()

    def _extra_selection(self, start: int, end: int) -> QTextEdit.ExtraSelection:
        assert self.reading is not None
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(self.document())
        selection.cursor.setPosition(self.reading.to_qt(start))
        selection.cursor.setPosition(self.reading.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return selection

    def _update_extra_selections(self) -> None:
        """The flash, if any. The current highlight is outlined by the highlight layer, so
        its fill keeps the colour chosen (a deeper tone hid a new highlight's colour)."""
        self.setExtraSelections([self._flash] if self._flash is not None else [])
        self.viewport().update()

    def selected_range(self) -> tuple[int, int] | None:
        """The selection in code points of the document text, None when nothing is selected."""
        cursor = self.textCursor()
        if self.reading is None or not cursor.hasSelection():
            return None
        return self.reading.to_model(cursor.selectionStart()), self.reading.to_model(
            cursor.selectionEnd()
        )

    def current_highlight(self) -> Highlight | None:
        if not self.current_highlight_id or self.reading is None:
            return None
        return self.session.highlight(self.current_highlight_id)

    def _follow_cursor(self) -> None:
        """The highlight under the cursor becomes current (innermost when they overlap),
        unless one was chosen there (select_highlight) and the caret has not moved since."""
        if self.reading is None:
            return
        found = ""
        if not self.textCursor().hasSelection():
            offset = self.cursor_offset()
            session = self.session
            if self._chosen[1] != offset:  # the caret has moved: the choice is over
                self._chosen = ("", -1)
            inner = session.highlight(self._chosen[0])
            if inner is None or inner.orphan or not inner.start <= offset <= inner.end:
                inner = session.innermost_highlight_at(offset) or session.innermost_highlight_at(
                    offset - 1
                )
            found = inner.id if inner is not None else ""
        if found != self.current_highlight_id:
            self.current_highlight_id = found
            self._update_extra_selections()
            self.currentHighlightChanged.emit(found)

    def select_highlight(self, highlight_id: str) -> None:
        """Put the cursor at the highlight's start and make it current, even where it shares
        its start with a shorter one (which the caret alone would mean)."""
        highlight = self.session.highlight(highlight_id)
        if highlight is None or highlight.orphan:
            return
        self._chosen = (highlight_id, highlight.start)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.reading.to_qt(highlight.start))  # type: ignore[union-attr]
        self.setTextCursor(cursor)
        self._follow_cursor()

    def cursor_offset(self) -> int:
        assert self.reading is not None
        return self.reading.to_model(self.textCursor().position())

    def block_at_y(self, y: float) -> QTextBlock:
        """The block at document y.

        Walks from the block found last time (a scroll moves a page or so), and only for a
        far jump falls back to a binary search: probing a block makes Qt's lazy layout lay
        out everything above it, which on first paint of 5 MB cost ~0.9 s. (And
        cursorForPosition walks every block.)
        """
        doc = self.document()
        layout = doc.documentLayout()
        block = self._block_hint if self._block_hint.isValid() else doc.firstBlock()
        if block.document() is not doc:
            block = doc.firstBlock()
        # The last block whose top is at or above y, as the search below finds it: y in the
        # space between two paragraphs is the upper one's (walking by its bottom went back
        # and forth there until the walk gave up: 5 ms a paint of 5 MB).
        for _ in range(NEARBY_BLOCKS):
            after = block.next()
            if layout.blockBoundingRect(block).top() > y and block.previous().isValid():
                block = block.previous()
            elif after.isValid() and layout.blockBoundingRect(after).top() <= y:
                block = after
            else:
                self._block_hint = block
                return block
        lo, hi = 0, doc.blockCount() - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if layout.blockBoundingRect(doc.findBlockByNumber(mid)).top() <= y:
                lo = mid
            else:
                hi = mid - 1
        self._block_hint = doc.findBlockByNumber(lo)
        return self._block_hint

    def reading_line(self) -> int:
        """Where the paragraph being read is, down from the top edge: a quarter of the way,
        where a jump puts what it goes to, a few lines of what leads to it above."""
        return self.viewport().height() // 4

    def top_segment_index(self) -> int:
        """The paragraph being read: just after a match or result was gone to (`went_to`),
        its paragraph; else the one at the reading line (`reading_line`). The first and
        last paragraphs may never reach that line, so near either end of the scroll the
        caret's paragraph is the one being read while it is in view (a question gone to,
        Ctrl+Home, Ctrl+End), and scrolled right to the top the first."""
        if self.reading is None:
            return 0
        bar = self.verticalScrollBar()
        if self._gone_to is not None:
            offset, value, position = self._gone_to
            if (value, position) == (bar.value(), self.textCursor().position()):
                return self.session.segment_index_at(offset)
            self._gone_to = None
        reading_line = self.reading_line()
        near_an_end = min(bar.value(), bar.maximum() - bar.value()) <= reading_line
        if near_an_end and self.viewport().rect().contains(self.cursorRect()):
            return self.session.segment_index_at(self.cursor_offset())
        if bar.value() == 0:
            return 0
        # The line's whole row of pixels: a paragraph scrolled to it (scroll_to_offset) may
        # start a fraction of a pixel below its top.
        block = self.block_at_y(bar.value() + reading_line + 1)
        return self.session.segment_index_at(self.reading.to_model(block.position()))

    def _emit_top_segment(self) -> None:
        if self.reading is not None:
            self.topSegmentChanged.emit(self.top_segment_index())

    # Highlighting with keys, the floating bar and the menu --------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._highlight_key(event):
            event.accept()
            return
        super().keyPressEvent(event)
        ends = (
            QKeySequence.StandardKey.MoveToEndOfDocument,
            QKeySequence.StandardKey.SelectEndOfDocument,
        )
        if any(event.matches(end) for end in ends):
            self._before_the_last_line_end()

    def _before_the_last_line_end(self) -> None:
        """Ctrl+End stops after the last words, not on the empty line the text's last line
        end makes, where Shift+Home then selected nothing."""
        cursor = self.textCursor()
        if cursor.atEnd() and not cursor.block().text() and cursor.block().previous().isValid():
            keep = cursor.hasSelection()
            mode = QTextCursor.MoveMode.KeepAnchor if keep else QTextCursor.MoveMode.MoveAnchor
            cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter, mode)
            self.setTextCursor(cursor)

    def _highlight_key(self, event: QKeyEvent) -> bool:
        """H, 1-6, N, C (or T), Q on a selection; 1-6, N, C (or T), Q and Delete on the current
        highlight; Escape. Listed for F1 in reader/ui/keys.py, READER (a test checks)."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        return self._passage_key(event.key(), modifiers)

    def _keys_on_any_layout(self) -> None:
        """H, N, C, T, Q and 1–6 by their place on the keyboard, whatever layout types
        letters: with a Russian, Greek, Hebrew or Arabic one, the key event names that
        layout's letter, and they did nothing. Qt's shortcuts also try the keys of the
        Latin layout, as ] and [ (stepping.py) always did."""
        for key in (*SELECT_FIRST, *COLOR_KEYS):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(partial(self._passage_key, key))

    def _passage_key(self, key: int, modifiers: object = Qt.KeyboardModifier.NoModifier) -> bool:
        """What `key` does in the reader (see _highlight_key); whether it did anything."""
        if self.reading is None:
            return False
        color = COLOR_KEYS.get(key)
        selecting = self.textCursor().hasSelection()
        if key == Qt.Key.Key_Escape and (self.selection_bar.isVisible() or selecting):
            self.selection_bar.hide()
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            return True
        if self.textCursor().hasSelection():
            if key == Qt.Key.Key_H or color:
                return self._highlight_selection(color or self.default_color)
            if key in (Qt.Key.Key_N, Qt.Key.Key_C, Qt.Key.Key_T):
                return self._highlight_selection(then="note" if key == Qt.Key.Key_N else "tags")
            if key == Qt.Key.Key_Q:
                self.quote_selection()
                return True
            return False
        current = self.current_highlight()
        if current is None:
            return self._hint_select_first(key, modifiers, bool(color))
        if color:
            self.recolorRequested.emit(current.id, color)
        elif key == Qt.Key.Key_N:
            self.noteRequested.emit(current.id)
        elif key in (Qt.Key.Key_C, Qt.Key.Key_T):
            self.tagsRequested.emit(current.id)  # the code picker
        elif key == Qt.Key.Key_Q:
            self.quoteHighlightRequested.emit(current.id)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit(current.id)
        else:
            return False
        return True

    def _hint_select_first(self, key: int, modifiers: object, color: bool) -> bool:
        """A passage key with nothing selected says what it needs: the notes' first words
        tell a new user to press H, who clicks into the text and presses it."""
        verb = "highlight them" if color else SELECT_FIRST.get(key)
        if verb is None or modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        name = chr(key)  # Qt's codes of letters and digits are theirs in ASCII
        self.hint.emit(f"Select words first (drag, or Shift+arrows), then press {name} to {verb}.")
        return True

    def _highlight_selection(self, color: str = "", then: str = "") -> bool:
        span = self.selected_range()
        if span is None:
            return False
        start, end = _trim(self.session.document.text, *span)
        if start >= end:  # only spaces or line breaks: said, or the key did nothing
            self.hint.emit("The selection holds no words: select some (drag, or Shift+arrows).")
            return True
        self.selection_bar.hide()
        if color:
            self.default_color = color
        self.highlightRequested.emit(start, end, color or self.default_color, then)
        # The picker's passage stays selected, in sight (codebook/coding); so does one whose
        # note was cancelled (the dialog is answered by now), for another key to take.
        if then == "" or (then == "note" and self.session.highlight_on(start, end)):
            self.leave_selection(end)
        return True

    def leave_selection(self, end: int | None = None) -> None:
        """The caret at the selection's end, on the passage just marked, which is current:
        at `end` (code points), the passage's, where the selection took a space or a line
        end after its words (Ctrl+Shift+Right, Shift+Down), else the caret was past it."""
        cursor = self.textCursor()
        if end is None or self.reading is None:
            cursor.setPosition(cursor.selectionEnd())
        else:
            cursor.setPosition(self.reading.to_qt(end))
        self.setTextCursor(cursor)
        self._follow_cursor()  # the caret may not have moved, only the selection gone

    def quote_selection(self) -> None:
        """Ask for the selection to be quoted in the notes (it becomes a highlight first)."""
        span = self.selected_range()
        if span is None:
            return
        start, end = _trim(self.session.document.text, *span)
        if start < end:
            self.selection_bar.hide()
            self.quoteRequested.emit(start, end)
            self.leave_selection(end)

    def createMimeDataFromSelection(self) -> QMimeData:
        """The words selected, and their look (HTML, for a word processor), marked as the
        app's own: the notes paste them as they are (own_copies.py). The words are the
        interview's: a long paragraph's breaks in the pane are spaces there."""
        selection = self.textCursor().selection()
        span = self.selected_range()
        words = self.session.document.text[slice(*span)] if span else selection.toPlainText()
        return own_copy(words, selection.toHtml())

    def copy_quote(self) -> None:
        """The selection, else the highlight at the caret, as a quotation with its place:
        “…” (Speaker, Q3, 12:05, Title)."""
        span = self.selected_range()
        current = self.current_highlight()
        if span is None and current is not None and not current.orphan:
            span = current.start, current.end
        if span is None:
            return
        QApplication.clipboard().setText(self.session.quotation(*span))
        self.selection_bar.hide()
        self.hint.emit(f"Copied as a quotation ({self.session.attribution(*span)}).")

    def _selection_changed(self) -> None:
        # Any change: a selection grown with Shift+Down ran under the bar, hidden while the
        # user chose where to stop. It shows again where the new one ends (Shift let go).
        self.selection_bar.hide()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            self.jumps.go(forward=event.button() == Qt.MouseButton.ForwardButton)
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.textCursor().hasSelection():
            self.show_selection_bar()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        super().keyReleaseEvent(event)
        # Selected with Shift and the arrows: the bar (and the keys it names) once Shift
        # is let go, as after a drag with the mouse.
        if event.key() == Qt.Key.Key_Shift and self.textCursor().hasSelection():
            self.show_selection_bar()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # A click in another pane dismisses the bar; a context menu or dialog does not.
        if event.reason() not in (
            Qt.FocusReason.PopupFocusReason,
            Qt.FocusReason.ActiveWindowFocusReason,
        ):
            self.selection_bar.hide()
        super().focusOutEvent(event)

    def show_selection_bar(self) -> None:
        """The bar beside the selection; where none is free of it, its keys in the status
        line instead."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        fmt = self.document().rootFrame().frameFormat()
        right = self.viewport().width() - round(fmt.rightMargin()) + STRIPES_ROOM  # codes too
        column = round(fmt.leftMargin()), right
        if not self.selection_bar.show_near(*self._selection_lines_rect(cursor), column):
            self.hint.emit(SELECTION_KEYS)

    def _selection_lines_rect(self, cursor: QTextCursor) -> tuple[QRect, int]:
        """The viewport rectangle from the selection's first line to its last (full width),
        and the x where it ends."""
        first, last = QTextCursor(cursor), QTextCursor(cursor)
        first.setPosition(cursor.selectionStart())
        last.setPosition(cursor.selectionEnd())
        top, bottom = self.cursorRect(first), self.cursorRect(last)
        rect = QRect(0, top.top(), self.viewport().width(), bottom.bottom() - top.top() + 1)
        return rect, bottom.right()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        cursor = self.cursorForPosition(event.position().toPoint())
        if self.reading is not None:
            inner = self.session.innermost_highlight_at(self.reading.to_model(cursor.position()))
            if inner is not None:
                self.noteRequested.emit(inner.id)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.reading is not None:
            assert isinstance(event, QHelpEvent)
            whole = next((t for r, t in self._cut_labels if r.contains(event.pos())), "")
            if whole:  # a name the margin cut: whole here
                QToolTip.showText(event.globalPos(), whole, self.viewport())
                return True
            cursor = self.cursorForPosition(event.pos())
            layers = self.session.highlights_at(self.reading.to_model(cursor.position()))
            if layers:
                QToolTip.showText(event.globalPos(), self._tooltip(layers), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, layers: list[Highlight]) -> str:
        from html import escape  # on the first tooltip: start-up need not import it

        parts = []
        labels = self.session.notes.colors
        for h in layers:
            # A passage with no colour (only coded) has no colour label: its codes say it.
            lines = [f"<b>{escape(labels.get(h.color, h.color))}</b>"] if h.color else []
            if h.note:
                lines.append(escape(h.note).replace("\n", "<br>"))
            names = self.session.code_names(h)
            if names:
                lines.append(escape("Codes: " + ", ".join(names)))
            parts.append("<br>".join(lines))
        return "<hr>".join(parts)

    # The margin: question numbers and speakers, painted, never part of the text ----------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.reading is None:  # Qt draws the placeholder on one line, cut at the edge
            paint_empty_text(self.viewport(), self.placeholderText(), 24, 16)
            return
        under = QPainter(self.viewport())
        self.highlights.paint(under)  # beneath the text, which draws with no background
        for paint in self.underlays:
            paint(under)
        under.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        self._paint_margin(painter)
        self.highlights.paint_markers(painter)
        for paint in self.overlays:
            paint(painter)
        painter.end()

    def _paint_margin(self, painter: QPainter) -> None:
        """Each visible block's margin lines, the first on its first line's baseline,
        right-aligned against the text column; a name too long for the margin is cut at
        its end, with "…" (its last word alone, "2" of "PARTICIPANT 2", said nothing). A
        narrowed margin leaves out the names it need not say (margin_of_block)."""
        assert self.reading is not None
        painter.setFont(self._label_font)
        layout = self.document().documentLayout()
        offset_y = self.verticalScrollBar().value()
        end, gaps = self.labels_end(), self.label_gaps()
        narrow = gaps is NARROW_GAPS
        block = self.block_at_y(offset_y)
        height = self.viewport().height()
        metrics = QFontMetricsF(self._label_font)
        room = end - gaps[0]
        self._cut_labels = []
        while block.isValid():
            if layout.blockBoundingRect(block).top() - offset_y > height:
                break
            lines = self.reading.margin_of_block(block.blockNumber(), narrow)
            for number, line in enumerate(lines if block.layout().lineCount() else ()):
                label = fitted_label(line.text, metrics, room)
                painter.setPen(theme.accent_color() if line.accent else theme.muted_color())
                x = end - metrics.horizontalAdvance(label)
                baseline = self._margin_baseline(block, number)
                painter.drawText(QPointF(x, baseline), label)
                if label != line.text:
                    top, wide = baseline - metrics.ascent(), metrics.horizontalAdvance(label)
                    cut = QRectF(x, top, wide, metrics.height())
                    self._cut_labels.append((cut, line.text))
            block = block.next()

    def _margin_baseline(self, block: QTextBlock, number: int) -> float:
        """Where margin line `number` beside `block` sits (viewport y): the first on the
        block's first baseline, the next a label line below."""
        first = block.layout().lineAt(0)
        top = block.layout().position().y() + first.y() + first.ascent()
        spacing = QFontMetricsF(self._label_font).lineSpacing()
        return top - self.verticalScrollBar().value() + number * spacing

    def margin_slot(self, offset: int, width: float) -> tuple[float, float]:
        """Where a short label `width` px wide (a recording's time) goes in the margin
        beside the paragraph holding `offset`, as (baseline, right edge) in the viewport:
        on the line under the speaker's name, left of the question number there, or below
        it where the margin's edge is too near, but on the paragraph's second line where
        that is lower; on the first line when the margin says nothing."""
        assert self.reading is not None
        block = self.document().findBlock(self.reading.to_qt(offset))
        right = self.labels_end()
        layout = block.layout()
        if not layout.lineCount():
            return 0.0, right
        lines = self.reading.margin_of_block(block.blockNumber(), self.label_gaps() is NARROW_GAPS)
        row = min(len(lines), 1)
        metrics = QFontMetricsF(self._label_font)
        if layout.lineCount() > 1 and row:
            second = layout.lineAt(1)
            top = layout.position().y() + second.y() - self.verticalScrollBar().value()
            baseline = centred_baseline(top, second.height(), metrics)
            if baseline > self._margin_baseline(block, row):
                return baseline, right
        if row < len(lines):
            beside = right - metrics.horizontalAdvance(f"{lines[row].text}  ")
            if beside - width >= self.label_gaps()[0]:
                return self._margin_baseline(block, row), beside
            row += 1
        return self._margin_baseline(block, row), right

    # Context menu ------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # The menu opens where it was asked for, as menus do everywhere; the bar would lie
        # under it, offering the same choices, so it steps aside while the menu is open.
        # It comes back if the menu leaves the selection as it was (dismissed, or Qt's
        # Copy); Copy as Quotation, as the bar's own button, is done with it.
        menu = self.build_context_menu(event.pos())
        selection = self.selected_range() if self.selection_bar.isVisible() else None
        self.selection_bar.hide()
        chosen = menu.exec(event.globalPos())
        menu.deleteLater()
        quoted = chosen is not None and chosen.objectName() == "copy-quote"
        if selection is not None and self.selected_range() == selection and not quoted:
            self.show_selection_bar()

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a right-click at viewport position `pos`."""
        menu = lettered(self.createStandardContextMenu(pos))
        menu.setParent(self, menu.windowFlags())
        if self.reading is not None:
            self._add_highlight_actions(menu, pos)
            cursor = self.cursorForPosition(pos)
            segment = self.reading.segment_of_block(cursor.blockNumber())
            if segment is not None:
                self._add_structure_actions(menu, segment)
        return menu

    def _add_highlight_actions(self, menu: QMenu, pos: QPoint) -> None:
        labels = self.session.notes.colors
        if self.textCursor().hasSelection():
            menu.addSeparator()
            sub = menu.addMenu("&Highlight")
            for number, color_id in enumerate(COLOR_IDS, start=1):
                action = sub.addAction(
                    swatch_icon(color_id), f"&{number} {labels.get(color_id, color_id)}"
                )
                action.triggered.connect(lambda _=False, c=color_id: self._highlight_selection(c))
            menu.addAction("C&ode…\tC", lambda: self._highlight_selection(then="tags"))
            menu.addAction("&Quote in Notes\tQ", self.quote_selection)
            menu.addAction(COPY_QUOTATION, self.copy_quote).setObjectName("copy-quote")
        if self.textCursor().hasSelection():
            return
        inner = self.session.innermost_highlight_at(
            self.reading.to_model(self.cursorForPosition(pos).position())  # type: ignore[union-attr]
        )
        if inner is not None:
            target = inner
        elif self.cursorRect().contains(pos) and self.current_highlight() is not None:
            target = self.current_highlight()  # the menu key, with the caret at its end
        else:
            return
        menu.addSeparator()
        menu.addAction("&Quote in Notes\tQ", lambda: self.quoteHighlightRequested.emit(target.id))
        menu.addAction(COPY_QUOTATION, self.copy_quote)  # the highlight at the caret
        menu.addAction("Edit &Note…\tN", lambda: self.noteRequested.emit(target.id))
        menu.addAction("C&odes…\tC", lambda: self.tagsRequested.emit(target.id))
        recolor = menu.addMenu("Colo&ur")  # (&Copy is Qt's)
        for number, color_id in enumerate(COLOR_IDS, start=1):
            action = recolor.addAction(
                swatch_icon(color_id), f"&{number} {labels.get(color_id, color_id)}"
            )
            action.setCheckable(True)
            action.setChecked(color_id == target.color)
            action.triggered.connect(
                lambda _=False, c=color_id: self.recolorRequested.emit(target.id, c)
            )
        menu.addAction("&Delete Highlight\tDelete", lambda: self.deleteRequested.emit(target.id))

    def _add_structure_actions(self, menu: QMenu, segment: Segment) -> None:
        menu.addSeparator()
        roles = menu.addMenu("Paragraph &Role")
        group = QActionGroup(roles)
        shown = self.session.shown_role(self.session.segment_index_at(segment.start))  # "Mm-hm."
        for role, label in zip(
            ROLE_LABELS, with_mnemonics(list(ROLE_LABELS.values())), strict=True
        ):
            action = QAction(label, roles, checkable=True, checked=shown is role)
            group.addAction(action)
            action.triggered.connect(
                lambda _=False, r=role: self.roleRequested.emit(segment.start, r)
            )
            roles.addAction(action)
        rename = menu.addAction("Rename &Speaker…")  # (Edit &Note… is a highlight's)
        rename.setEnabled(bool(segment.speaker))
        # The speaker the margin shows: a role corrected may have given the paragraph one.
        rename.triggered.connect(lambda: self.renameSpeakerRequested.emit(segment.speaker))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection without the whitespace at its ends (double-click takes a trailing space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
