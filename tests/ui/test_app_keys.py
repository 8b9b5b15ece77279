"""Shift+F10 opens the menu of what has the keyboard, as the Menu key does: a laptop has no
Menu key, and on Linux Qt gave Shift+F10 nothing, so a paragraph's role could not be
corrected, nor a Library row's menu had, without a mouse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from reader.core.interview import Role
from reader.ui.window.app_keys import NAME
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import wait_saved

SHIFT = Qt.KeyboardModifier.ShiftModifier


def letter(menu: QMenu, text: str) -> Qt.Key:
    """The key of `menu`'s item that says `text`."""
    (label,) = [a.text() for a in menu.actions() if a.text().replace("&", "").startswith(text)]
    return Qt.Key(ord(label[label.index("&") + 1].upper()))


def then_in_menus(qtbot: Any, items: list[str], seen: list[str]) -> None:
    """Once a menu pops up: choose `items` in it, one after the other, by their letters."""

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            seen.append("no menu")
            return
        seen.append(menu.actions()[0].text())
        item = items.pop(0)
        key = letter(menu, item)
        if items:
            QTimer.singleShot(0, choose)  # its submenu, once it is open
        qtbot.keyClick(menu, key)

    QTimer.singleShot(0, choose)


def keyboard_ready(window: MainWindow, qtbot: Any) -> None:
    """The window active, its keys' filter installed (after its first paint)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    qtbot.waitUntil(
        lambda: QApplication.instance().findChild(QObject, NAME) is not None, timeout=10_000
    )


def test_shift_f10_in_the_reader_corrects_a_paragraphs_role(
    window: MainWindow, qtbot: Any, notes_path: Path
) -> None:
    keyboard_ready(window, qtbot)
    reader = window.reader
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reader, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # a question
    session = window.interview.session
    assert session is not None
    question = session.segment_at(reader.cursor_offset())
    assert question.role is Role.QUESTION
    seen: list[str] = []
    then_in_menus(qtbot, ["Paragraph Role", "Aside"], seen)
    qtbot.keyClick(reader, Qt.Key.Key_F10, SHIFT)
    assert seen and "no menu" not in seen
    data = wait_saved(qtbot, notes_path, lambda d: d.get("structure", {}).get("roles"))
    assert [(r["start"], r["role"]) for r in data["structure"]["roles"]] == [
        (question.start, "aside")
    ]


def test_shift_f10_in_the_library_opens_the_rows_menu(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    keyboard_ready(window, qtbot)
    qtbot.keyClick(window.reader, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = QApplication.focusWidget()
    assert isinstance(view, QWidget) and window.library_dock.isAncestorOf(view)
    seen: list[str] = []

    def close() -> None:
        menu = QApplication.activePopupWidget()
        seen.append(menu.actions()[0].text() if isinstance(menu, QMenu) else "no menu")
        if menu is not None:
            menu.close()

    QTimer.singleShot(0, close)
    qtbot.keyClick(view, Qt.Key.Key_F10, SHIFT)
    assert seen == ["&Open\tEnter"]


def test_f10_opens_the_file_menu(window: MainWindow, qtbot: Any) -> None:
    """Qt's style here opens the menus with Alt and a letter only: F10, as on GNOME and
    Windows, did nothing."""
    keyboard_ready(window, qtbot)
    seen: list[str] = []

    def close() -> None:
        menu = QApplication.activePopupWidget()
        seen.append(menu.title() if isinstance(menu, QMenu) else "no menu")
        if menu is not None:
            menu.close()

    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus, timeout=10_000)
    qtbot.keyClick(window.reader, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=10_000)
    close()
    assert seen == ["&File"]


def test_f10_in_a_floating_panel_opens_the_main_windows_menus(
    window: MainWindow, qtbot: Any
) -> None:
    """A panel floating in a window of its own: F10 did nothing there, that window having
    no menu bar. The main window's File opens, as Alt+F there opens it; Escape leaves the
    keyboard in the panel."""
    keyboard_ready(window, qtbot)
    window.window_actions.focus_outline.trigger()
    window.outline_dock.setFloating(True)
    window.outline_dock.activateWindow()
    qtbot.waitUntil(window.outline_dock.isActiveWindow, timeout=10_000)
    window.outline.setFocus()
    qtbot.waitUntil(window.outline.hasFocus, timeout=10_000)
    qtbot.keyClick(window.outline, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=10_000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&File"
    assert menu.parentWidget() is window.menuBar()
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=10_000)
    assert QApplication.focusWidget() is window.outline


def test_a_windows_key_in_a_field_of_a_floating_panel_is_the_windows(
    qtbot: Any, monkeypatch: Any
) -> None:
    """Ctrl+E (Export) in a one-line field of a panel floating in a window of its own (the
    Library's filter undocked) moved to the line's end, as Qt's fields on Linux take it:
    the field's window, the panel's, has no actions, so the key was not given back. The
    offscreen platform binds no Ctrl key to a line's moves: a word's move stands in."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QDockWidget, QLineEdit, QMainWindow, QTextEdit

    from reader.ui.window import app_keys

    monkeypatch.setattr(app_keys, "LINE_MOVES", (QKeySequence.StandardKey.MoveToNextWord,))
    main = QMainWindow()
    qtbot.addWidget(main)
    main.setCentralWidget(QTextEdit())
    hits: list[bool] = []
    action = QAction("Export", main)
    action.setShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Right))
    action.triggered.connect(lambda: hits.append(True))
    main.addAction(action)
    dock = QDockWidget("Library", main)
    field = QLineEdit("Ben")
    dock.setWidget(field)
    main.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    keys = app_keys.AppKeys(main)
    QApplication.instance().installEventFilter(keys)
    try:
        main.show()
        for floating in (False, True):
            dock.setFloating(floating)
            dock.show()
            (dock if floating else main).activateWindow()
            qtbot.waitUntil((dock if floating else main).isActiveWindow, timeout=10_000)
            field.setFocus()
            qtbot.waitUntil(field.hasFocus, timeout=10_000)
            hits.clear()
            qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
            assert hits == [True], "floating" if floating else "docked"
    finally:
        QApplication.instance().removeEventFilter(keys)
