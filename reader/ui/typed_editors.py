"""An item view's cell editor keeps what the user typed or chose in it. Qt gives an open
editor its cell's value again whenever the model says that cell, or a range holding it,
changed, and closes it unsaved when the model is reset: another program's change to
study.json merged, or a recount of the codebook, put the old name back under the user's
typing or took the typing away, even just after Enter, which Qt saves a turn later."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QWidget,
)

_SHOWN = "valueShown"  # the editor's property: the value it was last given
_ENTERED = "entered"  # the editor's property: Enter was pressed, its save is queued
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def name_editor(editor: QWidget, name: str) -> None:
    """A cell's editor named for screen readers with what it edits, and its keys: Qt's
    had neither ("edit text", whatever the cell)."""
    editor.setAccessibleName(name)
    editor.setAccessibleDescription("Enter keeps it, Escape keeps what it was")


class _EnterSeen(QObject):
    """Marks its editor when Enter is pressed in it: Qt saves the cell a turn of the event
    loop later, and a reset in between must save it rather than open it again."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if pressed and event.key() in _ENTER_KEYS:
            watched.setProperty(_ENTERED, True)
        return False


def _value(editor: QWidget) -> str:
    if isinstance(editor, QComboBox):
        return editor.currentText()
    return editor.text() if isinstance(editor, QLineEdit) else ""


def touched(editor: QWidget) -> bool:
    """Whether the user changed what the editor was given."""
    return editor.property(_SHOWN) not in (None, _value(editor))


def fill_untouched(editor: QWidget, fill: Callable[[], None]) -> None:
    """`fill` the editor (a delegate's setEditorData) on opening, and again only while it
    still shows the value it was given: then a change from elsewhere shows in it. Given
    the same value again (a row's other cell changed, its reading progress), a line keeps
    its selection: Qt selects it all on F2, and setText took that away, so what was typed
    next went after the old title instead of replacing it."""
    if touched(editor):
        return
    if editor.property(_SHOWN) is None:
        editor.installEventFilter(_EnterSeen(editor))
    line = editor if isinstance(editor, QLineEdit) else None
    if line is not None:
        # Qt's count, UTF-16 units: len() of the selected text counted an emoji once.
        before, start, length = line.text(), line.selectionStart(), line.selectionLength()
        caret = line.cursorPosition()
    fill()
    if line is not None and editor.property(_SHOWN) is not None and line.text() == before:
        if length:
            line.setSelection(start, length)
        else:
            line.setCursorPosition(caret)
    editor.setProperty(_SHOWN, _value(editor))


class TypingKept(QObject):
    """A line being typed in on `view` when its model is reset opens again after it, on
    the same item (`identity` of an index, found again by `index_of`), holding what was
    typed with the caret after it, and is saved at once if Enter had been pressed; as does
    one whose value was refused (`reopen_soon`)."""

    def __init__(
        self,
        view: QAbstractItemView,
        identity: Callable[[QModelIndex], Any],
        index_of: Callable[[Any], QModelIndex],
    ) -> None:
        super().__init__(view)
        self._view, self._identity, self._index_of = view, identity, index_of
        self._typed: tuple[Any, str, bool] | None = None
        view.model().modelAboutToBeReset.connect(self._keep)
        view.model().modelReset.connect(self._reopen_soon)

    def _keep(self) -> None:
        current = self._view.currentIndex()
        editor = self._view.indexWidget(current)
        if isinstance(editor, QLineEdit) and touched(editor):
            self._typed = self._identity(current), editor.text(), bool(editor.property(_ENTERED))

    def _reopen_soon(self) -> None:
        if self._typed is not None:
            QTimer.singleShot(0, self, self._reopen)

    def reopen_soon(self, index: QModelIndex, typed: str) -> None:
        """The editor on `index` open again holding `typed`, once the view has closed it."""
        self._typed = self._identity(index), typed, False
        self._reopen_soon()

    def _reopen(self) -> None:
        if self._typed is None:
            return
        (item, typed, entered), self._typed = self._typed, None
        index = self._index_of(item)
        # Gone with the reset, or what was typed is its value now (saved as the reset came).
        if not index.isValid() or str(index.data(Qt.ItemDataRole.EditRole) or "") == typed:
            return
        self._view.setCurrentIndex(index)
        self._view.edit(index)
        if isinstance(editor := self._view.indexWidget(index), QLineEdit):
            editor.setText(typed)
            if entered:  # as Qt's queued save would have, had the editor lived
                delegate = self._view.itemDelegateForIndex(index)
                delegate.commitData.emit(editor)
                delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
