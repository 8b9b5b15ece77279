"""Otter.ai text exports: a line `Speaker Name  0:03` above each turn.

Any other .txt is left as it is (parse gives None), so a plain transcript's text is the
file's text.
"""

from __future__ import annotations

import re

from reader.core.transcripts import Para, Parsed, from_paragraphs, header

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
    """How many lines are Otter headers (every .txt opened is asked)."""
    if "  " not in text and "\t" not in text:
        return 0
    return sum(1 for line in text.split("\n") if header(line))
