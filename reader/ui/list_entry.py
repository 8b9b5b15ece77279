"""Entering a list pane (Ctrl+3, Ctrl+6, F6, Tab) with no row selected selects one: its
current row, else its first. Qt makes the first row current unselected on entry: a bare
frame that reads as nothing chosen, though Delete and Enter act on it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView


def select_on_entry(view: QAbstractItemView) -> None:
    """Called as `view` takes the focus, before Qt's own handling of it."""
    if view.selectionModel().hasSelection() or (model := view.model()) is None:
        return
    current = view.currentIndex()
    if not current.isValid():  # the first that can be chosen: a heading cannot
        rows = (model.index(row, 0) for row in range(model.rowCount()))
        selectable = Qt.ItemFlag.ItemIsSelectable
        current = next((i for i in rows if model.flags(i) & selectable), QModelIndex())
    if current.isValid():
        view.setCurrentIndex(current)
