"""Markdown interviews: the text is the rendered plain text, with the formatting kept as
spans (headings, emphasis, code, links with their URL) for the reader to style.

Rendered with markdown-it-py (CommonMark, raw HTML shown as text). `**Q:**` renders as a
plain `Q:` label; a bold name at a paragraph's start without a colon gets one when bold
names recur, so that structure detection reads it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from reader.core.document import Span, normalise
from reader.core.interview import is_note_word, label_at, speaker_key
from reader.core.transcripts import Parsed, bold_names, name_like

_INLINE_KINDS = {
    "strong_open": "strong",
    "em_open": "emphasis",
    "link_open": "link",
    "s_open": "strike",
}


@dataclass
class _Block:
    """A block of a Markdown transcript, with its inline marks."""

    kind: str  # "paragraph", "heading2", ...
    prefix: str  # "• " or "3. " for list items
    pieces: list[tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    # each piece: (text, the open inline marks as (kind, url))


def parse(text: str, name: str) -> Parsed:
    from markdown_it import MarkdownIt  # imported only when a .md file is opened

    # No reference definitions: `[P1]: Yes.` is a speaker's line, not a link target to hide,
    # and `[the mill]` keeps its brackets.
    md = MarkdownIt("commonmark", {"html": False}).enable("strikethrough").disable("reference")
    tokens = md.parse(text)
    blocks = _turns_unlisted(_blocks(tokens))
    names = [_leading_bold(block) for block in blocks]
    accepted = bold_names(names)
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    for block, bold_name in zip(blocks, names, strict=True):
        labelled = bold_name in accepted
        start = length + (2 if out else 0)
        pos = start + len(block.prefix)
        parts = [block.prefix]
        opened: dict[tuple[str, str], int] = {}
        for index, (piece, marks) in enumerate(block.pieces):
            for mark in list(opened):
                if mark not in marks:
                    spans.append(Span(opened.pop(mark), pos, mark[0], mark[1]))
            for mark in marks:
                opened.setdefault(mark, pos)
            parts.append(piece)
            pos += len(piece)
            if labelled and index == 0:
                parts.append(":")
                pos += 1
        for mark, mark_start in opened.items():
            spans.append(Span(mark_start, pos, mark[0], mark[1]))
        paragraph = "".join(parts)
        if not paragraph.strip():
            continue
        if block.kind != "paragraph":
            spans.append(Span(start, pos, block.kind))
        out.append(("\n\n" if out else "") + paragraph)
        length = pos
    spans = [s for s in spans if s.end > s.start]
    spans.sort(key=lambda s: (s.start, -s.end))
    return Parsed("".join(out) + "\n", "markdown", spans=tuple(spans))


def _blocks(tokens: list) -> list[_Block]:
    blocks: list[_Block] = []
    lists: list[list[int]] = []  # open lists: [next number] for ordered, [] for bullets
    item_prefix = ""
    quote = 0
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            lists.append([])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrs.get("start", 1) or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            if lists and lists[-1]:
                item_prefix = f"{lists[-1][0]}. "
                lists[-1][0] += 1
            else:
                item_prefix = "• "
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            blocks.append(_Block(f"heading{token.tag[1:]}", ""))
        elif kind == "paragraph_open":
            block_kind = "list_item" if item_prefix else ("blockquote" if quote else "paragraph")
            blocks.append(_Block(block_kind, item_prefix))
            item_prefix = ""
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").split("\n"):
                blocks.append(_Block("code", "", [(line, ())]))
        elif kind == "inline" and blocks:
            blocks[-1].pieces.extend(_inline(token.children or []))
    return blocks


def _turns_unlisted(blocks: list[_Block]) -> list[_Block]:
    """Bulleted items that open with a speaker's label ("- **P3:** About a year.", as note
    apps keep a call) as paragraphs, without their bullets, so that the labels are read:
    in a list where a name labels two items or more, as a speaker's does. A list of other
    items stays a list, and so does one of fields, each said once ("- Date: 3 May")."""
    out: list[_Block] = []
    items: list[_Block] = []
    for block in [*blocks, _Block("end", "")]:
        if block.kind == "list_item" and block.prefix == "• ":
            items.append(block)
            continue
        keys = [_speaker_of(item) for item in items]
        if any(n >= 2 for key, n in Counter(keys).items() if key):
            turns = zip(items, keys, strict=True)
            items = [_Block("paragraph", "", item.pieces) if key else item for item, key in turns]
        out += [*items, block]
        items = []
    return out[:-1]


def _speaker_of(item: _Block) -> str:
    """The speaker_key of the label a list item opens with; "" for none, or a note's."""
    label = label_at("".join(piece for piece, _ in item.pieces))
    return "" if label is None or is_note_word(label.name) else speaker_key(label.name)


