"""The study memo in the window (reader/ui/memo/): Ctrl+7 shows it in the notes pane,
typing is on disk in memo.md soon after, Q quotes into it with a link that opens the
interview at the passage, a second window has it read-only, a change made on disk joins
what is typed."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.core.interview import Role
from reader.core.study_memo import quoted_passage
from reader.ui.typed_text import typed_text
from reader.ui.window.main_window import MainWindow
from tests.ui.test_highlights import highlight_with_key
from tests.ui.test_read_only_undo import activate
from tests.ui.test_safety import delete_line

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def memo_file(folder: Path) -> Path:
    return folder / "memo.md"


def on_disk(qtbot: Any, folder: Path, text: str) -> None:
    def written() -> bool:
        return memo_file(folder).is_file() and memo_file(folder).read_text("utf-8") == text

    qtbot.waitUntil(written, timeout=5000)


def open_memo(window: MainWindow, qtbot: Any) -> None:
    activate(window, qtbot)  # keys reach an active window's actions
    qtbot.keyClick(window.reader, Qt.Key.Key_7, CTRL)  # View ▸ Study Memo
    qtbot.waitUntil(window.notes_editor.hasFocus)
    assert window.notes_pane.showing_memo() and window.window_actions.study_memo.isChecked()


def test_ctrl_7_shows_the_memo_and_what_is_typed_is_saved_to_memo_md(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    pane, editor = window.notes_pane, window.notes_editor
    assert pane.tabs.isVisible() and pane.tabs.tabText(1) == "Study memo"
    qtbot.keyClicks(editor, "Interview notes")  # the open interview's own
    open_memo(window, qtbot)
    assert editor.toPlainText() == "" and editor.accessibleName() == "Study memo"
    assert window.notes_label.text() == f"Study memo: {memo_file(folder)}"
    qtbot.keyClicks(editor, "## Themes")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Nights feel longer")
    editor.insertPlainText(" 🌙")  # as a paste: QTest types ASCII only
    on_disk(qtbot, folder, "## Themes\nNights feel longer 🌙")
    assert "Study memo" not in (folder / "notes").iterdir().__next__().read_text("utf-8")
    qtbot.keyClick(editor, Qt.Key.Key_7, CTRL)  # again: the interview's notes
    assert not pane.showing_memo() and editor.toPlainText() == "Interview notes"
    assert window.notes_label.text().startswith(f"Notes: {folder / 'notes'}")
    assert pane.tabs.currentIndex() == 0
    pane.tabs.setCurrentIndex(1)  # the tab does as the key does
    assert pane.showing_memo() and editor.toPlainText().startswith("## Themes")
    window.switcher.step(1)  # another interview: the memo stays in view
    qtbot.waitUntil(lambda: window.switcher.current.startswith("p02"))
    assert pane.showing_memo() and editor.toPlainText().startswith("## Themes")
    assert window.notes_label.text().startswith("Study memo: ")
    pane.tabs.setCurrentIndex(0)
    assert editor.toPlainText() == ""  # the second interview's notes, none yet


def test_the_memo_is_written_on_closing_and_read_on_opening_again(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    window.notes_pane.show_memo(True)
    window.notes_editor.insertPlainText("Typed just before closing.")
    window.close()  # no time for the autosave: written as the study closes
    assert memo_file(folder).read_text("utf-8") == "Typed just before closing."
    again = make_study_window(folder)
    again.notes_pane.show_memo(True)
    assert again.notes_editor.toPlainText() == "Typed just before closing."


def test_q_quotes_into_the_memo_with_a_link_that_opens_the_interview(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    open_memo(window, qtbot)
    highlight_with_key(window, qtbot, "coffee and the handover", key=Qt.Key.Key_Q)
    (highlight,) = window.interview.session.notes.highlights
    entry = window.study.study.interview(window.switcher.current)
    target = f"interview:{entry.id}#h-{highlight.id}"
    memo = typed_text(window.notes_editor.document())
    assert memo == f"> coffee and the handover [↩\u00a0{entry.title}, Q1]({target})\n\n"
    assert quoted_passage(target) == (entry.id, highlight.id)
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    # Named where it went (it said "Quote in Notes": the undo review).
    assert window.window_actions.undo.text() == "&Undo Quote in Memo"
    on_disk(qtbot, folder, memo)
    window.interview.notes_data()
    assert window.interview.research_notes() == ""  # the interview's notes took nothing
    window.switcher.step(1)
    qtbot.waitUntil(lambda: window.switcher.current != entry.id)
    window.notes_pane.linkActivated.emit(target)  # a click on the link in the preview
    qtbot.waitUntil(lambda: window.switcher.current == entry.id)
    assert window.reader.current_highlight_id == highlight.id
    window.window_actions.toggle_preview.setChecked(True)  # the preview shows the memo's quote
    assert "coffee and the handover" in window.notes_pane.preview.toPlainText()
    window.notes_pane.linkActivated.emit("interview:gone-00000000#h-x")
    assert "no longer in the study" in window.statusBar().currentMessage()


def test_a_memo_quotes_chip_follows_its_interview_renumbered(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Its question made an aside, the passage is in the introduction: the memo's chip
    still said "Q1" over it; undone in the reader, the chip says "Q1" again."""
    window = make_study_window(folder)
    open_memo(window, qtbot)
    highlight_with_key(window, qtbot, "coffee", key=Qt.Key.Key_Q)
    current = window.switcher.current
    title = window.study.study.interview(current).title
    memo = typed_text(window.notes_editor.document())
    assert f"[↩\u00a0{title}, Q1](" in memo
    window.switcher.step(1)  # and back: the chips of the one opened again follow too
    qtbot.waitUntil(lambda: window.switcher.current != current)
    window.switcher.step(-1)
    qtbot.waitUntil(lambda: window.switcher.current == current)
    window.interview.controller.set_role(0, Role.ASIDE)
    assert typed_text(window.notes_editor.document()) == memo.replace("Q1", "Intro")
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)
    assert typed_text(window.notes_editor.document()) == memo


