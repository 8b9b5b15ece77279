"""The Library's sort and filter, remembered for each study in the settings: a study opened
again, after a restart too, lists its interviews as they were left, and another study does
not take over the one's filter. The sorted column is kept by its key, so an attribute
column added or removed before it does not move the sort to another column."""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QTableView

from reader.ui.library.library_model import LibraryModel
from reader.ui.library.open_study import OpenStudy

# Study folder -> [the sorted column's key ("": the study's order), descending, filter].
KEY = "library/views"
KEEP = 50


class LibraryMemory(QObject):
    def __init__(
        self,
        owner: OpenStudy,
        model: LibraryModel,
        view: QTableView,
        filter_field: QLineEdit,
        store: QSettings | None,
    ) -> None:
        super().__init__(view)
        self.owner, self.model, self.view, self.filter = owner, model, view, filter_field
        self.store = store
        self._folder = ""  # the study shown, "" while none is (or one is being restored)
        owner.opened.connect(self.restore)  # after the Library's reload: the columns are there
        owner.closed.connect(lambda: setattr(self, "_folder", ""))
        view.horizontalHeader().sortIndicatorChanged.connect(self._save)
        filter_field.textChanged.connect(self._save)
        self.restore()  # made as the first study opens

    def _stored(self) -> dict[str, list]:
        try:
            value = json.loads(str(self.store.value(KEY, "{}"))) if self.store else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def restore(self, *_args: object) -> None:
        study = self.owner.study
        self._folder = ""
        if study is None or self.store is None:
            return
        folder = str(study.folder)
        value = self._stored().get(folder)
        key, descending, text = (
            value if isinstance(value, list) and len(value) == 3 else ("", 0, "")
        )
        model = self.model
        column = next((c for c in range(model.columnCount()) if model.key(c) == key), -1)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.view.sortByColumn(column, order)
        self.filter.setText(str(text))
        self._folder = folder

    def _save(self, *_args: object) -> None:
        if not self._folder or self.store is None:
            return
        header = self.view.horizontalHeader()
        column = header.sortIndicatorSection()
        key = self.model.key(column) if 0 <= column < self.model.columnCount() else ""
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        stored = self._stored()
        stored.pop(self._folder, None)
        stored[self._folder] = [key, descending, self.filter.text()]  # newest last
        self.store.setValue(KEY, json.dumps(dict(list(stored.items())[-KEEP:])))
