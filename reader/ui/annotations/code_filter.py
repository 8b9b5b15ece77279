"""The Annotations list's code filter: the codes the listed passages carry, an item each by
code id, labelled as the codebook names them (Codebook.labels: "Work / Stress" where
another code is called Stress too) and shown in its colour."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

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
        self._offered: list[str] = []
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
        if not anew and set(self._counts) == set(self._offered):
            return False
        model = self._model
        named = {c: model.code_labels.get(c) or self._names.get(c, c) for c in self._counts}
        # In the codebook's order, as its panel and the Export dialog show them; codes it
        # lacks after, by name.
        place = {code_id: i for i, code_id in enumerate(model.code_labels)}
        last = len(place)
        offered = sorted(named, key=lambda c: (place.get(c, last), named[c].casefold(), c))
        before, self._offered = self._offered, offered
        if anew or not self._one_item_changed(before, named):
            items = [(color_icon(model.code_color(c)), named[c], c) for c in offered]
            refill_combo(self.combo, "All codes", items)
        return True

    def _one_item_changed(self, before: list[str], named: dict[str, str]) -> bool:
        """The item of the one code that came or went (a passage coded or uncoded) added or
        taken out alone, the choice kept as `refill_combo` keeps it: refilling 80 items
        with their icons took 0.7 ms of each coding. False when more than one changed."""
        after = self._offered
        if abs(len(after) - len(before)) != 1:
            return False
        longer, shorter = (after, before) if len(after) > len(before) else (before, after)
        pairs = enumerate(zip(shorter, longer[: len(shorter)], strict=True))
        at = next((i for i, (a, b) in pairs if a != b), len(shorter))
        if longer[:at] + longer[at + 1 :] != shorter:
            return False
        combo, row = self.combo, at + 1  # after "All codes"
        combo.blockSignals(True)
        if longer is after:
            code_id = after[at]
            combo.insertItem(
                row, color_icon(self._model.code_color(code_id)), named[code_id], code_id
            )
        else:
            chosen = combo.currentIndex() == row
            combo.removeItem(row)
            if chosen:  # its code gone, it would filter everything away: all codes
                combo.setCurrentIndex(0)
        combo.blockSignals(False)
        return True

    def chosen(self) -> str | None:
        """The code id kept; None: every code."""
        return self.combo.currentData() or None
