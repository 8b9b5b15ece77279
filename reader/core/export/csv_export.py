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
from collections.abc import Iterable, Iterator

from reader.core.export.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    Progress,
    color_label,
    place_all,
    question_paragraphs,
    selected,
)
from reader.core.session import Session

COLUMNS = (
    "id",
    "question_number",
    "question_text",
    "speaker",
    "time",
    "start",
    "end",
    "quote",
    "color",
    "color_label",
    "codes",
    "note",
    "created",
    "modified",
    "orphan",
)
TAG_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_MAX = 32_767  # characters; Excel cuts a longer cell as it opens the file


def spreadsheet_time(time: str) -> str:
    """A time as a spreadsheet reads it right: always hours, minutes and seconds
    ("0:01:10"). Excel and LibreOffice take "1:10" for 1 hour 10 minutes, and "1:02:09"
    for what it is: sorted, 1:10 came after 1:02:09, and sums were 60 times too long."""
    return f"0:{time.zfill(5)}" if time.count(":") == 1 else time


def rows(
    session: Session, options: ExportOptions = DEFAULT_OPTIONS
) -> Iterator[tuple[object, ...]]:
    """One tuple per highlight that passes the options' filters, in COLUMNS order."""
    highlights = selected(session, options)
    progress = Progress(options, len(highlights))
    questions = question_paragraphs(session)
    for placed in place_all(session, progress.each(highlights)):
        h, number = placed.highlight, placed.question
        yield (
            h.id,
            "" if number is None else number,
            "" if number is None else "\n".join(questions[number]),
            placed.speaker,
            spreadsheet_time(placed.time),
            h.start,
            h.end,
            h.exact,
            h.color,
            color_label(session, h.color),
            codes_cell(session.code_labels(h)),
            h.note,
            h.created,
            h.modified,
            "true" if h.orphan else "false",
        )


def codes_cell(labels: Iterable[str]) -> str:
    """The codes column: the labels joined by ";", a ";" in one written "\\;" (and a
    backslash "\\\\"), so that "a;b" and the codes "a" and "b" read apart."""
    escaped = (label.replace("\\", "\\\\").replace(";", "\\;") for label in labels)
    return TAG_SEPARATOR.join(escaped)


class _Writer:
    """A csv writer as RFC 4180 asks (minimal quoting, CRLF between records) that makes
    formula cells inert unless `raw` (see the module's docstring)."""

    def __init__(self, buffer: io.StringIO, raw: bool) -> None:
        self._out = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self._raw = raw

    def writerow(self, row: Iterable[object]) -> None:
        if self._raw:
            self._out.writerow(row)
        else:
            self._out.writerow([neutralise(v) if isinstance(v, str) else v for v in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(buffer: io.StringIO, options: ExportOptions = DEFAULT_OPTIONS) -> _Writer:
    return _Writer(buffer, options.raw_cells)


def export_csv(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    buffer = io.StringIO()
    out = writer(buffer, options)
    out.writerow(COLUMNS)
    out.writerows(rows(session, options))
    return buffer.getvalue().encode("utf-8-sig")


def excel_caution(data: bytes) -> str:
    """What to tell the user of a CSV export (`data`) that Excel would cut: "" when every
    cell fits in Excel's; LibreOffice, pandas and Python's csv read longer cells whole."""
    if len(data) <= EXCEL_CELL_MAX:  # no cell can be longer than the file
        return ""
    text = data.decode("utf-8-sig")
    cut = sum(len(cell) > EXCEL_CELL_MAX for row in csv.reader(io.StringIO(text)) for cell in row)
    if not cut:
        return ""
    cells = "a cell" if cut == 1 else f"{cut} cells"
    return (
        f"{cells} longer than the {EXCEL_CELL_MAX:,} characters Excel holds in one (a long "
        "quote or note): Excel cuts them; LibreOffice and pandas read them whole"
    )


def neutralise(value: str) -> str:
    """`value`, made inert for a spreadsheet when it would start a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
