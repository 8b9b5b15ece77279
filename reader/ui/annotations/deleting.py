"""Deleting a highlight from the reader or the Annotations list, said on the status line
where it is not seen going (the list) or where a quote's link leads to it: the chip in the
notes or the study memo stays, and led nowhere from then on, unsaid."""

from __future__ import annotations

from reader.core.markdown_links import quoted_ids
from reader.ui.interview.open_interview import OpenInterview

DELETED = "Highlight deleted. Edit ▸ Undo brings it back."


def delete_highlight(interview: OpenInterview, highlight_id: str, said: bool = False) -> None:
    """Delete it, as an undoable step; the status line says so where `said` or where a
    quote links to it."""
    controller = interview.controller
    if controller is None:
        return
    if highlight_id in quoted_ids(interview.research_notes()):
        quoted = "your notes"
    else:
        quoted = "the study memo" if highlight_id in interview.memo_quoted() else ""
    controller.delete_highlight(highlight_id)
    if controller.session.highlight(highlight_id) is not None:  # refused: read-only notes
        return
    if quoted:
        interview.status.emit(
            f"Highlight deleted: its quote in {quoted} leads nowhere now. "
            "Edit ▸ Undo brings it back.",
            8000,
        )
    elif said:
        interview.status.emit(DELETED, 6000)
