"""Tab round the whole window with a study open, every dock shown side by side (none tabbed
behind another), the recording's bar and the find bar too (reader/ui/window/tab_order.py):
each control is reached once a round, in the screen's order, its focus seen, and the round
comes back where it began, Shift+Tab going the same way back. Where Tab is typed (the
notes, a code's description), Ctrl+Tab leaves, as the status line and F1 say."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
    QWidget,
)

from reader.ui.lazy_dock import dock_showing
from reader.ui.window.main_window import MainWindow
from tests.ui.media_files import write_wav
from tests.ui.test_accessibility import unnamed
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_read_only_undo import activate

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def every_dock_shown(window: MainWindow, qtbot: Any) -> list[QDockWidget]:
    """The Library and Outline with the Codebook below on the left, the Annotations over
    Search on the right: as a user drags them apart to see all at once."""
    window.window_actions.codes.focus_codebook.trigger()  # Ctrl+6: the Codebook made
    codebook = window.codebook.dock
    left = [window.library_dock, window.outline_dock, codebook]
    right = [window.annotations_dock, window.search_dock]
    for dock in left + right:
        dock.show()
    window.splitDockWidget(left[0], left[1], Qt.Orientation.Vertical)
    window.splitDockWidget(left[1], left[2], Qt.Orientation.Vertical)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, right[0])
    window.splitDockWidget(right[0], right[1], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: all(dock_showing(dock) for dock in left + right))
    return left + right


def stops(window: MainWindow) -> list[QWidget]:
    """What Tab should reach, found apart from the app's own order: every control shown
    and enabled that takes the focus by Tab, a tool bar once (its first button: the arrow
    keys go along it)."""
    found = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or widget.focusProxy() is not None:
            continue
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        bar = widget.parentWidget()
        if isinstance(bar, QToolBar) and bar.widgetForAction(bar.actions()[0]) is not widget:
            continue
        found.append(widget)
    return found


def takes_tab(widget: QWidget) -> bool:
    """Whether Tab is typed in `widget` (an editor where it indents), not a move."""
    editors = (QTextEdit, QPlainTextEdit)
    return isinstance(widget, editors) and not widget.isReadOnly() and not widget.tabChangesFocus()


def seen(window: MainWindow, widget: QWidget) -> QImage:
    """The window where `widget` is, with a margin: a focus frame, or the accent's bar
    over a pane, is drawn there."""
    area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).adjusted(-3, -3, 3, 3)
    return window.grab(area).toImage()


def round_from(
    window: MainWindow, qtbot: Any, start: QWidget, forward: bool, looks: dict | None = None
) -> list[QWidget]:
    """The focus after each Tab (Shift+Tab) from `start` until it comes back, at most
    twice as many keys as there are stops; Ctrl held where Tab is typed. In `looks`, how
    each looks as Tab gives it the focus."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    key, shift = (Qt.Key.Key_Tab, NONE) if forward else (Qt.Key.Key_Backtab, SHIFT)
    reached = []
    for _ in range(2 * len(stops(window))):
        focus = QApplication.focusWidget()
        qtbot.keyClick(focus, key, shift | (CTRL if takes_tab(focus) else NONE))
        reached.append(QApplication.focusWidget())
        if looks is not None:
            looks[reached[-1]] = seen(window, reached[-1])
        if reached[-1] is start:
            break
    return reached


def test_tab_goes_round_the_whole_window_once_and_back(make_study_window, folder, qtbot) -> None:
    write_wav(folder / "P01 Ana.wav")
    window = make_study_window(folder)
    window.resize(1800, 1100)
    activate(window, qtbot)
    qtbot.waitUntil(window.player_bar.isVisible)
    code_with_keys(window, qtbot, "coffee", "Drinks")  # the Codebook shows the code's fields
    window.window_actions.find.trigger()
    docks = every_dock_shown(window, qtbot)
    codebook = window.codebook.panel
    codebook.set_current(window.codebook.hub.book.find("Drinks").id)
    assert unnamed(window) == []  # each panel made and shown at once, named
    expected = stops(window)
    reader = window.reader
    looks: dict[QWidget, QImage] = {}
    forward = round_from(window, qtbot, reader, forward=True, looks=looks)
    assert forward[-1] is reader, "Tab never came back to the reader"
    missed = [w.accessibleName() or type(w).__name__ for w in expected if w not in forward]
    assert missed == []
    assert len(forward) == len(set(forward)) == len(expected)
    backward = round_from(window, qtbot, reader, forward=False)
    assert backward == [*forward[-2::-1], reader]
    # Round the screen from the left: the docks on the left, the reader's column (its
    # recording's bar, its find bar), the notes, the docks on the right.
    panes = [*docks[:3], window.reader_column.parentWidget(), window.notes_pane, *docks[3:]]

    def pane_of(widget: QWidget) -> QWidget:
        return next(pane for pane in panes if pane.isAncestorOf(widget))

    library = forward.index(window.library.filter)
    in_turn = [pane for pane, _ in groupby(map(pane_of, forward[library:] + forward[:library]))]
    assert in_turn == panes
    # Only the notes take Tab (it indents there): Ctrl+Tab left them, as it is said.
    assert [w for w in forward if takes_tab(w)] == [window.notes_editor]
    assert codebook.view in forward and codebook.findChild(QPlainTextEdit) in forward
    # Each shows that it has the focus: it looks otherwise with the focus elsewhere.
    unfocused = {w: seen(window, w) for w in forward[:-1]}  # the focus back on the reader
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    unfocused[reader] = seen(window, reader)
    hidden = [w.accessibleName() or type(w).__name__ for w in forward if looks[w] == unfocused[w]]
    assert hidden == []
