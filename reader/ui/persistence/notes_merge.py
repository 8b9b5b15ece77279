"""Another version of the open notes merged into them: another program's change to their
file, a sync tool's conflict copy, a rescued copy, or our own version brought back; what
the merge took out of ours kept first, and the merge said in the banner."""

from __future__ import annotations

from functools import partial

from reader.core.notes_file import NotesData
from reader.core.read_only import UPDATED_BY_WINDOW, ReadOnly
from reader.ui.interview.controller import Controller
from reader.ui.persistence.interview_host import InterviewHost
from reader.ui.persistence.offered_copies import BannerActions
from reader.ui.typed_text import UNDO_RESTARTS


def merge_into_open(
    host: InterviewHost,
    controller: Controller,
    theirs: NotesData,
    source: str,
    base: NotesData | None,
) -> None:
    controller.session.notes.notes = host.research_notes()
    from reader.core.merge import merge  # only when another program changed the file

    result = merge(base, controller.session.notes, theirs, source)
    if not result.changed and result.notes.notes == controller.session.notes.notes:
        return
    # Written by the window that has the notes, this one having nothing of its own: what
    # went, that window took out; not kept (a backup of it would push older ones out).
    by_window = host.read_only_cause in _IN_USE and not controller.saver.dirty
    took_out = (result.removed or result.lines_removed) and not by_window
    actions, kept = _keep_ours(host, controller) if took_out else ([], "")
    # Steps on colour labels, speakers, roles and codes hold them whole: undone over
    # another program's change to them, they would take it back. Highlights go by id.
    keep = not result.other_changes
    dropped = not keep and controller.undo_stack.count() > 0
    typing = host.notes_document.isUndoAvailable()
    retyped = typing and result.notes.notes != controller.session.notes.notes
    host.replace_notes(result.notes, keep_history=keep)
    if retyped:  # undone, the merge took their words back out, and was saved so
        host.notes_document.clearUndoRedoStacks()
    if keep:
        controller.merged_outside([*result.added, *result.updated, *result.removed])
    if host.read_only_cause in _IN_USE:  # the banner says why: kept
        host.show_status(UPDATED_BY_WINDOW, 6000)
    else:
        cleared = (_HISTORY_CLEARED if dropped else "") + (UNDO_RESTARTS if retyped else "")
        host.show_message(result.message(source) + kept + cleared, actions)
    controller.saver.mark_dirty()


def _keep_ours(host: InterviewHost, controller: Controller) -> tuple[BannerActions, str]:
    """Before a merge takes out highlights or lines of ours, our version is backed up
    (else rescued: the message says where), and a button brings back what it took,
    merged in without deleting anything: a sync tool that lets the newer file win
    brought another machine's older copy, which lacked what was written here since."""
    mine, kept = controller.saver.back_up_now(controller.session.notes)
    said = kept.said(KEPT_BEFORE_MERGE, ": Bring It Back is its only copy.")
    bring_back = partial(merge_into_open, host, controller, mine, BEFORE_MERGE, base=None)
    return [("Bring It Back", bring_back)], said


_IN_USE = (ReadOnly.NOTES_IN_USE, ReadOnly.STUDY_IN_USE)  # another window writes them
KEPT_BEFORE_MERGE = " Your version from before is in a backup too."
BEFORE_MERGE = "your version from before"
_HISTORY_CLEARED = (
    " Undo history cleared: another program changed colour labels, speakers, paragraph "
    "roles or codes."
)
