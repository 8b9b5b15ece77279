"""In a study, a speaker renamed (the Speakers dialog, the reader's menu) takes the study's
Participant of that interview along when it was exactly the speaker's old name, as Fill
Participants sets it: one step of the interview's undo history, "Rename Speaker and
Participant", so Ctrl+Z where the rename was made takes back both, and study.json is
written each way as the Library's edits are.

A participant typed otherwise is never changed, on the way there nor back: each way
changes it only from the name it expects (Study.follow_speaker). The study's own history
undoes only what its steps changed (Study.undo_entry_change), so neither history takes
back what the other did."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.ui.interview.commands import Also
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from reader.core.study import Study

PARTICIPANT = "Participant"  # the step's name: "Rename Speaker and Participant"


class ParticipantFollows(QObject):
    """Given to each interview's controller as it opens (`Controller.follow_rename`)."""

    def __init__(
        self, interview: OpenInterview, owner: OpenStudy, switcher: InterviewSwitcher
    ) -> None:
        super().__init__(owner)
        self.interview, self.owner, self.switcher = interview, owner, switcher
        interview.opened.connect(self._opened)

    def _opened(self, _session: object) -> None:
        if self.interview.controller is not None:
            self.interview.controller.follow_rename = self.follow

    def follow(self, shown: str, new_name: str) -> tuple[Also, str] | None:
        """The participant's part of renaming `shown` `new_name`, if it is `shown`."""
        study, interview_id = self.owner.study, self.switcher.current
        if study is None or study.read_only or not interview_id:
            return None
        entry = next((e for e in study.interviews if e.id == interview_id), None)
        if entry is None or entry.participant != shown:
            return None
        return ParticipantStep(self.owner, study, interview_id, shown, new_name), PARTICIPANT


@dataclass
class ParticipantStep:
    """The participant of `interview_id` from `old` to `new` (redo) and back (undo)."""

    owner: OpenStudy
    study: Study  # the study it was made in: once another is open, it changes nothing
    interview_id: str
    old: str
    new: str

    def redo(self) -> None:
        self._change(self.old, self.new)

    def undo(self) -> None:
        self._change(self.new, self.old)

    def _change(self, was: str, now: str) -> None:
        from reader.core.study import StudyError

        if self.owner.study is not self.study:
            return
        try:
            changed = self.study.follow_speaker(self.interview_id, was, now)
        except StudyError as exc:  # the study turned read-only: the speakers still change
            why = self.owner.why_read_only() or str(exc)
            self.owner.status.emit(f"The participant stays “{was}”. {why}", 8000)
            return
        if changed:
            self.owner.study_edited()
            self.owner.status.emit(f"The participant is now “{now}”.", 5000)
