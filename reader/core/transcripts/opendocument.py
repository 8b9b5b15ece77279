"""OpenDocument text (.odt): paragraphs and headings in order, tables' cells included; a
bold span at a paragraph's start may be a speaker's name, and a table's row of a time, a
name and words a timed turn, as in a Word document.

Read with zipfile and ElementTree: odfpy (last released 2020) would only walk the same XML,
and the bold styles still have to be resolved by hand.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from reader.core.document import DocumentError
from reader.core.transcripts import Para, Parsed, check_zip, from_paragraphs, timed_row

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_SKIPPED = {f"{_TEXT}note", f"{_TEXT}tracked-changes", f"{_OFFICE}annotation"}


def parse(data: bytes, name: str) -> Parsed:
    check_zip(data, name, "content.xml", "an OpenDocument text (.odt)")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml")
        styles = archive.read("styles.xml") if "styles.xml" in archive.namelist() else b""
    try:
        root = ElementTree.fromstring(content)
        bold = _bold_styles(root)
        if styles:
            bold |= _bold_styles(ElementTree.fromstring(styles))
    except ElementTree.ParseError as exc:
        raise DocumentError(f"{name} is damaged: its text cannot be read.") from exc
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    paras = list(_paragraphs(body, bold)) if body is not None else []
    if not any(p.text.strip() for p in paras):
        raise DocumentError(f"{name} has no text (only images or empty paragraphs).")
    return from_paragraphs(paras, "odt", name, "utf-8")


def _bold_styles(root: ElementTree.Element) -> set[str]:
    names = {"Strong_20_Emphasis"}
    for style in root.iter(f"{_STYLE}style"):
        props = style.find(f"{_STYLE}text-properties")
        if props is not None and props.get(f"{_FO}font-weight") in ("bold", "700", "800", "900"):
            names.add(style.get(f"{_STYLE}name", ""))
    return names


def _paragraphs(element: ElementTree.Element, bold: set[str]) -> Iterator[Para]:
    for child in element:
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            pieces: list[tuple[str, bool]] = []
            _inline(child, child.get(f"{_TEXT}style-name") in bold, bold, pieces)
            yield _para(pieces)
        elif child.tag == f"{_TABLE}table-row":
            cells = _cells(child, bold)
            yield from timed_row(cells) or itertools.chain.from_iterable(cells)
        elif child.tag not in _SKIPPED:
            yield from _paragraphs(child, bold)  # lists, sections, tables, frames


def _cells(row: ElementTree.Element, bold: set[str]) -> list[list[Para]]:
    """The paragraphs of a table row's cells. A cell merged across columns or down rows is
    followed by covered cells in its place, which hold no words as a rule: one is a cell
    here only when it does, so that a merged cell counts once, as Word writes one."""
    cells = []
    for cell in row:
        paras = list(_paragraphs(cell, bold))
        if cell.tag == f"{_TABLE}table-cell" or any(para.text.strip() for para in paras):
            cells.append(paras)
    return cells


def _inline(
    element: ElementTree.Element, is_bold: bool, bold: set[str], out: list[tuple[str, bool]]
) -> None:
    if element.text:
        out.append((element.text, is_bold))
    for child in element:
        tag = child.tag
        if tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            out.append((" " * min(int(count) if count.isdigit() else 1, 100), is_bold))
        elif tag == f"{_TEXT}tab":
            out.append(("\t", is_bold))
        elif tag == f"{_TEXT}line-break":
            out.append(("\n", is_bold))
        elif tag not in _SKIPPED:
            inner = is_bold or child.get(f"{_TEXT}style-name") in bold
            _inline(child, inner, bold, out)
        if child.tail:
            out.append((child.tail, is_bold))


def _para(pieces: list[tuple[str, bool]]) -> Para:
    text = "".join(piece for piece, _ in pieces)
    lead = 0
    for piece, is_bold in pieces:
        if not is_bold and piece.strip():
            break
        lead += len(piece)
    return Para(text, lead)
