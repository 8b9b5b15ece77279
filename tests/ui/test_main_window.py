"""The main window as a user meets it: both panes, the outline, structure fixes, notes."""

from __future__ import annotations

from pathlib import Path

import orjson
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import QMenu

from reader.core.interview import Role
from reader.ui.window.main_window import MainWindow
from tests.conftest import BUNDLED
from tests.ui.test_outline import row_text

QUESTIONS = 13


def saved(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def menu_action(menu: QMenu, *path: str):
    """The action at `path` (texts without '&') in `menu` and its submenus."""
    for action in menu.actions():
        if action.text().split("\t")[0].replace("&", "") == path[0]:  # no key, no letter
            if len(path) == 1:
                return action
            return menu_action(action.menu(), *path[1:])
    raise LookupError(f"{path[0]!r} not in {[a.text() for a in menu.actions()]}")


def paragraph_point(window: MainWindow, offset: int) -> QPoint:
    """A viewport point inside the paragraph holding code point `offset` (scrolled into view)."""
    window.reader.scroll_to_offset(offset)
    return window.reader.cursorRect().center()


def test_window_shows_interview_beside_notes(window: MainWindow) -> None:
    assert window.windowTitle() == "Interview Reader — Her Smell Interview"
    assert window.reader.isVisible() and window.notes_editor.isVisible()
    assert window.splitter.widget(0).isAncestorOf(window.reader)
    assert window.splitter.widget(1) is window.notes_pane
    assert window.notes_pane.isAncestorOf(window.notes_editor)
    assert window.reader.toPlainText() == BUNDLED.read_text("utf-8").replace("\n", "\n")
    assert str(window.interview.notes_path) in window.notes_label.text()


def test_reader_text_is_exactly_the_document(window: MainWindow) -> None:
    """Labels are painted in the margin: the text that offsets count is the source text."""
    text = window.interview.session.document.text
    assert window.reader.document().toPlainText() == text


def test_outline_lists_every_question_and_leads_the_reader(window: MainWindow, qtbot) -> None:
    outline = window.outline
    assert outline.count() == QUESTIONS
    assert row_text(outline, 0).startswith("Q1  The movie is wild")
    item = outline.item(8)
    rect = outline.visualItemRect(item)
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    start = item.data(Qt.ItemDataRole.UserRole)
    top = window.reader.top_segment_index()
    assert window.interview.session.segments[top].start <= start
    assert window.reader.cursor_offset() == start


def test_outline_follows_scrolling(window: MainWindow, qtbot) -> None:
    session = window.interview.session
    q10 = window.outline.item(9).data(Qt.ItemDataRole.UserRole)
    window.reader.scroll_to_offset(q10)
    qtbot.waitUntil(lambda: window.outline.currentRow() == 9)
    window.reader.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: window.outline.currentRow() in (-1, 0))
    assert session.segments[0].role is Role.INTRO


def test_the_last_questions_become_current_though_they_never_reach_the_top(
    window: MainWindow, qtbot
) -> None:
    outline, reader = window.outline, window.reader
    last = outline.count() - 1
    outline.setFocus()
    outline.setCurrentRow(0)
    qtbot.keyClick(outline, Qt.Key.Key_End)
    qtbot.keyClick(outline, Qt.Key.Key_Return)  # go to the last question
    bar = reader.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() > 0)
    assert outline.currentRow() == last
    reader.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: outline.currentRow() in (-1, 0))
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: outline.currentRow() == last)


