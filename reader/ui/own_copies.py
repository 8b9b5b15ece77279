"""What the app's own panes copy (the reader, the notes) is marked as theirs: pasted into
the notes, it comes as its plain text, as it is, not read as a web page's HTML (whose
styling of the reader's questions would come as bold, and whose words Markdown might
read otherwise)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData

OWN_COPY = "application/x-interview-reader-copy"


def own_copy(text: str, html: str = "") -> QMimeData:
    """A copy of `text` (and its look, `html`, for a word processor), marked as ours.
    Not Qt's text edit copy marked: it lists its formats itself, the mark left out."""
    data = QMimeData()
    data.setText(text)
    if html:
        data.setHtml(html)
    data.setData(OWN_COPY, b"1")
    return data
