"""The participant each transcript names, for the Library's Fill Participants and Dates
from Transcripts (with the dates of transcript_dates): a REFI-QDA project makes its cases
from the participants (refi/qdpx_export), and the transcripts often name them already
(Zoom's `<v José Ángel Muñoz>`, "Siobhán: …", Otter's name lines).

The participant is the one speaker on the answering side, as the structure detection
finds the speakers with the reader's corrections applied (renamed speakers, a speaker put
on the other side: the notes file's corrections win over detection). A speaker is on the
side of most of their paragraphs, as the Speakers dialog says (interview.side_of).
An interview where nobody is named there, two or more speakers answer (a group), or only
a generic label answers ("Speaker 1", "Interviewee", "P") gets none, and the report says
why. A name in capitals ("DIEGO:") is given in title case. A participant or date the user
typed is never replaced (Study.fill_from_transcripts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reader.core.interview import (
    Role,
    Segment,
    label_role,
    paragraphs_by_speaker,
    side_of,
    speaker_key,
)
from reader.core.study_file import InterviewEntry
from reader.core.wording import counted

# Names diarisation and captioning give to voices they cannot name ("Speaker 1",
# "SPEAKER_00", "Unknown Speaker", "Speaker B"), beside the role labels ("Interviewee",
# "Respondent 2", "P", "A") that interview.label_role knows.
_VOICES = {
    "speaker", "unknown", "unknown speaker", "speaker unknown", "unidentified",
    "unidentified speaker", "voice", "person", "man", "woman", "male", "female", "caller",
    "audience", "audience member", "user", "spk", "spkr", "s",
}  # fmt: skip
_NUMBERED = re.compile(r"(?: (?:\d+|[a-z]))+$")  # "speaker 1", "speaker b", "person a 2"
# Lower case inside a name given in title case (`title_cased`).
_PARTICLES = {
    "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "le",
    "van", "von", "ter", "ten", "zu", "y", "e", "bin", "binti", "ibn",
}  # fmt: skip
_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
_NAMED_AT_MOST = 3  # answering speakers named in a reason
_LISTED_AT_MOST = 8  # interviews left empty named in the report

NO_SPEAKER = "no speaker named"
NOT_READ = "its transcript could not be read"
NOTES_NOT_READ = "its notes could not be read"


@dataclass(frozen=True)
class Finding:
    """An interview's participant as its transcript names them; "" and why not."""

    participant: str
    why_not: str = ""


def answering_speakers(segments: Iterable[Segment]) -> tuple[str, ...]:
    """The speakers (names as shown) on the answering side (interview.side_of), in the
    order they first speak. `segments` are a session's, the reader's corrections
    applied. The side's name detection gives where no label names anyone ("Interviewee"
    of a Q&A without labels) is nobody's."""
    return tuple(
        name
        for name, paragraphs in paragraphs_by_speaker(segments).items()
        if side_of(paragraphs) is Role.ANSWER
        and (any(seg.label for seg in paragraphs) or not is_generic(name))
    )


def is_generic(name: str) -> bool:
    """A label that names nobody: a role ("Interviewee", "R2", "A") or a voice that
    diarisation numbers ("Speaker 1", "SPEAKER_00", "Unknown Speaker")."""
    key = speaker_key(name)
    return label_role(key) is not None or _NUMBERED.sub("", key) in _VOICES


@lru_cache(maxsize=1024)  # the Annotations list asks it of every row: a few names, often
def named(speaker: str) -> str:
    """`speaker` as a quote's attribution: "" for a generic label, which names nobody."""
    return "" if not speaker or is_generic(speaker) else speaker


# What is around a name but not of it: spaces, the direction marks a right-to-left
# keyboard or a display name puts at its ends ("\u200fדנה כהן\u200f"), and the suffix
# Teams gives a guest ("Amal Haddad (Guest)"), the same person elsewhere without it.
_AROUND_A_NAME = " \t\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TEAMS_SUFFIX = re.compile(r"\s*\((?:Guest|External|Unverified)\)$", re.IGNORECASE)


