"""The participant each transcript names, for the Library's Fill Participants from
Transcripts: a REFI-QDA project makes its cases from the participants (refi/qdpx_export),
and the transcripts often name them already (Zoom's `<v José Ángel Muñoz>`, "Siobhán: …",
Otter's name lines).

The participant is the one speaker on the answering side, as the structure detection
finds the speakers with the reader's corrections applied (renamed speakers, a speaker put
on the other side: the notes file's corrections win over detection). A speaker is on the
side of most of their paragraphs, as the Speakers dialog says (interview.side_of).
An interview where nobody is named there, two or more speakers answer (a group), or only
a generic label answers ("Speaker 1", "Interviewee", "P") gets none, and the report says
why. A name in capitals ("DIEGO:") is given in title case. A participant the user typed is
never replaced (Study.fill_participants).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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


def named(speaker: str) -> str:
    """`speaker` as a quote's attribution: "" for a generic label, which names nobody."""
    return "" if not speaker or is_generic(speaker) else speaker


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
    name = answering[0].strip()
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


def to_fill(entries: Iterable[InterviewEntry]) -> list[InterviewEntry]:
    """The interviews without a participant: the ones to fill."""
    return [entry for entry in entries if not entry.participant.strip()]


@dataclass
class FillReport:
    """What filling found: the participants to set, and the interviews left empty."""

    filled: dict[str, str] = field(default_factory=dict)  # interview id -> participant
    left: list[tuple[str, str]] = field(default_factory=list)  # (title, why), in order

    def add(self, entry: InterviewEntry, finding: Finding) -> None:
        if finding.participant:
            self.filled[entry.id] = finding.participant
        else:
            self.left.append((entry.title, finding.why_not))

    def headline(self, filled: int) -> str:
        """The first sentence of `message`: "Filled 10 participants." """
        if filled:
            return f"Filled {counted(filled, 'participant')}."
        return "No participant filled." if self.left else "No interview lacks a participant."

    def message(self, filled: int) -> str:
        """ "Filled 10 participants. 2 left empty: P07 (no speaker named), P11 (two
        speakers answer: Ana, Ben)." `filled`: how many were set (a participant typed
        meanwhile was kept)."""
        if not self.left:
            return self.headline(filled)
        listed = ", ".join(f"{title} ({why})" for title, why in self.left[:_LISTED_AT_MOST])
        more = len(self.left) - _LISTED_AT_MOST
        if more > 0:
            listed += f" and {more} more"
        return f"{self.headline(filled)} {len(self.left)} left empty: {listed}."
