"""The status bar's account of the notes pane: which file it writes, how many words it
holds and whether they are saved, of whichever shows, the open interview's notes or the
study memo. It changes with the pane's tabs, and follows the one shown as it changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QStatusBar

from reader.core.wording import counted
from reader.ui.after_paint import AfterPaint
from reader.ui.elided_label import ElidedLabel
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.notes.notes_pane import NotesPane

if TYPE_CHECKING:
    from reader.ui.memo.study_memo import StudyMemo

SAVE_STATES = {"saved": "Saved", "saving": "Saving…", "read-only": "Read-only"}
WORDS_DELAY_MS = 400  # counting megabytes of notes at every key press would be wasteful


def status_labels(bar: QStatusBar) -> tuple[ElidedLabel, ElidedLabel, ElidedLabel]:
    """The notes' file (its name kept whole, the folder shortened), words and save state,
    put in `bar`: the file on the left, the other two on the right."""
    notes = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
    words, save = ElidedLabel(), ElidedLabel()
    bar.addWidget(notes, 1)
    bar.addPermanentWidget(words)
    bar.addPermanentWidget(save)
    return notes, words, save


class StatusWindow(Protocol):
    """What of the main window this needs (the main window is not imported here)."""

    interview: OpenInterview
    notes_pane: NotesPane
    notes_label: ElidedLabel  # which file the notes pane writes
    words_label: ElidedLabel
    save_label: ElidedLabel


class NotesStatus(QObject):
    def __init__(self, window: StatusWindow) -> None:
        super().__init__(window.notes_pane)
        self._window, self._pane = window, window.notes_pane
        self._memo: StudyMemo | None = None  # once a study opened
        self._notes_state = ("saved", "")  # the interview's notes', as last said
        self._words = QTimer(self, singleShot=True, interval=WORDS_DELAY_MS)
        self._words.timeout.connect(self.count_words)
        interview = window.interview
        interview.saveStateChanged.connect(self._notes_saved)
        interview.notesPathChanged.connect(self.show_file)
        interview.researchNotesChanged.connect(self._words.start)
        self._counted_after_paint = AfterPaint(self._pane.editor.viewport(), self.count_words)
        interview.opened.connect(self._count_shown_notes)
        interview.replaced.connect(self._count_shown_notes)
        self._pane.memoShown.connect(self.show_all)
        self._pane.memoEdited.connect(self._words.start)

    def follow_memo(self, memo: StudyMemo) -> None:
        """The study memo, made when a study first opens: it follows studies from then on."""
        self._memo = memo
        memo.saveStateChanged.connect(self.show_save_state)
        memo.readOnlyChanged.connect(self.show_save_state)

    def _showing_memo(self) -> StudyMemo | None:
        return self._memo if self._pane.showing_memo() and self._memo is not None else None

    def show_all(self, *_args: object) -> None:
        self.show_file()
        self.show_save_state()
        self.count_words()

    def show_file(self, *_args: object) -> None:
        memo, notes = self._showing_memo(), self._window.interview.notes_path
        if memo is not None and memo.path is not None:
            self._window.notes_label.setText(f"Study memo: {memo.path}")  # elided; whole in its tip
        elif notes is not None:
            self._window.notes_label.setText(f"Notes: {notes}")

    def _notes_saved(self, state: str, detail: str) -> None:
        self._notes_state = (state, detail)
        self.show_save_state()

    def show_save_state(self, *_args: object) -> None:
        memo = self._showing_memo()
        state, detail = memo.save_state() if memo is not None else self._notes_state
        why = self._pane.why_read_only()  # the whole reason, in the tip of "Read-only"
        self._window.save_label.setText(SAVE_STATES.get(state, f"Not saved: {detail}"), why or None)

    def _count_shown_notes(self, *_args: object) -> None:
        """Other notes shown: long ones are counted just after they are painted (1 MB
        of notes takes ~20 ms, which the interview's first paint need not wait for)."""
        if self._pane.editor.is_long():
            self._counted_after_paint.start()
        else:
            self.count_words()

    def count_words(self, *_args: object) -> None:
        """Of what the notes editor shows: the interview's notes, or the memo."""
        self._words.stop()
        count = self._pane.editor.word_count()
        self._window.words_label.setText(counted(count, "word"))
