"""A code's actions in the Codebook: its menu (right click, the Menu key or Shift+F10),
each named with its key, and those keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QPoint, Qt, SignalInstance
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
    def move_current(self, key: Qt.Key) -> None: ...


MOVE_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right}
_NONE, _SHIFT = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier
_CTRL = Qt.KeyboardModifier.ControlModifier


def code_key(
    panel: CodePanel, key: int, modifiers: Qt.KeyboardModifier
) -> Callable[[], None] | None:
    """What a key pressed in the tree does to the codes: Alt+arrows move the current code,
    Insert (Shift+Insert) makes one (below it), Delete, Ctrl+M merges, Ctrl+Shift+M moves
    it into another; None for another key (Ctrl+Insert copies)."""
    if modifiers == Qt.KeyboardModifier.AltModifier and key in MOVE_KEYS:
        return lambda: panel.move_current(Qt.Key(key))
    keys: dict[tuple[int, object], Callable[[], None]] = {
        (Qt.Key.Key_Insert, _NONE): panel.new_code,
        (Qt.Key.Key_Insert, _SHIFT): lambda: panel.new_code(below=True),
        (Qt.Key.Key_Delete, _NONE): panel.delete_code,
        (Qt.Key.Key_M, _CTRL): panel.merge_code,
        (Qt.Key.Key_M, _CTRL | _SHIFT): panel.move_into,
    }
    return keys.get((key, modifiers))


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
