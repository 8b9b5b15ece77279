"""The Annotations panel across a study: the open interview's highlights or every
interview's, narrowed to one interview or to those with an attribute value ("Role:
nurse"); a row of another interview opens it (through the switcher) before going there.

The other interviews' highlights come from their notes files (core.study_highlights): no
transcript is read to list them, so their rows name their interview where the open
interview's name the question too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from reader.core.annotations import Highlight
from reader.core.study import Study
from reader.core.study_file import InterviewEntry
from reader.core.study_highlights import InterviewHighlights, StudyHighlights
from reader.ui.annotations.model import Entry, by_key
from reader.ui.dialogs import filter_combo
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.attribute_filter import chosen_filters, fill_attribute_filter
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher

THIS, EVERY = "", "*"  # the scope list's first two choices; then interview ids


class StudyRows(QObject):
    """The scope and attribute lists above the Annotations list, and the entries of the
    interviews that are not open. Inert (its lists hidden) until a study is open."""

    changed = Signal()  # the scope or a filter changed: the panel makes its entries again

    def __init__(self, interview: OpenInterview, parent: QWidget) -> None:
        super().__init__(parent)
        self.interview = interview
        self.owner: OpenStudy | None = None
        self.switcher: InterviewSwitcher | None = None
        self.kept: StudyHighlights | None = None
        # interview id -> (what it was made from, its entries): made once while unchanged.
        self._made: dict[str, tuple[tuple[InterviewHighlights, int, str], list[Entry]]] = {}
        self._wanted: set[str] | None = None  # the interviews shown; None: every one
        self._open: tuple[Path | None, tuple[str, int, str]] = (None, ("", 0, ""))
        self.scope = filter_combo("Highlights of", "This interview's highlights, or the study's")
        self.attribute = filter_combo(
            "Only interviews with", "Only the interviews with this attribute value"
        )
        self.bar = QWidget()
        layout = QHBoxLayout(self.bar)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scope, 1)
        layout.addWidget(self.attribute, 1)
        self.bar.hide()
        self.scope.currentIndexChanged.connect(self.filters_changed)
        self.attribute.currentIndexChanged.connect(self.filters_changed)

    def attach(self, owner: OpenStudy, switcher: InterviewSwitcher) -> None:
        self.owner, self.switcher = owner, switcher
        owner.opened.connect(lambda _study: self._study_changed())
        owner.changed.connect(self._study_changed)
        owner.closed.connect(self._study_changed)
        if owner.study is not None:  # the panel is made when first shown (issue #17)
            self._study_changed()

    # What is shown ------------------------------------------------------------------------

    @property
    def whole(self) -> bool:
        """Every interview's highlights are listed (then perhaps narrowed)."""
        return self._study() is not None and self.scope.currentData() not in (None, THIS)

    @property
    def narrowing(self) -> bool:
        return self.whole and self._wanted is not None

    def keeps(self, entry: Entry) -> bool:
        return not self.whole or self._wanted is None or entry.interview in self._wanted

    def narrow(self, entries: list[Entry]) -> list[Entry]:
        if not self.whole or self._wanted is None:
            return entries
        wanted = self._wanted
        return [e for e in entries if e.interview in wanted]

    def place(self, label: str) -> str:
        """Where an open interview's highlight is: across the study, which interview too."""
        return " · ".join(filter(None, (self._current()[2], label))) if self.whole else label

    def entry(self, highlight: Highlight, place: str, names: tuple[str, ...]) -> Entry:
        """An entry of the open interview (placed with `place` above)."""
        if not self.whole:
            return Entry(highlight, place, names)
        interview_id, rank, _title = self._current()
        return Entry(highlight, place, names, interview_id, rank)

    def merged(self, entries: list[Entry]) -> list[Entry]:
        """The open interview's entries, and across the study every other interview's,
        in the study's order."""
        study = self._study()
        if not self.whole or study is None or self.kept is None:
            return entries
        current = self._current()[0]
        others = [
            made
            for rank, entry in enumerate(study.interviews)
            if entry.id != current
            for made in self._entries_of(entry, rank)
        ]
        return sorted([*entries, *others], key=by_key)  # runs already sorted: near O(n)

    # Acting on a row ----------------------------------------------------------------------

    def is_open(self, entry: Entry) -> bool:
        return not entry.interview or entry.interview == self._current()[0]

    def reach(self, entry: Entry) -> bool:
        """Open the entry's interview if another one is open; True when it is open now."""
        if self.is_open(entry):
            return True
        return self.switcher is not None and self.switcher.open(entry.interview)

    # Inside -------------------------------------------------------------------------------

    def _study_changed(self) -> None:
        study = self._study()
        self._open = (None, ("", 0, ""))  # titles and order may have changed
        if study is None:
            self.kept = None
            self._made.clear()
        elif self.kept is None or self.kept.study is not study:
            assert self.owner is not None
            self.kept, self._made = StudyHighlights(study, self.owner.notes_files), {}
        else:
            self.kept.forget_others()
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem("This interview", THIS)
        if study is not None:
            self.scope.addItem("All interviews", EVERY)
            for entry in study.interviews:
                self.scope.addItem(entry.title, entry.id)
        self.scope.setCurrentIndex(max(0, self.scope.findData(current)))
        self.scope.blockSignals(False)
        fill_attribute_filter(self.attribute, study, "Any attribute value")
        self.bar.setVisible(study is not None)
        self.filters_changed()

    def filters_changed(self) -> None:
        study = self._study()
        self.attribute.setVisible(self.whole and self.attribute.count() > 1)
        wanted: set[str] | None = None
        if study is not None and self.whole:
            chosen = self.scope.currentData()
            if chosen != EVERY:
                wanted = {chosen}
            filters = chosen_filters(self.attribute)
            if filters:
                matching = {e.id for e in study.matching(filters)}
                wanted = matching if wanted is None else wanted & matching
        self._wanted = wanted
        self.changed.emit()

    def _entries_of(self, entry: InterviewEntry, rank: int) -> list[Entry]:
        assert self.kept is not None
        found = self.kept.get(entry)
        made = self._made.get(entry.id)
        if made is not None and made[0][0] is found and made[0][1:] == (rank, entry.title):
            return made[1]
        entries = [
            Entry(h, entry.title, found.code_names(h), entry.id, rank) for h in found.highlights
        ]
        self._made[entry.id] = ((found, rank, entry.title), entries)
        return entries

    def _current(self) -> tuple[str, int, str]:
        """The open interview's id, place in the study and title; ("", 0, "") for none.
        Read from where its notes live, which is set before the panels hear of it."""
        study, path = self._study(), self.interview.notes_path
        if path is not None and path == self._open[0]:
            return self._open[1]
        found = ("", 0, "")
        if study is not None and path is not None and Path(path).parent == study.notes_dir:
            found = next(
                (
                    (e.id, rank, e.title)
                    for rank, e in enumerate(study.interviews)
                    if e.id == path.stem
                ),
                found,
            )
        self._open = (path, found)
        return found

    def _study(self) -> Study | None:
        return None if self.owner is None else self.owner.study
