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
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.core.markdown_links import CHIP_SPACE, link_text, quote_label, quote_links
from reader.core.offsets import Utf16Index
from reader.core.session import Session
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.typed_text import typed_text


def said_where(session: Session, start: int, end: int) -> tuple[str, str]:
    """Whose words [start, end) are, and where: ("Amal", "Q4, 12:05"), for a quote's label."""
    place = ", ".join(filter(None, (session.place_label(start), session.passage_time(start))))
    return session.said_by(start, end), place


def chip_text(label: str) -> str:
    """What a chip labelled `label` shows, "↩ Q4", as the notes hold it."""
    return f"↩{CHIP_SPACE}{link_text(label)}"


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
            edits = [
                (link.start(1), link.end(1), chip_text(now[target]))
                for link in quote_links(text)
                if (target := link.group(2)) in now
                and target in was
                and now[target] != was[target]
                and link.group(1) in (chip_text(was[target]), f"↩ {link_text(was[target])}")
            ]
            if edits and place.writable:
                _relabel(place.document, Utf16Index(text), edits)


def _relabel(document: QTextDocument, index: Utf16Index, edits: list[tuple[int, int, str]]) -> None:
    """The chips' labels at [start, end) (code points) made anew, one step of undo."""
    from reader.ui.notes.formatting import own_step  # a chip's change: not start-up's

    cursor = QTextCursor(document)
    with own_step(cursor):
        for start, end, chip in reversed(edits):  # from the end: the places before stay
            cursor.setPosition(index.to_utf16(start))
            cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(chip)
