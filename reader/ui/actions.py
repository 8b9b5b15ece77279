"""Every menu action of the main window, built in one place with its shortcut and tip."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


@dataclass
class Actions:
    open: QAction
    show_notes_file: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    focus_reader: QAction
    focus_notes: QAction
    focus_outline: QAction
    focus_annotations: QAction
    color_labels: QAction
    about: QAction


def _action(
    window: QMainWindow,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | list | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, list):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(shortcut)
    if tip:
        action.setStatusTip(tip)
    # On the window too, so shortcuts work while a menu or panel is hidden.
    window.addAction(action)
    return action


def build_actions(window: QMainWindow, undo: QAction, redo: QAction) -> Actions:
    std = QKeySequence.StandardKey
    undo.setShortcuts([QKeySequence(std.Undo)])
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.addAction(undo)
    window.addAction(redo)
    return Actions(
        open=_action(window, "&Open Interview…", std.Open, "Open another interview file"),
        show_notes_file=_action(
            window, "Show &Notes File", None, "Show the folder that holds this interview's notes"
        ),
        quit=_action(window, "&Quit", std.Quit, "Save everything and quit"),
        undo=undo,
        redo=redo,
        focus_reader=_action(window, "Go to &Reader", "Ctrl+1", "Move the focus to the interview"),
        focus_notes=_action(window, "Go to &Notes", "Ctrl+2", "Move the focus to your notes"),
        focus_annotations=_action(
            window, "Go to &Annotations", "Ctrl+3", "Move the focus to the annotations panel"
        ),
        focus_outline=_action(window, "Go to &Outline", "Ctrl+4", "Move the focus to the outline"),
        color_labels=_action(
            window, "Highlight &Colours…", None, "Name what each highlight colour means"
        ),
        about=_action(window, "&About Interview Reader", None),
    )


def build_menus(window: QMainWindow, actions: Actions, view_toggles: list[QAction]) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(actions.open)
    file_menu.addAction(actions.show_notes_file)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(actions.undo)
    edit_menu.addAction(actions.redo)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.color_labels)
    view_menu = bar.addMenu("&View")
    for toggle in view_toggles:
        view_menu.addAction(toggle)
    view_menu.addSeparator()
    view_menu.addAction(actions.focus_reader)
    view_menu.addAction(actions.focus_notes)
    view_menu.addAction(actions.focus_annotations)
    view_menu.addAction(actions.focus_outline)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.about)