def test_a_memo_quotes_chip_follows_its_interview_opened_again(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Quoted, left for another interview and opened again: its question made an aside,
    the memo's chip went on saying "Q1"."""
    window = make_study_window(folder)
    open_memo(window, qtbot)
    first = window.switcher.current
    highlight_with_key(window, qtbot, "coffee", key=Qt.Key.Key_Q)
    memo = typed_text(window.notes_editor.document())
    assert "Q1](" in memo
    window.switcher.step(1)
    qtbot.waitUntil(lambda: window.switcher.current != first)
    window.switcher.step(-1)
    qtbot.waitUntil(lambda: window.switcher.current == first)
    window.interview.controller.set_role(0, Role.ASIDE)
    assert typed_text(window.notes_editor.document()) == memo.replace("Q1", "Intro")


def test_a_second_window_has_the_memo_read_only(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    memo_file(folder).write_text("Shared memo\n", encoding="utf-8")
    first = make_study_window(folder)
    second = make_study_window(folder)  # the study is the first window's
    open_memo(second, qtbot)
    editor = second.notes_editor
    assert editor.toPlainText() == "Shared memo\n" and editor.isReadOnly()
    assert not second.window_actions.bold.isEnabled()
    qtbot.keyClicks(editor, "lost?")
    assert editor.toPlainText() == "Shared memo\n"
    second.notes_pane.show_memo(False)  # the interview's notes, read-only as the study
    open_memo(first, qtbot)
    assert not first.notes_editor.isReadOnly()


def test_a_change_made_on_disk_joins_what_is_typed(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    memo_file(folder).write_text("one\ntwo\nthree\n", encoding="utf-8")
    window = make_study_window(folder)
    open_memo(window, qtbot)
    editor = window.notes_editor
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    qtbot.keyClicks(editor, "ONE ")  # typed at the top...
    memo_file(folder).write_text("one\ntwo\nthree\nfour, from a sync tool\n", "utf-8")
    on_disk(qtbot, folder, "ONE one\ntwo\nthree\nfour, from a sync tool\n")  # ...both kept
    assert editor.toPlainText() == "ONE one\ntwo\nthree\nfour, from a sync tool\n"
    # The memo as it was before this session is kept with the interviews' backups.
    backups = folder / "notes" / "backups"
    qtbot.waitUntil(lambda: backups.is_dir() and any(backups.glob("memo.*.md")))
    (backup,) = backups.glob("memo.*.md")
    assert backup.read_text("utf-8") == "one\ntwo\nthree\n"


def typed_in_memo(make_study_window: Any, folder: Path, qtbot: Any) -> MainWindow:
    """A window on the study whose memo held "one", "typed here" typed after it, saved."""
    memo_file(folder).write_text("one\n", encoding="utf-8")
    window = make_study_window(folder)
    open_memo(window, qtbot)
    window.notes_editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.notes_editor, "typed here")
    on_disk(qtbot, folder, "one\ntyped here")
    return window


def test_lines_an_older_copy_takes_out_of_the_memo_are_kept_in_a_backup(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """A newer-wins sync brought another machine's older memo: the line typed here since
    went, and only a status line said the memo changed (the safety review's F2)."""
    window = typed_in_memo(make_study_window, folder, qtbot)
    editor = window.notes_editor
    memo_file(folder).write_text("one\nfrom the laptop\n", "utf-8")
    qtbot.waitUntil(lambda: "from the laptop" in editor.toPlainText(), timeout=5000)
    assert "1 line of yours went" in window.banner.text()
    backups = (folder / "notes" / "backups").glob("memo.*.md")
    assert any(b.read_text("utf-8") == "one\ntyped here" for b in backups)


@pytest.mark.parametrize("rescued", [True, False])
def test_lines_of_the_memo_are_never_taken_out_where_nothing_could_keep_them(
    make_study_window: Any, folder: Path, qtbot: Any, monkeypatch: Any, rescued: bool
) -> None:
    """A full disk: the line typed here went from the editor, memo.md and every backup,
    the banner saying it was in a backup. It is kept in a rescue copy (offered when the
    study opens again), or, where that cannot be written either, not taken out."""
    from reader.core import backups

    def full(*_args: object, **_kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    window = typed_in_memo(make_study_window, folder, qtbot)
    editor = window.notes_editor
    monkeypatch.setattr(backups, "make_backup", full)
    if not rescued:
        monkeypatch.setattr(backups, "rescue_copy", lambda *_args: None)
    memo_file(folder).write_text("one\nfrom the laptop\n", "utf-8")
    qtbot.waitUntil(lambda: "from the laptop" in editor.toPlainText(), timeout=5000)
    said = window.banner.text()
    assert "in a backup" not in said
    if rescued:
        assert "1 line of yours went" in said
        assert "could not be backed up (No space left on device)" in said
        copy = Path(said.split("a copy of it is kept as ", 1)[1].split(".md.", 1)[0] + ".md")
        assert copy.read_text("utf-8") == "one\ntyped here"
    else:
        assert "typed here" in editor.toPlainText() and "of yours went" not in said
        qtbot.waitUntil(lambda: "typed here" in memo_file(folder).read_text("utf-8"))


def test_a_memo_that_is_not_text_is_left_alone(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    memo_file(folder).write_bytes(b"caf\xe9 in Latin-1")
    window = make_study_window(folder)
    open_memo(window, qtbot)
    assert window.notes_editor.isReadOnly()
    said = [window.banner.text(), *(text for text, _ in window.banner._waiting)]
    assert any("study memo is read-only" in text and "not UTF-8" in text for text in said)
    window.close()
    assert memo_file(folder).read_bytes() == b"caf\xe9 in Latin-1"


def test_no_study_no_memo(window: MainWindow, qtbot: Any) -> None:
    """A lone interview has no memo: no tabs, the action greyed out saying why."""
    assert not window.notes_pane.tabs.isVisible()
    assert not window.window_actions.study_memo.isEnabled()
    assert "Open a study first" in window.window_actions.study_memo.toolTip()
    window.notes_pane.show_memo(True)
    assert not window.notes_pane.showing_memo()


def test_a_memo_the_disk_refuses_is_kept_asked_about_and_rescued(
    make_study_window: Any, folder: Path, qtbot: Any, dialogs: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    """A full disk: the banner says so and saving is tried again; closing asks, and the
    words go to a rescue copy in the data folder, never lost."""
    from reader.ui.persistence import saver

    window = make_study_window(folder)
    open_memo(window, qtbot)

    write = saver.atomic_write

    def full(path: Path, data: bytes, **kwargs: Any) -> None:
        if path.name != "memo.md":  # the interview's notes are written
            return write(path, data, **kwargs)
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(saver, "atomic_write", full)
    qtbot.keyClicks(window.notes_editor, "Words worth keeping")
    qtbot.waitUntil(lambda: "study memo could not be saved" in window.banner.text())
    dialogs.button_answer = dialogs.button_answer.Cancel
    window.close()
    assert window.isVisible() and "Study memo not saved" in dialogs.titles()
    dialogs.button_answer = dialogs.button_answer.Discard
    window.close()
    (rescued,) = (tmp_path / "xdg-data").rglob("*memo*.md")
    assert rescued.read_text("utf-8") == "Words worth keeping"
    assert not memo_file(folder).exists()


def test_switching_interviews_leaves_the_memos_caret_and_the_notes_place(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """The places kept for each interview (reading/places.py) are its notes', never the
    memo's: switching while the memo shows moves neither caret."""
    window = make_study_window(folder)
    pane, editor = window.notes_pane, window.notes_editor
    editor.insertPlainText("P01's notes")
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    pane.show_memo(True)
    editor.insertPlainText("The memo, caret at its end")
    first = window.switcher.current
    for _ in range(2):  # away and back: the first interview's place is put back
        window.switcher.step(1 if window.switcher.current == first else -1)
        qtbot.waitUntil(lambda: pane.showing_memo() and window.interview.session is not None)
    qtbot.waitUntil(lambda: window.switcher.current == first)
    assert editor.textCursor().position() == len("The memo, caret at its end")
    pane.show_memo(False)
    assert editor.toPlainText() == "P01's notes"


def test_closing_the_study_writes_the_memo_and_the_pane_goes_back_to_the_notes(
    make_study_window: Any, folder: Path, qtbot: Any, tmp_path: Path
) -> None:
    window = make_study_window(folder)
    pane = window.notes_pane
    pane.show_memo(True)
    window.notes_editor.insertPlainText("Closing soon")
    other = tmp_path / "Other study"
    other.mkdir()
    (other / "P1.txt").write_text("Q: Why?\nA: Because.\n", encoding="utf-8")
    assert window.study_actions.open_path(other)  # this study closes, the other opens
    assert memo_file(folder).read_text("utf-8") == "Closing soon"
    assert not pane.showing_memo() and not window.window_actions.study_memo.isChecked()
    open_memo(window, qtbot)  # the other study's memo, empty
    assert window.notes_editor.toPlainText() == ""
    window.study_actions.close()
    assert not pane.tabs.isVisible() and not pane.showing_memo()
    assert not memo_file(other).exists()  # nothing typed: no file made


def test_ctrl_shift_t_in_the_memo_names_the_interview_and_its_link_plays_it(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """A time in the memo says whose recording it is, and its link opens that interview
    and plays from the time, whichever interview is open when it is followed."""
    from tests.ui.media_files import write_wav
    from tests.ui.test_recording import moved_to

    write_wav(folder / "P01 Ana.wav")  # found beside P01's transcript
    window = make_study_window(folder)
    moved_to(qtbot, window, 12_300)
    open_memo(window, qtbot)
    editor, pane = window.notes_editor, window.notes_pane
    qtbot.keyClick(editor, Qt.Key.Key_T, CTRL | SHIFT)
    entry = window.study.study.interview(window.switcher.current)
    link = f"[▶ P01 Ana, 0:12](interview:{entry.id}#t=12.3) "
    assert editor.toPlainText() == link
    assert window.statusBar().currentMessage() == "Inserted 0:12 in the study memo."
    on_disk(qtbot, folder, link)
    qtbot.keyClick(editor, Qt.Key.Key_7, CTRL)  # the interview's notes: a time as ever
    qtbot.keyClick(editor, Qt.Key.Key_T, CTRL | SHIFT)
    assert editor.toPlainText() == "[▶ 0:12](#t=12.3) "
    assert window.statusBar().currentMessage() == "Inserted 0:12 in your notes."
    window.recording.seek(0)
    window.switcher.step(1)  # another interview, without a recording
    qtbot.waitUntil(lambda: window.switcher.current != entry.id)
    pane.show_memo(True)
    window.window_actions.toggle_preview.setChecked(True)
    pane.preview.anchorClicked.emit(QUrl(f"interview:{entry.id}#t=12.3"))  # a click on it
    qtbot.waitUntil(lambda: window.switcher.current == entry.id)

    def playing_from_the_time() -> bool:
        player = window.recording.player
        return player is not None and player.is_playing() and player.position() >= 12_300

    qtbot.waitUntil(playing_from_the_time)
    window.recording.pause()


def test_ctrl_shift_t_in_a_memo_that_cannot_be_written_says_why(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """A memo.md that is not UTF-8 is shown read-only: a time is not put in it, and the
    status line says why, as for any other change refused."""
    from tests.ui.media_files import write_wav
    from tests.ui.test_recording import moved_to

    memo_file(folder).write_bytes(b"caf\xe9 in Latin-1")
    write_wav(folder / "P01 Ana.wav")
    window = make_study_window(folder)
    moved_to(qtbot, window, 12_300)
    open_memo(window, qtbot)
    editor = window.notes_editor
    shown = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_T, CTRL | SHIFT)
    said = window.statusBar().currentMessage()
    assert said.startswith("The study memo is read-only: ") and "not UTF-8" in said
    assert editor.toPlainText() == shown
    window.close()
    assert memo_file(folder).read_bytes() == b"caf\xe9 in Latin-1"


def test_q_into_a_memo_that_cannot_be_written_says_why(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Q makes the highlight, as always; the quote is not put in a memo shown read-only,
    and the status line says why instead of nothing."""
    memo_file(folder).write_bytes(b"caf\xe9 in Latin-1")
    window = make_study_window(folder)
    open_memo(window, qtbot)
    shown = window.notes_editor.toPlainText()
    highlight_with_key(window, qtbot, "coffee and the handover", key=Qt.Key.Key_Q)
    assert [h.exact for h in window.interview.session.notes.highlights] == [
        "coffee and the handover"
    ]
    said = window.statusBar().currentMessage()
    assert said.startswith("Not quoted. The study memo is read-only: ") and "not UTF-8" in said
    assert window.notes_editor.toPlainText() == shown
    window.close()
    assert memo_file(folder).read_bytes() == b"caf\xe9 in Latin-1"


def test_switching_tabs_restyles_the_memo_but_edits_nothing(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Qt reports the memo's Markdown styling as a change of its contents: only a change
    of its words tells the Search panel, the word count and the memo's saver."""
    memo_file(folder).write_text("# Themes\n\nSome **bold** words.\n", encoding="utf-8")
    before = memo_file(folder).stat()
    window = make_study_window(folder)
    said: list[bool] = []
    window.notes_pane.memoEdited.connect(lambda: said.append(True))
    open_memo(window, qtbot)
    for _ in range(2):
        qtbot.keyClick(window.notes_editor, Qt.Key.Key_7, CTRL)  # the interview's, the memo
        qtbot.keyClick(window.reader, Qt.Key.Key_7, CTRL)
        qtbot.waitUntil(window.notes_pane.showing_memo)
        QApplication.processEvents()  # Qt's queued styling of the memo shown again
    assert said == [] and window.save_label.text() == "Saved"
    after = memo_file(folder).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    qtbot.keyClicks(window.notes_editor, "!")
    assert said == [True]


@pytest.mark.permissions
def test_a_read_only_memo_md_is_not_replaced(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """memo.md made read-only (chmod 444) in a study folder that can be written: the
    memo's save fails and says so, and memo.md stays as it was."""
    memo_file(folder).write_text("Archived memo.", "utf-8")
    memo_file(folder).chmod(0o444)
    try:
        window = make_study_window(folder)
        open_memo(window, qtbot)
        window.notes_editor.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(window.notes_editor, " More")
        qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=5000)
        assert "Permission denied" in window.save_label.text()
        assert memo_file(folder).read_text("utf-8") == "Archived memo."
    finally:
        memo_file(folder).chmod(0o644)


def test_the_read_only_window_follows_lines_the_other_window_deletes_from_the_memo(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """The read-only window, shown a line the other window took out of the memo, said in
    its banner, in place of why it was read-only, that "another program" had changed the
    memo and a line "of yours" went, kept in a backup it wrote (of nothing of its own)."""
    memo_file(folder).write_text("one\ntwo\nthree\n", encoding="utf-8")
    first, second = make_study_window(folder), make_study_window(folder)
    open_memo(first, qtbot)
    open_memo(second, qtbot)
    first.notes_editor.moveCursor(first.notes_editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(first.notes_editor, "four")
    assert first.study_actions.memo_saved()
    qtbot.waitUntil(lambda: "four" in second.notes_editor.toPlainText(), timeout=5000)
    assert second.statusBar().currentMessage() == "Updated from the other window."
    backups = folder / "notes" / "backups"
    kept = sorted(backups.iterdir())  # the first window's, as the memo was
    delete_line(first, qtbot, 1)
    assert first.study_actions.memo_saved()
    qtbot.waitUntil(lambda: second.notes_editor.toPlainText() == "one\nthree\nfour", timeout=5000)
    assert "another Interview Reader window" in second.banner.text()
    assert second.statusBar().currentMessage() == "Updated from the other window."
    assert sorted(backups.iterdir()) == kept
