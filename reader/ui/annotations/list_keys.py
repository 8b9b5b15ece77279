"""The Annotations list's keys and its row menu: Enter goes to a highlight, F2 edits its
note, Delete or Backspace deletes it, and any other letter typed goes to the filter; Down
in the filter goes back to the list, as Enter there does."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListView, QWidget

from reader.ui.annotations.model import Entry, Index
from reader.ui.row_menu import passing_menu
from reader.ui.type_to_filter import type_to_filter


class HighlightList(Protocol):
    """What the keys act on: the Annotations panel."""

    view: QListView
    filter_edit: QLineEdit

    def entry_at(self, index: Index) -> Entry | None: ...
    def jump(self, index: Index) -> None: ...
    def edit(self) -> None: ...
    def delete(self) -> None: ...
    def focus_list(self) -> None: ...
    def enter(self) -> None: ...


class ListKeys(QObject):
    """Watches the panel's list for its keys and opens the menu of a row."""

    def __init__(self, panel: HighlightList, parent: QWidget) -> None:
        super().__init__(parent)
        self._panel = panel
        panel.view.installEventFilter(self)
        panel.filter_edit.installEventFilter(self)
        panel.view.customContextMenuRequested.connect(self.context_menu)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # None once the window is being taken apart: a garbage collection may clear this
        # object's attributes while Qt still hands the list's last events to its filter.
        panel = getattr(self, "_panel", None)
        if panel is None:
            return super().eventFilter(watched, event)
        if watched is panel.view and event.type() == QEvent.Type.FocusIn:
            panel.enter()
        elif watched is panel.filter_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and not event.modifiers():
                panel.focus_list()
                return True
        elif watched is panel.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            handler = {
                Qt.Key.Key_Return: lambda: panel.jump(panel.view.currentIndex()),
                Qt.Key.Key_Enter: lambda: panel.jump(panel.view.currentIndex()),
                Qt.Key.Key_F2: panel.edit,
                Qt.Key.Key_Delete: panel.delete,
                Qt.Key.Key_Backspace: panel.delete,
            }.get(Qt.Key(event.key()))
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if handler is not None and plain:
                handler()
                return True
            return type_to_filter(event, panel.filter_edit)
        return super().eventFilter(watched, event)

    def context_menu(self, pos: QPoint) -> None:
        panel = self._panel
        index = panel.view.indexAt(pos)
        entry = panel.entry_at(index)
        if entry is None:
            return
        panel.view.setCurrentIndex(index)
        menu = passing_menu(panel.view)
        go = menu.addAction("&Go to Highlight\tEnter", lambda: panel.jump(index))
        go.setEnabled(not entry.highlight.orphan)
        menu.addAction("Edit &Note…\tF2", panel.edit)
        menu.addAction("&Delete Highlight\tDelete", panel.delete)
        menu.exec(panel.view.viewport().mapToGlobal(pos))
