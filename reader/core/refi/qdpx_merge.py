"""A source of a REFI-QDA project whose text is that of an interview the study has (a
supervisor's copy of the study, coded in NVivo, ATLAS.ti or MAXQDA and sent back): its
selections merged into that interview's notes file (qdpx_import reads them).

A selection whose GUID is the id of a highlight there (our export keeps highlight ids as
selection GUIDs) is that highlight: the codes and the note it gained are added. One with a
new GUID is a new highlight, unless a highlight of the same passage is there (made here
since, or its twin), or the highlight sent over that passage and resized here since:
that one takes its codes and note, as above. Nothing is taken away: a coding removed in
the other tool stays here. Nor is anything brought back that was deleted here since the
study was sent (refi.sent, the record its export keeps): a selection whose GUID was sent
and whose highlight is gone here; one with a new GUID over a passage sent, with no
highlight of it here and no code the passage was not sent with (ours, given a new GUID by
NVivo or ATLAS.ti on its way back); a code that was on a sent highlight, or passage, and
was taken off it here (the codes added there come); the report says how many. Without a
record (an older study, a project from elsewhere) all of it comes, as
before. A selection of a highlight's GUID over another passage is that highlight when the
passage is the one sent (resized here since: what was added there joins it); else
(resized there, or no record) it is a new highlight beside it, or joins one of that
passage. The participant and attributes of the interview (refi.qdpx_import) take the
file's where they are empty here, unless the interview was sent with that value and it
was cleared here since (not filled in again, as a deleted highlight is not brought back;
a value changed there comes); one that differs is kept as here and named. The same
project imported twice changes nothing the second time. The notes file is backed up
(backups.py) before it is written, atomically; one that cannot be read, or that another
window is editing, is left as it is (its participant and attributes too).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.annotations import Highlight, now_iso
from reader.core.backups import make_backup
from reader.core.codebook import AddedCodes, Codebook
from reader.core.lock_files import lock_holder, notes_lock
from reader.core.notes_file import NotesData, NotesFormatError, parse
from reader.core.refi.codebook_xml import derived_guid
from reader.core.refi.left_out import NAMED
from reader.core.refi.sent import NOTHING_SENT, Sent
from reader.core.store import describe_os_error, save_notes
from reader.core.wording import counted, listed


class Highlights(dict[str, Highlight]):
    """An interview's highlights by id, and by passage: a selection that comes with a GUID
    of its own is looked up by its passage. NVivo sends every selection so, and a walk of
    all the highlights for each made merging 5,000 of them take seconds. And those that
    may have been resized here since they were sent, looked up once a merge: a passage
    sent and deleted here is looked for among them, not among all (1,000 deleted of
    10,000 took 17 s, now 0.3 s)."""

    def __init__(self, highlights: Iterable[Highlight] = ()) -> None:
        super().__init__()
        self._ids_over: dict[tuple[int, int], set[str]] = {}
        self._resized_for: Sent | None = None  # the record `_resized` was looked up in
        self._resized: set[str] = set()
        self._unasked: set[str] = set()  # set since: not yet looked up
        for h in highlights:
            self[h.id] = h

    def __setitem__(self, highlight_id: str, highlight: Highlight) -> None:
        old = self.get(highlight_id)
        if old is not None:
            self._ids_over[(old.start, old.end)].discard(highlight_id)
        super().__setitem__(highlight_id, highlight)
        self._ids_over.setdefault((highlight.start, highlight.end), set()).add(highlight_id)
        self._unasked.add(highlight_id)

    def over(self, start: int, end: int) -> list[Highlight]:
        """The highlights of exactly this passage."""
        return [self[i] for i in self._ids_over.get((start, end), ())]

    def maybe_resized(self, sent: Sent) -> list[Highlight]:
        """Those that may have been sent over a passage other than theirs here
        (Sent.maybe_resized), each looked up once for `sent`."""
        if sent is not self._resized_for:
            self._resized_for, self._resized, self._unasked = sent, set(), set(self)
        if self._unasked:
            asked = [self[i] for i in self._unasked]
            self._resized -= self._unasked
            self._resized.update(h.id for h in sent.maybe_resized(asked))
            self._unasked = set()
        return [self[i] for i in self._resized]


@dataclass
class Merged:
    """What one source brought to the interview with its text."""

    source: str  # its name in the project
    interview: str  # the study's interview's title
    codings: int = 0  # codes added to highlights there already
    # The ids of the highlights there that gained codes: each once, though QualCoder sends
    # a selection for each coding of one passage.
    coded_ids: set[str] = field(default_factory=set)
    new: int = 0  # highlights added
    notes: int = 0  # notes added or lengthened (a highlight's, the research notes)
    deleted: int = 0  # highlights sent and deleted here since: not brought back
    uncoded: int = 0  # codes sent on a highlight and taken off it here: not added back
    # The participant and the attributes (labels) empty here that took the file's value.
    filled: list[str] = field(default_factory=list)
    # Those that differ there, kept as here: 'Role “nurse” (“midwife” there)'.
    differ: list[str] = field(default_factory=list)
    # Those sent with a value, cleared here since, that the file still has: left empty.
    cleared: list[str] = field(default_factory=list)

    @property
    def coded(self) -> int:
        """How many highlights there gained codes."""
        return len(self.coded_ids)

    @property
    def notes_changed(self) -> bool:
        """It changes the interview's notes file."""
        return bool(self.codings or self.new or self.notes)

    @property
    def changed(self) -> bool:
        """It changes the interview: its notes, its participant or attributes."""
        return self.notes_changed or bool(self.filled)

    @property
    def said(self) -> bool:
        """It has something to say: what it brought, or what it did not bring back."""
        return self.changed or bool(self.deleted or self.uncoded or self.differ or self.cleared)

    @property
    def named(self) -> str:
        """“P03”, or “P03” (into “Ana”) when the study's interview has another title."""
        named = f"“{self.source}”"
        return named + (f" (into “{self.interview}”)" if self.interview != self.source else "")

    @property
    def line(self) -> str:
        """“P03”: 12 codings added to 9 highlights, 4 new highlights, participant and Years
        filled in; 1 highlight deleted here since it was sent, not brought back; Site
        cleared here since it was sent, not filled in again; kept as here: Role “nurse”
        (“midwife” there)"""
        parts = []
        if self.codings:
            parts.append(
                f"{counted(self.codings, 'coding')} added to {counted(self.coded, 'highlight')}"
            )
        if self.new:
            parts.append(counted(self.new, "new highlight"))
        if self.notes:
            parts.append(counted(self.notes, "note") + " added")
        if self.filled:
            parts.append(f"{listed(self.filled)} filled in")
        kept = [
            f"{counted(n, what)} {how} here since {'it was' if n == 1 else 'they were'} sent, "
            f"not {back} back"
            for n, what, how, back in (
                (self.deleted, "highlight", "deleted", "brought"),
                (self.uncoded, "coding", "removed", "added"),
            )
            if n
        ]
        if self.cleared:
            were = "it was" if len(self.cleared) == 1 else "they were"
            kept.append(
                f"{listed(self.cleared)} cleared here since {were} sent, not filled in again"
            )
        if self.differ:
            kept.append("kept as here: " + ", ".join(self.differ))
        said = ", ".join(parts) or ("nothing new" if kept else NOTHING_NEW)
        return f"{self.named}: " + "; ".join([said, *kept])


