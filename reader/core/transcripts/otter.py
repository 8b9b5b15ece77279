"""Otter.ai text exports, a line `Speaker Name  0:03` above each turn, and Teams'
transcripts copied from the app into a .txt (`Speaker Name 0:03`, or the time on a line
of its own under the name or above it, or in words as a screen reader says it:
`Speaker Name 5 minutes 43 seconds`).

Any other .txt is left as it is (parse gives None), so a plain transcript's text is the
file's text.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.core.sync import format_time
from reader.core.timed_lines import ends_in_spoken_time, time_ends
from reader.core.transcripts import Para, Parsed, from_paragraphs, header, recurring

_MIN_HEADERS = 2
_HEADER_SHARE = 0.3  # of the blocks between blank lines
# A time alone on its line: Teams' transcript pane copied as text writes a turn's name and
# time on two lines, the name first ("Jane Doe\n0:03\n…") or, in some versions, the time
# first ("0:03\nJane Doe\n…"). Such a pair is read as the one-line header "Jane Doe 0:03".
_TIME_LINE = r"[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]*"
_TIME_LINE_RE = re.compile(_TIME_LINE)


# Teams' pane copied in its screen readers' form says each entry's time in words after the
# name, "Jane Doe 5 minutes 43 seconds" ("1 hour 2 minutes 3 seconds", "43 seconds",
# "1 minute"), on the line above the speech. Where the speaker changes, the pane's own
# heading comes first: the speaker's initials ("JD"), the name, and the time in words and
# digits run together ("5 minutes 43 seconds5:43"). An entry Teams names no one for is
# its time in digits, then in words.
_SPOKEN = r"\d{1,2} (?:hours?|minutes?|seconds?)(?: \d{1,2} (?:minutes?|seconds?)){0,2}"
_SPOKEN_HEADER_RE = re.compile(rf"(?P<name>\S[^\n]*?) (?P<time>{_SPOKEN})[ \t]*")
_SPOKEN_ALONE_RE = re.compile(
    rf"[ \t]*(?P<time>{_SPOKEN})(?P<digits>(?:\d{{1,2}}:)?\d{{1,2}}:\d\d)?[ \t]*"
)
_UNITS = ("hour", "minute", "second")
_INITIALS_RE = re.compile(r"[ \t]*[A-Z]{1,3}[ \t]*")


def parse(text: str, name: str) -> Parsed | None:
    text = joined_headers(spoken_headers(text))
    headers = count_headers(text)
    if headers < _MIN_HEADERS:
        return None
    blocks = [block for block in re.split(r"\n[ \t]*\n", text) if block.strip()]
    if headers < _HEADER_SHARE * len(blocks):
        return None
    return from_paragraphs((Para(line) for line in text.split("\n")), "otter-text", name, "")


def count_headers(text: str) -> int:
    """How many lines are turn headers (every .txt opened is asked): only the lines that
    end in a time are looked at."""
    headers = []
    for end in time_ends(text):
        headers.append(header(text[text.rfind("\n", 0, end.start()) + 1 : end.end()]))
    return sum(match is not None for match in recurring(headers))


def joined_headers(text: str) -> str:
    """`text` with each time alone on its line joined to the name beside it, into one
    header line; the name stands above the times or under them all through a file, as the
    side where names recur says (speech seldom repeats a line); above where neither does."""
    # Only the lines ending in a time are looked at (the colon-led search: 3 ms for 5 MB);
    # a search for a whole line, tried at every position, took 24.
    if not any(
        _TIME_LINE_RE.fullmatch(text, text.rfind("\n", 0, end.start()) + 1, end.end())
        for end in time_ends(text)
    ):
        return text
    lines = text.split("\n")
    times = [i for i, line in enumerate(lines) if _TIME_LINE_RE.fullmatch(line)]
    sides = []
    for side in (-1, 1):
        pairs = {i: i + side for i in times if 0 <= i + side < len(lines)}
        names = {
            i: f"{lines[j].strip()} {lines[i].strip()}"
            for i, j in pairs.items()
            if not _TIME_LINE_RE.fullmatch(lines[j]) and header(f"{lines[j].strip()} 0:00")
        }
        counts = Counter(lines[pairs[i]].strip() for i in names)
        # A name heads other turns too (as `recurring` asks of a header): a time said
        # alone in speech is not joined to the line beside it, out of the words' order.
        names = {i: joined for i, joined in names.items() if counts[lines[pairs[i]].strip()] > 1}
        sides.append((sum(n for n in counts.values() if n > 1), side, names, pairs))
    _, side, names, pairs = max(sides, key=lambda found: (found[0], -found[1]))
    if not names:
        return text
    for i, joined in names.items():
        lines[i] = joined
    dropped = {pairs[i] for i in names}
    return "\n".join(line for n, line in enumerate(lines) if n not in dropped)


def spoken_headers(text: str) -> str:
    """`text` with each header whose time is in words ("Jane Doe 5 minutes 43 seconds")
    as one in digits ("Jane Doe 5:43"), and without the pane's headings, which say again
    what the headers say, nor the times of entries no one is named for (their speech goes
    on the turn before). A line is a header only where its name heads other lines too: a
    line of speech ending in "waited 5 minutes" seldom starts the same way twice."""
    if not ends_in_spoken_time(text):  # most files: quick searches
        return text
    lines = text.split("\n")
    found: dict[int, tuple[str, str]] = {}
    for i, line in enumerate(lines):
        match = _SPOKEN_HEADER_RE.fullmatch(line)
        if match and (clock := _clock(match["time"])) and header(f"{match['name']} 0:00"):
            found[i] = (match["name"], clock)
    names = Counter(name for name, _ in found.values())
    # Where the pane's headings were copied too, they name every speaker: a line of speech
    # ending in a duration ("It took 5 minutes", "It took 10 minutes") is not a header.
    headings = set()
    for i, line in enumerate(lines[1:], start=1):
        alone = _SPOKEN_ALONE_RE.fullmatch(line)
        if alone and alone["digits"] and alone["digits"] == _clock(alone["time"]):
            headings.add(lines[i - 1].strip())
    found = {
        i: (name, clock)
        for i, (name, clock) in found.items()
        if (name in headings if headings else names[name] > 1)
    }
    if not found:
        return text
    headed = {name for name, _ in found.values()}
    dropped: set[int] = set()
    for i, line in enumerate(lines):
        alone = _SPOKEN_ALONE_RE.fullmatch(line)
        if alone is None or i == 0 or (clock := _clock(alone["time"])) is None:
            continue
        above = lines[i - 1].strip()
        if alone["digits"] == clock and above in headed:  # a heading: initials, name, time
            dropped |= {i, i - 1}
            if i > 1 and _INITIALS_RE.fullmatch(lines[i - 2]):
                dropped.add(i - 2)
        elif alone["digits"] is None and above == clock:  # a time, no name
            dropped |= {i, i - 1}
    for i, (name, clock) in found.items():
        lines[i] = f"{name} {clock}"
    return "\n".join(line for n, line in enumerate(lines) if n not in dropped)


def _clock(spoken: str) -> str | None:
    """A time in words as Teams writes it in digits: "1 hour 2 minutes 3 seconds" as
    "1:02:03", "5 minutes 43 seconds" as "5:43", "1 minute" as "1:00"; None where the
    units are not in that order or a count is too big for its unit."""
    parts = [
        (int(count), unit) for count, unit in re.findall(r"(\d+) (hour|minute|second)", spoken)
    ]
    order = [_UNITS.index(unit) for _, unit in parts]
    if order != sorted(set(order)):
        return None
    value = {unit: count for count, unit in parts}
    hours, minutes, seconds = (value.get(unit, 0) for unit in _UNITS)
    if minutes > 59 or seconds > 59:
        return None
    return format_time(((hours * 60 + minutes) * 60 + seconds) * 1000)
