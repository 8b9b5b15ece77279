"""Markdown links, `[text](target)`, as the research notes hold them: one pattern for all
that reads them (the notes editor's styling and Ctrl+click, Search Everything's results,
the exports' links back to highlights), so that they agree on what a link is.

A target may hold parentheses in pairs, one deep, as web addresses do
(`https://en.wikipedia.org/wiki/Shift_(work)`); the text holds no brackets nor a line break.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.wording import word_at

TARGET = r"(?:[^()\s]|\([^()\s]*\))*"  # each character starts one alternative: linear time
LINK = re.compile(rf"\[([^\[\]\n]*)\]\(({TARGET})\)")  # groups: the text, the target
# A quote's link back in the study memo, to a passage of one of the study's interviews:
# interview:<interview id>#h-<highlight id> (core/study_memo.py); in an interview's own
# notes, #h-<highlight id>.
QUOTE_SCHEME = "interview:"
CHIP_SPACE = "\u00a0"  # between a quote chip's "↩" and its label: a plain one in older notes
_WEB_ADDRESS = re.compile(rf"(?:https?://|mailto:)[^()\s]{TARGET}")
_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]")
_EMPHASIS_UNDERSCORES = re.compile(r"(?<!\w)_+|_+(?!\w)")
_ATX_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def quoted_ids(text: str) -> frozenset[str]:
    """The highlights whose quotes in `text` (an interview's notes, the study memo) link
    back to them: "](#h-<id>)", "](interview:<interview id>#h-<id>)"."""
    if "#h-" not in text:
        return frozenset()
    targets = (m.group(2) for m in LINK.finditer(text) if is_quote_link(m.group(2)))
    return frozenset(t.partition("#h-")[2] for t in targets if "#h-" in t)


def is_quote_link(target: str) -> bool:
    """Whether a link's `target` is a quote's link back to its passage (shown as a chip)."""
    return target.startswith(("#h-", QUOTE_SCHEME))


def quote_links(text: str) -> list[re.Match[str]]:
    """The quotes' links back in `text`, in order."""
    if "](" not in text:
        return []
    return [m for m in LINK.finditer(text) if is_quote_link(m.group(2))]


def quotes_of(text: str, ids: Iterable[str]) -> int:
    """How many quotes in `text` link back to one of the highlights `ids`."""
    wanted = set(ids)
    return sum(1 for m in quote_links(text) if m.group(2).partition("#h-")[2] in wanted)


def quote_link_hidden(text: str) -> list[tuple[int, int]]:
    """What of each quote link in `text` its chip hides: the "[" and the "](#h-…)", in
    order. Find and Replace leave them alone: replacing "-" there broke every link, and
    replacing "[" the link it opens."""
    hidden: list[tuple[int, int]] = []
    for m in quote_links(text):
        hidden += [(m.start(), m.start() + 1), (m.end(1), m.end())]
    return hidden


def quote_link_labels(text: str) -> list[tuple[int, int]]:
    """Where each quote chip's label ("↩ Q4") is in `text`, in order: words replaced there
    are made fit for a link's text (`link_text`)."""
    return [m.span(1) for m in quote_links(text)]


def before_chip(line: str, start: int, end: int) -> int:
    """Where the words of [start, end) of `line` end before the first quote's link back
    it holds, the spaces before it left out (`end` where it holds none): Ctrl+K and
    Ctrl+` act on them, the chip left as it is, the way back to the passage."""
    chip = next((m.start() for m in quote_links(line) if start <= m.start() < end), None)
    return end if chip is None else max(start, len(line[:chip].rstrip()))


def link_text(text: str) -> str:
    """`text` as a link's text can hold it: brackets as parentheses, on one line."""
    return " ".join(text.replace("[", "(").replace("]", ")").split())


def link_to(words: str, clipboard: str) -> tuple[str, int]:
    """What Ctrl+K writes for the `words` selected, `[words](address)`, and where the caret
    goes in it (in code points): the address is the clipboard's when it holds a web
    address, else empty; the caret goes to what is missing, the words first, or after
    the link when nothing is."""
    words = link_text(words)
    address = clipboard.strip() if _WEB_ADDRESS.fullmatch(clipboard.strip()) else ""
    link = f"[{words}]({address})"
    return link, 1 if not words else len(link) - 1 if not address else len(link)


def link_toggle(line: str, start: int, end: int, clipboard: str) -> tuple[int, int, str, int]:
    """What Ctrl+K does on one `line` with [start, end) selected (code points): on a link
    (selected, or the caret in it), the link made its words again, as the other keys
    toggle; else the words made a link (`link_to`), with nothing selected the word at the
    caret (it cut the word in two: "re[]()port"). (start, end, replacement, caret after).
    A quote's link back is left alone: its chip is the way back to the passage. Selected
    with the words before it (a quote's whole line), the words alone are linked: made a
    link's text, it was "(↩ Q1)(#h-…)", its chip and the way back gone. Words holding a
    link, or part of one, are left as they are: Markdown has no link in a link, and "see
    [report](https://…)" came out as "[see (report)(https://…)]()", the address lost."""
    for link in LINK.finditer(line):
        if (link.start(), link.end()) == (start, end) or link.start() < start <= end < link.end():
            if is_quote_link(link.group(2)):
                return start, end, line[start:end], end  # as it is
            return link.start(), link.end(), link.group(1), link.start() + len(link.group(1))
    if (words_end := before_chip(line, start, end)) != end:
        end = words_end
        if start == end:  # a chip alone selected: as it is
            return start, end, "", end
    if any(start < link.end() and link.start() < end for link in LINK.finditer(line)):
        return start, end, line[start:end], end  # as it is
    if start == end:
        start, end = word_at(line, start) or (start, end)
    replacement, caret = link_to(line[start:end], clipboard)
    return start, end, replacement, start + caret


def quote_label(title: str, said_by: str, place: str) -> str:
    """A quote's link back: whose words they are (Session.said_by) and where
    (Session.place_label, with its paragraph's time in a timed transcript), "Kenji Sato, Q7",
    "Kenji Sato, Q7, 12:05", or "Q7" where the transcript names nobody.
    In the study memo the interview's `title` comes first, and the speaker only where the
    title does not name them already ("P01 Ana, Q3", not "P01 Ana, Ana, Q3")."""
    named = title and re.search(rf"(?<!\w){re.escape(said_by.casefold())}(?!\w)", title.casefold())
    return ", ".join(filter(None, (title, "" if named else said_by, place)))


def quote(passage: str, label: str, target: str) -> str:
    """A block quote of `passage` (each line's blanks made one, blank lines left out,
    escaped: "2019. That year…" is no numbered list) ending in a link back,
    `[↩ label](target)`: what Q puts in the research notes and the study memo. The space
    after "↩" is a no-break one (CHIP_SPACE): the chip broke between it and "Q2"."""
    from reader.core.markdown_escape import block_quote  # Q's path only: not at start-up

    body = block_quote("\n".join(" ".join(line.split()) for line in passage.split("\n")))
    return f"{body} [↩{CHIP_SPACE}{link_text(label)}]({target})"


def heading_anchor(heading: str) -> str:
    """The anchor a heading is linked by, `[see](#results-part-2)`, made as GitHub makes it
    (and so Obsidian's and VS Code's previews): lower case, punctuation left out but "-"
    and "_", each space a "-"."""
    return _NOT_IN_ANCHOR.sub("", heading.strip().lower()).replace(" ", "-")


def heading_anchors(headings: Iterable[str]) -> list[str]:
    """Each heading's anchor, in order, the second of a name "-1", the third "-2" (as
    GitHub numbers them); "" for a heading with nothing to name it by. The one rule for
    the HTML export's ids, the preview and the editor."""
    taken: dict[str, int] = {}
    anchors = []
    for heading in headings:
        anchor = heading_anchor(heading)
        if anchor:
            seen = taken[anchor] = taken.get(anchor, -1) + 1
            anchor = f"{anchor}-{seen}" if seen else anchor
        anchors.append(anchor)
    return anchors


def heading_words(markdown: str) -> str:
    """A Markdown heading's words as a preview shows them, to make its anchor of: links as
    their text, emphasis's underscores left out ("_underscored_", not snake_case's own).
    The editor anchored "## See [the report](https://x.org)" with the address's letters
    too, and its links to it led nowhere."""
    return _EMPHASIS_UNDERSCORES.sub("", LINK.sub(lambda link: link[1], markdown))


def heading_line(lines: list[str], anchor: str) -> int | None:
    """The index of the `# heading` line of `lines` linked as `#anchor`."""
    found = [
        (i, heading_words(m[1]))
        for i, line in enumerate(lines)
        if (m := _ATX_HEADING.fullmatch(line))
    ]
    anchors = heading_anchors(text for _, text in found)
    return next((i for (i, _), a in zip(found, anchors, strict=True) if a == anchor), None)
