"""The Annotations list's rows: every highlight, precomputed for filtering and painting,
in a model that updates one row at a time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from html import escape
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from reader.core.annotations import Highlight
from reader.core.codebook import UNKNOWN_CODE_HEX
from reader.core.folding import fold_query, folded
from reader.core.shorten import shorten

if TYPE_CHECKING:
    from reader.core.session import Session

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
QUOTE_CHARS = 600  # more than three lines hold at any dock width
TOOLTIP_CHARS = 2000  # a whole-answer highlight would otherwise fill the screen


class Entry:
    """One highlight as the list shows it, with what filtering and painting need precomputed."""

    __slots__ = (
        *("color", "haystack", "highlight", "interview", "key", "orphan", "place", "quote"),
        *("tags", "where"),
    )

    def __init__(
        self,
        highlight: Highlight,
        place: str,
        tags: tuple[str, ...] = (),
        interview: str = "",
        rank: int = 0,
    ) -> None:
        """`tags`: the names of the highlight's codes; `interview`: its interview's id in a
        study ("" alone), `rank` that interview's place in the study's order."""
        self.highlight, self.interview = highlight, interview
        self.place = place  # "Q7 · 12:05 · Ana" (row_place), "Intro", or "" for orphans
        self.where = folded(place)  # a filter finds a speaker, a question, a time too
        self.quote = " ".join(highlight.exact[: QUOTE_CHARS * 2].split())[:QUOTE_CHARS]
        # Accents and case ignored, as Find ignores them (the terms are folded alike).
        self.haystack = folded("\n".join((highlight.exact, highlight.note, *tags)))
        # Copied out of the highlight: filtering reads them for every row on each keystroke.
        # The study's order, then the session's (document) order.
        self.key = (rank, highlight.start, highlight.end)
        self.color, self.tags, self.orphan = highlight.color, tags, highlight.orphan

    @staticmethod
    def terms(typed: str) -> list[str]:
        """The words of a filter, folded as `haystack` is: each must be in it."""
        return fold_query(typed, case=False).split()

    def has(self, term: str) -> bool:
        """Whether a folded filter word is in the quote, note, codes or the row's place."""
        return term in self.haystack or term in self.where

    def code_names(self) -> Iterator[tuple[str, str]]:
        """(id, name) of the highlight's codes; an id the codebook lacks names itself."""
        return zip(self.highlight.codes, self.tags, strict=False)

    def placed(self, place: str) -> Entry:
        """This entry under another question number, reusing the text work."""
        if place == self.place:
            return self
        entry = Entry.__new__(Entry)
        for name in Entry.__slots__:
            setattr(entry, name, getattr(self, name))
        entry.place, entry.where = place, folded(place)
        return entry


def row_place(session: Session, highlight: Highlight) -> str:
    """Where an anchored highlight is, as its row says: its question, its paragraph's time
    in a timed transcript (as the margin shows it), and who says it when the transcript
    names them (said_by): "Q6 · 1:02:09 · Ade Okonkwo"; "Intro" alone in an untimed text
    without names. The name is last: a narrow dock cuts it short ("Ade Okon…"), where a
    time cut is no time."""
    start, end = highlight.start, highlight.end
    where = (session.place_label(start), session.passage_time(start), session.said_by(start, end))
    return " · ".join(filter(None, where))


by_key = attrgetter("key")


def find_entry(entries: Sequence[Entry | None], entry: Entry, lo: int, hi: int) -> int | None:
    """Index of `entry` in the sorted `entries[lo:hi]`: a bisection, then its equal keys."""
    i = bisect_left(entries, entry.key, lo, hi, key=by_key)
    while i < hi and (other := entries[i]) is not None and other.key == entry.key:
        if other is entry:
            return i
        i += 1
    return None


