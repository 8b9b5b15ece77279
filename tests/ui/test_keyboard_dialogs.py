"""A dialog opened by a key (Ctrl+E, F1) shows the focus frame of its focused field at once,
as after a Tab; opened with the mouse, as Qt does: no frame until a key moves the focus."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QStyle, QStyleOption, QWidget

from reader.ui.window.keyboard_dialogs import NAME
from reader.ui.window.main_window import MainWindow

KEYBOARD = Qt.WidgetAttribute.WA_KeyboardFocusChange


def focus_frame(dialog: QWidget) -> tuple[bool, bool, bool]:
    """Whether the focused field is in `dialog`, has the focus in its style option, and
    the style is told to draw the focus frame (the window's keyboard mark)."""
    field = QApplication.focusWidget()
    option = QStyleOption()
    if field is not None:
        option.initFrom(field)
    inside = field is not None and dialog.isAncestorOf(field)
    has_focus = bool(option.state & QStyle.StateFlag.State_HasFocus)
    keyboard = bool(option.state & QStyle.StateFlag.State_KeyboardFocusChange)
    return inside, has_focus, keyboard and dialog.testAttribute(KEYBOARD)


def ready(window: MainWindow, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.instance().findChild(QObject, NAME) is not None)


def export_dialog_seen(qtbot: Any, open_it: Any) -> tuple[bool, bool, bool]:
    """What the Export dialog shows once active; it is closed then."""
    seen: list[tuple[bool, bool, bool]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isActiveWindow():
            QTimer.singleShot(20, look)  # not shown and active yet
            return
        seen.append(focus_frame(dialog))
        dialog.reject()

    QTimer.singleShot(0, look)
    open_it()
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


def test_ctrl_e_opens_export_with_the_focus_frame_on_its_first_field(
    window: MainWindow, qtbot
) -> None:
    ready(window, qtbot)
    seen = export_dialog_seen(
        qtbot,
        lambda: qtbot.keyClick(window.reader, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
    )
    assert seen == (True, True, True)


def test_export_from_a_click_keeps_qt_s_way(window: MainWindow, qtbot) -> None:
    ready(window, qtbot)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton)
    seen = export_dialog_seen(qtbot, window.window_actions.export.trigger)  # as from the File menu
    assert seen == (True, True, False)


def test_f1_shows_the_shortcuts_with_the_focus_frame(window: MainWindow, qtbot) -> None:
    ready(window, qtbot)
    qtbot.keyClick(window.reader, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "shortcuts-dialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focus_frame(dialog) == (True, True, True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
