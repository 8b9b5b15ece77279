"""Light live styling of Markdown in the notes editor; the text itself stays plain Markdown."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from reader.core.offsets import Utf16Index
from reader.ui import theme

HEADING_SCALE = {1: 1.45, 2: 1.25, 3: 1.12, 4: 1.05, 5: 1.0, 6: 1.0}
IN_FENCE = 1  # block state inside a ``` fenced code block

_HEADING = re.compile(r"^(#{1,6})\s+\S")
_QUOTE = re.compile(r"^\s*>")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_FENCE = re.compile(r"^\s*```")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])")
_CODE = re.compile(r"`[^`]+`")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def links_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) of each Markdown link in one line of text."""
    return [(m.start(), m.end(), m.group(2)) for m in _LINK.finditer(text)]


class MarkdownHighlighter(QSyntaxHighlighter):
    """Per-line rules only (plus code fences), so typing re-styles one block at a time."""

    def __init__(self, document: QTextDocument, base_size: float) -> None:
        super().__init__(document)
        self._base_size = base_size
        self._muted = theme.muted_color()
        self._accent = theme.accent_color()

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
        if self.document() is not None:
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
        for pattern, fmt in (
            (_BOLD, self._format(bold=True)),
            (_ITALIC, self._format(italic=True)),
            (_CODE, self._format(mono=True, color=QColor(self._accent))),
        ):
            for match in pattern.finditer(text):
                self._merge(match.start(), match.end() - match.start(), fmt)
        for start, end, url in links_in(text):
            target = end - len(url) - 2
            if url.startswith("#h-"):
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
        """Add `fmt` over [start, start + length) without losing what is already set."""
        for i in range(start, start + length):
            merged = QTextCharFormat(self.format(self._index.to_utf16(i)))
            merged.merge(fmt)
            self._set(i, 1, merged)
