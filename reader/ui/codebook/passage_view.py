"""A coded passage as the Coded Passages window shows it under its list: where it is, its
words amid the rest of their paragraph (dimmed), its codes and its note, as HTML for a
QTextBrowser."""

from __future__ import annotations

import html

from reader.core.codebook_retrieval import Passage
from reader.ui.theme import muted_color


def codes_line(p: Passage) -> str:
    """Its codes, and for "A and B" the B codes of the passages overlapping it."""
    met = f" · overlaps {', '.join(p.meets)}" if p.meets else ""
    return ", ".join(p.code_names) + met


PREVIEW_CHARS = 20_000  # of a passage shown whole in the preview


def passage_html(p: Passage) -> str:
    """A passage to read in full: where it is (interview, speaker, question), its whole
    text in its context (the rest of its paragraphs, dimmed), its codes and its note."""
    where = [p.title, p.speaker, "" if p.question is None else f"Question {p.question}", p.time]
    muted = muted_color().name()
    place_line = html.escape(" · ".join(filter(None, where)))
    lines = [f"<p style='color: {muted}'>{place_line}</p>"]
    if p.highlight.orphan:
        lines.append("<p><i>No longer found in the transcript; its words as coded:</i></p>")
    text = p.highlight.exact
    whole = len(text) <= PREVIEW_CHARS
    parts = [(p.before, muted), (text[:PREVIEW_CHARS], ""), (p.after, muted)]
    lines += paragraphs_html(parts if whole else parts[:2])
    if not whole:  # a whole transcript coded: its start, and where the rest is
        rest = f"… and {len(text) - PREVIEW_CHARS:,} more characters: Enter shows them in the text."
        lines.append(f"<p><i>{html.escape(rest)}</i></p>")
    lines.append(f"<p><b>Codes:</b> {html.escape(codes_line(p))}</p>")
    if p.highlight.note.strip():
        lines.append(f"<p><b>Note:</b> {html.escape(p.highlight.note)}</p>")
    return "".join(lines)


def paragraphs_html(parts: list[tuple[str, str]]) -> list[str]:
    """The parts' words run together, a paragraph per line (a transcript's blank lines
    left out), each part in its colour ("" for the text's)."""
    paragraphs: list[list[tuple[str, str]]] = [[]]
    for words, color in parts:
        for line in words.splitlines(keepends=True):
            said = line.rstrip("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")
            paragraphs[-1].append((said, color))
            if said != line:
                paragraphs.append([])

    def span(said: str, color: str) -> str:
        shown = html.escape(said)
        return f"<span style='color: {color}'>{shown}</span>" if color else shown

    return [
        f"<p style='margin: 0 0 6px 0'>{''.join(span(*piece) for piece in pieces)}</p>"
        for pieces in paragraphs
        if "".join(said for said, _ in pieces).strip()
    ]
