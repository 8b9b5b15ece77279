"""Right-click ▸ Rename Speaker… renames the speaker the margin shows, also one that a
role correction gave the paragraph; a rename that changes nothing is no step to undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from reader.core.interview import Role
from reader.ui.window.main_window import MainWindow
from tests.ui.test_main_window import menu_action, paragraph_point
from tests.ui.test_safety import notes_with, saved


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


def test_rename_speaker_on_read_only_notes_says_why_before_a_name_is_typed(
    make_window: Any, notes_path: Path, dialogs: Any
) -> None:
    """Notes a newer version wrote open read-only: Rename Speaker… says so at once, not
    after a name was typed in its dialog for nothing."""
    notes_with(notes_path, ["Rehearsal"])
    newer = saved(notes_path)
    newer["version"] = 99
    notes_path.write_bytes(orjson.dumps(newer))
    window = make_window()
    assert window.interview.read_only
    said = next(seg for seg in window.interview.session.segments if seg.speaker)
    dialogs.text_answers.append(("Jordan Ruimy", True))
    menu = window.reader.build_context_menu(paragraph_point(window, said.start))
    menu_action(menu, "Rename Speaker…").trigger()
    assert dialogs.text_answers == [("Jordan Ruimy", True)]  # no name asked for
    assert window.statusBar().currentMessage() == window.interview.why_read_only()
