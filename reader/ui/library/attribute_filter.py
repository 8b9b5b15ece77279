"""A list of the study's attribute values to keep only some interviews ("Role: nurse"),
used by Search Everything and the Annotations panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from reader.core.study import Study

ALL = "All interviews"


def fill_attribute_filter(combo: QComboBox, study: Study | None, first: str = ALL) -> None:
    """One entry per value of each choice attribute and each value in use of the others,
    so "only the nurses" is one pick; the choice is kept while it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first, None)
    if study is not None:
        for definition in study.data.attributes:
            values = list(definition.options) if definition.type == "choice" else []
            for entry in study.interviews:
                value = entry.attributes.get(definition.key)
                if value is not None and value not in values:
                    values.append(value)
            for value in values:
                combo.addItem(f"{definition.label}: {value}", (definition.key, value))
    combo.setCurrentIndex(index_of(combo, current))
    combo.blockSignals(False)


def index_of(combo: QComboBox, data: object) -> int:
    """The item holding `data`, else the first (all). Compared here: findData finds a
    tuple only as the very object the item holds, and a list filled again holds new ones."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == data), 0)


def chosen_filters(combo: QComboBox) -> dict[str, set[Any]] | None:
    """The pick as Study.matching takes it; None for every interview."""
    chosen = combo.currentData()
    return {chosen[0]: {chosen[1]}} if chosen else None