def _inline(children: list) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    pieces: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    marks: list[tuple[str, str]] = []
    turns = _turn_lines(children)
    for index, child in enumerate(children):
        kind = child.type
        if kind in _INLINE_KINDS:
            url = str(child.attrs.get("href", "")) if kind == "link_open" else ""
            marks.append((_INLINE_KINDS[kind], url))
        elif kind.endswith("_close"):
            closed = kind.replace("_close", "_open")
            if closed in _INLINE_KINDS:
                for i in range(len(marks) - 1, -1, -1):
                    if marks[i][0] == _INLINE_KINDS[closed]:
                        del marks[i]
                        break
        elif (kind == "text" or kind == "html_inline") and child.content:
            # Normalised again: an entity ("&#13;", "&#x2029;", "e&#769;") is read here.
            pieces.append((normalise(child.content), tuple(marks)))
        elif kind == "code_inline":
            pieces.append((normalise(child.content), (*marks, ("code", ""))))
        elif kind == "softbreak":
            pieces.append(("\n" if index in turns else " ", tuple(marks)))
        elif kind == "hardbreak":
            pieces.append(("\n", tuple(marks)))
        elif kind == "image":
            pieces.append((child.content or "image", tuple(marks)))
    return _composed_across(pieces)


def _composed_across(
    pieces: list[tuple[str, tuple[tuple[str, str], ...]]],
) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """The pieces with an accent that opens one composed with the letter ending the one
    before ("*e*&#769;" is "é", its mark the letter's): each piece was normalised alone,
    and the text was not NFC there, so neither search nor a quote found those words."""
    out: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for text, marks in pieces:
        if out and text and out[-1][0] and unicodedata.combining(text[0]):
            before, before_marks = out[-1]
            accents = next(
                (i for i, c in enumerate(text) if not unicodedata.combining(c)), len(text)
            )
            letter = unicodedata.normalize("NFC", before[-1] + text[:accents])
            out[-1] = (before[:-1] + letter, before_marks)
            text = text[accents:]
        if text:
            out.append((text, marks))
    return out


def _turn_lines(children: list) -> set[int]:
    """The line breaks of a paragraph of turns, one a line ("Q: How long?" over "A: Twenty
    years."), before each line that opens with a label: Markdown joins the lines of a
    paragraph, and one typed so became one turn. A paragraph whose first line has no
    label joins its lines, as Markdown does."""
    lines: list[list[str]] = [[]]
    breaks: list[int] = []
    for index, child in enumerate(children):
        if child.type == "softbreak":
            lines.append([])
            breaks.append(index)
        elif child.type in ("text", "code_inline"):
            lines[-1].append(child.content)
    if not breaks or label_at("".join(lines[0])) is None:
        return set()
    return {at for at, line in zip(breaks, lines[1:], strict=True) if label_at("".join(line))}


def _leading_bold(block: _Block) -> str:
    """The bold name that opens a paragraph and has no colon after it, "" otherwise."""
    if block.kind != "paragraph" or len(block.pieces) < 2:
        return ""
    first, marks = block.pieces[0]
    after = block.pieces[1][0]
    bold = any(kind == "strong" for kind, _ in marks) and not block.pieces[1][1]
    if not bold or first.endswith((":", "：")) or after.startswith((":", "：")):
        return ""
    return first.strip() if name_like(first.strip()) else ""
