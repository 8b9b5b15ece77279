"""Issue #10 in the window: steady typing is saved, signals flush, nothing fails silently,
unreadable outside edits are kept, moved interviews keep their notes, the preview loads
nothing by itself, and a folder that cannot be written at start-up is not read-only."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import QLockFile, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.core.store import default_notes_path
from reader.ui.notes.preview import NotesPreview
from reader.ui.persistence.saver import NotesSaver
from reader.ui.window.main_window import MainWindow
from reader.ui.window.shutdown import SIGNALS, ShutdownOnSignals
from tests.core.test_cli import run
from tests.ui.test_highlights import highlight_with_key
from tests.ui.test_safety import notes_with, saved

TALK = "Q: Why film?\nA: Because film is patient, and I am not.\nQ: And video?\nA: Too quick.\n"


def test_steady_typing_is_saved_before_a_pause(qtbot, tmp_path: Path) -> None:
    """A change every 0.1 s, never a pause: the old debounce never saved at all."""
    count = [0]
    saver = NotesSaver(tmp_path / "notes.json", lambda: str(count[0]).encode)
    typing = QTimer(interval=100)

    def key() -> None:
        count[0] += 1
        saver.mark_dirty()

    typing.timeout.connect(key)
    typing.start()
    try:
        with qtbot.waitSignal(saver.written, timeout=10_000):
            pass
        assert (tmp_path / "notes.json").exists()
    finally:
        typing.stop()
        saver.shutdown()


def test_a_saver_shut_down_starts_no_write(qtbot, tmp_path: Path) -> None:
    """A change marked, or a failed write's retry due, when the interview closes: the
    timer that would start the write stops with the saver, whose worker is gone."""
    saver = NotesSaver(tmp_path / "notes.json", lambda: lambda: b"{}")
    saver.mark_dirty()
    saver.flush()
    saver.mark_dirty()  # as a failed write's retry leaves it: dirty, the timer running
    saver.shutdown()
    assert not saver._timer.isActive()
    saver.save_soon_now()  # the timeout, had it come: nothing to submit to, nothing done
    assert saver.dirty


@pytest.fixture
def restore_signals() -> Iterator[None]:
    handlers = {number: signal.getsignal(number) for number in SIGNALS}
    yield
    signal.set_wakeup_fd(-1)
    for number, handler in handlers.items():
        signal.signal(number, handler)


@pytest.mark.parametrize("number", SIGNALS)
def test_a_signal_writes_the_notes_and_releases_the_lock(
    make_window, notes_path, qtbot, qapp, restore_signals, number
) -> None:
    window = make_window()
    window.notes_editor.setPlainText("typed just before the logout")
    assert window.interview.saver.dirty
    ShutdownOnSignals(qapp, window.shut_down_now, window.interview.flush).looping = True
    os.kill(os.getpid(), number)
    qtbot.waitUntil(lambda: window.interview.controller is None)
    assert saved(notes_path)["notes"] == "typed just before the logout"
    lock = QLockFile(f"{notes_path}.lock")
    assert lock.tryLock(0)  # released
    lock.unlock()


def test_a_signal_while_a_start_up_question_is_open_closes_it_and_ends_the_app(
    qapp, qtbot, restore_signals
) -> None:
    """Found by the safety review: a logout while a start-up question was open (notes that
    cannot be read) was spent on a `quit` that does nothing before the event loop runs;
    the window then went on with its study closed, deaf to every later signal."""
    ended: list[str] = []
    signals = ShutdownOnSignals(qapp, lambda: ended.append("shut down"), lambda: None)
    question = QMessageBox(QMessageBox.Icon.Question, "Notes", "They cannot be read.")
    QTimer.singleShot(0, lambda: os.kill(os.getpid(), signal.SIGTERM))
    QTimer.singleShot(5000, question.close)  # never waits for ever, should it fail
    question.exec()
    assert signals.before_loop and ended == []  # run_gui shuts down, with no window


def test_commit_data_writes_the_notes(make_window, notes_path) -> None:
    window = make_window()
    window.notes_editor.setPlainText("the session manager asked")
    window.interview.flush()
    assert saved(notes_path)["notes"] == "the session manager asked"


def test_a_failure_while_serialising_is_a_visible_save_error(
    make_window, notes_path, qtbot, dialogs, monkeypatch
) -> None:
    window = make_window()
    saver = window.interview.saver

    def broken() -> bytes:
        raise TypeError("Integer exceeds 64-bit range")

    monkeypatch.setattr(saver, "_prepare", lambda: broken)  # fails in the worker
    window.notes_editor.setPlainText("kept")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    assert "64-bit" in window.banner.text()
    assert any(b.text() == "Save Notes As…" for b in window.banner.buttons)
    assert saver.dirty
    dialogs.button_answer = dialogs.button_answer.Cancel
    window.close()
    assert window.isVisible()  # asked before losing the edits, and the user said no
    monkeypatch.undo()


def test_an_unreadable_outside_edit_is_kept_before_it_is_replaced(
    make_window, notes_path, qtbot
) -> None:
    notes_with(notes_path, ["Rehearsal"], text="mine")
    window = make_window()
    broken = notes_path.read_bytes().replace(b'"notes": "mine"', b'"notes": "hand edit",,')
    notes_path.write_bytes(broken)
    qtbot.waitUntil(lambda: "cannot be read" in window.banner.text(), timeout=5000)
    (kept,) = notes_path.parent.glob("notes.corrupt-*.json")
    assert kept.read_bytes() == broken
    qtbot.waitUntil(lambda: readable(notes_path).get("notes") == "mine", timeout=10_000)
    assert len(list(notes_path.parent.glob("notes.corrupt-*.json"))) == 1


def readable(path: Path) -> dict:
    try:
        return orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError:
        return {}


def test_the_preview_loads_no_local_file(make_window, tmp_path, qtbot) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    window = make_window()
    window.notes_editor.setPlainText(
        f"# Notes\n\n![zero](file:///dev/zero)\n\n![pipe]({fifo.as_uri()})\n\n"
        '<img src="/dev/zero">\n'
    )
    window.window_actions.toggle_preview.setChecked(True)
    qtbot.waitUntil(lambda: window.notes_pane.previewing())
    assert "🖼 zero" in window.notes_pane.preview.toPlainText()
    preview = window.notes_pane.preview
    assert isinstance(preview, NotesPreview)
    image = preview.loadResource(2, fifo.as_uri())
    assert not image.isNull() and image.width() == 16


# Moved and renamed interviews -------------------------------------------------------------


def highlighted_talk(make_window, tmp_path: Path, qtbot) -> Path:
    """talk.txt, opened with its default notes, "patient" highlighted, the window closed."""
    talk = tmp_path / "talk.txt"
    talk.write_text(TALK, "utf-8")
    window = make_window(talk, notes=None)
    highlight_with_key(window, qtbot, "patient")
    window.close()
    return talk


def test_a_moved_interview_keeps_its_notes(make_window, tmp_path, qtbot) -> None:
    first = highlighted_talk(make_window, tmp_path, qtbot)
    moved = tmp_path / "archive" / "renamed talk.txt"
    moved.parent.mkdir()
    first.rename(moved)
    again = make_window(moved, notes=None)
    assert [h.exact for h in again.interview.session.notes.highlights] == ["patient"]
    assert "Found this interview's notes" in again.banner.text()
    assert again.interview.notes_path == default_notes_path(first)


def test_a_moved_and_edited_interview_is_offered_its_notes(
    make_window, tmp_path, qtbot, dialogs
) -> None:
    first = highlighted_talk(make_window, tmp_path, qtbot)
    first.unlink()
    edited = tmp_path / "talk.txt.d" / "talk.txt"
    edited.parent.mkdir()
    edited.write_text(TALK.replace("Too quick", "Far too quick"), "utf-8")
    dialogs.choice_answers.append("Use Those Notes")
    again = make_window(edited, notes=None)
    assert any("moved interview" in text for _, text in dialogs.shown)
    assert [h.exact for h in again.interview.session.notes.highlights] == ["patient"]


def test_a_copy_still_in_place_keeps_notes_of_its_own(make_window, tmp_path, qtbot) -> None:
    highlighted_talk(make_window, tmp_path, qtbot)
    copy = tmp_path / "copy.txt"
    copy.write_text(TALK, "utf-8")
    other = make_window(copy, notes=None)
    assert other.interview.session.notes.highlights == []


def test_the_cli_finds_a_moved_interviews_notes(make_window, tmp_path, qtbot) -> None:
    first = highlighted_talk(make_window, tmp_path, qtbot)
    moved = tmp_path / "moved.txt"
    first.rename(moved)
    result = run(tmp_path, "export", moved, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert b"patient" in result.stdout and b"Found this interview's notes" in result.stderr


def test_a_moved_interviews_notes_are_found_where_the_data_folder_is_read_only(
    make_window, tmp_path, qtbot, monkeypatch
) -> None:
    """Found, they are remembered for next time in the data folder: read-only (a locked
    down machine), the export died in a traceback."""
    from reader.core import notes_location
    from reader.core.document import load_document

    first = highlighted_talk(make_window, tmp_path, qtbot)
    moved = tmp_path / "moved.txt"
    first.rename(moved)

    def read_only(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(notes_location, "atomic_write", read_only)
    found = notes_location.locate_notes(moved, load_document(moved))
    assert found.message.startswith("Found this interview's notes")


def test_save_as_is_remembered_after_a_restart_and_by_the_cli(
    make_window, tmp_path, qtbot, dialogs
) -> None:
    doc = tmp_path / "talk.txt"
    doc.write_text(TALK, "utf-8")
    window = make_window(doc, notes=None)
    elsewhere = tmp_path / "chosen" / "my notes.json"
    dialogs.save_answers.append(str(elsewhere))
    window.window_actions.save_notes_as.trigger()
    highlight_with_key(window, qtbot, "patient")
    qtbot.waitUntil(
        lambda: elsewhere.exists() and bool(saved(elsewhere)["highlights"]), timeout=3000
    )
    window.close()
    again = make_window(doc, notes=None)
    assert again.interview.notes_path == elsewhere
    assert [h.exact for h in again.interview.session.notes.highlights] == ["patient"]
    again.close()
    result = run(tmp_path, "export", doc, "--format", "csv")
    assert result.returncode == 0 and b"patient" in result.stdout, result.stderr


def test_notes_saved_to_a_drive_not_connected_now_are_asked_for_not_replaced(
    make_window, tmp_path, qtbot, dialogs
) -> None:
    """Saved As to a USB stick, unplugged: the data folder's older notes opened without a
    word, and what was typed went there (the safety review's F3). The user is asked:
    the older notes are opened, said, or the notes found where the stick is now."""
    doc = tmp_path / "talk.txt"
    doc.write_text(TALK, "utf-8")
    window = make_window(doc, notes=None)
    default = window.interview.notes_path
    window.notes_editor.setPlainText("old work in the data folder")
    qtbot.waitUntil(lambda: default.exists() and saved(default)["notes"] != "", timeout=10_000)
    stick = tmp_path / "usb" / "my notes.json"
    dialogs.save_answers.append(str(stick))
    window.window_actions.save_notes_as.trigger()
    window.notes_editor.setPlainText("new work on the stick")
    qtbot.waitUntil(lambda: stick.exists() and "stick" in saved(stick)["notes"], timeout=10_000)
    window.close()
    unplugged = stick.parent.rename(tmp_path / "mounted-elsewhere")

    dialogs.choice_answers.append("Open Older Notes")
    again = make_window(doc, notes=None)
    assert "Notes not found" in dialogs.titles()
    assert again.interview.notes_path == default
    assert "cannot be found now" in again.banner.text() and str(stick) in again.banner.text()
    again.close()
    result = run(tmp_path, "export", doc, "--format", "csv")
    assert b"cannot be found now" in result.stderr

    dialogs.choice_answers.append("Locate…")
    dialogs.open_answers.append(str(unplugged / stick.name))
    found = make_window(doc, notes=None)
    assert found.interview.notes_path == unplugged / stick.name
    assert found.notes_editor.toPlainText() == "new work on the stick"


def test_notes_of_the_recent_list_on_a_drive_not_connected_now_are_asked_for(
    make_window, tmp_path, qtbot, dialogs
) -> None:
    """Opened with `--notes` on a USB stick, then started again with no argument after
    the stick was pulled: the notes opened empty without a word, and the stick's folder
    was made again on this disk, the new notes saved there (the data-safety review's
    finding 6)."""
    doc = tmp_path / "talk.txt"
    doc.write_text(TALK, "utf-8")
    stick = tmp_path / "usb" / "P01-notes.json"
    stick.parent.mkdir()
    window = make_window(doc, notes=None)
    assert window.study_actions.open_path(doc, stick)  # as `main.py talk.txt --notes …`
    window.notes_editor.setPlainText("work on the stick")
    qtbot.waitUntil(lambda: stick.exists() and "stick" in saved(stick)["notes"], timeout=10_000)
    window.close()
    unplugged = stick.parent.rename(tmp_path / "mounted-elsewhere")

    dialogs.choice_answers.append("Start Notes Here")
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.study_actions.open_at_start(None, None, doc)
    assert "Notes not found" in dialogs.titles()
    assert "cannot be found now" in again.banner.text() and str(stick) in again.banner.text()
    assert again.interview.notes_path != stick and not stick.parent.exists()
    again.close()

    dialogs.choice_answers.append("Locate…")
    dialogs.open_answers.append(str(unplugged / stick.name))
    found = MainWindow()
    qtbot.addWidget(found)
    assert found.study_actions.open_at_start(None, None, doc)
    assert found.interview.notes_path == unplugged / stick.name
    assert found.notes_editor.toPlainText() == "work on the stick"
    found.close()
    asked = dialogs.titles().count("Notes not found")
    later = MainWindow()  # the notes found are the recent list's now: not asked for again
    qtbot.addWidget(later)
    assert later.study_actions.open_at_start(None, None, doc)
    assert later.interview.notes_path == unplugged / stick.name
    assert dialogs.titles().count("Notes not found") == asked
    found.close()


def test_notes_of_another_interview_still_there_are_asked_about(
    make_window, tmp_path, qtbot, dialogs
) -> None:
    """`--notes notes.json` used for P01, then for P02: P01's highlights were moved onto
    look-alike words of P02 and its research notes taken over, without a word (the
    safety review's F10)."""
    p01, p02 = tmp_path / "P01.txt", tmp_path / "P02.txt"
    p01.write_text(TALK, "utf-8")
    p02.write_text("Q: And you?\nA: The patient was calm, the ward was not.\n", "utf-8")
    shared = tmp_path / "notes.json"
    window = make_window(p01, shared)
    highlight_with_key(window, qtbot, "patient")
    window.close()
    before = shared.read_bytes()

    dialogs.choice_answers.append("Open This Interview's Own Notes")
    own = make_window(p02, shared)
    assert "Notes of another interview" in dialogs.titles()
    assert own.interview.notes_path != shared and own.interview.session.notes.highlights == []
    own.close()
    assert shared.read_bytes() == before

    dialogs.choice_answers.append("Open Them for This One")
    theirs = make_window(p02, shared)
    assert theirs.interview.notes_path == shared


# A folder that cannot be written when the notes open --------------------------------------


def test_a_full_disk_at_start_up_does_not_leave_the_notes_read_only(
    make_window, notes_path, qtbot, monkeypatch
) -> None:
    notes_with(notes_path, ["Rehearsal"])
    monkeypatch.setattr(QLockFile, "tryLock", lambda self, timeout=0: False)
    window = make_window()
    assert not window.interview.saver.read_only and not window.notes_editor.isReadOnly()
    assert "cannot be written now" in window.banner.text()
    assert any(b.text() == "Save Notes As…" for b in window.banner.buttons)
    monkeypatch.undo()  # room again: the next save takes the lock and writes
    window.notes_editor.setPlainText("after the disk was cleared")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "after the disk was cleared")
    qtbot.waitUntil(lambda: "cannot be written" not in window.banner.text())
    assert window.interview.safety.guard.lock.held()


def test_notes_shown_and_styled_are_not_written_again(make_window, notes_path, qtbot) -> None:
    """Qt reports the Markdown styling of the research notes as a change of their contents:
    neither styling them once shown nor again at another size tells the saver, so nothing
    says "Saving…" and the file stays as it was; a real edit is written."""
    notes_with(notes_path, ["wild"], "# Themes\n\nSome **bold** words and a list:\n\n- one")
    before = notes_path.stat()
    window = make_window(notes=notes_path)
    saver, editor = window.interview.saver, window.notes_editor
    states: list[str] = []
    saver.stateChanged.connect(lambda state, _detail: states.append(state))

    def heading_size() -> float:
        (heading, *_) = editor.document().firstBlock().layout().formats() or [None]
        return heading.format.fontPointSize() if heading is not None else 0

    qtbot.waitUntil(lambda: heading_size() > 0)  # styled after the first paint
    QApplication.processEvents()  # anything Qt queued after the styling
    assert states == [] and not saver.dirty and window.save_label.text() == "Saved"
    styled = heading_size()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # Zoom In
    assert heading_size() > styled  # styled again
    QApplication.processEvents()
    assert states == [] and not saver.dirty and window.save_label.text() == "Saved"
    after = notes_path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    qtbot.keyClicks(editor, "!")  # a real edit is written
    assert states == ["saving"]
    qtbot.waitUntil(lambda: notes_path.stat().st_ino != before.st_ino, timeout=5000)
    assert saved(notes_path)["notes"].count("!") == 1
