"""View ▸ Theme, zoom, reading font and line width, as a user sets them, and remembered."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QTableWidget, QToolButton, QWidget

from reader.core.palettes import DARK, HIGH_CONTRAST, LIGHT, highlight_background
from reader.ui import theme
from reader.ui.find import find_bar
from reader.ui.reading.reader_view import LABEL_LEAST
from reader.ui.window.focus_marker import bar_width
from reader.ui.window.main_window import MainWindow
from reader.ui.window.shortcuts import KEYS_CHARS, pressable, shortcut_rows
from reader.ui.window.window_state import first_layout
from tests.ui.test_highlights import pixel
from tests.ui.test_main_window import menu_action

CTRL = Qt.KeyboardModifier.ControlModifier


def view_menu(window: MainWindow):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")


def highlight_pixel(window: MainWindow, start: int, end: int) -> QColor:
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.reading.to_qt(start))
    cursor.setPosition(window.reader.reading.to_qt(end), cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    window.reader.setFocus()
    window.reader._highlight_selection("blue")
    window.reader.scroll_to_offset(0)  # the caret away: no frame of the current highlight
    return pixel(window, start + 2)


def test_theme_menu_switches_palette_and_highlights_and_is_remembered(make_window, qtbot):
    window = make_window()
    assert QApplication.palette().color(QPalette.ColorRole.Base) == QColor(LIGHT.base)
    menu_action(view_menu(window), "Theme", "Dark").trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base) == QColor(DARK.base)
    assert theme.is_dark()
    text = window.interview.session.document.text
    start = text.index("Hollywood")
    assert highlight_pixel(window, start, start + 9) == QColor(highlight_background(DARK, "blue"))
    window.close()
    again = make_window()
    assert again.appearance.theme_name == "dark"
    assert menu_action(view_menu(again), "Theme", "Dark").isChecked()
    menu_action(view_menu(again), "Theme", "High Contrast").trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Text) == QColor(HIGH_CONTRAST.text)
    menu_action(view_menu(again), "Theme", "System").trigger()
    assert not theme.is_dark()  # offscreen, the desktop says nothing: light


def test_zoom_keys_in_reader_and_notes_are_separate_and_remembered(make_window, qtbot):
    window = make_window()
    reader_size = window.reader.reading_font().pointSizeF()
    notes_size = window.notes_editor.font().pointSizeF()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    qtbot.keyClick(window.reader, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(window.reader, Qt.Key.Key_Plus, CTRL)
    assert window.reader.reading_font().pointSizeF() == reader_size + 2
    assert window.reader.reading.qdoc.defaultFont().pointSizeF() == reader_size + 2
    # The margin's labels (and the recording's times painted there) grow with the text.
    assert window.reader.label_font().pointSizeF() == (reader_size + 2) * 0.72
    assert window.notes_editor.font().pointSizeF() == notes_size
    window.notes_editor.setFocus()
    qtbot.waitUntil(window.notes_editor.hasFocus)
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_Minus, CTRL)
    assert window.notes_editor.font().pointSizeF() == notes_size - 1
    window.close()
    again = make_window()
    assert again.reader.reading_font().pointSizeF() == reader_size + 2
    assert again.notes_editor.font().pointSizeF() == notes_size - 1
    again.reader.setFocus()
    qtbot.waitUntil(again.reader.hasFocus)
    qtbot.keyClick(again.reader, Qt.Key.Key_0, CTRL)
    assert again.reader.reading_font().pointSizeF() == reader_size
    # Zoomed all the way out, the labels stop at a size still read (they went to 5.8 pt).
    for _ in range(12):
        qtbot.keyClick(again.reader, Qt.Key.Key_Minus, CTRL)
    assert again.reader.reading_font().pointSizeF() * 0.72 < LABEL_LEAST
    assert again.reader.label_font().pointSizeF() == LABEL_LEAST


def test_line_width_and_font_choice(make_window, qtbot):
    window = make_window()
    window.resize(1600, 900)
    menu = view_menu(window)
    medium = window.reader.column_width()
    menu_action(menu, "Line Width", "Wide").trigger()
    assert window.reader.column_width() > medium
    fonts = menu_action(menu, "Reading Font").menu().actions()
    assert fonts and sum(a.isChecked() for a in fonts) == 1
    fonts[-1].trigger()
    family = re.sub("&(&?)", r"\1", fonts[-1].text())  # as shown: without its letter's &
    assert window.reader.reading_font().family() == family
    window.close()
    again = make_window()
    assert again.reader.column_chars == 80
    assert again.reader.reading_font().family() == family


def test_small_screen_keeps_a_readable_measure_and_every_notes_button(make_window, qtbot):
    window = make_window()
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() <= 1024)
    QApplication.processEvents()
    reader = window.reader
    margins = reader.document().rootFrame().frameFormat()
    column = reader.viewport().width() - margins.leftMargin() - margins.rightMargin()
    chars = column / theme.char_width(reader.reading_font())
    assert chars >= 45
    toolbar = window.notes_pane.toolbar
    last = toolbar.widgetForAction(window.window_actions.toggle_preview)
    assert last is not None and last.isVisible()
    assert last.geometry().right() <= toolbar.width()
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()


def test_help_lists_every_key(window: MainWindow, qtbot) -> None:
    window.window_actions.shortcuts.trigger()
    dialog = window.findChild(QDialog, "shortcuts-dialog")
    assert dialog is not None and dialog.isVisible()
    rows = dict(shortcut_rows(window, window.window_actions))
    recent = window.window_actions.codes.recent  # Alt+1 … Alt+9, one row
    for action in window.actions():
        for key in filter(pressable, action.shortcuts()):
            assert action in recent or any(key.toString() in keys for keys in rows), key
    assert "F1" in rows and "Q" in rows and "Alt+1 … Alt+9" in rows
    # Not the keys of special keyboards that Qt's standard keys add (named Open, Save…).
    listed = {k.strip() for keys in rows for k in keys.split(",")}
    assert "Ctrl+O" in listed and "Ctrl+F" in listed and "Ctrl+Shift+S" in listed
    assert not listed & {"Open", "Find", "Exit", "Shift+Save", "Undo", "Back"}
    table = dialog.findChild(QTableWidget)
    keys = table.horizontalHeader()
    # Padded, not against the border; a key longer than the column asks wraps.
    most = table.fontMetrics().averageCharWidth() * KEYS_CHARS
    widest = max(w for k in rows if (w := table.fontMetrics().horizontalAdvance(k)) <= most)
    assert keys.sectionSize(0) >= widest + 12
    assert table.wordWrap()  # long descriptions wrap instead of ending in "…"


def test_first_start_fills_a_sensible_share_of_the_screen(window: MainWindow) -> None:
    screen = window.screen().availableGeometry()
    assert window.width() >= min(screen.width(), 1440) * 0.85
    assert window.height() >= min(screen.height(), 900) * 0.85
    assert window.outline_dock.isVisible() and not window.outline_dock.visibleRegion().isEmpty()


def test_geometry_and_docks_are_remembered(make_window, qtbot) -> None:
    window = make_window()
    window.resize(1000, 520)
    window.annotations_dock.raise_()
    window.outline_dock.hide()
    window.close()
    again = make_window()
    # (the width is kept within the small offscreen screen, so the height tells)
    assert again.height() == 520
    assert not again.outline_dock.isVisible()


def test_a_layout_from_a_wider_screen_is_fitted_to_this_one(make_window, qtbot) -> None:
    """Closed on a 1920 px monitor, started on the laptop's own screen: the layout is
    fitted again, as a first start (here: the offscreen screen's height, not the 520 px
    it had), keeping which docks show and which is in front; on a screen as wide as the
    window was, its size is kept (test_geometry_and_docks_are_remembered)."""
    from reader.ui.settings import settings
    from reader.ui.window.window_state import SCREEN_KEY, WIDTH_KEY

    first = make_window()
    fitted = first.size()
    first.resize(1000, 520)
    first.annotations_dock.raise_()
    first.close()
    settings().setValue(WIDTH_KEY, 1900)  # as if it had closed on the monitor
    settings().setValue(SCREEN_KEY, 1920)
    again = make_window()
    assert again.size() == fitted
    assert not again.annotations_dock.visibleRegion().isEmpty()  # in front of its tabs


def test_a_small_first_window_gives_the_reader_its_column_and_the_notes_their_toolbar(
    window: MainWindow,
) -> None:
    wants, notes_min_width = window.reader.wanted_width(), window.notes_pane.minimumWidth()
    netbook = first_layout(1024, 640, wants, notes_min_width)
    assert netbook.notes == notes_min_width  # the reader takes what the notes can spare
    assert netbook.dock < 1024 // 5  # and some of the docks' fifth
    assert netbook.reader > (1024 - netbook.dock) * 3 // 5
    assert netbook.dock + netbook.reader + netbook.notes == netbook.width == 1024
    wide = first_layout(2560, 1440, wants, notes_min_width)
    assert wide.reader >= min(wants, (wide.width - wide.dock) * 3 // 5)
    assert wide.notes > notes_min_width and wide.width <= 1760


def grabbed(widget: QWidget, x: int, y: int) -> str:
    return widget.grab().toImage().pixelColor(x, y).name()


def test_a_new_theme_shows_at_once_on_the_focus_bar_and_the_selection_bar(
    window: MainWindow, qtbot
) -> None:
    """Switched from View ▸ Theme, with no focus moved and no restart."""
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    select_bar = window.reader.selection_bar
    select_bar.show_near(QRect(100, 300, 50, 20), 120, (100, 600))
    marker = window.focus_marker.bar
    window.window_actions.find.trigger()
    finder = window.find_bar
    finder.edit.setText("no such words anywhere")  # "No matches", in a warning colour
    qtbot.waitUntil(lambda: finder.count_label.text() == "No matches")
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    for name, palette in (("Dark", DARK), ("High Contrast", HIGH_CONTRAST), ("Light", LIGHT)):
        menu_action(view_menu(window), "Theme", name).trigger()
        assert window.reader.hasFocus()
        assert marker.isVisible() and grabbed(marker, 5, 1) == palette.accent
        middle = grabbed(select_bar, select_bar.width() // 2, select_bar.height() - 3)
        assert middle == palette.window, name
        count = finder.count_label  # a colour set in code follows too
        assert count.palette().color(count.foregroundRole()) == find_bar.warning_color()


def settle(window: MainWindow) -> None:
    """Let the layouts take in a change now (a squeezed dock shows only once they do)."""
    QApplication.processEvents()
    window.layout().activate()
    QApplication.processEvents()


def bar_on_pane(window: MainWindow) -> bool:
    """The focus bar lies along the top edge of the pane with the focus, whole."""
    bar, pane = window.focus_marker.bar, window.focus_marker.pane()
    return (
        pane is not None
        and bar.isVisible()
        and bar.mapTo(window, QPoint(0, 0)) == pane.mapTo(window, QPoint(0, 0))
        and bar.width() == bar_width(pane)
    )


def test_zoom_keeps_the_outline_and_the_focus_bar_follows_its_pane(make_window, qtbot):
    window = make_window()
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() <= 1024)
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    window.resizeDocks([window.outline_dock], [250], Qt.Orientation.Horizontal)
    settle(window)
    outline, size = window.outline_dock.width(), window.reader.reading_font().pointSizeF()
    assert 200 <= outline <= 250 and bar_on_pane(window)  # less the tabs' strip beside it
    for _ in range(6):
        qtbot.keyClick(window.reader, Qt.Key.Key_Equal, CTRL)
    settle(window)
    assert window.reader.reading_font().pointSizeF() == size + 6
    assert window.outline_dock.width() == outline
    assert window.width() <= 1024 and bar_on_pane(window)
    # The pane moved by the dock, then resized by the splitter: the bar goes with it.
    window.resizeDocks([window.outline_dock], [250 - 50], Qt.Orientation.Horizontal)
    settle(window)
    assert window.outline_dock.width() == outline - 50 and bar_on_pane(window)
    reader_width, notes_width = window.splitter.sizes()
    window.splitter.setSizes([reader_width + 40, notes_width - 40])
    settle(window)
    assert bar_on_pane(window)
    qtbot.keyClick(window.reader, Qt.Key.Key_0, CTRL)
    settle(window)
    assert window.outline_dock.width() == outline - 50 and bar_on_pane(window)


def test_f11_puts_the_window_over_the_screen_and_back_as_it_was(make_window, qtbot):
    window = make_window()
    full_screen = menu_action(view_menu(window), "Full Screen")
    window.showMaximized()
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    qtbot.keyClick(window.reader, Qt.Key.Key_F11)
    assert window.isFullScreen() and full_screen.isChecked()
    qtbot.keyClick(window.reader, Qt.Key.Key_F11)
    assert not window.isFullScreen() and not full_screen.isChecked()
    assert window.isMaximized()  # as it was before
    full_screen.trigger()
    window.setWindowState(Qt.WindowState.WindowNoState)  # the window manager's own key
    assert not full_screen.isChecked()
    rows = dict(shortcut_rows(window, window.window_actions))
    assert rows["F11"].startswith("Full Screen")


def test_the_caret_is_wider_than_a_hair_and_grows_with_the_zoom(window: MainWindow, qtbot):
    """The keyboard's place in the reader and the notes was Qt's 1 px line, whatever the
    size of the text: hard to find again on a large screen, and thinner still beside text
    zoomed to 25 pt."""
    for editor in (window.reader, window.notes_editor):
        editor.setFocus()
        qtbot.waitUntil(editor.hasFocus)
        qtbot.keyClick(editor, Qt.Key.Key_0, CTRL)
        assert editor.cursorWidth() >= 2
        width = editor.cursorWidth()
        for _ in range(12):
            qtbot.keyClick(editor, Qt.Key.Key_Equal, CTRL)
        assert editor.cursorWidth() > width


def test_a_reading_font_not_on_this_computer_reads_in_the_usual_one(make_window, qtbot):
    """A font chosen on another computer (the settings copied) or uninstalled since: the
    reader showed the text in Qt's stand-in for it, a sans-serif, and no Reading Font was
    ticked; it is read in the usual font, ticked in the menu."""
    from reader.ui.settings import settings

    settings().setValue("view/font", "A Font From Another Computer")
    window = make_window()
    usual = theme.reading_font().family()
    assert window.reader.reading_font().family() == usual
    fonts = menu_action(view_menu(window), "Reading Font").menu().actions()
    assert [re.sub("&(&?)", r"\1", a.text()) for a in fonts if a.isChecked()] == [usual]


def as_if_saved_on_a_screen(width: int) -> None:
    """The saved geometry as if written on a screen `width` px wide (a monitor since
    changed, another resolution or scale): Qt's own restoreGeometry refuses it."""
    import struct

    from PySide6.QtCore import QByteArray

    from reader.ui.settings import settings

    saved = bytearray(settings().value("window/geometry").data())
    struct.pack_into(">i", saved, 46, width)  # the screen's width, after the two flags
    settings().setValue("window/geometry", QByteArray(bytes(saved)))


def test_a_window_from_a_screen_of_another_width_keeps_its_size_or_maximized(
    make_window, qtbot
) -> None:
    """An 800x500 window closed on a 1920 px screen, started on this one that it fits: it
    came back maximized (a maximized one, on a large screen, as a window in a corner);
    it keeps its size and place, or is maximized again."""
    first = make_window()
    first.setGeometry(0, 30, 800, 500)
    first.close()
    as_if_saved_on_a_screen(1920)
    again = make_window()
    assert not again.fills_screen
    assert again.geometry().getRect() == (0, 30, 800, 500)
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized)
    again.close()
    as_if_saved_on_a_screen(1920)
    assert make_window().fills_screen
