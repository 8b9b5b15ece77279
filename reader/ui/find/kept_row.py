"""The Search panel's current result, kept while its results are filled again (a refresh
after an edit, or after the interview of a result gone to opened): found again by what it
is, so that Ctrl+Shift+F and Enter come back to it; in a study, once the slice of the
search that holds its interview is painted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtWidgets import QTreeWidgetItem

from reader.core.search import Result
from reader.ui.find.result_delegate import RESULT_ROLE
from reader.ui.find.study_scope import INTERVIEW_ROLE

# A result's interview (None outside a study and for the memo), kind, offsets, highlight.
ResultKey = tuple[str | None, str, int, int, str | None]


def result_key(item: QTreeWidgetItem) -> ResultKey | None:
    result = item.data(0, RESULT_ROLE)
    if not isinstance(result, Result):
        return None
    interview = str(item.data(0, INTERVIEW_ROLE) or "") or None
    return interview, result.kind, result.start, result.end, result.highlight_id


@dataclass(frozen=True)
class KeptRow:
    """A result row that was current, and the results' scroll position then.

    `key` finds the same result again; `place` (interview, kind, row in its group) the
    row where it was, when the result changed (a memo edited above it)."""

    key: ResultKey
    place: tuple[str | None, str, int]
    scroll: int

    @classmethod
    def of(cls, item: QTreeWidgetItem | None, scroll: int) -> KeptRow | None:
        key = result_key(item) if item is not None else None
        if key is None or item is None or item.parent() is None:
            return None
        return cls(key, (key[0], key[1], item.parent().indexOfChild(item)), scroll)

    def find(self, items: Iterable[QTreeWidgetItem]) -> QTreeWidgetItem | None:
        """The same result among `items`, else the one in its place (or the last of its
        group, if that is shorter now); None when its group is not among them."""
        group: list[QTreeWidgetItem] = []
        for item in items:
            key = result_key(item)
            if key == self.key:
                return item
            if key is not None and key[:2] == self.place[:2]:
                group.append(item)
        return group[min(self.place[2], len(group) - 1)] if group else None


def results_under(parents: Iterable[QTreeWidgetItem]) -> list[QTreeWidgetItem]:
    """Every result under `parents`, in order (grouped by kind, or by interview then kind);
    not by a QTreeWidgetItemIterator: PySide keeps each one stepped with `+=` alive, in the
    model."""
    items: list[QTreeWidgetItem] = []

    def walk(parent: QTreeWidgetItem) -> None:
        for item in map(parent.child, range(parent.childCount())):
            if isinstance(item.data(0, RESULT_ROLE), Result):
                items.append(item)
            walk(item)

    for parent in parents:
        walk(parent)
    return items
