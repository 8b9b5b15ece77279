"""Light live styling of Markdown in the notes editor; the text itself stays plain Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from PySide6.QtCore import QObject, QSignalBlocker, QTimer
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from reader.core.markdown_emphasis import emphasis_spans
from reader.core.markdown_links import LINK, is_quote_link
from reader.core.offsets import Utf16Index
from reader.ui import theme

HEADING_SCALE = {1: 1.45, 2: 1.25, 3: 1.12, 4: 1.05, 5: 1.0, 6: 1.0}
IN_FENCE = 1  # block state inside a ``` fenced code block
UNSTYLED = -1  # Qt's state of a block never styled
CHUNK_BLOCKS = 150  # styled a tick when styling gradually: a few ms, so typing stays smooth

_HEADING = re.compile(r"^(#{1,6})\s+\S")
_QUOTE = re.compile(r"^\s*>")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_FENCE = re.compile(r"^\s*```")
_CODE = re.compile(r"`[^`]+`")


def links_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of each Markdown link in one line of text."""
    return [(m.start(), m.end(), m.group(2)) for m in LINK.finditer(text)]


@contextmanager
def _unheard(*documents: QTextDocument | None) -> Iterator[None]:
    """Qt says a document's contents changed when only their styling did: those who
    listen to it (its saver, the word count, the Search panel) are not told of styling."""
    with ExitStack() as blockers:
        for document in documents:
            if document is not None:
                blockers.enter_context(QSignalBlocker(document))
        yield