def merged_lines(merged: list[Merged]) -> list[str]:
    """A line for each source that brought something, then one for those that brought
    nothing (a box shows its first lines: a study of fifteen sent back with two coded
    there would hide them under thirteen lines of nothing new)."""
    lines = [m.line for m in merged if m.said]
    same = [m for m in merged if not m.said]
    if len(same) == 1:
        lines.append(same[0].line)
    elif same:
        said = ", ".join(m.named for m in same[:NAMED])
        more = f" and {len(same) - NAMED} more" if len(same) > NAMED else ""
        lines.append(f"{len(same)} interviews ({said}{more}): {NOTHING_NEW}")
    return lines


NOTHING_NEW = "nothing new, the study has all of it"


def merge_selection(
    highlights: Highlights,
    selection: Highlight,
    merged: Merged,
    sent: Sent = NOTHING_SENT,
    in_file: tuple[int, int] | None = None,
) -> Highlight | None:
    """`selection` (a selection read as a highlight) into `highlights`, by id. `sent`:
    what the study sent of the interview (refi.sent): a highlight sent and deleted here
    since is not brought back, nor a code sent on a highlight and taken off it here; one
    that comes back over the passage it was sent with and was resized here since is ours
    (it takes the codes and note). A selection of a GUID the study does not know, over a
    passage sent, may be ours given a new GUID by the other tool: it is the highlight sent
    over it (resized here since or not), or, with none here and no code it was not sent
    with, that highlight deleted here. Returns the selection as the study knows it now,
    for the record of what came (refi.sent): under the id of the highlight it joined
    (NVivo's GUID for one of ours is not ours: recorded as sent, its next file would read
    as that highlight deleted here), under another id when it was resized there; None
    when it stays out (deleted here: nothing came). `in_file`: the selection's place in
    the file's text where it is placed on a text corrected here since (the record of
    what was sent knows places in the text sent)."""
    old = highlights.get(selection.id)
    span = (selection.start, selection.end)
    as_sent = in_file or span
    if old is not None and (old.start, old.end) != span and not sent.spanned(old.id, *as_sent):
        # Resized there (not here: the passage sent is not the one that came back): its
        # passage is beside ours, never moved onto it.
        moved = f"{selection.id}/{selection.start}/{selection.end}"
        selection = replace(selection, id=derived_guid("selection", moved))
        old = highlights.get(selection.id)
    if old is None and sent.has(selection.id):
        merged.deleted += 1
        return None
    by_passage = old is None
    if by_passage:
        over = highlights.over(*span)
        old = _sent_over(highlights, over, selection, sent, as_sent)
        if old is None and sent.sent_over(*as_sent, selection.codes):
            merged.deleted += 1  # ours under a new GUID, deleted here since
            return None
        # A highlight of the same passage (made here since, or a twin made there) is that
        # passage: it takes the codes, as coding a highlighted passage does here.
        old = old or _likeliest(over, selection)
    if old is None:
        highlights[selection.id] = selection
        merged.new += 1
        return selection
    fresh = [c for c in selection.codes if c not in old.codes]
    # Taken off here since it was sent: on this highlight, or on the passage a selection
    # joins by its passage (a tool that gives the selections new GUIDs sends ours back so).
    codes = tuple(
        c
        for c in fresh
        if not sent.had(selection.id, c)
        and not sent.had(old.id, c)
        and not (by_passage and sent.sent_over(*as_sent, (c,)))
    )
    note = joined(old.note, selection.note)
    if codes or note != old.note:
        highlights[old.id] = replace(
            old, codes=old.codes + codes, note=note, modified=max(now_iso(), old.modified)
        )
    merged.codings += len(codes)
    if codes:
        merged.coded_ids.add(old.id)
    merged.uncoded += len(fresh) - len(codes)
    merged.notes += note != old.note
    return replace(selection, id=old.id)


