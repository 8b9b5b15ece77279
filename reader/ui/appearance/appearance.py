"""How the window looks, chosen in View and remembered: the theme (System, Light, Dark, High
Contrast), the reading font, the line width (measure) and the zoom of reader and notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.palettes import THEME_NAMES, Palette, palette_for
from reader.ui import theme
from reader.ui.after_paint import AfterPaint
from reader.ui.appearance.docks import dress_window
from reader.ui.appearance.full_screen import FullScreen
from reader.ui.notes.notes_pane import NotesPane
from reader.ui.reading.reader_view import ReaderView
from reader.ui.window.banner import Banner

ZOOM_RANGE = (-5, 12)  # points below and above the default size
NOTES_POINT_SIZE = theme.READING_POINT_SIZE - 1.5
MEASURES = {"narrow": 54, "medium": theme.COLUMN_CHARS, "wide": 80}  # characters a line
MEASURE_LABELS = {"narrow": "&Narrow", "medium": "&Medium", "wide": "&Wide"}
CARET_POINTS = 8  # the caret grows a pixel wide for each 8 points of the text


def caret_width(font: QFont) -> int:
    """The caret beside text of `font`: 2 px at the usual sizes, 3 zoomed past 20 pt (Qt's
    1 px line was hard to find again beside the text, thinner still beside zoomed text)."""
    return max(2, round(font.pointSizeF() / CARET_POINTS))


@dataclass
class ViewActions:
    """View ▸ Zoom, Theme, Reading Font, Line Width and Full Screen (built in
    window/actions.py)."""

    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    themes: dict[str, QAction]
    fonts: dict[str, QAction]
    measures: dict[str, QAction]
    full_screen: QAction


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class Appearance(QObject):
    changed = Signal()  # the palette changed: whatever paints with theme colours repaints

    def __init__(
        self, store: QSettings, reader: ReaderView, notes: NotesPane, banner: Banner
    ) -> None:
        super().__init__(reader)
        self._store = store
        self._reader = reader
        self._notes = notes
        self._banner = banner
        self.theme_name = self._read("view/theme", "system", THEME_NAMES)
        self.measure = self._read("view/measure", "medium", tuple(MEASURES))
        # A font chosen on another computer, or uninstalled since: the usual one, not Qt's
        # stand-in for it (a sans-serif), and ticked as such in View ▸ Reading Font.
        family = str(store.value("view/font", "") or "")
        self.reading_family = family if family in QFontDatabase.families() else ""
        self.reader_zoom = self._read_int("view/reader-zoom")
        self.notes_zoom = self._read_int("view/notes-zoom")
        # Whether a widget outside the notes pane works on the notes (the find bar while it
        # finds in them): zooming there zooms the notes.
        self.for_notes: Callable[[QWidget], bool] = lambda _widget: False
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        # Check boxes drawn in the theme's colours: a style of ours, set after the first
        # paint (Qt's style classes take ~8 ms to load, and no box shows at start-up).
        self._indicators = AfterPaint(reader, self._install_indicators)

    def _install_indicators(self) -> None:
        from reader.ui.appearance.indicators import install_indicator_style

        install_indicator_style()

    def _read(self, key: str, default: str, allowed: tuple[str, ...]) -> str:
        value = self._store.value(key, default)
        return value if value in allowed else default

    def _read_int(self, key: str) -> int:
        try:
            return max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], int(self._store.value(key, 0))))
        except (TypeError, ValueError):
            return 0

    # Applying -----------------------------------------------------------------------------

    def palette(self) -> Palette:
        return palette_for(self.theme_name, system_is_dark())

    def apply_palette(self) -> None:
        """Before the window shows: the palette only (the document is not built yet)."""
        self._indicators.start()
        theme.apply_palette(self.palette())
        self._banner.set_colors(*self.palette().banner)

    def apply_all(self) -> None:
        self.apply_palette()
        self._apply_reader_font()
        self._apply_notes_font()
        dress_window(self._reader.window(), self.palette())
        self.changed.emit()

    def _apply_reader_font(self) -> None:
        font = theme.reading_font()
        if self.reading_family:
            font.setFamily(self.reading_family)
        font.setPointSizeF(theme.READING_POINT_SIZE + self.reader_zoom)
        self._reader.set_reading_font(font, MEASURES[self.measure])
        self._reader.setCursorWidth(caret_width(font))

    def _apply_notes_font(self) -> None:
        font = self._notes.editor.font()
        font.setPointSizeF(NOTES_POINT_SIZE + self.notes_zoom)
        self._notes.editor.set_text_font(font)
        self._notes.editor.setCursorWidth(caret_width(font))
        self._notes.preview.setFont(font)

    # Choosing -----------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        self.theme_name = name
        self._store.setValue("view/theme", name)
        self.apply_palette()
        self._reader.refresh_structure()
        self._notes.editor.highlighter.restyle(self._notes.editor.font().pointSizeF())
        self._notes.refresh_preview()  # its quotes' tint
        dress_window(self._reader.window(), self.palette())
        self.changed.emit()

    def _system_changed(self) -> None:
        if self.theme_name == "system":
            self.set_theme("system")

    def set_measure(self, name: str) -> None:
        self.measure = name
        self._store.setValue("view/measure", name)
        self._apply_reader_font()

    def set_reading_family(self, family: str) -> None:
        self.reading_family = family
        self._store.setValue("view/font", family)
        self._apply_reader_font()

    def zoom(self, step: int) -> None:
        """Zoom the notes when they have the focus, else the reader; step 0 resets."""
        focus = QApplication.focusWidget()
        in_notes = isinstance(focus, QWidget) and (
            focus is self._notes or self._notes.isAncestorOf(focus) or self.for_notes(focus)
        )
        current = self.notes_zoom if in_notes else self.reader_zoom
        value = 0 if step == 0 else max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], current + step))
        if in_notes:
            self.notes_zoom = value
            self._store.setValue("view/notes-zoom", value)
            self._apply_notes_font()
        else:
            self.reader_zoom = value
            self._store.setValue("view/reader-zoom", value)
            self._apply_reader_font()

    def connect_actions(self, actions: ViewActions) -> None:
        """Wire View's actions and tick the remembered choices."""
        actions.zoom_in.triggered.connect(lambda: self.zoom(1))
        actions.zoom_out.triggered.connect(lambda: self.zoom(-1))
        actions.zoom_reset.triggered.connect(lambda: self.zoom(0))
        self.full_screen = FullScreen(self._reader.window(), actions.full_screen)
        default_font = theme.reading_font().family()
        choices: list[tuple[dict[str, QAction], str, Callable[[str], None]]] = [
            (actions.themes, self.theme_name, self.set_theme),
            (actions.measures, self.measure, self.set_measure),
            (actions.fonts, self.reading_family or default_font, self.set_reading_family),
        ]
        for group, current, choose in choices:
            for name, action in group.items():
                action.setChecked(name == current)
                action.triggered.connect(lambda _=False, n=name, f=choose: f(n))
