"""Tab and Shift+Tab in the main window go round the screen from left to right: the docks
on the left (the Library, the panels' tab bar and the panel in front), the reader column,
the notes pane (its tabs, its formatting bar, its editor), docks on the right last; within
each, in its own order. Qt's order ran nearly the other way (reader, notes, Outline, the
panels' tab bar, Library), and went into the panels tabbed behind the Outline, which came
forward: the Outline went, unasked.

So a panel tabbed behind another is no stop. The panels' tab bar is one, whose arrow keys
switch the panel in front; a tool bar is one, whose arrow keys go along its buttons
(reader/ui/toolbar_keys.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QSplitter,
    QTabBar,
    QToolBar,
    QWidget,
)

from reader.ui.lazy_dock import dock_showing


class ScreenTabOrder:
    """Tab in the window round the screen: a base of the main window, before QMainWindow."""

    def focusNextPrevChild(self, next: bool) -> bool:
        assert isinstance(self, QMainWindow)
        return step_focus(self, next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Tab and Ctrl+Shift+Tab that no widget took go round as Tab does: they leave
        the notes (where Tab indents), and pressed again where they landed (the panels' tab
        bar, the formatting bar) did nothing."""
        assert isinstance(self, QMainWindow)
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier and event.key() in TAB_KEYS:
            shift = modifiers & Qt.KeyboardModifier.ShiftModifier
            step_focus(self, event.key() == Qt.Key.Key_Tab and not shift)
            return
        QMainWindow.keyPressEvent(self, event)


TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def step_focus(window: QMainWindow, forward: bool) -> bool:
    """The focus to the next stop of the window (the previous one); False when none is."""
    focus = QApplication.focusWidget()
    here = focus if focus is not None and focus.window() is window else None
    stops = tab_stops(window, here)
    if not stops or stops == [here]:
        return False
    bar = _tool_bar(here)
    at = [i for i, w in enumerate(stops) if w is here or (bar and _tool_bar(w) is bar)]
    if not at:  # no focus in the window: from the start (or the end)
        target = stops[0 if forward else -1]
    else:  # on past a tool bar's other buttons: it is one stop
        target = stops[(at[-1] + 1) % len(stops)] if forward else stops[at[0] - 1]
    bar = _tool_bar(target)
    if bar is not None:  # a tool bar is entered at its first button, whichever way
        target = next(w for w in stops if _tool_bar(w) is bar)
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    target.setFocus(reason)
    return True


def tab_stops(window: QMainWindow, here: QWidget | None = None) -> list[QWidget]:
    """The widgets Tab stops at, in order (and `here`, the focus, where it is, though it be
    no stop): the window's parts left to right (then top to bottom), and in each, its
    widgets as they are read, row by row.

    Found among the window's children: walking Qt's focus chain from Python (its
    nextInFocusChain) left the reader's viewport a dead wrapper, later, in PySide 6.11."""
    areas: dict[QWidget, list[QWidget]] = {}
    for widget in window.findChildren(QWidget):
        if widget is here or _is_stop(window, widget):
            areas.setdefault(_area(window, widget), []).append(widget)
    stops = []
    for area in sorted(areas, key=lambda a: _corner(window, a)):
        stops += _as_read(window, areas[area])
    return stops


def _corner(window: QWidget, widget: QWidget) -> tuple[int, int]:
    corner = widget.mapTo(window, QPoint(0, 0))
    return corner.x(), corner.y()


def _as_read(window: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """`widgets` row by row, each row left to right: a widget whose middle is within the
    height of a row's first widget is in that row."""
    rects = {w: QRect(w.mapTo(window, QPoint(0, 0)), w.size()) for w in widgets}
    rows: list[list[QWidget]] = []
    for widget in sorted(widgets, key=lambda w: (rects[w].center().y(), rects[w].x())):
        if rows and rects[widget].center().y() <= rects[rows[-1][0]].bottom():
            rows[-1].append(widget)
        else:
            rows.append([widget])
    return [w for row in rows for w in sorted(row, key=lambda w: rects[w].x())]


def _is_stop(window: QWidget, widget: QWidget) -> bool:
    """Whether Tab stops at `widget`: as Qt has it (Tab focus, shown, enabled, no proxy),
    in this window, and not in a dock tabbed behind another."""
    if not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or widget.focusProxy() is not None:
        return False
    if not widget.isVisible() or not widget.isEnabled() or widget.window() is not window:
        return False
    area = widget
    while area is not None and not isinstance(area, QDockWidget):
        area = area.parentWidget()
    return area is None or dock_showing(area)


def _area(window: QMainWindow, widget: QWidget) -> QWidget:
    """The part of the window `widget` is in: a dock, a tab bar of docks, or in the
    middle a pane of the splitter (the reader's column, the notes) or the banner."""
    ancestors = [widget]
    while (parent := ancestors[-1].parentWidget()) is not None and parent is not window:
        ancestors.append(parent)
    if ancestors[-1] is not window.centralWidget() or len(ancestors) == 1:
        return ancestors[-1]
    inside = ancestors[:-1]  # from the widget up to a child of the central widget
    panes = (a for a in reversed(inside) if isinstance(a.parentWidget(), QSplitter))
    return next(panes, inside[-1])


def _tool_bar(widget: QWidget | None) -> QToolBar | None:
    parent = widget.parentWidget() if widget is not None else None
    return parent if isinstance(parent, QToolBar) else None


class DockTabBars(QObject):
    """The tab bars Qt makes for docks tabbed together, as it makes them: named (else a
    screen reader hears one by its current tab's name), and on one standing on its side
    the Up and Down keys switch too (Qt's take Left and Right only)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        window.installEventFilter(self)
        for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            self._dress(bar)

    def _dress(self, bar: QTabBar) -> None:
        bar.setAccessibleName("Panels")
        bar.setAccessibleDescription("Which panel shows here: the arrow keys switch")
        bar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QTabBar) and child.parent() is watched:
                self._dress(child)
        elif event.type() == QEvent.Type.KeyPress and isinstance(watched, QTabBar):
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(event.key())  # type: ignore[attr-defined]
            if step and watched.shape() in SIDEWAYS and watched.count():
                watched.setCurrentIndex((watched.currentIndex() + step) % watched.count())
                return True
        return False


SIDEWAYS = {
    QTabBar.Shape.RoundedWest,
    QTabBar.Shape.RoundedEast,
    QTabBar.Shape.TriangularWest,
    QTabBar.Shape.TriangularEast,
}
