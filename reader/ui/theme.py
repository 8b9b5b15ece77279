"""Fonts and colours of the reading pane, chosen to work in light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from reader.core.annotations import DEFAULT_COLORS

# First installed family wins: screen-tuned book faces before the ubiquitous fallbacks.
READING_FAMILIES = (
    "Literata",
    "Source Serif 4",
    "Noto Serif",
    "Charter",
    "Georgia",
    "Libertinus Serif",
    "Linux Libertine O",
    "DejaVu Serif",
)
UI_FAMILIES = ("Inter", "Noto Sans", "Cantarell", "DejaVu Sans")
READING_POINT_SIZE = 13
COLUMN_CHARS = 68  # a comfortable measure is 60-75 characters per line
GUTTER_WIDTH = 96  # room for "Q12" and a speaker name beside the text


def _first_family(candidates: tuple[str, ...], fallback: QFont.StyleHint) -> QFont:
    installed = set(QFontDatabase.families())
    for family in candidates:
        if family in installed:
            return QFont(family)
    font = QFont()
    font.setStyleHint(fallback)
    return font


def reading_font() -> QFont:
    font = _first_family(READING_FAMILIES, QFont.StyleHint.Serif)
    font.setPointSize(READING_POINT_SIZE)
    return font


def ui_font(point_size: int | None = None) -> QFont:
    font = _first_family(UI_FAMILIES, QFont.StyleHint.SansSerif)
    if point_size:
        font.setPointSize(point_size)
    return font


def is_dark() -> bool:
    palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of b over a."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def text_color() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Text)


def muted_color() -> QColor:
    palette = QApplication.palette()
    return mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.45)


def accent_color() -> QColor:
    """Questions' colour: a deep blue on light paper, a soft blue on dark."""
    return QColor("#8ab4f8") if is_dark() else QColor("#1f4e8c")


def highlight_color(color_id: str) -> QColor:
    """The background of a highlight: the swatch blended into the page so text stays legible."""
    swatch = QColor(DEFAULT_COLORS.get(color_id, next(iter(DEFAULT_COLORS.values())))[1])
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    return mix(base, swatch, 0.38 if is_dark() else 0.55)


def swatch_color(color_id: str) -> QColor:
    return QColor(DEFAULT_COLORS.get(color_id, next(iter(DEFAULT_COLORS.values())))[1])
