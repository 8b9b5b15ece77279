"""Replace (Ctrl+H in the notes): the find bar's second row, shown when it searches a pane
the user types in (the research notes, the study memo). Replace changes the current match
and goes to the next; Replace All changes every match as one step of the editor's own
undo, so one Ctrl+Z takes it back, and the autosave writes it as any typing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from reader.core.markdown_links import link_text, quote_link_labels
from reader.core.search import Query, SearchError, within
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.find.find_targets import ReaderTarget, TextTarget
from reader.ui.typed_text import typed_text

ALL_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def editable(target: object) -> QPlainTextEdit | QTextEdit | None:
    """The editor of `target` when the user can type in it, else None (the reader, the
    preview, read-only notes)."""
    widget = target.widget if isinstance(target, TextTarget) else None
    return None if widget is None or widget.isReadOnly() else widget


class Searching(Protocol):
    """What the row asks of the find bar (find_bar.FindBar), which holds the row."""

    target: ReaderTarget | TextTarget
    matches: list[tuple[int, int]]
    edit: QLineEdit

    def tool_button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton: ...
    def current_span(self) -> tuple[int, int] | None: ...
    def stale(self) -> bool: ...
    def find_next(self, backward: bool = False) -> None: ...
    def search(self, select: bool = True) -> None: ...
    def search_from(self, offset: int) -> None: ...
    def options(self) -> dict[str, bool]: ...


class ReplaceRow(QWidget):
    def __init__(self, bar: Searching) -> None:
        super().__init__()  # the bar's layout makes it the parent
        self._bar = bar
        self.edit = QLineEdit()
        self.edit.setObjectName("replace-edit")
        letter_edit_menus(self.edit)
        self.edit.setPlaceholderText("Replace with")
        self.edit.setAccessibleName("Replace with")
        self.edit.installEventFilter(self)
        self.said = QLabel()  # "Replaced 7", heard as it changes (named by its text)
        for field in (self.edit, bar.edit):  # said until either is typed in
            field.textChanged.connect(self.said.clear)
        self.said.setObjectName("replace-said")
        self.said.setAccessibleDescription("What Replace All changed")
        self.one_button = bar.tool_button("Replace", "Replace this match  (Enter)", self.replace)
        self.all_button = bar.tool_button(
            "All", "Replace every match  (Ctrl+Alt+Enter)", self.replace_all
        )
        self.all_button.setAccessibleName("Replace all")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.one_button)
        layout.addWidget(self.all_button)
        layout.addWidget(self.said)
        self.edit.setMinimumWidth(bar.edit.minimumWidth())
        bar.edit.installEventFilter(self)  # no wider than the find field, right under it
        self.hide()

    def open(self, to_replacement: bool) -> None:
        """Shown when the bar searches an editable pane; the focus in the replacement
        `to_replacement`, once there is a query to replace. Else it stays in the find
        field: a query left there (from a search of the interview, say) took the words
        typed next as its replacement."""
        self.setVisible(editable(self._bar.target) is not None)
        self.said.clear()
        if self.isVisible() and self._bar.edit.text() and to_replacement:
            self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.edit.selectAll()

    def follow_target(self) -> None:
        """The bar searches another pane now: no replacing in one the user cannot type in."""
        if editable(self._bar.target) is None:
            self.hide()

    def replace(self) -> None:
        """The current match replaced if it is selected, then the next one selected; else
        the next match selected first, to be seen before it is replaced."""
        bar, widget = self._bar, editable(self._bar.target)
        if widget is None:
            return
        span = bar.current_span()
        if bar.stale() or span is None or bar.target.selected_range() != span:
            bar.find_next()
            return
        words = self._replacements([span])
        if words is not None:
            widget.textCursor().insertText(words[0])  # the selection: one undo step
            bar.search_from(span[0] + len(words[0]))  # the next match after the new words

    def replace_all(self) -> None:
        bar, widget = self._bar, editable(self._bar.target)
        if widget is None:
            return
        if bar.stale():
            bar.search(select=False)
        matches, target = bar.matches, bar.target
        words = self._replacements(matches)
        if words is None or not isinstance(target, TextTarget):
            return
        if matches:
            # One edit from the first match to the last, its text made here: 0.30 s for
            # 13,000 matches in 1 MB of notes, where an insertText a match took 0.74 s.
            # The text between the matches as typed: the plain text searched has each
            # no-break space made a space, and those were saved so.
            index = target.current_index()
            text = typed_text(widget.document())
            first, last = matches[0][0], matches[-1][1]
            pieces, done = [], first
            for (start, end), replacement in zip(matches, words, strict=True):
                pieces += [text[done:start], replacement]
                done = end
            cursor = QTextCursor(widget.document())  # one step of the editor's undo
            cursor.setPosition(index.to_utf16(first))
            cursor.setPosition(index.to_utf16(last), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText("".join(pieces))
            bar.search(select=False)
        self.said.setText(f"Replaced {len(matches):,}" if matches else "Nothing to replace")

    def _replacements(self, spans: list[tuple[int, int]]) -> list[str] | None:
        """What replaces each of `spans`: the replacement as typed, or with a regular
        expression's groups (\\1, $1; Query.replacement); None, said, when it names a group the
        query lacks."""
        bar, template = self._bar, self.edit.text()
        text = bar.target.text() or ""
        try:
            query = Query(bar.edit.text(), **bar.options())
            words = [query.replacement(text, start, template) for start, _ in spans]
        except SearchError as exc:
            self.said.setText(exc.reason)
            return None
        # In a quote chip's label, brackets or a line break would end its link: made fit.
        in_labels = within(spans, quote_link_labels(text))
        return [link_text(w) if label else w for w, label in zip(words, in_labels, strict=True)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._bar.edit and event.type() == QEvent.Type.Resize:
            self.edit.setMaximumWidth(self._bar.edit.width())
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if (event.modifiers() & ALL_KEYS) == ALL_KEYS:
                    self.replace_all()
                else:
                    self.replace()
                return True
        return super().eventFilter(watched, event)
