"""Find in the interview (Ctrl+F): a bar under the reader, every match marked, one current.

Matches are painted by an overlay over the reader's viewport, the visible ones only, so a
common word with tens of thousands of matches in 5 MB costs no more to show than one (extra
selections repaint in ~120 ms at 10,000). The current match is the reader's selection, so
Escape and then H highlights it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.search import Query, SearchError, prepare
from reader.ui import theme

if TYPE_CHECKING:
    from reader.ui.reading.reader_view import ReaderView

DEBOUNCE_MS = 150  # for one or two characters, which match everywhere in a long text
IMMEDIATE_CHARS = 3  # from this length a search is quick enough to run on each key
MAX_PAINTED = 4000  # matches painted at once: more than a screen can hold
PREFILL_MAX_CHARS = 200


class MatchOverlay(QWidget):
    """A transparent child of the reader's viewport that outlines the visible matches."""

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader.viewport())
        self.setObjectName("find-matches")
        self.reader = reader
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches: list[tuple[int, int]] = []
        self._ends: list[int] = []
        self.current = -1
        self.reading: object = None  # the ReaderDocument the matches belong to
        reader.viewport().installEventFilter(self)
        # The viewport scrolls its children with it: put the overlay back, repaint.
        reader.verticalScrollBar().valueChanged.connect(self._follow_viewport)
        reader.horizontalScrollBar().valueChanged.connect(self._follow_viewport)
        self.setGeometry(reader.viewport().rect())
        self.lower()  # under the selection bar
        self.hide()

    def set_matches(self, matches: list[tuple[int, int]], current: int) -> None:
        self.matches = matches
        self._ends = [end for _, end in matches]
        self.current = current
        self.reading = self.reader.reading
        self.setVisible(bool(matches))
        self.update()

    def set_current(self, current: int) -> None:
        self.current = current
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.reader.viewport() and event.type() == QEvent.Type.Resize:
            self._follow_viewport()
        return False

    def _follow_viewport(self) -> None:
        self.setGeometry(self.reader.viewport().rect())
        self.update()

    def visible_matches(self) -> range:
        """Indexes of the matches in the viewport."""
        if not self.matches or self.reader.reading is None:
            return range(0)
        first, last = self.reader.highlights.visible_range()
        lo = bisect_right(self._ends, first)
        hi = bisect_left(self.matches, (last + 1,))
        return range(lo, min(hi, lo + MAX_PAINTED))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.reader.reading is None or self.reader.reading is not self.reading:
            return  # another document is open: the find bar is about to search it
        del event
        fill, outline, current_fill, current_outline = match_colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        layer = self.reader.highlights
        for i in self.visible_matches():
            start, end = self.matches[i]
            is_current = i == self.current
            painter.setBrush(current_fill if is_current else fill)
            painter.setPen(QPen(current_outline if is_current else outline, 2 if is_current else 1))
            for rect in layer.rects(start, end):
                painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 1.5, -0.5, -1.5), 2.5, 2.5)
        painter.end()


def match_colors() -> tuple[QColor, QColor, QColor, QColor]:
    """(fill, outline) of every match and of the current one: an amber outline shows on
    every highlight colour, the fill stays light enough to read the text through."""
    if theme.is_dark():
        return (
            QColor(255, 190, 80, 45),
            QColor(255, 190, 80, 170),
            QColor(255, 150, 40, 80),
            QColor(255, 170, 60),
        )
    return (
        QColor(255, 170, 0, 50),
        QColor(200, 120, 0, 170),
        QColor(255, 140, 0, 70),
        QColor(214, 90, 0),
    )


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
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(120)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)
        self.count_label = ElidedLabel()
        self.count_label.setObjectName("find-count")
        self.count_label.setAccessibleName("Matches")
        style = self.style()
        self.previous_button = self._button(
            "", "Previous match  (Shift+Enter, Shift+F3)", lambda: self.find_next(backward=True)
        )
        self.previous_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.previous_button.setAccessibleName("Previous match")
        self.next_button = self._button("", "Next match  (Enter, F3)", self.find_next)
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.next_button.setAccessibleName("Next match")
        self.case_button = self._toggle("Aa", "Match case", "Alt+C")
        self.word_button = self._toggle("ab", "Whole word", "Alt+W")
        font = self.word_button.font()
        font.setUnderline(True)
        self.word_button.setFont(font)
        self.regex_button = self._toggle(".*", "Regular expression", "Alt+R")
        self.close_button = self._button("✕", "Close  (Escape)", self.close_bar)
        self.close_button.setAccessibleName("Close the find bar")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 6, 5)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(8)
        layout.addWidget(self.case_button)
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

    def _toggle(self, text: str, name: str, keys: str) -> QToolButton:
        """A compact option button; its shortcut works while the bar is shown."""
        button = self._button(text, f"{name}  ({keys})", self._options_changed)
        button.setCheckable(True)
        button.setShortcut(QKeySequence(keys))
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
            # Fold the text for case-insensitive search now, not on the first key press.
            text = self.reader.session.document.text
            QTimer.singleShot(50, lambda: prepare(text))

    def close_bar(self) -> None:
        """Hide the bar, leave the current match selected and give the reader the focus."""
        self._timer.stop()
        self.hide()
        self.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.overlay.set_matches(self.matches, self.current)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.overlay.set_matches([], -1)

    def _selected_text(self) -> str:
        span = self.reader.selected_range() if self.reader.reading is not None else None
        if span is None:
            return ""
        text = self.reader.session.document.text[span[0] : span[1]]
        if "\n" in text or len(text) > PREFILL_MAX_CHARS or not text.strip():
            return ""
        return text

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
        return {
            "case": self.case_button.isChecked(),
            "whole_word": self.word_button.isChecked(),
            "regex": self.regex_button.isChecked(),
        }

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
        self._searched = (pattern, *options.values())
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
        self._show_count()
        if self.current >= 0:
            self._select_current()

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
        self._show_count()
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
        self.overlay.update()

    def _show_count(self) -> None:
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


