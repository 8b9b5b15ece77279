"""A quote's chip in the notes says whose words and where they are ("↩ Amal, Q4"). The
interview's structure changes under it: a paragraph made a question numbers the next ones
anew, a speaker renamed ("SPEAKER_00" to "Amal") names other words. The chips that still
read as the app wrote them follow such a change, as a step of the notes' typing history
(undoing the change puts them back again); a label the user wrote otherwise is theirs."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor

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


class ChipLabels(QObject):
    """Keeps the open interview's chips in its notes labelled as the structure stands."""

    def __init__(self, interview: OpenInterview) -> None:
        super().__init__(interview)
        self._interview = interview
        # By highlight id: the label the app wrote, or would write, for its quote's chip.
        self._labels: dict[str, str] = {}
        interview.opened.connect(self._remember_all)
        interview.replaced.connect(self._remember_all)
        interview.structureChanged.connect(self._follow)

    def remember(self, highlight_id: str, label: str) -> None:
        """A quote just put in the notes, with this label."""
        self._labels[highlight_id] = label

    def _now(self, text: str) -> dict[str, str]:
        """The label each chip of `text` would have now, by its highlight's id."""
        session = self._interview.session
        labels: dict[str, str] = {}
        for link in quote_links(text) if session is not None else ():
            highlight = session.highlight(link.group(2).removeprefix("#h-"))
            if highlight is not None and not highlight.orphan:
                labels[highlight.id] = quote_label(
                    "", *said_where(session, highlight.start, highlight.end)
                )
        return labels

    def _remember_all(self, *_args: object) -> None:
        self._labels = self._now(self._interview.research_notes())

    def _follow(self) -> None:
        """After a change of the structure: the chips still as written, labelled anew."""
        document = self._interview.notes_document
        text = typed_text(document)
        now, was = self._now(text), self._labels
        self._labels = now
        edits = [
            (link.start(1), link.end(1), chip_text(now[highlight_id]))
            for link in quote_links(text)
            if (highlight_id := link.group(2).removeprefix("#h-")) in now
            and highlight_id in was
            and now[highlight_id] != was[highlight_id]
            and link.group(1) in (chip_text(was[highlight_id]), f"↩ {link_text(was[highlight_id])}")
        ]
        if not edits or self._interview.read_only:
            return
        from reader.ui.notes.formatting import own_step  # a chip's change: not start-up's

        index, cursor = Utf16Index(text), QTextCursor(document)
        with own_step(cursor):
            for start, end, chip in reversed(edits):  # from the end: the places before stay
                cursor.setPosition(index.to_utf16(start))
                cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(chip)
