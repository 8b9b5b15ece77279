"""One row per highlight, for spreadsheets and data tools.

RFC 4180: a header row, CRLF between records, fields quoted only when they must be. Text
inside a field (a multi-line note) keeps its own LF line ends. UTF-8 with a byte order
mark, which Excel and LibreOffice need to detect UTF-8; pandas reads it with
`encoding="utf-8-sig"`, Python's csv module with `open(..., encoding="utf-8-sig",
newline="")`.

A cell a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return: OWASP's list) gets a leading apostrophe, which spreadsheets read as "text"; a tag
like `=cmd|' /C calc'!A0` then stays a tag. `ExportOptions.raw_cells` turns this off.
"""

from __future__ import annotations

import csv
import io

from reader.core.export.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    Progress,
    color_label,
    place,
    question_paragraphs,
    selected,
)
from reader.core.session import Session

COLUMNS = (
    "id",
    "question_number",
    "question_text",
    "speaker",
    "start",
    "end",
    "quote",
    "color",
    "color_label",
    "tags",
    "note",
    "created",
    "modified",
    "orphan",
)
TAG_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_csv(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    highlights = selected(session, options)
    progress = Progress(options, len(highlights))
    questions = question_paragraphs(session)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    cell = (lambda value: value) if options.raw_cells else neutralise
    for h in progress.each(highlights):
        placed = place(session, h)
        number = placed.question
        row = (
            h.id,
            "" if number is None else number,
            "" if number is None else "\n".join(questions[number]),
            placed.speaker,
            h.start,
            h.end,
            h.exact,
            h.color,
            color_label(session, h.color),
            TAG_SEPARATOR.join(h.tags),
            h.note,
            h.created,
            h.modified,
            "true" if h.orphan else "false",
        )
        writer.writerow([cell(value) if isinstance(value, str) else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def neutralise(value: str) -> str:
    """`value`, made inert for a spreadsheet when it would start a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
