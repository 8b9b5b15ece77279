"""Lines that end in a time, in digits (`Jane Doe  0:03`) or in words (`Jane Doe 5 minutes
43 seconds`): what Otter's and Teams' text headers end with. The quick tests of every .txt
opened, kept out of reader.core.transcripts so that a plain text (the bundled interview
among them) never imports the transcript readers (start-up, #17)."""

from __future__ import annotations

import re
from collections.abc import Iterator

# The search skips to each colon, and prose has few: a few ms for 5 MB.
_TIME_AT_END_RE = re.compile(r":\d\d[ \t]*$", re.MULTILINE)
# One pattern a unit, each led by its word, which re finds by a fast literal scan: 6 ms for
# 5 MB of text where one pattern led by "\d " took 27.
_SPOKEN_AT_END = tuple(
    re.compile(rf"{unit}s?[ \t]*$", re.MULTILINE) for unit in ("second", "minute", "hour")
)


def time_ends(text: str) -> Iterator[re.Match[str]]:
    """The ends of the lines that end in a time in digits (":03", "1:02:03")."""
    return _TIME_AT_END_RE.finditer(text)


def ends_in_spoken_time(text: str) -> bool:
    """Some line ends in a count and a unit of time ("… 43 seconds"). Each unit's hits are
    checked for the count before them here: prose ending in "just a second" would
    otherwise send a whole file through the line-by-line reading (73 ms for 3.4 MB)."""
    return any(
        hit.start() >= 2 and text[hit.start() - 1] == " " and text[hit.start() - 2].isdigit()
        for unit in _SPOKEN_AT_END
        for hit in unit.finditer(text)
    )


# An export's headers head its turns, the first among its first lines. Only the start of a
# text is looked at: 5 MB of prose, without one, took 20 ms to search to its end.
HEADERS_WITHIN = 64 * 1024  # characters


def may_have_headers(text: str) -> bool:
    """Whether `text` may be Otter's or Teams' text: a line in its first HEADERS_WITHIN
    characters ends in a time."""
    start = text[:HEADERS_WITHIN]
    return next(time_ends(start), None) is not None or ends_in_spoken_time(start)
