"""The window's size and layout: a first start fitted to the screen, and the geometry, docks
and splitter remembered in the settings file between sessions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter

from reader import APP_ID


def settings() -> QSettings:
    """Window state (geometry, splitter, docks): an INI file in the user's config folder."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_ID, APP_ID)


def fit_screen(window: QMainWindow, left_dock: QDockWidget, splitter: QSplitter) -> None:
    """A first start takes most of the screen (a 1024x640 netbook to a 4K monitor): the
    left docks a fifth, the reader more than the notes."""
    screen = QGuiApplication.primaryScreen().availableGeometry()
    # A small screen is all needed; a big one leaves room around the window.
    width = screen.width() if screen.width() <= 1440 else min(1760, screen.width() * 9 // 10)
    height = screen.height() if screen.height() <= 900 else min(1100, screen.height() * 9 // 10)
    window.resize(width, height)
    dock = max(180, min(320, width // 5))
    window.resizeDocks([left_dock], [dock], Qt.Orientation.Horizontal)
    centre = width - dock
    splitter.setSizes([centre * 3 // 5, centre * 2 // 5])


def restore_state(window: QMainWindow, splitter: QSplitter) -> None:
    store = settings()
    for key, restore in (
        ("window/geometry", window.restoreGeometry),
        ("window/state", window.restoreState),
        ("window/splitter", splitter.restoreState),
    ):
        value = store.value(key)
        if isinstance(value, QByteArray):
            restore(value)


def save_state(window: QMainWindow, splitter: QSplitter) -> None:
    store = settings()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())
    store.setValue("window/splitter", splitter.saveState())
    store.sync()
