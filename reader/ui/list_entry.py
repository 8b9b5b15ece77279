"""Entering a list pane (Ctrl+3, Ctrl+6, F6, Tab) with no row selected, or none current,
selects one: its current row, else its first. Qt makes the first row current unselected on
entry: a bare frame that reads as nothing chosen, though Delete and Enter act on it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView


def select_on_entry(view: QAbstractItemView) -> None:
    """Called as `view` takes the focus, before Qt's own handling of it."""
    current, model = view.currentIndex(), view.model()
    if model is None or (current.isValid() and view.selectionModel().hasSelection()):
        return
    if not current.isValid():  # the first that can be chosen: a heading cannot
        rows = (model.index(row, 0) for row in range(model.rowCount()))
        selectable = Qt.ItemFlag.ItemIsSelectable
        current = next((i for i in rows if model.flags(i) & selectable), QModelIndex())
    if current.isValid():  # not the view's setCurrentIndex: Ctrl held (Ctrl+3) would toggle
        flags = QItemSelectionModel.SelectionFlag
        view.selectionModel().setCurrentIndex(current, flags.ClearAndSelect | flags.Rows)
