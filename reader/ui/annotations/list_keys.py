"""The Annotations list's keys and its row menu: Enter goes to a highlight, F2 edits its
note, Delete or Backspace deletes it (or every one selected), and any other letter typed
goes to the filter; Down in the filter goes back to the list, as Enter there does."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListView, QWidget

from reader.ui.annotations.model import Entry, Index
from reader.ui.list_entry import select_on_entry
from reader.ui.row_menu import passing_menu
from reader.ui.type_to_filter import type_to_filter

KEEP_SELECTION = QItemSelectionModel.SelectionFlag.NoUpdate


class HighlightList(Protocol):
    """What the keys act on: the Annotations panel."""

    view: QListView
    filter_edit: QLineEdit

    def entry_at(self, index: Index) -> Entry | None: ...
    def jump(self, index: Index) -> None: ...
    def edit(self) -> None: ...
    def delete(self) -> None: ...
    def focus_list(self) -> None: ...


class ListKeys(QObject):
    """Watches the panel's list for its keys and opens the menu of a row."""

    def __init__(self, panel: HighlightList, parent: QWidget) -> None:
        super().__init__(parent)
        self._panel = panel
        panel.view.installEventFilter(self)
        panel.filter_edit.installEventFilter(self)
        panel.view.customContextMenuRequested.connect(self.context_menu)
        # A row chosen as the list takes the focus, not by its keys: it does not move the
        # reader (Ctrl+3 leaves it where it is; later_panels.py).
        self.entering = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # None once the window is being taken apart: a garbage collection may clear this
        # object's attributes while Qt still hands the list's last events to its filter.
        panel = getattr(self, "_panel", None)
        if panel is None:
            return super().eventFilter(watched, event)
        if watched is panel.view and event.type() == QEvent.Type.FocusIn:
            self.entering = True
            try:
                select_on_entry(panel.view)
            finally:
                self.entering = False
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

    def chosen(self) -> list[Entry]:
        """The entries of the rows selected, the current one first, which Delete deletes;
        none selected, the current row's."""
        view = self._panel.view
        current = view.currentIndex()
        selected = view.selectionModel().selectedRows() or [current]
        rows = sorted(selected, key=lambda index: (index.row() != current.row(), index.row()))
        return [e for index in rows if (e := self._panel.entry_at(index)) is not None]

    def context_menu(self, pos: QPoint) -> None:
        panel = self._panel
        index = panel.view.indexAt(pos)
        entry = panel.entry_at(index)
        if entry is None:
            return
        if panel.view.selectionModel().isSelected(index):  # one of several: they stay chosen
            panel.view.selectionModel().setCurrentIndex(index, KEEP_SELECTION)
        else:
            panel.view.setCurrentIndex(index)
        menu = passing_menu(panel.view)
        go = menu.addAction("&Go to Highlight\tEnter", lambda: panel.jump(index))
        go.setEnabled(not entry.highlight.orphan)
        menu.addAction("Edit &Note…\tF2", panel.edit)
        count = len(self.chosen())
        what = f"{count} Highlights" if count > 1 else "Highlight"
        menu.addAction(f"&Delete {what}\tDelete", panel.delete)
        menu.exec(panel.view.viewport().mapToGlobal(pos))
