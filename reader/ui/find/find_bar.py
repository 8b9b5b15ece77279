"""Find in the interview (Ctrl+F): a bar under the reader, every match marked, one current.

Matches are marked by `MatchOverlay`. The current match is the reader's selection, so
Escape and then H highlights it. Diacritics are ignored ("siobhan" finds "Siobhán") unless
"Match diacritics" is on; each option is remembered in the settings (find_options.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.search import Query, SearchError, prepare
from reader.ui import theme
from reader.ui.clear_button import add_clear_button
from reader.ui.elided_label import ElidedLabel
from reader.ui.find.find_options import checked, keep_options, keep_query
from reader.ui.find.match_overlay import MatchOverlay
from reader.ui.reading.reader_view import ReaderView
from reader.ui.settings import settings

DEBOUNCE_MS = 150  # for one or two characters, which match everywhere in a long text
IMMEDIATE_CHARS = 3  # from this length a search is quick enough to run on each key
PREFILL_MAX_CHARS = 200
FIELD_MIN_CHARS = 12  # the find field is never narrower (it was squeezed to 120 px)
OPTIONS = "find"  # the settings keys of its options: find/match-case...
QUERY_KEY = "find/query"  # the last query searched: Ctrl+F or F3 finds it again after a restart


def as_query(selected: str) -> str:
    """A selection as a search query, or "" when it is not one (several lines, too long)."""
    if "\n" in selected or "\u2029" in selected or len(selected) > PREFILL_MAX_CHARS:
        return ""
    return selected if selected.strip() else ""


class FindBar(QWidget):
    """Find in the reader: type to search, Enter/F3 next, Shift+Enter/Shift+F3 previous."""

    def __init__(self, reader: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.reader = reader
        self.overlay = MatchOverlay(reader)
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self.error = ""  # the message of a bad regular expression
        self._reason = ""
        self._reading: object = None  # the ReaderDocument searched last
        self._searched: tuple[str, bool, bool, bool] | None = None
        self._origin = 0  # where the next search starts looking, in code points
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        reader.textChanged.connect(self._reader_changed)  # also when a document is opened

        self.edit = QLineEdit()
        self.edit.setObjectName("find-edit")
        self.edit.setPlaceholderText("Find in the interview")
        self.edit.setAccessibleName("Find in the interview")
        add_clear_button(self.edit, "the search")
        # A query of a dozen characters in sight, beside the clear button, in any window.
        room = self.edit.fontMetrics().averageCharWidth() * FIELD_MIN_CHARS
        self.edit.setMinimumWidth(room + 2 * self.edit.sizeHint().height())
        self.edit.setText(str(settings().value(QUERY_KEY, "")))  # searched when the bar opens
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)
        self.count_label = CountLabel()
        self.count_label.setObjectName("find-count")
        # Named by its text ("3 of 12"), which a screen reader hears as it changes: a fixed
        # name ("Matches") hid the count and kept Qt from telling the change.
        self.count_label.setAccessibleDescription("Matches in the interview")
        # An error too long for the room beside the field, whole and wrapped, under it.
        self.message = QLabel()
        self.message.setObjectName("find-message")
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription("Why the query cannot be searched")
        self.message.hide()
        # Arrows as text, in the palette's text colour like the other buttons: the style's
        # arrow icons are drawn in a fixed grey, faint on the High Contrast theme (#17).
        self.previous_button = self._button(
            "↑", "Previous match  (Shift+Enter, Shift+F3)", lambda: self.find_next(backward=True)
        )
        self.previous_button.setAccessibleName("Previous match")
        self.next_button = self._button("↓", "Next match  (Enter, F3)", self.find_next)
        self.next_button.setAccessibleName("Next match")
        for arrow in (self.previous_button, self.next_button):
            font = arrow.font()
            font.setBold(True)
            arrow.setFont(font)
        self.case_button = self._toggle("Aa", "Match case")
        self.word_button = self._toggle("ab", "Whole word")
        font = self.word_button.font()
        font.setUnderline(True)
        self.word_button.setFont(font)
        self.regex_button = self._toggle(".*", "Regular expression")
        self.diacritics_button = self._toggle("é", "Match diacritics")
        buttons = (self.case_button, self.word_button, self.regex_button, self.diacritics_button)
        self.option_buttons = keep_options(OPTIONS, self, *buttons)
        self.close_button = self._button("✕", "Close  (Escape)", self.close_bar)
        self.close_button.setAccessibleName("Close the find bar")

        rows = QVBoxLayout(self)
        rows.setContentsMargins(10, 5, 6, 5)
        rows.setSpacing(2)
        layout = QHBoxLayout()
        layout.setSpacing(4)
        rows.addLayout(layout)
        rows.addWidget(self.message)
        self._row = layout
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(8)
        layout.addWidget(self.case_button)
        layout.addWidget(self.diacritics_button)
        layout.addWidget(self.word_button)
        layout.addWidget(self.regex_button)
        layout.addSpacing(4)
        layout.addWidget(self.close_button)
        self.setStyleSheet(
            "#find-bar { background: palette(window); border-top: 1px solid palette(mid); }"
            "#find-bar QToolButton { padding: 2px 6px; }"
        )
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.hide()

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    def _toggle(self, text: str, name: str) -> QToolButton:
        """A compact option button; its key (find_options) works while the bar has the
        keyboard."""
        button = self._button(text, name, self._options_changed)
        button.setCheckable(True)
        button.setAccessibleName(name)
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance("Aa") + 16)
        return button

    # Opening and closing -----------------------------------------------------------------

    def open_bar(self) -> None:
        """Show the bar with the focus in its field, the reader's selection as the query."""
        selected = self._selected_text()
        if selected and self.reader.selected_range() != self._current_span():
            self._origin = self._caret()
            self.edit.blockSignals(True)
            self.edit.setText(selected)
            self.edit.blockSignals(False)
            self.search()
        elif not self.isVisible() or self._stale():
            self._origin = self._caret()
            self.search()
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.reader.reading is not None:
            # Fold the text for the search now, not on the first key press.
            text, options = self.reader.session.document.text, self.options()
            QTimer.singleShot(
                50, lambda: prepare(text, case=options["case"], diacritics=options["diacritics"])
            )

    def step(self, backward: bool = False) -> None:
        """F3 / Shift+F3: with no query, open the bar; otherwise move, leaving the focus."""
        if not self.edit.text():
            self.open_bar()
            return
        self.show()
        self.find_next(backward=backward)

    def close_bar(self) -> None:
        """Hide the bar, leave the current match selected and give the reader the focus."""
        self._timer.stop()
        self.hide()
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.overlay.set_matches(self.matches, self.current)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)  # the row is laid out by now
        self._place_error()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.overlay.set_matches([], -1)

    def _selected_text(self) -> str:
        span = self.reader.selected_range() if self.reader.reading is not None else None
        if span is None:
            return ""
        return as_query(self.reader.session.document.text[span[0] : span[1]])

    def _caret(self) -> int:
        if self.reader.reading is None:
            return 0
        span = self.reader.selected_range()
        return span[0] if span is not None else self.reader.cursor_offset()

    # Searching ---------------------------------------------------------------------------

    def _reader_changed(self) -> None:
        if self.isVisible() and self.reader.reading is not self._reading:
            self._timer.start()  # another document: search it in a moment

    def options(self) -> dict[str, bool]:
        return checked(self.option_buttons)

    def _text_changed(self, text: str) -> None:
        if len(text) >= IMMEDIATE_CHARS or not text:
            self._timer.stop()
            self.search()
        else:
            self._timer.start()

    def _options_changed(self) -> None:
        self._timer.stop()
        self.search()

    def _stale(self) -> bool:
        key = (self.edit.text(), *self.options().values())
        return self._reading is not self.reader.reading or self._searched != key

    def search(self) -> None:
        """Find every match of the query. The current one is the first at or after the
        previous current match (or the caret on opening), so typing more stays in place."""
        self._timer.stop()
        pattern = self.edit.text()
        options = self.options()
        # The match selected by the last search, if it still is: the query's words.
        found = self.reader.reading is not None and self._current_span() is not None
        found = found and self.reader.selected_range() == self._current_span()
        self._searched = (pattern, *options.values())
        keep_query(QUERY_KEY, pattern)
        if self.reader.reading is not self._reading:  # another document: from its caret
            self._origin = self._caret()
            self._reading = self.reader.reading
        self.error = self._reason = ""
        self.matches = []
        if pattern and self.reader.reading is not None:
            try:
                query = Query(pattern, **options)
            except SearchError as exc:
                self.error, self._reason = str(exc), exc.reason
            else:
                self.matches = query.spans(self.reader.session.document.text)
        self.current = -1
        if self.matches:
            self.current = bisect_left(self.matches, (self._origin,)) % len(self.matches)
        if self.isVisible():
            self.overlay.set_matches(self.matches, self.current)
        self.show_count()
        if self.current >= 0:
            self._select_current()
        elif found:  # else Escape then H highlighted words that are not in the field
            cursor = self.reader.textCursor()
            cursor.clearSelection()  # the caret stays where it was
            self.reader.setTextCursor(cursor)

    def find_next(self, backward: bool = False) -> None:
        """The next (previous) match, round to the first (last) after the end.

        From the current match while it is still selected, else from the caret."""
        if self._stale():
            self.search()  # a query typed a moment ago: its first match is the next one
            if backward and self.matches:
                self._go_to(self.current - 1)
            return
        if not self.matches:
            return
        if self.reader.selected_range() == self._current_span():
            self._go_to(self.current + (-1 if backward else 1))
        else:
            after = bisect_left(self.matches, (self._caret(),))
            self._go_to(after - 1 if backward else after)

    def _go_to(self, index: int) -> None:
        self.current = index % len(self.matches)
        self.overlay.set_current(self.current)
        self.show_count()
        self._select_current()

    def _current_span(self) -> tuple[int, int] | None:
        if 0 <= self.current < len(self.matches):
            return self.matches[self.current]
        return None

    def _select_current(self) -> None:
        """Select the current match in the reader, centred when it was out of sight."""
        start, end = self.matches[self.current]
        self._origin = start
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

    def show_count(self) -> None:
        """The match count or the error, in the theme's colours (again after a new theme)."""
        if self.error:
            text, color = self._reason, warning_color()  # the whole error in the tooltip
        elif not self.edit.text():
            text, color = "", None
        elif not self.matches:
            text, color = "No matches", warning_color()
        else:
            text, color = f"{self.current + 1:,} of {len(self.matches):,}", None
        self.count_label.setText(text)
        self.count_label.setToolTip(self.error)
        palette = self.palette()
        if color is not None:
            palette.setColor(QPalette.ColorRole.WindowText, color)
        self.count_label.setPalette(palette)
        self.message.setPalette(palette)
        self._place_error()

    def _place_error(self) -> None:
        """The error beside the field if it fits there (the field kept to its minimum),
        else whole on a line of its own under the field, the count's place left to it."""
        # The field and the count share the room the buttons leave; the rest is fixed.
        shared = self.edit.width() - self.edit.minimumWidth()
        if self.count_label.isVisibleTo(self):
            shared += self.count_label.width() + self._row.spacing()
        below = bool(self.error) and self.count_label.text_width() > shared
        self.message.setText(self.error if below else "")
        self.message.setVisible(below)
        self.count_label.setVisible(not below)

    # Keys --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.find_next(backward=bool(shift))
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            event.accept()
            return
        super().keyPressEvent(event)


class CountLabel(ElidedLabel):
    """The match count, or a message ("No matches", an error that fits: see
    FindBar._place_error), whole in the tooltip if ever cut."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def text_width(self) -> int:
        return self._text_width() + self._extra().width()

    def minimumSizeHint(self) -> QSize:
        """A count keeps the room of its digits, all of them, so that the field does not
        jump as it changes ("9 of 12", "10 of 12"); a message, its own."""
        text = self.text()
        width = self.text_width()
        if text[:1].isdigit():
            total = text.rsplit(" ", 1)[-1]
            digits = re.sub(r"\d", "0", f"{total} of {total}")
            width = max(width, self.fontMetrics().horizontalAdvance(digits) + 1)
        return QSize(width, super().minimumSizeHint().height())


def warning_color() -> QColor:
    """Red text that reads on the window background, light or dark."""
    return QColor("#ff8a80") if theme.is_dark() else QColor("#b3261e")
