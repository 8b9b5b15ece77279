"""The Library's cells edited in place: a list for a choice, a line for the rest. What the
study refuses (a title another interview has, a date that is none) is said by the study,
and the cell opens again holding what was typed, to be changed; Escape keeps the old."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.ui.edit_menus import letter_edit_menus
from reader.ui.library.library_model import LibraryModel
from reader.ui.typed_editors import TypingKept, fill_untouched, name_editor
from reader.ui.wrapped_text import in_its_direction

Index = QModelIndex | QPersistentModelIndex
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole  # a heading's words, not its mark


class LibraryDelegate(QStyledItemDelegate):
    """Cells edited in place: a list for a choice, a line for the rest (a date as
    YYYY-MM-DD, a number as typed; the study checks and says what does not fit)."""

    def __init__(self, model: LibraryModel, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.model, self.view = model, view
        # Interviews came or went (another program's change, an undo): the table is made
        # again, which closes the editor open on it unsaved.
        self._typing = TypingKept(view, self._cell_of, self._index_of)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.text = in_its_direction(option.text)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        attribute = self.model.attribute(index.column())
        heading = self.model.headerData(index.column(), Qt.Orientation.Horizontal, ACCESSIBLE)
        title = index.siblingAtColumn(0).data()
        if attribute is not None and attribute.type == "choice":
            combo = QComboBox(parent)
            combo.addItems(["", *attribute.options])
            name_editor(combo, f"{heading} of “{title}”")
            return combo
        editor = QLineEdit(parent)
        kind = attribute.type if attribute else self.model.key(index.column())
        editor.setPlaceholderText({"date": "YYYY-MM-DD", "number": "a number"}.get(kind, ""))
        letter_edit_menus(editor)
        name_editor(editor, f"{heading} of “{title}”")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        fill_untouched(editor, partial(self._fill, editor, index))

    def _fill(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            text = str(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.setCurrentIndex(max(0, editor.findText(text)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
            return
        typed = editor.text() if isinstance(editor, QLineEdit) else ""
        if not model.setData(index, typed) and typed != index.data(Qt.ItemDataRole.EditRole):
            self._typing.reopen_soon(QModelIndex(index), typed)  # refused: said by the study

    def _proxy(self) -> QSortFilterProxyModel:
        proxy = self.view.model()  # the sorting and filtering over self.model
        assert isinstance(proxy, QSortFilterProxyModel)
        return proxy

    def _cell_of(self, index: QModelIndex) -> tuple[str, str]:
        """The interview and column of a cell of the view."""
        source = self._proxy().mapToSource(index)
        return self.model.rows[source.row()].id, self.model.key(source.column())

    def _index_of(self, cell: tuple[str, str]) -> QModelIndex:
        interview_id, key = cell
        keys = [self.model.key(c) for c in range(self.model.columnCount())]
        row = self.model.row_of(interview_id)
        if row < 0 or key not in keys:  # taken off the study, or its column
            return QModelIndex()
        return self._proxy().mapFromSource(self.model.index(row, keys.index(key)))
