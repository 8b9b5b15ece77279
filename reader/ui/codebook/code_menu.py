"""The Codebook's menu on a code (right click, the Menu key or Shift+F10): what its
buttons and keys do, each named with its key."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPoint, SignalInstance
from PySide6.QtWidgets import QTreeView

from reader.ui.codebook.hub import CodebookHub
from reader.ui.codebook.model import CodeTreeModel
from reader.ui.row_menu import passing_menu


class CodePanel(Protocol):
    """What the menu acts through: the Codebook's panel (panel.py, which imports this)."""

    view: QTreeView
    model: CodeTreeModel
    hub: CodebookHub
    retrieveRequested: SignalInstance

    def choose_color(self) -> None: ...
    def merge_code(self) -> None: ...
    def move_into(self) -> None: ...
    def delete_code(self) -> None: ...
    def new_code(self, below: bool = False) -> None: ...


def show_code_menu(panel: CodePanel, pos: QPoint) -> None:
    """The menu of the code at `pos` in the tree (New Code alone below the codes)."""
    view = panel.view
    index = view.indexAt(pos)
    menu = passing_menu(view)
    if index.isValid():
        view.setCurrentIndex(index)
        code_id = panel.model.code_id(index)
        menu.addAction("&Retrieve Passages\tEnter", lambda: panel.retrieveRequested.emit(code_id))
        menu.addSeparator()
        edits = [
            menu.addAction("Ren&ame\tF2", lambda: view.edit(index)),
            menu.addAction("&Colour…", panel.choose_color),
            menu.addAction("&Merge Into…\tCtrl+M", panel.merge_code),
            menu.addAction("Mo&ve Into…\tCtrl+Shift+M", panel.move_into),
            menu.addAction("&Delete\tDelete", panel.delete_code),
        ]
        menu.addSeparator()
        edits.append(menu.addAction("New &Sub-code\tShift+Insert", lambda: panel.new_code(True)))
    else:
        edits = []
    edits.append(menu.addAction("&New Code\tInsert", panel.new_code))
    for action in edits:
        action.setEnabled(not panel.hub.read_only)
    menu.exec(view.viewport().mapToGlobal(pos))
