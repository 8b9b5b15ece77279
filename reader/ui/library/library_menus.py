"""The Library's menus: a row's (right click, the Menu key or Shift+F10) and a heading's.
Each names the key that does the same in the table: Delete clears a value cell, and
removes the interview from the title cell (cell_clearing.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from reader.ui.library.cell_clearing import CellClearing
from reader.ui.library.library_columns import LibraryColumns
from reader.ui.library.library_model import ID_ROLE
from reader.ui.row_menu import passing_menu


class LibraryMenus(CellClearing):
    """The menus of the Library panel, whose are its signals, `columns`, `fill_action`
    and the acts the menus offer."""

    openRequested: Any  # Signal(str)
    relocateRequested: Any  # Signal(str)
    addFilesRequested: Any  # Signal()
    addFolderRequested: Any  # Signal()
    newAttributeRequested: Any  # Signal()
    editAttributeRequested: Any  # Signal(str)
    columns: LibraryColumns
    fill_action: QAction | None
    rename_current: Callable[[], None]
    move_current: Callable[[int], None]
    study_order: Callable[[], None]

    def _row_menu(self, pos: QPoint) -> None:
        view = self.view
        index = view.indexAt(pos)
        menu = passing_menu(self)  # type: ignore[arg-type]
        if index.isValid():
            interview_id = str(index.data(ID_ROLE))
            view.setCurrentIndex(index)
            menu.addAction("&Open\tEnter", lambda: self.openRequested.emit(interview_id))
            menu.addAction("&Rename\tF2", self.rename_current)
            menu.addAction("&Locate Transcript…", lambda: self.relocateRequested.emit(interview_id))
            menu.addAction("Move &Up\tAlt+Up", lambda: self.move_current(-1))
            menu.addAction("Move &Down\tAlt+Down", lambda: self.move_current(1))
            menu.addSeparator()
            column = self.proxy.mapToSource(index).column()
            if self.clears(column):
                heading = self.heading(column).replace("&", "&&")
                clear = menu.addAction(f"Cl&ear {heading}\tDelete", self.delete_pressed)
                clear.setEnabled(index.data(Qt.ItemDataRole.EditRole) not in (None, ""))
                menu.addAction("Re&move from Study", self.remove_current)
            else:
                menu.addAction("Re&move from Study\tDelete", self.remove_current)
            menu.addSeparator()
            # The column's attribute too: the Menu key opens this menu, and the heading's,
            # which has them, takes no keyboard (found by the lifecycle review).
            if self._attribute_actions(menu, index.column()):
                menu.addSeparator()
        menu.addAction("&Add Interviews…", self.addFilesRequested.emit)
        menu.addAction("Add a &Folder of Interviews…", self.addFolderRequested.emit)
        for action in menu.actions()[1 if index.isValid() else 0 :]:  # all but Open
            action.setEnabled(action.isEnabled() and not self.owner.read_only)
        if self.fill_action is not None:  # the window's: its state is the window's
            menu.addAction(self.fill_action)
        menu.addSeparator()
        self.columns.add_sorting(menu, index.column(), self.study_order)  # the heading's
        self.columns.add_actions(menu.addMenu("&Columns"))
        menu.exec(view.viewport().mapToGlobal(pos))

    def _attribute_actions(self, menu: QMenu, column: int) -> bool:
        """Change and Remove the attribute of `column` in `menu`, if it is one and the study
        can change; whether they were added."""
        attribute = self.model.attribute(column) if column >= 0 else None
        if attribute is None or self.owner.read_only:
            return False
        key, label = attribute.key, attribute.label.replace("&", "&&")
        menu.addAction(f"C&hange “{label}”…", lambda: self.editAttributeRequested.emit(key))
        menu.addAction(f"Remove “{label}” Attri&bute", lambda: self.owner.remove_attribute(key))
        return True

    def _header_menu(self, pos: QPoint) -> None:
        header = self.view.horizontalHeader()
        column = header.logicalIndexAt(pos)
        menu = passing_menu(self)  # type: ignore[arg-type]
        menu.addAction("&Study Order", self.study_order)
        menu.addSeparator()
        new = menu.addAction("&New Attribute…", self.newAttributeRequested.emit)
        new.setEnabled(not self.owner.read_only)
        self._attribute_actions(menu, column)
        menu.addSeparator()
        self.columns.add_actions(menu, taken="snhb")
        menu.exec(header.mapToGlobal(pos))
