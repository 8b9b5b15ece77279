"""A code merge or deletion as it reaches the interviews' highlights, and its undo.

The open interview's highlights change through its session (its saver and panes follow),
written at once in a study, before study.json: a study opened after the app was stopped
between them finishes what study.json.code-change names (core/code_change_record.py), and
the open interview's notes left behind brought the merged code back into the codebook. In
a study, the others' notes files are rewritten by the study (core `Study.merge_codes`),
and an interview set aside with its undo history is told what was written
(`KeptHistories.written`), so that coming back keeps that history. A merge is recorded
once for the study's every interview (`KeptHistories.merged`).

The study's undo takes back what each interview's history left out for those codes
(`Crossing.taking_back`), and lets go of it only once the notes files are written: when
one cannot be, nothing changed, and StudyError says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.core.codebook import recode
from reader.core.markdown_links import quoted_ids
from reader.core.notes_files_cache import NotesFilesCache
from reader.core.undo_crossing import Crossing, Recoded, codes_back
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.open_study import OpenStudy

if TYPE_CHECKING:
    from reader.core.study import CodeChange, Told

StudyMemo = tuple["CodeChange", str, Recoded | None]  # the change, the interview open, its undo


class Recoding:
    def __init__(self, interview: OpenInterview, owner: OpenStudy) -> None:
        self.interview, self.owner = interview, owner

    def study_change(
        self, change_of: Callable[[str | None, Told], CodeChange], open_id: str
    ) -> StudyMemo:
        """The study's change (`change_of(skip, told)`), the open interview `open_id` ("":
        none of the study's) recoded through its session; what undo needs."""
        kept = self.interview.kept
        change = change_of(open_id or None, kept.written)
        kept.merged.update(change.mapping)
        memo = change, open_id, self.recode_open(change) if open_id else None
        # Before study.json: all the files the change names, whole. Not written (a full
        # disk), the change's record outlives the save, for the next opening to finish.
        if not self.interview.flush() and self.owner.study is not None:
            self.owner.study.change_unwritten()
        return memo

    def undo_study_change(self, memo: StudyMemo, open_id: str) -> None:
        """Undo the study's change: every notes file but the open interview's (`open_id`)
        written by the study, with the passages each interview's history left out;
        StudyError, nothing changed, when one cannot be written."""
        change, was_open, olds = memo
        study = self.owner.study
        assert study is not None
        recoded = dict(change.recoded)  # the memo stays as it is, for another try
        if was_open and olds:  # written to its notes file if another is open now
            recoded[was_open] = olds
        # With what each interview's history left out for its codes, open or not.
        taken: list[tuple[Crossing, Recoded | None]] = []
        for path, crossing in self.interview.kept.crossings.items():
            if path.parent == study.notes_dir:
                back = crossing.taking_back(recoded.get(path.stem), change.mapping, change.removed)
                taken.append((crossing, back))
                if back:
                    recoded[path.stem] = back
        restore_open = recoded.pop(open_id, None) if open_id else None
        study.undo_code_change(
            replace(change, recoded=recoded), self.interview.kept.written, open_id or None
        )
        for crossing, back in taken:
            crossing.forget(back, change.mapping)
        for source in change.mapping:
            self.interview.kept.merged.pop(source, None)
        self.restore_open(restore_open)
        # Before study.json, as the change. Not written, its record is dropped all the
        # same: finished at the next opening, an undo is made the change again.
        self.interview.flush()

    def alone_change(self, change: CodeChange) -> Recoded | None:
        """The change to the codebook of the interview opened alone, on its highlights."""
        if self.interview.controller is not None:
            self.interview.controller.crossing.merged.update(change.mapping)
        return self.recode_open(change)

    def undo_alone_change(self, memo: tuple[CodeChange, Recoded | None]) -> None:
        change, olds = memo
        session, controller = self.interview.session, self.interview.controller
        if session is not None and controller is not None:
            session.notes.codebook = change.before.copy()
            crossing = controller.crossing
            self.restore_open(crossing.take_back(olds, change.mapping, change.removed))

    def deletion_counts(
        self, removed: set[str], open_id: str, files: NotesFilesCache
    ) -> tuple[int, int, int]:
        """(passages that would lose the `removed` codes and stay, passages that would go
        with them, the study's interviews they are in: 0 for an interview alone) as
        `delete` goes: the open interview through its session if it is the study's
        (`open_id`), or opened alone; a passage a quote links to stays."""
        session, study = self.interview.session, self.owner.study
        memo = self.interview.memo_quoted() | (study.memo_quoted() if study else frozenset())
        lists = []
        if session and (study is None or open_id):
            lists = [(session.notes.highlights, quoted_ids(self.interview.research_notes()))]
        if study is not None:
            coded = files.coded(study, skip=open_id or None)
            lists += [(notes.highlights, quoted_ids(notes.notes)) for _, notes in coded]
        each = [
            [after for _, _, after in recode(hs, removed=removed, quoted=quoted | memo)]
            for hs, quoted in lists
        ]
        changes = [after for afters in each for after in afters]
        gone = changes.count(None)
        interviews = sum(1 for afters in each if afters) if study is not None else 0
        return len(changes) - gone, gone, interviews

    def recode_open(self, change: CodeChange) -> Recoded | None:
        """The change applied to the open interview's highlights (a passage left showing
        nothing goes); returns what undo needs."""
        session, controller = self.interview.session, self.interview.controller
        if session is None or controller is None:
            return None
        interview = self.interview  # the notes and the memo as typed, saved or not
        quoted = quoted_ids(interview.research_notes()) | interview.memo_quoted()
        changes = change.recode(session.notes.highlights, quoted)
        for _, old, new in changes:
            if new is None:
                session.remove_highlight(old.id)
            else:
                session.replace_highlight(new)
            controller.highlight_edited(old, new)
        return Recoded.of(changes)

    def restore_open(self, olds: Recoded | None) -> None:
        """Undo of `recode_open`: the changed highlights still there as they were (the
        interview's own history may have taken one away since), the removed ones back in
        their places, and those the interview's history left out (Crossing.take_back)."""
        session, controller = self.interview.session, self.interview.controller
        if session is None or controller is None or olds is None:
            return
        for old in olds.changed:
            if (now := session.highlight(old.id)) is not None:
                new = codes_back(now, old)
                controller.highlight_edited(session.replace_highlight(new), new)
        for index, old in olds.put_back():
            if session.highlight(old.id) is None:
                session.add_highlight(old, index)
                controller.highlight_edited(None, old)
