"""The one way the model changes: undoable commands on one stack, a signal for each kind
of change, and the saver told that there is something to write."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Set

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.anchoring import anchor
from reader.core.annotations import Highlight, left_showing, make_highlight, shows_nothing
from reader.core.codebook import Code
from reader.core.interview import Role
from reader.core.notes_file import RecordingRef
from reader.core.session import Session
from reader.core.undo_crossing import Crossing
from reader.ui.interview.commands import (
    AddHighlightCommand,
    Also,
    DeleteHighlightCommand,
    EditHighlightCommand,
    ImportHighlightsCommand,
    SetColorLabelsCommand,
    SetRoleCommand,
    SpeakersCommand,
    drop_left_alone,
    drop_obsolete_next,
    parts_of,
)
from reader.ui.persistence.saver import NotesSaver

# The undo step of a new highlight, given its own (AddHighlightCommand) to run within.
Step = Callable[[AddHighlightCommand, Highlight], QUndoCommand]
# What else a speaker renamed (shown, new name) changes in the same step, and its name.
FollowRename = Callable[[str, str], tuple[Also, str] | None]


class Controller(QObject):
    """Changes the Session; widgets read it freely but change it only through these."""

    structureChanged = Signal()
    colorsChanged = Signal()
    # An edit refused, or undone or redone out of sight, and why: "" while the notes are
    # read-only (the window says why).
    refused = Signal(str)
    # (before, after): None before = added, None after = removed.
    highlightChanged = Signal(object, object)

    def __init__(
        self,
        session: Session,
        saver: NotesSaver,
        parent: QObject | None = None,
        crossing: Crossing | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.saver = saver
        # The interview's, kept by its notes file in a study (KeptHistories.crossing): it
        # outlives the session and this controller, made anew when the interview reopens.
        self.crossing = crossing if crossing is not None else Crossing()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._index_moved)
        # In a study, the participant of the speaker's name (speakers/participant_follows.py).
        self.follow_rename: FollowRename | None = None
        # The passages quotes in the notes link to (set by the open interview): they stay
        # when nothing else shows them (annotations.left_showing).
        self.quoted: Callable[[], Set[str]] = frozenset

    # Called by the undo commands ---------------------------------------------------------

    def structure_edited(self) -> None:
        self.structureChanged.emit()
        self.saver.mark_dirty()

    def highlight_edited(self, before: Highlight | None, after: Highlight | None) -> None:
        self.highlightChanged.emit(before, after)
        self.saver.mark_dirty()

    def colors_edited(self) -> None:
        self.colorsChanged.emit()
        self.saver.mark_dirty()

    def notes_edited(self) -> None:
        self.saver.mark_dirty()

    def merged_outside(self, highlight_ids: Iterable[str]) -> None:
        """Another program's change to `highlight_ids` was merged into the session: the
        steps of the history leave them as it left them, and drop out where that leaves
        them nothing to do (commands.py)."""
        self.crossing.merged_outside(highlight_ids)
        drop_left_alone(self.undo_stack)

    def _index_moved(self, _index: int) -> None:
        drop_obsolete_next(self.undo_stack)

    def brings_back(self, highlight_id: str) -> str:
        """Which of this history's Undo and Redo brings back a highlight no longer there:
        "Undo" for a step that deleted it, "Redo" for one undone that made it; "" for none
        (deleted before the interview opened, or by another program)."""
        stack, made = self.undo_stack, (AddHighlightCommand, ImportHighlightsCommand)
        for index in reversed(range(stack.count())):
            undone = index >= stack.index()
            kind = made if undone else DeleteHighlightCommand
            steps, found = [stack.command(index)], False
            while steps and not found:
                step = steps.pop()
                found = isinstance(step, kind) and step.holds(highlight_id)
                steps += parts_of(step)
            if found:
                return "Redo" if undone else "Undo"
        return ""

    # What the widgets ask for ------------------------------------------------------------

    def writable(self) -> bool:
        if self.saver.read_only:
            self.refused.emit("")
            return False
        return True

    def set_role(self, start: int, role: Role) -> None:
        if not self.writable():
            return
        session = self.session
        index = session.segment_index_at(start)
        if session.segments[index].role is role and session.shown_role(index) is role:
            return  # the role it has and shows: no step that changes nothing
        self.undo_stack.push(SetRoleCommand(self, start, role))

    def rename_speaker(
        self, shown: str, new_name: str, across: Also | None = None, text: str = ""
    ) -> None:
        """Call the speaker shown as `shown` `new_name`; a name another speaker has
        already merges the two. `across`: the other interviews' part, done already, of
        a rename across the study, whose step is called `text`."""
        if not self.writable():
            return
        new_name = new_name.strip()
        if not new_name or new_name == shown:
            return
        corrections = self.session.speakers_renamed(shown, new_name)
        if corrections == self.session.speaker_corrections() and across is None:
            return  # no speaker of this interview is called `shown`: no step to undo
        merging = new_name in self.session.shown_speakers()
        text = text or ("Merge Speakers" if merging else "Rename Speaker")
        follows = self.follow_rename(shown, new_name) if self.follow_rename else None
        also, what = follows if follows is not None else (None, "")
        text = f"{text} and {what}" if what and across is None else text
        parts = [part for part in (also, across) if part is not None]
        self.undo_stack.push(SpeakersCommand(self, text, corrections, parts))

    def set_speaker_side(self, shown: str, side: Role | None) -> None:
        """Put a speaker on the asking (QUESTION) or answering (ANSWER) side; None: as
        detected."""
        if not self.writable():
            return
        if self.session.notes.sides.get(shown) != side:
            corrections = self.session.speakers_with_side(shown, side)
            self.undo_stack.push(SpeakersCommand(self, "Choose Who Asks", corrections))

    def add_highlight(
        self, start: int, end: int, color: str, step: Step | None = None, recolour: bool = True
    ) -> Highlight | None:
        """The new highlight, or None when the notes are read-only. The same span again
        gives the highlight already there (recoloured, if `recolour`: a colour key is, a
        note or a quote on it is not), not a second one on top. `step` makes a new one's
        undo step part of a larger one (Q quotes it in the notes too)."""
        highlight = self.highlight_for(start, end, color)
        if highlight is None:
            return None
        if self.session.highlight(highlight.id) is not None:
            if recolour:
                self.edit_highlight(highlight.id, "Recolour Highlight", color=color)
            return self.session.highlight(highlight.id)
        added = AddHighlightCommand(self, highlight)
        self.undo_stack.push(added if step is None else step(added, highlight))
        return highlight

    def highlight_for(self, start: int, end: int, color: str) -> Highlight | None:
        """The highlight on [start, end): the one there, else a new one, not added (a note
        asked for adds it with the note, `edit_note`, or nothing when cancelled); None
        when the notes are read-only."""
        if not self.writable():
            return None
        existing = self.session.highlight_on(start, end)
        if existing is not None:
            return existing
        start, end = self.session.passage_span(start, end)  # the words, not "Name: "
        return make_highlight(self.session.document.text, start, end, color)

    def import_highlights(
        self,
        highlights: list[Highlight],
        codes: Sequence[Code] = (),
        told: Callable[[list[Code]], None] = lambda _taken_out: None,
    ) -> None:
        """Imported highlights and the codes their tags became (new to the notes), as one
        step; `told` as ImportHighlightsCommand tells."""
        if not self.writable():
            return
        if highlights:
            self.session.notes.codebook.codes.extend(codes)
            self.undo_stack.push(ImportHighlightsCommand(self, highlights, codes, told))

    def delete_highlight(self, highlight_id: str) -> None:
        self.delete_highlights([highlight_id])

    def delete_highlights(self, highlight_ids: Sequence[str]) -> None:
        """Delete them, one undo step ("Delete 3 Highlights")."""
        if not self.writable():
            return
        found = [h for i in highlight_ids if (h := self.session.highlight(i)) is not None]
        if len(found) > 1:
            self.undo_stack.beginMacro(f"Delete {len(found)} Highlights")
        for highlight in found:
            self.undo_stack.push(DeleteHighlightCommand(self, highlight))
        if len(found) > 1:
            self.undo_stack.endMacro()

    def edit_highlight(self, highlight_id: str, action: str, **changes: object) -> None:
        if not self.writable():
            return
        before = self.session.highlight(highlight_id)
        if before is None:
            return
        if not any(getattr(before, key) != value for key, value in changes.items()):
            return
        after = left_showing(before.edited(**changes), self.quoted)
        if after is None:
            # No colour, code or note left: nothing would show it, so it goes (one step,
            # undone as the edit the user made: its last code or its note taken off).
            command = DeleteHighlightCommand(self, before)
            command.setText(action)
            self.undo_stack.push(command)
        else:
            self.undo_stack.push(EditHighlightCommand(self, before, after, action))

    def edit_note(self, highlight: Highlight, note: str) -> None:
        """`note` on `highlight`, as typed in its dialog. A new one (`highlight_for`) is
        added with it, one step. A highlight another program's change removed meanwhile
        comes back with it, as a merge keeps one edited after its deletion elsewhere: the
        note is never dropped."""
        if self.session.highlight(highlight.id) is not None or note == highlight.note:
            self.edit_highlight(highlight.id, "Edit Note", note=note)
            return
        placed = anchor(self.session.document.text, highlight.edited(note=note)).highlight
        if self.writable() and not shows_nothing(placed):
            command = AddHighlightCommand(self, placed)
            command.setText("Edit Note" if highlight.note else "Add Note")  # a new one: added
            self.undo_stack.push(command)

    def set_color_labels(self, labels: dict[str, str]) -> None:
        if not self.writable():
            return
        if labels != self.session.notes.colors:
            self.undo_stack.push(SetColorLabelsCommand(self, labels))

    def set_recording(
        self, recording: RecordingRef | None, save: bool = True, detached: bool | None = None
    ) -> None:
        """The attached recording and where playback stands: no undo step of its own, as
        playing is no edit of the notes (attaching and detaching are the recording's
        steps, recording/attaching.py). `save` False leaves it for the next save (a
        position that moves while playing). None detaches it: none is looked for beside
        the transcript again until one is attached; unless `detached` is False (an
        attaching undone, where none was)."""
        self.session.notes.recording = recording
        self.session.notes.recording_detached = recording is None if detached is None else detached
        if save:
            self.saver.mark_dirty()
