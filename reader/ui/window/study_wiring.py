"""The study's additions to the window, wired in one call from MainWindow._wire_study:
the Annotations panel across the study, the study's colour labels, and a window with no
interview open when none of a study's transcripts can be."""

from __future__ import annotations

from typing import Protocol

from reader.ui.annotations.editing import HighlightEditing
from reader.ui.annotations.panel import AnnotationsPanel
from reader.ui.library.open_study import OpenStudy
from reader.ui.library.switcher import InterviewSwitcher


class StudyWindow(Protocol):
    """What of the main window this needs (the main window is not imported here)."""

    study: OpenStudy
    switcher: InterviewSwitcher
    annotations: AnnotationsPanel
    editing: HighlightEditing


def wire_study_extras(window: StudyWindow) -> None:
    window.annotations.study.attach(window.study, window.switcher)
    window.editing.study_labels = window.switcher.set_color_labels
