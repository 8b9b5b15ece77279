"""The study's additions to the window, wired in one call from MainWindow._wire_study:
the study's colour labels, Undo in the library working on the study's history, a window
with no interview open when none of a study's transcripts can be, and what opening the
study found in the banner, behind what its first interview said; study.json written with
the first notes of a folder opened as a study; a change across the study that could not
reach every notes file finished as a file of the study is written again; transcripts that
come into the folder offered in the banner; Edit ▸ Fill Participants from Transcripts; the
participant following a speaker renamed, and Rename in Study… in the Speakers dialog; Go ▸ Back and
Forward across its interviews. (The Annotations panel joins the study when it is made, in
later_panels.py.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from reader.ui.annotations.editing import HighlightEditing
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.lazy_dock import LazyDock, focus_dock
from reader.ui.library.interview_history import InterviewHistory
from reader.ui.library.new_transcripts import NewTranscripts
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.study_actions import StudyActions
from reader.ui.library.switcher import InterviewSwitcher
from reader.ui.outline.outline import OutlineList
from reader.ui.reading.reader_view import ReaderView
from reader.ui.speakers.speakers import Speakers
from reader.ui.window.actions import Actions
from reader.ui.window.banner import Banner
from reader.ui.window.undo_focus import UndoFocus

if TYPE_CHECKING:
    from reader.ui.annotations.panel import AnnotationsPanel
    from reader.ui.library.library_panel import LibraryPanel
    from reader.ui.library.transcript_filling import TranscriptFilling
    from reader.ui.memo.study_memo import StudyMemo


class StudyWindow(Protocol):
    """What of the main window this needs (the main window is not imported here)."""

    interview: OpenInterview
    study: OpenStudy
    study_actions: StudyActions
    switcher: InterviewSwitcher
    annotations_dock: LazyDock
    editing: HighlightEditing
    reader: ReaderView
    outline: OutlineList
    banner: Banner
    undo_focus: UndoFocus
    library_dock: LazyDock
    window_actions: Actions
    speakers: Speakers
    memo: Callable[[], StudyMemo | None]  # given by wire_memo, before a study opens


OPEN_ALONE = "Or open one on its own with File ▸ Open Interview… (the study closes)."


def wire_study_extras(window: StudyWindow) -> None:
    study = window.study
    window.interview.undo_group.addStack(study.undo_stack)
    window.undo_focus.claim(window.library_dock.made, lambda: study.undo_stack)
    window.editing.study_labels = window.switcher.set_color_labels
    window.study_actions.nothingToOpen.connect(lambda line: show_nothing_open(window, line))
    study.noticed.connect(window.banner.add_message)  # behind what the interview said
    study.amended.connect(window.banner.amend)
    window.interview.notesWritten.connect(lambda: save_when_first_used(window))
    # A change across the study may be under way: finished once a file is written again.
    window.interview.notesWritten.connect(study.wrote)
    study.notes_waiting = lambda: notes_waiting(window.interview)
    offer = NewTranscripts(study, window.banner)  # come into the folder: offered to add
    offer.taken.connect(lambda: focus_library(window))  # where Ctrl+Z undoes it
    window.study_actions.added.connect(lambda: focus_library(window))  # and shows them
    InterviewHistory(window.switcher, study, window.reader.jumps)  # Back to the one before

    def speakers_in_study(_study: object) -> None:  # made as the first study opens
        if window.speakers.across is None:  # start-up (a lone interview) loads neither
            from reader.ui.speakers.participant_follows import ParticipantFollows
            from reader.ui.speakers.study_rename import StudyRename

            ParticipantFollows(window.interview, study, window.switcher)  # a speaker renamed
            window.speakers.across = StudyRename(
                window.interview, study, window.switcher, window.memo
            )

    study.opened.connect(speakers_in_study)  # before its interview opens
    made: list[TranscriptFilling] = []  # at the first use: start-up does not load it

    def fill_from_transcripts() -> None:
        if not made:
            from reader.ui.library.transcript_filling import TranscriptFilling

            made.append(TranscriptFilling(window.reader.window(), study, window.switcher))
            made[0].done.connect(lambda: focus_library(window))  # Ctrl+Z undoes it
        made[0].start()

    window.window_actions.fill_from_transcripts.triggered.connect(fill_from_transcripts)


def save_when_first_used(window: StudyWindow) -> None:
    """A folder opened as a study has no study.json until the study is changed: the first
    notes file written saves it, so each notes file's interview is on record (a transcript
    renamed outside the app then shows as missing, its notes kept, not as a new one).
    Only a write does: merely opening an interview whose notes exist writes nothing."""
    opened = window.study.study
    if opened is not None and opened.base is None and not opened.file.exists():
        window.study.save()


def notes_waiting(interview: OpenInterview) -> bool:
    """The open interview's notes hold what is not on disk yet, or are being written."""
    saver = interview.saver
    return saver is not None and (saver.dirty or saver.state == "saving")


def focus_library(window: StudyWindow) -> None:
    library = cast("LibraryPanel", window.library_dock.panel())
    focus_dock(window.library_dock, library.view)


def show_nothing_open(window: StudyWindow, line: str) -> None:
    """Close the interview open before (written first) and show none: an empty reader and
    notes, the line saying why in the reader and the banner. Whether to let go notes that
    cannot be written was asked before, once (opening the study, giving way)."""
    interview = window.interview
    interview.close_to_nothing()
    window.reader.show_nothing(f"No interview is open. {line} {OPEN_ALONE}")
    window.outline.clear()
    annotations = window.annotations_dock.made()  # (one made later shows the same)
    if annotations is not None:
        cast("AnnotationsPanel", annotations).reload()
    window.switcher.show_none()
    window.banner.show_message(line, [])
