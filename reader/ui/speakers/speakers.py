"""Who speaks: the Speakers dialog, opened from the menu or from a one-line hint above the
reader that appears when structure detection is unsure (rather than a silent guess)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from reader.core.interview import speaker_report
from reader.ui.after_paint import AfterPaint
from reader.ui.interview.open_interview import OpenInterview

if TYPE_CHECKING:
    from reader.ui.speakers.speakers_dialog import SpeakersDialog
    from reader.ui.speakers.study_rename import StudyRename


class SpeakersHint(QFrame):
    """A compact line: what detection was unsure about, a button for the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speakers-hint")
        self.setStyleSheet(
            "#speakers-hint { border-bottom: 1px solid palette(mid); }"
            "#speakers-hint QLabel { color: palette(placeholder-text); }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.check = QPushButton("Check Speakers…")
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setFlat(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.check)
        layout.addWidget(self.dismiss)
        self.setVisible(False)


class Speakers(QObject):
    """Owns the dialog (one, made on first use) and keeps the hint up to date."""

    def __init__(self, interview: OpenInterview, parent: QWidget, painted: QWidget) -> None:
        """`painted`: the widget whose paint shows an opened interview (the reader's)."""
        super().__init__(parent)
        self._interview = interview
        self._parent = parent
        self.dialog: SpeakersDialog | None = None
        self.across: StudyRename | None = None  # Rename in Study…, given in a study window
        self.hint = SpeakersHint()
        self.hint.check.clicked.connect(self.show_dialog)
        self.hint.dismiss.clicked.connect(self._dismiss)
        self._dismissed = False
        # After the interview's first paint: the check reads every paragraph (~40 ms for
        # 5 MB); later checks (a correction) wait only for the event loop.
        self._after_paint = AfterPaint(painted, self._check)
        self._check_timer = QTimer(self, singleShot=True, interval=0)
        self._check_timer.timeout.connect(self._check)
        interview.opened.connect(self._opened)
        interview.replaced.connect(self._check_timer.start)
        interview.structureChanged.connect(self._check_timer.start)

    def show_dialog(self) -> None:
        if self._interview.session is None:
            return
        if self.dialog is None:
            from reader.ui.speakers.speakers_dialog import SpeakersDialog

            self.dialog = SpeakersDialog(self._interview, self._parent, self.across)
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _opened(self) -> None:
        self._dismissed = False
        self._after_paint.start()

    def _dismiss(self) -> None:
        self._dismissed = True
        self.hint.setVisible(False)

    def _check(self) -> None:
        """The hint shows while detection is unsure and the reader has not yet corrected
        the speakers (nor dismissed the hint)."""
        session = self._interview.session
        corrected = session is not None and bool(session.notes.speakers or session.notes.sides)
        if session is None or corrected or self._dismissed:
            self.hint.setVisible(False)
            return
        report = speaker_report(session.document.text, session.segments)
        if report.unsure and report.speakers:
            self.hint.label.setText("Speakers were guessed. " + " ".join(report.reasons))
        elif report.unsure:  # subtitles, say: the dialog would have nobody to show
            why = " ".join(report.reasons)
            self.hint.label.setText(
                f"No speaker is named. {why} Right-click a paragraph (or Shift+F10 on it) to "
                "set its role."
            )
        self.hint.check.setVisible(bool(report.speakers))
        self.hint.setVisible(report.unsure)
