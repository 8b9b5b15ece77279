"""Codes an interview's notes use that its study's codebook lacks, adopted by the study.

An interview's highlights can carry codes study.json does not have: it was coded while
opened alone and then added to the study, its notes file was copied in from another
study, study.json was restored from an older copy, or a code id is in no codebook at all
(notes_file names it "Unknown code 1a2b3c4d" on loading). When such an interview opens in
a study that can be written, those codes join the study's codebook (CodebookHub in the
window), so that the Codebook shows them and they can be renamed, merged and retrieved:
with their ids (every coding stays valid), name, colour and description, below their
parent (adopted too, when the study lacks it). A name a sibling has already is told apart by the
interview's title: "Work (P03)".

Codes an import of annotations brought, their import undone, are taken back out
(`taken_back`) where nothing needs them any more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set

from reader.core.codebook import (
    MAX_NAME_CHARS,
    UNKNOWN_CODE_HEX,
    Code,
    Codebook,
    is_color,
    unknown_code,
)
from reader.core.notes_file import NotesData, unknown_codes_notice

NAMED = 3  # codes named in the message; "and N more" after them
_TITLE_CHARS = 60  # of the interview's title in a name told apart by it


def taken_back(book: Codebook, codes: Iterable[Code], used: Set[str]) -> list[Code]:
    """Take out of `book` the `codes` an import brought, the import undone: each still in
    it that no passage carries (`used`, ids) and with no code below it that stays (made
    since, or carrying passages). Returns those taken out, in the book's order."""
    going = {c.id for c in codes if c.id in book and c.id not in used}
    while staying := {i for i in going if any(d.id not in going for d in book.descendants(i))}:
        going -= staying
    gone = [c for c in book if c.id in going]
    book.codes = [c for c in book.codes if c.id not in going]
    return gone


def adopt_codes(book: Codebook, notes: NotesData, title: str) -> list[Code]:
    """Add to `book` (the study's) each code the highlights of `notes` carry that it
    lacks, as the notes' own codebook has it; one that has none there becomes an "Unknown
    code". Each keeps its id, name, colour, description and whether it is a category; it
    goes below its parent, adopted with it when `book` lacks it (a category carries no
    passage), or at the top when the notes have no parent for it.
    A name a sibling has gets `title`, the interview's, in brackets. Returns the codes as
    added, in the notes' tree order."""
    used = dict.fromkeys(c for h in notes.highlights for c in h.codes if c not in book)
    if not used:
        return []
    wanted = set(used)
    for code_id in used:  # and the categories above them, so that their tree is kept
        parent = notes.codebook.code(code_id).parent if code_id in notes.codebook else ""
        while parent and parent not in book and parent in notes.codebook:
            wanted.add(parent)
            parent = notes.codebook.code(parent).parent
    theirs = [c for c in notes.codebook if c.id in wanted]
    theirs += [unknown_code(i) for i in used if i not in notes.codebook]
    added = []
    for code in theirs:
        parent = code.parent if code.parent in book else ""
        added.append(
            book.create(
                _free_name(book, code, parent, title),
                parent=parent,
                color=code.color if is_color(code.color) else UNKNOWN_CODE_HEX,
                description=code.description,
                codable=code.codable,
                code_id=code.id,
            )
        )
    return added


def adopted_codebook(book: Codebook, interviews: Iterable[tuple[str, NotesData]]) -> Codebook:
    """A copy of `book`, a study's, with the codes each interview's notes ((its title, its
    notes) each) use that it lacks, as they join it when the interview opens in the
    window: the codebook an export of the whole study codes with."""
    adopted = book.copy()
    for title, notes in interviews:
        adopt_codes(adopted, notes, title)
    return adopted


def _free_name(book: Codebook, code: Code, parent: str, title: str) -> str:
    """The code's name, or, where a sibling has it, "Name (Title)", then "Name (Title, 2)"…
    each within the longest name a code may have."""
    name = " ".join(code.name.split())[:MAX_NAME_CHARS] or unknown_code(code.id).name
    if book.find(name, parent) is None:
        return name
    told = " ".join(title.split())[:_TITLE_CHARS] or "another interview"
    number = 1
    while True:
        suffix = f" ({told})" if number == 1 else f" ({told}, {number})"
        candidate = name[: MAX_NAME_CHARS - len(suffix)].rstrip() + suffix
        if book.find(candidate, parent) is None:
            return candidate
        number += 1


def adoption_message(added: Sequence[Code], title: str) -> str:
    """What to say of the codes `adopt_codes` added for the interview `title` ("" for none):
    "2 codes of “P03”’s notes were not in the study's codebook and were added to it:
    “Work”, “Unknown code 9f3c2a10”." The first few are named."""
    if not added:
        return ""
    names = ", ".join(f"“{c.name}”" for c in added[:NAMED])
    more = f" and {len(added) - NAMED} more" if len(added) > NAMED else ""
    codes, were = ("codes", "were") if len(added) > 1 else ("code", "was")
    return (
        f"{len(added)} {codes} of “{title}”’s notes {were} not in the study's codebook and "
        f"{were} added to it: {names}{more}."
    )


def unknown_notice_answered(notes: NotesData, book: Codebook) -> str:
    """The notice loading gave of codes the notes' own codebook lacked ("1 code used by
    highlights was not in the codebook…"), when `book`, the study's, has them all now
    (adopted, and said so; or the study had them all along): it is not said. "" else."""
    if notes.unknown_codes and all(c in book for c in notes.unknown_codes):
        return unknown_codes_notice(len(notes.unknown_codes))
    return ""
