"""The date an interview was recorded, where its transcript says it, for the Library's
Date column (Fill Participants and Dates from Transcripts).

A line at the top of the text that is a date and little else: Otter's header under the
title ("Tue, Apr 16, 2024 10:02AM • 31:14"), Teams' ("November 3, 2026, 10:02AM"), a typed
transcript's "Date: 14 February 2024"; or Google Meet's title ("Garden talk (2024-03-05
14:00 GMT) - Transcript"). Failing that, the day its file's name holds ("2024-03-05 P01
Ana.txt"), then the day a Word document says it was created (its core properties). A date
without its year (an Otter header of this year, "Tue, 3/5 10:14AM") or with the day and
month in an order that cannot be told ("05/03/2024") gives none: a wrong date in the
column is worse than an empty one.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

from reader.core.document import Document

_TOP_LINES = 6  # the header: title, date, duration, place, ... above the first turn
_LINE_MAX_CHARS = 80
_HEAD_CHARS = 2000  # where the header's lines are; the rest of a long text is not split
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "2024-04-16", "16 April 2024", "Apr 16, 2024": (year, month, day) in the groups of each.
_DATE_RE = re.compile(
    rf"(?P<iso>(\d{{4}})-(\d{{2}})-(\d{{2}}))"
    rf"|(?P<dmy>({_DAY})\s+({_MONTH})\.?,?\s+(\d{{4}}))"
    rf"|(?P<mdy>({_MONTH})\.?\s+({_DAY}),?\s+(\d{{4}}))",
    re.IGNORECASE,
)
# What may stand before the date: a field's name, a weekday.
_BEFORE_RE = re.compile(
    r"(?:(?:date|interview date|date of (?:the )?interview|recorded(?: on)?|recording date)"
    r"\s*[:：]?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?",
    re.IGNORECASE,
)
# Google Meet's title of a transcript: the meeting's name, when it started, " - Transcript".
_MEET_TITLE_RE = re.compile(
    r"[^\n]{0,200}\((\d{4}-\d{2}-\d{2}) \d{1,2}:\d{2}[^()\n]{0,12}\) - Transcript"
)
# A day in a file's name: not among other digits (an id, "P20240305").
_NAME_DATE_RE = re.compile(r"(?<!\d)(\d{4})([-_])(\d{2})\2(\d{2})(?!\d)")
# ... and after it: a time of day, then a duration (Otter's "• 31:14").
_AFTER_RE = re.compile(
    r",?(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s*[•·|]\s*[\dhms: ]{1,12})?",
    re.IGNORECASE,
)


def recording_date(document: Document) -> str:
    """The day the interview was recorded, YYYY-MM-DD, as its transcript says; "" when
    it does not."""
    lines = (line.strip() for line in document.text[:_HEAD_CHARS].split("\n"))
    for line in [line for line in lines if line][:_TOP_LINES]:
        found = date_line(line) or _meet_title_date(line)
        if found:
            return found
    return _file_name_date(document.source) or document.created


def _file_name_date(source: str) -> str:
    """The one day the file's name holds, written YYYY-MM-DD (or with underscores), as
    researchers name transcripts ("2024-03-05 P01 Ana.txt"); "" for none, or two."""
    found = _NAME_DATE_RE.findall(PurePath(source).stem)
    if len(found) != 1:
        return ""
    year, _, month, day = found[0]
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:  # "2024-02-31"
        return ""


def _meet_title_date(line: str) -> str:
    """The day Google Meet's title of its transcript says the meeting started, "Garden
    talk (2024-03-05 14:00 GMT) - Transcript"; "" for another line."""
    match = _MEET_TITLE_RE.fullmatch(line)
    if match is None:
        return ""
    try:
        return date.fromisoformat(match[1]).isoformat()
    except ValueError:  # "2024-02-31"
        return ""


def date_line(line: str) -> str:
    """The date `line` is, YYYY-MM-DD, with a field's name, a weekday, a time and a
    duration around it at most; "" for any other line."""
    if len(line) > _LINE_MAX_CHARS:
        return ""
    match = _DATE_RE.search(line)
    if match is None or not _BEFORE_RE.fullmatch(line, 0, match.start()):
        return ""
    if not _AFTER_RE.fullmatch(line.rstrip(), match.end()):
        return ""
    groups = match.groups()
    if match["iso"]:
        year, month, day = groups[1:4]
    elif match["dmy"]:
        day, month, year = groups[5:8]
    else:
        month, day, year = groups[9:12]
    if not month.isdigit():
        month = str(_MONTHS[month[:3].casefold()])
    try:
        return date(int(year), int(month), int(day.rstrip("stndrh"))).isoformat()
    except ValueError:  # "31 February 2024"
        return ""
