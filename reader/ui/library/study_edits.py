"""The open study's changes, each an undoable command on its undo stack: a step refused by
the study (read-only, a notes file it could not write) leaves none, and an undo or redo
refused is said and put back. OpenStudy (library/open_study.py) has them, and writes
each change at once (`study_edited`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoStack

from reader.ui.done_command import DoneCommand, refusal_on

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from reader.core.study import Study
    from reader.core.study_file import InterviewEntry

SAID_AT_ONCE = 5  # refusals of files added, said in the banner; the rest counted


class StudyEdits:
    """Adding, renaming, moving, removing interviews, setting and clearing values and
    defining attributes, as undoable steps, for the owner of the open study (OpenStudy),
    whose are `study`, its `undo_stack`, the `status` and `message` signals and
    `study_edited`."""

    study: Study | None
    undo_stack: QUndoStack
    status: Any  # Signal(str, int)
    message: Any  # Signal(str)
    study_edited: Callable[[], None]

    def run(self, text: str, do: Callable[[], Any], undo: Callable[[Any], None]) -> bool:
        """Push the change as an undoable command; False (with the reason shown) when the
        study refuses it. `do` is tried once first, so a refused change leaves no step."""
        if self.study is None:
            return False
        from reader.core.study import StudyError

        try:
            memo = do()
        except StudyError as exc:
            self._say_refused(str(exc))
            return False
        refusal = refusal_on(self.undo_stack, StudyError, self._say_refused)
        self.undo_stack.push(DoneCommand(text, memo, do, undo, self.study_edited, refusal))
        return True

    def _say_refused(self, text: str) -> None:
        self.status.emit(text, 8000)
        self.message.emit(text)

    def add_files(self, paths: list[Path]) -> list[InterviewEntry]:
        """Add transcripts and folders of them; each refusal is said, the rest added. A missing
        interview's transcript renamed or moved (study_moves) is that interview's again."""
        study = self.study
        if study is None:
            return []
        from reader.core.study import StudyError
        from reader.core.study_moves import moved_transcripts
        from reader.core.study_scan import picked_to_add

        paths, said = picked_to_add(paths)
        if moved := moved_transcripts(study, study.not_listed(paths)):
            self.undo_stack.beginMacro("Add Interviews")  # one step with what is added
        for path, interview_id in moved.items():  # it keeps its highlights and notes
            if self.relocate(interview_id, path):
                said.append(f"{path.name} is “{study.interview(interview_id).title}”, renamed.")
        try:
            added, refused = study.add_paths([p for p in paths if p not in moved])
        except StudyError as exc:  # the study turned read-only
            added, refused = [], [str(exc)]
        said += refused
        if added:
            ids = [e.id for e in added]
            snapshot = [(study.index_of(i), study.interview(i)) for i in ids]
            self.undo_stack.push(
                DoneCommand(
                    "Add Interview" if len(added) == 1 else f"Add {len(added)} Interviews",
                    None,
                    lambda: study.redo_add(snapshot),
                    lambda _memo: study.undo_add(ids),
                    self.study_edited,
                )
            )
        if moved:
            self.undo_stack.endMacro()
        if said:
            more = f"  …and {len(said) - SAID_AT_ONCE} more." if len(said) > SAID_AT_ONCE else ""
            self.message.emit("  ".join(said[:SAID_AT_ONCE]) + more)
        return added

    def rename(self, interview_id: str, **fields: str) -> bool:
        study = self._study()
        return self._change_entry(
            "Rename Interview" if "title" in fields else "Edit Interview",
            interview_id,
            lambda: study.update_interview(interview_id, **fields),
        )

    def move(self, interview_id: str, index: int) -> bool:
        study = self._study()
        return self.run(
            "Move Interview",
            lambda: study.move_interview(interview_id, index),
            lambda old: study.move_interview(interview_id, old),
        )

    def remove(self, interview_id: str) -> bool:
        """Take the interview off the study's list, saying so (each redo and undo too):
        only study.json changes, its transcript and notes file stay where they are."""
        study = self._study()
        title = study.interview(interview_id).title

        def do() -> tuple[int, InterviewEntry]:
            memo = study.remove_interview(interview_id)
            self.status.emit(
                f"Removed “{title}” from the study; its files stay. Edit ▸ Undo brings it back.",
                10000,
            )
            return memo

        def undo(memo: tuple[int, InterviewEntry]) -> None:
            study.restore_interview(*memo)
            self.status.emit(f"“{title}” is back in the study.", 5000)

        return self.run("Remove from Study", do, undo)

    def relocate(self, interview_id: str, transcript: Path) -> bool:
        study = self._study()
        return self._change_entry(
            "Locate Transcript", interview_id, lambda: study.relocate(interview_id, transcript)
        )

    def set_attribute(self, interview_id: str, key: str, value: Any) -> bool:
        study = self._study()
        return self._change_entry(
            f"Set {study.attribute(key).label}",
            interview_id,
            lambda: study.set_attribute(interview_id, key, value),
        )

    def clear_values(self, interview_ids: list[str], key: str) -> bool:
        """Delete on a value cell: the participant, date or attribute `key` of each
        interview emptied, as one step, said (each redo and undo too)."""
        study = self._study()
        label = study.attribute(key).label if key not in ("participant", "date") else key.title()
        titles = [study.interview(i).title for i in interview_ids]
        whose = f"“{titles[0]}”" if len(titles) == 1 else f"{len(titles)} interviews"
        if len(titles) > 1:
            self.undo_stack.beginMacro(f"Clear {label} of {whose}")
        done = False
        for interview_id in interview_ids:
            done |= self._clear_value(interview_id, key, f"{label} of {whose}")
        if len(titles) > 1:
            self.undo_stack.endMacro()
        return done

    def _clear_value(self, interview_id: str, key: str, what: str) -> bool:
        """One value emptied; `what` names it ("Role of “P01 Ana”") in the status line."""
        study = self._study()
        label = what.partition(" of ")[0]

        def do() -> tuple[InterviewEntry, InterviewEntry]:
            if key in ("participant", "date"):
                before = study.update_interview(interview_id, **{key: ""})
            else:
                before = study.set_attribute(interview_id, key, None)
            self.status.emit(f"Cleared {what}. Edit ▸ Undo brings it back.", 10000)
            return before, study.interview(interview_id)

        def undo(memo: tuple[InterviewEntry, InterviewEntry]) -> None:
            study.undo_entry_change(*memo)
            self.status.emit(f"{what} is back.", 5000)

        return self.run(f"Clear {label}", do, undo)

    def _change_entry(self, text: str, interview_id: str, change: Callable[[], object]) -> bool:
        """`change` (returning the entry before) as a step whose undo takes back only what
        it changed: the participant may follow a speaker renamed in the interview's."""
        study = self._study()
        return self.run(
            text,
            lambda: (change(), study.interview(interview_id)),
            lambda memo: study.undo_entry_change(*memo),
        )

    def define_attribute(self, label: str, type_: str, options: list[str]) -> bool:
        study = self._study()
        return self.run(
            "New Attribute",
            lambda: study.define_attribute(label, type_, options),
            lambda definition: study.remove_attribute(definition.key),
        )

    def change_attribute(self, key: str, label: str, options: list[str] | None) -> bool:
        """Its label and, given `options`, its choices: one step, all or nothing."""
        study = self._study()
        renamed, chosen = label.strip() != study.attribute(key).label, options is not None
        # "Rename Attribute", "Change Choices", or both: "Change Attribute".
        verb, what = ("Change" if chosen else "Rename"), ("Choices" if not renamed else "Attribute")
        return self.run(
            f"{verb} {what}",
            lambda: (  # what it changes alone, for Redo too: another program's change stays
                study.change_attribute(
                    key, label if renamed else study.attribute(key).label, options
                ),
                study.attribute(key),
            ),
            lambda memo: study.undo_attribute_change(*memo),
        )

    def remove_attribute(self, key: str) -> bool:
        study = self._study()
        return self.run(
            "Remove Attribute",
            lambda: study.remove_attribute(key),
            lambda memo: study.restore_attribute(*memo),
        )

    def _study(self) -> Study:
        assert self.study is not None
        return self.study
