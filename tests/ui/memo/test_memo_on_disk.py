"""The study memo on disk: the memo's preview shows a change made on disk, and is not
rendered again as interviews are switched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.ui.window.main_window import MainWindow
from tests.ui.memo.test_study_memo import memo_file, open_memo


def test_the_memo_preview_shows_a_change_made_on_disk_not_a_switch_of_interview(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """The memo is the same whichever interview is open (a quote's label names its
    interview in the memo's own words): switching renders nothing again."""
    memo_file(folder).write_text("# Themes\n\n> coffee [↩ P01 Ana, Q1](interview:x#h-y)\n", "utf-8")
    window: MainWindow = make_study_window(folder)
    open_memo(window, qtbot)
    window.actions.toggle_preview.setChecked(True)
    pane = window.notes_pane
    assert "P01 Ana, Q1" in pane.preview.toPlainText()
    rendered: list[None] = []
    pane.preview.document().contentsChanged.connect(lambda: rendered.append(None))
    first = window.switcher.current
    with qtbot.waitSignal(window.interview.opened):
        window.switcher.step(1)
    assert window.switcher.current != first and pane.showing_memo() and pane.previewing()
    window.interview.notes_document.setPlainText("P02's own notes")  # as merged from disk
    assert rendered == [] and "P01 Ana, Q1" in pane.preview.toPlainText()

    text = "# Themes\n\n> coffee [↩ P01 Ana, Q1](interview:x#h-y)\n\nNights, from a sync tool\n"
    memo_file(folder).write_text(text, "utf-8")
    qtbot.waitUntil(lambda: "Nights, from a sync tool" in pane.preview.toPlainText())
    assert window.notes_editor.toPlainText() == text
    window.actions.toggle_preview.setChecked(False)
    pane.show_memo(False)
    assert window.notes_editor.toPlainText() == "P02's own notes"
    assert memo_file(folder).read_text("utf-8") == text  # nothing of ours to add to it
