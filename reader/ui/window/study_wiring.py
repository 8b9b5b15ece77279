"""The study's additions to the window, wired in one call from MainWindow._wire_study:
the Annotations panel across the study, the study's colour labels, and a window with no
interview open when none of a study's transcripts can be."""

from __future__ import annotations

from typing import Protocol

from reader.ui.annotations.editing import HighlightEditing
from reader.ui.annotations.panel import AnnotationsPanel
from reader.ui.interview.open_interview import OpenInterview
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.study_actions import StudyActions
from reader.ui.library.switcher import InterviewSwitcher
from reader.ui.outline.outline import OutlineList
from reader.ui.reading.reader_view import ReaderView
from reader.ui.window.banner import Banner


class StudyWindow(Protocol):
    """What of the main window this needs (the main window is not imported here)."""

    interview: OpenInterview
    study: OpenStudy
    study_actions: StudyActions
    switcher: InterviewSwitcher
    annotations: AnnotationsPanel
    editing: HighlightEditing
    reader: ReaderView
    outline: OutlineList
    banner: Banner


def wire_study_extras(window: StudyWindow) -> None:
    window.annotations.study.attach(window.study, window.switcher)
    window.editing.study_labels = window.switcher.set_color_labels
    window.study_actions.nothingToOpen.connect(lambda line: show_nothing_open(window, line))


def show_nothing_open(window: StudyWindow, line: str) -> None:
    """Close the interview open before (written first) and show none: an empty reader and
    notes, the line saying why in the reader and the banner."""
    interview = window.interview
    if interview.session is not None and not interview.may_discard_unsaved():
        return
    interview.close()
    interview.notes_document.setPlainText("")  # no interview's: typing there is refused
    interview.readOnlyChanged.emit(True)
    window.reader.show_nothing(line)
    window.outline.clear()
    window.annotations.reload()
    window.switcher.switched.emit("")
    window.banner.show_message(line, [])
