"""Otter.ai text exports: a line `Speaker Name  0:03` above each turn.

Any other .txt is left as it is (parse gives None), so a plain transcript's text is the
file's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.interview import Label
from reader.core.transcripts import Para, Parsed, from_paragraphs

# "Jane Doe  0:03" or "Speaker 1  1:02:03": a name, two or more spaces, a time, nothing else.
_HEADER_RE = re.compile(
    r"(?P<name>\S[^\n]{0,60}?)[ \t]{2,}(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})[ \t]*"
)
_MIN_HEADERS = 2
_HEADER_SHARE = 0.3  # of the blocks between blank lines


def parse(text: str, name: str) -> Parsed | None:
    headers = count_headers(text)
    if headers < _MIN_HEADERS:
        return None
    blocks = [block for block in re.split(r"\n[ \t]*\n", text) if block.strip()]
    if headers < _HEADER_SHARE * len(blocks):
        return None
    paras = (Para(line) for line in text.split("\n"))
    return from_paragraphs(paras, "otter-text", name, "", _labels)


def _labels(lines: Sequence[str]) -> list[Label | None]:
    """The headers, and nothing else: the speech under one is speech, whatever its shape
    ("Yes." or "Okay" alone on its line would pass for a name)."""
    return [
        Label(match["name"], match["time"], len(line)) if match else None
        for line in lines
        for match in [_HEADER_RE.fullmatch(line)]
    ]


def count_headers(text: str) -> int:
    """How many lines are Otter headers. A header holds two blanks in a row, which few
    lines of prose do: only those lines meet the regular expression (every .txt opened
    is asked; 5 MB of prose in ~5 ms, where one search over all of it took ~35 ms)."""
    if "  " not in text and "\t" not in text:
        return 0
    return sum(
        1
        for line in text.split("\n")
        if ("  " in line or "\t" in line) and _HEADER_RE.fullmatch(line)
    )