def test_the_first_question_is_current_at_the_top_as_the_last_at_the_end(
    make_window, tmp_path: Path, qtbot
) -> None:
    """Short turns: at the top the reading line, a quarter down, is on Q2 already; Ctrl+End
    then Ctrl+Home put the caret in Q1, on top, but the Outline named Q2."""
    turns = (f"Interviewer: Question {i}, and then?\n\nAna: Answer {i}." for i in range(1, 31))
    document = tmp_path / "short-turns.txt"
    document.write_text("\n\n".join(turns) + "\n", encoding="utf-8")
    window = make_window(document)
    outline, reader = window.outline, window.reader
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: outline.currentRow() == outline.count() - 1)
    qtbot.keyClick(reader, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: outline.currentRow() == 0)
    q20 = outline.item(19).data(Qt.ItemDataRole.UserRole)
    reader.scroll_to_offset(q20)  # the caret in Q20, then scrolled to the top without it
    qtbot.waitUntil(lambda: outline.currentRow() == 19)
    reader.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: outline.currentRow() == 0)


def test_role_correction_is_saved_and_survives_reopening(
    make_window, notes_path: Path, qtbot
) -> None:
    window = make_window()
    session = window.interview.session
    line_26 = next(
        s
        for s in session.segments
        if session.document.text[s.start :].startswith("No, the problem is")
    )
    menu = window.reader.build_context_menu(paragraph_point(window, line_26.start + 3))
    menu_action(menu, "Paragraph Role", "Question").trigger()
    assert window.outline.count() == QUESTIONS + 1
    qtbot.waitUntil(lambda: notes_path.exists() and "structure" in saved(notes_path))
    roles = saved(notes_path)["structure"]["roles"]
    assert roles == [{"start": line_26.start, "quote": roles[0]["quote"], "role": "question"}]
    window.close()
    again = make_window()
    assert again.outline.count() == QUESTIONS + 1
    assert again.interview.session.segment_at(line_26.start).role is Role.QUESTION


def test_role_correction_is_undoable(window: MainWindow) -> None:
    first_answer = next(s for s in window.interview.session.segments if s.role is Role.ANSWER)
    menu = window.reader.build_context_menu(paragraph_point(window, first_answer.start))
    menu_action(menu, "Paragraph Role", "Aside").trigger()
    assert window.interview.session.segment_at(first_answer.start).role is Role.ASIDE
    assert window.window_actions.undo.text() == "&Undo Mark as Aside"
    window.window_actions.undo.trigger()
    assert window.interview.session.segment_at(first_answer.start).role is Role.ANSWER


def test_the_role_a_paragraph_has_chosen_again_is_no_step(window: MainWindow) -> None:
    """Question chosen on a question (the checked item, Enter on the menu's first): no
    Undo step that undoes nothing, and no correction kept in the notes."""
    session, stack = window.interview.session, window.interview.controller.undo_stack
    question = session.segments[session.questions[0][0]]
    menu = window.reader.build_context_menu(paragraph_point(window, question.start))
    assert menu_action(menu, "Paragraph Role", "Question").isChecked()
    menu_action(menu, "Paragraph Role", "Question").trigger()
    assert stack.count() == 0 and session.notes.roles == []


def test_undo_names_the_role_as_the_menu_does(window: MainWindow) -> None:
    """Introduction chosen: "Undo Mark as Introduction", not "Intro"."""
    session = window.interview.session
    answer = next(s for s in session.segments if s.role is Role.ANSWER)
    menu = window.reader.build_context_menu(paragraph_point(window, answer.start))
    menu_action(menu, "Paragraph Role", "Introduction").trigger()
    assert window.window_actions.undo.text() == "&Undo Mark as Introduction"


def test_rename_speaker(window: MainWindow, dialogs, notes_path: Path, qtbot) -> None:
    answer = next(s for s in window.interview.session.segments if s.role is Role.ANSWER)
    dialogs.text_answers.append(("Alex Ross Perry", True))
    menu = window.reader.build_context_menu(paragraph_point(window, answer.start))
    menu_action(menu, "Rename Speaker…").trigger()
    answers = [s for s in window.interview.session.segments if s.role is Role.ANSWER]
    assert {s.speaker for s in answers} == {"Alex Ross Perry"}
    qtbot.waitUntil(lambda: notes_path.exists() and "structure" in saved(notes_path))
    assert saved(notes_path)["structure"]["speakers"] == {"Interviewee": "Alex Ross Perry"}


