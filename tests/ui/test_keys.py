"""Every key a pane handles itself is in its table (reader/ui/keys.py), so in Help ▸
Keyboard Shortcuts (F1): each key is sent to the pane's key handling, and those it takes
must be listed; the keys listed must be taken."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QKeyCombination, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QTextCursor,
)
from PySide6.QtWidgets import QAbstractItemView, QApplication

from reader.ui import keys
from reader.ui.keys import PaneKey
from reader.ui.reading.reader_view import ReaderView
from reader.ui.window.main_window import MainWindow
from reader.ui.window.shortcuts import pressable, shortcut_groups
from tests.ui.test_highlights import doc, film, highlight_with_key, wait_saved

__all__ = ["doc", "film"]  # fixtures, shared with tests/ui/test_highlights.py

K = Qt.Key
M = Qt.KeyboardModifier
CANDIDATES = [
    *(K(K.Key_A.value + i) for i in range(26)),
    *(K(K.Key_0.value + i) for i in range(10)),
    *(K(K.Key_F1.value + i) for i in range(12)),
    K.Key_Escape, K.Key_Tab, K.Key_Backspace, K.Key_Return, K.Key_Enter, K.Key_Insert,
    K.Key_Delete, K.Key_Space, K.Key_Up, K.Key_Down, K.Key_Left, K.Key_Right, K.Key_Home,
    K.Key_End, K.Key_PageUp, K.Key_PageDown, K.Key_Menu,
]  # fmt: skip
MODIFIERS = [M.NoModifier, M.ShiftModifier, M.AltModifier, M.ControlModifier]


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = M.NoModifier) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers)


def name(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> str:
    return QKeySequence(QKeyCombination(modifiers, key)).toString()


def listed(table: Iterable[PaneKey]) -> set[str]:
    return {QKeySequence(p).toString() for row in table for p in row.presses}


def taken(handles: Callable[[QKeyEvent], bool], modifiers: list[Qt.KeyboardModifier]) -> set[str]:
    return {name(k, m) for k in CANDIDATES for m in modifiers if handles(press(k, m))}


def in_f1(window: MainWindow, where: str, table: tuple[PaneKey, ...]) -> bool:
    rows = dict(shortcut_groups(window, window.window_actions))[where]
    return all((row.keys, row.does) in rows for row in table)


def test_every_key_the_reader_takes_is_in_f1(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    text = window.interview.session.document.text
    start = text.index("Hollywood")
    select(window.reader, start, start + 9)
    window.reader._highlight_selection("blue")  # a highlight to stand on
    # A reader of its own on the same interview: its requests go nowhere.
    reader = ReaderView()
    reader.show_session(window.interview.session)

    def on_selection(event: QKeyEvent) -> bool:
        select(reader, start + 20, start + 30)
        return reader._highlight_key(event)

    def on_highlight(event: QKeyEvent) -> bool:
        select(reader, start + 3, start + 3)
        assert reader.current_highlight() is not None
        return reader._highlight_key(event)

    # Shift is let through (Shift+H highlights as H): the keys without it are listed.
    modifiers = [M.NoModifier, M.AltModifier, M.ControlModifier]
    handled = taken(on_selection, modifiers) | taken(on_highlight, modifiers)
    assert handled == listed(keys.READER) - {"Menu"}  # the menu key: contextMenuEvent's
    assert {"H", "1", "6", "N", "C", "T", "Q", "Del", "Esc"} <= handled
    assert in_f1(window, "Reader", keys.READER)
    reader.deleteLater()


def select(reader: ReaderView, start: int, end: int) -> None:
    assert reader.reading is not None
    cursor = reader.textCursor()
    cursor.setPosition(reader.reading.to_qt(start))
    cursor.setPosition(reader.reading.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)


def test_every_key_the_library_takes_is_in_f1(
    make_study_window: Callable[[Path], MainWindow], folder: Path, monkeypatch
) -> None:
    window = make_study_window(folder)
    panel = window.library
    for method in ("_open_index", "remove_current", "move_current"):
        monkeypatch.setattr(panel, method, lambda *_: None)  # taken, not done
    panel.view.setCurrentIndex(panel.proxy.index(0, 0))
    handled = taken(lambda e: panel.eventFilter(panel.view, e), MODIFIERS)
    assert handled == {
        "Return",
        "Enter",
        "Del",
        "Backspace",
        "Alt+Up",
        "Alt+Down",
        "Home",
        "End",
        "Ctrl+F",
    }
    edits = panel.view.editTriggers() & QAbstractItemView.EditTrigger.EditKeyPressed
    assert handled | ({"F2"} if edits else set()) | {"Menu"} == listed(keys.LIBRARY)
    assert in_f1(window, "Library", keys.LIBRARY)


def test_every_key_the_codebook_takes_is_in_f1(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    panel = window.codebook.panel
    done: list[str] = []
    panel.new_code = lambda below=False: done.append(f"new{' below' if below else ''}")
    panel.delete_code = lambda: done.append("delete")
    panel.merge_code = lambda: done.append("merge")
    panel.move_current = lambda key: done.append(f"move {key.name}")
    panel.move_into = lambda: done.append("move into")
    handled = taken(panel._key, [*MODIFIERS, M.ControlModifier | M.ShiftModifier])
    assert {"new", "new below", "delete", "merge", "move Key_Left", "move into"} <= set(done)
    edits = panel.view.editTriggers() & QAbstractItemView.EditTrigger.EditKeyPressed
    # Enter is the tree's: it activates the code, and its passages come (test_codebook.py).
    expected = handled | ({"F2"} if edits else set()) | {"Return", "Enter", "Menu"}
    assert expected == listed(keys.CODEBOOK)
    assert in_f1(window, "Codebook", keys.CODEBOOK)


def test_every_key_the_annotations_take_is_in_f1(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    panel = window.annotations
    for method in ("jump", "edit", "delete"):
        setattr(panel, method, lambda *_: None)
    handled = taken(lambda e: panel.keys.eventFilter(panel.view, e), MODIFIERS)
    assert handled | {"Menu"} == listed(keys.ANNOTATIONS)  # the menu key: the list's menu
    assert in_f1(window, "Annotations", keys.ANNOTATIONS)


def test_every_key_the_find_bar_takes_is_in_f1(make_window: Callable[..., MainWindow]) -> None:
    """F1 names Alt+D (Match diacritics) and the other options' keys, as the bar's buttons
    have them, with Enter and Shift+Enter; the README's Search section tells the same."""
    window = make_window()
    bar = window.find_bar
    handled = taken(lambda e: bar.eventFilter(bar.edit, e), [M.NoModifier, M.ShiftModifier])
    handled |= {"Ctrl+H"} & taken(lambda e: bar.eventFilter(bar.edit, e), [M.ControlModifier])
    row = bar.replace_row  # Ctrl+H shows it; its field's Enter and Ctrl+Alt+Enter
    all_keys = M.ControlModifier | M.AltModifier
    handled |= taken(lambda e: row.eventFilter(row.edit, e), [M.NoModifier, all_keys])
    options = {shortcut.key().toString() for shortcut in bar.findChildren(QShortcut)}
    assert options == {"Alt+A", "Alt+W", "Alt+R", "Alt+D"}
    assert handled | options | {"Esc"} == listed(keys.FIND)
    assert in_f1(window, "Find", keys.FIND)


