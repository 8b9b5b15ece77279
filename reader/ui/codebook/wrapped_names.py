"""The Codebook's names wrapped in a narrow dock, not cut after a word: "Organisational …"
told nothing of four codes that began alike, at 1024 px. A name takes up to two lines at
its cell's width, the second ending in "…" where more is left (its tooltip has it whole);
the lines are made here (reader/ui/wrapped_text.py) and Qt measures and paints them as
given. Its tree view measures a row without the cell's width, so it is given here: the
names' column less the row's indent."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from reader.ui.codebook.model import CodeTreeModel
from reader.ui.edit_menus import letter_edit_menus
from reader.ui.typed_editors import TypingKept, fill_untouched, name_editor
from reader.ui.wrapped_text import in_its_direction, wrapped_lines

NAMES = 0  # the column of the names
MAX_LINES = 2  # the tree stays a list to scan
TEXT_MARGINS = 8  # px: Fusion's, 3 each side, and a pixel more
SIZES_KEPT = 20_000  # rows' sizes remembered (names at a width), then measured afresh


class WrappedNames(QStyledItemDelegate):
    """Wraps a name to its cell, to measure its row and to paint it alike."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        # A name being typed when the tree is made again (another program's codes merged,
        # an interview opened) opens again on its code, as typed.
        model = view.model()
        assert isinstance(model, CodeTreeModel)
        typing = TypingKept(view, model.code_id, model.index_of)
        # A name refused (a sibling's, none) is said, and the field opens again holding it,
        # as the Library's cells do: it had to be typed again.
        model.renameRefused.connect(
            lambda code_id, typed: typing.reopen_soon(model.index_of(code_id), typed)
        )
        view.setUniformRowHeights(False)
        self._sizes: dict[tuple[int, str, int, str, bool], QSize] = {}  # measured, by all it takes
        # Scrolled by pixel: by item, Qt takes a page for as many rows as fit at the list's
        # end (one line each), and Down went on past the last row in sight of two lines.
        view.setVerticalScrollMode(QTreeView.ScrollMode.ScrollPerPixel)
        # Rows measured again at another width (the dock resized, the count column fitted).
        view.header().sectionResized.connect(lambda column, *_: self._resized(column))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = -1
        if index.column() == NAMES:
            level, parent = int(self._view.rootIsDecorated()), index.parent()
            while parent.isValid():
                level, parent = level + 1, parent.parent()
            width = self._view.columnWidth(NAMES) - level * self._view.indentation()
            option.rect = QRect(0, 0, width, 1)  # the cell it will be painted in
        # The tree made again (each change to the codebook) measures every row: a name
        # wrapped again each time held a 1,000-code tree 100-200 ms a change.
        italic = index.data(Qt.ItemDataRole.FontRole) is not None  # a category
        key = (index.column(), str(index.data()), width, option.font.key(), italic)
        if (size := self._sizes.get(key)) is None:
            if len(self._sizes) >= SIZES_KEPT:
                self._sizes.clear()
            size = self._sizes[key] = super().sizeHint(option, index)
        return QSize(size)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.column() != NAMES or option.rect.width() <= 0:
            return
        # About the width Qt's style gives the text in the cell: less its margins, and the
        # colour's swatch with its own. Not asked of QStyle, whose type PySide would build
        # at the first paint of coded notes (~8 ms, #17); a style's wider margins would
        # elide a line's end.
        width = option.rect.width() - TEXT_MARGINS
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width -= option.decorationSize.width() + TEXT_MARGINS
        lines = wrapped_lines(option.text, option.font, max(1, width), MAX_LINES)
        # Line separators: Qt breaks lines there.
        option.text = in_its_direction("\u2028".join(lines))

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)  # F2: a name renamed in place
        if isinstance(editor, QLineEdit):
            letter_edit_menus(editor)
        name_editor(editor, f"Name of the code “{index.data(Qt.ItemDataRole.EditRole)}”")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        fill_untouched(editor, partial(QStyledItemDelegate.setEditorData, self, editor, index))

    def _resized(self, column: int) -> None:
        if column == NAMES:
            self._view.doItemsLayout()
