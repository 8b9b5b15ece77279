"""The Annotations list's Show All button, beside its count while filters hide some
highlights: a filter remembered from another day (filter_memory.py) is one click from
gone, and the button says that a filter is on where the list is empty; the list, that
nothing passes the filters and how to clear them; and the count it stands beside."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox, QLineEdit, QToolButton

from reader.core.annotations import Highlight, count_label
from reader.ui.annotations.study_rows import EVERY, THIS


def show_all_button(words: QLineEdit, lists: list[QComboBox], scope: QComboBox) -> QToolButton:
    """Clears the words and sets `lists` to their first item (all); `scope`, when one
    interview of a study is chosen, to all of them."""
    button = QToolButton(text="Show All", autoRaise=True)
    # Reads as a link; its room is kept while hidden, so the list does not move as it shows.
    button.setStyleSheet(
        "QToolButton { color: palette(link); border: none; padding: 0; }"
        "QToolButton:hover, QToolButton:focus { text-decoration: underline; }"
    )
    policy = button.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    button.setSizePolicy(policy)
    button.setToolTip("Clear the filters: list every highlight")
    button.setAccessibleDescription(button.toolTip())
    button.hide()

    def show_all() -> None:
        words.clear()
        for combo in lists:
            combo.setCurrentIndex(0)
        if scope.currentData() not in (None, THIS, EVERY):
            scope.setCurrentIndex(scope.findData(EVERY))

    button.clicked.connect(show_all)
    return button


def nothing_shown(words: str, only_words: bool) -> str:
    """What the list says where its filters hide every highlight (Escape in the filter
    field empties it, not the others)."""
    if words and only_words:
        return f"No highlight matches “{words}”. Show\u00a0All clears the filter."
    return "No highlight passes these filters. Show\u00a0All clears them."


def count_line(highlights: Iterable[Highlight]) -> str:
    """count_label's "3 passages: 1 highlighted, 3 coded", wrapped in a narrow dock after
    its colon or comma only ("1 coded / passage" split a count from its noun)."""
    parts = re.split(r"(?<=[:,]) ", count_label(highlights))
    return " ".join(part.replace(" ", "\u00a0") for part in parts)
