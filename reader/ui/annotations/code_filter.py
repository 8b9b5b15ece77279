"""The Annotations list's code filter: the codes the listed passages carry, an item each by
code id, labelled as the codebook names them (Codebook.labels: "Work / Stress" where
another code is called Stress too) and shown in its colour."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox

from reader.ui.annotations.model import Entry, HighlightListModel
from reader.ui.dialogs import refill_combo
from reader.ui.theme import color_icon


class CodeFilter:
    """Fills `combo` with the codes in use, counted as the panel learns and forgets its
    entries; the labels and colours are the model's (set by the codebook's wiring)."""

    def __init__(self, combo: QComboBox, model: HighlightListModel) -> None:
        self.combo, self._model = combo, model
        self._counts: Counter[str] = Counter()
        self._items: list[tuple[QIcon, str, str]] = []  # as the combo holds them
        # Each code's name as the rows got it: an id the codebook lacks has no label and
        # shows as its name (the id itself), and a panel not wired to a codebook by names.
        self._names: dict[str, str] = {}

    def count(self, entries: Iterable[Entry]) -> bool:
        """Count the codes of `entries` afresh; True when the items changed."""
        self._counts, self._names = Counter(), {}
        for entry in entries:
            self.learn(entry)
        return self.fill()

    def learn(self, entry: Entry) -> None:
        self._counts.update(entry.highlight.codes)
        self._names.update(entry.code_names())

    def forget(self, entry: Entry) -> None:
        self._counts.subtract(entry.highlight.codes)
        for code_id in entry.highlight.codes:
            if self._counts[code_id] <= 0:
                del self._counts[code_id]

    def fill(self, anew: bool = False) -> bool:
        """Offer the codes in use; True if they changed (`anew`: labels or colours did)."""
        if not anew and set(self._counts) == {code_id for _, _, code_id in self._items}:
            return False
        model = self._model
        named = {c: model.code_labels.get(c) or self._names.get(c, c) for c in self._counts}
        # In the codebook's order, as its panel and the Export dialog show them; codes it
        # lacks after, by name.
        place = {code_id: i for i, code_id in enumerate(model.code_labels)}
        last = len(place)
        offered = sorted(named, key=lambda c: (place.get(c, last), named[c].casefold(), c))
        items = [(color_icon(model.code_color(c)), named[c], c) for c in offered]
        refill_combo(self.combo, "All codes", items, self._items)
        self._items = items
        return True

    def chosen(self) -> str | None:
        """The code id kept; None: every code."""
        return self.combo.currentData() or None
