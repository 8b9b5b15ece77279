"""The Annotations list's current row kept in sight while Qt lays the rows out again, a batch
at a time (panel.py: Batched), after a row was deleted, brought back or filtered: the scroll
bar's range grew batch by batch and its value, held to the first batch's range, left the
list near its top, the current row far out of sight (Delete at the end of 120 cards)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject
from PySide6.QtWidgets import QListView


class CurrentInView(QObject):
    """Scrolls `view` to its current row when asked (`keep`), and when rows of `rows`, its
    model, come or go while the current row is in sight (a deletion in the reader)."""

    def __init__(self, view: QListView, rows: QAbstractItemModel) -> None:
        super().__init__(view)
        self._view = view
        self._due = False  # until every row is laid out
        self._seen = False  # the current row was in sight before rows came or went
        view.verticalScrollBar().rangeChanged.connect(self._laid_out)
        for before in (rows.rowsAboutToBeInserted, rows.rowsAboutToBeRemoved):
            before.connect(self._look)
        for after in (rows.rowsInserted, rows.rowsRemoved):
            after.connect(self._came_or_went)

    def _look(self, *_rows: object) -> None:
        view = self._view
        self._seen = view.visualRect(view.currentIndex()).intersects(view.viewport().rect())

    def _came_or_went(self, *_rows: object) -> None:
        if self._seen:
            self.keep()

    def keep(self) -> None:
        """The current row scrolled to now, and again as the layout reaches it."""
        self._due = True
        self._laid_out()

    def _laid_out(self, *_range: int) -> None:
        view, model = self._view, self._view.model()
        if not self._due or model is None:
            return
        view.scrollTo(view.currentIndex())
        last = model.index(model.rowCount() - 1, 0)
        self._due = not view.visualRect(last).isValid()  # the last batch not laid out yet
