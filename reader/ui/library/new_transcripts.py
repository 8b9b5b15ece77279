"""Transcripts that come into the study folder while the study is open (copied in, synced
from another machine): the banner says so and offers to add them, as one step Undo takes
back (OpenStudy.add_files, as Add Interviews… does). Nothing is added unasked: the study
lists the interviews its owner chose. Which files are transcripts is the core's to say
(Study.not_listed): an export saved into the folder is none. Only what comes while the
study is open is offered, so those dismissed stay dismissed when it opens again. One that
holds the text of an interview whose transcript went missing (renamed, moved:
study_moves) is offered as that interview's, which keeps its highlights and notes; one
renamed while the study was closed is offered so when it opens, after what its first
interview says (OpenStudy.offers). What
is taken is announced (`taken`): the window shows the Library, where Undo is the study's,
as the status line says."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.core.wording import counted, listed
from reader.ui.library.open_study import OpenStudy
from reader.ui.window.banner import Banner

if TYPE_CHECKING:
    from reader.core.study import Study


class NewTranscripts(QObject):
    taken = Signal()  # interviews added or relocated, as a step of the study's history

    def __init__(self, owner: OpenStudy, banner: Banner) -> None:
        super().__init__(owner)
        self.owner, self.banner = owner, banner
        self.offered: list[Path] = []  # what the banner offers to add now
        self.moved: dict[Path, str] = {}  # and as the transcripts of missing interviews
        self._line = ""  # and how it says so
        owner.cameIntoFolder.connect(self._came)
        owner.opened.connect(self._opened)
        owner.closed.connect(self.offered.clear)
        banner.dismissed.connect(self._dismissed)

    def _came(self, paths: list[Path]) -> None:
        study = self.owner.study
        if study is None or study.read_only:
            return
        # Those offered before and not taken yet are offered again with the new ones.
        new = list(dict.fromkeys(study.not_listed([*self.offered, *self.moved, *paths])))
        if not new:
            return
        offering = (self.offered or self.moved) and self.banner.text() == self._line
        from reader.core.study_moves import moved_transcripts  # a study's: on first use

        self.moved = moved_transcripts(study, new)
        self.offered = [path for path in new if path not in self.moved]
        self._offer(study, again=bool(offering))

    def _opened(self, study: Study) -> None:
        self.offered, self.moved = [], {}
        # Opening noted where each transcript there is (Study.note_files): none missing
        # is said without a look at each file again.
        if study.read_only or all(e.id in study.files_seen for e in study.interviews):
            return
        from reader.core.study_moves import moved_transcripts

        self.moved = moved_transcripts(study, study.not_listed([study.folder]))
        if self.moved:
            self.owner.offers.append(self._offering(study))

    def _offer(self, study: Study, again: bool) -> None:
        """Say what is offered: in place of the offer shown (`again`), else after the
        messages shown; nothing left to offer hides the offer."""
        show = self.banner.show_message if again else self.banner.add_message
        show(*self._offering(study))

    def _offering(self, study: Study) -> tuple[str, list]:
        """The offer's line and its buttons."""
        lines, actions = [], []
        if self.moved:
            lines.append(self._moved_line(study))
            actions.append(("Use It" if len(self.moved) == 1 else "Use Them", self.use_moved))
        if self.offered:
            names = [_named(study, path) for path in self.offered[:3]]
            names += ["more"] if len(self.offered) > 3 else []
            many = counted(len(self.offered), "new transcript")
            lines.append(f"{many} in the study folder: {listed(names)}.")
            actions.append(("Add", self.add))
        self._line = " ".join(lines)
        return self._line, actions

    def _after_taking(self) -> None:
        """What is still offered, in place of the offer, unless taking it said something
        there in its place (a file refused)."""
        study = self.owner.study
        if self.banner.text() == self._line and study is not None:
            self._offer(study, again=True)

    def _moved_line(self, study: Study) -> str:
        if len(self.moved) == 1:
            ((path, interview_id),) = self.moved.items()
            title = study.interview(interview_id).title
            return f"The missing transcript of “{title}” is in the folder as {_named(study, path)}."
        names = [_named(study, path) for path in list(self.moved)[:3]]
        names += ["more"] if len(self.moved) > 3 else []
        many = counted(len(self.moved), "missing transcript")
        return f"{many} came back under new names: {listed(names)}."

    def _dismissed(self, text: str) -> None:
        """The user said no to those offered: they are not offered again with the next
        ones to come. A study not recorded yet (no study.json: every transcript in its
        folder is its own when it opens) is written now, so that they stay out then too."""
        if not text or text != self._line:
            return
        self.offered.clear()
        self.moved.clear()
        study = self.owner.study
        if study is not None and not study.read_only and not study.file.exists():
            self.owner.save()

    def use_moved(self) -> None:
        """Point each missing interview at its transcript's new place (Locate Transcript…
        done for the user); the files not taken stay offered."""
        moved, self.moved = self.moved, {}
        located = [
            path
            for path, interview_id in moved.items()
            if path.exists() and self.owner.relocate(interview_id, path)
        ]
        self._after_taking()
        if located:
            self.taken.emit()
            self.owner.status.emit(
                f"Found {counted(len(located), 'transcript')} under a new name; "
                "Edit ▸ Undo takes it back.",
                8000,
            )

    def add(self) -> None:
        """Add the transcripts offered, as one step."""
        paths, self.offered = self.offered, []
        added = self.owner.add_files([path for path in paths if path.exists()])
        self._after_taking()
        if added:
            self.taken.emit()
            self.owner.status.emit(
                f"Added {counted(len(added), 'interview')}; Edit ▸ Undo takes them out.", 8000
            )


def _named(study: Study, path: Path) -> str:
    """A transcript offered, by its place in the study folder: two P01.txt come into
    site-a/ and site-b/ were offered as “P01.txt” and “P01.txt”."""
    return f"“{study.relative_path(path)}”"
