"""Transcripts that come into the study folder while the study is open (copied in, synced
from another machine): the banner says so and offers to add them, as one step Undo takes
back (OpenStudy.add_files, as Add Interviews… does). Nothing is added unasked: the study
lists the interviews its owner chose. Which files are transcripts is the core's to say
(Study.not_listed): an export saved into the folder is none. Only what comes while the
study is open is offered, so those dismissed stay dismissed when it opens again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from reader.core.wording import counted, listed
from reader.ui.library.open_study import OpenStudy
from reader.ui.window.banner import Banner


class NewTranscripts(QObject):
    def __init__(self, owner: OpenStudy, banner: Banner) -> None:
        super().__init__(owner)
        self.owner, self.banner = owner, banner
        self.offered: list[Path] = []  # what the banner offers to add now
        self._line = ""  # and how it says so
        owner.cameIntoFolder.connect(self._came)
        owner.closed.connect(self.offered.clear)
        banner.dismissed.connect(self._dismissed)

    def _came(self, paths: list[Path]) -> None:
        study = self.owner.study
        if study is None or study.read_only:
            return
        # Those offered before and not added yet are offered again with the new ones.
        new = list(dict.fromkeys(study.not_listed([*self.offered, *paths])))
        if not new:
            return
        offering = self.offered and self.banner.text() == self._line
        self.offered = new
        names = [f"“{path.name}”" for path in new[:3]] + (["more"] if len(new) > 3 else [])
        self._line = f"{counted(len(new), 'new transcript')} in the study folder: {listed(names)}."
        show = self.banner.show_message if offering else self.banner.add_message
        show(self._line, [("Add", self.add)])

    def _dismissed(self, text: str) -> None:
        """The user said no to those offered: they are not offered again with the next
        ones to come. A study not recorded yet (no study.json: every transcript in its
        folder is its own when it opens) is written now, so that they stay out then too."""
        if not text or text != self._line:
            return
        self.offered.clear()
        study = self.owner.study
        if study is not None and not study.read_only and not study.file.exists():
            self.owner.save()

    def add(self) -> None:
        """Add the transcripts offered, as one step; the offer goes unless adding said
        something in its place (a file refused)."""
        paths, self.offered = self.offered, []
        added = self.owner.add_files([path for path in paths if path.exists()])
        if self.banner.text() == self._line:
            self.banner.show_message("", [])
        if added:
            self.owner.status.emit(
                f"Added {counted(len(added), 'interview')}; Edit ▸ Undo takes them out.", 8000
            )
