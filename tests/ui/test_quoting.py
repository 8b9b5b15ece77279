"""Q quotes the selection in the research notes, made a highlight first
(reader/ui/notes/quoting.py): one step of Undo in the reader takes back both, Redo brings
both back; a quote the user changed since stays theirs."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from reader.core.interview import Role
from reader.core.notes_file import parse
from reader.core.store import save_notes
from reader.ui.typed_text import typed_text
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import TEXT, doc, film, highlight_with_key, wait_saved
from tests.ui.test_read_only_undo import activate

__all__ = ["doc", "film"]  # fixtures, shared with tests/ui/test_highlights.py

W = TypeVar("W", bound=QWidget)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def notes_start(window: MainWindow, qtbot: Any, text: str) -> None:
    """The notes hold `text`, typed, the caret at its end; then back to the reader."""
    editor = window.notes_editor
    qtbot.keyClick(window.reader, Qt.Key.Key_2, CTRL)  # Go to Notes
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_1, CTRL)  # Go to Reader
    qtbot.waitUntil(window.reader.hasFocus)


def focus(qtbot: Any, widget: W) -> W:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    return widget


def quote(window: MainWindow, qtbot: Any, words: str) -> str:
    """Select `words` in the reader and press Q; the quote's highlight id."""
    highlight_with_key(window, qtbot, words, key=Qt.Key.Key_Q)
    (highlight,) = window.interview.session.notes.highlights
    return highlight.id


def test_one_undo_in_the_reader_takes_back_the_quote_and_its_highlight(
    window: MainWindow, qtbot: Any, notes_path: Path
) -> None:
    activate(window, qtbot)
    notes_start(window, qtbot, "My notes")
    hid = quote(window, qtbot, "No improvising.")
    quoted = f"My notes\n\n> No improvising. [↩\u00a0Q1](#h-{hid})\n\n"
    assert typed_text(window.notes_editor.document()) == quoted
    assert window.window_actions.undo.text() == "&Undo Quote in Notes"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert typed_text(window.notes_editor.document()) == "My notes"
    data = wait_saved(qtbot, notes_path, lambda d: d["notes"] == "My notes")
    assert data["highlights"] == []
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert typed_text(window.notes_editor.document()) == quoted
    data = wait_saved(qtbot, notes_path, lambda d: d["notes"] == quoted)
    assert [h["id"] for h in data["highlights"]] == [hid]
    # And again: the quote goes and comes as often as asked.
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert typed_text(window.notes_editor.document()) == "My notes"
    assert not window.interview.session.notes.highlights


@pytest.fixture
def hid(window: MainWindow, qtbot: Any) -> str:
    """ "No improvising." quoted with Q in empty notes: its highlight's id."""
    activate(window, qtbot)
    return quote(window, qtbot, "No improvising.")


def test_writing_around_the_quote_is_kept_and_the_quote_still_goes(
    window: MainWindow, hid: str, qtbot: Any, notes_path: Path
) -> None:
    editor = focus(qtbot, window.notes_editor)
    qtbot.keyClicks(editor, "after")  # the caret is after the quote
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(editor, "Before ")  # right where the quote starts
    editor.insertPlainText("🎬")  # as an input method puts it in: two UTF-16 units
    assert (
        typed_text(editor.document())
        == f"Before 🎬> No improvising. [↩\u00a0Q1](#h-{hid})\n\nafter"
    )
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Z, CTRL)
    assert typed_text(editor.document()) == "Before 🎬\n\nafter"  # apart, as the quote kept them
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert (
        typed_text(editor.document())
        == f"Before 🎬> No improvising. [↩\u00a0Q1](#h-{hid})\n\nafter"
    )
    wait_saved(qtbot, notes_path, lambda d: [h["id"] for h in d["highlights"]] == [hid])