def test_notes_typed_are_saved_and_restored(make_window, notes_path: Path, qtbot) -> None:
    window = make_window()
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, "Perry rehearses every act")
    window.notes_editor.insertPlainText(" — 🎬")  # QTest types ASCII only; this is a paste
    qtbot.waitUntil(lambda: notes_path.exists(), timeout=10_000)
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "Perry rehearses every act — 🎬")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved")  # after the worker reports
    window.close()
    again = make_window()
    assert again.notes_editor.toPlainText() == "Perry rehearses every act — 🎬"
    assert not again.notes_editor.document().isUndoAvailable()


def test_notes_saved_on_quit_without_waiting(make_window, notes_path: Path, qtbot) -> None:
    window = make_window()
    qtbot.keyClicks(window.notes_editor, "last words")
    window.close()
    assert saved(notes_path)["notes"] == "last words"


def test_splitter_sizes_are_remembered(make_window) -> None:
    window = make_window()
    window.splitter.setSizes([700, 300])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window()
    restored = again.splitter.sizes()
    # The offscreen platform restores a different window size; the split is what matters.
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.02


def test_default_notes_file_in_data_folder(make_window, isolated_dirs: Path) -> None:
    window = make_window(notes=None)
    path = window.interview.notes_path
    assert path.is_relative_to(isolated_dirs / "xdg-data")
    window.window_actions.show_notes_file.trigger()
    assert path.exists()


def test_empty_or_binary_document_refused_with_message(
    window: MainWindow, dialogs, tmp_path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    assert not window.open_document(empty)
    assert not window.open_document(binary)
    assert [kind for kind, _ in dialogs.shown] == ["warning", "warning"]
    assert "empty" in dialogs.shown[0][1] and "binary" in dialogs.shown[1][1]
    assert window.windowTitle().endswith("Her Smell Interview")  # still open


def test_legacy_encoding_notice_shown(make_window, tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Q: Was it \u201cscripted\u201d?\nA: Yes.\n".encode("cp1252"))
    window = make_window(legacy, tmp_path / "legacy.json")
    assert window.banner.isVisible()
    assert "read as Western European (Windows-1252) text" in window.banner.text()
    assert window.banner.text().endswith("save the file as Unicode (UTF-8) and open it again.")
    assert "“scripted”" in window.reader.toPlainText()


def test_corrupt_notes_set_aside_and_app_goes_on(make_window, notes_path: Path, dialogs) -> None:
    notes_path.write_bytes(b'{"format": "interview-reader-notes", "version": 1, "notes": ')
    window = make_window()
    assert dialogs.titles() == ["Notes file set aside"]
    aside = list(notes_path.parent.glob("notes.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes().endswith(b'"notes": ')
    assert window.interview.session.notes.highlights == []


def test_open_another_document_from_file_menu(window: MainWindow, dialogs, tmp_path) -> None:
    other = tmp_path / "transcript.md"
    other.write_text("# Talk with Sam\n\nQ: Why film?\n\nA: Because.\n", "utf-8")
    dialogs.open_answers.append(str(other))
    window.window_actions.open.trigger()
    assert window.windowTitle() == "Interview Reader — Talk with Sam"
    assert window.outline.count() == 1


def test_undo_follows_the_open_document(window: MainWindow, qtbot, tmp_path: Path) -> None:
    """Opening another document (after the event loop ran) keeps Edit ▸ Undo working."""
    other = tmp_path / "other.txt"
    other.write_text("Q: Why?\nA: Because it matters.\n", "utf-8")
    assert window.open_document(other, tmp_path / "other.json")
    # Run the old controller's deleteLater, as the event loop would.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    start = window.interview.session.document.text.index("matters")
    window.interview.controller.add_highlight(start, start + 7, "green")
    assert window.window_actions.undo.text() == "&Undo Add Highlight"
    window.window_actions.undo.trigger()
    assert window.interview.session.notes.highlights == []
