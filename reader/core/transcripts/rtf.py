"""Rich Text (.rtf), as TextEdit, WordPad, Word and transcription services write it: its
paragraphs in order, read by striprtf, with the characters its code page and Unicode
escapes give ("\\'93", "\\u8364?"). What the page does not show in its text (headers and
footers, footnotes, fonts, pictures, the document's properties) is not read, and neither
is bold: a speaker is known by a "Name:" label, as in a plain text.

A file that opens so ("{\\rtf") is read as Rich Text whatever its suffix: TextEdit's saved
under .txt opened as its markup.
"""

from __future__ import annotations

from reader.core.document import DocumentError
from reader.core.transcripts import Para, Parsed, from_paragraphs


def parse(data: bytes, name: str) -> Parsed:
    from striprtf.striprtf import rtf_to_text  # imported only when an .rtf is opened

    if data.lstrip()[:5] != b"{\\rtf":
        raise DocumentError(f"{name} is not a Rich Text document: it does not open with “{{\\rtf”.")
    # RTF is 7-bit text; a byte past ASCII outside an escape is of the document's code page,
    # most often Windows' Western one.
    markup = data.decode("cp1252", errors="replace")
    try:
        text = rtf_to_text(markup, errors="replace")
    except (LookupError, ValueError, IndexError) as exc:  # a code page or escape it lacks
        raise DocumentError(f"{name} is damaged: its text cannot be read.") from exc
    return from_paragraphs((Para(line) for line in text.split("\n")), "rtf", name, "")