def test_undoing_a_quote_keeps_the_paragraphs_around_it_apart(
    window: MainWindow, qtbot: Any, notes_path: Path
) -> None:
    """Found by the study review: a quote put under a line, a paragraph written under it,
    and Undo Quote in Notes left "Intro lineafter quote"."""
    activate(window, qtbot)
    editor = focus(qtbot, window.notes_editor)
    qtbot.keyClicks(editor, "Intro line")
    hid = quote(window, qtbot, "No improvising.")
    editor = focus(qtbot, window.notes_editor)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "after quote")
    quoted = typed_text(editor.document())
    assert quoted == f"Intro line\n\n> No improvising. [↩\u00a0Q1](#h-{hid})\n\nafter quote"
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Z, CTRL)
    assert typed_text(editor.document()) == "Intro line\n\nafter quote"
    wait_saved(qtbot, notes_path, lambda d: d["notes"] == "Intro line\n\nafter quote")
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert typed_text(editor.document()) == quoted  # back as it was, no blank line more


@pytest.mark.parametrize(
    ("notes", "caret"),
    [("Intro\nOutro", len("Intro")), ("- item one\n- item two", len("- item one"))],
)
def test_undoing_a_quote_leaves_the_lines_around_it_as_they_were(
    window: MainWindow, qtbot: Any, notes: str, caret: int
) -> None:
    """Found by the undo review: Q between two lines, then Ctrl+Z in the reader, left a
    blank line between them they never had: one paragraph became two, a tight list a
    loose one."""
    activate(window, qtbot)
    editor = focus(qtbot, window.notes_editor)
    editor.insertPlainText(notes)
    cursor = editor.textCursor()
    cursor.setPosition(caret)
    editor.setTextCursor(cursor)
    quote(window, qtbot, "No improvising.")
    assert typed_text(editor.document()) != notes
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Z, CTRL)
    assert typed_text(editor.document()) == notes


def test_a_quote_changed_since_stays_and_the_status_line_says_so(
    window: MainWindow, hid: str, qtbot: Any, notes_path: Path
) -> None:
    editor = focus(qtbot, window.notes_editor)
    cursor = editor.textCursor()
    cursor.setPosition(len("> No"))
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " more")
    changed = f"> No more improvising. [↩\u00a0Q1](#h-{hid})\n\n"
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Z, CTRL)
    assert typed_text(editor.document()) == changed
    assert "you changed it" in window.statusBar().currentMessage()
    data = wait_saved(qtbot, notes_path, lambda d: not d["highlights"])
    assert data["notes"] == changed
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)  # the highlight, no 2nd quote
    assert typed_text(editor.document()) == changed
    assert [h.id for h in window.interview.session.notes.highlights] == [hid]


def test_the_notes_own_undo_and_the_readers_never_make_two_quotes(
    window: MainWindow, hid: str, qtbot: Any
) -> None:
    """The reader's Undo takes the quote; the notes' own Undo (typing history) puts it back;
    the reader's Redo then finds it there and adds no second one."""
    editor = window.notes_editor
    quoted = f"> No improvising. [↩\u00a0Q1](#h-{hid})\n\n"
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Z, CTRL)
    assert typed_text(editor.document()) == ""
    qtbot.keyClick(focus(qtbot, editor), Qt.Key.Key_Z, CTRL)
    assert typed_text(editor.document()) == quoted
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Z, CTRL | SHIFT)
    assert typed_text(editor.document()) == quoted
    assert [h.id for h in window.interview.session.notes.highlights] == [hid]


def test_a_quote_the_notes_undid_is_not_said_to_stay(
    window: MainWindow, hid: str, qtbot: Any
) -> None:
    """The notes' own Undo took the quote first: the reader's Undo then takes the
    highlight and says nothing of a quote that is not there."""
    editor = window.notes_editor
    qtbot.keyClick(focus(qtbot, editor), Qt.Key.Key_Z, CTRL)
    assert typed_text(editor.document()) == ""
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Z, CTRL)
    assert not window.interview.session.notes.highlights
    assert "you changed it" not in window.statusBar().currentMessage()


