"""The Library's columns in the dock's width: each as wide as its contents and heading,
the title taking what the others leave (eliding), and the others showing while they fit
(reader.core.library_columns) or as the user chose in the Columns menu: right-click a
heading, or the menu key in the table ▸ Columns. The choices are remembered by column
key in the settings, so they hold in every study that has the column.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from reader.core.library_columns import columns_shown
from reader.ui.library.library_model import FIXED, LibraryModel

SHOWN, HIDDEN = "library/shown-columns", "library/hidden-columns"


class LibraryColumns(QObject):
    def __init__(self, view: QTableView, model: LibraryModel, store: QSettings | None) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self.store = store
        self.chosen_shown = self._stored(SHOWN)
        self.chosen_hidden = self._stored(HIDDEN)
        self.natural: list[int] = []  # each column's width for its contents and heading
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(view.fontMetrics().horizontalAdvance("0") * 3)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sortIndicatorChanged.connect(self.fit)  # the sorted column has an arrow
        view.viewport().installEventFilter(self)  # its width: which columns fit

    def fit(self) -> None:
        """Each column as wide as its contents and heading (at most 260 px), the title as
        wide as what the others leave; then those that fit show."""
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.setSectionHidden(column, False)  # a hidden column measures nothing
        # Room for the sort arrow in the sorted column only (Qt keeps it in every one).
        header.setSortIndicatorShown(False)
        headings = [header.sectionSizeHint(c) for c in range(self.model.columnCount())]
        header.setSortIndicatorShown(True)
        if 0 <= (arrowed := header.sortIndicatorSection()) < len(headings):
            headings[arrowed] = header.sectionSizeHint(arrowed)
        self.natural = []
        for column, heading in enumerate(headings):
            width = self.view.sizeHintForColumn(column)
            # The open interview's row is bold, so wider than the contents were measured.
            self.natural.append(min(max(width + width // 10, heading), 260))
            header.resizeSection(column, self.natural[-1])
        if self.natural:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.show_fitting()

    def show_fitting(self) -> None:
        keys = [self.model.key(c) for c in range(self.model.columnCount())]
        if len(keys) != len(self.natural):
            return
        room = self.view.viewport().width()
        floor = self.view.fontMetrics().averageCharWidth() * 10  # "P12 Ana W…"
        shown = columns_shown(
            keys, self.natural, room, floor, self.chosen_shown, self.chosen_hidden
        )
        header = self.view.horizontalHeader()
        for column, show in enumerate(shown):
            if header.isSectionHidden(column) == show:
                header.setSectionHidden(column, not show)
                if show:
                    header.resizeSection(column, self.natural[column])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.show_fitting()
        return super().eventFilter(watched, event)

    def shown(self, key: str) -> bool:
        column = next((c for c in range(self.model.columnCount()) if self.model.key(c) == key), -1)
        return column >= 0 and not self.view.isColumnHidden(column)

    def choose(self, key: str, show: bool) -> None:
        """Show or hide a column from now on, in every study (remembered by its key)."""
        (self.chosen_shown if show else self.chosen_hidden).add(key)
        (self.chosen_hidden if show else self.chosen_shown).discard(key)
        self._store_choices()

    def fit_to_width(self) -> None:
        """Forget the columns chosen: those that fit show."""
        self.chosen_shown.clear()
        self.chosen_hidden.clear()
        self._store_choices()

    def add_actions(self, menu: QMenu) -> None:
        """A tick for each column (the title always shows), and fitting them to the width."""
        for column in range(self.model.columnCount()):
            attribute = self.model.attribute(column)
            key = self.model.key(column)
            action = menu.addAction(attribute.label if attribute else FIXED[column][1])
            action.setCheckable(True)
            action.setChecked(self.shown(key))
            action.setEnabled(column > 0)
            action.toggled.connect(lambda show, key=key: self.choose(key, show))
        menu.addSeparator()
        menu.addAction("Fit Columns to Width", self.fit_to_width)

    def _store_choices(self) -> None:
        if self.store is not None:
            self.store.setValue(SHOWN, sorted(self.chosen_shown))
            self.store.setValue(HIDDEN, sorted(self.chosen_hidden))
        self.show_fitting()

    def _stored(self, name: str) -> set[str]:
        value = self.store.value(name, []) if self.store is not None else []
        # QSettings gives a lone string for a one-item list, and nothing for an empty one.
        return {value} if isinstance(value, str) else {str(v) for v in value or []}
