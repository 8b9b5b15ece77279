"""The research summary as one self-contained, printable HTML5 page.

No scripts, no external resources (a Content-Security-Policy forbids them too), inline CSS
with print rules. Every text from the document or the reader is HTML-escaped; the free-form
research notes are rendered from Markdown by markdown-it-py with raw HTML off and images as links.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from reader import APP_NAME, __version__
from reader.core.annotations import color_hex, count_label
from reader.core.export.common import (
    DEFAULT_OPTIONS,
    RESEARCH_NOTES,
    ExportOptions,
    Placed,
    Progress,
    Section,
    code_hex,
    color_label,
    filter_description,
    linked_notes,
    place_all,
    selected,
    summary_sections,
)
from reader.core.exported import EXPORTED_FROM
from reader.core.markdown_lines import merge_markers_apart
from reader.core.markdown_links import heading_anchors, heading_words
from reader.core.notes_markdown import links_outside_code, markdown, notes_tokens
from reader.core.session import Session

# A colour's label looks like capitals by small caps (at the size the capitals had), not
# by text-transform: some browsers copy a transformed "KEY QUOTE", not "Key quote".
_CSS = """
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: #1d1d1f; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; line-height: 1.3; margin: 2.2rem 0 .8rem; padding-top: .6rem;
     border-top: 1px solid #d8d8d8; }
