"""Word documents (.docx): paragraphs in order, tables' cells included; a bold run at a
paragraph's start may be a speaker's name. Teams' transcripts are Word documents too."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

from reader.core.document import DocumentError
from reader.core.interview import format_ms
from reader.core.transcripts import Para, Parsed, check_zip, cue_time_ms, from_paragraphs

# Teams' older transcripts (Stream's): a paragraph a cue, its timing "0:0:3.528 -->
# 0:0:7.1", the speaker's name and the speech on lines of their own.
_TEAMS_CUE_RE = re.compile(
    r"(?P<start>\d{1,2}:\d{1,2}:\d{1,2}\.\d{1,3}) --> [\d:.]+\n(?P<name>[^\n]{1,60})\n(?=\S)"
)


# When python-docx's default template was made, the creation date of every document
# started from it that sets none of its own: not a date of the interview.
_TEMPLATE_DATE = datetime(2013, 12, 23, 23, 15, tzinfo=UTC)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What wraps paragraphs and tables without being one: a content control (a form's field,
# its properties aside) and custom XML. The words inside are the document's.
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml"}


def parse(data: bytes, name: str) -> Parsed:
    check_zip(data, name, "word/document.xml", "a Word document (.docx)")
    import docx  # python-docx: imported only when a .docx is opened
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentError(f"{name} is not a Word document (.docx) that can be read.") from exc
    except SyntaxError as exc:  # lxml's XMLSyntaxError: a damaged document.xml
        raise DocumentError(f"{name} is damaged: its text cannot be read.") from exc
    parsed = from_paragraphs(_paragraphs(document), "docx", name, "utf-8")
    return replace(parsed, created=_created(document.core_properties))


def _created(properties: object) -> str:
    """The day the document was created, YYYY-MM-DD; "" when it does not say, or says
    the date python-docx's own template carries (documents made by scripts)."""
    created = properties.created  # type: ignore[attr-defined]
    author = properties.author  # type: ignore[attr-defined]
    if created is None or (author == "python-docx" and created == _TEMPLATE_DATE):
        return ""
    return created.date().isoformat()


def _paragraphs(document: object) -> Iterator[Para]:
    from docx.enum.style import WD_STYLE_TYPE

    # Bold character styles, looked up once: Run.style searches all styles on each call.
    bold = {
        style.style_id
        for style in document.styles  # type: ignore[attr-defined]
        if style.type == WD_STYLE_TYPE.CHARACTER and style.font.bold
    }
    return _blocks(document.element.body, document, bold)  # type: ignore[attr-defined]


def _blocks(container: object, document: object, bold_styles: set[str]) -> Iterator[Para]:
    """The paragraphs of a body or a table's cell in document order: those of its tables'
    cells, and those inside content controls and custom XML, however deep."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():  # type: ignore[attr-defined]
        if child.tag == _W + "p":
            yield _para(Paragraph(child, document), bold_styles)
        elif child.tag == _W + "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    yield from _blocks(cell._tc, document, bold_styles)
        elif child.tag in _WRAPPERS:
            yield from _blocks(child, document, bold_styles)


def _para(paragraph: object, bold_styles: set[str]) -> Para:
    bold = 0
    for run in paragraph.runs:  # type: ignore[attr-defined]
        text = run.text
        if run.bold or run.element.style in bold_styles or not text.strip():
            bold += len(text)
        else:
            break
    text = paragraph.text  # type: ignore[attr-defined]
    cue = _TEAMS_CUE_RE.match(text)
    if cue is None:
        return Para(text, bold)
    # Read as Teams' newer header, "Name   0:03" above the speech: to the second, so the
    # fraction counts for nothing, however it is read (`cue_time_ms`'s `teams`).
    return Para(f"{cue['name']}  {format_ms(cue_time_ms(cue['start']))}\n{text[cue.end() :]}")
