"""The research summary as a Word document (.docx), for a writer who works in Word: what
the Markdown summary holds, in Word's own styles (Title, Heading 2, Quote), so that a
quote pastes into an article as text, never as Markdown marks. A paragraph whose first
letter is Arabic or Hebrew reads right to left.

The research notes are Markdown, read as the HTML export reads them (markdown-it): their
headings, quotes and list items take Word's styles, a code block is monospaced as typed, a
table is a Word table, and their links keep their words only (a web link its address
after them, a link by reference `[words][r]` too; a definition no link names stays as
typed).

A study's Word document (study_export.export_study_docx) is made of the same pieces:
`new_document`, an interview's `summary` each, `research_notes`, `saved`.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from reader.core.annotations import Highlight, count_label
from reader.core.deterministic_zip import undated
from reader.core.export.common import (
    DEFAULT_OPTIONS,
    RESEARCH_NOTES,
    ExportOptions,
    Placed,
    Progress,
    color_label,
    filter_description,
    linked_notes,
    note_places,
    place_all,
    selected,
    summary_sections,
)
from reader.core.exported import EXPORT_AUTHOR, EXPORTED_FROM
from reader.core.interview import text_direction
from reader.core.markdown_lines import merge_markers_apart
from reader.core.session import Session
from reader.core.xml_chars import xml_safe  # python-docx refuses what XML cannot hold

_NOTES_LEVEL = 3  # the research notes' own headings, under their Heading 2
_CODE_FONT = "Courier New"  # on every Windows and Mac Word runs on


def _lines(text: str) -> list[str]:
    # Every kind of line end: a "\r" left in became a break of its own in Word.
    return [xml_safe(line) for line in text.splitlines() if line.strip()]


def meta_line(session: Session, placed: Placed) -> str:
    """ "Key quote · Work / Stress · Ade Okonkwo · 12:05": as the Markdown's, unmarked;
    `xml_safe`, as a label or a name from an older file may hold a control character."""
    h = placed.highlight
    # A code whose name holds a comma in quotes: "rates, targets" read as two codes.
    codes = ", ".join(f"“{c}”" if "," in c else c for c in session.code_labels(h))
    return xml_safe(
        " · ".join(
            filter(None, (color_label(session, h.color), codes, placed.said_by, placed.time))
        )
    )


class _Paragraphs:
    """Adds paragraphs to a python-docx Document, in Word's styles, in time linear in their
    number (10,000 quotes took 38 s with python-docx's own calls, 2.7 s this way):

    - `Paragraph.style = name` looks the document's default style up among all of its
      styles at every assignment: each style is looked up once here, and its id set on the
      paragraph's own properties;
    - `Document.add_paragraph` looks for the body's end among all its paragraphs each
      time: they go before a marker paragraph instead, taken out by `finish`."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self._ids: dict[str, str] = {}
        self._end = out.add_paragraph()

    def add(self, text: str, style: str = "") -> Any:
        """A paragraph of `text` (a line break in it breaks the line), in `style`."""
        paragraph = self._end.insert_paragraph_before(text)
        if style:
            if style not in self._ids:
                self._ids[style] = self.out.styles[style].style_id
            paragraph._p.style = self._ids[style]
        if text_direction(text) == "rtl":
            _right_to_left(paragraph._p)
        return paragraph

    def code(self, text: str) -> None:
        """A code block's lines, as typed, in one monospaced paragraph."""
        for run in self.add(text).runs:
            run.font.name = _CODE_FONT

    def table(self, rows: list[list[str]]) -> None:
        """A table with grid lines, its first row (the Markdown's header) in bold."""
        table = self.out.add_table(rows=len(rows), cols=max(map(len, rows)))
        table.style = self.out.styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                cell.text = text
                for run in cell.paragraphs[0].runs if r == 0 else ():
                    run.font.bold = True
        self._end._p.addprevious(table._tbl)  # add_table put it at the body's end

    def finish(self) -> None:
        end = self._end._p
        end.getparent().remove(end)

    def heading(self, text: str, level: int, new_page: bool = False) -> None:
        """A heading (the Title at level 0); on a page of its own with `new_page`."""
        paragraph = self.add(text, "Title" if level == 0 else f"Heading {level}")
        if new_page:
            paragraph.paragraph_format.page_break_before = True


def _right_to_left(p: Any) -> None:
    """The paragraph reads right to left (<w:bidi/>): it starts on the right, and its full
    stop sits on the left of an Arabic or Hebrew sentence, as HTML's dir="auto" lays it
    out. It goes after the style, the only other property set here, as the schema orders
    them; python-docx has no call for it."""
    from docx.oxml import OxmlElement

    properties = p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    if properties.pStyle is not None:
        properties.pStyle.addnext(bidi)
    else:
        properties.insert(0, bidi)


_ENCODED_LETTERS = re.compile(r"(?:%[89a-fA-F][0-9a-fA-F])+")  # UTF-8 beyond ASCII


def _address(href: str) -> str:
    """A web link's address as a reader reads it: markdown-it's "%C3%A9" as "é" (as a
    browser's address bar shows it); "%20" and the like stay, so it still works pasted."""

    def letters(match: re.Match[str]) -> str:
        try:
            return unquote(match.group(0), errors="strict")
        except UnicodeDecodeError:
            return match.group(0)

    return _ENCODED_LETTERS.sub(letters, href)


def _link_words(words: str, link: Any) -> str:
    """A link as Word text: its words, a web link's address (and title) after them."""
    href = str(link.attrs.get("href", ""))
    if not href.startswith(("http://", "https://")) or link.markup == "autolink":
        return words  # an autolink's words are its address
    title = f' "{link.attrs["title"]}"' if link.attrs.get("title") else ""
    return f"{words} ({_address(href)}{title})"


def _words(children: list[Any]) -> str:
    """A paragraph's Markdown (markdown-it's inline tokens) as Word text: its links as
    their words (inline or by reference, `[words][r]`), its emphasis marks and code spans
    as typed, its lines as lines."""
    words: list[str] = []
    links: list[tuple[Any, int]] = []  # the links open: each one's token, where its words start
    for child in children:
        kind = child.type
        if kind == "link_open":
            links.append((child, len(words)))
        elif kind == "link_close" and links:
            link, start = links.pop()
            words[start:] = [_link_words("".join(words[start:]), link)]
        elif kind in ("softbreak", "hardbreak"):
            words.append("\n")
        elif kind == "code_inline":
            words.append(f"{child.markup}{child.content}{child.markup}")
        elif kind.endswith(("_open", "_close")):
            words.append(child.markup)  # *, **, ~~
        else:
            words.append(child.content)
    return xml_safe("".join(words))


def _unused_definitions(
    notes: str, tokens: list[Any], references: dict[str, Any]
) -> list[tuple[int, str]]:
    """The notes' reference definitions (`[r]: https://…`) that no link of theirs names,
    as (line, the lines as typed): a link shows its address, these would be lost."""
    shown = {
        str(child.attrs.get("href"))
        for token in tokens
        if token.type == "inline"
        for child in token.children or ()
        if child.type == "link_open"
    }
    lines = notes.split("\n")
    unused = [r["map"] for r in references.values() if r["href"] not in shown]
    return sorted((start, "\n".join(lines[start:end])) for start, end in unused)


def research_notes(out: _Paragraphs, notes: str, level: int = _NOTES_LEVEL) -> None:
    """The notes' Markdown in Word's styles, walked as markdown-it parses it (a "# " in a
    code block is code, not a heading), their "#" a Heading `level`; its links as words."""
    from reader.core.export.html_export import task_box
    from reader.core.notes_markdown import notes_tokens

    # Labels only: a Word file has no anchors; a merge's markers apart, as in the preview.
    text, _ = linked_notes(merge_markers_apart(notes), set())
    env: dict[str, Any] = {}
    tokens = notes_tokens(text, env)
    unused = _unused_definitions(text, tokens, env.get("references", {}))
    quoted = 0  # how deep in block quotes
    item = None  # the list item whose first paragraph comes next: its bullet or number
    heading = 0  # the level of the heading whose words come next
    rows: list[list[str]] | None = None  # the table being read
    for token in tokens:
        kind = token.type
        while unused and token.level == 0 and token.map and unused[0][0] < token.map[0]:
            out.add(xml_safe(unused.pop(0)[1]))  # in its place, as typed
        if kind in ("blockquote_open", "blockquote_close"):
            quoted += 1 if kind == "blockquote_open" else -1
        elif kind == "list_item_open":
            item = f"{token.info}{token.markup} " if token.info else ""  # "3. ", or a bullet
        elif kind == "heading_open":
            heading = min(9, int(token.tag[1:]) + level - 1)
        elif kind == "table_open":
            rows = []
        elif kind == "tr_open" and rows is not None:
            rows.append([])
        elif kind == "table_close" and rows:
            out.table(rows)
            rows = None
        elif kind in ("fence", "code_block"):
            out.code(xml_safe(token.content.rstrip("\n")))
        elif kind == "inline":
            words = _words(token.children or [])
            if rows:
                rows[-1].append(words)
            elif heading:
                if words.strip():
                    out.heading(words, heading)
                heading = 0
            elif item is not None:
                out.add(item + task_box(words), "" if item else "List Bullet")
                item = None
            else:
                out.add(words, "Quote" if quoted else "")
    for _, definition in unused:
        out.add(xml_safe(definition))


def _instant(stamp: str) -> datetime | None:
    """An ISO 8601 time of the notes file in UTC (a Word file holds UTC); None if none."""
    try:
        return datetime.fromisoformat(stamp).astimezone(UTC)
    except ValueError:
        return None


def _dated(properties: Any, highlights: list[Highlight]) -> None:
    """The file's created and modified times (File ▸ Info in Word): when its first passage
    was highlighted and its last one changed, so that the same summary is the same file
    (as its zip's undated members); none with no passage (the template's are of 2013)."""
    created = [t for h in highlights if (t := _instant(h.created))]
    modified = [t for h in highlights if (t := _instant(h.modified))] or created
    if created:
        properties.created, properties.modified = min(created), max(modified)
        return
    from docx.oxml.ns import qn

    for name in ("dcterms:created", "dcterms:modified"):
        for element in properties._element.findall(qn(name)):
            properties._element.remove(element)


def new_document(title: str, highlights: list[Highlight]) -> tuple[Any, _Paragraphs]:
    """A Word document with `title` (its Title paragraph, and in File ▸ Info), dated by
    `highlights`; and where its paragraphs go. `saved` gives its bytes."""
    import docx  # python-docx: loaded for this export only

    word = docx.Document()
    word.core_properties.title = xml_safe(title)
    word.core_properties.author = EXPORT_AUTHOR  # how a study knows it for no transcript
    word.core_properties.comments = ""  # python-docx's template says "generated by python-docx"
    _dated(word.core_properties, highlights)
    out = _Paragraphs(word)
    out.heading(xml_safe(title), 0)
    return word, out


def summary(
    out: _Paragraphs, session: Session, highlights: list[Highlight], progress: Progress
) -> None:
    """The interview's `highlights` by question (a Heading 2 each), then its research
    notes under a Heading 2 of their own."""
    for section in summary_sections(session, place_all(session, highlights)):
        out.heading(xml_safe(section.heading), 2)
        for placed in progress.each(section.items):
            beside, below = note_places(_lines(placed.highlight.note))
            out.add(" — ".join(filter(None, (meta_line(session, placed), *beside))))
            for line in _lines(placed.highlight.exact):
                out.add(line, "Quote")
            for line in below:
                out.add(line)
    if session.notes.notes.strip():
        out.heading(RESEARCH_NOTES, 2)
        research_notes(out, session.notes.notes)


def saved(word: Any, out: _Paragraphs) -> bytes:
    out.finish()
    buffer = io.BytesIO()
    word.save(buffer)
    return undated(buffer.getvalue())


def export_docx(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    document = session.document
    highlights = selected(session, options)
    filters = filter_description(session, options)
    word, out = new_document(document.title, highlights)
    out.add(f"Source: {xml_safe(Path(document.source).name)}")
    counts = f"{count_label(highlights)}{f' ({filters})' if filters else ''}"
    out.add(xml_safe(f"{counts}, {EXPORTED_FROM}"))
    summary(out, session, highlights, Progress(options, len(highlights)))
    return saved(word, out)
