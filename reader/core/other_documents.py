"""Documents a transcript is often kept in that the app does not read (an older Word file,
a PDF, Pages, a spreadsheet), known by their suffix or first bytes, and what a
user does to open one: said when such a file is opened or found in a study's folder.

A .doc is judged by its first bytes: Word, WordPad and many transcription tools save Rich
Text, plain text or a Word document (.docx) under that name, and each is read as what it
is; Word's own older format, or a web page saved so, is not."""

from __future__ import annotations

from pathlib import Path

_WORD_AGAIN = "save it as a Word document (.docx) and open that"
# By suffix: what the file is, and what to do.
_BY_SUFFIX = {
    ".doc": f"it is an older Word document (.doc): open it in Word or LibreOffice, {_WORD_AGAIN}",
    ".pdf": (
        "it is a PDF, and a PDF is not read: export the transcript again as .docx or .txt "
        "from the tool that made it, or copy its text into a .txt file"
    ),
    ".pages": (
        "it is a Pages document: in Pages, choose File ▸ Export To ▸ Word…, and open the .docx"
    ),
    ".xlsx": (
        "it is a spreadsheet: save it as tab-separated text (.txt), a turn a row, the name "
        "first, and open that"
    ),
}
_BY_SUFFIX[".xls"] = _BY_SUFFIX[".ods"] = _BY_SUFFIX[".xlsx"]
_PDF_HEAD = b"%PDF-"  # whatever the suffix: a PDF saved as .txt opened as its markup
_DOC = ".doc"
# What a .doc that opens so is: Rich Text, a Word document (a zip), text after a byte
# order mark (UTF-16 has zero bytes).
_DOC_READ = {b"{\\rtf": "rtf", b"PK\x03\x04": "docx", b"\xef\xbb\xbf": "text"}
_DOC_READ[b"\xff\xfe"] = _DOC_READ[b"\xfe\xff"] = "text"


# Word processors' documents, which hold typed transcripts; a study's folder says those it
# leaves out. Its PDFs and spreadsheets are as often consent forms and lists of
# participants: left out quietly.
_TYPED = (".doc", ".pages")


def is_other_document_name(path: Path) -> bool:
    """Whether `path`'s suffix is of a document the app does not read."""
    return path.suffix.lower() in _BY_SUFFIX


def is_typed_document_name(path: Path) -> bool:
    """Whether `path`'s suffix is of a word processor's document the app does not read."""
    return path.suffix.lower() in _TYPED


def is_doc_name(path: Path) -> bool:
    """Whether `path` is named .doc: a transcript or not as its first bytes say."""
    return path.suffix.lower() == _DOC


def doc_kind(head: bytes) -> str:
    """What a .doc whose first bytes are `head` is: "rtf", "docx", "text", or "" for
    Word's own older format (zero bytes in it), a web page or Word's XML, not read."""
    for start, kind in _DOC_READ.items():
        if head.lstrip(b" \t\r\n").startswith(start):
            return kind
    return "" if b"\x00" in head or head.lstrip()[:1] == b"<" else "text"


def why_not_read(path: Path, head: bytes) -> str:
    """Why `path`, whose first bytes are `head` (b"" where it is not read: by its suffix
    alone), cannot be opened and what to do, as "it is …: …"; "" for a file of another
    kind, or a .doc that is Rich Text, text or a Word document."""
    if head.lstrip().startswith(_PDF_HEAD):
        return _BY_SUFFIX[".pdf"]
    if head and is_doc_name(path) and doc_kind(head):
        return ""
    return _BY_SUFFIX.get(path.suffix.lower(), "")
