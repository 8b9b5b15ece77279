"""Help ▸ Keyboard Shortcuts (F1): every key of the app, grouped by where it works: the
actions' keys from the actions themselves and the panes' own keys from their tables
(reader/ui/keys.py), so the list never goes stale. Qt's standard keys add keys of special
keyboards (a key named Open, Save or Find): those are left out of the list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QMainWindow,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from reader.ui import keys as pane_keys
from reader.ui.dialogs import close_only
from reader.ui.keys import PaneKey
from reader.ui.window.actions import Actions

Rows = list[tuple[str, str]]  # (keys, what they do)
PADDING = 8  # px each side of a cell's text
KEYS_CHARS = 48  # the Keys column's most, in average characters: "Left / Right, Home / End (…)"


class _PaddedCell(QStyledItemDelegate):
    """Measures a cell's wrapped text in the width its padding leaves: Qt measures it in
    the whole column, so a description a little narrower than that kept one line and lost
    its end to an ellipsis. Keys ask at most KEYS_CHARS of their column, and wrap beyond:
    Escape's, 650 px on one line, left the descriptions a third of the table at 1024 px,
    nearly all of them on two or three lines."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        inside = QStyleOptionViewItem(option)
        inside.rect = option.rect.adjusted(0, 0, -2 * PADDING, 0)
        size = super().sizeHint(inside, index)
        if index.column() == 0:
            size.setWidth(min(size.width(), option.fontMetrics.averageCharWidth() * KEYS_CHARS))
        return size


def shortcut_groups(window: QMainWindow, actions: Actions) -> list[tuple[str, Rows]]:
    """(where, its rows) for each place keys work: the panes' keys with the actions that
    belong there, then the window's, every action with a key in one of them."""
    codes, playback, view = actions.codes, actions.playback, actions.view
    assert codes is not None
    recent = codes.recent
    placed: list[tuple[str, list[QAction], tuple[PaneKey, ...]]] = [
        ("Reader", [step for step, *_ in actions.steps()], pane_keys.READER),
        ("Find", [], pane_keys.FIND),
        ("Search Everything", [], pane_keys.SEARCH),
        (
            "Notes",
            [
                *actions.format_actions(),
                actions.paste_plain,
                actions.replace,
                actions.toggle_preview,
                playback.insert_time,
            ],
            pane_keys.NOTES,
        ),
        ("Outline", [], pane_keys.OUTLINE),
        ("Annotations", [], pane_keys.ANNOTATIONS),
        ("Library", [], pane_keys.LIBRARY),
        ("Codebook", [], pane_keys.CODEBOOK),
        ("Coded Passages", [], pane_keys.CODED_PASSAGES),
        ("Pictures of the Coding", [], pane_keys.PICTURES),
        ("User Guide", [], pane_keys.USER_GUIDE),
        (
            "Recording",
            [
                playback.play,
                playback.back,
                playback.forward,
                playback.play_paragraph,
                playback.go_to_said,
                playback.go_to_time,
            ],
            pane_keys.RECORDING,
        ),
    ]
    window_group = [
        actions.focus_reader,
        actions.focus_notes,
        actions.focus_annotations,
        actions.focus_outline,
        actions.focus_library,
        codes.focus_codebook,
        actions.cycle_panes,
        actions.previous_pane,
        actions.next_interview,
        actions.previous_interview,
        actions.open,
        actions.open_study,
        actions.save_notes_as,
        actions.export,
        actions.print,
        actions.undo,
        actions.redo,
        actions.cut,
        actions.copy,
        actions.paste,
        actions.select_all,
        actions.find,
        actions.find_next,
        actions.find_previous,
        actions.search_everything,
        codes.retrieve,
        view.zoom_in,
        view.zoom_out,
        view.zoom_reset,
        view.full_screen,
        actions.shortcuts,
        actions.quit,
    ]
    known = {a for _, listed, _ in placed for a in listed} | set(window_group) | set(recent)
    # None forgotten: also an action a pane holds for its key (Paste as Plain Text).
    window_group += [a for a in window.findChildren(QAction) if a not in known]
    # Undo and Redo are named by what they undo ("Undo Add Highlight"): here, what they are.
    names = {actions.undo: "Undo the last change", actions.redo: "Redo what was undone last"}
    groups = [(where, _rows(listed) + _pane_rows(table)) for where, listed, table in placed]
    groups[0][1].append(_recent_row(recent))
    groups.append(("Window", _rows(window_group, names) + _pane_rows(pane_keys.WINDOW)))
    return [(where, rows) for where, rows in groups if rows]


