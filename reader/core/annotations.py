"""Highlights: a span of the document with its colour (or NO_COLOR when it is only coded),
the reader's note and codes."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from reader.core.wording import counted

CONTEXT_CHARS = 32  # prefix/suffix length, in the manner of the W3C TextQuoteSelector

# Colour id -> (default label, light-palette RGB). Ids are stable names so the notes file
# stays readable; the order is the order of keys 1-6.
DEFAULT_COLORS: dict[str, tuple[str, str]] = {
    "yellow": ("Key quote", "#f5d90a"),
    "green": ("Method", "#5bd16b"),
    "blue": ("Context", "#5aa9f5"),
    "pink": ("Follow up", "#f27ab8"),
    "purple": ("Theme", "#b48cf2"),
    "orange": ("Question", "#f5a04a"),
}
COLOR_IDS: tuple[str, ...] = tuple(DEFAULT_COLORS)
DEFAULT_COLOR = COLOR_IDS[0]
# The colour of a passage that is coded but not highlighted (coded from a plain selection):
# no colour label counts it, and the reader shows it by its codes, not by a fill.
NO_COLOR = ""
NO_COLOR_LABEL = "No colour"  # what colour filters call it
# A colour id this build does not know (a newer build's, or written by hand) is grey on
# screen, in print and in every export: it does not pass for a label the user chose.
UNKNOWN_COLOR_HEX = "#d0d0d0"


def color_hex(color_id: str) -> str:
    """A colour id's swatch, as the default palette has it; grey for an unknown id."""
    return DEFAULT_COLORS[color_id][1] if color_id in DEFAULT_COLORS else UNKNOWN_COLOR_HEX


def now_iso() -> str:
    """The current time as ISO 8601 with the UTC offset, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Highlight:
    """One highlight. Offsets are code points of the normalised text, end exclusive.

    `orphan` is True when re-anchoring found no place for the quote; an orphan keeps its
    last offsets, quote and note so nothing is lost. `codes` are the ids of the codebook's
    codes applied to the passage (reader.core.codebook), in the order they were applied.
    """

    id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    color: str = DEFAULT_COLOR
    note: str = ""
    codes: tuple[str, ...] = ()
    created: str = field(default_factory=now_iso)
    modified: str = field(default_factory=now_iso)
    orphan: bool = False

    def edited(self, **changes: Any) -> Highlight:
        """A copy with `changes` applied and `modified` set to now."""
        return replace(self, modified=now_iso(), **changes)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "color": self.color,
            "note": self.note,
            "codes": list(self.codes),
            "created": self.created,
            "modified": self.modified,
            "orphan": self.orphan,
        }
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Highlight:
        return cls(
            id=data["id"],
            start=data["start"],
            end=data["end"],
            exact=data["exact"],
            prefix=data.get("prefix", ""),
            suffix=data.get("suffix", ""),
            color=data.get("color", DEFAULT_COLOR),
            note=data.get("note", ""),
            codes=tuple(data.get("codes", ())),
            created=data.get("created") or now_iso(),
            modified=data.get("modified") or now_iso(),
            orphan=bool(data.get("orphan", False)),
        )


def shows_nothing(highlight: Highlight) -> bool:
    """No colour, no code and no note: nothing would show the passage any more, so it goes
    (its last code or its note taken off in the reader, or its codes deleted from the
    codebook)."""
    return highlight.color == NO_COLOR and not highlight.codes and not highlight.note


def left_showing(after: Highlight, quoted: Callable[[], Set[str]]) -> Highlight | None:
    """`after`, a passage whose codes, colour or note changed, or None where it goes
    (`shows_nothing`). One that a quote in the notes or the study memo leads back to
    (`quoted`, asked only then: it reads the notes' links) stays, in the default colour,
    as Q on words gives a new passage: deleted with its code, its quote's link led nowhere
    once the app had restarted."""
    if not shows_nothing(after):
        return after
    return after.edited(color=DEFAULT_COLOR) if after.id in quoted() else None


def coloured_for_its_quote(was: Highlight, now: Highlight) -> bool:
    """Whether `now` is `was` kept for its quote (`left_showing`) and not coloured since:
    the undo of its last code's removal takes the colour back too."""
    return was.color == NO_COLOR and now.color == DEFAULT_COLOR and not now.codes


def count_label(highlights: Iterable[Highlight]) -> str:
    """What a list of them holds, as a user counts: named by what all of them are, then
    how many are of the other kind: "8 highlights, 5 coded" (each in a colour), "3 coded
    passages, 1 highlighted" (each coded), "2 coded highlights", else "5 passages: 3
    highlighted, 2 coded". A passage only coded has no colour: called a highlight, it is
    counted as one the user never made; "5 passages" alone would hide the highlights a
    student made, by the kind she looks for."""
    total = colored = coded = 0
    for highlight in highlights:
        total += 1
        colored += highlight.color != NO_COLOR
        coded += bool(highlight.codes)
    if total and colored == coded == total:
        return counted(total, "coded highlight")
    if colored == total:  # "0 highlights" too
        return counted(total, "highlight") + (f", {coded} coded" if coded else "")
    if coded == total:
        return counted(total, "coded passage") + (f", {colored} highlighted" if colored else "")
    kinds = [f"{n} {kind}" for n, kind in ((colored, "highlighted"), (coded, "coded")) if n]
    return f"{counted(total, 'passage')}: {', '.join(kinds)}"


def quote_context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(prefix, exact, suffix) of text[start:end], the context up to CONTEXT_CHARS each."""
    return (
        text[max(0, start - CONTEXT_CHARS) : start],
        text[start:end],
        text[end : end + CONTEXT_CHARS],
    )


def make_highlight(text: str, start: int, end: int, color: str = DEFAULT_COLOR) -> Highlight:
    """A new highlight of text[start:end] with a fresh UUID and its quote context."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad highlight span {start}..{end} for a text of {len(text)}")
    prefix, exact, suffix = quote_context(text, start, end)
    stamp = now_iso()
    return Highlight(
        id=str(uuid.uuid4()),
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        color=color,
        created=stamp,
        modified=stamp,
    )
