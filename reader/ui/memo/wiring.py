"""The study memo's place in the window, wired in one call from MainWindow._wire_study:
View ▸ Study Memo (Ctrl+7) and the notes pane's tabs show it in the notes editor; Q
quotes into it while it shows, naming the interview, with a link that opens that
interview at the passage; Ctrl+Shift+T puts the recording's time in it, naming the
interview, with a link that opens it and plays from that time. The memo's own module
loads when a study first opens: a lone interview's start-up does not pay for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QTimer

from reader.core.markdown_links import quote_label, quoted_ids
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.study_actions import StudyActions
from reader.ui.library.switcher import InterviewSwitcher
from reader.ui.memo.notes_status import NotesStatus, StatusWindow
from reader.ui.notes.chip_labels import ChipPlace
from reader.ui.notes.quoting import NotesQuoting
from reader.ui.recording.recording import Recording
from reader.ui.window.actions import Actions

if TYPE_CHECKING:
    from reader.core.study_file import InterviewEntry
    from reader.ui.memo.study_memo import StudyMemo


class MemoWindow(StatusWindow, Protocol):
    """What of the main window this needs (the main window is not imported here)."""

    study: OpenStudy
    study_actions: StudyActions
    switcher: InterviewSwitcher
    quoting: NotesQuoting
    window_actions: Actions
    recording: Recording
    interview: OpenInterview


def wire_memo(window: MemoWindow) -> Callable[[], StudyMemo | None]:
    """Wire the memo, and the status bar's account of the notes pane; what gives the
    StudyMemo (None before a study opened)."""
    study, pane, action = window.study, window.notes_pane, window.window_actions.study_memo
    made: list[StudyMemo] = []
    status = NotesStatus(window)

    def study_opened(opened: object) -> None:
        if made:
            return  # it follows the study itself from now on
        from reader.ui.memo.study_memo import StudyMemo

        memo = StudyMemo(study, pane.window())
        made.append(memo)
        memo.documentChanged.connect(pane.set_memo)
        memo.readOnlyChanged.connect(lambda _: pane.set_memo_read_only(memo.why_read_only()))
        status.follow_memo(memo)
        window.study_actions.memo_saved = memo.may_close
        study.memo_kept = memo.kept_read_only
        window.interview.memo_quoted = lambda: quoted_ids(memo.text())  # as typed
        window.study_actions.memo_rescued = lambda: memo.rescued

        def memo_chips() -> ChipPlace | None:
            """The memo's chips of the open interview's passages, labelled by its title."""
            from reader.core.study import StudyError
            from reader.core.study_memo import interview_place

            current, document = window.switcher.current, memo.document
            if document is None or study.study is None or not current:
                return None
            try:
                entry = study.study.interview(current)
            except StudyError:  # taken off the study since it opened
                return None
            return ChipPlace(document, not memo.read_only, interview_place(entry.id), entry.title)

        chip_labels = window.quoting.chip_labels
        chip_labels.places.append(memo_chips)
        memo.documentChanged.connect(chip_labels.remember_all)
        # Once the switcher names the interview opened (as it opens, the one left).
        window.switcher.switched.connect(chip_labels.remember_all)
        memo.open(opened)  # connected now: this opening is over before it would call

    def show(on: bool) -> None:
        pane.show_memo(on)
        (pane.preview if pane.previewing() else pane.editor).setFocus(
            Qt.FocusReason.ShortcutFocusReason
        )

    def named() -> InterviewEntry | None:
        """The open interview while the memo shows: what is put in the memo names it."""
        if not pane.showing_memo() or study.study is None or not window.switcher.current:
            return None
        return study.study.interview(window.switcher.current)

    def into_memo(said_by: str, place: str, highlight_id: str) -> tuple[str, str] | None:
        """A quote's label and link in the memo: the interview's title first."""
        from reader.core.study_memo import quote_target

        entry = named()
        if entry is None:
            return None
        return quote_label(entry.title, said_by, place), quote_target(entry.id, highlight_id)

    def naming() -> tuple[str, str]:
        """A time put in the memo (Ctrl+Shift+T): the interview's title, and the place its
        link leads before the time ("interview:<id>", core/sync.time_link)."""
        from reader.core.study_memo import interview_place

        entry = named()
        return (entry.title, interview_place(entry.id)) if entry else ("", "")

    def follow(url: str) -> None:
        """A quote's or a time's link in the memo: its interview opens (if it is not open)
        at the passage, or plays from the time; one no longer in the study is said so
        (InterviewSwitcher.open)."""
        from reader.core.study_memo import linked_place

        found = linked_place(url)
        if found is None or study.study is None:
            return
        interview_id, own = found  # the interview's own link: "#h-…" or "#t=…"
        switcher, recording = window.switcher, window.recording
        if own.startswith("#h-"):
            if switcher.current == interview_id or switcher.open(interview_id):
                window.quoting.follow_link(own)
        elif switcher.current == interview_id:
            recording.time_links.follow(own)
        elif switcher.open(interview_id):  # its recording is shown a moment after it opens
            QTimer.singleShot(0, recording, lambda: recording.time_links.follow(own))

    study.opened.connect(study_opened)
    action.triggered.connect(show)
    pane.memoShown.connect(action.setChecked)
    pane.linkActivated.connect(follow)
    window.quoting.into_memo = into_memo
    window.recording.time_links.naming = naming
    return lambda: made[0] if made else None
