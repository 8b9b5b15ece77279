"""Right-click ▸ Rename Speaker… renames the speaker the margin shows, also one that a
role correction gave the paragraph; a rename that changes nothing is no step to undo."""

from __future__ import annotations

from reader.core.interview import Role
from reader.ui.window.main_window import MainWindow
from tests.ui.test_main_window import menu_action, paragraph_point


def test_renaming_the_speaker_of_a_paragraph_marked_a_question(window: MainWindow, dialogs) -> None:
    """The bundled interview's unlabelled intro marked a question shows "Interviewer":
    its Rename Speaker… renames the interviewer of every question."""
    session = window.interview.session
    intro = session.segments[3]
    assert (intro.role, intro.speaker) == (Role.INTRO, "")
    menu = window.reader.build_context_menu(paragraph_point(window, intro.start))
    menu_action(menu, "Paragraph Role", "Question").trigger()
    assert session.segment_at(intro.start).speaker == "Interviewer"  # type: ignore[union-attr]

    dialogs.text_answers.append(("Jordan Ruimy", True))
    menu = window.reader.build_context_menu(paragraph_point(window, intro.start))
    menu_action(menu, "Rename Speaker…").trigger()
    questions = [seg for seg in session.segments if seg.role is Role.QUESTION]
    assert {seg.speaker for seg in questions} == {"Jordan Ruimy"}
    assert window.window_actions.undo.text() == "&Undo Rename Speaker"

    controller = window.interview.controller
    steps = controller.undo_stack.count()
    controller.rename_speaker("Nobody Here", "Someone")  # no speaker of this interview
    assert controller.undo_stack.count() == steps
