"""Help ▸ Keyboard Shortcuts (F1): every key of the app, from the actions themselves (so the
list never goes stale) and the reader's one-letter keys."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.window.actions import Actions

READER_KEYS = [
    ("H, or 1–6", "Highlight the selection (default colour, or colour 1–6)"),
    ("N / T (on a selection)", "Highlight it and write a note / add tags"),
    ("1–6 (on a highlight)", "Change its colour"),
    ("N / T (on a highlight)", "Edit its note / tags"),
    ("Q", "Quote the selection or highlight in your notes, with a link back"),
    ("Delete (on a highlight)", "Delete it"),
    ("Escape", "Clear the selection; close the find bar"),
    ("Shift+arrows", "Select text with the keyboard"),
    ("Tab / Shift+Tab", "Next / previous field or pane"),
    ("Ctrl+click a link (notes)", "Follow it to the passage"),
]


def shortcut_rows(window: QMainWindow, actions: Actions) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut, then the reader's keys."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    # QWidget.actions: the main window's `actions` attribute is the Actions record.
    every = [*QWidget.actions(window), *actions.format_actions()]
    for action in every:
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
        )
        name = _name(action)
        if keys and name not in seen:
            seen.add(name)
            rows.append((keys, name))
    return rows + READER_KEYS


def _name(action: QAction) -> str:
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    tip = action.statusTip()
    return f"{text.rstrip('…')}: {tip}" if tip else text.rstrip("…")


def show_shortcuts(window: QMainWindow, actions: Actions) -> QDialog:
    dialog = QDialog(window)
    dialog.setObjectName("shortcuts-dialog")
    dialog.setWindowTitle("Keyboard Shortcuts")
    rows = shortcut_rows(window, actions)
    table = QTableWidget(len(rows), 2, dialog)
    table.setAccessibleName("Keyboard shortcuts")
    table.setAccessibleDescription("Each key and what it does")
    table.setHorizontalHeaderLabels(["Keys", "Does"])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for row, (keys, does) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(keys))
        table.setItem(row, 1, QTableWidgetItem(does))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(640, 520)
    dialog.show()
    return dialog
