"""Word documents (.docx): paragraphs in order, tables' cells included; a bold run at a
paragraph's start may be a speaker's name."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from reader.core.document import DocumentError
from reader.core.transcripts import Para, Parsed, check_zip, from_paragraphs


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
    return from_paragraphs(_paragraphs(document), "docx", name, "utf-8")


def _paragraphs(document: object) -> Iterator[Para]:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    # Bold character styles, looked up once: Run.style searches all styles on each call.
    bold = {
        style.style_id
        for style in document.styles  # type: ignore[attr-defined]
        if style.type == WD_STYLE_TYPE.CHARACTER and style.font.bold
    }
    body = document.element.body  # type: ignore[attr-defined]
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield _para(Paragraph(child, document), bold)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    yield from (_para(p, bold) for p in cell.paragraphs)


def _para(paragraph: object, bold_styles: set[str]) -> Para:
    bold = 0
    for run in paragraph.runs:  # type: ignore[attr-defined]
        text = run.text
        if run.bold or run.element.style in bold_styles or not text.strip():
            bold += len(text)
        else:
            break
    return Para(paragraph.text, bold)  # type: ignore[attr-defined]
