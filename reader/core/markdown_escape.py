"""Plain text as Markdown that shows exactly that text: a participant's words, a code's
name, a title. Nothing in them may turn into Markdown structure (a heading, a list, a
table, code, HTML, a link) in the exports, in the notes' preview, or in another Markdown
tool; the free-form research notes are Markdown already and are never escaped."""

from __future__ import annotations

import re

# Characters that start inline structure anywhere in a line: code, emphasis, links, HTML,
# tables, strikethrough, and `#` (a closing " #" would be cut from a heading).
_INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" would show as "&"
# Block structure at the start of a line: lists, setext underlines, ordered lists.
_LIST = re.compile(r"^([-+=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def escape(line: str) -> str:
    """One line of text as Markdown that shows exactly this text, leading blanks dropped."""
    line = line.lstrip(" \t")  # four blanks would start a code block
    line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
    line = _LIST.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def paragraphs(text: str) -> list[str]:
    """The non-blank lines of `text`, escaped, one Markdown paragraph each."""
    return [escape(line) for line in text.split("\n") if line.strip()]


def block_quote(text: str) -> str:
    """`text` as a block quote, each line of it a paragraph, every line starting with ">"."""
    return "\n>\n".join(f"> {par}" for par in paragraphs(text)) or ">"
