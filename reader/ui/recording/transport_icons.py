"""The player's play, pause, back and forward icons, drawn in the palette's text colours:
the style's own are black bitmaps, next to invisible on the Dark and High Contrast themes
(1.3:1 and 1.1:1 against the bar). Made again when the palette changes (player_bar.py)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap, QPolygonF

SIZE = 16  # logical pixels, as the style's media icons
SCALE = 2  # drawn at twice the size: crisp on a high-density screen, smooth on others
KINDS = ("back", "play", "pause", "forward")

# Each icon's mode, in the palette's colour of its text in that state: a menu's selected
# row shows the highlighted text's colour on the highlight.
_MODES = (
    (QIcon.Mode.Normal, QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText),
    (QIcon.Mode.Active, QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText),
    (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
    (QIcon.Mode.Selected, QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText),
)


def transport_icon(kind: str, palette: QPalette) -> QIcon:
    """The icon of `kind` (one of KINDS) in `palette`'s text colours."""
    icon = QIcon()
    for mode, group, role in _MODES:
        icon.addPixmap(_drawn(kind, palette.color(group, role)), mode)
    return icon


def _drawn(kind: str, color: QColor) -> QPixmap:
    pixmap = QPixmap(SIZE * SCALE, SIZE * SCALE)
    pixmap.setDevicePixelRatio(SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    if kind == "pause":
        for left in (4.0, 9.5):
            painter.drawRect(QRectF(left, 3.0, 2.5, 10.0))
    elif kind == "play":
        painter.drawPolygon(_triangle(4.5, 12.5))
    else:  # two triangles, pointing the way they skip
        for tip, base in ((8.5, 1.5), (15.0, 8.0)):
            if kind == "back":
                tip, base = SIZE - tip, SIZE - base
            painter.drawPolygon(_triangle(base, tip))
    painter.end()
    return pixmap


def _triangle(base: float, tip: float) -> QPolygonF:
    """A triangle with its upright side at `base` and its point at `tip` (either way)."""
    return QPolygonF([QPointF(base, 3.0), QPointF(tip, 8.0), QPointF(base, 13.0)])
