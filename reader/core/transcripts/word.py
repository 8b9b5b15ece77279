"""Word documents (.docx): paragraphs in order, tables' cells included, with the words Word
shows with tracked changes accepted (two paragraphs whose mark between them is deleted
read as one; not hidden text, nor a ruby's reading; text boxes and alt text are not read
either); a bold run at a paragraph's start may be a speaker's name, and a table's row of
a time, a name and words a timed turn. Teams' transcripts are Word documents too."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reader.core.document import DocumentError
from reader.core.interview import format_ms
from reader.core.transcripts import (
    Para,
    Parsed,
    TextStyles,
    check_zip,
    cue_time_ms,
    from_paragraphs,
    timed_row,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.text.run import CT_R
    from docx.styles.style import ParagraphStyle
    from lxml.etree import _Element

# Teams' older transcripts (Stream's): a paragraph a cue, its timing "0:0:3.528 -->
# 0:0:7.1", the speaker's name and the speech on lines of their own.
_TEAMS_CUE_RE = re.compile(
    r"(?P<start>\d{1,2}:\d{1,2}:\d{1,2}\.\d{1,3}) --> [\d:.]+\n(?P<name>[^\n]{1,60})\n(?=\S)"
)


# When python-docx's default template was made, the creation date of every document
# started from it that sets none of its own: not a date of the interview.
_TEMPLATE_DATE = datetime(2013, 12, 23, 23, 15, tzinfo=UTC)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME_RE = re.compile(r"heading ([1-9])")
_BLOCKS = {_W + "p", _W + "tbl"}
# What wraps paragraphs and tables, a table's rows or a row's cells without being one: a
# content control (a form's field, its properties aside) and custom XML. The words inside
# are the document's.
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml"}
# What wraps runs inside a paragraph: the above, an insertion or a move here (tracked
# changes; a deletion or a move away, w:del and w:moveFrom, is not shown, so not read), a
# smart tag, a field shown as its value, a link, and right-to-left or bidirectional text.
# Word shows these runs with tracked changes accepted.
_GONE = ("del", "moveFrom")  # what tracked changes took away: not shown, so not read
_RUN_WRAPPERS = _WRAPPERS | {
    _W + tag for tag in ("ins", "moveTo", "smartTag", "fldSimple", "hyperlink", "dir", "bdo")
}


def parse(data: bytes, name: str) -> Parsed:
    document, paragraphs = _read(data, name)
    parsed = from_paragraphs(paragraphs, "docx", name, "utf-8")
    return replace(parsed, created=_created(document.core_properties))


def paragraphs_text(data: bytes, name: str) -> str:
    """The document's paragraphs as they are, one a line (a table's cells each one): the
    plain text another program takes from a simple document, where `parse` makes turns
    of it. DocumentError as `parse`."""
    return "\n".join(paragraph.text for paragraph in _read(data, name)[1])


def _read(data: bytes, name: str) -> tuple[WordDocument, list[Para]]:
    """The document and its paragraphs; DocumentError for what cannot be read."""
    # Word Online and SharePoint may name the main part word/document2.xml.
    check_zip(data, name, "word/document.xml", "a Word document (.docx)", r"word/document\d+\.xml")
    import docx  # python-docx: imported only when a .docx is opened
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentError(f"{name} is not a Word document (.docx) that can be read.") from exc
    except (SyntaxError, AttributeError, TypeError) as exc:
        # lxml's XMLSyntaxError: a damaged part; python-docx's own errors on parts it
        # does not expect (a document.xml in another namespace, a link with no target)
        raise DocumentError(f"{name} is damaged: its text cannot be read.") from exc
    try:
        return document, list(_paragraphs(document))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise DocumentError(f"{name} is damaged: its text cannot be read.") from exc


def _created(properties: object) -> str:
    """The day the document was created, YYYY-MM-DD; "" when it does not say, says
    what python-docx cannot read (an empty date), or says the date python-docx's own
    template carries (documents made by scripts)."""
    try:
        created = properties.created  # type: ignore[attr-defined]
        author = properties.author  # type: ignore[attr-defined]
    except (AttributeError, TypeError, ValueError):
        return ""
    if created is None or (author == "python-docx" and created == _TEMPLATE_DATE):
        return ""
    return created.date().isoformat()


def _paragraphs(document: WordDocument) -> Iterator[Para]:
    from docx.enum.style import WD_STYLE_TYPE

    # Character styles, looked up once: Run.style searches all styles on each call.
    characters = [style for style in document.styles if style.type == WD_STYLE_TYPE.CHARACTER]
    paragraphs = [style for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH]
    styles = TextStyles(
        bold=frozenset(style.style_id for style in characters if style.font.bold),
        hidden=frozenset(style.style_id for style in characters if style.font.hidden),
        headings={
            style.style_id: level for style in paragraphs if (level := _heading_level(style))
        },
    )
    return _blocks(document.element.body, styles)


def _heading_level(style: ParagraphStyle) -> int:
    """1 for "Title" and "Heading 1", 2 for "Heading 2"...: by the name Word keeps in
    English in any language, or else by the outline level of the style or of one it is
    based on (a "Question" style made from "Heading 2"); 0 for a style of no heading."""
    for _ in range(10):  # a chain of bases; Word writes no loops, but a file might
        name = (style.name or "").casefold()
        if name == "title":
            return 1
        if heading := _HEADING_NAME_RE.fullmatch(name):
            return int(heading[1])
        outline = style.element.find(f"{_W}pPr/{_W}outlineLvl")
        if outline is not None and (level := outline.get(f"{_W}val", "")).isdigit():
            return int(level) + 1 if int(level) < 9 else 0  # 9: body text
        if (base := style.base_style) is None:
            return 0
        style = base
    return 0


def _blocks(container: _Element, styles: TextStyles) -> Iterator[Para]:
    """The paragraphs of a body or a table's cell in document order, those of its tables'
    cells included. A cell is read as written, once: python-docx's rows give a cell merged
    across columns once a column, and one merged down rows again in each row under it."""
    held: Para | None = None  # a paragraph whose mark is deleted: it joins the next
    for child in _inside(container, _BLOCKS, _WRAPPERS):
        if child.tag == _W + "p":
            para = _para(child, styles)
            para = para if held is None else _joined(held, para)
            held = para if _mark_deleted(child) else None
            if held is None:
                yield para
            continue
        if held is not None:  # before a table, as it is
            yield held
            held = None
        for row in _inside(child, {_W + "tr"}, _WRAPPERS):
            row_cells = _inside(row, {_W + "tc"}, _WRAPPERS)
            cells = [list(_blocks(cell, styles)) for cell in row_cells]
            yield from timed_row(cells) or itertools.chain.from_iterable(cells)
    if held is not None:  # the last mark, which Word keeps: a file may not
        yield held


def _mark_deleted(paragraph: _Element) -> bool:
    """Whether the paragraph's mark is deleted or moved away with tracked changes on (two
    paragraphs joined, or one deleted whole): Word shows it one with the next, the changes
    accepted."""
    mark = paragraph.find(f"{_W}pPr/{_W}rPr")
    return mark is not None and any(mark.find(_W + tag) is not None for tag in _GONE)


def _joined(first: Para, then: Para) -> Para:
    """One paragraph of two whose mark between them is deleted: the words of both, a bold
    name opening the first (or, where all of it is bold or it is empty, both), the style
    of the second, whose mark stays."""
    bold = first.bold + then.bold if first.bold == len(first.text) else first.bold
    return Para(first.text + then.text, bold, then.heading)


# What a run's elements other than w:t show: a break of any kind (a page or column break
# too, which python-docx's run.text drops, gluing the words either side) ends a line.
_RUN_CHARACTERS = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}


# Insert ▸ Symbol keeps a character of a symbol font (w:sym): its code in the font, from
# U+F000 on. Symbol's Greek and mathematics and Wingdings' faces and ticks, as Unicode.
_SYMBOL_FONT = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ",
        strict=True,
    )
) | dict(zip("\xa3\xa5\xac\xae\xb0\xb1\xb3\xb4\xb7\xb8\xb9\xbb\xd6", "≤∞←→°±≥×•÷≠≈√", strict=True))
_WINGDINGS = dict(zip("JLlnüûþý", "☺☹●■✔✘☑☒", strict=True))
_SYMBOL_FONTS = {"symbol": _SYMBOL_FONT, "wingdings": _WINGDINGS}


def _symbol(font: str, code: str) -> str:
    """The character Word shows for a w:sym: as Unicode where known, else as kept (a
    character of the font's own area), never nothing, which glued the words beside it."""
    try:
        number = int(code, 16)
    except ValueError:
        return "\ufffd"
    if not 0x20 <= number <= 0x10FFFF or 0xD800 <= number <= 0xDFFF:  # no character
        return "\ufffd"
    own = chr(number - 0xF000) if 0xF000 <= number <= 0xF0FF else chr(number)
    return _SYMBOL_FONTS.get(font.casefold(), {}).get(own, chr(number))


def _run_text(run: CT_R) -> str:
    """The run's text as Word shows it, with a ruby's base (python-docx's leaves the ruby
    out, base and all); the ruby's reading (w:rt), shown above its base, is not read, as
    in an .odt. Read from the elements at once: python-docx's run.text runs an XPath query
    for each run, a second on a long transcript."""
    parts: list[str] = []
    for child in run.iterchildren():
        tag = child.tag
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in _RUN_CHARACTERS:
            parts.append(_RUN_CHARACTERS[tag])
        elif tag == _W + "sym":
            parts.append(_symbol(child.get(_W + "font", ""), child.get(_W + "char", "")))
        elif tag == _W + "ruby":
            for base in child.iterfind(f"{_W}rubyBase"):
                parts.extend(_run_text(r) for r in _inside(base, {_W + "r"}, _RUN_WRAPPERS))
    return "".join(parts)


def _inside(element: _Element, wanted: set[str], wrappers: set[str]) -> Iterator[_Element]:
    """The children of `element` with a tag in `wanted`, in document order, those inside
    children with a tag in `wrappers` too, however deep."""
    for child in element.iterchildren():
        if child.tag in wanted:
            yield child
        elif child.tag in wrappers:
            yield from _inside(child, wanted, wrappers)


def _hidden(own: bool | None, by_style: bool) -> bool:
    """A run's own setting, where it has one (w:vanish w:val="0" shows it), before its
    style's."""
    return by_style if own is None else own


def _para(paragraph: _Element, styles: TextStyles) -> Para:
    from docx.text.font import Font

    # Not python-docx's text: it takes only the runs directly in the paragraph or a link.
    runs: list[CT_R] = [
        run
        for run in _inside(paragraph, {_W + "r"}, _RUN_WRAPPERS)
        if not _hidden(Font(run).hidden, run.style in styles.hidden)  # type: ignore[union-attr]
    ]
    texts = [_run_text(run) for run in runs]
    bold = 0
    for run, text in zip(runs, texts, strict=True):
        if Font(run).bold or run.style in styles.bold or not text.strip():
            bold += len(text)
        else:
            break
    text = "".join(texts)
    named = paragraph.find(f"{_W}pPr/{_W}pStyle")
    heading = styles.headings.get(named.get(f"{_W}val", ""), 0) if named is not None else 0
    # A break opening the paragraph (a page break before it) starts no line of its own,
    # and the bold name after it still opens the paragraph.
    lead = len(text) - len(text.lstrip("\n"))
    text, bold = text[lead:], max(0, bold - lead)
    cue = _TEAMS_CUE_RE.match(text)
    if cue is None:
        return Para(text, bold, heading)
    # Read as Teams' newer header, "Name   0:03" above the speech: to the second, so the
    # fraction counts for nothing, however it is read (`cue_time_ms`'s `teams`).
    return Para(f"{cue['name']}  {format_ms(cue_time_ms(cue['start']))}\n{text[cue.end() :]}")
