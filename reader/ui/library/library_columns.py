"""The Library's columns in the dock's width: each as wide as its contents and heading,
the title taking what the others leave (eliding), and the others showing while they fit
(reader.core.library_columns) or as the user chose in the Columns menu: right-click a
heading, or the menu key in the table ▸ Columns. The choices are remembered by column
key in the settings, so they hold in every study that has the column. The menu key's menu
also sorts by the current cell's column, as a click on its heading does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from reader.core.library_columns import LEAST_CHARS, fitted_columns, natural_widths
from reader.core.wording import listed
from reader.ui.library.library_model import FIXED, LibraryModel
from reader.ui.mnemonics import with_mnemonics

SHOWN, HIDDEN = "library/shown-columns", "library/hidden-columns"
# Rows measured for a column's width, those in sight first (Qt measures 1,000): with 500
# interviews, measuring them all after each edit of a title held the window 180 ms; the
# columns are capped at 15 characters anyway, and a longer value shows whole in its tip.
MEASURED_ROWS = 100
# px beyond Qt's measure of a worded heading (3 px a side in Fusion): "Read" and "Date" sat
# against the lines between headings, while the marks' columns (swatch, ✎) had room.
HEADING_ROOM = 6


class LibraryColumns(QObject):
    def __init__(self, view: QTableView, model: LibraryModel, store: QSettings | None) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self.store = store
        self.chosen_shown = self._stored(SHOWN)
        self.chosen_hidden = self._stored(HIDDEN)
        self.natural: list[int] = []  # each column's width for its contents and heading
        self._contents: list[int] = []  # each column's width for its contents, as measured
        self._headings: list[int] = []  # and for its heading
        self._seen: tuple[object, set[str]] = (None, set())  # the study, its columns' keys
        # The case columns' keys (participant, date, attributes): True for one with values,
        # tried before the ✎ count (reader.core.library_columns).
        self.cases: dict[str, bool] = {}
        self._squeezed: set[int] = set()  # columns shown narrower than their contents
        header = view.horizontalHeader()
        header.setResizeContentsPrecision(MEASURED_ROWS)  # the columns' header, in Qt 6
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(view.fontMetrics().horizontalAdvance("0") * 3)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sortIndicatorChanged.connect(lambda *_: self.fit())  # its column has an arrow
        header.sectionResized.connect(lambda column, *_: column and self._size_title())
        view.viewport().installEventFilter(self)  # its width: which columns fit

    def fit(self, columns: set[int] | None = None) -> None:
        """Each column as wide as its contents and heading (reader.core.library_columns
        caps them), the title as wide as what the others leave; then those that fit show.
        `columns`: only these changed their cells (LibraryModel.changed_columns); None: all."""
        header, count = self.view.horizontalHeader(), self.model.columnCount()
        whole = columns is None or len(self._contents) != count
        columns = set(range(count)) if whole or columns is None else columns
        for column in columns:
            header.setSectionHidden(column, False)  # a hidden column measures nothing
        if whole:
            # Room for the sort arrow in the sorted column only (Qt keeps it in every one).
            header.setSortIndicatorShown(False)
            self._headings = [self._heading_width(c) for c in range(count)]
            header.setSortIndicatorShown(True)
            if 0 <= (arrowed := header.sortIndicatorSection()) < count:
                self._headings[arrowed] = self._heading_width(arrowed)
            self._contents = [0] * count
        elif not columns:
            return
        for column in columns:
            # The open interview's row is bold, so wider than the contents were measured.
            width = self.view.sizeHintForColumn(column)
            self._contents[column] = width + width // 10
        self.natural = natural_widths(
            self._contents, self._headings, self.view.fontMetrics().averageCharWidth()
        )
        for column in columns:  # a column the user widened, and not changed, stays so
            header.resizeSection(column, self.natural[column])
        self.cases = self.model.case_columns()
        self.show_fitting()
        self._show_new_attributes()

    def _show_new_attributes(self) -> None:
        """An attribute just made in this study shows (scrolled to), though it may not fit:
        New Attribute… must not seem to do nothing."""
        study, keys = self.model.owner.study, {a.key for a in self.model.attributes}
        new = keys - self._seen[1] if study is not None and study is self._seen[0] else set()
        self._seen = (study, keys)
        for key in sorted(new):
            self.choose(key, True)
        columns = [c for c in range(self.model.columnCount()) if self.model.key(c) in new]
        if columns and self.view.model().rowCount():
            row = max(0, self.view.currentIndex().row())
            self.view.updateGeometries()  # the scroll bar's range now, not at the next paint
            self.view.scrollTo(self.view.model().index(row, columns[-1]))

    def _heading_width(self, column: int) -> int:
        room = 0 if self.model.is_mark(column) else HEADING_ROOM
        return self.view.horizontalHeader().sectionSizeHint(column) + room

    def show_fitting(self) -> None:
        keys = [self.model.key(c) for c in range(self.model.columnCount())]
        if len(keys) != len(self.natural):
            return
        room, floor = self.view.viewport().width(), self._title_floor()
        filled = {key for key, has_values in self.cases.items() if has_values}
        empty = self.cases.keys() - filled
        least = self.view.fontMetrics().averageCharWidth() * LEAST_CHARS
        chosen = (self.chosen_shown, self.chosen_hidden)
        fitted = fitted_columns(keys, self.natural, room, floor, *chosen, filled, empty, least)
        header = self.view.horizontalHeader()
        for column, width in enumerate(fitted[1:], 1):
            show = width is not None
            if header.isSectionHidden(column) == show:
                header.setSectionHidden(column, not show)
                if width is not None:
                    header.resizeSection(column, width)
            elif width is not None and (column in self._squeezed or width < self.natural[column]):
                header.resizeSection(column, width)  # narrower for want of room, or whole again
        natural = self.natural
        self._squeezed = {c for c, w in enumerate(fitted) if c and w is not None and w < natural[c]}
        self._size_title()

    def _size_title(self) -> None:
        """The title takes what the other columns leave, but not less than what
        fitted_columns keeps for it: columns chosen beyond that scroll."""
        if not self.natural:
            return
        header, room = self.view.horizontalHeader(), self.view.viewport().width()
        others = sum(
            header.sectionSize(c) for c in range(1, header.count()) if not header.isSectionHidden(c)
        )
        least = min(self.natural[0], max(self._title_floor(), room * 2 // 5))
        header.resizeSection(0, max(least, room - others))

    def _title_floor(self) -> int:
        return self.view.fontMetrics().averageCharWidth() * 10  # "P12 Ana W…"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.show_fitting()
        return super().eventFilter(watched, event)

    def shown(self, key: str) -> bool:
        column = next((c for c in range(self.model.columnCount()) if self.model.key(c) == key), -1)
        return column >= 0 and not self.view.isColumnHidden(column)

    def out_of_room(self, keys: list[str]) -> str:
        """What to say of those of `keys` whose column is hidden though the user did not
        hide it (it does not fit): where it is; "" when each shows."""
        labels = [
            self._label(column)
            for column in range(self.model.columnCount())
            if self.model.key(column) in keys
            and not self.shown(self.model.key(column))
            and self.model.key(column) not in self.chosen_hidden
        ]
        if not labels:
            return ""
        one = len(labels) == 1
        return (
            f"The {listed(labels)} column{' is' if one else 's are'} hidden for lack of room: "
            "widen the Library, or right-click a heading (Shift+F10 on a row ▸ Columns) to "
            f"show {'it' if one else 'them'}."
        )

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

    def add_actions(self, menu: QMenu, taken: str = "") -> None:
        """A tick for each column (the title always shows), and fitting them to the width;
        each with a letter of its own, none of `taken` (the menu's other items')."""
        columns = range(self.model.columnCount())
        labels = [self._label(column) for column in columns]
        fit, *texts = with_mnemonics(["Fit Columns to Width", *labels], taken)
        for column, text in zip(columns, texts, strict=True):
            key = self.model.key(column)
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(self.shown(key))
            action.setEnabled(column > 0)
            action.toggled.connect(lambda show, key=key: self.choose(key, show))
        menu.addSeparator()
        menu.addAction(fit, self.fit_to_width)

    def add_sorting(self, menu: QMenu, column: int, study_order: Callable[[], None]) -> None:
        """Study Order, and sorting by `column` (the current cell's): a heading's click,
        for the keyboard, whose Menu key (or Shift+F10) opens the row's menu. Again on the
        column sorted by, the other way round, as a second click does."""
        menu.addAction("Stud&y Order", study_order)
        if column < 0:
            return
        header = self.view.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        flip = header.sortIndicatorSection() == column and header.sortIndicatorOrder() == ascending
        order = Qt.SortOrder.DescendingOrder if flip else ascending
        label = self._label(column).replace("&", "&&")
        menu.addAction(
            f"Sor&t by “{label}”{', Descending' if flip else ''}",
            lambda: self.view.sortByColumn(column, order),
        )

    def _label(self, column: int) -> str:
        attribute = self.model.attribute(column)
        return attribute.label if attribute else FIXED[column][1]

    def _store_choices(self) -> None:
        if self.store is not None:
            self.store.setValue(SHOWN, sorted(self.chosen_shown))
            self.store.setValue(HIDDEN, sorted(self.chosen_hidden))
        self.show_fitting()

    def _stored(self, name: str) -> set[str]:
        value = self.store.value(name, []) if self.store is not None else []
        # QSettings gives a lone string for a one-item list, and nothing for an empty one.
        return {value} if isinstance(value, str) else {str(v) for v in value or []}
