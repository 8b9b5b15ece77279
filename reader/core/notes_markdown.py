"""The research notes' Markdown as the exports read it: one markdown-it parser for all of
them, and where the notes' code is (a code block, a `code span`), which holds what was
typed and never a link. Every export that rewrites the notes' links (to anchors, to a
recording, to their label) reads them through `links_outside_code`, so that code comes out
exactly as typed in each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from reader.core.markdown_links import LINK


@cache
def markdown() -> Any:
    """The exports' markdown-it parser and renderer (made once, on first use)."""
    from markdown_it import MarkdownIt  # imported on first use: only the exports need it

    # CommonMark with GitHub's tables and ~~strikethrough~~, as the notes' preview shows
    # them; raw HTML off, so "<script>" in the notes is shown, not run; an image rendered
    # as a link to it, so the page never fetches anything (with images off, ![x](url) was
    # a link after a stray "!").
    parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    parser.add_render_rule("image", _image_as_link)
    return parser


def _image_as_link(renderer: Any, tokens: list[Any], at: int, options: Any, env: Any) -> str:
    """An image of the notes as a link to it, named by its text (its address if none):
    markdown-it has refused the addresses a link may not have, as for links."""
    from markdown_it.common.utils import escapeHtml

    token = tokens[at]
    source = escapeHtml(str(token.attrGet("src") or ""))
    named = renderer.renderInline(token.children or [], options, env)
    return f'<a href="{source}">{named or source}</a>'


def notes_tokens(text: str, env: dict[str, Any] | None = None) -> list[Any]:
    """The research notes parsed as the exports read them (markdown-it's block tokens);
    `env` gets their reference definitions (`[r]: https://…`) under "references"."""
    return list(markdown().parse(text, env))


# A code span: a run of backticks, then the next run of as many (CommonMark's rule).
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


def code_ranges(text: str, tokens: list[Any] | None = None) -> list[tuple[int, int]]:
    """Where in `text` its code is, as (start, end) character offsets: its code blocks'
    lines (fenced or indented) and its code spans (looked for in the lines of a block that
    markdown-it found one in). `tokens`: `notes_tokens(text)`, when they are at hand."""
    tokens = notes_tokens(text) if tokens is None else tokens
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    code = []
    for token in tokens:
        if token.map is None:
            continue
        lines = slice(starts[token.map[0]], starts[token.map[1]] - 1)
        if token.type in ("fence", "code_block"):
            code.append((lines.start, lines.stop))
        elif token.type == "inline" and any(c.type == "code_inline" for c in token.children):
            spans = _CODE_SPAN.finditer(text, lines.start, lines.stop)
            code.extend(span.span() for span in spans)
    return code


def links_outside_code(
    text: str, link: Callable[[re.Match[str]], str], tokens: list[Any] | None = None
) -> str:
    """`text` with each Markdown link (markdown_links.LINK) outside its code replaced by
    `link(match)`; a link in a code block or span is left as typed. `tokens` as in
    `code_ranges`."""
    code = code_ranges(text, tokens)

    def outside(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in code):
            return match.group(0)
        return link(match)

    return LINK.sub(outside, text)