class HighlightListModel(QAbstractListModel):
    """The rows shown: anchored entries, then None for the orphans' header and the orphans.

    Both parts are in document order, as the session keeps its highlights, so a row is found
    or placed by bisection.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Entry | None] = []
        self.orphans = 0
        self.colors: dict[str, str] = {}
        # Code id -> its colour, and its label (Codebook.labels), for the rows' code chips.
        self.code_colors: dict[str, str] = {}
        self.code_labels: dict[str, str] = {}

    def set_rows(self, anchored: list[Entry], orphans: list[Entry]) -> None:
        # A reset with plain lists is O(n) and far cheaper than diffing 10,000 rows.
        self.beginResetModel()
        self.rows = [*anchored, None, *orphans] if orphans else list(anchored)
        self.orphans = len(orphans)
        self.endResetModel()

    def section(self, orphan: bool) -> tuple[int, int]:
        """The rows [lo, hi) of the anchored part, or of the orphans (empty: no header)."""
        anchored = len(self.rows) - self.orphans - (1 if self.orphans else 0)
        return (anchored + 1, len(self.rows)) if orphan else (0, anchored)

    def row_of(self, entry: Entry) -> int | None:
        return find_entry(self.rows, entry, *self.section(entry.orphan))

    def insert(self, entry: Entry) -> None:
        """Show `entry` in its place; the orphans' header comes with the first orphan."""
        lo, hi = self.section(entry.orphan)
        if entry.orphan and not self.orphans:
            self._insert(hi, [None, entry])
            self.orphans = 1
            return
        # After the entries with the same (start, end), where the session puts it too.
        self._insert(bisect_right(self.rows, entry.key, lo, hi, key=by_key), [entry])
        if entry.orphan:
            self.orphans += 1
            self._header_changed()

    def remove(self, row: int) -> None:
        """Hide the entry at `row`; the header goes with the last orphan."""
        entry = self.rows[row]
        assert entry is not None
        if entry.orphan and self.orphans == 1:
            self._remove(row - 1, 2)
            self.orphans = 0
            return
        self._remove(row, 1)
        if entry.orphan:
            self.orphans -= 1
            self._header_changed()

    def replace(self, row: int, entry: Entry) -> None:
        self.rows[row] = entry
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def _insert(self, row: int, rows: list[Entry | None]) -> None:
        self.beginInsertRows(QModelIndex(), row, row + len(rows) - 1)
        self.rows[row:row] = rows
        self.endInsertRows()

    def _remove(self, row: int, count: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self.rows[row : row + count]
        self.endRemoveRows()

    def _header_changed(self) -> None:
        index = self.index(self.section(True)[0] - 1)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.rows[index.row()] is None:
            return Qt.ItemFlag.NoItemFlags  # the header: skipped by the keyboard and the mouse
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def codes_of(self, entry: Entry) -> tuple[tuple[str, str], ...]:
        """(id, label) of the entry's codes, a chip each. By id, so that two codes of one
        name show their own colours; a code the codebook does not know, by its name."""
        labels = self.code_labels
        return tuple((code_id, labels.get(code_id, name)) for code_id, name in entry.code_names())

    def code_color(self, code_id: str) -> str:
        """A code's colour, grey (UNKNOWN_CODE_HEX) for one the codebook lacks, as the
        reader's margin and the exports draw it."""
        return self.code_colors.get(code_id, UNKNOWN_CODE_HEX)

    def label(self, entry: Entry, joint: str = " · ") -> str:
        """The row's first line: the colour's label (none for NO_COLOR, a passage only
        coded) and the place, "Key quote · Q6 · 1:02:09 · Ade Okonkwo"."""
        color = entry.highlight.color
        return joint.join(filter(None, (self.colors.get(color, color), entry.place)))

    def spoken(self, entry: Entry) -> str:
        """What a screen reader says of a card: what it shows, the place, the quote, its
        codes' chips and its note ("Method · Q1: … Codes: craft. Note: Why?")."""
        said = [f"{self.label(entry)}: {entry.quote}"]
        if entry.tags:
            said.append("Codes: " + ", ".join(label for _, label in self.codes_of(entry)))
        if note := " ".join(entry.highlight.note.split()):
            said.append(f"Note: {shorten(note, TOOLTIP_CHARS)}")
        *before, last = said  # each part a sentence: "tired. Codes", not "tired.. Codes"
        ended = (part if part.endswith((".", "?", "!", "…")) else f"{part}." for part in before)
        return " ".join([*ended, last])

    def header_text(self) -> str:
        return f"Not found in the current text ({self.orphans})"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.rows[index.row()]
        if entry is None:
            return self.header_text() if role == Qt.ItemDataRole.DisplayRole else None
        h = entry.highlight
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.quote
        if role == ID_ROLE:
            return h.id
        if role == Qt.ItemDataRole.AccessibleTextRole:  # what a screen reader says of it
            return self.spoken(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            quote = shorten(h.exact, TOOLTIP_CHARS)
            parts = [f"<b>{escape(self.label(entry))}</b>", escape(quote).replace("\n", "<br>")]
            if h.note:
                parts.append(f"<i>{escape(h.note).replace(chr(10), '<br>')}</i>")
            if entry.tags:
                labels = (label for _, label in self.codes_of(entry))
                parts.append(escape("Codes: " + ", ".join(labels)))
            return "<p>" + "</p><p>".join(parts) + "</p>"  # rich text, so Qt wraps it
        if role == Qt.ItemDataRole.StatusTipRole and h.orphan:
            return "This quote is not in the current text: edit its note (F2) or delete it."
        return None
