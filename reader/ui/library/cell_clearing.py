"""Delete or Backspace in the Library's table: on a value cell (participant, date, an
attribute) the value is cleared, as in a spreadsheet, in each row selected, one undoable
step; on the title, Delete takes the interview off the study (LibraryPanel.remove_current).
Removing an interview by the key that clears a cell took it out of the study unasked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QTableView

from reader.ui.library.library_model import ID_ROLE, LibraryModel
from reader.ui.library.open_study import OpenStudy

VALUE_FIELDS = ("participant", "date")  # the fixed columns that hold a value to clear
KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole  # a heading's words, not its mark


class CellClearing:
    """Delete and Backspace for the Library panel, whose are `view` (over `proxy`, over
    `model`), the `owner` of the open study and `remove_current`."""

    view: QTableView
    proxy: QSortFilterProxyModel
    model: LibraryModel
    owner: OpenStudy
    remove_current: Callable[[], None]

    def clears(self, column: int) -> bool:
        """Whether the model's `column` holds values Delete clears."""
        return self.model.key(column) in VALUE_FIELDS or self.model.attribute(column) is not None

    def heading(self, column: int) -> str:
        return str(self.model.headerData(column, Qt.Orientation.Horizontal, ACCESSIBLE))

    def delete_pressed(self, key: int = Qt.Key.Key_Delete) -> None:
        """Delete or Backspace (`key`) on the current cell."""
        index = self.view.currentIndex()
        if not index.isValid():
            return
        column = self.proxy.mapToSource(index).column()
        if not self.clears(column):
            if key == Qt.Key.Key_Delete:  # the title (or a count): the interview goes
                self.remove_current()
            return
        rows = [i.row() for i in self.view.selectionModel().selectedRows()] or [index.row()]
        cells = [self.proxy.index(r, index.column()) for r in sorted(set(rows))]
        filled = [c for c in cells if c.data(Qt.ItemDataRole.EditRole) not in (None, "")]
        owner = self.owner
        if not filled or owner.study is None:
            return  # already empty: nothing to clear
        if owner.read_only:
            owner.status.emit(f"{self.heading(column)} not cleared: {owner.why_read_only()}", 8000)
            return
        owner.clear_values([str(c.data(ID_ROLE)) for c in filled], self.model.key(column))
