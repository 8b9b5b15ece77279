"""The research summary as a Word document (.docx), for a writer who works in Word: what
the Markdown summary holds, in Word's own styles (Title, Heading 2, Quote), so that a
quote pastes into an article as text, never as Markdown marks.

The research notes are Markdown: their headings, quotes and list items take Word's
styles, and their links keep their words only (a web link its address after them).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from reader import APP_NAME
from reader.core.annotations import count_label
from reader.core.deterministic_zip import undated
from reader.core.export.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    Placed,
    Progress,
    color_label,
    filter_description,
    linked_notes,
    place_all,
    selected,
    summary_sections,
)
from reader.core.markdown_links import LINK
from reader.core.session import Session

# What XML 1.0 cannot hold (python-docx refuses it): control characters but tab and breaks.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)")
_QUOTE = re.compile(r"^\s*>\s?(.*)")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)")
_NOTES_LEVEL = 3  # the research notes' own headings, under their Heading 2


def _clean(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


def _lines(text: str) -> list[str]:
    return [_clean(line) for line in text.split("\n") if line.strip()]


def meta_line(session: Session, placed: Placed) -> str:
    """ "Key quote · Work / Stress · Ade Okonkwo · 12:05": as the Markdown's, unmarked."""
    h = placed.highlight
    codes = ", ".join(session.code_names(h))
    return " · ".join(
        filter(None, (color_label(session, h.color), codes, placed.said_by, placed.time))
    )


def _web_link(match: re.Match[str]) -> str:
    words, target = match.group(1), match.group(2)
    return f"{words} ({target})" if target.startswith(("http://", "https://")) else words


def _research_notes(out: object, notes: str) -> None:
    """The notes' Markdown in Word's styles, a paragraph a line; its links as words."""
    text, _ = linked_notes(notes, set())  # labels only: a Word file has no anchors
    for line in _lines(LINK.sub(_web_link, text)):
        if heading := _HEADING.match(line):
            level = min(9, len(heading.group(1)) + _NOTES_LEVEL - 1)
            out.add_heading(heading.group(2), level=level)  # type: ignore[attr-defined]
        elif quote := _QUOTE.match(line):
            out.add_paragraph(quote.group(1), style="Quote")  # type: ignore[attr-defined]
        elif bullet := _BULLET.match(line):
            out.add_paragraph(bullet.group(1), style="List Bullet")  # type: ignore[attr-defined]
        else:
            out.add_paragraph(line)  # type: ignore[attr-defined]


def export_docx(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    import docx  # python-docx: loaded for this export only

    document = session.document
    highlights = selected(session, options)
    progress = Progress(options, len(highlights))
    filters = filter_description(session, options)
    out = docx.Document()
    out.core_properties.title = _clean(document.title)
    out.core_properties.author = APP_NAME
    out.add_heading(_clean(document.title), level=0)
    out.add_paragraph(f"Source: {_clean(Path(document.source).name)}")
    summary = f"{count_label(highlights)}{f' ({filters})' if filters else ''}"
    out.add_paragraph(_clean(f"{summary}, exported from {APP_NAME}."))
    for section in summary_sections(session, place_all(session, highlights)):
        out.add_heading(_clean(section.heading), level=2)
        for placed in progress.each(section.items):
            note = _lines(placed.highlight.note)
            out.add_paragraph(" — ".join(filter(None, (meta_line(session, placed), *note[:1]))))
            for line in _lines(placed.highlight.exact):
                out.add_paragraph(line, style="Quote")
            for line in note[1:]:
                out.add_paragraph(line)
    if session.notes.notes.strip():
        out.add_heading("Research notes", level=2)
        _research_notes(out, session.notes.notes)
    buffer = io.BytesIO()
    out.save(buffer)
    return undated(buffer.getvalue())
