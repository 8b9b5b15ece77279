"""A research summary in Markdown: the highlights under the question they answer.

Quotes, notes, tags, labels and headings are escaped so that nothing in them turns into
Markdown structure (a heading, a list, a table, code, HTML, a link); the free-form research
notes are Markdown already and are copied verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from reader.core.annotations import count_label
from reader.core.codebook import Codebook
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
from reader.core.export.html_export import demote_headings, heading_anchors_of, own_links
from reader.core.exported import EXPORTED_FROM
from reader.core.markdown_escape import block_quote, escape, paragraphs
from reader.core.markdown_links import heading_anchors
from reader.core.session import Session

# What a note app's tag cannot hold: Obsidian and Logseq end `#Short answers` at the space
# (and at most punctuation); letters, digits, "_", "-" and the marks that letters carry
# (the vowel signs of हिन्दी, the harakat of عَمَل) stay, "/" nests.
_NOT_IN_TAG = re.compile(r"[^\w-]+")


def _in_tag(name: str) -> str:
    """`name` with each run of what a tag cannot hold as one "_", its marks kept."""

    def replaced(run: re.Match[str]) -> str:
        kept = "".join(c if unicodedata.category(c)[0] == "M" else "_" for c in run.group())
        return re.sub("_+", "_", kept)

    return _NOT_IN_TAG.sub(replaced, name)


def code_tags(book: Codebook) -> Callable[[str], str]:
    """Each code as a note app's tag: its path from the top with "/" between the names
    (nested tags), what a tag cannot hold in each name as "_" (`#Work/Short_answers`); the
    escaped name where nothing of it would be left (a code named "?!"). Codes whose tags
    would be one (note apps match tags whatever their case) are told apart by a number on
    their own name, a code whose name is its tag whole keeping it ("C" `#C`, "C++" `#C_2`),
    and a sub-code nests under its parent's tag as told apart (`#C_2/Memory`); the codes
    before them in the codebook are numbered first. An id the codebook lost shows as
    itself, as `Codebook.names` does."""
    paths: dict[str, str] = {}  # id -> the tag's path a sub-code nests under ("" for none)
    taken: set[str] = set()
    tags: dict[str, str] = {}
    # Parents before their sub-codes; of one depth, names that are tags whole choose first.
    depth = {code.id: len(book.ancestors(code.id)) for code in book}
    for code in sorted(book, key=lambda c: (depth[c.id], _in_tag(c.name) != c.name)):
        part = _in_tag(code.name).strip("_")
        above = paths.get(code.parent or "", "")
        base = f"{above}/{part}" if above and part else part or escape(code.name)
        number = 1
        while (told := base if number == 1 else f"{base}_{number}").casefold() in taken:
            number += 1
        taken.add(told.casefold())
        tags[code.id] = f"#{told}"
        paths[code.id] = told if part else above
    return lambda code_id: tags.get(code_id) or f"#{escape(code_id)}"


def entry(
    session: Session,
    placed: Placed,
    tag: Callable[[str], str],
    anchored: frozenset[str] | set[str] = frozenset(),
    recording: str = "",
) -> str:
    """A passage: its label, `tag`s (code_tags), speaker and time over its quote, its
    note. The time plays `recording` (ExportOptions.recording) from there, if there is one."""
    h = placed.highlight
    label = color_label(session, h.color)  # "" for a passage only coded: its codes lead
    names = " ".join(tag(code_id) for code_id in h.codes)
    said = escape(placed.said_by)
    target = placed.time_target(recording)
    time = f"[{placed.time}]({target})" if target else placed.time
    meta = " · ".join(filter(None, (f"**{escape(label)}**" if label else "", names, said, time)))
    note = paragraphs(h.note)
    beside, below = note_places(note)
    meta = " — ".join(filter(None, (meta, *beside)))
    if h.id in anchored:  # where the research notes' link back to this quote lands
        meta = f'<a id="h-{h.id}"></a>{meta}'
    # The label leads its quote, so it does not read as the heading of the next one.
    return "\n\n".join([*filter(None, [meta]), block_quote(h.exact), *below])


NOTES_ANCHORS = "notes-"  # what the anchors of an interview's note headings start with


def research_notes(
    notes: str, level: int, heading: str = RESEARCH_NOTES, anchors: str = ""
) -> list[str]:
    """The research notes (as `linked_notes` returns them) under a heading of `level` (2 in
    an interview's export, 3 in a study's; the study memo's 2, headed "Study memo"), their
    own headings demoted below it, anchored after `anchors` and their links to them led
    there (html_export.own_links); no blocks when they are blank."""
    if not notes.strip():
        return []
    text = own_links(notes.strip("\n"), anchors)
    return [f"{'#' * level} {heading}", demote_headings(text, level, anchors)]


def export_markdown(session: Session, options: ExportOptions = DEFAULT_OPTIONS) -> bytes:
    document = session.document
    highlights = selected(session, options)
    progress = Progress(options, len(highlights))
    count = count_label(highlights)
    filters = filter_description(session, options)
    blocks = [
        f"# {escape(document.title)}",
        f"Source: {escape(Path(document.source).name)}",  # the name, not the user's folders
        f"{count}{f' ({escape(filters)})' if filters else ''}, {EXPORTED_FROM}",
    ]
    placed = place_all(session, highlights)
    exported = {h.id for h in highlights}
    notes, anchored = linked_notes(session.notes.notes, exported, options.recording)
    headings = []
    tag = code_tags(session.notes.codebook)
    for section in summary_sections(session, placed):
        headings.append(section.heading)
        blocks.append(f"## {escape(section.heading)}")
        for item in progress.each(section.items):
            blocks.append(entry(session, item, tag, anchored, options.recording))
    # Anchored apart where a heading of the notes is named as one of the summary's: a link
    # to the notes' "# Introduction" went to the summary's "## Introduction" (same id).
    ours = heading_anchors([document.title, *headings, RESEARCH_NOTES])
    apart = bool(heading_anchors_of(notes).intersection(ours))
    blocks += research_notes(notes, 2, anchors=NOTES_ANCHORS if apart else "")
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
