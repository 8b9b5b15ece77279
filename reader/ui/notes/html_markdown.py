"""A web page's or a word processor's HTML as the Markdown the notes hold, written here
from the document Qt reads it into: headings, emphasis, links, lists, quotes, tables
and preformatted lines kept; pictures, colours and fonts left out. Its words come as they
are, never escaped: Qt's own writer put a backslash before "[", "*", "<" or "`" wherever
Markdown might read one, joined lines broken by <br>, and wrote a blank line after each
preformatted line. Line breaks stay line breaks; paragraphs apart on the page (a margin
or an empty paragraph between them) are a blank line apart.

markdownify (1.2.3, on BeautifulSoup), configured not to escape, was tried in its place on
2026-12-02: 2 of the 9 pages of tests/ui/test_notes_editing.py came out right. It ends
<br> with a backslash or two spaces, sets <div>s a blank line apart, writes a table whose
cell holds "|" or a line break as a broken Markdown table, leaves a space in a link's
address (a broken link), keeps links to the page's own anchors ("#top"), and takes
Google Docs' bold as the whole paste (its <b style="font-weight:normal"> wrapper) while
missing its real bold (font-weight:700 spans, which Qt reads); and it takes 140 ms to
import. Qt has parsed the page for the paste already."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QFont,
    QFontInfo,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
    QTextTable,
)

from reader.core.markdown_emphasis import is_punctuation
from reader.core.markdown_links import LINK, TARGET
from reader.core.word_lists import html_lists

_LINE_BREAK = "\u2028"  # a <br> in the text Qt reads
_OBJECT = "\ufffc"  # a picture's place
_NUMBERED = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
_BOLD, _ITALIC, _STRUCK = "**", "*", "~~"  # opened in this order, closed in the other
_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.DOTALL)


def markdown_from_html(html: str) -> str:
    """`html` as Markdown (GitHub's dialect, as the preview reads it); "" for text that is
    all code (a code editor's or a terminal's copy), whose plain text pastes as it is."""
    document = _read(html)
    if _all_code(document):
        return ""
    pieces: list[_Piece] = []
    gap = False  # an empty paragraph since the last piece
    quote_step = 0.0  # while in a block quote, its left margin a level
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            pieces.append(_Piece(_table(table), "table"))
            while block.isValid() and block.position() <= table.lastPosition():
                block = block.next()
            gap = False
            continue
        # Qt marks a quote's first paragraph alone; the others, and a quote in it, share
        # only its left margin (40 pixels a level).
        block_format = block.blockFormat()
        level = block_format.property(QTextFormat.Property.BlockQuoteLevel) or 0
        margin = block_format.leftMargin()
        if level and margin > 0:
            quote_step = quote_step or margin / level
        elif margin < quote_step:
            quote_step = 0.0
        depth = max(level, round(margin / quote_step)) if quote_step else level
        piece = _block(block, depth)
        if piece is None:
            gap = True
        else:
            piece.apart = gap or not pieces or _apart(pieces[-1], piece)
            if not piece.apart and piece.kind == "pre" == pieces[-1].kind:
                pieces[-1].text += "\n" + piece.text  # one code block
                pieces[-1].bottom = piece.bottom
            else:
                pieces.append(piece)
            gap = False
        block = block.next()
    written = ""
    for above, piece in zip([None, *pieces], pieces, strict=False):
        if above is not None:
            # Paragraphs of one quote are apart by a line of its marks, not a blank one
            # (which would end the quote and begin another).
            marks = "> " * min(above.quote, piece.quote)
            written += f"\n{marks.rstrip()}\n" if piece.apart else "\n"
        written += piece.written()
    return written.rstrip(" ")  # Qt keeps the space a page's last line end makes


@dataclass
class _Piece:
    """A paragraph, heading, list item, quote, code block or table as written, with what
    says whether it is a blank line apart from the one before."""

    text: str
    kind: str  # "paragraph", "heading", "item", "quote", "pre", "table" or "rule"
    top: float = 0.0  # the block's margins on the page, in pixels
    bottom: float = 0.0
    apart: bool = True  # a blank line before it
    quote: int = 0  # how deep in block quotes

    def written(self) -> str:
        if self.kind != "pre":
            return self.text
        fence = "~~~" if "```" in self.text else "```"
        return f"{fence}\n{self.text}\n{fence}"


def _apart(above: _Piece, below: _Piece) -> bool:
    """Whether two blocks next to each other are a blank line apart: unless both are of a
    kind (lines of a poem or an address, items of one list) with no margin between."""
    joined = above.kind == below.kind and above.kind in ("paragraph", "item", "quote", "pre")
    return not joined or above.bottom > 0 or below.top > 0


def _block(block: QTextBlock, quotes: int) -> _Piece | None:
    """The block as written, `quotes` block quotes deep; None for an empty one."""
    block_format = block.blockFormat()
    top, bottom = block_format.topMargin(), block_format.bottomMargin()
    if block_format.hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth):
        return _Piece("---", "rule")
    if block_format.nonBreakableLines():  # <pre>: as it is
        text = block.text().replace(_LINE_BREAK, "\n").replace(_OBJECT, "")
        return _Piece(text, "pre", top, bottom) if text.strip() else None
    level = block_format.headingLevel()
    text = _inline(_fragments(block), bold=not level)
    if not text.strip():
        return None
    if level:
        return _Piece(f"{'#' * level} {text}", "heading", top, bottom)
    quote = "> " * quotes
    items = block.textList()
    if items is None:
        kind = "quote" if quote else "paragraph"
        return _Piece(_prefixed(text, quote, quote), kind, top, bottom, quote=quotes)
    list_format = items.format()
    depth = max(list_format.indent(), 1)
    if list_format.style() in _NUMBERED:
        marker = f"{list_format.start() + items.itemNumber(block)}. "
    else:
        marker = "- "
    indent = "    " * (depth - 1)  # past its parent's marker, "- " or "10. " alike
    return _Piece(
        _prefixed(text, quote + indent + marker, quote + " " * len(indent + marker)),
        "item",
        top,
        bottom,
        quote=quotes,
    )


def _prefixed(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0], *(rest + line for line in lines[1:])])


def _table(table: QTextTable) -> str:
    """A Markdown table, the first row its head. A cell's "|" is escaped, and its lines
    are joined by spaces: a table cell of Markdown holds one line (GitHub's "<br>" is raw
    HTML, which the preview and exports do not run): a table stays a table."""
    rows = [
        [
            " ".join(_cell(table, row, column).replace("|", "\\|").split("\n"))
            for column in range(table.columns())
        ]
        for row in range(table.rows())
    ]
    lines = [f"| {' | '.join(row)} |" for row in rows]
    lines.insert(1, f"|{' --- |' * table.columns()}")
    return "\n".join(lines)


def _cell(table: QTextTable, row: int, column: int) -> str:
    """A cell's text, its paragraphs a line each (in the head row, bold is its look)."""
    cell = table.cellAt(row, column)
    if cell.row() != row or cell.column() != column:
        return ""  # spanned by the cell before it
    lines = []
    block, last = cell.firstCursorPosition().block(), cell.lastCursorPosition().block()
    while block.isValid():
        lines.append(_inline(_fragments(block), bold=row > 0))
        if block == last:
            break
        block = block.next()
    return "\n".join(lines).strip()


@dataclass(frozen=True)
class _Run:
    """Words of one look: their text, link and emphasis."""

    text: str
    link: str
    styles: tuple[str, ...]  # of _BOLD, _ITALIC, _STRUCK, in that order
    code: bool


def _fragments(block: QTextBlock) -> Iterator[tuple[str, QTextCharFormat]]:
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        if not fragment.charFormat().isImageFormat():
            text = fragment.text().replace(_OBJECT, "").replace(_LINE_BREAK, "\n")
            yield text, fragment.charFormat()
        fragments += 1


def _inline(fragments: Iterator[tuple[str, QTextCharFormat]], bold: bool) -> str:
    """The text of `fragments` with its emphasis, code and links (`bold`: its bold too,
    which a heading's or a table head's own look is not)."""
    runs: list[_Run] = []
    for text, char_format in fragments:
        link, code = _address(char_format.anchorHref()), _fixed_pitch(char_format)
        run = _Run(text, link, _styles(char_format, bold), code)
        if runs and (runs[-1].link, runs[-1].styles, runs[-1].code) == (
            run.link,
            run.styles,
            run.code,
        ):
            runs[-1] = _Run(runs[-1].text + text, run.link, run.styles, run.code)
        else:
            runs.append(run)
    runs = _flanking(runs)
    written = []
    start = 0
    for end in range(1, len(runs) + 1):  # each link's runs together
        if end == len(runs) or runs[end].link != runs[start].link:
            written.append(_linked(runs[start].link, _emphasised(runs[start:end])))
            start = end
    return "".join(written)


def _flanking(runs: list[_Run]) -> list[_Run]:
    """`runs` with the punctuation at an edge of emphasised words moved out of the emphasis
    where a letter or digit touches it outside: CommonMark reads `**“quoted”**word` and
    `a**(b)**` as no emphasis (marks between a letter and punctuation do not flank the
    words), `**“quoted**”word` and `a(**b**)` as bold."""
    flanked: list[_Run] = []
    for index, run in enumerate(runs):
        before = flanked[-1] if flanked else None
        after = runs[index + 1] if index + 1 < len(runs) else None
        text, lead, tail = run.text, "", ""
        if before and before.text[-1].isalnum() and set(run.styles) - set(before.styles):
            moved = _punctuation_run(text)
            lead, text = text[:moved], text[moved:]
        if text and after and after.text[0].isalnum() and set(run.styles) - set(after.styles):
            kept = len(text) - _punctuation_run(text[::-1])
            text, tail = text[:kept], text[kept:]
        for part, styles in (
            (lead, tuple(s for s in run.styles if before and s in before.styles)),
            (text, run.styles),
            (tail, tuple(s for s in run.styles if after and s in after.styles)),
        ):
            if part:
                flanked.append(_Run(part, run.link, styles, run.code))
    return flanked


def _punctuation_run(text: str) -> int:
    """How many characters `text` starts with that are punctuation or symbols."""
    return next((i for i, char in enumerate(text) if not is_punctuation(char)), len(text))


def _styles(char_format: QTextCharFormat, bold: bool) -> tuple[str, ...]:
    return tuple(
        style
        for style, on in (
            (_BOLD, bold and char_format.fontWeight() >= QFont.Weight.DemiBold),
            (_ITALIC, char_format.fontItalic()),
            (_STRUCK, char_format.fontStrikeOut()),
        )
        if on
    )


def _fixed_pitch(char_format: QTextCharFormat) -> bool:
    """Code: Qt gives <code>, <pre> and <tt> the family "monospace", which the system
    resolves to a font of its own, not always one Qt takes for fixed-pitch (Noto Sans Mono,
    where Debian's fonts-noto-mono is installed, is not)."""
    return (
        "monospace" in (char_format.fontFamilies() or ())
        or char_format.fontFixedPitch()
        or QFontInfo(char_format.font()).fixedPitch()
    )


def _emphasised(runs: list[_Run]) -> str:
    """The runs' text with their emphasis marks, each hugging the words it marks (never
    "** bold**", which Markdown does not read as bold), and code spans."""
    written: list[str] = []
    opened: list[str] = []
    spaces = ""  # after the last words written: the marks closing go before them
    for run in runs:
        before, words, after = _EDGES.fullmatch(run.text).groups()
        if not words:
            spaces += run.text
            continue
        while opened and not set(opened) <= set(run.styles):
            written.append(opened.pop())
        written.append(spaces + before)
        for style in run.styles:
            if style not in opened:
                opened.append(style)
                written.append(style)
        written.append(_code_span(words) if run.code else words)
        spaces = after
    written.extend(reversed(opened))
    return "".join(written) + spaces


def _code_span(words: str) -> str:
    """`words` as code: between more backticks than any run of them in it."""
    ticks = "`" * (max((len(r) for r in re.findall("`+", words)), default=0) + 1)
    pad = " " if words.startswith("`") or words.endswith("`") else ""
    return f"{ticks}{pad}{words}{pad}{ticks}"


def _address(href: str) -> str:
    """A link's address as the notes can hold it; "" for none, or for one that leads
    nowhere from the notes (a place on the page, "#top"; an address of the page's site)."""
    if not href or QUrl(href).isRelative():
        return ""
    if not re.fullmatch(TARGET, href):
        href = QUrl(href).toEncoded().data().decode("ascii")  # spaces as %20
    return href if re.fullmatch(TARGET, href) else ""


def _linked(address: str, text: str) -> str:
    before, words, after = _EDGES.fullmatch(text).groups()
    if not address or not words or words == address:
        return text
    link = f"[{words}]({address})"
    if not LINK.fullmatch(link):  # brackets or a line break in the words
        link = f"{words} ({address})"
    return before + link + after


def _all_code(document: QTextDocument) -> bool:
    """Whether all text of `document` is in a fixed-pitch font, or preformatted."""
    block = document.begin()
    while block.isValid():
        if not block.blockFormat().nonBreakableLines():
            for text, char_format in _fragments(block):
                if text.strip() and not _fixed_pitch(char_format):
                    return False
        block = block.next()
    return True


def plain_text_of(html: str) -> str:
    """The text of `html`, as a page that copied no plain text shows it; its pictures left
    out (Qt gives each as U+FFFC, which a copied picture pasted into the notes)."""
    return _read(html).toPlainText().replace("\ufffc", "")


def _read(html: str) -> QTextDocument:
    document = _NothingLoaded()
    document.setHtml(html_lists(html))  # Word's lists are paragraphs on the clipboard
    return document


class _NothingLoaded(QTextDocument):
    """Pasted HTML loads no picture or style sheet: a link to one on this computer (a
    FIFO, /dev/zero) would be read, and could hang the app."""

    def loadResource(self, kind: int, name: QUrl) -> object:
        return ""  # not null: a null answer makes QTextDocument read local files itself