class MarkdownHighlighter(QSyntaxHighlighter):
    """Per-line rules only (plus code fences), so typing re-styles one block at a time.

    Long notes are styled gradually (`style_gradually`): the first lines at once, the
    rest a chunk a tick from the event loop. Until then a block past `_styled_below`
    is left plain and keeps Qt's UNSTYLED state, so each chunk knows where to go on.

    Styling is done here, never queued by Qt, so that the documents styled stay silent
    meanwhile (`_unheard`): to them it would be an edit, to be saved.
    """

    def __init__(self, parent: QObject | None, base_size: float) -> None:
        """`parent`: the document styled (as Qt's), or the object that owns the highlighter
        and so deletes it on the GUI thread, not Python's garbage collection on any."""
        super().__init__(parent)
        self._base_size = base_size
        self._muted = theme.muted_color()
        self._accent = theme.accent_color()
        self._styled_below: int | None = None  # block number; None: every block is styled
        self._chunks = QTimer(self, interval=0)
        self._chunks.timeout.connect(self._style_chunk)

    def style_gradually(self, document: QTextDocument) -> None:
        """Style `document` from the top, a chunk at a time, the first one now."""
        self._attach(document, styled_below=0)
        self._style_chunk()
        if self._styled_below is not None:
            self._chunks.start()

    def styling_done(self) -> bool:
        return self._styled_below is None

    def pause(self) -> None:
        """Gradual styling waits (its editor hidden) until `resume`."""
        self._chunks.stop()

    def resume(self) -> None:
        if self._styled_below is not None:
            self._chunks.start()

    def setDocument(self, document: QTextDocument | None) -> None:
        """Another document (or none) is styled whole: any gradual styling stops."""
        self._attach(document, styled_below=None)

    def _attach(self, document: QTextDocument | None, styled_below: int | None) -> None:
        self._chunks.stop()
        self._styled_below = styled_below
        with _unheard(self.document(), document):
            super().setDocument(document)  # which takes the styling off the one before
            # The pass over every block that Qt would queue, done now while unheard (blocks
            # past the chunks, styled gradually, return at once there).
            super().rehighlight()

    def _style_chunk(self) -> None:
        document = self.document()
        start = self._styled_below
        if document is None or start is None:
            self._chunks.stop()
            return
        self._styled_below = end = start + CHUNK_BLOCKS
        block = document.findBlockByNumber(start)
        with _unheard(document):
            while block.isValid() and block.blockNumber() < end:
                if block.userState() == UNSTYLED:  # else styled as the one before it changed
                    self.rehighlightBlock(block)
                block = block.next()
        if not block.isValid():
            self._styled_below = None
            self._chunks.stop()

    @property
    def _hidden(self) -> QTextCharFormat:
        """Text that takes (almost) no room and no ink."""
        fmt = QTextCharFormat()
        fmt.setFontPointSize(1)
        fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        fmt.setFontLetterSpacing(-0.5)
        fmt.setForeground(QColor(0, 0, 0, 0))
        return fmt

    def restyle(self, base_size: float) -> None:
        """New theme colours or text size: style every line again."""
        self._base_size = base_size
        self._muted = theme.muted_color()
        self._accent = theme.accent_color()
        with _unheard(self.document()):
            self.rehighlight()

    def _format(self, **props: object) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if props.get("bold"):
            fmt.setFontWeight(QFont.Weight.Bold)
        if props.get("italic"):
            fmt.setFontItalic(True)
        if "size" in props:
            fmt.setFontPointSize(float(props["size"]))  # type: ignore[arg-type]
        if "color" in props:
            fmt.setForeground(props["color"])  # type: ignore[arg-type]
        if props.get("mono"):
            fmt.setFontFamilies(["DejaVu Sans Mono", "monospace"])
        if props.get("underline"):
            fmt.setFontUnderline(True)
        return fmt

    def highlightBlock(self, text: str) -> None:
        if self._styled_below is not None and self.currentBlock().blockNumber() >= (
            self._styled_below
        ):
            return  # a later chunk styles it
        # Regexes count code points, setFormat counts UTF-16 units: convert (emoji!).
        self._index = Utf16Index(text)
        previous = self.previousBlockState()
        if _FENCE.match(text):
            self._set(0, len(text), self._format(mono=True, color=self._muted))
            self.setCurrentBlockState(0 if previous == IN_FENCE else IN_FENCE)
            return
        if previous == IN_FENCE:
            self._set(0, len(text), self._format(mono=True))
            self.setCurrentBlockState(IN_FENCE)
            return
        self.setCurrentBlockState(0)
        heading = _HEADING.match(text)
        if heading:
            level = len(heading.group(1))
            size = self._base_size * HEADING_SCALE[level]
            self._set(0, len(text), self._format(bold=True, size=size))
            self._set(0, level, self._format(bold=True, size=size, color=self._muted))
            return
        if _QUOTE.match(text):
            self._set(0, len(text), self._format(italic=True, color=self._muted))
        marker = _LIST_MARKER.match(text)
        if marker:
            self._set(0, marker.end(), self._format(bold=True, color=self._accent))
        strong, emphasis = self._format(bold=True), self._format(italic=True)
        for span in emphasis_spans(text):
            self._merge(span.start, span.end - span.start, strong if span.strong else emphasis)
        code = self._format(mono=True, color=QColor(self._accent))
        for match in _CODE.finditer(text):
            self._merge(match.start(), match.end() - match.start(), code)
        for start, end, url in links_in(text):
            target = end - len(url) - 2
            if is_quote_link(url):  # a quote's link back, or the memo's
                self._quote_chip(start, target, end)
                continue
            # The label reads as a link; the target (a long address) steps back.
            self._merge(start, target - start, self._format(color=self._accent, underline=True))
            small = self._format(color=self._muted, size=self._base_size * 0.8)
            self._merge(target, end - target, small)

    def _quote_chip(self, start: int, target: int, end: int) -> None:
        """A quote's link back, `[↩ Q4](#h-<id>)`, shows as a small chip "↩ Q4": the
        brackets and the highlight id are drawn at no width (the text stays as stored)."""
        chip = self._format(color=self._accent, bold=True, size=self._base_size * 0.85)
        chip.setBackground(theme.mix(theme.text_color(), QColor(theme.current().base), 0.9))
        self._merge(start + 1, target - start - 2, chip)
        for a, b in ((start, start + 1), (target - 1, end)):
            self._set(a, b - a, self._hidden)

    def _set(self, start: int, count: int, fmt: QTextCharFormat) -> None:
        """setFormat in code points of the block's text."""
        a, b = self._index.to_utf16(start), self._index.to_utf16(start + count)
        self.setFormat(a, b - a, fmt)

    def _merge(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        """Add `fmt` over [start, start + length) without losing what is already set: a
        run of one format at a time. A character at a time, each keystroke in a paragraph
        of 20 KB with some emphasis took 40 ms."""
        a, b = self._index.to_utf16(start), self._index.to_utf16(start + length)
        if b <= a:
            return  # nothing to format; self.format(a) past the text's end would abort
        run_start, run_format = a, self.format(a)
        for at in range(a + 1, b + 1):
            here = self.format(at) if at < b else None
            if here == run_format:
                continue
            merged = QTextCharFormat(run_format)
            merged.merge(fmt)
            self.setFormat(run_start, at - run_start, merged)
            if here is not None:
                run_start, run_format = at, here
