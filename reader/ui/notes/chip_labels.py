"""A quote's chip says whose words and where they are ("↩ Amal, Q4"). The interview's
structure changes under it: a paragraph made a question numbers the next ones anew, a
speaker renamed ("SPEAKER_00" to "Amal") names other words. The chips of the open
interview that still read as the app wrote them follow such a change, in its notes and in
the study memo, as a step of their typing history (undoing the change puts them back
again); a label the user wrote otherwise is theirs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextDocument

from reader.core.chip_relabel import chip_edits, said_where
from reader.core.markdown_links import quote_label, quote_links
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.typed_text import typed_text


@dataclass(frozen=True)
class ChipPlace:
    """A document holding chips of the open interview's passages: its research notes, or
    the study memo, whose links begin with the interview ("interview:<id>") and whose
    labels with its `title`."""

    document: QTextDocument
    writable: bool
    interview: str = ""
    title: str = ""


class ChipLabels(QObject):
    """Keeps the open interview's chips labelled as its structure stands."""

    def __init__(self, interview: OpenInterview) -> None:
        super().__init__(interview)
        self._interview = interview
        # Where chips are (the study memo's added once a study opens); None: not now.
        self.places: list[Callable[[], ChipPlace | None]] = [self._notes]
        # By a chip's link: the label the app wrote, or would write, for it.
        self._labels: dict[str, str] = {}
        interview.opened.connect(self.remember_all)
        interview.replaced.connect(self.remember_all)
        interview.structureChanged.connect(self._follow)

    def _notes(self) -> ChipPlace:
        interview = self._interview
        return ChipPlace(interview.notes_document, not interview.read_only)

    def remember(self, target: str, label: str) -> None:
        """A quote just put in, linking to `target`, with this label."""
        self._labels[target] = label

    def _now(self, place: ChipPlace, text: str) -> dict[str, str]:
        """The label each chip of `text` in `place` would have now, by its link."""
        session = self._interview.session
        labels: dict[str, str] = {}
        for link in quote_links(text) if session is not None else ():
            interview, _, highlight_id = link.group(2).partition("#h-")
            highlight = session.highlight(highlight_id) if interview == place.interview else None
            if highlight is not None and not highlight.orphan:
                said, where = said_where(session, highlight.start, highlight.end)
                labels[link.group(2)] = quote_label(place.title, said, where)
        return labels

    def remember_all(self, *_args: object) -> None:
        """The labels as they stand (another interview opened, notes merged)."""
        self._labels = {}
        for place in filter(None, (found() for found in self.places)):
            self._labels.update(self._now(place, typed_text(place.document)))

    def _follow(self) -> None:
        """After a change of the structure: the chips still as written, labelled anew."""
        was, self._labels = self._labels, {}
        for place in filter(None, (found() for found in self.places)):
            text = typed_text(place.document)
            now = self._now(place, text)
            self._labels.update(now)
            edits = chip_edits(text, was, now)
            if edits and place.writable:
                from reader.ui.notes.formatting import replace_spans  # not start-up's

                replace_spans(place.document, text, edits)
