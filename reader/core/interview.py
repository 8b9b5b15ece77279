"""Interview structure: each paragraph's role (intro, question, answer, ...) and speaker."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum


class Role(StrEnum):
    INTRO = "intro"
    QUESTION = "question"
    ANSWER = "answer"
    ASIDE = "aside"
    CLOSING = "closing"
    OTHER = "other"


@dataclass(frozen=True)
class Segment:
    """One paragraph. `text[start:end]` is the paragraph (code points, end exclusive).

    `speaker` is "" for paragraphs nobody speaks (intro, aside, closing, other).
    """

    role: Role
    speaker: str
    start: int
    end: int
    timestamp: str = ""


_INTERVIEWER = "Interviewer"
_INTERVIEWEE = "Interviewee"

# Magazine link-outs; upper case only, so a speaker called "Watch" stays a speaker.
_ASIDE_RE = re.compile(r"(?:READ MORE|RELATED|SEE ALSO|ALSO READ|WATCH|LISTEN)\s*:")
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_BRACKETED_TIME = rf"[\[(]{_TIME}[\])]"
_NAME_WORD = r"[^\W\d_][\w.'’-]*"
# A bare time is accepted only before the label: after it, "A: 10:30 is when..." is speech.
# `(?!/)` keeps "Https://..." from reading as a speaker.
_LABEL_RE = re.compile(
    rf"(?:(?:{_BRACKETED_TIME}|{_TIME})\s*)?"
    rf"(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}(?: \d{{1,2}})?)"
    rf"(?:\s*{_BRACKETED_TIME})?\s*:(?!/)(?:\s*{_BRACKETED_TIME})?"
)
_LEADING_TIME_RE = re.compile(_BRACKETED_TIME)
_TIME_RE = re.compile(_TIME)
_QUESTION_LABELS = {"q", "question", "interviewer", "int", "moderator", "host"}
_ANSWER_LABELS = {"a", "answer", "interviewee", "respondent", "participant", "guest"}
_LABELLED_SHARE = 0.3

_WORD_RE = re.compile(r"[^\W\d_]+")  # "I’m" gives "i" and "m", so contractions need no care
_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves"}
_QUESTION_MAX_CHARS = 300  # an unmarked question longer than this is more likely an answer
_CLOSING_MAX_CHARS = 120
_CLOSING_RE = re.compile(
    r"is in theaters|in theaters now|in cinemas|is out now|now streaming|now available"
    r"|has been edited|been condensed|condensed for clarity|edited for (?:length|clarity)",
    re.IGNORECASE,
)
_CLOSERS = " \t\"'”’»)]*_"  # trailing quotes and brackets after a question mark


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: each non-blank line (lines are separated by "\\n").

    Leading/trailing whitespace of a line is excluded from the span. Blank lines produce
    nothing.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
        offset += len(line) + 1
    return spans


def detect_segments(text: str) -> list[Segment]:
    """Segments in document order, one per paragraph."""
    spans = split_paragraphs(text)
    pars = [text[start:end] for start, end in spans]
    asides = [bool(_ASIDE_RE.match(par)) for par in pars]
    labels = [_parse_label(par, aside) for par, aside in zip(pars, asides, strict=True)]
    names = [name for name, _ in labels]
    found = [name for name in names if name]
    # A share of labelled paragraphs and a repeated label, so that a stray "Note:" or
    # "Update:" in a magazine Q&A does not turn it into a transcript.
    if len(found) >= max(2, _LABELLED_SHARE * asides.count(False)) and (
        Counter(found).most_common(1)[0][1] >= 2
    ):
        roles = _detect_labelled(pars, asides, names)
    else:
        roles = _detect_journalistic(pars, asides)
    return [
        Segment(role, speaker, start, end, timestamp)
        for (start, end), (role, speaker), (_, timestamp) in zip(spans, roles, labels, strict=True)
    ]


def apply_corrections(
    segments: list[Segment], roles: dict[int, Role], speakers: dict[str, str]
) -> list[Segment]:
    """The reader's corrections applied to `segments`, as new segments.

    `roles` maps a segment's start offset to the role the reader chose; `speakers` renames
    a detected speaker. A paragraph moved to QUESTION or ANSWER keeps its own speaker; one
    without a speaker, or spoken by the other side, takes that side's usual speaker
    ("Interviewer" / "Interviewee" when there is none). Other roles have no speaker.
    """
    renamed = [
        replace(seg, speaker=speakers[seg.speaker]) if speakers.get(seg.speaker) else seg
        for seg in segments
    ]
    sides = {
        Role.QUESTION: _usual_speaker(renamed, Role.QUESTION, _INTERVIEWER),
        Role.ANSWER: _usual_speaker(renamed, Role.ANSWER, _INTERVIEWEE),
    }
    corrected = []
    for seg in renamed:
        role = roles.get(seg.start, seg.role)
        if role == seg.role:
            corrected.append(seg)
            continue
        speaker = ""
        if role in sides:
            other = sides[Role.ANSWER if role == Role.QUESTION else Role.QUESTION]
            speaker = sides[role] if seg.speaker in ("", other) else seg.speaker
        corrected.append(replace(seg, role=role, speaker=speaker))
    return corrected


def question_numbers(segments: list[Segment]) -> dict[int, int]:
    """Map segment index -> 1-based question number.

    Consecutive QUESTION segments of the same speaker are one question broken over
    paragraphs; asides between them (link-outs a magazine drops in) do not split it.
    """
    numbers: dict[int, int] = {}
    count = 0
    previous: Segment | None = None
    for index, seg in enumerate(segments):
        if seg.role == Role.ASIDE:
            continue
        if seg.role == Role.QUESTION:
            continues = (
                previous is not None
                and previous.role == Role.QUESTION
                and previous.speaker == seg.speaker
            )
            count += not continues
            numbers[index] = count
        previous = seg
    return numbers


def _usual_speaker(segments: list[Segment], role: Role, default: str) -> str:
    counts = Counter(seg.speaker for seg in segments if seg.role == role and seg.speaker)
    return counts.most_common(1)[0][0] if counts else default


def _parse_label(par: str, aside: bool) -> tuple[str, str]:
    """(speaker label, timestamp) at the start of a paragraph; "" for either when absent."""
    match = None if aside else _LABEL_RE.match(par)
    if match and all(word[0].isupper() or word.isdigit() for word in match["name"].split()):
        time = _TIME_RE.search(match[0])
        return match["name"], time[0] if time else ""
    time = _LEADING_TIME_RE.match(par)
    return "", time[0][1:-1] if time else ""


def _ends_with_question_mark(par: str) -> bool:
    return par.rstrip(_CLOSERS).endswith("?")


def _pronouns(par: str) -> tuple[int, int]:
    """(first-person, second-person) pronoun counts."""
    words = _WORD_RE.findall(par.lower())
    return sum(w in _FIRST_PERSON for w in words), sum(w in _SECOND_PERSON for w in words)


def _is_closing(par: str, after_answer: bool) -> bool:
    """A sign-off such as "“Her Smell” is in theaters now." (the caller checks it is last)."""
    if any(_pronouns(par)) or _ends_with_question_mark(par):
        return False
    return bool(_CLOSING_RE.search(par)) or (after_answer and len(par) < _CLOSING_MAX_CHARS)


def _detect_journalistic(pars: list[str], asides: list[bool]) -> list[tuple[Role, str]]:
    """Roles of an unlabelled Q&A: intro, then questions each followed by an answer."""
    roles: list[Role] = [Role.ASIDE if aside else Role.OTHER for aside in asides]
    body = [i for i, aside in enumerate(asides) if not aside]
    previous: Role | None = None
    for k, i in enumerate(body):
        par = pars[i]
        following = pars[body[k + 1]] if k + 1 < len(body) else None
        next_is_question = following is not None and _ends_with_question_mark(following)
        if previous == Role.QUESTION:
            role = Role.ANSWER
        elif _ends_with_question_mark(par) and not next_is_question:
            role = Role.QUESTION
        elif previous is None:
            # Intros address the reader as "you" too; only a question mark starts the Q&A.
            continue
        else:
            first, second = _pronouns(par)
            asks = (
                following is not None
                and not next_is_question
                and second > 0
                and second >= first
                and len(par) < min(_QUESTION_MAX_CHARS, len(following))
            )
            role = Role.QUESTION if asks else Role.ANSWER
        roles[i] = previous = role
    if previous is None:  # no question at all: not an interview we can read
        return [(role, "") for role in roles]
    roles = [Role.INTRO if role == Role.OTHER else role for role in roles]
    last = body[-1]
    after_answer = len(body) > 1 and roles[body[-2]] == Role.ANSWER
    if roles[last] == Role.ANSWER and _is_closing(pars[last], after_answer=after_answer):
        roles[last] = Role.CLOSING
    speakers = {Role.QUESTION: _INTERVIEWER, Role.ANSWER: _INTERVIEWEE}
    return [(role, speakers.get(role, "")) for role in roles]


def _detect_labelled(
    pars: list[str], asides: list[bool], labels: list[str]
) -> list[tuple[Role, str]]:
    """Roles of a transcript whose turns start with "Speaker:"; unlabelled paragraphs
    continue the turn before them."""
    turns: list[tuple[str, str]] = []  # (speaker, the turn's last paragraph)
    for par, aside, label in zip(pars, asides, labels, strict=True):
        if label:
            turns.append((label, par))
        elif turns and not aside:
            turns[-1] = (turns[-1][0], par)
    speakers = list(dict.fromkeys(label for label, _ in turns))
    asked = Counter(label for label, last in turns if _ends_with_question_mark(last))
    by_label = {name: _label_role(name) for name in speakers}
    plain = [name for name in speakers if by_label[name] is None]
    if plain and Role.QUESTION not in by_label.values():
        # Plain names: whoever asks most is the interviewer; max() keeps the first on ties.
        by_label[max(plain, key=lambda name: asked[name])] = Role.QUESTION
    roles: list[tuple[Role, str]] = []
    current: tuple[Role, str] = (Role.INTRO, "")
    for aside, label in zip(asides, labels, strict=True):
        if label:
            current = (by_label[label] or Role.ANSWER, label)
        roles.append((Role.ASIDE, "") if aside else current)
    # An unlabelled sign-off would otherwise continue the last turn; it needs a closing phrase.
    last = max(i for i, aside in enumerate(asides) if not aside)  # labelled, so never empty
    if not labels[last] and _is_closing(pars[last], after_answer=False):
        roles[last] = (Role.CLOSING, "")
    return roles


def _label_role(label: str) -> Role | None:
    """The role a generic label names ("Q", "Interviewer 2", "Int."); None for a name."""
    base = re.sub(r"\s*\d+$", "", label).rstrip(".").lower()
    if base in _QUESTION_LABELS:
        return Role.QUESTION
    return Role.ANSWER if base in _ANSWER_LABELS else None
