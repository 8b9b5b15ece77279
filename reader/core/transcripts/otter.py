"""Otter.ai text exports: a line `Speaker Name  0:03` above each turn.

Any other .txt is left as it is (parse gives None), so a plain transcript's text is the
file's text.
"""

from __future__ import annotations

import re

from reader.core.transcripts import HEADER_RE, Para, Parsed, from_paragraphs

_MIN_HEADERS = 2
_HEADER_SHARE = 0.3  # of the blocks between blank lines


def parse(text: str, name: str) -> Parsed | None:
    headers = count_headers(text)
    if headers < _MIN_HEADERS:
        return None
    blocks = [block for block in re.split(r"\n[ \t]*\n", text) if block.strip()]
    if headers < _HEADER_SHARE * len(blocks):
        return None
    return from_paragraphs((Para(line) for line in text.split("\n")), "otter-text", name, "")


def count_headers(text: str) -> int:
    """How many lines are Otter headers. A header holds two blanks in a row, which few
    lines of prose do: only those lines meet the regular expression (every .txt opened
    is asked; 5 MB of prose in ~5 ms, where one search over all of it took ~35 ms)."""
    if "  " not in text and "\t" not in text:
        return 0
    return sum(
        1
        for line in text.split("\n")
        if ("  " in line or "\t" in line) and HEADER_RE.fullmatch(line)
    )
