"""The Annotations list's colour filter: the colour labels, and "No colour" while any
listed passage is only coded (NO_COLOR), which no colour's choice lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QComboBox

from reader.core.annotations import NO_COLOR, NO_COLOR_LABEL
from reader.ui.dialogs import refill_combo
from reader.ui.theme import color_icon, colors_icon, swatch_color

NO_COLOR_ITEM = "<no colour>"  # the item's data: NO_COLOR ("") would read as "All colours"


class ColorFilter:
    """Fills `combo` and says what it keeps; `uncoloured` counts the passages listed with
    no colour, kept up by the panel."""

    def __init__(self, combo: QComboBox) -> None:
        self.combo = combo
        combo.addItem("All colours")
        combo.setMinimumContentsLength(0)  # its swatch alone in a narrow dock, the rest in its tip
        self.uncoloured = 0
        self._labels: dict[str, str] = {}
        self._offered = False

    def fill(self, labels: dict[str, str]) -> None:
        self._labels, self._offered = dict(labels), self.uncoloured > 0
        items = [(color_icon(swatch_color(c)), label, c) for c, label in labels.items()]
        if self._offered:
            blank = QPixmap(12, 12)  # lines its label up with the colours' names
            blank.fill(Qt.GlobalColor.transparent)
            items.append((QIcon(blank), NO_COLOR_LABEL, NO_COLOR_ITEM))
        refill_combo(self.combo, "All colours", items)
        self.combo.setItemIcon(0, colors_icon(tuple(swatch_color(c).name() for c in labels)))

    def refresh(self) -> bool:
        """Offer "No colour" if and only if a passage has none; True when the item came or
        went (its choice, gone, falls back to all)."""
        if self._offered == (self.uncoloured > 0):
            return False
        self.fill(self._labels)
        return True

    def chosen(self) -> str | None:
        """The colour id kept, NO_COLOR for "No colour"; None: every colour."""
        data = self.combo.currentData()
        return NO_COLOR if data == NO_COLOR_ITEM else data or None
