"""Text with the line ends the app writes and counts by: "\n", whatever the file had."""

from __future__ import annotations


def lf_line_ends(text: str) -> str:
    """`text` with Windows' "\r\n", old Macs' "\r" and Unicode's paragraph separator
    (U+2029) made "\n". Qt's text documents part paragraphs at each of them (and at
    "\r\n" once): left in, a paragraph's place in Qt was one off the text's from there."""
    if "\r" in text:  # each replace copies the text (megabytes): only when needed
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2029" in text:
        text = text.replace("\u2029", "\n")
    return text
