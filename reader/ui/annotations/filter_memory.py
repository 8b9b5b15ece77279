"""The Annotations list's filters, remembered in the settings for each study (and once
for the interviews opened alone), as the Library's are: after a restart, or when a study
opens again, the list is narrowed as it was left, and another study does not take over
the one's filters. Kept: the typed words (written once typing pauses, as the Library's
filter), the colour, the code, and across a study the scope and the attribute value.

A remembered colour or code is chosen once the list's rows are made for an open
interview (they are made when the panel first shows); where that interview lacks it, the
list falls back to all, as when a chosen code goes out of use."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox

from reader.ui.annotations.panel import AnnotationsPanel
from reader.ui.library.attribute_values import index_of
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.study_memory import StudyMemory

# Study folder ("": the interviews opened alone) -> {"text", "color", "code", "scope",
# "attribute"}: the words typed and the lists' choices (None: all).
KEY = "annotations/filters"
CHOICES = ("color", "code", "scope", "attribute")


class FilterMemory(StudyMemory):
    def __init__(self, panel: AnnotationsPanel, owner: OpenStudy, store: QSettings | None) -> None:
        # Its restore comes after the scope's list is filled (attach).
        super().__init__(panel, owner, store, KEY, panel.filter_edit)
        self.panel = panel
        self._place: str | None = None  # whose filters are shown; None while restoring
        self._pending: dict[str, Any] = {}  # colour and code, chosen once rows are made
        owner.closed.connect(self.restore)  # the interviews opened alone have their own
        panel.filled.connect(self._choose_pending)
        for name, combo in self._combos().items():  # refills change them silently
            combo.currentIndexChanged.connect(lambda _i, name=name: self._chosen(name))
        self.restore()  # made as the panel is

    def _combos(self) -> dict[str, QComboBox]:
        panel = self.panel
        return dict(
            zip(
                CHOICES,
                (panel.color_filter, panel.tag_filter, panel.study.scope, panel.study.attribute),
                strict=True,
            )
        )

    def restore(self, *_args: object) -> None:
        self._place = None
        study = self.owner.study
        place = str(study.folder) if study is not None else ""
        value = self.store.get(place)
        kept = value if isinstance(value, dict) else {}
        combos = self._combos()
        self._pending = {name: _choice(kept.get(name)) for name in ("color", "code")}
        for name in ("scope", "attribute"):
            _choose(combos[name], _choice(kept.get(name)))
        text = kept.get("text")
        self.panel.filter_edit.setText(text if isinstance(text, str) else "")
        self._typed.stop()  # restored, not typed: nothing to write
        self._place = place
        self.panel.study.filters_changed()  # the rows again, the colour and code chosen

    def _choose_pending(self) -> None:
        """The rows are made: the colour and code remembered are chosen, where offered."""
        if self._pending and self.panel.study.interview.session is not None:
            combos = self._combos()
            for name, data in self._pending.items():
                _choose(combos[name], data)
            self._pending = {}

    def _chosen(self, name: str) -> None:
        self._pending.pop(name, None)  # the user's choice outweighs one remembered
        self._save()

    def _save(self, *_args: object) -> None:
        self._typed.stop()
        if self._place is None:
            return
        value: dict[str, Any] = {"text": self.panel.filter_edit.text()}
        for name, combo in self._combos().items():
            value[name] = self._pending.get(name, combo.currentData())
        self.store.put(self._place, value)


def _choice(value: object) -> str | tuple | None:
    """A choice as stored: an item's data, text or an attribute's (key, value)."""
    if isinstance(value, list):
        return tuple(value)  # JSON has no tuples; the attribute list's items hold them
    return value if isinstance(value, str) else None


def _choose(combo: QComboBox, data: object) -> None:
    """Choose the item of `data`, else the first (all); its list hears nothing of it."""
    combo.blockSignals(True)
    combo.setCurrentIndex(index_of(combo, data))
    combo.blockSignals(False)
