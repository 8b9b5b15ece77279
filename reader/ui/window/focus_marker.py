"""A visible focus for the big panes: the reader, the notes and the lists have no frame (a
frame would box the page in), so a bar in the accent colour along the top edge of the pane
that has the keyboard says where typing goes.

The bar is a child of that pane, so it moves with it whatever moves it (a splitter, a
dock, zoom, a floating dock), and it paints the theme's accent when it paints, so a new
theme shows on it at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDockWidget, QListView, QWidget
from shiboken6 import isValid

from reader.ui import theme
from reader.ui.lazy_dock import bring_forward, dock_showing
from reader.ui.painting import fill

BAR_HEIGHT = 3


class FocusBar(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("focus-marker")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        fill(painter, self.rect(), theme.accent_color())
        painter.end()


class FocusMarker(QObject):
    def __init__(self, window: QWidget, panes: list[QWidget]) -> None:
        super().__init__(window)
        self._panes = list(panes)
        self._pane: QWidget | None = None
        self._window = window
        self.bar = FocusBar(window)
        self.bar.hide()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        for pane in panes:
            self._watch(pane)

    def add_pane(self, pane: QWidget) -> None:
        """A pane made after the window (a panel made when first shown)."""
        self._panes.append(pane)
        self._watch(pane)

    def _watch(self, pane: QWidget) -> None:
        """Its resizes, and its page's (a zoom or the overview strip moves the page's edge).
        A list's rows start below the bar: over the first row, most often the selected
        one, the bar was lost in the selection's blue (1.4:1), and a list with the keyboard
        looked as one without."""
        pane.installEventFilter(self)
        if isinstance(pane, QAbstractScrollArea):
            pane.viewport().installEventFilter(self)
        if isinstance(pane, QListView):
            pane.setViewportMargins(0, BAR_HEIGHT, 0, 0)

    def pane(self) -> QWidget | None:
        """The pane that has the focus, or None."""
        return self._pane

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        _forward_its_dock(new)
        self._pane = next(
            (p for p in self._panes if new is not None and (p is new or p.isAncestorOf(new))),
            None,
        )
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pane = self._pane
        resized = event.type() == QEvent.Type.Resize and pane is not None
        if resized and (watched is pane or watched is _page(pane)):
            self._place()
        return False

    def _place(self) -> None:
        if not isValid(self.bar):  # it went with a pane that was deleted
            self.bar = FocusBar(self._window)
        pane = self._pane
        if pane is None:
            self.bar.hide()
            return
        if self.bar.parentWidget() is not pane:
            self.bar.setParent(pane)  # (which hides it)
        self.bar.setGeometry(0, 0, bar_width(pane), BAR_HEIGHT)
        self.bar.show()
        self.bar.raise_()


def _forward_its_dock(widget: QWidget | None) -> None:
    """Tab went into a dock tabbed behind another (Qt's order takes in every dock): its tab
    comes forward, else the keyboard was in controls nobody saw ("xyz" typed into the
    Annotations' filter, behind the Outline)."""
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    if isinstance(widget, QDockWidget) and not dock_showing(widget):
        bring_forward(widget)


def _page(pane: QWidget) -> QWidget | None:
    return pane.viewport() if isinstance(pane, QAbstractScrollArea) else None


def bar_width(pane: QWidget) -> int:
    """Across the pane's page: a scroll area's bar stops where its page does, clear of the
    reader's overview strip (whose marks at the top it hid) and the scroll bar."""
    if isinstance(pane, QAbstractScrollArea):
        return pane.viewport().geometry().right() + 1
    return pane.width()
