"""The docks' title buttons keep a contrast of 3:1 (WCAG 1.4.11) in every theme, and High
Contrast draws lines between the docks, the reader and the notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget

from reader.core.palettes import HIGH_CONTRAST, PALETTES, contrast_ratio, parse_hex
from reader.ui import theme
from reader.ui.appearance.docks import BUTTONS, TitleButtons, button_color
from reader.ui.exporting.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow

NON_TEXT_CONTRAST = 3.0  # WCAG 1.4.11, for the parts of a control


def rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


@pytest.mark.parametrize("name", list(PALETTES))
def test_title_buttons_read_in_every_theme(window: MainWindow, name: str) -> None:
    window.appearance.set_theme(name)
    palette = PALETTES[name]
    glyph = rgb(button_color())
    assert contrast_ratio(glyph, parse_hex(palette.window)) >= NON_TEXT_CONTRAST
    QApplication.processEvents()
    for button_name in BUTTONS:
        button = window.outline_dock.findChild(QAbstractButton, button_name)
        assert button is not None and button.isVisible()
        image = button.grab().toImage()
        background = rgb(image.pixelColor(0, 0))
        assert background == parse_hex(palette.window)
        painted = {
            rgb(image.pixelColor(x, y)) for x in range(image.width()) for y in range(image.height())
        }
        best = max(contrast_ratio(c, background) for c in painted)
        assert best >= NON_TEXT_CONTRAST, (button_name, best)


def test_high_contrast_draws_lines_between_the_panes(window: MainWindow) -> None:
    def line_colors() -> list[str]:
        """The middle of the splitter's handle and of the gap between dock and reader."""
        QApplication.processEvents()
        image = window.grab().toImage()
        handle = window.splitter.handle(1)
        middle = handle.mapTo(window, QPoint(handle.width() // 2, handle.height() // 2))
        dock = window.outline_dock.geometry()
        central = window.centralWidget().geometry()
        gap = QPoint((dock.right() + central.left()) // 2 + 1, central.center().y())
        return [image.pixelColor(p).name() for p in (middle, gap)]

    window.appearance.set_theme("light")
    assert HIGH_CONTRAST.mid not in line_colors()  # the light theme keeps its soft grips
    window.appearance.set_theme("high-contrast")
    assert line_colors() == [HIGH_CONTRAST.mid, HIGH_CONTRAST.mid]
    black, white = parse_hex(HIGH_CONTRAST.window), parse_hex(HIGH_CONTRAST.mid)
    assert contrast_ratio(black, white) >= NON_TEXT_CONTRAST
    window.appearance.set_theme("dark")
    assert "QMainWindow::separator" not in window.styleSheet()  # no lines between panes
    assert theme.current().name == "dark"
    window.appearance.set_theme("light")
    assert window.styleSheet() == ""


@pytest.mark.parametrize("name", ["high-contrast", "dark"])
def test_dark_text_fields_have_an_edge(window: MainWindow, qtbot, name: str) -> None:
    """Fusion draws a field's edge a shade darker than the window: black on black in
    High Contrast, 1.1:1 in Dark, where a filter holding words read as a label."""
    window.window_actions.find.trigger()  # the find bar's field, on the window's background
    field = window.find_bar.edit
    window.appearance.set_theme(name)
    palette = PALETTES[name]
    edged = palette.mid if palette.pane_lines else palette.edge()
    QApplication.processEvents()

    def edge() -> set[tuple[int, int, int]]:
        QApplication.processEvents()
        image = field.grab().toImage()
        return {rgb(image.pixelColor(x, image.height() // 2)) for x in range(2)}

    window.reader.setFocus()
    assert parse_hex(edged) in edge()
    assert contrast_ratio(parse_hex(edged), parse_hex(palette.window)) >= NON_TEXT_CONTRAST
    field.setFocus()  # the field with the keyboard stands out of the other edges
    assert parse_hex(palette.accent) in edge()


@pytest.mark.parametrize("name", ["high-contrast", "dark"])
def test_a_menu_over_the_page_has_an_edge_in_dark_themes(
    window: MainWindow, qtbot, name: str
) -> None:
    """Dark's View menu over the reader: Fusion's edge, a shade darker than the menu,
    stood 1.1:1 from the page, and the menu ran into the interview's text."""
    window.appearance.set_theme(name)
    palette = PALETTES[name]
    menu = window.window_actions.view_menu
    assert menu is not None
    menu.popup(window.reader.mapToGlobal(QPoint(40, 40)))
    qtbot.waitExposed(menu)
    image = menu.grab().toImage()
    menu.close()
    edge = rgb(image.pixelColor(0, image.height() // 2))
    assert contrast_ratio(edge, parse_hex(palette.base)) >= NON_TEXT_CONTRAST, edge


@pytest.mark.parametrize("name", ["high-contrast", "dark"])
def test_a_drop_down_list_has_an_edge_in_dark_themes(window: MainWindow, qtbot, name: str) -> None:
    """The Export dialog's Export list, opened with Alt+Down: on High Contrast a black list
    over the black dialog, with nothing to tell where it ended."""
    window.appearance.set_theme(name)
    palette = PALETTES[name]
    dialog = ExportDialog({"blue": "Blue"}, {}, window, study="Night shifts")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    combo = dialog.scope_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitExposed(combo.view())
    image = combo.view().grab().toImage()
    combo.hidePopup()
    edge = rgb(image.pixelColor(0, image.height() // 2))
    assert contrast_ratio(edge, parse_hex(palette.window)) >= NON_TEXT_CONTRAST, edge


def test_high_contrast_codebook_list_and_description_have_an_edge(
    window: MainWindow, qtbot
) -> None:
    """The code list and the description field are black on the black dock: edged as the
    fields are, the one with the keyboard in the accent."""
    window.window_actions.codes.focus_codebook.trigger()
    panel = window.codebook.panel
    window.appearance.set_theme("high-contrast")

    def edge(widget) -> set[tuple[int, int, int]]:
        QApplication.processEvents()
        image = widget.grab().toImage()
        return {rgb(image.pixelColor(x, image.height() - 20)) for x in range(2)}

    window.reader.setFocus()
    for widget in (panel.view, panel.memo):
        assert parse_hex(HIGH_CONTRAST.mid) in edge(widget), widget.objectName()
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    assert parse_hex(HIGH_CONTRAST.accent) in edge(panel.view)
    window.appearance.set_theme("light")
    assert parse_hex(HIGH_CONTRAST.mid) not in edge(panel.view)  # Fusion's own frame there


def test_every_dock_has_its_buttons_dressed_from_the_start(window: MainWindow) -> None:
    """The Codebook's dock is made after the others were dressed: it is dressed too."""
    undressed = [
        d.objectName()
        for d in window.findChildren(QDockWidget)
        if d.findChild(TitleButtons) is None
    ]
    assert undressed == []


def test_high_contrast_library_table_has_an_edge(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot
) -> None:
    """The Library's table sits under its filter field, black on the black dock: edged as
    the Codebook's list is, the one with the keyboard in the accent."""
    window = make_study_window(folder)
    view = window.library.view
    window.appearance.set_theme("high-contrast")

    def edge() -> set[tuple[int, int, int]]:
        QApplication.processEvents()
        image = view.grab().toImage()
        return {rgb(image.pixelColor(x, image.height() - 20)) for x in range(2)}

    window.reader.setFocus()
    assert parse_hex(HIGH_CONTRAST.mid) in edge()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert parse_hex(HIGH_CONTRAST.accent) in edge()
    window.appearance.set_theme("light")
    assert parse_hex(HIGH_CONTRAST.mid) not in edge()  # Fusion's own frame there