def test_f1_groups_the_keys_by_where_they_work(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    groups = dict(shortcut_groups(window, window.window_actions))
    assert list(groups) == [
        "Reader", "Find", "Search Everything", "Notes", "Outline", "Annotations", "Library",
        "Codebook", "Coded Passages", "Pictures of the Coding", "User Guide", "Recording",
        "Window",
    ]  # fmt: skip
    window_keys = [k for k, _ in groups["Window"]]
    # The panes' keys in order, Ctrl+5 and Ctrl+6 among them.
    at = window_keys.index("Ctrl+1")
    assert window_keys[at : at + 7] == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5",
                                        "Ctrl+6", "F6"]  # fmt: skip
    assert ("Alt+1 … Alt+9", groups["Reader"][-1][1]) in groups["Reader"]
    assert any(k == "Ctrl+B" for k, _ in groups["Notes"])
    assert any(k == "Ctrl+Space" for k, _ in groups["Recording"])
    assert not any("tags" in does for _, does in groups["Reader"])  # C and T code now
    # The steps through the interview work in the reader: listed there, not in Window.
    reader_keys = [k for k, _ in groups["Reader"]]
    assert {"Ctrl+Down", "Ctrl+Up", "]", "["} <= set(reader_keys)
    assert "]" not in window_keys


def test_every_action_with_a_key_is_in_f1(make_window: Callable[..., MainWindow]) -> None:
    """Edit ▸ Paste as Plain Text (Ctrl+Shift+V) was not in F1: its key is the notes
    editor's (the editor holds the action), and F1 looked for forgotten keys among the
    window's alone."""
    window = make_window()
    groups = dict(shortcut_groups(window, window.window_actions))
    in_f1 = {key for rows in groups.values() for keys, _ in rows for key in keys.split(", ")}
    recent = window.window_actions.codes.recent  # one row: "Alt+1 … Alt+9"
    with_keys = [a for a in window.findChildren(QAction) if a.shortcuts() and a not in recent]
    assert len(with_keys) > 50
    native = QKeySequence.SequenceFormat.NativeText
    missing = [
        (action.text(), key.toString(native))
        for action in with_keys
        for key in action.shortcuts()
        if pressable(key) and key.toString(native) not in in_f1
    ]
    assert not missing
    assert "Ctrl+Shift+V" in [keys for keys, _ in groups["Notes"]]


def test_the_annotations_menu_key_is_in_f1_and_opens_the_current_rows_menu(
    film: MainWindow, qtbot, notes_path: Path
) -> None:
    """The Menu key (or Shift+F10) on a row of Annotations opens its menu, as on a row of
    the Library or the Codebook; F1 listed it for those two and not here, so a keyboard
    user never learnt that Delete and Edit Note had a menu in the list too."""
    assert "Menu key or Shift+F10" in [row.keys for row in keys.ANNOTATIONS]
    assert in_f1(film, "Annotations", keys.ANNOTATIONS)
    for word in ("starts", "ending"):
        highlight_with_key(film, qtbot, word)
    qtbot.keyClick(film.reader, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = film.annotations.view
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_End)
    # Where Qt puts the menu of the key: the middle of the current row.
    where = view.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).center()
    QTimer.singleShot(0, lambda: qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_D))
    menu_key = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, where, view.mapToGlobal(where))
    QApplication.sendEvent(view, menu_key)
    data = wait_saved(qtbot, notes_path, lambda d: len(d["highlights"]) == 1)
    assert [h["exact"] for h in data["highlights"]] == ["starts"]
