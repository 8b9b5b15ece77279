"""F6, Next Pane (Shift+F6, Previous Pane): the focus goes round the panes the user sees —
the reader, the recording's bar under it (its slider), the notes, the list in front in the
docks (annotations, outline or codebook; the Search panel's field), the library — and lands
in the pane itself, which the focus bar marks (reader/ui/window/focus_marker.py).

The window is typed loosely, as in reader/ui/window/later_panels.py: this module is
imported by the main window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget
from shiboken6 import isValid

from reader.ui.escape_back import EscapeBack
from reader.ui.lazy_dock import LazyDock, dock_showing, take_keyboard


def connect_panes(window: Any, actions: Any) -> None:
    """F6 and Shift+F6 (the window's `actions`) go round the panes; a dock closed with the
    focus in it gives the focus to the reader."""
    actions.cycle_panes.triggered.connect(lambda: cycle_panes(window))
    actions.previous_pane.triggered.connect(lambda: cycle_panes(window, forward=False))
    _BackToTheReader(window)
    EscapeBack(window, window.reader)  # the docks (the Codebook made later), the middle


class _BackToTheReader(QObject):
    """A dock closed (View ▸ Library, its ×) while it had the focus: the reader takes it.
    Qt gave it to the next widget in its chain, the panels' tab bar after the Library's,
    where an arrow key then switched the panels. So with the player bar, the reader's
    footer, gone with the focus on its keys (an interview with no recording opened,
    Detach Recording): Qt gave it to the notes' tabs, where typing did nothing."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        QApplication.instance().focusChanged.connect(self._focus_changed)  # gone with it

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        dock = old
        while dock is not None and isValid(dock) and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        reader, window, bar = self._window.reader, self._window, self._window.player_bar
        closed = dock is not None and isValid(dock) and not dock.isVisible()
        closed = closed and dock.window() is window  # type: ignore[union-attr]
        bar_gone = old is not None and isValid(old) and bar.isAncestorOf(old)
        if (closed or (bar_gone and not bar.isVisible())) and reader.isVisible():
            reader.setFocus(Qt.FocusReason.OtherFocusReason)


def cycle_panes(window: Any, forward: bool = True) -> None:
    notes_pane = window.notes_pane
    notes = notes_pane.preview if notes_pane.previewing() else window.notes_editor
    # (what takes the focus, the area whose focus counts as being in that pane)
    panes: list[tuple[QWidget, QWidget]] = [(window.reader, window.reader)]
    bar = window.player_bar  # the recording's, under the reader
    if bar.isVisible() and (stop := bar.keyboard_stop()) is not None:
        panes.append((stop, bar))
    panes.append((notes, notes_pane))
    docks = (window.annotations_dock, window.search_dock, window.outline_dock)
    for dock in (*docks, window.codebook.dock, window.library_dock):
        if dock_showing(dock):
            target = window.search_panel.edit if dock is window.search_dock else _list_in(dock)
            panes.append((target, dock))
    panes = [(pane, area) for pane, area in panes if pane.isVisible()]
    focus = QApplication.focusWidget()
    held = [focus is not None and (a is focus or a.isAncestorOf(focus)) for _, a in panes]
    current = held.index(True) if True in held else (-1 if forward else 0)  # else the ends
    at = (current + (1 if forward else -1)) % len(panes)
    take_keyboard(panes[at][0], Qt.FocusReason.ShortcutFocusReason)


def _list_in(dock: QDockWidget) -> QWidget:
    """The dock's list (a panel's `view`), its panel made if it was not (it shows)."""
    panel = dock.panel() if isinstance(dock, LazyDock) else dock.widget()
    return getattr(panel, "view", panel)
