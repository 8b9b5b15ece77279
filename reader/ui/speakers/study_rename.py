"""Rename in Study… (the Speakers dialog, in a study): the speaker renamed in every
interview of the study where that label is shown ("Haddad, Leila" as "Dr. Leila Haddad"),
and each participant that was that name follows (participant_follows.py).

The open interview changes through its controller; the others' notes files are written by
the study (Study.correct_speakers: backed up first, written atomically, all or none), their
quotes' chips relabelled ("↩ LH, Q4" to "↩ Leila Haddad, Q4"), as are the study memo's of
their passages (the open interview's follow it in chip_labels.py); and
an interview set aside with its undo history is told (KeptHistories.written), so coming
back keeps it. It is one step of the open interview's undo history, "Rename Speaker in 3
Interviews": Ctrl+Z in the dialog takes it back everywhere, except in a file whose
speakers changed since (it is left as it is, and the status bar says so). The others are
written before the step is pushed: one that cannot be leaves nothing changed, and no step.
The open interview's notes and the memo are written right after (Across.written): till
then the study keeps a record of the rename, which it finishes should the app be stopped
(core/speaker_rename.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from reader.core.markdown_links import quoted_ids
from reader.core.wording import counted
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher
from reader.ui.typed_text import typed_text
from reader.ui.wait_cursor import MANY_FILES, waiting

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from reader.core.speaker_rename import SpeakerCorrection
    from reader.core.study import Study
    from reader.ui.memo.study_memo import StudyMemo


class StudyRename(QObject):
    def __init__(
        self,
        interview: OpenInterview,
        owner: OpenStudy,
        switcher: InterviewSwitcher,
        memo: Callable[[], StudyMemo | None],
    ) -> None:
        super().__init__(owner)
        self.interview, self.owner, self.switcher, self.memo = interview, owner, switcher, memo

    def offered(self) -> bool:
        """An interview of the study is open: the study has other interviews to rename in."""
        return self.owner.study is not None and bool(self.switcher.current)

    def rename(self, shown: str, new_name: str) -> None:
        from reader.core.speaker_rename import SpeakerCorrection
        from reader.core.study import StudyError

        got, controller = self.switcher.study_and_texts(), self.interview.controller
        new_name = new_name.strip()
        if got is None or controller is None or not new_name or new_name == shown:
            return
        study, texts = got
        memo = self.memo()
        in_memo = quoted_ids(memo.text()) if memo is not None else frozenset()
        changes = []
        for entry in study.interviews:
            loaded = texts.get(entry) if entry.id != self.switcher.current else None
            if loaded is not None and shown in loaded.session.shown_speakers():
                session = loaded.session
                quoted = quoted_ids(session.notes.notes) | in_memo
                changes.append(SpeakerCorrection.of(entry.id, session, shown, new_name, quoted))
        quoted = quoted_ids(self.interview.research_notes()) | in_memo
        own = SpeakerCorrection.of(
            self.switcher.current, controller.session, shown, new_name, quoted
        )
        step = Across(self, study, changes, shown, new_name, own)
        try:
            step.apply(back=False)  # before the step is pushed: refused, there is none
        except StudyError as exc:
            self.say(str(exc))
            return
        where = counted(len(changes) + 1, "Interview")
        controller.rename_speaker(shown, new_name, step, f"Rename Speaker in {where}")
        step.written()
        self.owner.status.emit(f"Renamed “{shown}” to “{new_name}” in {where.lower()}.", 8000)

    def say(self, text: str) -> None:
        self.owner.status.emit(text, 10000)
        self.owner.message.emit(text)

    def relabel_memo(self, study: Study, changes: list[SpeakerCorrection], back: bool) -> None:
        """The study memo's chips of the interviews' passages quoted, relabelled as their
        notes files were (`back`: as before the rename), one step of the memo's typing."""
        from reader.core.speaker_rename import memo_edits
        from reader.ui.notes.formatting import replace_spans

        memo = self.memo()
        if memo is None or memo.document is None or memo.read_only:
            return
        text, titles = typed_text(memo.document), {e.id: e.title for e in study.interviews}
        if edits := memo_edits(text, changes, back, titles):
            replace_spans(memo.document, text, edits)


@dataclass
class Across:
    """The other interviews' part of the step: their notes files (speakers and quotes'
    chips), the study memo's chips of their passages, and their participants."""

    owner: StudyRename
    study: Study  # the study it was made in: once another is open, it changes nothing
    changes: list[SpeakerCorrection]
    old: str
    new: str
    own: SpeakerCorrection  # the open interview's: recorded while its notes are unwritten
    _pushed: bool = field(default=True)  # done before it was pushed: the first redo is

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
        else:
            self._tried(back=False)

    def undo(self) -> None:
        self._tried(back=True)

    def _tried(self, back: bool) -> None:
        from reader.core.study import StudyError

        if self.owner.owner.study is not self.study:
            return
        try:
            self.apply(back)
        except StudyError as exc:  # nothing of the others changed: said
            self.owner.say(f"The other interviews keep their speakers. {exc}")
        else:  # once the step is over: its undo changes the open interview after this
            QTimer.singleShot(0, self.owner, self.written)

    def written(self) -> None:
        """The open interview's notes and the memo written now, after the others and
        study.json: nothing is left for the study to finish should the app be stopped. One
        that cannot be written (a full disk) leaves the record, for the study to finish."""
        if self.owner.owner.study is not self.study:
            return
        notes_written, memo = self.owner.interview.flush(), self.owner.memo()
        memo_written = memo is None or memo.saver is None or memo.saver.flush()
        if notes_written and memo_written:
            self.study.rename_written()
        else:
            self.study.rename_unwritten()

    def apply(self, back: bool) -> None:
        """The notes files, then the participants that were the name (Study.rename_across);
        StudyError, nothing changed, when a notes file cannot be written."""
        kept, texts = self.owner.interview.kept, self.owner.switcher.texts
        # Seconds, in a large study: each notes file is read, backed up and written again.
        with waiting(len(self.changes) >= MANY_FILES):
            passed, followed = self.study.rename_across(
                self.changes, self.old, self.new, back, kept.written, self.own
            )
        written = [change for change in self.changes if change.interview_id not in passed]
        self.owner.relabel_memo(self.study, written, back)
        for change in self.changes:
            if texts is not None:
                texts.forget(change.interview_id)  # read again, as written
        if followed:
            self.owner.owner.study_edited()
        if passed:
            titles = ", ".join(f"“{self.study.interview(i).title}”" for i in passed)
            self.owner.say(f"Left as they are, their speakers changed since: {titles}.")
