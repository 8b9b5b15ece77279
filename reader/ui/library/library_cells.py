"""The Library's cells edited in place: a list for a choice, a line for the rest. What the
study refuses (a title another interview has, a date that is none) is said by the study,
and the cell opens again holding what was typed, to be changed; Escape keeps the old."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
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
from reader.ui.typed_editors import fill_untouched

Index = QModelIndex | QPersistentModelIndex


class LibraryDelegate(QStyledItemDelegate):
    """Cells edited in place: a list for a choice, a line for the rest (a date as
    YYYY-MM-DD, a number as typed; the study checks and says what does not fit)."""

    def __init__(self, model: LibraryModel, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.model, self.view = model, view
        self._refused: tuple[QPersistentModelIndex, str] | None = None  # the cell, typed

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        attribute = self.model.attribute(index.column())
        if attribute is not None and attribute.type == "choice":
            combo = QComboBox(parent)
            combo.addItems(["", *attribute.options])
            return combo
        editor = QLineEdit(parent)
        kind = attribute.type if attribute else self.model.key(index.column())
        editor.setPlaceholderText({"date": "YYYY-MM-DD", "number": "a number"}.get(kind, ""))
        letter_edit_menus(editor)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        fill_untouched(editor, partial(self._fill, editor, index))

    def _fill(self, editor: QWidget, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findText(text)))
        elif isinstance(editor, QLineEdit) and self._refused and self._refused[0] == index:
            editor.setText(self._refused[1])  # open again after a refusal: as typed
            self._refused = None
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
            return
        typed = editor.text() if isinstance(editor, QLineEdit) else ""
        if not model.setData(index, typed) and typed != index.data(Qt.ItemDataRole.EditRole):
            self._refused = (QPersistentModelIndex(index), typed)  # said by the study
            QTimer.singleShot(0, self, self._edit_again)  # once this editor has closed

    def _edit_again(self) -> None:
        if self._refused is None or not self._refused[0].isValid():
            self._refused = None
            return
        index = QModelIndex(self._refused[0])
        self.view.setCurrentIndex(index)
        self.view.edit(index)
