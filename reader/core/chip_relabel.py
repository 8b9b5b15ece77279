"""A quote's chip, `[↩ Amal, Q4](#h-<id>)`: its label as the app writes it, and chips
relabelled when whose words or where they are changes (a question renumbered, a speaker
renamed in the interview or across the study). A chip that still reads as the app wrote
it follows; a label the user wrote otherwise is theirs. The notes editor relabels the open
interview's (ui/notes/chip_labels.py); a speaker renamed across a study, the notes files
of the others and the study memo's chips of their passages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reader.core.markdown_links import CHIP_SPACE, link_text, quote_label, quote_links
from reader.core.session import Session

Said = tuple[str, str]  # whose words and where: ("Amal", "Q4, 12:05"), as said_where has it
Edit = tuple[int, int, str]  # [start, end) of a text (code points) and what goes there
# By highlight id: whose words and where, before a speaker's rename and after it.
Renamed = Mapping[str, tuple[Said, Said]]


def said_where(session: Session, start: int, end: int) -> Said:
    """Whose words [start, end) are, and where: ("Amal", "Q4, 12:05"), for a quote's label."""
    place = ", ".join(filter(None, (session.place_label(start), session.passage_time(start))))
    return session.said_by(start, end), place


def chip_text(label: str) -> str:
    """What a chip labelled `label` shows, "↩ Q4", as the notes hold it."""
    return f"↩{CHIP_SPACE}{link_text(label)}"


def chip_edits(text: str, was: Mapping[str, str], now: Mapping[str, str]) -> list[Edit]:
    """The chips of `text` still labelled as `was` has it (by link target), labelled as
    `now` has it; in order. A chip's likeness in code (a code block, a `code span`) is
    text the user typed as it is: left."""
    links = [
        link
        for link in quote_links(text)
        if (target := link.group(2)) in now
        and target in was
        and now[target] != was[target]
        and link.group(1) in (chip_text(was[target]), f"↩ {link_text(was[target])}")
    ]
    if not links:
        return []
    from reader.core.notes_markdown import code_ranges  # markdown-it: only when chips change

    code = code_ranges(text)
    return [
        (link.start(1), link.end(1), chip_text(now[link.group(2)]))
        for link in links
        if not any(start <= link.start() < end for start, end in code)
    ]


def edited(text: str, edits: Iterable[Edit]) -> str:
    """`text` with each of `edits` (in order, apart) made."""
    pieces, at = [], 0
    for start, end, new in edits:
        pieces += [text[at:start], new]
        at = end
    return "".join([*pieces, text[at:]])


def renamed_quotes(
    session: Session, now: tuple[dict[str, str], dict[Any, Any]], ids: Iterable[str]
) -> dict[str, tuple[Said, Said]]:
    """What of the highlights `ids` of `session` its speaker corrections `now`
    (Session.speakers_renamed) would change in their quotes' labels: by id, before and
    after. The session is as it was after."""
    was = session.speaker_corrections()
    highlights = [h for i in ids if (h := session.highlight(i)) is not None and not h.orphan]
    before = [said_where(session, h.start, h.end) for h in highlights]
    session.restore_speaker_corrections(*now)
    try:
        after = [said_where(session, h.start, h.end) for h in highlights]
    finally:
        session.restore_speaker_corrections(*was)
    return {
        h.id: (old, new)
        for h, old, new in zip(highlights, before, after, strict=True)
        if old != new
    }


def rename_edits(
    text: str, renamed: Renamed, back: bool, place: str = "", title: str = ""
) -> list[Edit]:
    """The chips of `text` of the passages `renamed` (their links "<place>#h-<id>", their
    labels beginning with `title`, as in the study memo) relabelled after the rename
    (`back`: before it again)."""
    old, new = (1, 0) if back else (0, 1)
    was, now = {}, {}
    for highlight_id, said in renamed.items():
        target = f"{place}#h-{highlight_id}"
        was[target] = quote_label(title, *said[old])
        now[target] = quote_label(title, *said[new])
    return chip_edits(text, was, now)


def chips_as_in(text: str, written: str) -> list[Edit]:
    """The edits that make `text` `written` where the two differ only in their chips'
    labels (an interview's notes set aside, its file relabelled); none otherwise."""
    pairs = list(zip(quote_links(text), quote_links(written), strict=False))
    edits = [(a.start(1), a.end(1), b.group(1)) for a, b in pairs if a.group(1) != b.group(1)]
    return edits if edits and edited(text, edits) == written else []
