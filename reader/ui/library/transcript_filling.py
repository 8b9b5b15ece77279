"""Fill Participants and Dates from Transcripts (Edit menu, the Library's Add button and
right-click menu): each interview without a participant gets the one its transcript names
(reader/core/participants.py), and without a date the day its transcript says it was
recorded (reader/core/transcript_dates.py), all in one undoable step of the study, saved to
study.json as the Library's other edits are; the banner says what was filled and which
participants were left empty.

The transcripts are read from the study's texts (core/study_texts.py: what search keeps
of each interview while its files are unchanged, the open one as edited), the others
loaded and kept. Reading 500 takes seconds, so they are read a slice at a time on the GUI
thread: the window stays painted, and a progress dialog with Cancel shows when it takes a
while. Nothing is changed before the last is read; Cancel changes nothing.
"""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.core.participants import FillReport, to_fill
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher

if TYPE_CHECKING:
    from reader.core.study import Study
    from reader.core.study_file import InterviewEntry
    from reader.core.study_texts import StudyTexts

SLICE_MS = 40  # read for this long, then let the window paint and take clicks
SHOW_AFTER_MS = 500  # the progress dialog shows when reading would take longer
TITLE = "Fill Participants and Dates from Transcripts"
STEP = "Fill Participants and Dates"  # Edit ▸ Undo's
CANCELLED = "Filling from transcripts was cancelled: nothing was filled."


class TranscriptFilling(QObject):
    done = Signal()  # the report is said (the Library takes the focus: Ctrl+Z undoes)

    def __init__(self, window: QWidget, owner: OpenStudy, switcher: InterviewSwitcher) -> None:
        super().__init__(window)
        self.window, self.owner, self.switcher = window, owner, switcher
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._read_slice)
        self._study: Study | None = None
        self._texts: StudyTexts | None = None
        self._pending: list[InterviewEntry] = []
        self._read = 0
        self._started = 0.0  # time.monotonic() when reading began
        self._report = FillReport()
        self._dialog: QProgressDialog | None = None
        self._busy = False  # in a slice: the dialog's setValue lets events in
        owner.aboutToClose.connect(self._stop)

    def running(self) -> bool:
        return self._study is not None

    def start(self) -> None:
        """Read the transcripts of the interviews without a participant or a date, then
        fill them."""
        got = self.switcher.study_and_texts()
        if got is None or self.running() or self.owner.read_only:
            return
        self._study, self._texts = got
        self._pending = to_fill(self._study.interviews)
        self._read = 0
        self._report = FillReport()
        if not self._pending:
            self._finish()
            return
        self._started = time.monotonic()
        self._timer.start()

    def _read_slice(self) -> None:
        if self._busy:
            return
        study, texts = self._study, self._texts
        if study is None or texts is None:
            return
        self._busy = True
        deadline = time.monotonic() + SLICE_MS / 1000
        try:
            while self._read < len(self._pending):  # at least one a slice
                entry = self._pending[self._read]
                self._read += 1
                self._report.add(entry, texts.said(entry))
                if time.monotonic() >= deadline:
                    break
            if self._dialog is None and self._read < len(self._pending):
                self._show_dialog()
            if self._dialog is not None:
                self._dialog.setValue(self._read)
        finally:
            self._busy = False
        if self._study is study and self._read >= len(self._pending):
            self._finish()

    def _show_dialog(self) -> None:
        """The progress dialog, once what is left would take more than SHOW_AFTER_MS:
        made only then (a small study's filling shows nothing, and takes no focus)."""
        spent = time.monotonic() - self._started
        left = spent / self._read * (len(self._pending) - self._read)
        if left * 1000 < SHOW_AFTER_MS:
            return
        dialog = QProgressDialog(
            f"Reading {len(self._pending)} transcripts for participants and dates…",
            "Cancel",
            0,
            len(self._pending),
            self.window,
        )
        dialog.setWindowTitle(TITLE)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(self._cancel)
        dialog.show()
        self._dialog = dialog

    def _finish(self) -> None:
        study, report = self._study, self._report
        self._stop()
        assert study is not None
        # A participant or date typed while the transcripts were read is kept.
        filled, dated = report.counts(study.interviews)
        fill = partial(study.fill_from_transcripts, report.filled, report.dates)
        if (filled or dated) and not self.owner.run(STEP, fill, study.put_back):
            return  # refused (the study turned read-only): the study said why
        self.owner.message.emit(report.message(filled, dated))
        # The Library now, not once the queued reload comes: are the columns filled in sight?
        library = self.switcher.panel
        library.reload()
        where = library.columns.out_of_room(["participant"] * bool(filled) + ["date"] * bool(dated))
        said = " ".join(filter(None, [report.headline(filled, dated), where]))
        self.owner.status.emit(said, 8000)
        self.done.emit()

    def _cancel(self) -> None:
        if self.running():
            self._stop()
            self.owner.status.emit(CANCELLED, 8000)

    def _stop(self) -> None:
        """Reading stops (done, cancelled, or the study closing); nothing is changed."""
        self._timer.stop()
        self._study = self._texts = None
        self._pending = []
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self._cancel)
            dialog.close()
            dialog.deleteLater()