def shortcut_rows(window: QMainWindow, actions: Actions) -> Rows:
    """Every (keys, what they do) of the dialog, group after group."""
    return [row for _, rows in shortcut_groups(window, actions) for row in rows]


def _rows(listed: list[QAction], names: dict[QAction, str] | None = None) -> Rows:
    rows: Rows = []
    seen: set[str] = set()
    for action in listed:
        keys = _keys(action)
        name = (names or {}).get(action) or _name(action)
        if keys and name not in seen:
            seen.add(name)
            rows.append((keys, name))
    return rows


def _pane_rows(table: tuple[PaneKey, ...]) -> Rows:
    return [(row.keys, row.does) for row in table]


def _recent_row(recent: list[QAction]) -> tuple[str, str]:
    """Alt+1 … Alt+9 in one row, not nine alike."""
    keys = [_keys(a) for a in recent if _keys(a)]
    return (
        f"{keys[0]} … {keys[-1]}",
        "Apply one of the codes used last to the selection or highlight",
    )


def _keys(action: QAction) -> str:
    return ", ".join(
        k.toString(QKeySequence.SequenceFormat.NativeText)
        for k in action.shortcuts()
        if pressable(k)
    )


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
    """The Keyboard Shortcuts window: the one open brought forward, F1 pressed again."""
    shown = window.findChild(QDialog, "shortcuts-dialog")
    if shown is not None and shown.isVisible():
        shown.raise_()
        shown.activateWindow()
        return shown
    dialog = QDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closed, the next F1 makes one
    dialog.setObjectName("shortcuts-dialog")
    dialog.setWindowTitle("Keyboard Shortcuts")
    groups = shortcut_groups(window, actions)
    rows = [row for _, group in groups for row in group]
    table = QTableWidget(len(rows) + len(groups), 2, dialog)
    table.setAccessibleName("Keyboard shortcuts")
    table.setAccessibleDescription("Each key and what it does")
    table.setHorizontalHeaderLabels(["Keys", "Does"])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)  # Tab leaves for Close; the arrows go along the rows
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setWordWrap(True)  # a long description takes two lines, not an ellipsis
    table.setStyleSheet(
        f"QTableWidget::item {{ padding: 3px {PADDING}px; }}"
        # Headings start where the cells' text does: their padding and the view's margin.
        f"QHeaderView::section {{ padding-left: {PADDING + 3}px; }}"
    )
    table.setItemDelegate(_PaddedCell(table))
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    # Over the cells' text, which starts at their left: centred, the headings floated apart.
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    row = 0
    for where, group in groups:
        _heading(table, row, where)
        for keys, does in group:
            row += 1
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(does))
        row += 1
    # Rows as tall as their wrapped text, measured again whenever the width changes.
    header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    buttons = close_only(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    # Wide enough for most descriptions on one line, within the screen (and the window).
    screen = window.screen().availableGeometry()
    metrics = table.fontMetrics()
    keys_most = metrics.averageCharWidth() * KEYS_CHARS
    wanted = min(max(metrics.horizontalAdvance(keys) for keys, _ in rows), keys_most) + 80
    wanted += min(max(metrics.horizontalAdvance(does) for _, does in rows), 620) + 60
    dialog.resize(min(wanted, screen.width() - 40), min(640, screen.height() - 60))
    dialog.show()
    table.resizeRowsToContents()
    return dialog


def _heading(table: QTableWidget, row: int, where: str) -> None:
    """A group's heading: its place, in bold across both columns."""
    item = QTableWidgetItem(where)
    font = item.font()
    font.setBold(True)
    item.setFont(font)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    table.setItem(row, 0, item)
    table.setSpan(row, 0, 1, 2)
