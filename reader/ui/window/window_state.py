"""The window's size and layout: a first start fitted to the screen, and the geometry, docks
and splitter remembered in the settings file between sessions."""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QSplitter,
    QTableView,
    QTabWidget,
    QWidget,
)

from reader.ui.settings import settings

LEAST_DOCK = 200  # px: the Library's columns whole, its count beside its filter


@dataclass(frozen=True)
class FirstLayout:
    """The window's size and panes' widths on a first start."""

    width: int
    height: int
    dock: int
    reader: int
    notes: int


def first_layout(
    screen_width: int, screen_height: int, reader_wants: int, notes_need: int
) -> FirstLayout:
    """A first start takes most of the screen (a 1024x640 netbook to a 4K monitor): the
    left docks a fifth, the reader three fifths of the rest, or what its column wants
    (`reader_wants`) while the notes keep the room they need (`notes_need`: their
    toolbar, every button showing). On a screen too narrow for both, the docks give up
    part of their fifth first, down to LEAST_DOCK."""
    # A small screen is all needed; a big one leaves room around the window.
    width = screen_width if screen_width <= 1440 else min(1760, screen_width * 9 // 10)
    height = screen_height if screen_height <= 900 else min(1100, screen_height * 9 // 10)
    dock = max(LEAST_DOCK, min(320, width // 5))
    short = reader_wants + notes_need - (width - dock)
    dock = max(LEAST_DOCK, dock - max(0, short))
    centre = width - dock
    reader = max(centre * 3 // 5, min(reader_wants, centre - notes_need))
    return FirstLayout(width, height, dock, reader, centre - reader)


def fit_screen(
    window: QMainWindow,
    left_dock: QDockWidget,
    splitter: QSplitter,
    reader_wants: int,
    notes_need: int,
    screen: QScreen | None = None,
) -> bool:
    """The window fitted to `screen` (the primary one), its left docks' tabs down their
    outer edge; whether it takes the whole screen, to be shown maximized (startup.py):
    sized so, the window manager's title bar above it pushed the status bar off the foot
    of a 1024x640 screen, since the size asked is the window's inside."""
    # Four tabs under a 200 px column elided to "Out…", "Annotati…": turned on their
    # side each title is whole, at the cost of a strip as wide as one line of text.
    window.setTabPosition(Qt.DockWidgetArea.LeftDockWidgetArea, QTabWidget.TabPosition.West)
    room = (screen or QGuiApplication.primaryScreen()).availableGeometry()
    layout = first_layout(room.width(), room.height(), reader_wants, notes_need)
    window.resize(layout.width, layout.height)
    window.resizeDocks([left_dock], [layout.dock], Qt.Orientation.Horizontal)
    splitter.setSizes([layout.reader, layout.notes])
    return layout.width >= room.width() or layout.height >= room.height()


LEFT_ROWS = 5  # the Library's rows kept in sight above the tabbed docks


def show_left(
    window: QMainWindow, left_dock: QDockWidget, view: QTableView, centre_wants: int
) -> None:
    """Show `left_dock` (the Library), widened to at most 460 px into what the centre
    does not want (the reader's whole column and the notes' toolbar: on a netbook, none:
    LEAST_DOCK),
    two fifths of the window's height and never less than LEFT_ROWS rows of its `view`;
    restored with the window's layout, it keeps the size it had."""
    # A least height holds where resizeDocks could not: a restored layout, or the
    # Codebook made later below it, left the Library one or two rows at 1024x640.
    rows = LEFT_ROWS * view.verticalHeader().defaultSectionSize()
    view.setMinimumHeight(
        view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth()
    )
    if not left_dock.isHidden():  # restored shown (a restart): as wide and tall as it was
        return
    width = max(left_dock.width(), LEAST_DOCK, min(460, window.width() - centre_wants))
    left_dock.show()
    window.resizeDocks([left_dock], [width], Qt.Orientation.Horizontal)
    window.resizeDocks([left_dock], [window.height() * 2 // 5], Qt.Orientation.Vertical)


def restore_state(
    window: QMainWindow,
    left_dock: QDockWidget,
    splitter: QSplitter,
    reader_wants: int,
    notes_need: int,
) -> bool:
    """The layout of the last session (its docks shown, tabbed and closed as they were),
    at its sizes on a screen as wide as the window was; else fitted to the screen, as on a
    first start: a laptop taken off its monitor kept the docks of 1920 px, and the reader
    showed 37 characters a line. Whether to show it maximized (`fit_screen`)."""
    whole = fit_screen(window, left_dock, splitter, reader_wants, notes_need)
    store = settings()
    geometry = store.value("window/geometry")
    if isinstance(geometry, QByteArray):
        if window.restoreGeometry(geometry):
            whole = False  # as it was: maximized or not
        else:
            whole = _restore_on_another_screen(window, geometry, whole)
    for key, restore in (
        ("window/state", window.restoreState),
        ("window/splitter", splitter.restoreState),
    ):
        value = store.value(key)
        if isinstance(value, QByteArray):
            restore(value)
    # The screen the window is back on: its own (a second monitor), or the one Qt moved it
    # to when that is gone.
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen()
    width = screen.availableGeometry().width()
    if _number(store.value(SCREEN_KEY)) > width and _number(store.value(WIDTH_KEY)) > width:
        # The docks fitted to it; a window maximized there, maximized here too.
        whole = fit_screen(window, left_dock, splitter, reader_wants, notes_need, screen) or whole
    return whole


def _restore_on_another_screen(window: QMainWindow, saved: QByteArray, whole: bool) -> bool:
    """Qt restores no geometry saved on a screen of another width (a new monitor, another
    resolution or scale): the window came back fitted, a maximized one as a window in a
    corner of a large screen, a small one maximized. Here: maximized again, or at its
    size and place if it fits the screen now; else fitted (`whole`: as `fit_screen`)."""
    data = saved.data()
    if len(data) < GEOMETRY_BYTES or struct.unpack_from(">I", data)[0] != GEOMETRY_MAGIC:
        return whole
    left, top, right, bottom = struct.unpack_from(">4i", data, 24)  # its normal geometry
    if data[44] or data[45]:  # maximized, full screen
        return True
    rect = QRect(QPoint(left, top), QPoint(right, bottom))
    screen = QGuiApplication.screenAt(rect.center()) or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    if not rect.isValid() or rect.width() > room.width() or rect.height() > room.height():
        return whole
    rect.moveTopLeft(  # whole on the screen
        QPoint(
            max(room.left(), min(rect.left(), room.left() + room.width() - rect.width())),
            max(room.top(), min(rect.top(), room.top() + room.height() - rect.height())),
        )
    )
    window.setGeometry(rect)
    return False


# QWidget.saveGeometry's format (version 3): a magic number, then the frame and normal
# geometries, the screen's number, the maximized and full-screen flags, the screen's width.
GEOMETRY_MAGIC, GEOMETRY_BYTES = 0x1D9D0CB, 50


# The window's width when it closed, and its screen's: a narrower screen now, that the
# window does not fit, has the layout fitted to it.
WIDTH_KEY, SCREEN_KEY = "window/width", "window/screen-width"


def _number(value: object) -> int:
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else 0


FOCUS_KEY = "window/focus"  # the pane the keyboard was in: "reader", "notes" or ""


def focus_as_left(reader: QWidget, focus_notes: Callable[[], None]) -> None:
    """At a start: the keyboard in the notes if the last session ended there, else in the
    reader: on a first start too, where a study's opening left it in the Library, and
    the first word typed or Ctrl+F filtered the list instead of finding in the interview."""
    if settings().value(FOCUS_KEY, "") == "notes":
        focus_notes()
    else:
        reader.setFocus()


def save_state(window: QMainWindow, splitter: QSplitter, reader: QWidget, notes: QWidget) -> None:
    store = settings()
    focus = window.focusWidget()
    if focus is not None:  # none after a logout's save handed the edit over: that one stands
        pane = "notes" if notes.isAncestorOf(focus) else "reader" if focus is reader else ""
        store.setValue(FOCUS_KEY, pane)
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue(WIDTH_KEY, window.width())
    store.setValue(SCREEN_KEY, window.screen().availableGeometry().width())
    store.setValue("window/state", window.saveState())
    store.setValue("window/splitter", splitter.saveState())
    store.sync()
