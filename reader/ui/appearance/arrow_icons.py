"""Arrows the style hands out as icons (the file picker's Back, Forward and Parent Folder,
where the desktop gives no picker of its own), drawn in the theme's text colour. Qt's own
are near-black pictures: on Dark's and High Contrast's buttons they were not there."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QStyle

from reader.ui import theme

SP = QStyle.StandardPixmap
SIDES = (16, 32)  # px: a tool button's icon, and the same on a screen of twice the density
# Each arrow as the direction it points: (x, y) of its tip from the middle, -1 to 1.
POINTING = {
    SP.SP_ArrowUp: (0, -1),
    SP.SP_FileDialogToParent: (0, -1),
    SP.SP_ArrowDown: (0, 1),
    SP.SP_ArrowLeft: (-1, 0),
    SP.SP_ArrowRight: (1, 0),
}
BACK_AND_FORTH = {SP.SP_ArrowBack: -1, SP.SP_ArrowForward: 1}  # left and right, left to right


def arrow_icon(pixmap: QStyle.StandardPixmap, right_to_left: bool) -> QIcon | None:
    """The theme's arrow for `pixmap`, greyed out as the text is when its button is; None
    for any other picture."""
    if pixmap in BACK_AND_FORTH:
        direction = (BACK_AND_FORTH[pixmap] * (-1 if right_to_left else 1), 0)
    elif pixmap in POINTING:
        direction = POINTING[pixmap]
    else:
        return None
    palette = theme.current()
    return _arrow(direction, palette.text, palette.disabled())


@lru_cache(maxsize=32)
def _arrow(direction: tuple[int, int], color: str, disabled: str) -> QIcon:
    icon = QIcon()
    for mode, ink in ((QIcon.Mode.Normal, color), (QIcon.Mode.Disabled, disabled)):
        for side in SIDES:
            icon.addPixmap(_triangle(side, direction, QColor(ink)), mode)
    return icon


def _triangle(side: int, direction: tuple[int, int], ink: QColor) -> QPixmap:
    """A solid triangle pointing `direction`, in the middle of a `side` square."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    dx, dy = direction
    middle, reach, half_base = side / 2, side * 0.28, side * 0.34
    tip = QPointF(middle + dx * reach, middle + dy * reach)
    base = QPointF(middle - dx * reach, middle - dy * reach)
    across = QPointF(-dy * half_base, dx * half_base)  # along the base, square to the arrow
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    painter.drawPolygon(QPolygonF([tip, base + across, base - across]))
    painter.end()
    return pixmap
