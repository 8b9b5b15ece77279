"""Which of the window's actions can act now: greyed out in the menus and for their keys
while they cannot (no interview or study open, the notes or the study read-only here,
nothing selected), the reason in their tips; on again as soon as they can (Save Notes As…
gives write access back, a selection is made). One place sets `enabled` from the state,
read again whenever the open interview, the study or the reader's selection changes; the
Playback actions follow the recording the same way (recording/availability.py). The main
window wires it in one call, `wire_action_states(window)`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from reader.core.read_only import ReadOnly
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher
from reader.ui.notes.notes_pane import NotesPane
from reader.ui.reading.reader_view import ReaderView
from reader.ui.recording.availability import NO_INTERVIEW
from reader.ui.window.actions import Actions
from reader.ui.window.available import set_available

NO_STUDY = "Open a study first (File ▸ Open Study…)."
NO_OTHER = "The study has no other interview."
NO_PASSAGE = "Select words in the interview, or put the caret in a highlight."
SEE_SPEAKERS = "Who speaks, with their turns (read-only here: seen, not changed)"
SAVE_A_COPY = "Save a copy of the notes in another file; the study keeps its own"  # notes_copy.py


@dataclass(frozen=True)
class WindowState:
    """What the window's actions depend on, read at once."""

    interview_open: bool
    notes_read_only: str  # why the open interview's notes cannot be changed; "" if they can
    study_open: bool
    study_read_only: str  # why the open study cannot be changed; "" if it can
    other_interviews: bool  # the open study has an interview besides the one open
    passage: bool  # words selected in the reader, or its caret in a highlight
    notes_unread: bool = False  # nothing of the notes file was read: nothing to save as
    memo_shown: bool = False  # the notes pane shows the study memo, not the interview's
    memo_read_only: str = ""  # why the study memo cannot be changed; "" if it can

    def why_not_edit(self) -> str:
        """Why the open interview's notes cannot be changed; "" when they can."""
        return self.notes_read_only if self.interview_open else NO_INTERVIEW

    def why_not_restore(self) -> str:
        """Restore from Backup… restores what the notes pane shows: the memo, or the notes."""
        return self.memo_read_only if self.memo_shown else self.why_not_edit()

    def why_not_on_passage(self) -> str:
        """Why nothing can be quoted or coded now."""
        return self.why_not_edit() or ("" if self.passage else NO_PASSAGE)

    def why_not_change_study(self) -> str:
        return self.study_read_only if self.study_open else NO_STUDY

    def why_not_change_codebook(self) -> str:
        """The codebook and colour labels are the study's in one, else the interview's."""
        return self.why_not_change_study() if self.study_open else self.why_not_edit()

    def why_not_switch(self) -> str:
        if not self.study_open:
            return NO_STUDY
        return "" if self.other_interviews else NO_OTHER


class ActionStates(QObject):
    def __init__(self, actions: Actions, parent: QObject) -> None:
        super().__init__(parent)
        self._actions = actions
        self._add_button: QWidget | None = None  # the Library's, once it is made
        self._add_tip = ""
        self._why_not_add = ""
        self._save_as_tip = actions.save_notes_as.whatsThis()  # an interview on its own
        codes = actions.codes
        assert codes is not None
        self._codes = codes

    def show(self, state: WindowState) -> None:
        actions, codes = self._actions, self._codes
        no_interview = "" if state.interview_open else NO_INTERVIEW
        actions.save_notes_as.setWhatsThis(SAVE_A_COPY if state.study_open else self._save_as_tip)
        unread = state.notes_read_only if state.notes_unread else ""
        set_available(actions.save_notes_as, no_interview or unread)
        for action in (
            actions.show_notes_file,
            actions.export,
            actions.print,
            actions.export_pdf,
            actions.speakers,  # to see who speaks; the dialog says when it cannot change
            *(step for step, *_ in actions.steps()),
        ):
            set_available(action, no_interview)
        if state.interview_open and state.notes_read_only:
            actions.speakers.setStatusTip(SEE_SPEAKERS)
        set_available(actions.restore_backup, state.why_not_restore())
        set_available(actions.import_annotations, state.why_not_edit())
        for action in (actions.quote_in_notes, codes.code_passage, *codes.recent):
            set_available(action, state.why_not_on_passage())
        # Copying changes nothing: read-only notes copy too.
        set_available(actions.copy_quotation, no_interview or ("" if state.passage else NO_PASSAGE))
        set_available(actions.color_labels, no_interview or state.why_not_change_codebook())
        for import_qdc in (codes.import_qdc, codes.import_qdc_in_codes):
            set_available(import_qdc, state.why_not_change_codebook())
        # A .qdpx without a study open becomes a new one; a read-only study cannot gain it.
        set_available(codes.import_qdpx, state.study_read_only)
        why_not_add = state.why_not_change_study()  # File's Add Interviews, the Library's Add
        set_available(actions.add_interviews, why_not_add)
        set_available(actions.fill_from_transcripts, why_not_add)
        set_available(actions.study_memo, "" if state.study_open else NO_STUDY)
        self._why_not_add = why_not_add
        self._show_add()
        for action in (actions.next_interview, actions.previous_interview):
            set_available(action, state.why_not_switch())

    def library_made(self, add_button: QWidget) -> None:
        """The Library's Add button follows the study from now on."""
        self._add_button, self._add_tip = add_button, add_button.toolTip()
        self._show_add()

    def _show_add(self) -> None:
        if self._add_button is not None:
            self._add_button.setEnabled(not self._why_not_add)
            self._add_button.setToolTip(self._why_not_add or self._add_tip)


class StatesWindow(Protocol):
    """What of the main window this needs (the main window is not imported here)."""

    window_actions: Actions
    interview: OpenInterview
    study: OpenStudy
    reader: ReaderView
    switcher: InterviewSwitcher
    notes_pane: NotesPane


def wire_action_states(window: StatesWindow) -> ActionStates:
    interview, study, reader = window.interview, window.study, window.reader
    switcher, pane = window.switcher, window.notes_pane
    states = ActionStates(window.window_actions, interview)

    def show() -> None:
        studied = study.study
        session_open = interview.session is not None and reader.reading is not None
        states.show(
            WindowState(
                interview_open=session_open,
                notes_read_only=interview.why_read_only() if session_open else "",
                study_open=studied is not None,
                study_read_only=study.why_read_only(),
                other_interviews=studied is not None
                and any(e.id != switcher.current for e in studied.interviews),
                passage=session_open
                and (reader.selected_range() is not None or reader.current_highlight() is not None),
                notes_unread=interview.read_only_cause
                in (ReadOnly.NOTES_UNREAD, ReadOnly.NOTES_BEING_WRITTEN),
                memo_shown=pane.showing_memo(),
                memo_read_only=pane.why_read_only() if pane.showing_memo() else "",
            )
        )

    for signal in (
        interview.opened,
        interview.replaced,
        interview.readOnlyChanged,
        study.opened,
        study.closed,
        study.changed,
        study.readOnlyChanged,
        switcher.switched,
        reader.selectionChanged,
        reader.currentHighlightChanged,
        pane.memoShown,
        pane.memoReadOnlyChanged,
    ):
        signal.connect(show)
    interview.aboutToClose.connect(lambda: QTimer.singleShot(0, states, show))  # once closed
    show()
    return states
