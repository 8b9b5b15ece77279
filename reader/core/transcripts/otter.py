"""Otter.ai text exports, a line `Speaker Name  0:03` above each turn, and Teams'
transcripts copied from the app into a .txt (`Speaker Name 0:03`, or the time on a line
of its own under the name or above it).

Any other .txt is left as it is (parse gives None), so a plain transcript's text is the
file's text.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.core.transcripts import Para, Parsed, from_paragraphs, header, recurring

_MIN_HEADERS = 2
_HEADER_SHARE = 0.3  # of the blocks between blank lines
# The end of a line that ends in a time: what a header ends with. The search skips to
# each colon, and prose has few: a few ms for 5 MB.
_TIME_AT_END_RE = re.compile(r":\d\d[ \t]*$", re.MULTILINE)
# A time alone on its line: Teams' transcript pane copied as text writes a turn's name and
# time on two lines, the name first ("Jane Doe\n0:03\n…") or, in some versions, the time
# first ("0:03\nJane Doe\n…"). Such a pair is read as the one-line header "Jane Doe 0:03".
_TIME_LINE = r"[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]*"
_TIME_LINE_RE = re.compile(_TIME_LINE)
_ANY_TIME_LINE_RE = re.compile(rf"^{_TIME_LINE}$", re.MULTILINE)


def parse(text: str, name: str) -> Parsed | None:
    text = joined_headers(text)
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
    for end in _TIME_AT_END_RE.finditer(text):
        headers.append(header(text[text.rfind("\n", 0, end.start()) + 1 : end.end()]))
    return sum(match is not None for match in recurring(headers))


def joined_headers(text: str) -> str:
    """`text` with each time alone on its line joined to the name beside it, into one
    header line; the name stands above the times or under them all through a file, as the
    side where names recur says (speech seldom repeats a line); above where neither does."""
    if _ANY_TIME_LINE_RE.search(text) is None:  # most files: one quick search
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
        sides.append((sum(n for n in counts.values() if n > 1), side, names, pairs))
    _, side, names, pairs = max(sides, key=lambda found: (found[0], -found[1]))
    if not names:
        return text
    for i, joined in names.items():
        lines[i] = joined
    dropped = {pairs[i] for i in names}
    return "\n".join(line for n, line in enumerate(lines) if n not in dropped)