def _sent_over(
    highlights: Highlights,
    over: list[Highlight],
    selection: Highlight,
    sent: Sent,
    span: tuple[int, int],
) -> Highlight | None:
    """The highlight sent over the passage of `selection` (a selection of a GUID not here,
    which may be ours under a new GUID), still here: one of those `over` it, or one
    resized here since (of those that may have been, only when no highlight over it was
    sent over it). `span`: its place in the text as sent."""
    if not sent.sent_over(*span):
        return None
    ours = [h for h in over if sent.spanned(h.id, *span)]
    ours = ours or [h for h in highlights.maybe_resized(sent) if sent.spanned(h.id, *span)]
    return _likeliest(ours, selection)


def _likeliest(candidates: list[Highlight], selection: Highlight) -> Highlight | None:
    """The one of `candidates` that `selection` joins. Which one, when there are several,
    must not hang on the order read: one that has its codes and note (each paragraph of
    it, as joined tells: "m" is not in "n and more")."""
    codes = set(selection.codes)
    return min(
        candidates,
        key=lambda h: (not codes <= set(h.codes), joined(h.note, selection.note) != h.note, h.id),
        default=None,
    )


def joined(old: str, new: str) -> str:
    """A note (or research notes) as it is here with the paragraphs of `new` (the other
    tool's) that it lacks added: not one here already (a whole paragraph: "ok" is not in
    "book"), nor one written on here since it was sent; one lengthened there (it starts
    with ours, then a word ends: not "Minefield" for "Mine") replaces ours. Without the
    text as it went, a paragraph changed on either side is there twice, never lost."""
    pieces = _PARAGRAPH_BREAK.split(old)  # paragraphs and the breaks between them
    for paragraph in _paragraphs(new):
        here = [note_key(piece) for piece in pieces[::2]]
        key = note_key(paragraph)
        if key in here or any(_lengthens(mine, key) for mine in here):
            continue
        shorter = next((k for k, mine in enumerate(here) if _lengthens(key, mine)), None)
        if shorter is not None:
            pieces[2 * shorter] = paragraph
        elif any(here):
            pieces[-1] = pieces[-1].rstrip()
            pieces += ["\n\n", paragraph]
        else:
            pieces = [paragraph]
    return "".join(pieces)


