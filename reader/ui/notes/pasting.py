"""What a paste puts in the notes: a web page's or a word processor's HTML as Markdown
(notes/html_markdown.py: headings, emphasis, links, lists and tables kept, the words as
they are); plain text where there is no HTML, for what the app's own panes copied
(own_copies.py), or when asked (Ctrl+Shift+V); a web address pasted over words, a link of
them, as Obsidian does."""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData

from reader.core.markdown_links import LINK, TARGET, link_text
from reader.ui.notes.html_markdown import markdown_from_html, plain_text_of
from reader.ui.own_copies import OWN_COPY

_ADDRESS = re.compile(rf"(?:https?|ftp)://{TARGET}|mailto:{TARGET}")


def pasted_text(source: QMimeData, selected: str, plain: bool = False) -> str:
    """The text to put in the notes for `source` pasted over `selected` (a selection's
    text, "" for none); `plain`: its plain text, as it is."""
    text = source.text() if source.hasText() else ""
    if not text and source.hasHtml():
        text = plain_text_of(source.html())
    if plain:
        return text
    address = text.strip()
    if _ADDRESS.fullmatch(address):
        words = selected.strip()
        linkable = words and "\u2029" not in selected and not _ADDRESS.fullmatch(words)
        if linkable and not LINK.search(words):
            return f"[{link_text(words)}]({address})"
        return address  # not "<address>", as the HTML of a copied link would give
    if source.hasHtml() and not source.hasFormat(OWN_COPY):
        return markdown_from_html(source.html()) or text  # a code editor's: as it is
    return text
