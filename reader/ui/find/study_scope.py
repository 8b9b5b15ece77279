"""Search Everything across a study: every interview searched (the open one with its
unsaved edits), results grouped by interview, then by kind, with counts; a filter keeps
the interviews with one attribute value ("Role: nurse"). Activating a result opens its
interview first. The study memo, as typed, is searched too: its results come first, in
a group of their own, whatever the filter (it is no interview's).

The search streams: interviews are searched one at a time in slices (reader/ui/slices.py)
on the GUI thread, the first slice at once (a small study is done in it) and the rest from
a zero timer, each slice's results handed on (`grown`) to be painted while the next is
searched, loading the interviews the background has not loaded yet. A new search, Escape
(`halt`), or the study closing, drops the one under way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QTreeWidget, QTreeWidgetItem

from reader.core.search import KINDS, ResultList
from reader.core.study_search import MEMO, InterviewResults, StudyResults, search_memo, search_study
from reader.core.wording import counted
from reader.ui.find.result_delegate import kind_group
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.attribute_filter import chosen_filters, fill_attribute_filter
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher
from reader.ui.slices import Slices

INTERVIEW_ROLE = Qt.ItemDataRole.UserRole + 2


class StudyScope(QObject):
    # InterviewResults found by a later slice of the search under way; [] with the end.
    grown = Signal(list)

    def __init__(
        self, interview: OpenInterview, owner: OpenStudy, switcher: InterviewSwitcher
    ) -> None:
        super().__init__(owner)
        self.interview, self.owner, self.switcher = interview, owner, switcher
        self.filter = QComboBox()
        self.filter.setObjectName("search-filter")
        self.filter.setAccessibleName("Search in which interviews")
        self.filter.setToolTip("Search only the interviews with this attribute value")
        owner.opened.connect(lambda _s: self.fill_filter())
        owner.changed.connect(self.fill_filter)
        owner.closed.connect(self.fill_filter)
        owner.closed.connect(self.stop)
        self.results = StudyResults()
        self.memo_text: Callable[[], str] = lambda: ""  # the study memo's, as typed
        self._slices = Slices(self)
        self._slices.grown.connect(self._next_slice)
        self.searched = (0, 0)  # interviews searched, of those to search
        self.stopped = False  # by Escape, before the last interview

    def active(self) -> bool:
        return self.owner.study is not None and self.switcher.texts is not None

    def fill_filter(self) -> None:
        fill_attribute_filter(self.filter, self.owner.study)
        self.filter.setVisible(self.owner.study is not None and self.filter.count() > 1)

    def filters(self) -> dict[str, set[Any]] | None:
        return chosen_filters(self.filter)

    @property
    def searching(self) -> bool:
        return self._slices.running

    def search(self, query: str, options: dict[str, bool]) -> StudyResults:
        """Start a search, dropping any under way: the results of its first slice, to
        which the later ones are added (see `grown`). SearchError for a bad pattern."""
        assert self.owner.study is not None and self.switcher.texts is not None
        self.stop()
        if self.interview.controller is not None:
            self.interview.notes_data()  # the research notes as typed, into the session
        found = search_study(
            self.owner.study,
            query,
            filters=self.filters(),
            texts=self.switcher.texts,
            every=True,
            **options,
        )
        self.results, self.stopped = StudyResults(), False
        self.searched = (0, len(self.owner.study.matching(self.filters())))
        self.results.memo = search_memo(self.memo_text(), query, **options)
        self._add(self._slices.start(found))  # a bad pattern fails in the first
        return self.results

    def stop(self) -> None:
        self._slices.stop()

    def halt(self) -> bool:
        """Stop the search under way (Escape), saying so; False when there is none."""
        if not self.searching:
            return False
        self.stop()
        self.stopped = True
        return True

    def _next_slice(self, found: list[InterviewResults]) -> None:
        self.grown.emit(self._add(found))

    def _add(self, found: list[InterviewResults]) -> list[InterviewResults]:
        """`found`, searched in a slice, counted; those with results added to them."""
        self.searched = (self.searched[0] + len(found), self.searched[1])
        new = [one for one in found if one.total]
        for one in new:
            self.results.add(one)
        return new

    def said(self) -> str:
        """What was found where, and how far the search is: "Searching 120 of 300
        interviews: 5 found so far…", "Stopped after 120 of 300 interviews: …". Under way,
        how far first and the count alone: where each was found, changing at each slice,
        made five lines in a narrow dock that grew and shrank above the list filling."""
        found = found_where(self.results) if self.results.total else ""
        done, of = self.searched[0], counted(self.searched[1], "interview")
        if self.searching:
            so_far = f": {self.results.total:,} found so far" if found else ""
            return f"Searching {done} of {of}{so_far}…"
        if self.stopped:
            stopped = f"Stopped after {done} of {of}: Enter searches them all."
            return f"{found}. {stopped}" if found else stopped
        return found

    def open(self, interview_id: str) -> bool:
        """Open the result's interview (if it is not open); True when it is open now."""
        return self.switcher.open(interview_id) if interview_id != self.switcher.current else True


def populate(tree: QTreeWidget, found: Iterable[InterviewResults], titles: dict[str, str]) -> None:
    """Interviews, each with its total; inside, the kinds with theirs; then the results."""
    bold = QFont(tree.font())
    bold.setBold(True)
    for one in found:
        top = QTreeWidgetItem([f"{one.interview.title} ({one.total:,})"])
        top.setFont(0, bold)
        top.setData(0, INTERVIEW_ROLE, one.interview.id)
        top.setToolTip(0, one.problem or one.interview.path)
        for kind in KINDS:
            results = one.results.get(kind)
            if not results:
                continue
            group, children = kind_group(titles[kind], kind, results)
            for item in (group, *children):
                item.setData(0, INTERVIEW_ROLE, one.interview.id)
            top.addChild(group)
        tree.addTopLevelItem(top)
        top.setExpanded(True)
        for i in range(top.childCount()):
            top.child(i).setExpanded(True)


def memo_group(tree: QTreeWidget, results: ResultList, title: str) -> list[QTreeWidgetItem]:
    """The study memo's results, above the interviews' (it spans them); their items."""
    if not results:
        return []
    group, children = kind_group(title, MEMO, results)
    bold = QFont(tree.font())
    bold.setBold(True)
    group.setFont(0, bold)
    group.setToolTip(0, "Your notes across the study (memo.md in its folder)")
    tree.insertTopLevelItem(0, group)
    group.setExpanded(True)
    return children


# Where a kind of result is, as the headline says it ("2 in the text, 1 in quotes").
KIND_PLACES = {
    "document": "the text",
    "quotes": "quotes",
    "notes": "highlight notes",
    "tags": "codes",
    "research": "research notes",
    MEMO: "the memo",
}


def found_where(results: StudyResults) -> str:
    """How much was found where: "12 in 3 interviews and the study memo"; found in more
    than one kind of place, in which: a word in the text and in a highlight's quote of it
    is two results, "3 in 2 interviews: 2 in the text, 1 in quotes", not three places of
    the text."""
    count = len(results.interviews)
    places = [counted(count, "interview")] if count else []
    places += ["the study memo"] if results.memo.total else []
    headline = f"{results.total:,} in {' and '.join(places)}"
    kinds = {**results.totals, MEMO: results.memo.total}
    found = [f"{n:,} in {KIND_PLACES[kind]}" for kind, n in kinds.items() if n]
    return f"{headline}: {', '.join(found)}" if len(found) > 1 else headline