def test_a_quote_with_emoji_goes_and_comes_whole(film: MainWindow, qtbot: Any) -> None:
    window = film
    activate(window, qtbot)
    assert "🎬🎬 twice" in TEXT
    hid = quote(window, qtbot, "🎬🎬 twice")
    quoted = f"> 🎬🎬 twice [↩\u00a0Q1](#h-{hid})\n\n"
    assert typed_text(window.notes_editor.document()) == quoted
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert typed_text(window.notes_editor.document()) == ""
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert typed_text(window.notes_editor.document()) == quoted


def test_quoting_a_highlight_already_there_is_a_step_ctrl_z_in_the_reader_takes_back(
    window: MainWindow, qtbot: Any
) -> None:
    """It was the notes' own step alone: Ctrl+Z in the reader took back the highlight
    made before, and the quote's link led nowhere."""
    activate(window, qtbot)
    highlight_with_key(window, qtbot, "No improvising.")
    highlight_with_key(window, qtbot, "No improvising.", key=Qt.Key.Key_Q)
    assert "> No improvising." in typed_text(window.notes_editor.document())
    assert window.window_actions.undo.text() == "&Undo Quote in Notes"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert "No improvising." not in typed_text(window.notes_editor.document())
    assert len(window.interview.session.notes.highlights) == 1  # type: ignore[union-attr]
    assert window.window_actions.undo.text() == "&Undo Add Highlight"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert "> No improvising." in typed_text(window.notes_editor.document())


def test_a_quote_of_a_named_speaker_says_whose_words_it_is(
    make_window: Any, qtbot: Any, notes_path: Any
) -> None:
    """Q in a Zoom interview of two people: the link back names the speaker with the
    question, so a quote pasted from the notes into an article still says who said it."""
    from tests.conftest import DATA

    window = make_window(DATA / "transcripts" / "zoom.vtt")
    activate(window, qtbot)
    quote(window, qtbot, "café in Kyōto")
    notes = typed_text(window.notes_editor.document())
    assert "> café in Kyōto [↩\u00a0Kenji Sato (he/him), Q1, 0:10](#h-" in notes
    assert "Kenji Sato (he/him), Q1, 0:10" in window.statusBar().currentMessage()


def test_a_quote_of_a_timed_transcript_says_when_it_was_said(make_window: Any, qtbot: Any) -> None:
    """A writer's notes beside a 90-minute recording: each quote's link gives the time
    its turn starts, to listen again before it goes into print; it gave the question only."""
    from tests.conftest import DATA

    window = make_window(DATA / "journalist" / "okonkwo-otter.txt")
    activate(window, qtbot)
    hid = quote(window, qtbot, "My mum's flat")
    notes = typed_text(window.notes_editor.document())
    assert notes == f"> My mum's flat [↩\u00a0Ade Okonkwo, Q3, 1:02:09](#h-{hid})\n\n"


def test_a_quote_whose_highlight_another_program_deleted_is_left_as_it_is(
    window: MainWindow, qtbot: Any, notes_path: Path
) -> None:
    """Another program deleted the quote's highlight, merged in: Ctrl+Z in the reader
    took the quote out of the notes, and Ctrl+Shift+Z put it back linking to nothing. The
    step does nothing of its highlight any more, so it goes from the history, quote and
    all, as the highlight's own step does."""
    activate(window, qtbot)
    notes_start(window, qtbot, "My notes")
    hid = quote(window, qtbot, "No improvising.")
    quoted = f"My notes\n\n> No improvising. [↩\u00a0Q1](#h-{hid})\n\n"
    assert window.interview.flush()
    theirs = parse(notes_path.read_bytes())
    theirs.highlights = []
    save_notes(notes_path, theirs)
    window.interview.safety.guard.file.check()  # as the watcher's would
    assert not window.interview.session.notes.highlights
    assert window.interview.controller.undo_stack.count() == 0
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert typed_text(window.notes_editor.document()) == quoted
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL | SHIFT)
    assert typed_text(window.notes_editor.document()) == quoted


