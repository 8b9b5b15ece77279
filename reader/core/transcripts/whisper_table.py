"""Whisper's segments as a table of times and words, a row each, times in milliseconds:

- openai-whisper and WhisperX (`-f tsv`): a header "start<tab>end<tab>text", each text
  on one line, its tabs made spaces (whisper/utils.py, WriteTSV);
- whisper.cpp (`-ocsv`): "start,end,text", each text in double quotes (a quote in it
  doubled), and with `--diarize` on a stereo recording a "speaker" column before the
  text, "0", "1" or "?" (examples/cli/cli.cpp, output_csv).

Any other table (a spreadsheet of turns, "Name<tab>words") is left as it is (parse gives
None): its text is read as a typed transcript's.
"""

from __future__ import annotations

import csv

from reader.core.document import DocumentError
from reader.core.transcripts import Cue, Parsed, from_cues
from reader.core.transcripts.whisper import speaker_name

# The header rows of the tools' tables, as columns.
_HEADERS = (("start", "end", "text"), ("start", "end", "speaker", "text"))


def parse(text: str, name: str) -> Parsed | None:
    """The timed cues of Whisper's table; None for a table of another shape."""
    head, _, body = text.lstrip().partition("\n")
    delimiter = "\t" if "\t" in head else ","
    columns = tuple(column.strip() for column in head.split(delimiter))
    if columns not in _HEADERS:
        return None
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    rows = csv.reader(body.splitlines(keepends=True), delimiter=delimiter, quoting=quoting)
    try:  # each row's line in the file: the header's is the first
        cues = [_cue(row, columns, delimiter, name, rows.line_num + 1) for row in rows if any(row)]
    except csv.Error as exc:
        raise DocumentError(f"{name} is not a valid table: {exc}.") from exc
    return from_cues(cues, "whisper-tsv" if delimiter == "\t" else "whisper-csv", name)


def _cue(row: list[str], columns: tuple[str, ...], delimiter: str, name: str, line: int) -> Cue:
    """The cue of one row: its start and end (ms), its speaker's channel, its words (a
    delimiter in them, where the tool wrote them unquoted, kept)."""
    start, end = (_ms(time) for time in row[:2]) if len(row) >= len(columns) else (None, None)
    if start is None or end is None:
        example = delimiter.join(("0", "4000", *columns[2:])).replace("\t", "<tab>")
        raise DocumentError(
            f"{name}: line {line} is not a row of times in milliseconds and words (“{example}”)."
        )
    speaker = row[2] if "speaker" in columns else ""
    words = delimiter.join(row[len(columns) - 1 :])
    return Cue(words, start, end, speaker_name(speaker))


def _ms(time: str) -> int | None:
    """A cell's time: milliseconds as the tools write them ("4200"), or seconds with a
    decimal point ("4.2"), as a script's table of Whisper's segments has them (pandas'
    to_csv); None for neither."""
    time = time.strip()
    if time.isdigit():
        return int(time)
    whole, point, fraction = time.partition(".")
    if point and whole.isdigit() and fraction.isdigit():
        return round(float(time) * 1000)
    return None
