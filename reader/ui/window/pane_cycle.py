"""F6, Next Pane: the focus goes round the panes the user sees — the reader, the notes, the
list in front in the left docks (outline, annotations or codebook), the library — and
lands in the pane itself, which the focus bar marks (reader/ui/window/focus_marker.py).

The window is typed loosely, as in reader/ui/window/later_panels.py: this module is
imported by the main window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from reader.ui.lazy_dock import LazyDock, dock_showing


def cycle_panes(window: Any) -> None:
    notes_pane = window.notes_pane
    notes = notes_pane.preview if notes_pane.previewing() else window.notes_editor
    # (what takes the focus, the area whose focus counts as being in that pane)
    panes: list[tuple[QWidget, QWidget]] = [(window.reader, window.reader), (notes, notes_pane)]
    docks = (window.annotations_dock, window.outline_dock, window.codebook.dock)
    for dock in (*docks, window.library_dock):
        if dock_showing(dock):
            panes.append((_list_in(dock), dock))
    panes = [(pane, area) for pane, area in panes if pane.isVisible()]
    focus = QApplication.focusWidget()
    held = [focus is not None and (a is focus or a.isAncestorOf(focus)) for _, a in panes]
    current = held.index(True) if True in held else -1
    panes[(current + 1) % len(panes)][0].setFocus(Qt.FocusReason.ShortcutFocusReason)


def _list_in(dock: QDockWidget) -> QWidget:
    """The dock's list (a panel's `view`), its panel made if it was not (it shows)."""
    panel = dock.panel() if isinstance(dock, LazyDock) else dock.widget()
    return getattr(panel, "view", panel)
