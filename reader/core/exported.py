"""How the app's exports say they are its own, and how a study tells one from a transcript:
a summary saved beside the transcripts (Study ▸ Export…, `export -o`, Coded Passages'
Export) is never taken, offered or added as an interview, after a restart and on the
command line as in the window (study_scan.sniff asks here).

The mark is what the exports have always said of themselves, so that summaries saved by
older builds are known too: a Markdown summary's line under its `# Title` that ends
"…, exported from Interview Reader.", and a Word summary's author (File ▸ Info in Word).
A JSON export says its "format" (study_scan).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from reader import APP_NAME

EXPORTED_FROM = f"exported from {APP_NAME}."  # ends the count line at an export's top
EXPORT_AUTHOR = APP_NAME  # a Word export's author
_HEAD_LINES = 6  # the count line is the fifth line at most: title, source, count
_CORE_BYTES = 1 << 16  # a Word file's docProps/core.xml is a few hundred bytes
_WORD_AUTHOR = re.compile(
    rb"<dc:creator>\s*" + re.escape(EXPORT_AUTHOR.encode()) + rb"\s*</dc:creator>"
)


def is_markdown_export(text: str) -> bool:
    """Whether `text`, the start of a text file, is a Markdown summary the app exported."""
    lines = text.lstrip("\ufeff").splitlines()[:_HEAD_LINES]
    ending = f", {EXPORTED_FROM}"
    return (
        bool(lines)
        and lines[0].startswith("# ")
        and any(line.rstrip().endswith(ending) for line in lines[1:])
    )


def is_word_export(path: Path) -> bool:
    """Whether the .docx at `path` is a summary the app exported (its author says so)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as core:
            return _WORD_AUTHOR.search(core.read(_CORE_BYTES)) is not None
    except (OSError, KeyError, EOFError, zipfile.BadZipFile, RuntimeError, zlib.error):
        return False  # not a Word file we can read: said when it is opened
