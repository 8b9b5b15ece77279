"""The notes' rendered preview: the Markdown as it reads, block quotes as quotes, a quote's
link back as one chip; it loads no file or URL, opens where the editor is, and gives a
narrow pane's quotes most of its width."""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser

from reader.core.markdown_lines import merge_markers_apart, shown_words
from reader.core.markdown_links import CHIP_SPACE
from reader.ui import theme

# ![alt](url): shown as a link named for the image, so the preview never fetches it.
_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
EMPTY_PREVIEW = (
    "*The preview of your research notes: nothing written yet.*\n\n"
    "Write in the editor (Ctrl+Shift+P goes back to it); quotes taken with Q link back "
    "to their passage here."
)
EMPTY_MEMO_PREVIEW = (
    "*The preview of the study memo: nothing written yet.*\n\n"
    "Quotes taken with Q while the memo shows link back to their interview and passage."
)
NO_HTML = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


def style_quotes(
    document: QTextDocument,
    background: QColor | None = None,
    color: QColor | None = None,
    indent: float = 18,
) -> None:
    """Block quotes as quotes (Qt's Markdown gives them only an indent on the left): `indent`
    on both sides (a nested one's more on the left) and italic, on `background` and in
    `color` where given. The preview sets them on a tint of the theme; a printout, on paper
    whatever the theme, in grey."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # laid out once, not after each quote (long notes: 1.4 s)
    chars = QTextCharFormat()
    chars.setFontItalic(True)
    if color is not None:
        chars.setForeground(color)
    block = document.firstBlock()
    while block.isValid():
        if level := block.blockFormat().intProperty(QTextFormat.Property.BlockQuoteLevel):
            fmt = block.blockFormat()
            if background is not None:
                fmt.setBackground(background)
            fmt.setLeftMargin(indent * level)
            fmt.setRightMargin(indent)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.mergeCharFormat(chars)
        block = block.next()
    cursor.endEditBlock()


def headings_whole(document: QTextDocument) -> None:
    """Each heading in its size and weight throughout: Qt's Markdown gives the words of an
    emphasis in a heading ("## Routine and *control*") the body's size."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()  # laid out once, as style_quotes
    block = document.firstBlock()
    while block.isValid():
        if level := block.blockFormat().headingLevel():
            heading = QTextCharFormat()
            heading.setProperty(QTextFormat.Property.FontSizeAdjustment, 4 - level)  # as Qt's
            heading.setFontWeight(QFont.Weight.Bold)
            cursor.setPosition(block.position())
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.mergeCharFormat(heading)
        block = block.next()
    cursor.endEditBlock()


def without_images(markdown: str) -> str:
    return _IMAGE.sub(lambda m: f"[🖼 {m.group(1) or 'image'}](", markdown)


class NotesPreview(QTextBrowser):
    """The rendered notes. Notes arrive by sync from anywhere, so rendering them loads no
    file and no URL: `![x](file:///dev/zero)` once aborted the app, a FIFO froze it."""

    def loadResource(self, kind: int, name: QUrl) -> object:
        if kind == QTextDocument.ResourceType.ImageResource.value:
            placeholder = QImage(16, 16, QImage.Format.Format_ARGB32)
            placeholder.fill(QColor(128, 128, 128, 60))
            return placeholder
        return ""  # not null: a null answer makes QTextDocument read local files itself

    def render(self, markdown: str, memo: bool) -> None:
        """`markdown` shown (what the preview is, while it is empty), scrolled as it was."""
        kept = self.verticalScrollBar().value()
        document = self.document()
        # A quote's chip whole ("↩ Q2" broke between its arrow and its label), in notes
        # written before its space was a no-break one too.
        markdown = without_images(markdown).replace("[↩ ", f"[↩{CHIP_SPACE}")
        markdown = merge_markers_apart(markdown)  # lines changed on both sides, each apart
        empty = EMPTY_MEMO_PREVIEW if memo else EMPTY_PREVIEW
        # No raw HTML, as in the exports: "<name of ward>" shows as typed (taken as a tag,
        # it hid all that followed); tables and the rest of GitHub's dialect stay.
        document.setMarkdown(markdown if markdown.strip() else empty, NO_HTML)
        document.setBaseUrl(QUrl("notes:"))
        headings_whole(document)
        self._style_quotes()
        self.verticalScrollBar().setValue(kept)

    def quote_indent(self) -> int:
        """A quote's indent on each side: less in a narrow pane (at 1024 px Qt's 40 left
        its words a column of 125 px, three or four a line)."""
        return min(40, max(6, self.viewport().width() // 25))

    def _style_quotes(self) -> None:
        self._indent = self.quote_indent()
        tint = theme.mix(theme.text_color(), QColor(theme.current().base), 0.93)
        style_quotes(self.document(), tint, indent=self._indent)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if getattr(self, "_indent", None) not in (None, self.quote_indent()):
            self._style_quotes()

    def open_at(self, editor: QPlainTextEdit) -> None:
        """At the paragraph at the top of `editor` (found by its first words as shown, the
        n-th of them as in the editor), or at the top: it kept the scroll it had, or
        opened near the foot."""
        block = editor.firstVisibleBlock()
        words = ""
        while block.isValid() and not (words := shown_words(block.text())):
            block = block.next()
        document, found = self.document(), QTextCursor(self.document())
        if words and editor.verticalScrollBar().value() > 0:
            skip = 0  # the same words higher up in the editor: as many passed here
            earlier = editor.document().find(words)
            while not earlier.isNull() and earlier.selectionStart() < block.position():
                skip += 1
                earlier = editor.document().find(words, earlier)
            for _ in range(skip + 1):
                after = document.find(words, found)
                if after.isNull():
                    break
                found = after
        top = QTextCursor(found.block())
        self.setTextCursor(top)  # the keys go on from there
        rect = document.documentLayout().blockBoundingRect(top.block())
        self.verticalScrollBar().setValue(round(rect.top()) if top.blockNumber() else 0)
