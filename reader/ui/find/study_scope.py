"""Search Everything across a study: every interview searched (the open one with its
unsaved edits), results grouped by interview, then by kind, with counts; a filter keeps
the interviews with one attribute value ("Role: nurse"). Activating a result opens its
interview first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QTreeWidget, QTreeWidgetItem

from reader.core.search import KINDS
from reader.core.study_search import StudyResults, collect, search_study
from reader.ui.find.result_delegate import kind_group
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.attribute_filter import chosen_filters, fill_attribute_filter
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher

INTERVIEW_ROLE = Qt.ItemDataRole.UserRole + 2


class StudyScope(QObject):
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
        self.fill_filter()

    def active(self) -> bool:
        return self.owner.study is not None and self.switcher.texts is not None

    def fill_filter(self) -> None:
        fill_attribute_filter(self.filter, self.owner.study)
        self.filter.setVisible(self.owner.study is not None and self.filter.count() > 1)

    def filters(self) -> dict[str, set[Any]] | None:
        return chosen_filters(self.filter)

    def search(self, query: str, options: dict[str, bool]) -> StudyResults:
        """Raises SearchError for a bad regular expression."""
        assert self.owner.study is not None and self.switcher.texts is not None
        if self.interview.controller is not None:
            self.interview.notes_data()  # the research notes as typed, into the session
        return collect(
            search_study(
                self.owner.study,
                query,
                filters=self.filters(),
                texts=self.switcher.texts,
                **options,
            )
        )

    def open(self, interview_id: str) -> bool:
        """Open the result's interview (if it is not open); True when it is open now."""
        return self.switcher.open(interview_id) if interview_id != self.switcher.current else True


def populate(tree: QTreeWidget, found: StudyResults, titles: dict[str, str]) -> None:
    """Interviews, each with its total; inside, the kinds with theirs; then the results."""
    bold = QFont(tree.font())
    bold.setBold(True)
    for one in found.interviews:
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