.meta-line, .source { color: #555; font-size: .9rem; margin: .2rem 0; overflow-wrap: anywhere; }
article { margin: 0 0 1.4rem; }
blockquote { margin: 0 0 .4rem; padding-block: .1rem; padding-inline: 1rem 0;
             border-inline-start: 3px solid #bbb; white-space: pre-wrap; }
mark { color: #111; padding: 0 .1em; border-radius: 2px;
       -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.coded { color: inherit; background: none; padding: 0; text-decoration: underline 2px;
             text-underline-offset: .2em; }
.label { font: 600 .95rem/1.18 system-ui, sans-serif; font-variant-caps: all-small-caps;
         letter-spacing: .04em; }
.tag { font: .85rem/1.4 system-ui, sans-serif; color: #444; background: #eee;
       border-radius: 3px; padding: 0 .35em; margin-inline-start: .1em; }
.time { font: .85rem/1.4 system-ui, sans-serif; color: #555; margin-inline-start: .3em;
        font-variant-numeric: tabular-nums; }
.speaker { font: .85rem/1.4 system-ui, sans-serif; color: #333; margin-inline-start: .3em; }
.note { white-space: pre-wrap; margin: .3rem 0 0; }
.research-notes pre, .research-notes code { font: .9em/1.4 ui-monospace, monospace; }
.research-notes pre { background: #f4f4f4; padding: .6rem; overflow-x: auto; }
.research-notes blockquote { white-space: normal; color: #444; }
.research-notes table { border-collapse: collapse; margin: .6rem 0; }
.research-notes th, .research-notes td { border: 1px solid #bbb; padding: .2rem .5rem;
                                         text-align: start; vertical-align: top; }
@media print {
  @page { margin: 18mm 16mm; }
  body { font-size: 11pt; max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  article, blockquote { break-inside: avoid; page-break-inside: avoid; }
  article.long, article.long blockquote { break-inside: auto; page-break-inside: auto; }
  mark, .tag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""
LONG_QUOTE_CHARS = 1500  # about half a printed page: a longer quote may break across pages
# Nothing may load or run: only the inline style sheet and inline style attributes.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


_TASK = re.compile(r"\[([ xX])\] ")


def task_box(text: str) -> str:
    """A list item's text with GitHub's task mark "[ ] " or "[x] " as a box, ☐ or ☑."""
    if match := _TASK.match(text):
        return ("☐ " if match.group(1) == " " else "☑ ") + text[match.end() :]
    return text


# The blocks that hold the writer's words: each takes the direction of its first letter
# (dir="auto"), so a paragraph in Arabic or Hebrew reads right to left among English ones.
_OWN_DIRECTION = {
    "paragraph_open",
    "heading_open",
    "blockquote_open",
    "list_item_open",
    "th_open",
    "td_open",
}


def _anchors(tokens: list[Any]) -> dict[int, str]:
    """The index of each heading's opening token -> the anchor its links name
    (`[see](#results)`, markdown_links.heading_anchors: the second of a name "-1", as
    GitHub's); an empty heading, which has no name to be linked by, left out."""
    opening = [at for at, token in enumerate(tokens) if token.type == "heading_open"]
    anchors = heading_anchors(heading_words(tokens[at + 1].content) for at in opening)
    return {at: anchor for at, anchor in zip(opening, anchors, strict=True) if anchor}


def render_markdown(text: str, anchors: str = "") -> str:
    """The notes as HTML; each heading with the id its links name, after `anchors` (in a
    study's export "i-<interview id>-", as `own_links` rewrote the links)."""
    parser = markdown()
    tokens = parser.parse(text)
    for at, token in enumerate(tokens):
        if token.type in _OWN_DIRECTION:
            token.attrSet("dir", "auto")
        if token.type == "inline" and at > 1 and tokens[at - 2].type == "list_item_open":
            first = token.children[0] if token.children else None
            if first is not None and first.type == "text":
                first.content = task_box(first.content)
    for at, anchor in _anchors(tokens).items():
        tokens[at].attrSet("id", anchors + anchor)
    return parser.renderer.render(tokens, parser.options, {})


def heading_anchors_of(text: str) -> set[str]:
    """The anchors the links of notes `text` name its headings by (`[see](#results)`)."""
    return set(_anchors(notes_tokens(text)).values())


def own_links(text: str, anchors: str) -> str:
    """The Markdown with each link to one of its own headings (`[see](#results)`) led to
    that heading's anchor after `anchors`: in a study's export every interview's notes
    may have a "Results", whose links must land in their own notes. A link shown as code
    (in a code block or `code span`) is left as typed."""
    if not anchors:
        return text
    tokens = notes_tokens(text)
    own = set(_anchors(tokens).values())

    def link(match: re.Match[str]) -> str:
        words, target = match.group(1), match.group(2)
        if target.startswith("#") and unquote(target[1:]) in own:
            return f"[{words}](#{anchors}{target[1:]})"
        return match.group(0)

    return links_outside_code(text, link, tokens)


def demote_headings(text: str, levels: int, anchors: str = "") -> str:
    """The Markdown with its headings (those not in a quote or list) `levels` deeper, at
    most ######: research notes written with "# Themes" then sit under the export's own
    headings instead of beside its title. Code blocks are left as they are. With
    `anchors` each of them starts with an anchor, `<a id="{anchors}themes"></a>`, as
    `own_links` leads to it (a Markdown heading has no id of its own)."""
    lines = text.split("\n")
    tokens = notes_tokens(text)
    ids = _anchors(tokens) if anchors else {}
    for at in reversed(range(len(tokens))):  # from the end: setext ones shrink
        token = tokens[at]
        if token.type != "heading_open" or token.level != 0 or token.map is None:
            continue
        first, end = token.map
        marks = "#" * min(int(token.tag[1:]) + levels, 6)
        if at in ids:
            marks += f' <a id="{anchors}{ids[at]}"></a>'
        if token.markup.startswith("#"):
            lines[first] = marks + lines[first].lstrip(" ")[len(token.markup) :]
        else:  # setext: its text lines, then the ===/--- underline
            words = " ".join(line.strip() for line in lines[first : end - 1])
            lines[first:end] = [f"{marks} {words}"]
    return "\n".join(lines)


def research_notes(
    notes: str, level: int, heading: str = RESEARCH_NOTES, anchors: str = ""
) -> list[str]:
    """The research notes (Markdown, as `linked_notes` returns them) as a section headed at
    `level` (2 in an interview's export, 3 in a study's; the study memo's 2, headed "Study
    memo"), their own headings demoted below it, their ids after `anchors` (`own_links`);
    none when blank. A merge's markers each a paragraph of their own, as the preview shows
    them (`merge_markers_apart`)."""
    if not notes.strip():
        return []
    notes = merge_markers_apart(notes)
    return [
        '<section class="research-notes">',
        f"<h{level}>{heading}</h{level}>",
        render_markdown(demote_headings(own_links(notes, anchors), level), anchors).rstrip("\n"),
        "</section>",
    ]


def entry(session: Session, placed: Placed, recording: str = "") -> str:
    h = placed.highlight
    # A quote of a page or more is let break across pages: kept whole, it would leave
    # the heading above it alone at the foot of a page, and a blank below.
    long = " long" if len(h.exact) > LONG_QUOTE_CHARS else ""
    label = color_label(session, h.color)
    if label:
        mark = f'<mark style="background-color: {color_hex(h.color)}" title="{escape(label)}">'
    else:  # a passage only coded (NO_COLOR): underlined in its first code's colour
        mark = f'<mark class="coded" style="text-decoration-color: {code_hex(session, h)}">'
    parts = [
        f'<article class="highlight{long}" id="h-{escape(h.id)}">',
        # The user's words each in their own direction (dir="auto"): a quote in Arabic
        # reads right to left, its full stop on its left, among English ones.
        f'<blockquote dir="auto">{mark}{escape(h.exact)}</mark></blockquote>',
        '<p class="meta-line">'
        + (f'<span class="label" dir="auto">{escape(label)}</span>' if label else "")
        + "".join(
            f' <span class="tag" dir="auto">#{escape(tag)}</span>' for tag in session.code_labels(h)
        )
        + (
            f' <span class="speaker" dir="auto">{escape(said)}</span>'
            if (said := placed.said_by)
            else ""
        )
        + _time(placed, recording)
        + "</p>",
    ]
    note = h.note.strip("\n")
    if note.strip():
        parts.append(f'<p class="note" dir="auto">{escape(note)}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def _time(placed: Placed, recording: str) -> str:
    """A passage's time, a link that plays `recording` from there if there is one."""
    if not placed.time:
        return ""
    if target := placed.time_target(recording):
        return f' <a class="time" href="{escape(target)}">{placed.time}</a>'
    return f' <span class="time">{placed.time}</span>'


def heading(section: Section) -> str:
    """The section's heading in HTML, a question's words isolated in their own direction:
    after "Q3. ", "Q: ما رأيك؟" reads right to left, as the reader lays it out."""
    if not section.words:
        return escape(section.heading)
    direction = f' dir="{section.direction}"' if section.direction else ""
    return f"{escape(section.lead)}<bdi{direction}>{escape(section.words)}</bdi>"


def page_start(title: str, css: str = "") -> list[str]:
    """The page up to `<main>`: `title` already escaped, `css` added to the style sheet."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f'<meta name="generator" content="{escape(f"{APP_NAME} {__version__}")}">',
        f'<title dir="auto">{title}</title>',  # a window title in Arabic reads so too
        f"<style>{_CSS}{css}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]


def export_html(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    document = session.document
    highlights = selected(session, options)
    progress = Progress(options, len(highlights))
    count = count_label(highlights)
    filters = filter_description(session, options)
    title = escape(document.title)
    out = [
        *page_start(title),
        f'<h1 dir="auto">{title}</h1>',
        # The file name only: a shared summary must not carry the path of the user's home.
        f'<p class="source">Source: <bdi>{escape(Path(document.source).name)}</bdi></p>',
        f'<p class="meta-line">{count}'
        + (f" ({escape(filters)})" if filters else "")
        + f", {escape(EXPORTED_FROM)}</p>",
    ]
    placed = place_all(session, highlights)
    for section in summary_sections(session, placed):
        out.append(f'<section class="{escape(section.key)}">')
        out.append(f"<h2>{heading(section)}</h2>")
        for item in progress.each(section.items):
            out.append(entry(session, item, options.recording))
        out.append("</section>")
    exported = {h.id for h in highlights}
    out += research_notes(linked_notes(session.notes.notes, exported, options.recording)[0], 2)
    out += ["</main>", "</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")
