"""Fonts and colours of the reading pane, chosen to work in light and dark palettes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication

from reader.core.codebook import Codebook
from reader.core.palettes import (
    LIGHT,
    Palette,
    contrast_ratio,
    highlight_background,
    softened,
    to_hex,
)

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
COLUMN_CHARS = 66  # a comfortable measure is 60-75 characters per line


_current: list[Palette] = [LIGHT]


# Ordinary prose for measuring a face's width: Qt's averageCharWidth (the font's own
# figure) runs wide for book faces, so a column of "68" of them held ~60 letters.
MEASURE_SAMPLE = "the quick brown fox jumps over the lazy dog, and then it rests. "


def char_width(font: QFont) -> float:
    """The average advance of a character of running text in `font`."""
    return QFontMetricsF(font).horizontalAdvance(MEASURE_SAMPLE) / len(MEASURE_SAMPLE)


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


def current() -> Palette:
    """The palette in use (set by `apply_palette`; light until then)."""
    return _current[0]


@contextmanager
def on_paper() -> Iterator[None]:
    """The light palette's colours for what is made meanwhile (a printout): paper is white,
    whatever the screen's theme. The application's palette stays as it is."""
    before, _current[0] = _current[0], LIGHT
    try:
        yield
    finally:
        _current[0] = before


def apply_palette(palette: Palette) -> None:
    """Make `palette` the application's: Qt's palette roles and the reading colours."""
    before, _current[0] = _current[0], palette
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(qt_palette(palette))
        if palette != before:
            restyle_all(app)


def restyle_all(app: QApplication) -> None:
    """Qt resolves a style sheet's palette(role) once, when the sheet is set: set each
    such sheet again, so that every widget shows the new palette at once."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if "palette(" in sheet:
            widget.setStyleSheet(sheet)


def qt_palette(palette: Palette) -> QPalette:
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    result = QPalette()
    muted = QColor(palette.muted())
    for r, color in (
        (role.Window, palette.window),
        (role.WindowText, palette.text),
        (role.Base, palette.base),
        (role.AlternateBase, palette.alternate),
        (role.Text, palette.text),
        (role.Button, palette.button),
        (role.ButtonText, palette.text),
        (role.BrightText, palette.accent),
        (role.ToolTipBase, palette.base),
        (role.ToolTipText, palette.text),
        (role.Highlight, palette.selection),
        (role.HighlightedText, palette.selection_text),
        (role.Link, palette.accent),
        (role.LinkVisited, palette.accent),
        (role.Mid, palette.mid),
        (role.Dark, palette.mid),
        (role.Shadow, palette.mid),
        (role.Light, palette.base),
        (role.Midlight, palette.alternate),
        (role.Accent, palette.selection),
    ):
        result.setColor(r, QColor(color))
    result.setColor(role.PlaceholderText, muted)
    disabled = QColor(palette.disabled())
    for r in (role.WindowText, role.Text, role.ButtonText):
        result.setColor(group.Disabled, r, disabled)
    return result


def is_dark() -> bool:
    return current().dark


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of b over a."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def readable_mix(ink: QColor, back: QColor, amount: float) -> QColor:
    """`ink` taken `amount` toward `back`, or less, as far as the two keep a contrast of
    4.5:1: a softer grey for secondary text, or a card's tint for a chip under its text."""
    rgb = [(c.red(), c.green(), c.blue()) for c in (ink, back)]
    return QColor(to_hex(softened(rgb[0], rgb[1], amount)))


def text_color() -> QColor:
    return QColor(current().text)


def muted_color() -> QColor:
    return QColor(current().muted())


def accent_color() -> QColor:
    """Questions' colour: a deep blue on light paper, a soft blue on dark."""
    return QColor(current().accent)


def highlight_color(color_id: str) -> QColor:
    """The background of a highlight: the swatch blended into the page, tuned per theme so
    text on it keeps a contrast of 4.5:1 and it never looks like the selection."""
    return QColor(highlight_background(current(), color_id))


def coded_color(book: Codebook, code_ids: Sequence[str]) -> QColor:
    """How a passage's codes are drawn (its underline when it has no colour, a stripe a
    code): its first code's colour, in every theme as in print and the exports; grey
    (UNKNOWN_CODE_HEX) for a code the book does not know."""
    return QColor(book.first_color(code_ids))


def swatch_color(color_id: str) -> QColor:
    return QColor(current().swatch(color_id))


def swatch_icon(color_id: str, size: int = 14) -> QIcon:
    return color_icon(swatch_color(color_id), size)


# A swatch's edge, seen on every theme's page: a navy code (#000075) vanished on the high
# contrast theme's black, a lavender one (#dcbeff) nearly on the light theme's white.
SWATCH_EDGE = QColor(128, 128, 128, 170)
EDGED_BELOW = 2.0  # contrast with the page under which a code's colour alone is not seen
SWATCHES = 512  # colour icons kept (color_icon): a codebook's colours and the labels'


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast of two colours, 1 (none) to 21."""
    return contrast_ratio((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()))


def faint_on_page(color: QColor, page: QColor | None = None) -> bool:
    """Whether `color` is too close to the page (or `page`, another background) to be
    seen alone (a navy code on High Contrast's black, a lavender one on white): drawn in
    SWATCH_EDGE then."""
    return contrast(color, QColor(current().base) if page is None else page) < EDGED_BELOW


def seen_on(color: QColor, background: QColor | None = None) -> QColor:
    """`color`, or where the page (or `background`) hides it, its tone toward the text
    until it is seen: for marks too small for an edge (a coded passage's underline, the
    strip's marks beside the scroll bar)."""
    toned = QColor(color)
    for _ in range(8):  # a few steps reach any page: 8 is past black or white
        if not faint_on_page(toned, background):
            break
        toned = toned.lighter(130) if is_dark() else toned.darker(130)
    return toned


def color_icon(color: QColor | str, size: int = 12) -> QIcon:
    """A square of `color` in a thin grey edge: a colour label's swatch, a code's colour.
    One icon for each colour and size: Qt keeps the pixmaps it draws an icon with under that
    icon's own key (QPixmapCache, up to 10 MB), so a new icon for each list filled it with
    copies, some 1 KB for each code the code picker listed."""
    name = _argb(color) if isinstance(color, str) else color.name(QColor.NameFormat.HexArgb)
    return _swatch(name, size, current().selection_text)


def colors_icon(colors: tuple[str, ...], size: int = 12) -> QIcon:
    """A swatch of `colors` side by side, in the thin grey edge: "every colour", where a
    colour filter is too narrow for its words."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    for i, color in enumerate(colors):
        left = i * size // len(colors)
        painter.fillRect(left, 0, (i + 1) * size // len(colors) - left, size, QColor(color))
    painter.setPen(SWATCH_EDGE)
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


@lru_cache(maxsize=SWATCHES)
def _argb(color: str) -> str:
    """One name for each colour, however it is written ("#1f77b4", "#FF1F77B4"): a list's
    80 codes each asked for their icon on each change (3.7 µs each through QColor)."""
    return QColor(color).name(QColor.NameFormat.HexArgb)


@lru_cache(maxsize=SWATCHES)
def _swatch(color: str, size: int, selected_edge: str) -> QIcon:
    """The swatch, and as it shows on a selected row: edged there in `selected_edge`, the
    selection's text colour (a blue code's grey edge vanished into Light's blue selection,
    1.2:1), not tinted with the selection by the style (orange drawn brown)."""
    icon = QIcon()
    for mode, edge in ((QIcon.Mode.Normal, SWATCH_EDGE), (QIcon.Mode.Selected, selected_edge)):
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(color))
        painter = QPainter(pixmap)
        painter.setPen(QColor(edge))
        painter.drawRect(0, 0, size - 1, size - 1)
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon
