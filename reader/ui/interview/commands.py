"""Undoable changes to the model: every change a user makes goes through one of these."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import fields, replace
from typing import Protocol

from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.annotations import Highlight, left_showing
from reader.core.code_adoption import taken_back
from reader.core.codebook import Code
from reader.core.interview import ROLE_LABELS, Role
from reader.core.session import Session
from reader.core.undo_crossing import Crossing


class Controller(Protocol):
    """What a command changes and whom it tells (the interview's controller)."""

    session: Session
    crossing: Crossing  # what the study's undo history and this one know of each other
    quoted: Callable[[], Set[str]]  # the passages quotes in the notes link to: they stay

    def structure_edited(self) -> None: ...

    def highlight_edited(self, before: Highlight | None, after: Highlight | None) -> None: ...

    def colors_edited(self) -> None: ...


class SetRoleCommand(QUndoCommand):
    def __init__(self, controller: Controller, start: int, role: Role) -> None:
        super().__init__(f"Mark as {ROLE_LABELS[role]}")
        self._controller = controller
        self._start = start
        self._role = role
        self._before = controller.session.role_corrections()

    def redo(self) -> None:
        self._controller.session.set_role(self._start, self._role)
        self._controller.structure_edited()

    def undo(self) -> None:
        self._controller.session.restore_role_corrections(self._before)
        self._controller.structure_edited()


class Also(Protocol):
    """What another's keeping changes with a command, in the same undo step (the study's
    participant following a speaker renamed): done after it, undone before it."""

    def redo(self) -> None: ...

    def undo(self) -> None: ...


class SpeakersCommand(QUndoCommand):
    """Speakers renamed, merged or put on a side: the corrections before and after."""

    def __init__(
        self,
        controller: Controller,
        text: str,
        corrections: tuple[dict[str, str], dict[str, Role]],
        also: Iterable[Also] = (),
    ) -> None:
        super().__init__(text)
        self._controller = controller
        self._before = controller.session.speaker_corrections()
        self._after = corrections
        self._also = tuple(also)

    def redo(self) -> None:
        self._controller.session.restore_speaker_corrections(*self._after)
        self._controller.structure_edited()
        for part in self._also:
            part.redo()

    def undo(self) -> None:
        for part in reversed(self._also):
            part.undo()
        self._controller.session.restore_speaker_corrections(*self._before)
        self._controller.structure_edited()


# Said as an undo or redo leaves a passage aside (`_HighlightsCommand._add`).
LEFT_OUT = (
    "The passage is not shown: its codes were deleted from the study since. Undo of the "
    "deletion, in the Codebook, brings it back."
)


class _HighlightsCommand(QUndoCommand):
    """A change to highlights named by id. In a study, deleting a code (the study's
    history, not the interview's) removes a passage left showing nothing, which this
    history may have added or changed: found gone, it is that history's (whose Undo
    brings it back), and this command leaves it alone from then on, both ways. One this
    history left out for codes deleted since (Crossing.left_out) it still changes there,
    for the study's Undo to bring back as this history has it.

    So with one another program changed, added or deleted since the command was made (its
    version of the notes file merged in: Crossing.merged_outside): it stays as that
    program left it. A command that leaves all its highlights alone does nothing any more,
    and is dropped from the history (`drop_left_alone`)."""

    def __init__(self, controller: Controller, text: str, highlights: Iterable[Highlight]):
        super().__init__(text)
        self._controller = controller
        self._gone: set[str] = set()  # ids found taken away by another history, or program
        self._made = controller.crossing.outside_merges  # the merges before it was made
        # Of the codes the command puts on, those the codebook has now: not all its codes,
        # which with 1,000 of them took 33 kB a step of the undo history.
        highlights = list(highlights)
        book = controller.session.notes.codebook
        self._codes_then = frozenset(c for h in highlights for c in h.codes if c in book)
        self._ids = frozenset(h.id for h in highlights)
        # Where each was in the list when removed: put back there among those of its span
        # (two machines' highlights of the same words keep their order in the file).
        self._places: dict[str, int] = {}

    def holds(self, highlight_id: str) -> bool:
        return highlight_id in self._ids

    def _left_alone(self, highlight_id: str) -> bool:
        """Whether this command leaves the highlight alone, from now on (see the class)."""
        if self._controller.crossing.changed_since(highlight_id, self._made):
            self._leave_alone(highlight_id)
        return highlight_id in self._gone

    def _leave_alone(self, highlight_id: str) -> None:
        self._gone.add(highlight_id)
        if self._ids <= self._gone:  # nothing left to do: the stack drops it
            self.setObsolete(True)

    def look_outside(self) -> None:
        """After another program's change was merged: those of its highlights it changed
        are left alone, and the command is obsolete if that is all of them."""
        for highlight_id in self._ids:
            self._left_alone(highlight_id)

    def _there(self, highlight_id: str) -> bool:
        session = self._controller.session
        if not self._left_alone(highlight_id) and session.highlight(highlight_id) is not None:
            return True
        self._leave_alone(highlight_id)
        return False

    def _known(self, highlight: Highlight) -> Highlight | None:
        """`highlight` without the codes deleted since this command was made (a code the
        codebook never had stays, as it came); None if they were all that showed it."""
        book = self._controller.session.notes.codebook
        known = self._controller.crossing.without_codes(highlight, self._codes_then, book)
        return known if known is highlight else left_showing(known, self._controller.quoted)

    def _left_out(self, highlight_id: str) -> Highlight | None:
        session = self._controller.session
        if self._left_alone(highlight_id) or session.highlight(highlight_id) is not None:
            return None
        return self._controller.crossing.left_out.get(highlight_id)

    def _add(self, highlight: Highlight) -> None:
        session, left_out = self._controller.session, self._controller.crossing.left_out
        known = self._known(highlight)
        if self._left_alone(highlight.id):
            return
        if known is None:
            left_out[highlight.id] = highlight
            self._controller.refused.emit(LEFT_OUT)
        elif session.highlight(highlight.id) is None:
            left_out.pop(highlight.id, None)
            session.add_highlight(known, self._places.get(highlight.id))
            self._controller.highlight_edited(None, known)

    # Told as it was in the session, which a study's code change may have recoded.
    def _remove(self, highlight_id: str) -> None:
        if self._left_out(highlight_id) is not None:
            del self._controller.crossing.left_out[highlight_id]
        elif self._there(highlight_id):
            place, removed = self._controller.session.take_highlight(highlight_id)
            self._places[highlight_id] = place
            self._controller.highlight_edited(removed, None)

    def _replace(self, after: Highlight) -> None:
        if self._there(after.id):
            before = self._controller.session.replace_highlight(after)
            self._controller.highlight_edited(before, after)


class AddHighlightCommand(_HighlightsCommand):
    def __init__(self, controller: Controller, highlight: Highlight) -> None:
        super().__init__(controller, "Add Highlight", [highlight])
        self._highlight = highlight

    def shown(self) -> bool:
        """Whether its highlight is in the notes now: redone, it may not be (another
        program changed it since, or a code deleted since was all that showed it)."""
        return self._controller.session.highlight(self._highlight.id) is not None

    def redo(self) -> None:
        self._add(self._highlight)

    def undo(self) -> None:
        self._remove(self._highlight.id)


class DeleteHighlightCommand(_HighlightsCommand):
    def __init__(self, controller: Controller, highlight: Highlight) -> None:
        super().__init__(controller, "Delete Highlight", [highlight])
        self._highlight = highlight

    def redo(self) -> None:
        self._remove(self._highlight.id)

    def undo(self) -> None:
        self._add(self._highlight)


class EditHighlightCommand(_HighlightsCommand):
    """Recolour, note or codes: what the edit changed, from `before` to `after` (same id).
    Undo and redo set those fields alone, on the passage as it is then: in a study, the
    study's history may have recoded it meanwhile."""

    def __init__(self, controller: Controller, before: Highlight, after: Highlight, text: str):
        super().__init__(controller, text, [before, after])
        self._before = before
        self._after = after
        self._fields = [f.name for f in fields(Highlight) if _differs(before, after, f.name)]

    def redo(self) -> None:
        self._set_fields(self._after)

    def undo(self) -> None:
        self._set_fields(self._before)

    def _set_fields(self, source: Highlight) -> None:
        session, left_out = self._controller.session, self._controller.crossing.left_out
        changes = {f: getattr(source, f) for f in self._fields}
        left = self._left_out(source.id)
        if left is None and not self._there(source.id):  # found gone: left alone from now on
            return
        now = left or session.highlight(source.id)
        assert now is not None
        whole = replace(now, **changes)
        known = self._known(whole)  # None: the codes deleted since were all it showed
        # Nothing left to show it (say its colour undone, its code deleted since): it is
        # left out, as an edit that leaves nothing deletes (Controller.edit_highlight).
        wanted = None if known is None else left_showing(known, self._controller.quoted)
        if wanted is None:
            if left is None:
                self._remove(source.id)
            left_out[source.id] = whole
            if known is None:
                self._controller.refused.emit(LEFT_OUT)
        elif left is not None:  # left out, it shows again: a code it still has put back on
            del left_out[source.id]
            session.add_highlight(wanted)
            self._controller.highlight_edited(None, wanted)
        else:
            self._replace(wanted)


def _differs(before: Highlight, after: Highlight, name: str) -> bool:
    return bool(getattr(before, name) != getattr(after, name))


class SetColorLabelsCommand(QUndoCommand):
    def __init__(self, controller: Controller, labels: dict[str, str]) -> None:
        super().__init__("Rename Colours")
        self._controller = controller
        self._before = dict(controller.session.notes.colors)
        self._after = dict(labels)

    def redo(self) -> None:
        self._controller.session.notes.colors = dict(self._after)
        self._controller.colors_edited()

    def undo(self) -> None:
        self._controller.session.notes.colors = dict(self._before)
        self._controller.colors_edited()


class ImportHighlightsCommand(_HighlightsCommand):
    """Highlights imported (W3C annotations), with `codes`, those their tags became that
    the notes' codebook lacked (put in it before): undone, the codes no passage carries
    go too, and come back on redo. `told(taken_out)` after each redo (taken_out empty) and
    undo: in a study its codebook follows."""

    def __init__(
        self,
        controller: Controller,
        highlights: list[Highlight],
        codes: Sequence[Code] = (),
        told: Callable[[list[Code]], None] = lambda _taken_out: None,
    ) -> None:
        highlights = list(highlights)
        super().__init__(controller, "Import Annotations", highlights)
        self._highlights, self._codes, self._told = highlights, list(codes), told
        self._taken_out: list[Code] = []

    def redo(self) -> None:
        book = self._controller.session.notes.codebook
        book.codes.extend(c for c in self._taken_out if c.id not in book)
        for h in self._highlights:
            self._add(h)
        self._told([])

    def undo(self) -> None:
        for h in self._highlights:
            self._remove(h.id)
        notes = self._controller.session.notes
        used = {c for h in notes.highlights for c in h.codes}
        self._taken_out = taken_back(notes.codebook, self._codes, used)
        self._told(self._taken_out)


class HighlightThere(QUndoCommand):
    """What a step about a highlight already there wraps (a quote of it: QuoteStep):
    nothing to do or undo to the highlight, which is shown while it is in the notes."""

    def __init__(self, controller: Controller, highlight_id: str) -> None:
        super().__init__()
        self._controller, self._highlight_id = controller, highlight_id

    def shown(self) -> bool:
        return self._controller.session.highlight(self._highlight_id) is not None


class WrappingStep(QUndoCommand):
    """A step that runs another, `wrapped` (the highlight made, or one there already),
    and does more with it (Quote in Notes puts its quote in the notes): once the step it
    wraps has nothing to do (another program changed that highlight since), neither has
    it, and it is dropped."""

    def __init__(self, text: str, wrapped: AddHighlightCommand | HighlightThere) -> None:
        super().__init__(text)
        self.wrapped = wrapped


def drop_left_alone(stack: QUndoStack) -> None:
    """Drop the commands of `stack` that do nothing any more, next to its index: Qt drops
    an obsolete command as it is undone or redone, without running it, so Undo and Redo
    never spend a key press on one. After another program's change is merged, those it
    left with nothing to do are made obsolete first."""
    for index in range(stack.count()):
        _look_outside(stack.command(index))
    drop_obsolete_next(stack)


def _look_outside(command: QUndoCommand) -> bool:
    """Whether `command` has nothing to do since another program's change was merged (it
    is made obsolete then); a step made of others (a macro such as Code Passage, a
    WrappingStep) once none of them has."""
    if isinstance(command, _HighlightsCommand):
        command.look_outside()
        return command.isObsolete()
    parts = parts_of(command)
    if parts and all([_look_outside(part) for part in parts]):  # each looked at
        command.setObsolete(True)
    return command.isObsolete()


def parts_of(command: QUndoCommand) -> list[QUndoCommand]:
    """The steps a step is made of: a macro's (Code Passage), a WrappingStep's."""
    parts = [command.child(i) for i in range(command.childCount())]
    if isinstance(command, WrappingStep):
        parts.append(command.wrapped)
    return parts


def drop_obsolete_next(stack: QUndoStack) -> None:
    """The obsolete commands next to the index of `stack` dropped (as its index moves)."""
    while stack.index() > 0 and stack.command(stack.index() - 1).isObsolete():
        stack.undo()
    while stack.index() < stack.count() and stack.command(stack.index()).isObsolete():
        stack.redo()
