"""What a paste puts in the notes: a web page's or a word processor's HTML as Markdown,
read and written by Qt (headings, bold and italic, links, lists and tables kept; pictures,
colours and fonts left out); plain text where there is no HTML, or when asked
(Ctrl+Shift+V); a web address pasted over words, a link of them, as Obsidian does.

Qt's Markdown writer breaks paragraphs at 80 columns; the notes editor wraps its lines
itself, so the breaks are taken out again here (in Markdown a line break inside a
paragraph is a space)."""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QFontInfo, QTextCursor, QTextDocument, QTextFormat

from reader.core.markdown_links import LINK, TARGET, link_text

_ADDRESS = re.compile(rf"(?:https?|ftp)://{TARGET}|mailto:{TARGET}")
_QUOTE_PREFIX = re.compile(r"(?:> ?)*")
# What starts a block of its own (after a quote's "> " and an item's indent): a line
# starting otherwise continues the paragraph above it, broken by the writer.
_BLOCK_START = re.compile(r"[-*+] |\d+[.)] |#|\||```|~~~")
# The writer escapes these at the start of each run of text (so that "- 3" is no list
# item), mid-line too ("said **no** \- twice"), where Markdown needs no escape. Its own
# escapes: a backslash typed is written doubled.
_NEEDLESS_ESCAPE = re.compile(r"(?<!\\)\\([-+#])|(?<![\\\d])(\d+)\\([.)] )")
_FENCE = ("```", "~~~")
_LEFT_OUT = (
    QTextFormat.Property.TextUnderlineStyle,
    QTextFormat.Property.FontUnderline,
    QTextFormat.Property.TextToolTip,  # a link's title
)


def pasted_text(source: QMimeData, selected: str, plain: bool = False) -> str:
    """The text to put in the notes for `source` pasted over `selected` (a selection's
    text, "" for none); `plain`: its plain text, as it is."""
    text = source.text() if source.hasText() else ""
    if not text and source.hasHtml():
        text = _document(source.html()).toPlainText()
    if plain:
        return text
    address = text.strip()
    if _ADDRESS.fullmatch(address):
        words = selected.strip()
        linkable = words and "\u2029" not in selected and not _ADDRESS.fullmatch(words)
        if linkable and not LINK.search(words):
            return f"[{link_text(words)}]({address})"
        return address  # not "<address>", as the HTML of a copied link would give
    if source.hasHtml():
        return markdown_from_html(source.html()) or text  # a code editor's: as it is
    return text


def markdown_from_html(html: str) -> str:
    """`html` as Markdown (GitHub's dialect, as the preview reads it), without pictures,
    underlining (Markdown has none: `_x_` is italic), links' titles (which the notes do
    not read as links) or runs of blank lines; "" for text that is all code (a code
    editor's or a terminal's copy), which would come in code spans or a code block with a
    blank line after each of its lines."""
    document = _document(html)
    runs = []
    code = True  # so far
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            format_ = fragment.charFormat()
            runs.append((fragment.position(), fragment.length(), format_))
            if code and fragment.text().strip() and not block.blockFormat().nonBreakableLines():
                code = format_.fontFixedPitch() or QFontInfo(format_.font()).fixedPitch()
            fragments += 1
        block = block.next()
    if code:
        return ""
    cursor = QTextCursor(document)
    for position, length, format_ in reversed(runs):  # a picture taken out moves what follows
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        if format_.isImageFormat():
            cursor.removeSelectedText()
            continue
        for left_out in _LEFT_OUT:
            format_.clearProperty(left_out)
        cursor.setCharFormat(format_)
    written = document.toMarkdown(QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    return _unwrapped(written).strip("\n")


class _NothingLoaded(QTextDocument):
    """Pasted HTML loads no picture or style sheet: a link to one on this computer (a
    FIFO, /dev/zero) would be read, and could hang the app."""

    def loadResource(self, kind: int, name: QUrl) -> object:
        return ""  # not null: a null answer makes QTextDocument read local files itself


def _document(html: str) -> QTextDocument:
    document = _NothingLoaded()
    document.setHtml(html)
    return document


def _unwrapped(markdown: str) -> str:
    """`markdown` with each paragraph, list item and quote on one line, and no more than
    one blank line in a row; code blocks as they are."""
    lines: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        prefix = _QUOTE_PREFIX.match(line).group()
        body = line[len(prefix) :].lstrip(" ")
        if body.startswith(_FENCE):
            fenced = not fenced
        elif fenced:
            pass
        elif lines and _continues(lines[-1], prefix, body):
            lines[-1] = lines[-1].rstrip(" ") + " " + _unescaped(body)
            continue
        elif not line.strip() and lines and not lines[-1].strip():
            continue  # a second blank line
        else:  # its first character's escape is needed
            start = len(line) - len(body) + 1
            line = line[:start] + _unescaped(line[start:])
        lines.append(line)
    return "\n".join(lines)


def _unescaped(text: str) -> str:
    return _NEEDLESS_ESCAPE.sub(r"\1\2\3", text)


def _continues(above: str, prefix: str, body: str) -> bool:
    """Whether a line (its quote `prefix` and `body`) continues the paragraph of the line
    `above` it."""
    above_prefix = _QUOTE_PREFIX.match(above).group()
    above_body = above[len(above_prefix) :].lstrip(" ")
    return bool(
        body
        and above_body
        and above_prefix == prefix
        and not _BLOCK_START.match(body)
        and not above_body.startswith(("#", "|", *_FENCE))
        and above_body != "- - -"
    )
