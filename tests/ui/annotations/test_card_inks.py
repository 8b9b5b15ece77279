"""reader/ui/annotations/delegate.py: a card's text is readable (4.5:1) in every theme,
selected or not, and a selected card's colour bar stands out of the selection band."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from reader.core.palettes import MIN_CONTRAST, PALETTES, contrast_ratio, parse_hex
from reader.ui.annotations.delegate import BAR, PAD_X, STRIP, card_inks
from reader.ui.annotations.panel import AnnotationsPanel
from reader.ui.theme import qt_palette
from reader.ui.window.main_window import MainWindow
from tests.ui.test_annotations_panel import Q1, add

NON_TEXT_CONTRAST = 3.0  # WCAG 1.4.11, for a graphic's parts


def rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


@pytest.mark.parametrize("selected", [False, True])
@pytest.mark.parametrize("name", list(PALETTES))
def test_every_text_of_a_card_is_readable(qapp, name: str, selected: bool) -> None:
    """The grey details line ("Key quote · Q1 · 0:01 · Dr. Leila Haddad") was the text
    mixed 45% into the card: 3.0:1 on Light's selection, 2.7:1 on Dark's, 3.8:1 unselected
    in Light. The note and the chips' names were under 4.5:1 on the selection too."""
    inks = card_inks(qt_palette(PALETTES[name]), selected)
    for label, text, back in (
        ("details", inks.details, inks.back),
        ("note", inks.note, inks.back),
        ("quote", inks.ink, inks.back),
        ("chip", inks.chip_text, inks.chip),
    ):
        assert contrast_ratio(rgb(text), rgb(back)) >= MIN_CONTRAST, label
    if not selected:  # where there is room, the details are still softer than the quote
        assert inks.details != inks.ink


@pytest.mark.parametrize("name", list(PALETTES))
def test_a_selected_cards_bar_stands_on_a_strip_of_page(
    qtbot, window: MainWindow, name: str
) -> None:
    """Dark's blue bar vanished into Dark's blue selection, and its white edge made it look
    hollow, like an orphan's."""
    window.appearance.set_theme(name)
    palette = PALETTES[name]
    controller = window.interview.controller
    panel = AnnotationsPanel(window.interview)
    qtbot.addWidget(panel)
    panel.resize(360, 600)
    panel.show()
    add(controller, Q1, "blue")
    index = panel.view.model().index(0, 0)
    panel.view.setCurrentIndex(index)
    QApplication.processEvents()
    rect = panel.view.visualRect(index)
    image = panel.view.viewport().grab().toImage()
    middle = rect.center().y()
    band = image.pixelColor(rect.left() + PAD_X - STRIP - 3, middle).name()
    strip = image.pixelColor(rect.left() + PAD_X - 1, middle).name()
    bar = image.pixelColor(rect.left() + PAD_X + BAR // 2, middle).name()
    window.appearance.set_theme("light")
    assert band == palette.selection
    assert strip == palette.base
    assert bar == palette.swatch("blue")
    assert contrast_ratio(parse_hex(strip), parse_hex(band)) >= NON_TEXT_CONTRAST
