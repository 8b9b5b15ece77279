"""Find (Ctrl+F): a bar under the reader, every match marked, one current; in the
interview, or in the notes (or their preview) when they have the focus (find_targets.py).

The current match is the selection, so in the reader Escape and then H highlights it.
Diacritics are ignored ("siobhan" finds "Siobhán") unless "Match diacritics" is on; each
option is remembered in the settings (find_options.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.search import Query, SearchError, outside, prepare
from reader.ui import theme
from reader.ui.clear_button import add_clear_button
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.find.count_label import CountLabel
from reader.ui.find.find_options import as_query, checked, keep_query, option_buttons
from reader.ui.find.find_targets import ReaderTarget, TextTarget
from reader.ui.find.replace_row import ReplaceRow
from reader.ui.reading.reader_view import ReaderView
from reader.ui.settings import settings

CTRL = Qt.KeyboardModifier.ControlModifier
DEBOUNCE_MS = 150  # for one or two characters, which match everywhere in a long text
IMMEDIATE_CHARS = 3  # from this length a search is quick enough to run on each key
FIELD_MIN_CHARS = 12  # the find field is never narrower (it was squeezed to 120 px)
OPTIONS = "find"  # the settings keys of its options: find/match-case...
QUERY_KEY = "find/query"  # the last query searched: Ctrl+F or F3 finds it again after a restart


class FindBar(QWidget):
    """Find in the reader, or in a pane of `texts` (the notes, their preview) when it has
    the focus: type to search, Enter/F3 next, Shift+Enter/Shift+F3 previous."""

    def __init__(
        self, reader: ReaderView, texts: tuple[TextTarget, ...] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.in_reader = ReaderTarget(reader)
        self.targets = (self.in_reader, *texts)
        self.target: ReaderTarget | TextTarget = self.in_reader  # what is searched
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self.error = ""  # the message of a bad regular expression
        self._reason = ""
        self._source: object = None  # what the text searched last is of (ReaderTarget.source)
        self._edits = 0  # and how many times it had been edited then
        self._searched: tuple[str, bool, bool, bool] | None = None
        self._origin = 0  # where the next search starts looking, in code points
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        # Another interview opened, the notes typed in: searched again in a moment, the
        # selection left alone (it is the user's caret in the notes).
        self._changes = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._changes.timeout.connect(lambda: self.search(select=self.target is self.in_reader))
        for target in self.targets:
            target.connect(lambda target=target: self._target_changed(target))

        self.edit = QLineEdit()
        self.edit.setObjectName("find-edit")
        add_clear_button(self.edit, "the search")
        letter_edit_menus(self.edit)
        # A query of a dozen characters in sight, beside the clear button, in any window.
        room = self.edit.fontMetrics().averageCharWidth() * FIELD_MIN_CHARS
        self.edit.setMinimumWidth(room + 2 * self.edit.sizeHint().height())
        self.edit.setText(str(settings().value(QUERY_KEY, "")))  # searched when the bar opens
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)
        self.count_label = CountLabel()
        self.count_label.setObjectName("find-count")
        # Named by its text ("3 of 12"), which a screen reader hears as it changes: a fixed
        # name ("Matches") hid the count and kept Qt from telling the change. Its
        # description, and the field's name, say what is searched (`_name_target`).
        # An error too long for the room beside the field, whole and wrapped, under it.
        self.message = QLabel()
        self.message.setObjectName("find-message")
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription("Why the query cannot be searched")
        self.message.hide()
        # Arrows as text, in the palette's text colour like the other buttons: the style's
        # arrow icons are drawn in a fixed grey, faint on the High Contrast theme (#17).
        self.previous_button = self.tool_button(
            "↑", "Previous match  (Shift+Enter, Shift+F3)", lambda: self.find_next(backward=True)
        )
        self.previous_button.setAccessibleName("Previous match")
        self.next_button = self.tool_button("↓", "Next match  (Enter, F3)", self.find_next)
        self.next_button.setAccessibleName("Next match")
        for arrow in (self.previous_button, self.next_button):
            font = arrow.font()
            font.setBold(True)
            arrow.setFont(font)
        self.option_buttons = option_buttons(OPTIONS, self, self._options_changed)
        self.case_button, self.word_button, self.regex_button, self.diacritics_button = (
            self.option_buttons.values()
        )
        self.close_button = self.tool_button("✕", "Close  (Escape)", self.close_bar)
        self.close_button.setAccessibleName("Close the find bar")

        rows = QVBoxLayout(self)
        rows.setContentsMargins(10, 5, 6, 5)
        rows.setSpacing(2)
        layout = QHBoxLayout()
        layout.setSpacing(4)
        rows.addLayout(layout)
        rows.addWidget(self.message)
        self.replace_row = ReplaceRow(self)  # in the notes and the memo (Ctrl+H)
        rows.addWidget(self.replace_row)
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
        self._name_target()
        self.hide()

    def tool_button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    # Opening and closing -----------------------------------------------------------------

    def open_bar(self) -> None:
        """Show the bar with the focus in its field, the selection as the query, searching
        the pane with the focus."""
        self._follow_focus()
        self.replace_row.hide()
        selected = self._selected_text()
        if selected and self.target.selected_range() != self.current_span():
            self._origin = self.target.caret()
            self.edit.blockSignals(True)
            self.edit.setText(selected)
            self.edit.blockSignals(False)
            self.search()
        elif not self.isVisible() or self.stale():
            self._origin = self.target.caret()
            self.search()
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        text = self.target.text()
        if text is not None:
            # Fold the text for the search now, not on the first key press.
            options = self.options()
            QTimer.singleShot(
                50, lambda: prepare(text, case=options["case"], diacritics=options["diacritics"])
            )

    def open_replace(self) -> None:
        """Ctrl+H: the bar with its replace row, in the notes or the memo; pressed again in
        the find field, the replacement takes the focus."""
        again = self.edit.hasFocus()
        self.open_bar()
        self.replace_row.open(to_replacement=again)

    def step(self, backward: bool = False) -> None:
        """F3 / Shift+F3: with no query, open the bar; otherwise move, leaving the focus."""
        if not self.edit.text():
            self.open_bar()
            return
        self._follow_focus()
        self.show()
        self.find_next(backward=backward)

    def close_bar(self) -> None:
        """Hide the bar, leave the current match selected and give its pane the focus."""
        self._timer.stop()
        self.hide()
        self.target.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _follow_focus(self) -> None:
        """Search the pane with the focus: a pane of text, else the reader; the bar's own
        field (or button) keeps what it searches."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            return
        target = next((t for t in self.targets if t.widget is focused), self.in_reader)
        if target is not self.target:
            if self.isVisible():
                self.target.show_matches([], -1)
            self.target = target
            self._source = None  # searched afresh, from its caret
            self.replace_row.follow_target()
        self._name_target()  # the notes' name, or the study memo's, as they show now

    def _name_target(self) -> None:
        name = self.target.name()
        self.edit.setPlaceholderText(f"Find in {name}")
        self.edit.setAccessibleName(f"Find in {name}")
        self.count_label.setAccessibleDescription(f"Matches in {name}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.target.show_matches(self.matches, self.current)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)  # the row is laid out by now
        self._place_error()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.target.show_matches([], -1)

    def _selected_text(self) -> str:
        span = self.target.selected_range()
        text = self.target.text() if span is not None else None
        return "" if span is None or text is None else as_query(text[span[0] : span[1]])

    # Searching ---------------------------------------------------------------------------

    def _target_changed(self, target: ReaderTarget | TextTarget) -> None:
        if self.isVisible() and target is self.target and self._stale_text():
            self._changes.start()

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

    def _stale_text(self) -> bool:
        target = self.target
        return self._source is not target.source() or self._edits != target.edits()

    def stale(self) -> bool:
        key = (self.edit.text(), *self.options().values())
        return self._stale_text() or self._searched != key

    def search(self, select: bool = True) -> None:
        """Find every match of the query. The current one is the first at or after the
        previous current match (or the caret on opening), so typing more stays in place;
        selected, unless `select` is off (the notes typed in: their caret stays)."""
        self._timer.stop()
        self._changes.stop()
        target, pattern, options = self.target, self.edit.text(), self.options()
        # The match selected by the last search, if it still is: the query's words.
        found = self.current_span() is not None
        found = found and target.selected_range() == self.current_span()
        self._searched = (pattern, *options.values())
        keep_query(QUERY_KEY, pattern)
        if target.source() is not self._source:  # another document: from its caret
            self._origin = target.caret()
            self._source = target.source()
        self._edits = target.edits()
        text = target.text()
        self.error = self._reason = ""
        self.matches = []
        if pattern and text is not None:
            try:
                query = Query(pattern, **options)
            except SearchError as exc:
                self.error, self._reason = str(exc), exc.reason
            else:
                self.matches = outside(query.spans(text), target.hidden(text))
        self.current = -1
        if self.matches:
            self.current = bisect_left(self.matches, (self._origin,)) % len(self.matches)
        if self.isVisible():
            target.show_matches(self.matches, self.current)
        self.show_count()
        if self.current >= 0 and select:
            self._select_current()
        elif found and select:  # else Escape then H highlighted words not in the field
            target.deselect()

    def search_from(self, offset: int) -> None:
        """Search again, the first match at or after `offset` current (after a Replace)."""
        self._origin = offset
        self.search()

    def find_next(self, backward: bool = False) -> None:
        """The next (previous) match, round to the first (last) after the end.

        From the current match while it is still selected, else from the caret."""
        if self.stale():
            self.search()  # a query typed a moment ago: its first match is the next one
            if backward and self.matches:
                self._go_to(self.current - 1)
            return
        if not self.matches:
            return
        if self.target.selected_range() == self.current_span():
            self._go_to(self.current + (-1 if backward else 1))
        else:
            after = bisect_left(self.matches, (self.target.caret(),))
            self._go_to(after - 1 if backward else after)

    def _go_to(self, index: int) -> None:
        self.current = index % len(self.matches)
        self.target.set_current(self.current)
        self.show_count()
        self._select_current()

    def current_span(self) -> tuple[int, int] | None:
        if 0 <= self.current < len(self.matches):
            return self.matches[self.current]
        return None

    def _select_current(self) -> None:
        start, end = self.matches[self.current]
        self._origin = start
        self.target.select(start, end)

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
            if event.keyCombination() == QKeyCombination(CTRL, Qt.Key.Key_H):
                self.open_replace()  # before the field, which may take it for Backspace
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            event.accept()
            return
        super().keyPressEvent(event)


def warning_color() -> QColor:
    """Red text that reads on the window background, light or dark."""
    return QColor("#ff8a80") if theme.is_dark() else QColor("#b3261e")