def find_participant(answering: Sequence[str], unread: str = "") -> Finding:
    """The participant among the answering speakers (answering_speakers); `unread` is why
    the interview could not be read, said when nobody answers."""
    if not answering:
        return Finding("", unread or NO_SPEAKER)
    if len(answering) > 1:
        count = _COUNTS.get(len(answering), str(len(answering)))
        names = ", ".join(answering[:_NAMED_AT_MOST])
        more = ", …" if len(answering) > _NAMED_AT_MOST else ""
        return Finding("", f"{count} speakers answer: {names}{more}")
    name = _TEAMS_SUFFIX.sub("", answering[0].strip(_AROUND_A_NAME))
    if is_generic(name):
        return Finding("", f"only a generic label answers: {name}")
    return Finding(title_cased(name))


def title_cased(name: str) -> str:
    """A name a label writes in capitals ("DIEGO:", as subtitles and typists do) in title
    case, "Diego"; particles inside it in lower case ("María de la Cruz"). A name with a
    lower-case letter is left as written ("McDonald", "DeShawn")."""
    if not name.isupper():
        return name
    words = name.title().split(" ")
    last = len(words) - 1
    return " ".join(
        word.lower() if 0 < i < last and word.lower() in _PARTICLES else word
        for i, word in enumerate(words)
    )


@dataclass(frozen=True)
class Said:
    """What an interview's transcript says of itself (StudyTexts.said): who answers
    (`answering_speakers`), the day it was recorded (transcript_dates.recording_date,
    YYYY-MM-DD or ""), and "" or what of it could not be read (NOT_READ, NOTES_NOT_READ)."""

    answering: tuple[str, ...] = ()
    recorded: str = ""
    unread: str = ""


def to_fill(entries: Iterable[InterviewEntry]) -> list[InterviewEntry]:
    """The interviews without a participant or a date: the ones to fill."""
    return [entry for entry in entries if not entry.participant.strip() or not entry.date]


@dataclass
class FillReport:
    """What filling found: the participants and dates to set, and the interviews whose
    participant is left empty. An interview whose transcript gives no date is not listed:
    most give none."""

    filled: dict[str, str] = field(default_factory=dict)  # interview id -> participant
    dates: dict[str, str] = field(default_factory=dict)  # interview id -> YYYY-MM-DD
    left: list[tuple[str, str]] = field(default_factory=list)  # (title, why), in order
    lacking: int = 0  # interviews read that lacked a participant or a date

    def add(self, entry: InterviewEntry, said: Said) -> None:
        """What `said` gives for the empty fields of `entry`."""
        self.lacking += 1
        if not entry.participant.strip():
            finding = find_participant(said.answering, said.unread)
            if finding.participant:
                self.filled[entry.id] = finding.participant
            else:
                self.left.append((entry.title, finding.why_not))
        if not entry.date and said.recorded:
            self.dates[entry.id] = said.recorded

    def counts(self, entries: Iterable[InterviewEntry]) -> tuple[int, int]:
        """How many participants and dates would be set in `entries` (the study's now:
        a field typed meanwhile is kept)."""
        filled = dated = 0
        for entry in entries:
            filled += entry.id in self.filled and not entry.participant.strip()
            dated += entry.id in self.dates and not entry.date
        return filled, dated

    def headline(self, filled: int, dated: int) -> str:
        """The first sentence of `message`: "Filled 10 participants and 4 dates." """
        if filled or dated:
            parts = [counted(filled, "participant")] if filled else []
            parts += [counted(dated, "date")] if dated else []
            return f"Filled {' and '.join(parts)}."
        return (
            "Nothing filled." if self.lacking else "Every interview has a participant and a date."
        )

    def message(self, filled: int, dated: int) -> str:
        """ "Filled 10 participants and 4 dates. 2 participants left empty: P07 (no
        speaker named), P11 (two speakers answer: Ana, Ben)." `filled`, `dated`: how many
        were set (`counts`)."""
        if not self.left:
            return self.headline(filled, dated)
        listed = ", ".join(f"{title} ({why})" for title, why in self.left[:_LISTED_AT_MOST])
        more = len(self.left) - _LISTED_AT_MOST
        if more > 0:
            listed += f" and {more} more"
        left = counted(len(self.left), "participant")
        return f"{self.headline(filled, dated)} {left} left empty: {listed}."
