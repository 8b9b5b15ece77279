"""Help ▸ Keyboard Shortcuts (F1): every key of the app, from the actions themselves (so the
list never goes stale) and the reader's one-letter keys. Qt's standard keys add keys of
special keyboards (a key named Open, Save or Find): those are left out of the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for k in action.shortcuts()
            if pressable(k)
        )
        name = _name(action)
        if keys and name not in seen:
            seen.add(name)
            rows.append((keys, name))
    return rows + READER_KEYS


def pressable(keys: QKeySequence) -> bool:
    """Whether every key of `keys` is on an ordinary keyboard: Qt numbers the media, launch
    and browser keys (Open, Save, Find, Exit, Back…) from Key_Back on."""
    return not keys.isEmpty() and all(
        keys[i].key().value < Qt.Key.Key_Back.value for i in range(keys.count())
    )


def _name(action: QAction) -> str:
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    tip = action.whatsThis() or action.statusTip()  # (the status tip may say why it is off)
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
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setWordWrap(True)  # a long description takes two lines, not an ellipsis
    table.setStyleSheet("QTableWidget::item { padding: 3px 8px; }")
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for row, (keys, does) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(keys))
        table.setItem(row, 1, QTableWidgetItem(does))
    # Rows as tall as their wrapped text, measured again whenever the width changes.
    header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    # Wide enough for most descriptions on one line, within the screen (and the window).
    screen = window.screen().availableGeometry()
    metrics = table.fontMetrics()
    wanted = max(metrics.horizontalAdvance(keys) for keys, _ in rows) + 80
    wanted += min(max(metrics.horizontalAdvance(does) for _, does in rows), 620) + 60
    dialog.resize(min(wanted, screen.width() - 40), min(640, screen.height() - 60))
    dialog.show()
    table.resizeRowsToContents()
    return dialog
