"""Moving between the interviews of the study: each keeps its place (reading/places.py),
how far it was read is remembered, and nothing unsaved is lost
(OpenInterview writes everything before another interview opens).

Undo history: switching sets the interview left aside with its session, undo history and
research notes document (OpenInterview.open with `keep_history`), written, its notes
file's lock released and not watched. Coming back to it takes the lock again and Undo
goes on where it stopped, in the model and in the notes' own typing (Ctrl+Z in the
notes), unless its transcript or notes file changed on disk meanwhile: then it opens
afresh and the status bar says its history was dropped. The last few interviews with
history are kept so (open_interview.KEPT_HISTORIES); the documents of histories let go
are deleted. The study's own changes (rename, attributes, order) keep one history for
the whole session.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtWidgets import QTextEdit

from reader.core.annotations import NO_COLOR
from reader.core.read_only import ReadOnly
from reader.core.wording import listed
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.open_study import OpenStudy

if TYPE_CHECKING:  # the study modules load when a study opens (start-up, #17)
    from reader.core.study import Study
    from reader.core.study_file import InterviewEntry
    from reader.core.study_texts import StudyTexts
    from reader.ui.library.library_panel import LibraryPanel

WARM_DELAY_MS = 700  # after the window's first paint
# How far an interview was read is what stayed in view this long: passing through the
# study with Ctrl+PgDn showed each interview's first page read (55 % of a short one).
READ_AFTER_MS = 3000
LEFT_THE_LIST = "The interview open here left the study's list; its files stay."
RENAMED_FOR_THE_STUDY = (
    "Colours renamed in every interview of the study; Ctrl+Z in the Library or the Codebook "
    "takes it back."
)


class InterviewSwitcher(QObject):
    switched = Signal(str)  # the interview id now open ("" when none of the study's)

    def __init__(
        self,
        interview: OpenInterview,
        owner: OpenStudy,
        library: Callable[[], LibraryPanel],
        reader: QTextEdit,
    ) -> None:
        super().__init__(owner)
        self.interview, self.owner, self._library = interview, owner, library
        self.reader = reader
        self.current = ""
        self._opening = False  # an interview is being opened in the reader (`open`)
        self._listed: list[str] = []  # the library's order when the open interview was opened
        self.texts: StudyTexts | None = None
        owner.opened.connect(self._study_opened)
        owner.aboutToClose.connect(self.keep_read_positions)
        owner.closed.connect(self._study_closed)
        # Scrolled, or laid out further (a long text is laid out after its first page): what
        # is in view is read once it stays there (READ_AFTER_MS).
        self._resting = QTimer(self, singleShot=True, interval=READ_AFTER_MS)
        self._resting.timeout.connect(self._read_in_view)
        reader.verticalScrollBar().valueChanged.connect(self._moved)
        reader.verticalScrollBar().rangeChanged.connect(self._moved)
        interview.highlightChanged.connect(self._count)
        interview.replaced.connect(self._count)
        owner.changed.connect(self.show_study_colors)  # edited, undone, or merged from disk
        owner.lockTaken.connect(self._study_taken)
        owner.readOnlyChanged.connect(self._study_read_only)
        owner.interviewsChanged.connect(self._said_gone)
        owner.notes_kept = self._notes_kept

    def _said_gone(self, _came: list[str], went: list[str]) -> None:
        """The open interview left the study's list by an undone Add, a redone Remove or
        another program (StudyActions opens the next): said, as Remove says it."""
        if self.current in went:
            self.owner.status.emit(LEFT_THE_LIST, 8000)

    @property
    def panel(self) -> LibraryPanel:
        """The Library, made when a study first opens."""
        return self._library()

    def _study_opened(self, study: object) -> None:
        assert self.owner.study is not None
        self.current = ""
        self.interview.drop_histories()
        from reader.core.study_texts import StudyTexts

        # The Library is made with the first study and filled then; it fills itself as a
        # later one opens (a filling reads every notes file for its counts: once, not twice).
        self._library()
        self.texts = StudyTexts(self.owner.study)
        # Search across the study should not wait for the interviews to load; nor should
        # the first paint wait for the GIL the loading thread holds.
        QTimer.singleShot(WARM_DELAY_MS, self._start_warming)

    def _start_warming(self) -> None:
        if self.texts is not None:
            threading.Thread(target=self._warm, args=(self.texts,), daemon=True).start()

    @staticmethod
    def _warm(texts: StudyTexts) -> None:
        with contextlib.suppress(Exception):  # a file changing under us: loaded on use
            texts.warm()

    def _study_taken(self) -> None:
        """The window that had the study open closed it: this one can change it now, and
        the open interview's notes (NotesSafety.study_taken); said in the banner, in place
        of why they were read-only. Nothing if the study's file keeps it read-only."""
        if self.owner.read_only:
            return
        safety = self.interview.safety
        said, actions = safety.study_taken() if safety is not None else ("", [])
        # Notes still to open again once another program's write ends (OpenAgain), read-only
        # for that: opened so, they are not the study's other window's any more.
        self.interview.study_read_only = None
        taken = self.owner.taken_words()
        self.interview.show_message("  ".join(filter(None, [taken, said])), actions)

    def _notes_kept(self) -> str:
        """What the open interview's notes said of what was typed in them and kept in a
        copy as another computer's window took them (NotesSafety.kept_said), said once."""
        safety = self.interview.safety
        if safety is None:
            return ""
        said, safety.kept_said = safety.kept_said, ""
        return said

    def _study_read_only(self, read_only: bool) -> None:
        """The study turned read-only (a newer build's study.json came, another window took
        it late), or is so for another reason now: the open interview's notes follow, as
        notes opened in it would be, and say the study's reason; unless their own file
        keeps them read-only (a newer build's notes). Writable, they are written first."""
        interview, safety = self.interview, self.interview.safety
        if not read_only or safety is None:
            return
        if interview.study_read_only is None:
            if interview.read_only_cause not in (None, ReadOnly.NOTES_IN_USE):
                return
            if not interview.read_only:
                safety.study_turned_read_only()
                interview.set_read_only(True)
        interview.study_read_only = self.owner.read_only_cause
        interview.readOnlyChanged.emit(True)

    def _study_closed(self) -> None:
        self._resting.stop()
        self.current = ""
        self.texts = None
        self.interview.drop_histories()
        self.switched.emit("")

    def show_none(self) -> None:
        """None of the study's interviews is open (none can be)."""
        self.current = ""
        self.switched.emit("")

    def open(self, interview_id: str, asked: bool = False) -> bool:
        """Show the interview (its place as it was left); False when it cannot be.
        `asked`: whether to let the open interview's unsaved notes go was asked already
        (OpenInterview.open)."""
        study = self.owner.study
        if study is None:
            return False
        if interview_id == self.current and self.interview.session is not None:
            self.reader.setFocus()
            return True
        from reader.core.study import StudyError

        try:
            entry = study.interview(interview_id)
        except StudyError:  # taken off since it was listed (the Library is read again soon)
            self.owner.status.emit("That interview is no longer in the study.", 6000)
            return False
        if study.is_missing(entry):
            self._say_missing(study, entry)
            return False
        # While it opens, the reader scrolls to its place with `current` still the one
        # left: that one is not read there (a short one's end counted the other read).
        self._opening = True
        try:
            opened = self.interview.open(
                study.transcript_path(entry),
                study.notes_path(entry),
                in_study=True,
                read_only=self.owner.read_only_cause,
                keep_history=True,
                asked=asked,
            )
        finally:
            self._opening = False
        if not opened:
            if self.current:  # Cancel kept the one open: the Library's row is its again
                self.panel.set_current(self.current)
            return False
        if self.texts is not None and self.current:
            self.texts.forget(self.current)  # written by now: the files say what it holds
        self.current = interview_id
        self._listed = self.panel.visible_ids()  # for `step`, once it is gone
        session = self.interview.session
        assert session is not None
        self.show_study_colors()
        if self.texts is not None:
            self.texts.put(interview_id, session)
        self.panel.set_current(interview_id)
        self._moved()  # a text that fits is read once it stayed in view
        self.switched.emit(interview_id)
        return True

    def _say_missing(self, study: Study, entry: InterviewEntry) -> None:
        """Its transcript is not where the study has it: Locate Transcript…, and Use It
        when a transcript in the study folder holds its text (renamed or moved, while the
        study was closed, or while open and the banner's offer gave way to another)."""
        from reader.core.study_moves import moved_transcripts

        said = f"The transcript of “{entry.title}” is not at {study.transcript_path(entry)}"
        actions = [("Locate Transcript…", lambda: self.panel.relocateRequested.emit(entry.id))]
        moved = moved_transcripts(study, study.not_listed([study.folder]))
        found = next((path for path, found_id in moved.items() if found_id == entry.id), None)
        if found is not None:
            said += f"; “{found.name}” in the study folder holds its text"

            def use_it() -> None:
                if self.owner.relocate(entry.id, found):
                    self.open(entry.id)

            actions.insert(0, ("Use It", use_it))
        self.interview.show_message(f"{said}; its notes are kept.", actions)

    def show_study_colors(self) -> None:
        """The study's colour labels in the open interview (they are the study's)."""
        session, study = self.interview.session, self.owner.study
        if session is None or study is None or not self.current:
            return
        if any(session.notes.colors.get(k) != v for k, v in study.data.colors.items()):
            session.notes.colors = {**session.notes.colors, **study.data.colors}
            self.interview.colorsChanged.emit()

    def set_color_labels(self, labels: dict[str, str]) -> bool:
        """Edit ▸ Highlight Colours… in a study: the labels go to study.json (undoable)
        and every interview shows them. False when no study is open."""
        study = self.owner.study
        if study is None:
            return False
        # Those it changes alone, for Redo too: another program's relabelling since stays.
        changed = {k: v for k, v in labels.items() if study.data.colors.get(k) != v}
        renamed = changed and self.owner.run(
            "Rename Colours",
            lambda: study.set_color_labels(changed),
            lambda old: study.undo_color_labels(old, changed),
        )
        if renamed:  # the reader's Ctrl+Z is the interview's: it took a highlight back
            self.owner.status.emit(RENAMED_FOR_THE_STUDY, 10000)
        return True

    def study_and_texts(self) -> tuple[Study, StudyTexts] | None:
        """The open study with its interviews as loaded (the open one as edited)."""
        if self.owner.study is None or self.texts is None:
            return None
        if self.interview.controller is not None:
            self.interview.notes_data()  # the research notes as typed, into the session
        return self.owner.study, self.texts

    def step(self, delta: int) -> None:
        """Ctrl+PgDn / Ctrl+PgUp: the next or previous interview as the library lists them;
        those whose transcript is missing are passed over, and named in the status bar
        (stopping at one, the key could go no further), unless none further on can open."""
        study = self.owner.study
        after, before = self.neighbours(self.current)
        targets, steps = (after, delta) if delta > 0 else (before, -delta)
        if study is None or not 0 < steps <= len(targets):
            if study is not None and self.current:  # said, as at the last question
                title = study.interview(self.current).title
                which = "last" if delta > 0 else "first"
                self.owner.status.emit(f"“{title}” is the {which} interview listed.", 5000)
            return
        passed: list[str] = []
        for target in targets[steps - 1 :]:
            if not study.is_missing(target):
                break
            passed.append(f"“{study.interview(target).title}”")
        else:  # none further on can open: the first says why, and offers to locate it
            self.open(targets[steps - 1])
            return
        if self.open(target) and passed:
            names = listed(passed) if len(passed) <= 3 else f"{len(passed)} interviews"
            whose = "whose transcript is" if len(passed) == 1 else "whose transcripts are"
            self.owner.status.emit(f"Passed over {names}, {whose} missing.", 8000)

    def neighbours(self, interview_id: str) -> tuple[list[str], list[str]]:
        """The interviews the library lists after `interview_id` and before it, nearest
        first; for the open one removed or filtered out, as it was listed when opened; for
        one never listed, all of them from either end. An interview the study no longer
        has is left out: the Library lists it until it is read again, soon after a step
        (a Redo of Remove from Study, then Ctrl+PgDn, went to it and failed)."""
        ids, study = self.panel.visible_ids(), self.owner.study
        if study is not None:
            known = {e.id for e in study.interviews}
            ids = [i for i in ids if i in known or i == interview_id]
        if interview_id in ids:
            at = ids.index(interview_id)
            return ids[at + 1 :], ids[:at][::-1]
        if interview_id == self.current and interview_id in self._listed:
            earlier = set(self._listed[: self._listed.index(interview_id)])
            at = sum(1 for i in ids if i in earlier)
            return ids[at:], ids[:at][::-1]
        return ids, ids[::-1]

    # How far each interview was read, and its counts -------------------------------------

    def _moved(self, *_args: object) -> None:
        """The reader moved (or opened an interview): what it shows is read once it stays."""
        if self.current and not self._opening:
            self._resting.start()

    def _read_in_view(self) -> None:
        """How far the open interview was read: the share of its text above the bottom
        of the reader (by characters, so a text still being laid out counts right), once
        it stayed in view READ_AFTER_MS; never less than before."""
        if not self.current or self._opening or self.interview.session is None:
            return
        viewport = self.reader.viewport()
        corner = QPoint(viewport.width() - 1, viewport.height() - 1)
        seen = self.reader.cursorForPosition(corner).position()
        share = seen / max(1, self.reader.document().characterCount() - 1)
        if share > self.panel.model.read.get(self.current, 0.0) + 0.01:
            self.panel.model.set_read(self.current, min(1.0, share))

    def keep_read_positions(self) -> None:
        """Written when the study closes (and with the window), not at each switch: an
        fsync there cost a fifth of the time to the first paint."""
        if self.owner.study is None:
            return
        from reader.core.study_headers import save_read_positions

        with contextlib.suppress(OSError):  # only a convenience: never in the user's way
            save_read_positions(self.owner.study.folder, self.panel.model.read)

    def _count(self, *_args: object) -> None:
        session = self.interview.session
        if self.current and session is not None:
            highlights = session.notes.highlights
            notes = sum(1 for h in highlights if h.note)
            shown = sum(1 for h in highlights if h.color != NO_COLOR)  # as study_headers counts
            self.panel.model.set_counts(self.current, shown, notes)
