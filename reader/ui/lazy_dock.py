"""A dock whose panel is made the first time the dock shows, Tab reaches it, or the panel
is asked for.

Docks hidden or tabbed behind another at start-up (Annotations, Search, Codebook) cost the
first paint nothing this way: their modules are imported and their widgets made when the
user first goes to them (issue #17). Until then an empty widget holds the panel's place,
in the layout and in the Tab order.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTabBar, QWidget

_OTHER = Qt.FocusReason.OtherFocusReason


class LazyDock(QDockWidget):
    def __init__(self, title: str, name: str, make: Callable[[], QWidget], parent: QWidget) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self._make: Callable[[], QWidget] | None = make
        self._panel: QWidget | None = None
        self.setWidget(_Placeholder(self))
        self.visibilityChanged.connect(self._visibility_changed)

    def panel(self) -> QWidget:
        """The panel, made now if it has not been."""
        if self._panel is None:
            assert self._make is not None
            make, self._make = self._make, None
            self._panel = make()
            placeholder = self.widget()
            self.setWidget(self._panel)
            # Tab reaches it where the dock is, not after everything made before it.
            QWidget.setTabOrder(placeholder, self._panel)
            placeholder.deleteLater()
        return self._panel

    def made(self) -> QWidget | None:
        """The panel if it has been made, else None (asking does not make it)."""
        return self._panel

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.panel()


class _Placeholder(QWidget):
    """The panel's place until it is made; Tab arriving here makes it and goes on into it
    (Qt's Tab order reaches into a dock tabbed behind another)."""

    def __init__(self, dock: LazyDock) -> None:
        super().__init__()
        self._dock = dock
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(dock.windowTitle())  # a Tab stop, for an instant

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        panel = self._dock.panel()
        fields = [
            w
            for w in _focus_chain(panel)
            if (w is panel or panel.isAncestorOf(w))
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.isVisibleTo(panel)
        ]
        if fields:  # its first field, or its last when Shift+Tab came here
            backward = event.reason() == Qt.FocusReason.BacktabFocusReason
            fields[-1 if backward else 0].setFocus(event.reason())


def bring_forward(dock: QDockWidget) -> None:
    """Show `dock` with its tab current. Qt's raise_() does nothing while the dock area
    takes this dock for its current tab though the tab bar shows another (after a dock
    was shown and raised before the window first showed): raising a neighbour first, in
    the same turn of the event loop (nothing paints between), puts both right."""
    dock.show()
    window = dock.parentWidget()
    if isinstance(window, QMainWindow):
        for other in window.tabifiedDockWidgets(dock)[:1]:
            other.raise_()
    dock.raise_()


def dock_showing(dock: QDockWidget) -> bool:
    """Whether the user sees `dock`: shown and, tabbed with others, its tab the current one
    (isVisible() is true for a dock behind another's tab)."""
    window = dock.parentWidget()
    if not dock.isVisible() or dock.isFloating() or not isinstance(window, QMainWindow):
        return dock.isVisible()
    title = dock.windowTitle()
    # Qt keeps the tab bars of earlier layouts too: the one showing the dock's tab counts.
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if bar.isVisible() and title in map(bar.tabText, range(bar.count())):
            return bar.tabText(bar.currentIndex()) == title
    return True  # alone in its place: no tab bar


def focus_dock(dock: QDockWidget, widget: QWidget | None = None) -> None:
    """Bring `dock` forward and give `widget` (else the dock's own widget) the focus."""
    bring_forward(dock)
    take_keyboard(widget or dock.widget())


def take_keyboard(widget: QWidget, reason: Qt.FocusReason = _OTHER) -> None:
    """`widget` has the focus, its window activated: the keyboard goes there from a panel
    floating in a window of its own (Ctrl+1 there, F6, Escape), or into one (Ctrl+6), where
    setFocus alone left it in the window it was in. Only from a window of the app: one in
    the background takes no activation from another program."""
    if QApplication.activeWindow() is not None:
        widget.activateWindow()
    widget.setFocus(reason)


def _focus_chain(widget: QWidget) -> list[QWidget]:
    """The Tab order from `widget`, once round."""
    found, current = [widget], widget.nextInFocusChain()
    while current is not widget and current not in found:
        found.append(current)
        current = current.nextInFocusChain()
    return found
