"""Otter.ai text exports, a line `Speaker Name  0:03` above each turn, and Teams'
transcripts copied from the app into a .txt (`Speaker Name 0:03`).

Any other .txt is left as it is (parse gives None), so a plain transcript's text is the
file's text.
"""

from __future__ import annotations

import re

from reader.core.transcripts import Para, Parsed, from_paragraphs, header, recurring

_MIN_HEADERS = 2
_HEADER_SHARE = 0.3  # of the blocks between blank lines
# The end of a line that ends in a time: what a header ends with. The search skips to
# each colon, and prose has few: a few ms for 5 MB.
_TIME_AT_END_RE = re.compile(r":\d\d[ \t]*$", re.MULTILINE)


def parse(text: str, name: str) -> Parsed | None:
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
