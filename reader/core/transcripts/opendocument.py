"""OpenDocument text (.odt): paragraphs and headings in order, tables' cells included; a
bold span at a paragraph's start may be a speaker's name, and a table's row of a time, a
name and words a timed turn, as in a Word document. Words Writer does not show (hidden
text) and words that are not the paragraph's (notes, comments, alt text, text boxes, ruby
readings) are not read.

Read with zipfile and ElementTree: odfpy (last released 2020) would only walk the same XML,
and the bold styles still have to be resolved by hand.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from reader.core.document import DocumentError
from reader.core.transcripts import (
    Para,
    Parsed,
    TextStyles,
    check_zip,
    from_paragraphs,
    timed_row,
)

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
# Drawings: pictures with their alt text (svg:title, svg:desc), text boxes (a caption, a
# sidebar), shapes. Their words are not the paragraph's (ODF 1.2 §6.1.1), and Word's text
# boxes and alt text are not read either.
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
# Notes and comments (not words said mid-sentence), the record of tracked changes (the
# deleted words).
_SKIPPED = {f"{_TEXT}note", f"{_TEXT}tracked-changes", f"{_OFFICE}annotation"}
_WHITE_SPACE_RE = re.compile("[ \t\r\n]+")  # XML's, not Unicode's: a no-break space is text


def parse(data: bytes, name: str) -> Parsed:
    check_zip(data, name, "content.xml", "an OpenDocument text (.odt)")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml")
        styles = archive.read("styles.xml") if "styles.xml" in archive.namelist() else b""
    try:
        root = ElementTree.fromstring(content)
        found = _styles([root, ElementTree.fromstring(styles)] if styles else [root])
    except ElementTree.ParseError as exc:
        raise DocumentError(f"{name} is damaged: its text cannot be read.") from exc
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    paras = list(_paragraphs(body, found)) if body is not None else []
    if not any(p.text.strip() for p in paras):
        raise DocumentError(
            f"{name} has no text (only images, text boxes, hidden text or empty paragraphs)."
        )
    return from_paragraphs(paras, "odt", name, "utf-8")


def _styles(roots: list[ElementTree.Element]) -> TextStyles:
    """Paragraph and text styles alike: a paragraph's style is its words' too."""
    bold, hidden = {"Strong_20_Emphasis"}, set()
    for style in itertools.chain.from_iterable(root.iter(f"{_STYLE}style") for root in roots):
        props = style.find(f"{_STYLE}text-properties")
        if props is None:
            continue
        if props.get(f"{_FO}font-weight") in ("bold", "700", "800", "900"):
            bold.add(style.get(f"{_STYLE}name", ""))
        if props.get(f"{_TEXT}display") == "none":
            hidden.add(style.get(f"{_STYLE}name", ""))
    return TextStyles(frozenset(bold), frozenset(hidden))


def _left_out(element: ElementTree.Element, styles: TextStyles) -> bool:
    """Whether the element's words are not read: not the paragraph's (`_SKIPPED`, drawings),
    or hidden by its style, by being a hidden section (a conditionally hidden one is read:
    its condition is not worked out here) or by being a hidden text field that is hidden."""
    tag = element.tag
    return (
        tag in _SKIPPED
        or tag.startswith(_DRAW)
        or element.get(f"{_TEXT}style-name") in styles.hidden
        or element.get(f"{_TEXT}display") == "none"
        or (tag == f"{_TEXT}hidden-text" and element.get(f"{_TEXT}is-hidden") == "true")
    )


def _paragraphs(element: ElementTree.Element, styles: TextStyles) -> Iterator[Para]:
    for child in element:
        if _left_out(child, styles):
            continue
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            if not _hidden_by_field(child):
                content = _Content()
                _inline(child, child.get(f"{_TEXT}style-name") in styles.bold, styles, content)
                yield content.para(_heading_level(child))
        elif child.tag == f"{_TABLE}table-row":
            cells = _cells(child, styles)
            yield from timed_row(cells) or itertools.chain.from_iterable(cells)
        else:
            yield from _paragraphs(child, styles)  # lists, sections, tables


def _heading_level(paragraph: ElementTree.Element) -> int:
    """A text:h's outline level (1 when it gives none, as ODF says), 0 for a text:p."""
    if paragraph.tag != f"{_TEXT}h":
        return 0
    level = paragraph.get(f"{_TEXT}outline-level", "1")
    return max(1, int(level)) if level.isdigit() else 1


def _hidden_by_field(paragraph: ElementTree.Element) -> bool:
    """Whether a hidden paragraph field in the paragraph hides it now."""
    fields = paragraph.iter(f"{_TEXT}hidden-paragraph")
    return any(field.get(f"{_TEXT}is-hidden") == "true" for field in fields)


def _cells(row: ElementTree.Element, styles: TextStyles) -> list[list[Para]]:
    """The paragraphs of a table row's cells. A cell merged across columns or down rows is
    followed by covered cells in its place, which hold no words as a rule: one is a cell
    here only when it does, so that a merged cell counts once, as Word writes one."""
    cells = []
    for cell in row:
        paras = list(_paragraphs(cell, styles))
        if cell.tag == f"{_TABLE}table-cell" or any(para.text.strip() for para in paras):
            cells.append(paras)
    return cells


class _Content:
    """A paragraph's text as it is read, in pieces, each bold or not. White space in the
    XML's text collapses as ODF 1.2 §6.1.2 says: a run of spaces, tabs and line ends is one
    space, none at the paragraph's start (a pretty-printed file's indents and line ends);
    text:s, text:tab and text:line-break are the spaces, tabs and breaks Writer writes."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, bool]] = []
        self.after_space = True  # so a paragraph's leading white space is dropped

    def characters(self, text: str | None, is_bold: bool) -> None:
        text = _WHITE_SPACE_RE.sub(" ", text or "")
        if self.after_space:
            text = text.removeprefix(" ")
        if text:
            self.pieces.append((text, is_bold))
            self.after_space = text.endswith(" ")

    def spacing(self, text: str, is_bold: bool) -> None:
        """Space that an element writes, kept as it is: a space after it is one more (as
        Writer reads one)."""
        self.pieces.append((text, is_bold))
        self.after_space = False

    def para(self, heading: int) -> Para:
        text = "".join(piece for piece, _ in self.pieces)
        lead = 0
        for piece, is_bold in self.pieces:
            if not is_bold and piece.strip():
                break
            lead += len(piece)
        return Para(text, lead, heading)


def _inline(element: ElementTree.Element, is_bold: bool, styles: TextStyles, out: _Content) -> None:
    out.characters(element.text, is_bold)
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            out.spacing(" " * min(int(count) if count.isdigit() else 1, 100), is_bold)
        elif tag == f"{_TEXT}tab":
            out.spacing("\t", is_bold)
        elif tag == f"{_TEXT}line-break":
            out.spacing("\n", is_bold)
        elif tag == f"{_TEXT}ruby":
            # Its base alone: its reading (text:ruby-text) is shown above the base, and
            # white space between the two is not text.
            for base in child.iterfind(f"{_TEXT}ruby-base"):
                _inline(base, is_bold, styles, out)
        elif not _left_out(child, styles):
            inner = is_bold or child.get(f"{_TEXT}style-name") in styles.bold
            _inline(child, inner, styles, out)
        out.characters(child.tail, is_bold)
