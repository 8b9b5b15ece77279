"""The codebook in the window: which one is shown (the study's, in study.json, or the open
interview's own when it is opened alone), every change to it as an undoable command, and
how many codings each code has.

In a study a change goes on OpenStudy's undo stack and study.json is written at once;
merging and deleting rewrite the other interviews' notes files (core `Study.merge_codes`)
while the open interview's highlights change through its session, so that its saver and
panes follow (recoding.py, with the undo). Alone, the changes go on the interview's own
stack and the notes file holds the codebook. Coding a passage is always the interview's
(its highlights change).

How many codings each code has: CodeCounts (code_counts.py), the other interviews'
counted off the GUI thread.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from reader.core.annotations import NO_COLOR
from reader.core.codebook import (
    Code,
    Codebook,
    CodebookError,
    category_refusal,
    joined_coding,
    merge_refusal,
)
from reader.core.undo_crossing import Recoded
from reader.ui.codebook.code_counts import CodeCounts
from reader.ui.codebook.recoding import Recoding, StudyMemo
from reader.ui.done_command import DoneCommand
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.open_study import OpenStudy
from reader.ui.wait_cursor import MANY_FILES, waiting

if TYPE_CHECKING:
    from reader.core.notes_files_cache import NotesFilesCache
    from reader.core.study import CodeChange, Study, Told


class CodebookHub(QObject):
    changed = Signal()  # codes added, changed, moved or removed (or another codebook shown)
    # One passage's codes changed (a CodingChange, code_counts.py), or None: any count.
    countsChanged = Signal(object)
    codeUsed = Signal(str)  # a code applied by the user: the recent codes follow

    def __init__(
        self,
        interview: OpenInterview,
        owner: OpenStudy,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.interview, self.owner = interview, owner
        self.recoding = Recoding(interview, owner)
        self.tally = CodeCounts(interview, owner, self.current_id, self)
        self.tally.changed.connect(self.countsChanged)
        interview.opened.connect(self._interview_opened)
        interview.replaced.connect(self.notes_brought)
        owner.opened.connect(self._study_switched)
        owner.closed.connect(self._study_switched)
        owner.changed.connect(self._study_changed)
        owner.interviewsChanged.connect(self._interviews_changed)

    # Which codebook --------------------------------------------------------------------

    @property
    def study(self) -> Study | None:
        return self.owner.study

    @property
    def book(self) -> Codebook:
        """The codebook shown and changed: the study's, else the open interview's."""
        if self.owner.study is not None:
            return self.owner.study.codebook
        session = self.interview.session
        return session.notes.codebook if session is not None else Codebook()

    def current_id(self) -> str:
        """The study's interview that is open, "" for none (or one opened alone). Known by
        its notes file, which is right from the moment it opens."""
        study, path = self.owner.study, self.interview.notes_path
        if study is None or path is None or path.parent != study.notes_dir:
            return ""
        return path.stem

    @property
    def read_only(self) -> bool:
        if self.owner.study is not None:
            return self.owner.study.read_only
        return self.interview.session is None or self.interview.read_only

    def why_read_only(self) -> str:
        """Why the codebook cannot be changed here (reader/core/read_only.py)."""
        if self.owner.study is not None:
            return self.owner.why_read_only()
        return self.interview.why_read_only()

    def counts(self, *, known: bool = False) -> Counter[str]:
        """Code id -> highlights carrying it, across the study (or the open interview);
        the study's notes files are read now if they were not counted (CodeCounts)."""
        return self.tally.counts(known=known)

    # Keeping up with what is open ------------------------------------------------------

    def _interview_opened(self, _session: object) -> None:
        self.tally.interview_opened()
        said = self._adopt_codes(self.interview.said)
        if said:
            self.interview.said.append(said)  # in the banner the opening shows
        self._sync_session_book(written=bool(said), opening=True)
        if self.owner.study is not None and not said:
            self.countsChanged.emit(None)  # the study's codebook is the same for every interview
        else:
            self.changed.emit()

    def notes_brought(self, _session: object = None) -> None:
        """The open interview's notes were merged with another program's, restored from a
        backup, its transcript reloaded, or annotations imported into them: codes they
        brought are adopted as on opening."""
        self.tally.interview_replaced()
        said = self._adopt_codes([])
        if said:
            self.interview.status.emit(said, 15000)  # the banner says what replaced them
        self._sync_session_book(written=bool(said))
        if said:
            self.changed.emit()
        else:
            self.countsChanged.emit(None)

    @property
    def files(self) -> NotesFilesCache:
        """The other interviews' notes files, as last read (the study's, shared)."""
        return self.owner.notes_files

    def _study_switched(self, *_args: object) -> None:
        self.tally.forget()
        self.changed.emit()

    def recount(self) -> None:
        """Other interviews' notes files were written behind the hub (an import): their
        codings are read again."""
        self.owner.notes_files.clear()
        self._study_switched()

    def _study_changed(self) -> None:
        self._sync_session_book()
        self.changed.emit()

    def _interviews_changed(self, *_ids: object) -> None:
        """Interviews came or went (added, removed, undone, merged): counted again."""
        self.tally.recount()
        self.countsChanged.emit(None)

    def _adopt_codes(self, told: list[str]) -> str:
        """The codes the open interview's notes use that the study's codebook lacks join it
        and study.json is written (core code_adoption); what to say of it, "" for nothing.
        The notice of unknown codes loading put in `told` goes when the study has them.
        Not undoable: opening an interview is no edit to take back, and the codes are the
        notes' already. A study that cannot be written here keeps them out, as the notes'
        own (`_sync_session_book`), its notes' notice of unknown codes said as loaded."""
        study, session, current = self.owner.study, self.interview.session, self.current_id()
        if study is None or session is None or not current or not study.can_write():
            return ""
        from reader.core import code_adoption

        title = next((e.title for e in study.interviews if e.id == current), current)
        added = code_adoption.adopt_codes(study.writable_codebook(), session.notes, title)
        answered = code_adoption.unknown_notice_answered(session.notes, study.codebook)
        if answered and answered in told:  # one message of it, not two
            told.remove(answered)
        if not added:
            return ""
        said = code_adoption.adoption_message(added, title)
        if not self.owner.save():  # its banner line would give way to the opening's
            said += " They are not written to study.json yet: saving is tried again."
        return said

    def _sync_session_book(self, written: bool = False, opening: bool = False) -> None:
        """In a study the open interview's notes keep a copy of the study's codebook (for
        when the file is opened alone), with any code only it uses after the study's (a
        study that cannot be written). `written`: saved even if the copy looks the same
        (codes just adopted: their notes file is to name them when opened alone). An
        interview only looked at (`opening`) is not written for its copy (the README:
        opening writes nothing; in a folder that cannot be written, leaving it asked to
        let unsaved notes go), unless the copy names its passages' codes otherwise; the
        copy goes with its first change."""
        study, session = self.owner.study, self.interview.session
        if study is None or session is None or self.current_id() == "":
            return
        book = study.codebook.copy()
        used = {c for h in session.notes.highlights for c in h.codes}
        book.codes.extend(c for c in session.notes.codebook if c.id in used and c.id not in book)
        before = session.notes.codebook
        if written or book.codes != before.codes:
            session.notes.codebook = book
            path, controller = self.interview.notes_path, self.interview.controller
            alike = opening and before.carried(used) == book.carried(used)
            looked_at = not written and path is not None and (not path.exists() or alike)
            if controller and not (self.interview.read_only or looked_at):
                controller.notes_edited()

    # Changes ---------------------------------------------------------------------------

    def run(self, text: str, do: Callable[[], Any], undo: Callable[[Any], Any]) -> bool:
        """Do the change as one undoable step on the codebook's stack; False (with the
        reason said) when it is refused."""
        if self.owner.study is not None:
            from reader.core.study import StudyError  # loaded with the study

            def checked(step: Callable[..., Any]) -> Callable[..., Any]:
                def refused_as_the_studys(*memo: Any) -> Any:  # said, its place kept
                    try:
                        return step(*memo)
                    except CodebookError as exc:
                        raise StudyError(str(exc)) from None

                return refused_as_the_studys

            return self.owner.run(text, checked(do), checked(undo))
        controller = self.interview.controller
        if controller is None or not controller.writable():
            return False
        try:
            memo = do()
        except CodebookError as exc:
            self.interview.status.emit(str(exc), 8000)
            self.interview.show_message(str(exc))
            return False
        controller.undo_stack.push(DoneCommand(text, memo, do, undo, self._edited_alone))
        return True

    def refuse(self, text: str) -> bool:
        """A change refused before it is made: said as a refused change is (the status
        bar and the banner); False."""
        if self.owner.study is not None:
            self.owner.status.emit(text, 8000)
            self.owner.message.emit(text)
        else:
            self.interview.status.emit(text, 8000)
            self.interview.show_message(text)
        return False

    def _edited_alone(self) -> None:
        if self.interview.controller is not None:
            self.interview.controller.notes_edited()
        self.changed.emit()

    def writable_book(self) -> Codebook:
        study = self.owner.study
        return study.writable_codebook() if study is not None else self.book

    def create(self, name: str, parent: str = "", index: int | None = None) -> Code | None:
        made: list[Code] = []
        taken_off: list[Any] = []  # an undo's deletion from the passages coded since

        def do() -> str:
            if taken_off:  # redone: the passages coded with it get it back, as it was
                self.undeleter()(taken_off.pop())
                return made[0].id
            if made and made[0].id in self.book:  # adopted since its undo: the same code
                return made[0].id
            code = self.writable_book().create(
                name, parent=parent, index=index, code_id=made[0].id if made else ""
            )
            made[:1] = [code]
            return code.id

        def undo(code_id: str) -> None:
            """A code applied since it was made goes as Delete Code takes it: off its
            passages too. Else they kept an id the codebook lacked (grey, "unknown"), and
            the interview gave it back to the study's codebook when it was next opened."""
            if self.counts().get(code_id, 0):
                taken_off.append(self.deleter(code_id)())
            elif code_id in self.book:  # not deleted since by another program
                self.writable_book().delete(code_id)

        ok = self.run("New Code", do, undo)
        return made[0] if ok and made else None

    def update(self, code_id: str, text: str = "Edit Code", **changes: Any) -> bool:
        old = self.book.get(code_id)
        if old is None or all(getattr(old, k) == v for k, v in changes.items()):
            return False
        becomes_category = old.codable and changes.get("codable") is False
        if becomes_category and (refusal := category_refusal(self.book, code_id, self.counts())):
            return self.refuse(refusal)  # its passages would drop out of every count
        return self.run(
            text,
            lambda: (self.writable_book().update(code_id, **changes), self.book.code(code_id)),
            lambda memo: self.writable_book().undo_update(*memo),
        )

    def move(self, code_id: str, parent: str = "", index: int | None = None) -> bool:
        if code_id not in self.book or self.book.stays(code_id, parent, index):
            return False  # no step that changes nothing, to spend a Ctrl+Z on
        return self.run(
            "Move Code",
            lambda: self.writable_book().move(code_id, parent, index),
            lambda old: self.writable_book().move_back(code_id, *old),
        )

    def merge(self, source: str, target: str) -> bool:
        if refusal := merge_refusal(self.book, source, target, self.counts()):
            return self.refuse(refusal)  # into a category: its passages would drop out
        study = self.owner.study
        if study is not None:
            return self.run(
                "Merge Codes",
                lambda: self._study_change(partial(study.merge_codes, source, target)),
                self._undo_study_change,
            )

        def do() -> tuple[CodeChange, Recoded | None]:
            from reader.core.study import CodeChange

            before = self.book.copy()
            change = CodeChange(before, mapping=self.book.merge(source, target))
            return change, self.recoding.alone_change(change)

        return self.run("Merge Codes", do, self.recoding.undo_alone_change)

    def delete(self, code_id: str) -> bool:
        return self.run("Delete Code", self.deleter(code_id), self.undeleter())

    def deleter(self, code_id: str) -> Callable[[], Any]:
        """Deleting the code, off every passage of the study (or the interview alone); it
        returns what `undeleter()` needs to put all back."""
        study = self.owner.study
        if study is not None:
            return lambda: self._study_change(  # the memo's quotes as typed, saved or not
                partial(study.delete_code, code_id, memo_typed=self.interview.memo_quoted())
            )

        def do() -> tuple[CodeChange, Recoded | None]:
            from reader.core.study import CodeChange

            before = self.book.copy()
            removed = self.book.delete(code_id)
            change = CodeChange(before, removed=removed)
            return change, self.recoding.alone_change(change)

        return do

    def undeleter(self) -> Callable[[Any], None]:
        if self.owner.study is not None:
            return self._undo_study_change
        return self.recoding.undo_alone_change

    def deletion_counts(self, code_id: str) -> tuple[int, int, int]:
        """(passages that would lose the code or a code below it and stay, passages that
        would go with it, interviews of the study they are in) (Recoding's)."""
        removed = {code_id, *(c.id for c in self.book.descendants(code_id))}
        return self.recoding.deletion_counts(removed, self.current_id(), self.files)

    def _study_change(self, change_of: Callable[[str | None, Told], CodeChange]) -> StudyMemo:
        with waiting(self._many_files()):
            memo = self.recoding.study_change(change_of, self.current_id())
        self.tally.recount()  # notes files were rewritten
        return memo

    def _undo_study_change(self, memo: StudyMemo) -> None:
        with waiting(self._many_files()):
            self.recoding.undo_study_change(memo, self.current_id())
        self.tally.recount()

    def _many_files(self) -> bool:  # 200 interviews of 250 passages: two seconds
        return len(self.owner.study.interviews if self.owner.study else ()) >= MANY_FILES

    # Coding ------------------------------------------------------------------------------

    def set_codes(self, highlight_id: str, codes: tuple[str, ...], text: str = "Code") -> None:
        """The highlight's codes become `codes` (one undoable step of the interview). A
        passage with no colour and no note that loses its last code goes: nothing would
        show it any more (Controller.edit_highlight)."""
        controller = self.interview.controller
        if controller is None:
            return
        before = controller.session.highlight(highlight_id)
        if before is None or before.codes == codes:
            return
        controller.edit_highlight(highlight_id, text, codes=codes)
        for code_id in codes:
            if code_id not in before.codes:
                self.codeUsed.emit(code_id)

    def code_span(self, start: int, end: int, codes: tuple[str, ...]) -> str:
        """Give [start, end) `codes`, one step; the highlight's id. The highlight already
        on that span keeps its colour; else a new one has none (NO_COLOR): coding is not
        highlighting, and the passage shows by its codes. Passages only coded with one of
        `codes` over some of its words join it (core `joined_coding`): they lose that code,
        and go if it was their last."""
        controller = self.interview.controller
        if controller is None or not controller.writable():
            return ""
        session = controller.session
        start, end = session.passage_span(start, end)
        joined = joined_coding(session.highlights_overlapping(start, end), start, end, codes)
        start, end = joined.start, joined.end
        same = session.highlight_on(start, end)
        stack = controller.undo_stack
        stack.beginMacro("Code Passage")
        try:
            for passage in joined.passages:
                if passage is not same:
                    kept = tuple(c for c in passage.codes if c not in codes)
                    controller.edit_highlight(passage.id, "Uncode", codes=kept)
            highlight = same or controller.add_highlight(start, end, NO_COLOR)
            if highlight is not None:
                merged = tuple(dict.fromkeys((*highlight.codes, *codes)))
                self.set_codes(highlight.id, merged)
        finally:
            stack.endMacro()
        return highlight.id if highlight is not None else ""
