"""The Library's rows: one per interview of the study, from the headers (no transcript is
loaded), with a column per attribute; editing a cell or dragging a row to another place
changes the study through OpenStudy."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.annotations import DEFAULT_COLOR
from reader.core.folding import fold_query, folded
from reader.core.wording import counted
from reader.ui.library.open_study import OpenStudy
from reader.ui.theme import swatch_icon

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from collections.abc import Callable
    from pathlib import Path

    from reader.core.study_file import AttributeDef
    from reader.core.study_headers import Counts, InterviewHeader

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# (key, heading): the fields every interview has, before its attributes. The counts come
# next to the title: in a narrow dock they stay in sight, while the case table (participant,
# date, attributes) follows to the right.
FIXED = [
    ("title", "Title"),
    ("highlights", "Highlights"),
    ("notes", "Notes"),
    ("read", "Read"),
    ("participant", "Participant"),
    ("date", "Date"),
]
# The counts' headings are marks, not words: a narrow dock keeps room for the titles. Their
# words are the tooltip and what a screen reader says.
MARKS = {"highlights": "", "notes": "✎"}  # highlights: the default colour's swatch
ABOUT = {
    "title": "Title (the full title is in each row's tooltip)",
    "highlights": "Highlights",
    "notes": "Highlights with a note",
    "read": "How far you read it",
}
EDITABLE = {"title", "participant", "date"}
NUMBERS = {"highlights", "notes", "read"}
INTERVIEW_MIME = "application/x-interview-reader-interview"  # a row dragged: its id


class LibraryModel(QAbstractTableModel):
    def __init__(self, owner: OpenStudy, counts_later: bool = False) -> None:
        """`counts_later`: the first study's rows come without their notes files' counts
        until `read_counts` (a study opened at start: 500 notes files take 100 ms to read)."""
        super().__init__(owner)
        self.owner = owner
        self.rows: list[InterviewHeader] = []
        self.attributes: list[AttributeDef] = []
        self.read: dict[str, float] = {}
        self.current = ""  # the interview open in the window, shown in bold
        # The open interview's counts in memory (highlights, notes): its file may not have
        # them yet, and a reload reads the files.
        self.live: dict[str, tuple[int, int]] = {}
        self._study: object = None  # whose rows these are: another study's live counts go
        self._counts: Callable[[Path], Counts] | None = None  # its notes files' counts
        self._counts_later = counts_later
        # The columns whose cells the last `reload` changed (their widths may have); None:
        # every one (the model was reset).
        self.changed_columns: set[int] | None = None

    def reload(self) -> bool:
        """Every row again from the study (after an edit, a merge, another study); False,
        and the view left alone, when they are as they were (most edits of a study, a
        code made, change none). The same interviews and attributes change in place."""
        study = self.owner.study
        another = study is not self._study
        if another:
            from reader.core.study_headers import NotesCounts, load_read_positions  # (#17)

            self._study, self.live = study, {}
            self._counts = _not_yet if self._counts_later else NotesCounts()
            self._counts_later = False
            self.read = load_read_positions(study.folder) if study is not None else {}
        rows, attributes = [], list(study.data.attributes) if study is not None else []
        if study is not None:
            from reader.core.study_headers import headers

            rows = [
                replace(h, highlights=self.live[h.id][0], notes=self.live[h.id][1])
                if h.id in self.live
                else h
                for h in headers(study, self.read, self._counts)
            ]
        if not another and (rows, attributes) == (self.rows, self.attributes):
            return False
        if not another and attributes == self.attributes and _ids(rows) == _ids(self.rows):
            self._change_rows(rows)
            return True
        self.beginResetModel()
        self.rows, self.attributes = rows, attributes
        self.changed_columns = None
        self.endResetModel()
        return True

    def _change_rows(self, rows: list[InterviewHeader]) -> None:
        """The same interviews with other values (an edit of a cell, most merges): the rows
        that changed are drawn again, the view keeping its current cell, selection and
        scrolling (a reset lost them, and re-measured every column, 90-270 ms with 300)."""
        keys = [self.key(c) for c in range(self.columnCount())]
        changed = [
            r for r, (old, new) in enumerate(zip(self.rows, rows, strict=True)) if old != new
        ]
        self.changed_columns = {
            c
            for r in changed
            for c, key in enumerate(keys)
            if _shown(self.rows[r], key) != _shown(rows[r], key)
        }
        self.rows = rows
        self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(keys) - 1))

    def read_counts(self) -> bool:
        """The counts held back read from now on; True when the rows must be loaded again."""
        if self._counts is not _not_yet:
            return False
        from reader.core.study_headers import NotesCounts

        self._counts = NotesCounts()
        return True

    def set_counts(self, interview_id: str, highlights: int, notes: int) -> None:
        """The open interview's counts as they are in memory, before they are saved."""
        self.live = {interview_id: (highlights, notes)}
        self._update(interview_id, highlights=highlights, notes=notes)

    def set_read(self, interview_id: str, share: float) -> None:
        self.read[interview_id] = share
        self._update(interview_id, read=share)

    def set_current(self, interview_id: str) -> None:
        self.current = interview_id
        # The interview left was written: its file has its counts.
        self.live = {k: v for k, v in self.live.items() if k == interview_id}
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def _update(self, interview_id: str, **changes: Any) -> None:
        for row, header in enumerate(self.rows):
            # A row as it was is not drawn again: coding a passage changes no count here.
            if header.id == interview_id and any(
                getattr(header, name) != value for name, value in changes.items()
            ):
                self.rows[row] = replace(header, **changes)
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def row_of(self, interview_id: str) -> int:
        return next((r for r, h in enumerate(self.rows) if h.id == interview_id), -1)

    def key(self, column: int) -> str:
        attribute = self.attribute(column)
        return attribute.key if attribute else self._fixed(column)[0]

    def _fixed(self, column: int) -> tuple[str, str]:
        return FIXED[column]

    def case_columns(self) -> dict[str, bool]:
        """The keys of the case table's columns (participant, date, the attributes): True
        for one that some interview has a value in."""
        keys = [self.key(c) for c in range(1, self.columnCount())]
        cases = [k for k in keys if k not in NUMBERS]
        return {k: any(_shown(header, k) for header in self.rows) for k in cases}

    def attribute(self, column: int) -> AttributeDef | None:
        if len(FIXED) <= column < self.columnCount():
            return self.attributes[column - len(FIXED)]
        return None

    # The model ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self.attributes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= self.columnCount():
            return None
        attribute = self.attribute(section)
        key, heading = (attribute.key, attribute.label) if attribute else self._fixed(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return heading if attribute else MARKS.get(key, heading)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return heading
        if role == Qt.ItemDataRole.DecorationRole and key == "highlights" and not attribute:
            return swatch_icon(DEFAULT_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.heading_alignment(section) | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if attribute:
                return f"{attribute.label}: {attribute.type} (right-click to change)"
            return ABOUT.get(key)
        return None

    def is_number(self, column: int) -> bool:
        """Whether the column holds numbers: its cells align right."""
        attribute = self.attribute(column)
        return attribute.type == "number" if attribute else self.key(column) in NUMBERS

    def is_mark(self, column: int) -> bool:
        """Whether the column's heading is a mark (the swatch, ✎), not a word."""
        return self.attribute(column) is None and self.key(column) in MARKS

    def heading_alignment(self, column: int) -> Qt.AlignmentFlag:
        """Words over words at their left, as the cells' start; a mark or a number's
        heading centred (right-aligned, "Read" ran into the next heading)."""
        if self.is_mark(column) or self.is_number(column):
            return Qt.AlignmentFlag.AlignHCenter
        return Qt.AlignmentFlag.AlignLeft

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = self.key(index.column())
        editable = key in EDITABLE or self.attribute(index.column()) is not None
        if not self.owner.read_only:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
            if editable:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # Moving a row by drag and drop -------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [INTERVIEW_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        if indexes:
            mime.setData(INTERVIEW_MIME, self.rows[indexes[0].row()].id.encode("utf-8"))
        return mime

    def canDropMimeData(self, data: QMimeData, *_args: Any) -> bool:
        return data.hasFormat(INTERVIEW_MIME) and not self.owner.read_only

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """The dragged interview goes before `row` (or onto `parent`'s place; -1: last)."""
        if not self.canDropMimeData(data) or self.owner.study is None:
            return False
        interview_id = bytes(data.data(INTERVIEW_MIME).data()).decode("utf-8", "replace")
        source = self.row_of(interview_id)
        if source < 0:
            return False
        target = row if row >= 0 else parent.row() if parent.isValid() else len(self.rows)
        index = target - (1 if source < target else 0)
        return index != source and self.owner.move(interview_id, index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        header = self.rows[index.row()]
        key = self.key(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(header, key)
        if role == Qt.ItemDataRole.EditRole:
            value = _value(header, key)
            return "" if value is None else str(value)
        if role == ID_ROLE:
            return header.id
        if role == SORT_ROLE:  # one type in a column, None for no value (LibrarySorting)
            value = _value(header, key)
            if key == "read":
                return -1.0 if value is None else value
            if isinstance(value, int | float):
                return float(value)
            if value in (None, ""):
                return None
            # Accents and case aside first ("Émile" between "Ana" and "Zoé"), then as
            # written, so that the order of names that fold alike is still one order;
            # numbers by their value ("P2" before "P10"), as the study lists its files.
            text = _natural(f"{folded(str(value))}\x00{str(value).casefold()}")
            attribute = self.attribute(index.column())
            if attribute is None or attribute.type != "choice":
                return text
            # A choice by its place among the choices ("Low, Medium, High"), not
            # alphabetically; one that is no longer a choice (another file's) after them.
            choices = attribute.options
            rank = choices.index(value) if value in choices else len(choices)
            return f"{rank:06d}\x00{text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            # A cell other than the title may be elided (its column is capped): whole here.
            cell = _shown(header, key) if key != "title" and key not in NUMBERS else ""
            return f"{cell}\n\n{_tooltip(header)}" if cell else _tooltip(header)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.is_number(index.column()):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (header.missing or header.id == self.current):
            font = QFont()
            font.setItalic(header.missing)
            font.setBold(header.id == self.current)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (header.missing or header.problem):
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        header = self.rows[index.row()]
        key = self.key(index.column())
        old = _value(header, key)
        if str(value) == ("" if old is None else str(old)):
            return False
        if key in EDITABLE:
            return self.owner.rename(header.id, **{key: str(value)})
        return self.owner.set_attribute(header.id, key, value)


def _value(header: InterviewHeader, key: str) -> Any:
    if key in ("title", "participant", "date", "highlights", "notes", "read"):
        return getattr(header, key)
    return header.attributes.get(key)


def _ids(rows: list[InterviewHeader]) -> list[str]:
    return [h.id for h in rows]


def _not_yet(_notes_path: Path) -> Counts:
    return {}, ""


def _shown(header: InterviewHeader, key: str) -> str:
    value = _value(header, key)
    if key == "title" and header.missing:
        return f"{header.title} (missing)"
    if key == "read":
        return "" if value is None else ("✓" if value >= 0.99 else f"{round(value * 100)} %")
    if key in ("highlights", "notes"):
        return str(value) if value else ""
    return "" if value is None else str(value)


def _tooltip(header: InterviewHeader) -> str:
    lines = [header.title, header.path]
    if header.missing:
        lines.append("The transcript is not there: right-click ▸ Locate Transcript…")
    if header.problem:
        lines.append(header.problem[:1].upper() + header.problem[1:] + ".")
    if header.orphans:
        lines.append(f"{counted(header.orphans, 'highlight')} not found in the text")
    return "\n".join(lines)


def _natural(text: str) -> str:
    """`text` with its runs of digits padded to one width: as text, "p2" sorts before
    "p10"."""
    return _DIGITS.sub(lambda run: run[0].rjust(_DIGITS_WIDTH, "0"), text)


_DIGITS = re.compile(r"\d+")
_DIGITS_WIDTH = 24  # more than any count or year a title holds


class LibrarySorting(QSortFilterProxyModel):
    """The Library's rows sorted by SORT_ROLE, the cells with no value last whichever way
    (sorting by age put -2 among the empty cells, and the empty first when descending),
    and filtered by what is typed, accents and case aside as search does ("zoe" shows
    "Zoë")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._query = fold_query(text, case=False)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self._query:
            return True
        model = self.sourceModel()
        assert isinstance(model, LibraryModel)
        # The words of the row, not its counts: "10" found P01 Ana for its "10 %" read.
        columns = [c for c in range(model.columnCount()) if model.key(c) not in NUMBERS]
        cells = (model.index(row, column, parent).data() for column in columns)
        return self._query in folded("\n".join(str(cell) for cell in cells if cell is not None))

    def lessThan(self, left: Index, right: Index) -> bool:
        mine, theirs = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if mine is None or theirs is None:  # the order is turned for descending: turn back
            if mine is None and theirs is None:
                return False  # equal: left in the study's order either way
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return (theirs is None) == ascending
        try:
            return bool(mine < theirs)
        except TypeError:  # a value of another type (merged from an older file): as text
            return str(mine) < str(theirs)