_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n\s*)")


def note_key(text: str) -> str:
    """What two notes are compared by: their words in NFC, as the import reads a source's
    Description, without the blanks around them. A note typed with combining accents
    ("e" and U+0301, as macOS may give) went out so as its Note and as an NFC Description,
    and came back twice. A leading U+FEFF is no word either: the import takes it off a
    Note's text, as a byte order mark, and not off its Description."""
    return unicodedata.normalize("NFC", text.strip().removeprefix("\ufeff").strip())


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text)[::2] if p.strip()]


def join_memos(book: Codebook, other: Codebook, added: AddedCodes) -> AddedCodes:
    """The memos of `book`'s codes gain the paragraphs that the memos of the same codes in
    `other` (an imported codebook, added to `book` by add_codebook) add, as notes are
    joined: a supervisor's paragraph on a student's code is not dropped because it had a
    memo. `added` with the paths of the codes whose memo changed (AddedCodes.memos)."""
    changed = []
    for code in other:
        mine = book.get(added.same.get(code.id, ""))
        if mine is not None and (memo := joined(mine.description, code.description)) != (
            mine.description
        ):
            book.update(mine.id, description=memo)
            changed.append(book.path(mine.id))
    return added._replace(memos=changed)


def _lengthens(longer: str, note: str) -> bool:
    """`longer` is `note` written on: it starts with it, and there a word ends."""
    return (
        bool(note)
        and len(longer) > len(note)
        and longer.startswith(note)
        and not longer[len(note)].isalnum()
    )


def read_notes(path: Path) -> tuple[bytes | None, NotesData | None, str]:
    """The notes file's bytes and notes (None, None: there is none yet), or why it is
    left as it is: unreadable, of a newer format, or being edited in another window (the
    window importing holds the lock of its own open interview, which merges what is
    written, reader/ui/codebook/refi.py)."""
    holder = lock_holder(notes_lock(path), others=True)
    if holder:
        return None, None, f"another window ({holder}) is editing them"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None, ""
    except OSError as exc:
        return None, None, f"they cannot be read ({describe_os_error(exc)})"
    try:
        return raw, parse(raw), ""
    except NotesFormatError as exc:
        return None, None, f"they cannot be read ({str(exc).rstrip('.')})"


def write_notes(path: Path, was: bytes | None, notes: NotesData) -> str:
    """`notes` written over `was` (the bytes read), kept first as a backup; "" when done,
    else why not (then the file is as it was)."""
    try:
        if was is not None:
            make_backup(path, was)
        save_notes(path, notes)
    except OSError as exc:
        return f"they could not be written ({describe_os_error(exc)})"
    return ""
