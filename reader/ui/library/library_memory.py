"""The Library's sort and filter, remembered for each study in the settings: a study opened
again, after a restart too, lists its interviews as they were left, and another study does
not take over the one's filter. The sorted column is kept by its key, so an attribute
column added or removed before it does not move the sort to another column."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QTableView

from reader.ui.library.library_model import LibraryModel
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.study_memory import StudyMemory

# Study folder -> [the sorted column's key ("": the study's order), descending, filter].
KEY = "library/views"


class LibraryMemory(StudyMemory):
    def __init__(
        self,
        owner: OpenStudy,
        model: LibraryModel,
        view: QTableView,
        filter_field: QLineEdit,
        store: QSettings | None,
    ) -> None:
        # Its restore comes after the Library's reload: the columns are there.
        super().__init__(view, owner, store, KEY, filter_field)
        self.model, self.view, self.filter = model, view, filter_field
        self._folder = ""  # the study shown, "" while none is (or one is being restored)
        owner.closed.connect(lambda: setattr(self, "_folder", ""))
        view.horizontalHeader().sortIndicatorChanged.connect(self._save)
        # The columns change with the attributes: the sort follows its column by its key.
        self._sorted_by = ""
        model.modelAboutToBeReset.connect(self._hold_sort)
        model.modelReset.connect(self._follow_sort)
        self.restore()  # made as the first study opens

    def restore(self, *_args: object) -> None:
        study = self.owner.study
        self._folder = ""
        if study is None:
            return
        folder = str(study.folder)
        value = self.store.get(folder)
        key, descending, text = (
            value if isinstance(value, list) and len(value) == 3 else ("", 0, "")
        )
        model = self.model
        column = next((c for c in range(model.columnCount()) if model.key(c) == key), -1)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.view.sortByColumn(column, order)
        self.filter.setText(str(text))
        self._folder = folder

    def _hold_sort(self) -> None:
        column = self.view.horizontalHeader().sortIndicatorSection()
        self._sorted_by = self.model.key(column) if 0 <= column < self.model.columnCount() else ""

    def _follow_sort(self) -> None:
        """A column before the sorted one removed (an attribute): the arrow stayed on its
        number, past the last column, and the rows went back to the study's order."""
        if not self._sorted_by:
            return
        model, header = self.model, self.view.horizontalHeader()
        keys = [model.key(c) for c in range(model.columnCount())]
        column = keys.index(self._sorted_by) if self._sorted_by in keys else -1
        if column != header.sortIndicatorSection():
            self.view.sortByColumn(column, header.sortIndicatorOrder())

    def _save(self, *_args: object) -> None:
        self._typed.stop()
        if not self._folder:
            return
        header = self.view.horizontalHeader()
        column = header.sortIndicatorSection()
        key = self.model.key(column) if 0 <= column < self.model.columnCount() else ""
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self.store.put(self._folder, [key, descending, self.filter.text()])
