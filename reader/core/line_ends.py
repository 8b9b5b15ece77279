"""Text with the line ends the app writes and counts by: "\n", whatever the file had."""

from __future__ import annotations


def lf_line_ends(text: str) -> str:
    """`text` with Windows' "\r\n" and old Macs' "\r" made "\n"."""
    if "\r" not in text:  # each replace copies the text (megabytes): only when needed
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
