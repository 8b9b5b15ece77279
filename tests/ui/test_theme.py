"""reader/ui/theme.py: swatches seen on every theme's page."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QIcon, QImage, QPainter

from reader.core.palettes import PALETTES, contrast_ratio, parse_hex
from reader.ui import theme
from reader.ui.theme import color_icon


@pytest.mark.parametrize("name", list(PALETTES))
@pytest.mark.parametrize("color", ["#000075", "#dcbeff", "#888888"])
def test_a_swatch_keeps_its_colour_inside_an_edge_seen_on_the_page(qapp, name, color) -> None:
    page = QColor(PALETTES[name].window)
    image = QImage(12, 12, QImage.Format.Format_RGB32)
    image.fill(page)
    painter = QPainter(image)
    painter.drawPixmap(0, 0, color_icon(color).pixmap(12, 12))
    painter.end()
    assert image.pixelColor(6, 6).name() == color
    edge = image.pixelColor(0, 6).name()
    assert contrast_ratio(parse_hex(edge), parse_hex(page.name())) >= 1.5, edge


@pytest.mark.parametrize(
    ("name", "faint"),
    [
        ("light", {"#dcbeff"}),
        ("dark", {"#000075", "#800000"}),
        ("high-contrast", {"#000075", "#800000"}),
    ],
)
def test_a_code_colour_close_to_the_page_is_edged(qapp, monkeypatch, name, faint) -> None:
    """The code stripes draw an edge round a colour the page would swallow, and no other."""
    monkeypatch.setattr(theme, "_current", [PALETTES[name]])
    palette = ["#e6194b", "#3cb44b", "#4363d8", "#000075", "#800000", "#dcbeff", "#888888"]
    assert {c for c in palette if theme.faint_on_page(QColor(c))} == faint


def test_a_swatch_on_a_selected_row_keeps_its_colour(qapp) -> None:
    """A selected row draws its icon in Selected mode; the style tinted it (orange went
    brown on the Codebook's selected code)."""
    pixmap = color_icon("#f58231").pixmap(12, 12, QIcon.Mode.Selected)
    assert pixmap.toImage().pixelColor(6, 6).name() == "#f58231"


@pytest.mark.parametrize("name", list(PALETTES))
def test_a_swatch_of_the_selections_colour_shows_on_a_selected_row(qapp, monkeypatch, name) -> None:
    """A blue code on Light's blue selection (the Codebook's Work, selected): its grey edge
    was 1.2:1 against it, and the swatch was not there."""
    monkeypatch.setattr(theme, "_current", [PALETTES[name]])
    selection = PALETTES[name].selection
    image = QImage(12, 12, QImage.Format.Format_RGB32)
    image.fill(QColor(selection))
    painter = QPainter(image)
    painter.drawPixmap(0, 0, color_icon(selection).pixmap(12, 12, QIcon.Mode.Selected))
    painter.end()
    edge = image.pixelColor(0, 6).name()
    assert contrast_ratio(parse_hex(edge), parse_hex(selection)) >= 3, edge


CODE_COLOURS = ["#e6194b", "#3cb44b", "#ffe119", "#000075", "#800000", "#dcbeff", "#bfef45"]


@pytest.mark.parametrize("name", list(PALETTES))
def test_marks_too_small_for_an_edge_take_a_tone_the_page_shows(qapp, monkeypatch, name) -> None:
    """Found by the appearance review: a coded passage's underline and the strip's marks
    in navy vanished on Dark (1.02:1), in lime on Light (1.31:1)."""
    monkeypatch.setattr(theme, "_current", [PALETTES[name]])
    page = QColor(PALETTES[name].base)
    for color in CODE_COLOURS:
        seen = theme.seen_on(QColor(color))
        assert contrast_ratio(parse_hex(seen.name()), parse_hex(page.name())) >= theme.EDGED_BELOW
        if not theme.faint_on_page(QColor(color)):
            assert seen.name() == color  # a colour seen already is left as it is


@pytest.mark.parametrize("name", list(PALETTES))
def test_the_current_highlights_frame_is_seen_on_its_fill(qapp, monkeypatch, name) -> None:
    """Found by the appearance review: the frame, a darker tone of the fill, sank into it
    on a dark page (1.2:1 in High Contrast)."""
    from reader.core.annotations import COLOR_IDS
    from reader.ui.reading.highlight_layer import FRAME_SEEN, deep_tone

    monkeypatch.setattr(theme, "_current", [PALETTES[name]])
    for color_id in COLOR_IDS:
        fill, frame = theme.swatch_color(color_id), deep_tone(color_id, 150)
        assert theme.contrast(frame, fill) >= FRAME_SEEN, color_id
