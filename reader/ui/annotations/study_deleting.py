"""Highlights chosen in the Annotations list deleted as one step: the open interview's
through its history (deleting.py), and across a study those of other interviews too,
taken out of their notes files by the study (all or none) in the same step of the open
interview's history. Undone or redone, each comes back in its place in its file, or goes
again; a file that cannot be written then changes nothing, is said, and the step is put
back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.core.annotations import Highlight
from reader.core.markdown_links import quotes_of
from reader.core.notes_file import NotesFormatError
from reader.ui.annotations.deleting import delete_highlights, tell_deleted
from reader.ui.annotations.model import Entry
from reader.ui.annotations.study_rows import StudyRows
from reader.ui.done_command import DoneCommand, refusal_on
from reader.ui.interview.open_interview import OpenInterview

if TYPE_CHECKING:
    from reader.core.study import Study

NONE_OPEN = "Open an interview first: deleting highlights is undone from there."
Taken = dict[str, list[tuple[int, Highlight]]]  # interview id -> its highlights, where they were


def delete_chosen(interview: OpenInterview, rows: StudyRows, entries: list[Entry]) -> None:
    """Delete the highlights of `entries`, of the open interview and of others, as one
    undoable step of the open interview's history; said on the status line."""
    own = [e.highlight.id for e in entries if rows.is_open(e)]
    others: dict[str, set[str]] = {}
    for entry in entries:
        if not rows.is_open(entry):
            others.setdefault(entry.interview, set()).add(entry.highlight.id)
    owner, controller = rows.owner, interview.controller
    study = owner.study if owner is not None else None
    if not others or owner is None or study is None:
        delete_highlights(interview, own, said=True)
        return
    if controller is None:  # the step is one of the open interview's history
        interview.status.emit(NONE_OPEN, 6000)
        return
    if not controller.writable():
        return
    from reader.core.study import StudyError  # loaded with the study

    def say(text: str) -> None:
        interview.status.emit(text, 8000)
        interview.show_message(text)

    told = interview.kept.written  # an interview set aside with its history follows

    def take() -> Taken:
        return study.take_highlights(others, told)

    def put_back(taken: Taken) -> None:
        study.put_back_highlights(taken, told)

    try:
        taken = take()
    except StudyError as exc:
        say(str(exc))
        return
    stack = controller.undo_stack
    text = f"Delete {len(entries)} Highlights" if len(entries) > 1 else "Delete Highlight"
    stack.beginMacro(text)
    controller.delete_highlights(own)
    # Last in the step, so undone first: when its files cannot be written, the whole step
    # is put back (redone), the open interview's part too.
    refusal = refusal_on(stack, StudyError, say)
    stack.push(DoneCommand(text, taken, take, put_back, owner.changed.emit, refusal))
    stack.endMacro()
    ids = [e.highlight.id for e in entries]
    tell_deleted(interview, ids, said=True, elsewhere=quoted_in(study, others, ids))


def quoted_in(study: Study, interviews: Iterable[str], ids: list[str]) -> dict[str, int]:
    """How many quotes in the notes of each of `interviews` (by title, in the study's
    order) link back to one of the highlights `ids`: they lead nowhere once those are
    deleted. One whose notes cannot be read now is passed over."""
    quoted, wanted = {}, set(interviews)
    for entry in (e for e in study.interviews if e.id in wanted):
        try:
            notes = study.load_notes(entry)
        except (NotesFormatError, OSError):
            continue
        if notes is not None and (count := quotes_of(notes.notes, ids)):
            quoted[entry.title] = count
    return quoted
