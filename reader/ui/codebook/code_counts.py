"""How many passages carry each code: across the study, or the interview opened alone.

Kept as two parts, so that applying a code costs the same with 50,000 codings: the other
interviews' (read from their notes files once, off the GUI thread (counting.py), then
adjusted as interviews are switched; read again when interviews join or leave the study
or the study rewrites their files) and the open interview's (adjusted at each highlight
change). Until the others' are in, only the open interview's are known (`counting`); a
count under way when what it reads changes is dropped and made again (`forget`).

Both parts are kept as coding sets (core `coding_sets`: each set of codes a passage
carries, with how many carry it) beside the per-code counts: a code's total with its
sub-codes counts each passage once, as Retrieve and the pictures do, and is summed from
the sets (CodeTreeModel). The other interviews' sets of codes applied, one a file, say how
many interviews a code is in (core code_use), the open one's being its codes counted.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.core.code_use import CodingSets, codes_used
from reader.core.codebook import codes_in_sets, coding_sets
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.open_study import OpenStudy

if TYPE_CHECKING:
    from pathlib import Path

    from reader.core.annotations import Highlight
    from reader.core.study import Study
    from reader.ui.codebook.counting import Counting
    from reader.ui.persistence.file_guard import DiskWatch


@dataclass(frozen=True)
class CodingChange:
    """One passage's codes changed (coded, uncoded, recoded): `codes` are those whose own
    counts moved; `before` and `after` the passage's codes, which say whose totals with
    sub-codes moved (a total moves only when the passage enters or leaves its subtree)."""

    codes: frozenset[str]
    before: frozenset[str]
    after: frozenset[str]


class CodeCounts(QObject):
    # The counts changed: by one passage's change (a CodingChange), or any (None: the
    # others' came in, or were counted again).
    changed = Signal(object)

    def __init__(
        self,
        interview: OpenInterview,
        owner: OpenStudy,
        current_id: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.interview, self.owner, self._current_id = interview, owner, current_id
        self._others: Counter[str] | None = None  # the other interviews' codings
        self._other_sets = Counter[frozenset[str]]()  # and their coding sets
        self._other_files = Counter[frozenset[str]]()  # and the codes each one applies
        self._open = Counter[str]()  # the open interview's codings
        self._open_sets = Counter[frozenset[str]]()  # and its coding sets
        self._counting: Counting | None = None  # the others', made on the first count
        self._notes_watch: DiskWatch | None = None  # the study's notes folder
        # The other interviews' notes files as the counts hold them (`_notes_listing`), and
        # the interview left last, with the coding sets the counts took from it as it left.
        self._as_counted: dict[str, tuple[int, int]] = {}
        self._left, self._left_sets = "", Counter[frozenset[str]]()
        interview.aboutToClose.connect(self._interview_closing)
        interview.highlightChanged.connect(self._highlight_changed)
        owner.opened.connect(self._watch_notes)
        owner.closed.connect(self._unwatch_notes)
        if owner.study is not None:  # made once the study was open (the Codebook shown)
            self._watch_notes(owner.study)

    def counts(self, *, known: bool = False) -> Counter[str]:
        """Code id -> highlights carrying it, across the study (or the open interview).
        With `known`, only what is known without reading the study's notes files (the
        open interview's, until `count_soon` has counted the others); else they are
        counted now, on the GUI thread (for a user's action that needs the number)."""
        if self.counting and not known:
            self.forget()  # counted now: a count under way is not needed
            self._count_now()
            self.changed.emit(None)
        if self._others is None or self.owner.study is None:
            return Counter(self._open)
        return self._others + self._open

    def sets(self) -> Counter[frozenset[str]]:
        """The coding sets (core `coding_sets`) across what `counts(known=True)` counts."""
        if self._others is None or self.owner.study is None:
            return Counter(self._open_sets)
        return self._other_sets + self._open_sets

    def interview_sets(self) -> Counter[frozenset[str]]:
        """The codes each interview applies -> the interviews applying them, across what
        `counts(known=True)` counts (core code_use `CodingSets.interviews`)."""
        mine = codes_used(self._open_sets)
        found = Counter({mine: 1} if mine else {})
        if self._others is None or self.owner.study is None:
            return found
        return self._other_files + found

    def count_of(self, code_id: str) -> int:
        """`counts(known=True)[code_id]`, without counting every code (a Counter sum of
        1,000 codes took 0.5 ms of each coding)."""
        others = 0
        if self._others is not None and self.owner.study is not None:
            others = self._others.get(code_id, 0)
        return max(0, others + self._open.get(code_id, 0))

    @property
    def counting(self) -> bool:
        """A study whose other interviews' codings are not counted yet."""
        return self.owner.study is not None and self._others is None

    def count_soon(self) -> None:
        """The other interviews' codings counted off the GUI thread, unless they are known
        or being counted: `changed` once they are in."""
        if not self.counting or (self._counting is not None and self._counting.running):
            return
        if self._counting is None:
            from reader.ui.codebook.counting import Counting

            self._counting = Counting(self)
            self._counting.counted.connect(self._take)
        self._as_counted = self._notes_listing()  # before: a file written meanwhile is seen
        self._counting.start(self.owner.notes_files, self._other_paths())

    def _other_paths(self) -> list[Path]:
        study, skip = self.owner.study, self._current_id()
        return [study.notes_path(e) for e in study.interviews if e.id != skip] if study else []

    def _count_now(self) -> None:
        self._as_counted = self._notes_listing()
        counted = self.owner.notes_files.coding_sets(self._other_paths())
        assert counted is not None  # (nothing stops it)
        self._keep(counted)

    def _keep(self, others: CodingSets) -> None:
        self._other_sets, self._other_files = others.passages, others.interviews
        self._others = codes_in_sets(others.passages)

    def _take(self, others: CodingSets) -> None:
        self.forget()  # counted at once: a count under way is not needed
        self._keep(others)
        self.changed.emit(None)

    def forget(self) -> None:
        """The other interviews' codings are to be read again (another study, files
        written behind our back): a count under way is stale, dropped."""
        self._others = None
        if self._counting is not None:
            self._counting.stop()

    def recount(self) -> None:
        """The user's action changed the other interviews (codes merged or deleted, or
        undone; interviews added or removed): counted again now if they were known, as
        the Codebook shows them (only the files written are parsed again: 500 take
        ~10 ms), rather than dip to the open interview's meanwhile; else forgotten."""
        known = self._others is not None
        self.forget()
        if known:
            self._count_now()

    # Other windows and sync tools ---------------------------------------------------------

    def _watch_notes(self, study: Study) -> None:
        """The other interviews' notes files written by another window or a sync tool
        (a colleague's codings) are counted again: the counts stayed as first read. (A
        study-wide rewrite of this window's counts once more, only the files written
        parsed again; a switch of interview does not: `_written_elsewhere`.)"""
        from reader.ui.persistence.file_guard import DiskWatch

        self._unwatch_notes()
        notes = study.notes_dir  # watched from the study folder until it is made

        def listing(folder: Path) -> object:
            return self._other_notes(folder) if folder == notes else None

        self._notes_watch = DiskWatch([], self, folders=[study.folder, notes], listing=listing)
        self._notes_watch.due.connect(self._written_elsewhere)
        self._notes_watch.watch()

    def _unwatch_notes(self) -> None:
        if self._notes_watch is not None:
            self._notes_watch.deleteLater()
            self._notes_watch = None

    def _other_notes(self, folder: Path) -> list[tuple[str, int, int]]:
        """The other interviews' notes files as they are (name, time written, size): the
        open interview's own saves pass unseen."""
        own = f"{self._current_id()}.json"
        try:
            with os.scandir(folder) as entries:
                files = [e for e in entries if e.name.endswith(".json") and e.name != own]
                return sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in files)
        except OSError:  # gone, or not made yet
            return []

    def _notes_listing(self) -> dict[str, tuple[int, int]]:
        study = self.owner.study
        listed = self._other_notes(study.notes_dir) if study is not None else []
        return {name: (written, size) for name, written, size in listed}

    def _written_elsewhere(self) -> None:
        if self._others is not None:
            if self._notes_listing() == self._as_counted:
                # Only the interview left was written, as it left (this window's save): its
                # codings joined the others' then. Counting all again took 90 ms of each
                # Ctrl+PgDn in a study of 300 interviews.
                return
            self.recount()
            self.changed.emit(None)
        elif self._counting is not None and self._counting.running:  # it may have read it
            self.forget()
            self.count_soon()

    # Keeping up with what is open ------------------------------------------------------

    def _interview_closing(self) -> None:
        """The interview closing is now a notes file among the others (unless it has left
        the study: its codings no longer count)."""
        if self._others is None:  # a count under way skips it: stale
            self.forget()
        study, left = self.owner.study, self._current_id()
        listed = study is not None and any(e.id == left for e in study.interviews)
        self._left = left if self._others is not None and listed else ""
        self._left_sets = self._open_sets
        if self._others is not None and left and listed:
            self._others.update(self._open)
            self._other_sets.update(self._open_sets)
            if mine := codes_used(self._open_sets):
                self._other_files[mine] += 1
        self._open, self._open_sets = Counter(), Counter()

    def interview_opened(self) -> None:
        """The interview opened is no longer among the others."""
        self.interview_replaced()
        if self._others is not None and self.owner.study is not None and self._current_id():
            self._others.subtract(self._open)
            self._others = +self._others
            self._other_sets.subtract(self._open_sets)
            self._other_sets = +self._other_sets
            if mine := codes_used(self._open_sets):
                self._other_files[mine] -= 1
                self._other_files = +self._other_files
            self._as_left()
        else:
            self.forget()

    def _as_left(self) -> None:
        """The interview left is among the other notes files as the counts hold it, when
        its file has the codings they took from it as it left (its save wrote them, or
        there was nothing to save; not when it could not be written), and the one opened
        is not."""
        study, left = self.owner.study, self._left
        self._as_counted.pop(f"{self._current_id()}.json", None)
        if study is None or not left:
            return
        name = f"{left}.json"
        self._as_counted.pop(name, None)  # else counted again from its file
        try:
            stat = os.stat(study.notes_dir / name)  # before it is read: a later write shows
        except OSError:  # never saved: no file
            return
        notes = self.owner.notes_files.read(study.notes_dir / name).notes
        if notes is not None and coding_sets(notes.highlights) == self._left_sets:
            self._as_counted[name] = (stat.st_mtime_ns, stat.st_size)

    def interview_replaced(self) -> None:
        """The open interview's codings counted anew (opened, or its notes replaced)."""
        session = self.interview.session
        self._open_sets = coding_sets(session.notes.highlights) if session else Counter()
        self._open = codes_in_sets(self._open_sets)

    def _highlight_changed(self, before: Highlight | None, after: Highlight | None) -> None:
        removed = frozenset(before.codes if before is not None else ())
        added = frozenset(after.codes if after is not None else ())
        if removed == added:
            return
        self._open.subtract(removed)
        self._open.update(added)
        if removed:
            self._open_sets[removed] -= 1
            if self._open_sets[removed] <= 0:
                del self._open_sets[removed]
        if added:
            self._open_sets[added] += 1
        self.changed.emit(CodingChange(removed ^ added, removed, added))