class ElidedLabel(QLabel):
    """The match count, or an error cut to the room there is (whole in the tooltip)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance("00,000 of 00,000")
        return QSize(width, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self.text()) + 4
        return QSize(max(width, self.minimumSizeHint().width()), super().sizeHint().height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(self.alignment()), text)
        painter.end()


def warning_color() -> QColor:
    """Red text that reads on the window background, light or dark."""
    return QColor("#ff8a80") if theme.is_dark() else QColor("#b3261e")


# Installing in the main window -----------------------------------------------------------


def edit_menu(window: QMainWindow) -> QMenu | None:
    return _edit_menu_of(window.menuBar())


def _edit_menu_of(bar: QMenuBar) -> QMenu | None:
    for action in bar.actions():
        if action.menu() is not None and action.text().replace("&", "") == "Edit":
            return action.menu()
    return None


def add_to_edit_menu(window: QMainWindow, actions: list[QAction]) -> None:
    """Append `actions` to the Edit menu after a separator, now or once the menus exist."""
    separator = QAction(window)
    separator.setSeparator(True)
    block = [separator, *actions]

    def place() -> None:
        menu = edit_menu(window)
        if menu is not None and actions[0] not in menu.actions():
            menu.addActions(block)

    if edit_menu(window) is not None:
        place()
        return
    # The menus are built with the first document: add ours once that has finished.
    watcher = _MenuWatcher(window.menuBar(), place)
    window.menuBar().installEventFilter(watcher)


class _MenuWatcher(QObject):
    def __init__(self, bar: QWidget, place: object) -> None:
        super().__init__(bar)
        self._place = place

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ActionAdded:
            menu = _edit_menu_of(watched)  # type: ignore[arg-type]
            if menu is not None:
                watched.removeEventFilter(self)
                menu.aboutToShow.connect(self._place)
                QTimer.singleShot(0, self._place)
        return False


def install(window: QMainWindow) -> FindBar:
    """Put a find bar under `window.reader` and its actions in the window and Edit menu.

    `window` is the MainWindow; calling this again returns the bar already installed.
    """
    existing = getattr(window, "find_bar", None)
    if isinstance(existing, FindBar):
        return existing
    reader = window.reader
    splitter = window.splitter
    index = splitter.indexOf(reader)
    if index < 0:
        raise RuntimeError("the reader is not in the window's splitter")
    container = QWidget()
    container.setObjectName("reader-column")
    sizes = splitter.sizes()
    container.setSizePolicy(reader.sizePolicy())  # the splitter's stretch factor is there
    # Not replaceWidget: it leaves the reader without a parent, and PySide then deletes it.
    # Moving the reader into the container takes it out of the splitter.
    layout = QVBoxLayout(container)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    splitter.insertWidget(index, container)
    layout.addWidget(reader, 1)
    bar = FindBar(reader)
    layout.addWidget(bar)
    splitter.setSizes(sizes)

    find = QAction("&Find…", window)
    find.setShortcut(QKeySequence.StandardKey.Find)
    find.setStatusTip("Find words in the interview")
    find.triggered.connect(bar.open_bar)
    find_next = QAction("Find &Next", window)
    find_next.setShortcuts(QKeySequence.StandardKey.FindNext)
    find_next.setStatusTip("Go to the next match")
    find_next.triggered.connect(lambda: _next(bar, backward=False))
    find_previous = QAction("Find Pre&vious", window)
    find_previous.setShortcuts(QKeySequence.StandardKey.FindPrevious)
    find_previous.setStatusTip("Go to the previous match")
    find_previous.triggered.connect(lambda: _next(bar, backward=True))
    actions = [find, find_next, find_previous]
    for action in actions:
        window.addAction(action)  # the shortcuts work wherever the focus is
    add_to_edit_menu(window, actions)
    window.find_bar = bar  # type: ignore[attr-defined]
    window.find_actions = actions  # type: ignore[attr-defined]
    return bar


def _next(bar: FindBar, backward: bool) -> None:
    """F3 with no query opens the bar; otherwise it moves, leaving the focus where it is."""
    if not bar.edit.text():
        bar.open_bar()
        return
    bar.show()
    bar.find_next(backward=backward)
