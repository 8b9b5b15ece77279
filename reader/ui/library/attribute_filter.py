"""A list of the study's attribute values to keep only some interviews ("Role: nurse"),
used by Search Everything, the Annotations panel, Coded Passages and Export. Its last item,
"Several values…", picks a combination ("Role: nurse, doctor · Site: A": any of one
attribute's values, and every attribute), as the command line's --where takes it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from reader.core.study import Study
from reader.ui.library.attribute_values import (
    SEVERAL,
    index_of,
    is_combination,
    is_pair,
    offered_pairs,
)

ALL = "All interviews"
SEVERAL_LABEL = "Several values…"


def fill_attribute_filter(combo: QComboBox, study: Study | None, first: str = ALL) -> None:
    """One entry per value of each choice attribute and each value in use of the others,
    so "only the nurses" is one pick, then "Several values…" where there are two; the
    choice is kept while its values are still offered."""
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
    if len(offered_pairs(combo)) > 1:
        combo.addItem(SEVERAL_LABEL, SEVERAL)
        from reader.ui.library.several_values import SeveralValues  # its dialog, on first use

        SeveralValues.offer(combo)
    combo.setCurrentIndex(index_of(combo, current))
    combo.blockSignals(False)


def chosen_filters(combo: QComboBox) -> dict[str, set[Any]] | None:
    """The pick as Study.matching takes it; None for every interview."""
    chosen = combo.currentData()
    if chosen == SEVERAL:  # being chosen: the choice before it stands meanwhile
        from reader.ui.library.several_values import SeveralValues

        chosen = SeveralValues.kept(combo)
    pairs = chosen if is_combination(chosen) else (chosen,) if is_pair(chosen) else ()
    filters: dict[str, set[Any]] = {}
    for key, value in pairs:
        filters.setdefault(key, set()).add(value)
    return filters or None