def follow_chip(window: MainWindow, qtbot: Any) -> str:
    """Ctrl+Enter just after the first line's chip, in the notes: what the status line says."""
    editor = focus(qtbot, window.notes_editor)
    line = editor.document().firstBlock()
    cursor = editor.textCursor()
    cursor.setPosition(line.position() + line.length() - 1)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    return window.statusBar().currentMessage()


def test_a_quote_whose_highlight_was_deleted_says_what_brings_it_back(
    make_window: Any, qtbot: Any, notes_path: Path
) -> None:
    """It said "Edit ▸ Undo brings it back", said in the notes, where Ctrl+Z undoes the
    typing; and after a restart, when no Undo could."""
    window = make_window()
    activate(window, qtbot)
    quote(window, qtbot, "No improvising.")
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Delete)
    assert not window.interview.session.notes.highlights
    assert follow_chip(window, qtbot) == (
        "That quote's highlight was deleted; Ctrl+Z in the interview brings it back."
    )
    wait_saved(qtbot, notes_path, lambda d: not d["highlights"] and d["notes"])
    window.close()
    again = make_window()
    assert follow_chip(again, qtbot) == (
        "That quote's highlight was deleted, and no Undo brings it back: its link leads nowhere."
    )


def test_a_quote_whose_highlight_was_undone_says_redo_brings_it_back(
    window: MainWindow, hid: str, qtbot: Any
) -> None:
    editor = focus(qtbot, window.notes_editor)
    cursor = editor.textCursor()
    cursor.setPosition(len("> No"))
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " more")  # the quote changed: the reader's Undo leaves it
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Z, CTRL)
    assert window.interview.session.highlight(hid) is None
    assert follow_chip(window, qtbot) == (
        "That quote's highlight was undone; Ctrl+Shift+Z in the interview brings it back."
    )


def test_deleting_a_quoted_highlight_says_its_quote_leads_nowhere_now(
    window: MainWindow, hid: str, qtbot: Any
) -> None:
    """Delete in the reader took it silently, the quote's chip in the notes left leading
    nowhere, found out only on following it, perhaps after a restart."""
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Delete)
    assert window.interview.session.highlight(hid) is None
    assert window.statusBar().currentMessage() == (
        "Highlight deleted: its quote in your notes leads nowhere now. Edit ▸ Undo brings it back."
    )


def test_a_quotes_chip_follows_the_questions_numbered_anew_unless_the_user_wrote_it(
    window: MainWindow, hid: str, qtbot: Any
) -> None:
    """The introduction made a question, the passage is in Q2: its chip still said "↩ Q1"
    (in the notes, the preview and every export), over words the outline calls Q2."""
    editor = window.notes_editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText(f"Also: [↩ my own words](#h-{hid})")
    controller = window.interview.controller
    controller.set_role(0, Role.QUESTION)  # as the paragraph's menu corrects it
    assert (
        window.interview.session.place_label(window.interview.session.highlight(hid).start) == "Q2"
    )
    notes = f"> No improvising. [↩\u00a0Q2](#h-{hid})\n\nAlso: [↩ my own words](#h-{hid})"
    assert typed_text(editor.document()) == notes
    qtbot.keyClick(focus(qtbot, window.reader), Qt.Key.Key_Z, CTRL)  # the role back: Q1 again
    assert typed_text(editor.document()) == notes.replace("Q2", "Q1")


@pytest.mark.parametrize("line", [1, 2])  # in the code, on its closing fence
def test_a_quote_taken_with_the_caret_in_a_code_block_goes_after_it(
    window: MainWindow, qtbot: Any, line: int
) -> None:
    """It went inside: the preview and the exports showed it as code, its link back as
    typed, leading nowhere."""
    activate(window, qtbot)
    editor = focus(qtbot, window.notes_editor)
    editor.setPlainText("```\ncode line\n```\nafter")
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(line)))
    hid = quote(window, qtbot, "No improvising.")
    assert typed_text(editor.document()) == (
        f"```\ncode line\n```\n\n> No improvising. [↩\u00a0Q1](#h-{hid})\n\nafter"
    )
