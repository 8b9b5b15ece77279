"""What the reading pane's margin says beside a paragraph: the question number, the speaker
where the speaker changes, "aside", "intro". Worked out here, painted by the view."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from reader.core.interview import Role, Segment
from reader.ui.wrapped_text import in_its_direction

_ONLY_ASKS = {"q", "question"}  # labels that say no more than a question number
_PARENTHESES = re.compile(r"\s*[(（\[][^)）\]]*[)）\]]")  # "Kenji Sato (he/him)": pronouns


@dataclass(frozen=True)
class MarginLine:
    """A line of the reader's margin beside a paragraph."""

    text: str
    accent: bool = False  # a question's colour; else muted
    name: bool = False  # a speaker's name (a narrowed margin may leave it out)


def margin_lines(
    segments: Sequence[Segment], index: int, numbers: dict[int, int], transcript: bool
) -> tuple[MarginLine, ...]:
    """The margin beside `segments[index]`, one entry per line, top to bottom.

    `numbers` maps a question's segment index to its number. In a `transcript` (labelled
    turns) the speaker is named once, where the speaker changes, asides between two
    paragraphs of one turn left aside; a question adds its number below the name. Else
    questions show their number and answers their speaker, as in a magazine Q&A.
    """
    segment = segments[index]
    previous = segments[index - 1] if index > 0 else None
    if transcript and segment.role in (Role.QUESTION, Role.ANSWER) and segment.speaker:
        before = index - 1
        while before >= 0 and segments[before].role is Role.ASIDE:
            before -= 1
        spoken = segments[before] if before >= 0 else None
        if spoken is not None and (spoken.speaker, spoken.role) == (segment.speaker, segment.role):
            return ()
        name = MarginLine(speaker_name(segment.speaker), segment.role is Role.QUESTION, True)
        number = numbers.get(index)
        if segment.speaker.casefold() in _ONLY_ASKS:  # "Q" then "Q1" says it twice
            return (MarginLine(f"Q{number}" if number else "Q", accent=True),)
        return (name, MarginLine(f"Q{number}")) if number else (name,)
    if segment.role is Role.QUESTION:
        if previous is not None and (previous.role, previous.speaker) == (
            Role.QUESTION,
            segment.speaker,
        ):
            return ()
        number = numbers.get(index)
        return (MarginLine(f"Q{number}" if number else "Q", accent=True),)
    if segment.role is Role.ANSWER:
        if previous is not None and (previous.role, previous.speaker) == (
            Role.ANSWER,
            segment.speaker,
        ):
            return ()
        return (MarginLine(speaker_name(segment.speaker), name=True),)
    if segment.role is Role.ASIDE:
        return (MarginLine("aside"),)
    if segment.role is Role.INTRO and (previous is None or previous.role is not Role.INTRO):
        return (MarginLine("intro"),)
    return ()


def speaker_name(name: str) -> str:
    """A speaker's name for the margin: pronouns and notes in brackets left out."""
    return _PARENTHESES.sub("", name).strip() or name


def fitted_label(text: str, metrics: QFontMetricsF, room: float) -> str:
    """`text` as it fits in `room`: cut at its end with "…", but a closing number kept
    ("PARTICIP… 2"): it is what tells "Participant 1" from "Participant 2". A Hebrew or
    Arabic name's "…" on its left, where it is cut."""
    if metrics.horizontalAdvance(text) <= room:
        return text
    head, space, number = text.rpartition(" ")
    if space and number.isdigit():
        kept = f" {number}"
        short = metrics.elidedText(
            head, Qt.TextElideMode.ElideRight, room - metrics.horizontalAdvance(kept)
        )
        if short:
            return in_its_direction(short) + kept
    return in_its_direction(metrics.elidedText(text, Qt.TextElideMode.ElideRight, room))


def widest_name(segments: Sequence[Segment], metrics: QFontMetricsF) -> float:
    """How wide the longest speaker name of the margin is, in `metrics`' font."""
    names = {speaker_name(s.speaker) for s in segments if s.speaker}
    return max((metrics.horizontalAdvance(name) for name in names), default=0.0)
