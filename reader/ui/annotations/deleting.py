"""Deleting a highlight from the reader, or those selected in the Annotations list as one
step, said on the status line where it is not seen going (the list) or where a quote's link
leads to it: the chip in the notes or the study memo stays, and led nowhere from then on,
unsaid."""

from __future__ import annotations

from reader.core.markdown_links import quoted_ids, quotes_of
from reader.core.wording import counted, listed
from reader.ui.interview.open_interview import OpenInterview

DELETED = "Highlight deleted. Edit ▸ Undo brings it back."


def delete_highlights(interview: OpenInterview, ids: list[str], said: bool = False) -> None:
    """Delete them, as one undoable step; the status line says so where `said` or where a
    quote links to one."""
    controller = interview.controller
    if controller is None or not ids:
        return
    controller.delete_highlights(ids)
    if controller.session.highlight(ids[0]) is None:  # else refused: read-only notes
        tell_deleted(interview, ids, said)


def tell_deleted(
    interview: OpenInterview, ids: list[str], said: bool, elsewhere: dict[str, int] | None = None
) -> None:
    """The status line says the highlights `ids` are deleted where `said`, and where a
    quote in the open notes or the study memo links to one (it leads nowhere now), or in
    the notes of other interviews (`elsewhere`: title -> how many of their quotes)."""
    notes, memo = quoted_ids(interview.research_notes()), interview.memo_quoted()
    if any(i in notes for i in ids):
        quoted = "your notes"
    else:
        quoted = "the study memo" if any(i in memo for i in ids) else ""
    several = len(ids) > 1
    if elsewhere:
        _tell_quoted_elsewhere(interview, ids, any(i in memo for i in ids), elsewhere)
    elif quoted:
        what = "Highlights deleted: a quote" if several else "Highlight deleted: its quote"
        them = "them" if several else "it"
        interview.status.emit(
            f"{what} in {quoted} leads nowhere now. Edit ▸ Undo brings {them} back.", 8000
        )
    elif said:
        said_several = f"{len(ids)} highlights deleted. Edit ▸ Undo brings them back."
        interview.status.emit(said_several if several else DELETED, 6000)


def _tell_quoted_elsewhere(
    interview: OpenInterview, ids: list[str], in_memo: bool, elsewhere: dict[str, int]
) -> None:
    """One status line for the deleted highlights `ids` quoted in other interviews' notes
    (`elsewhere`), the open notes and the study memo (`in_memo`): how many quotes where."""
    own = quotes_of(interview.research_notes(), ids)
    count = own + sum(elsewhere.values())
    places = [f"your notes ({own})"] if own else []
    places += [f"the notes of “{title}” ({n})" for title, n in elsewhere.items()]
    memo = " (and in the study memo)" if in_memo else ""
    what, them = ("Highlights", "them") if len(ids) > 1 else ("Highlight", "it")
    lead = "leads" if count == 1 else "lead"
    interview.status.emit(
        f"{what} deleted: {counted(count, 'quote')} in {listed(places)}{memo} {lead} nowhere "
        f"now. Edit ▸ Undo brings {them} back.",
        8000,
    )
