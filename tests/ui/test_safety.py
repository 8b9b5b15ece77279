"""Data safety as a user meets it: locks, backups, outside changes, bad files, full disks."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

import reader.ui.persistence.saver
from reader.core import backups
from reader.core.annotations import make_highlight
from reader.core.document import load_document
from reader.core.notes_file import NotesData, parse, serialise
from reader.core.store import save_notes
from reader.ui.window.main_window import MainWindow
from tests.conftest import BUNDLED
from tests.ui.test_highlights import highlight_with_key
from tests.ui.test_read_only_undo import activate


def saved(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def notes_with(path: Path, words: list[str], text: str = "") -> NotesData:
    """A notes file for the bundled interview with highlights on `words`."""
    document = load_document(BUNDLED)
    highlights = []
    for word in words:
        start = document.text.index(word)
        highlights.append(make_highlight(document.text, start, start + len(word)))
    notes = NotesData(document=document.meta(), highlights=highlights, notes=text)
    save_notes(path, notes)
    return notes


# Bad notes files: the app starts, the original bytes are kept -------------------------

BAD_FILES = {
    "truncated": lambda: serialise(NotesData(document={}))[:40],
    "invalid-utf8": lambda: b'{"format": "interview-reader-notes", "notes": "\xff\xfe"}',
    "wrong-types": lambda: orjson.dumps(
        {
            "format": "interview-reader-notes",
            "version": 1,
            "document": [],
            "colors": 1,
            "notes": 2,
            "highlights": {},
        }
    ),
    "deeply-nested": lambda: b"[" * 100_000 + b"]" * 100_000,
    "empty": lambda: b"",
    "binary": lambda: bytes(range(256)) * 10,
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_notes_file_is_set_aside_and_app_starts(make_window, notes_path, dialogs, kind):
    original = BAD_FILES[kind]()
    notes_path.write_bytes(original)
    window = make_window()
    assert window.interview.controller is not None
    (aside,) = notes_path.parent.glob("notes.corrupt-*.json")
    assert aside.read_bytes() == original
    assert [k for k, _ in dialogs.shown] == ["ask"]
    assert "Started with empty notes" in window.banner.text()


@pytest.mark.parametrize(
    "bad",
    [{"end": 3, "start": 9}, {"start": -1}, {"start": 1.5}, {"exact": ""}, {"id": 7}],
)
def test_a_bad_highlight_is_left_out_and_the_rest_of_the_notes_open(
    make_window, notes_path, dialogs, qtbot, bad: dict
) -> None:
    """One bad highlight (a hand edit, another tool) set the whole file aside: the notes
    opened empty, the research notes and every other highlight out of sight (the safety
    review's F6). Now it alone is left out, the file as it was kept beside the notes."""
    notes_with(notes_path, ["Rehearsal", "scripted"], text="my precious notes")
    data = saved(notes_path)
    data["highlights"][0].update(bad)
    original = orjson.dumps(data)
    notes_path.write_bytes(original)
    window = make_window()
    assert window.notes_editor.toPlainText() == "my precious notes"
    assert [h.exact for h in window.interview.session.notes.highlights] == ["scripted"]
    assert "1 highlight of the notes could not be read" in window.banner.text()
    assert not any(kind == "ask" for kind, _ in dialogs.shown)
    (aside,) = notes_path.parent.glob("notes.corrupt-*.json")
    assert aside.read_bytes() == original
    qtbot.waitUntil(lambda: len(saved(notes_path)["highlights"]) == 1)


def test_notes_saved_as_utf16_by_an_editor_are_read(make_window, notes_path) -> None:
    notes_with(notes_path, ["Rehearsal"], text="notes in UTF-16")
    notes_path.write_bytes(notes_path.read_text("utf-8").encode("utf-16"))  # with its BOM
    window = make_window()
    assert window.notes_editor.toPlainText() == "notes in UTF-16"
    assert [h.exact for h in window.interview.session.notes.highlights] == ["Rehearsal"]


def test_huge_bad_notes_file_is_kept(make_window, notes_path, dialogs) -> None:
    original = b'{"format": "interview-reader-notes", "notes": "' + b"x" * 100_000_000
    notes_path.write_bytes(original)
    make_window()
    (aside,) = notes_path.parent.glob("notes.corrupt-*.json")
    assert aside.stat().st_size == len(original)


def test_bad_notes_file_can_open_latest_backup(make_window, notes_path, dialogs) -> None:
    notes_with(notes_path, ["Rehearsal"], text="from the backup")
    backups.backup_file(notes_path)
    notes_path.write_bytes(b"{garbage")
    dialogs.choice_answers.append("Open Latest Backup")
    window = make_window()
    assert window.notes_editor.toPlainText() == "from the backup"
    assert len(window.interview.session.notes.highlights) == 1


# A missing notes file whose backups held notes: deleted or moved away since -------------


def test_a_deleted_notes_file_offers_its_latest_backup(make_window, notes_path, dialogs, qtbot):
    notes_with(notes_path, ["Rehearsal"], text="written before")
    backups.backup_file(notes_path)
    notes_path.unlink()  # deleted while the app was closed
    window = make_window()  # the first choice, Open Latest Backup
    assert dialogs.titles() == ["Notes file missing"]
    assert "holds 1 highlight and 2 words of notes" in dialogs.shown[0][1]
    assert window.notes_editor.toPlainText() == "written before"
    assert len(window.interview.session.notes.highlights) == 1
    assert "the notes file was missing" in window.banner.text()
    qtbot.waitUntil(notes_path.exists)  # written again at once, as it was
    assert saved(notes_path)["notes"] == "written before"


def test_starting_empty_instead_is_not_asked_again(make_window, notes_path, dialogs, qtbot):
    notes_with(notes_path, ["Rehearsal"], text="written before")
    backups.backup_file(notes_path)
    notes_path.unlink()
    dialogs.choice_answers.append("Start Empty")
    window = make_window()
    assert window.interview.session.notes.highlights == []
    qtbot.waitUntil(notes_path.exists)  # the empty notes, so the question is not repeated
    window.close()
    make_window()
    assert dialogs.titles() == ["Notes file missing"]  # once
    assert any(b.highlights == 1 for b in backups.list_backups(notes_path))  # kept


def test_no_question_for_a_new_interview_or_notes_cleared_before(make_window, notes_path, dialogs):
    make_window()  # no notes file, no backups: a new interview
    notes_with(notes_path, [])  # emptied on purpose: its latest backup holds nothing
    backups.backup_file(notes_path)
    notes_path.unlink()
    make_window()
    assert dialogs.titles() == []


def test_notes_set_aside_then_started_empty_are_not_taken_for_deleted(
    make_window, notes_path, dialogs
):
    notes_with(notes_path, ["Rehearsal"], text="written before")
    backups.backup_file(notes_path)
    notes_path.write_bytes(b"{garbage")
    dialogs.choice_answers.append("Start Empty")
    make_window().close()  # nothing typed: the empty notes are written all the same
    make_window()
    assert dialogs.titles() == ["Notes file set aside"]


def test_a_backup_name_that_is_no_time_is_not_one(make_window, notes_path, dialogs) -> None:
    (notes_path.parent / "backups").mkdir()
    (notes_path.parent / "backups" / "notes.20261340-000000.json").write_text("{}")
    window = make_window()  # no notes file: a new interview, nothing to offer
    assert dialogs.titles() == [] and window.interview.controller is not None


def test_bad_notes_file_quit_choice_opens_nothing(make_window, notes_path, dialogs, qtbot):
    notes_path.write_bytes(b"{garbage")
    dialogs.choice_answers.append("Quit")
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.open_document(BUNDLED, notes_path)


def test_newer_version_opens_read_only_and_is_never_written(make_window, notes_path, qtbot):
    notes_with(notes_path, ["Rehearsal"], text="future notes")
    data = saved(notes_path)
    data["version"] = 99
    data["future_key"] = {"x": 1}
    original = orjson.dumps(data)
    notes_path.write_bytes(original)
    window = make_window()
    assert window.interview.saver.read_only and "read-only" in window.windowTitle()
    assert "newer" in window.banner.text()
    assert window.notes_editor.toPlainText() == "future notes"
    assert window.notes_editor.isReadOnly()
    window.close()
    assert notes_path.read_bytes() == original


# One writer at a time ------------------------------------------------------------------


def test_a_newer_version_written_while_open_makes_the_notes_read_only(
    make_window, notes_path, qtbot
) -> None:
    """A newer build (on another machine, through a sync tool) wrote the notes while they
    were open here: they were set aside as unreadable and written over in the older
    format. As when such a file opens, it is left as it is; these notes go read-only."""
    notes_with(notes_path, ["Rehearsal"], text="ours")
    window = make_window()
    data = saved(notes_path)
    data["version"], data["notes"] = 99, "from a newer build"
    newer = orjson.dumps(data)
    notes_path.write_bytes(newer)
    qtbot.waitUntil(lambda: window.interview.saver.read_only, timeout=5000)
    assert "newer" in window.banner.text() and "read-only" in window.banner.text()
    assert "newer" not in window.interview.why_read_only()  # the file's cause, worded once
    assert window.interview.why_read_only().startswith("These notes are read-only: their file")
    highlight_with_key(window, qtbot, "scripted")  # refused: nothing could be saved
    window.close()
    assert notes_path.read_bytes() == newer
    assert not list(notes_path.parent.glob("*.corrupt-*"))


def test_second_window_on_same_notes_is_read_only(make_window, notes_path) -> None:
    first = make_window()
    assert not first.interview.saver.read_only
    second = make_window()
    assert second.interview.saver.read_only
    assert "another Interview Reader" in second.banner.text()
    first.close()


def test_a_window_left_read_only_takes_the_notes_once_the_other_has_crashed(
    make_window, notes_path, qtbot
) -> None:
    """Another window's process killed: its lock stayed, and this window said another had
    the notes until it was closed and opened again (the safety review's F8). Coming back
    to the app, it takes them."""
    notes_with(notes_path, ["Rehearsal"])
    with lock_held_by_a_process(Path(f"{notes_path}.lock")) as holder:
        window = make_window()
        assert window.interview.saver.read_only
    assert holder.returncode is not None
    states = QApplication.instance().applicationStateChanged
    states.emit(Qt.ApplicationState.ApplicationInactive)  # the user away, then back
    states.emit(Qt.ApplicationState.ApplicationActive)
    qtbot.waitUntil(lambda: not window.interview.saver.read_only, timeout=10_000)
    window.notes_editor.setPlainText("written after the crash")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "written after the crash")


def test_a_window_watched_while_the_other_is_killed_takes_the_notes_by_itself(
    make_window, notes_path, qtbot
) -> None:
    """A researcher looking at the read-only window, or typing into it, while the other
    window was killed: it said another window edited the notes until they left the app and
    came back. It takes them by itself now, says so, and keeps what it showed."""
    notes_with(notes_path, ["Rehearsal"], text="saved by the other window\n")
    with lock_held_by_a_process(Path(f"{notes_path}.lock")):
        window = make_window()
        assert window.interview.read_only and "is editing these notes" in window.banner.text()
    qtbot.waitUntil(lambda: not window.interview.read_only, timeout=10_000)
    assert "ended without closing these notes" in window.banner.text()
    assert "(read-only)" not in window.windowTitle() and not window.notes_editor.isReadOnly()
    assert window.notes_editor.toPlainText() == "saved by the other window\n"
    assert len(window.interview.session.notes.highlights) == 1
    window.notes_editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.notes_editor, "typed here")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "saved by the other window\ntyped here")
    assert len(saved(notes_path)["highlights"]) == 1


@contextlib.contextmanager
def lock_held_by_a_process(lock: Path) -> Iterator[subprocess.Popen]:
    """`lock` taken by another process (another window, as far as Qt can tell), which is
    killed (SIGKILL: its lock file stays) at the end of the block."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_LOCK, str(lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        yield holder
    finally:
        holder.kill()
        holder.wait()
    assert lock.exists()


HOLD_A_LOCK = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
print("locked", flush=True)
sys.stdin.read()
"""


def test_the_second_window_follows_the_first_and_writes_once_it_closes(
    make_window, notes_path, qtbot
) -> None:
    """It stayed read-only after the first closed (only reopening helped), and each of the
    first window's saves replaced the banner's reason with "Merged changes from another
    program"."""
    notes_with(notes_path, ["Rehearsal"], text="start\n")
    first, second = make_window(), make_window()
    first.notes_editor.insertPlainText("from the first ")
    qtbot.waitUntil(lambda: "from the first" in second.notes_editor.toPlainText(), timeout=5000)
    assert "another Interview Reader" in second.banner.text()  # the reason stays
    assert second.statusBar().currentMessage() == "Updated from the other window."
    first.close()
    qtbot.waitUntil(lambda: not second.interview.read_only, timeout=5000)
    assert "you can edit them here now" in second.banner.text()
    assert not second.notes_editor.isReadOnly()
    second.notes_editor.moveCursor(second.notes_editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(second.notes_editor, "from the second")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "from the first start\nfrom the second")


def delete_line(window: MainWindow, qtbot, line: int) -> None:
    """Select line `line` (from 0) of the notes shown, and delete it with the Delete key."""
    editor = window.notes_editor
    block = editor.document().findBlockByNumber(line)
    cursor = editor.textCursor()
    cursor.setPosition(block.position())
    cursor.setPosition(block.next().position(), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)


def test_the_read_only_window_backs_up_nothing_the_other_window_deletes(
    make_window, notes_path, qtbot
) -> None:
    """Each line or highlight the editing window took out made the read-only window write
    a backup of the notes as they were before (nothing of its own was in them), pushing
    older backups out of the few that are kept."""
    notes_with(notes_path, ["Rehearsal"], text="one\ntwo\nthree\n")
    first, second = make_window(), make_window()
    first.notes_editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(first.notes_editor, "four")
    qtbot.waitUntil(lambda: "four" in second.notes_editor.toPlainText(), timeout=5000)
    kept = sorted(backups.backup_dir(notes_path).iterdir())  # the first window's, as it began
    delete_line(first, qtbot, 1)
    qtbot.waitUntil(lambda: second.notes_editor.toPlainText() == "one\nthree\nfour", timeout=5000)
    assert sorted(backups.backup_dir(notes_path).iterdir()) == kept
    assert second.statusBar().currentMessage() == "Updated from the other window."
    assert "is editing these notes" in second.banner.text()


def test_stale_lock_from_a_crash_is_taken_over(make_window, notes_path) -> None:
    # A lock left by a process that no longer exists (pid 2**22 - 1 is above pid_max here).
    lock = Path(f"{notes_path}.lock")
    lock.write_text(f"{2**22 - 1}\ninterview-reader\n{os.uname().nodename}\n")
    window = make_window()
    assert not window.interview.saver.read_only


# Backups --------------------------------------------------------------------------------


def test_backup_at_session_start_and_restore(make_window, notes_path, dialogs, qtbot) -> None:
    notes_with(notes_path, ["Rehearsal", "scripted"], text="version one")
    window = make_window()
    # Written just after the first paint (start-up, #17).
    qtbot.waitUntil(lambda: len(backups.list_backups(notes_path)) == 1)
    (first,) = backups.list_backups(notes_path)
    assert first.highlights == 2
    window.notes_editor.setPlainText("version two")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "version two")
    dialogs.item_answers.append((0, True))
    window.window_actions.restore_backup.trigger()
    assert window.notes_editor.toPlainText() == "version one"
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "version one")
    # The state before the restore was itself backed up first.
    kept = [b for b in backups.list_backups(notes_path)]
    assert any(parse(b.path.read_bytes()).notes == "version two" for b in kept)


def test_backups_keep_setting(make_window, notes_path, dialogs) -> None:
    from reader.ui.settings import settings

    settings().setValue("backups/keep", 3)
    for n in range(5):
        notes_with(notes_path, ["Rehearsal"], text=f"session {n}")  # the same twice: one kept
        window = make_window()
        window.close()
    assert len(backups.list_backups(notes_path)) == 3  # (closing writes one not written)


def test_the_backup_at_start_keeps_the_file_as_it_opened(make_window, notes_path, qtbot) -> None:
    notes_with(notes_path, ["Rehearsal"], text="as it opened")
    window = make_window()
    window.notes_editor.setPlainText("typed at once")  # saved before the backup is written
    window.interview.saver.flush()
    assert saved(notes_path)["notes"] == "typed at once"
    qtbot.waitUntil(lambda: len(backups.list_backups(notes_path)) == 1)
    (kept,) = backups.list_backups(notes_path)
    assert parse(kept.path.read_bytes()).notes == "as it opened"


# Outside changes ------------------------------------------------------------------------


def test_outside_change_is_merged(make_window, notes_path, qtbot) -> None:
    notes_with(notes_path, ["Rehearsal"], text="base")
    window = make_window()
    highlight_with_key(window, qtbot, "scripted")  # ours: a new highlight
    qtbot.waitUntil(lambda: len(saved(notes_path)["highlights"]) == 2)
    # Another program adds a highlight and edits the notes.
    theirs = parse(notes_path.read_bytes())
    text = window.interview.session.document.text
    start = text.index("Handycam")
    theirs.highlights.append(make_highlight(text, start, start + len("Handycam")))
    theirs.notes = "edited elsewhere"
    save_notes(notes_path, theirs)
    qtbot.waitUntil(lambda: len(window.interview.session.notes.highlights) == 3, timeout=5000)
    assert window.notes_editor.toPlainText() == "edited elsewhere"
    assert "Merged changes" in window.banner.text()
    qtbot.waitUntil(lambda: len(saved(notes_path)["highlights"]) == 3)


def test_an_older_copy_a_sync_tool_brings_back_loses_nothing(
    make_window, notes_path, qtbot
) -> None:
    """Another machine's copy from before the last saves here, a line added there, won on
    a newer-wins sync: the line typed here since and a new highlight were taken for its
    deletions, gone from screen and file, with no backup (the safety review's F2). Our
    version is backed up first, the banner says what went, and its button brings it back
    with their line kept."""
    notes_with(notes_path, [], text="")
    window = make_window()
    window.notes_editor.setPlainText("Monday line\n")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "Monday line\n")
    older = parse(notes_path.read_bytes())  # the laptop syncs this, then goes offline
    window.notes_editor.setPlainText("Monday line\nTuesday line: careful analysis\n")
    highlight_with_key(window, qtbot, "scripted")
    qtbot.waitUntil(lambda: len(saved(notes_path)["highlights"]) == 1)
    older.notes = "Monday line\nlaptop line\n"
    save_notes(notes_path, older)
    qtbot.waitUntil(lambda: "laptop line" in window.notes_editor.toPlainText(), timeout=5000)
    said = window.banner.text()
    assert "1 highlight removed" in said and "1 line of your notes removed" in said
    assert "in a backup" in said
    backups = (notes_path.parent / "backups").glob("notes.*.json")
    assert any("Tuesday line" in parse(b.read_bytes()).notes for b in backups)
    bring_back = next(b for b in window.banner.buttons if b.text() == "Bring It Back")
    qtbot.mouseClick(bring_back, Qt.MouseButton.LeftButton)
    text = window.notes_editor.toPlainText()
    assert all(line in text for line in ("Monday line", "laptop line", "Tuesday line"))
    assert [h.exact for h in window.interview.session.notes.highlights] == ["scripted"]
    qtbot.waitUntil(lambda: "Tuesday line" in saved(notes_path)["notes"])
    assert "laptop line" in saved(notes_path)["notes"]
    assert len(saved(notes_path)["highlights"]) == 1


@pytest.mark.parametrize("rescued", [True, False])
def test_a_merge_says_where_our_version_is_when_no_backup_could_be_written(
    make_window, notes_path, qtbot, monkeypatch, rescued: bool
) -> None:
    """A full disk: the banner said "Your version from before is in a backup too" with no
    backup written. It is kept in a rescue copy (offered when the interview opens again),
    or the banner says that Bring It Back is its only copy."""

    def full(*_args: object, **_kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "make_backup", full)
    if not rescued:
        monkeypatch.setattr(backups, "rescue_copy", lambda *_args: None)
    notes_with(notes_path, [], text="")
    window = make_window()
    window.notes_editor.setPlainText("Monday line\n")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "Monday line\n")
    older = parse(notes_path.read_bytes())
    window.notes_editor.setPlainText("Monday line\nTuesday line\n")
    qtbot.waitUntil(lambda: "Tuesday" in saved(notes_path)["notes"])
    save_notes(notes_path, older)
    qtbot.waitUntil(lambda: "Tuesday" not in window.notes_editor.toPlainText(), timeout=5000)
    said = window.banner.text()
    assert "in a backup" not in said
    assert "could not be backed up (No space left on device)" in said
    if rescued:
        copy = Path(said.split("a copy of it is kept as ", 1)[1].removesuffix("."))
        assert "Tuesday line" in parse(copy.read_bytes()).notes
    else:
        assert said.endswith("nor copied: Bring It Back is its only copy.")


def test_outside_notes_conflict_keeps_both(make_window, notes_path, qtbot) -> None:
    notes_with(notes_path, [], text="base")
    window = make_window()
    window.notes_editor.setPlainText("mine")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "mine")
    window.notes_editor.setPlainText("mine, more")
    theirs = parse(notes_path.read_bytes())
    theirs.notes = "theirs"
    save_notes(notes_path, theirs)
    qtbot.waitUntil(lambda: "theirs" in window.notes_editor.toPlainText(), timeout=5000)
    text = window.notes_editor.toPlainText()
    assert text.startswith("<<<<<<< your notes\nmine, more\n=======")
    assert text.count("theirs") == 1 and "lines changed on both sides" in window.banner.text()


def test_typing_goes_on_in_your_own_version_after_a_conflict(
    make_window, notes_path, qtbot
) -> None:
    """Found by the notes review: the line being typed at the end of the notes, changed
    by another program meanwhile, went into the merge's conflict block, but the caret
    landed below the block's end marker: the rest of the sentence went outside it."""
    notes_with(notes_path, [], text="Line one.")
    window = make_window()
    editor = window.notes_editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Mine")  # not saved yet: typing on
    theirs = parse(notes_path.read_bytes())
    theirs.notes = "Line one. Theirs"
    save_notes(notes_path, theirs)
    qtbot.waitUntil(lambda: "<<<<<<<" in editor.toPlainText(), timeout=5000)
    qtbot.keyClicks(editor, " later")
    assert "\nLine one. Mine later\n=======" in editor.toPlainText()
    qtbot.waitUntil(lambda: "Mine later" in saved(notes_path)["notes"])


def test_sync_conflict_copy_is_offered_and_merged(make_window, notes_path, qtbot) -> None:
    notes_with(notes_path, ["Rehearsal"])
    copy = notes_path.with_name("notes.sync-conflict-20261125-101010-ABCDEF.json")
    notes_with(copy, ["Handycam"])
    window = make_window()
    assert "conflict cop" in window.banner.text()
    merge_button = next(b for b in window.banner.buttons if b.text() == "Merge Into My Notes")
    qtbot.mouseClick(merge_button, Qt.MouseButton.LeftButton)
    assert len(window.interview.session.notes.highlights) == 2
    assert not copy.exists() and (notes_path.parent / "backups" / copy.name).exists()


def test_a_conflict_copy_that_comes_while_the_notes_are_open_is_offered(
    make_window, notes_path, qtbot
) -> None:
    """Offered only as the notes opened: one a sync tool made meanwhile waited unseen for
    the next opening, while the notes went on without the laptop's changes."""
    notes_with(notes_path, ["Rehearsal"])
    window = make_window()
    assert "conflict cop" not in window.banner.text()
    notes_with(
        notes_path.with_name("notes.sync-conflict-20261125-101010-ABCDEF.json"), ["Handycam"]
    )
    qtbot.waitUntil(lambda: "conflict cop" in window.banner.text(), timeout=5000)
    merge_button = next(b for b in window.banner.buttons if b.text() == "Merge Into My Notes")
    qtbot.mouseClick(merge_button, Qt.MouseButton.LeftButton)
    assert len(window.interview.session.notes.highlights) == 2


def test_document_changed_on_disk_reanchors(make_window, tmp_path, qtbot) -> None:
    doc = tmp_path / "talk.txt"
    doc.write_text("Q: Why film?\nA: Because film is patient.\n", "utf-8")
    window = make_window(doc, tmp_path / "talk.json")
    highlight_with_key(window, qtbot, "patient")
    doc.write_text("Intro line.\nQ: Why film?\nA: Because film is patient.\n", "utf-8")
    qtbot.waitUntil(lambda: "found again" in window.banner.text(), timeout=5000)
    (h,) = window.interview.session.notes.highlights
    assert window.interview.session.document.text[h.start : h.end] == "patient"
    # Now, not "since last time": it changed while open.
    assert window.banner.text() == (
        "The interview changed on disk: the highlight found again (1 at a new place)."
    )


LETTERS = (
    "Q: How did the project begin?\n"
    "A: It began when my grandmother gave me her letters from the war, boxes of them, "
    "written to my grandfather while he was at sea for three years.\n"
    "Q: And then?\nA: Then I read all of them over one long winter.\n"
)


def test_a_transcript_seen_half_written_gives_its_highlights_back_whole(
    make_window, tmp_path, qtbot
) -> None:
    """Written in place in two parts (an editor, a slow network drive): the half shortened
    a quote to the words it held, saved so, and the whole text kept it short; the banner
    said it was found again (the data-safety review's finding 2)."""
    quote = "boxes of them, written to my grandfather while he was at sea for three years."
    doc = tmp_path / "letters.txt"
    doc.write_text(LETTERS, "utf-8")
    notes = tmp_path / "letters.json"
    window = make_window(doc, notes)
    highlight_with_key(window, qtbot, quote)
    with doc.open("r+", encoding="utf-8") as half:
        half.truncate(0)
        half.write(LETTERS[: LETTERS.index(" years.")])
    qtbot.waitUntil(lambda: "changed on disk" in window.banner.text(), timeout=5000)
    assert "1 of them on changed words" in window.banner.text()
    (short,) = window.interview.session.notes.highlights
    assert short.exact == quote.removesuffix(" years.")
    with doc.open("a", encoding="utf-8") as rest:
        rest.write(LETTERS[LETTERS.index(" years.") :])
    qtbot.waitUntil(lambda: window.interview.session.document.text == LETTERS, timeout=5000)
    (whole,) = window.interview.session.notes.highlights
    assert whole.exact == quote
    window.interview.flush()
    assert [h["exact"] for h in saved(notes)["highlights"]] == [quote]


def test_notes_left_open_on_another_computer_may_be_opened_here_after_asking(
    make_window, notes_path, qtbot, dialogs
) -> None:
    """Notes in a synced folder, open on a laptop that went to sleep: its lock file kept
    them read-only here for good (the data-safety review's finding 3)."""
    notes_with(notes_path, ["Rehearsal"])
    Path(f"{notes_path}.lock").write_text("4242\ninterview-reader\nlaptop\n\n", "utf-8")
    window = make_window()
    assert window.interview.read_only
    assert "on the computer “laptop” is editing these notes" in window.banner.text()
    buttons = [b.text() for b in window.banner.buttons]
    assert buttons == ["Open Here Anyway…", "Save Notes As…", "Dismiss"]
    dialogs.choice_answers.append("Open Here Anyway")
    window.banner.buttons[0].click()
    qtbot.waitUntil(lambda: not window.interview.read_only, timeout=5000)
    window.notes_editor.setPlainText("typed here now")
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "typed here now")


# Unwritable places ----------------------------------------------------------------------


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_write_error_keeps_edits_and_offers_save_as(
    make_window, notes_path, dialogs, qtbot, monkeypatch, tmp_path, error
) -> None:
    window = make_window()
    disk_full = [True]
    real_write = reader.ui.persistence.saver.atomic_write

    def failing_write(path: Path, data: bytes, **kwargs: bool) -> None:
        if disk_full[0]:
            raise OSError(error, os.strerror(error), str(path))
        real_write(path, data, **kwargs)

    monkeypatch.setattr("reader.ui.persistence.saver.atomic_write", failing_write)
    window.notes_editor.setPlainText("precious words")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    assert os.strerror(error) in window.banner.text()
    assert window.interview.saver.dirty
    disk_full[0] = False  # room again (elsewhere): Save As writes everything there
    elsewhere = tmp_path / "elsewhere.json"
    dialogs.save_answers.append(str(elsewhere))
    save_as = next(b for b in window.banner.buttons if b.text() == "Save Notes As…")
    qtbot.mouseClick(save_as, Qt.MouseButton.LeftButton)
    assert saved(elsewhere)["notes"] == "precious words"
    assert str(elsewhere) in window.notes_label.text()


def test_quit_with_unsaved_changes_warns(make_window, dialogs, monkeypatch) -> None:
    window = make_window()
    monkeypatch.setattr(
        "reader.ui.persistence.saver.atomic_write",
        lambda path, data, **_kw: (_ for _ in ()).throw(
            OSError(errno.ENOSPC, "No space left", str(path))
        ),
    )
    window.notes_editor.setPlainText("unsaved")
    dialogs.button_answer = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible()  # cancelled: still open, edits in memory
    assert any("could not be saved" in text for kind, text in dialogs.shown if kind == "warning")


@pytest.mark.permissions
def test_read_only_folder_real(make_window, tmp_path, qtbot) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    notes_with(folder / "notes.json", ["Rehearsal"])
    folder.chmod(0o555)
    try:
        window = make_window(notes=folder / "notes.json")
        # Opened for editing, not read-only; the banner says why saving will fail.
        assert not window.interview.read_only and not window.notes_editor.isReadOnly()
        assert "cannot be written" in window.banner.text()
        assert any(b.text() == "Save Notes As…" for b in window.banner.buttons)
        window.notes_editor.setPlainText("x")
        qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
        assert window.notes_editor.toPlainText() == "x" and window.interview.saver.dirty
    finally:
        folder.chmod(0o755)


@pytest.mark.permissions
def test_a_read_only_notes_file_is_not_replaced(make_window, notes_path, qtbot) -> None:
    """Notes made read-only (chmod 444) in a folder that can be written: saving replaced
    the file all the same. Now they open as in a folder that cannot be written: the banner
    says so and offers Save As, an edit stays on screen, and the file is as it was; made
    writable again, the next save writes it."""
    notes_with(notes_path, ["Rehearsal"], text="archived")
    before = notes_path.read_bytes()
    notes_path.chmod(0o444)
    try:
        window = make_window()
        assert "cannot be written now: the notes file is read-only" in window.banner.text()
        assert not window.interview.read_only  # editing goes on, as in a read-only folder
        window.notes_editor.setPlainText("typed later")
        qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
        assert "Save Notes As…" in [b.text() for b in window.banner.buttons]
        assert notes_path.read_bytes() == before
        assert window.notes_editor.toPlainText() == "typed later"
    finally:
        notes_path.chmod(0o644)
    window.interview.saver.save_soon_now()
    qtbot.waitUntil(lambda: saved(notes_path)["notes"] == "typed later", timeout=5000)


def test_failed_write_under_way_is_not_reported_saved(make_window, monkeypatch, qtbot) -> None:
    window = make_window()
    saver = window.interview.saver

    def full(path: Path, data: bytes, **_kwargs: bool) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("reader.ui.persistence.saver.atomic_write", full)
    window.notes_editor.setPlainText("typed")
    saver.save_soon_now()  # the write goes to the worker and fails there
    assert not saver.flush()  # on quit this must not pass for saved
    assert saver.dirty


def test_outside_change_found_by_a_save_is_merged(make_window, notes_path, qtbot) -> None:
    notes_with(notes_path, ["Rehearsal"], text="base")
    window = make_window()
    # A save gets there before the watcher.
    window.interview.safety.guard.file.disk.watcher.blockSignals(True)
    theirs = parse(notes_path.read_bytes())
    text = window.interview.session.document.text
    start = text.index("Handycam")
    theirs.highlights.append(make_highlight(text, start, start + len("Handycam")))
    save_notes(notes_path, theirs)
    highlight_with_key(window, qtbot, "scripted")
    window.interview.saver.save_soon_now()
    qtbot.waitUntil(lambda: len(saved(notes_path)["highlights"]) == 3, timeout=5000)
    exacts = sorted(h["exact"] for h in saved(notes_path)["highlights"])
    assert exacts == ["Handycam", "Rehearsal", "scripted"]


def test_notes_a_sync_tool_brings_before_the_first_save_are_merged(
    make_window, notes_path, qtbot
) -> None:
    """No notes file when the interview opened; another machine's arrives (same study,
    same file name) before this window's first save: that save wrote over it."""
    window = make_window()
    assert not notes_path.exists()
    window.interview.safety.guard.file.disk.watcher.blockSignals(True)  # the save first
    notes_with(notes_path, ["Rehearsal"], text="from the other laptop")
    highlight_with_key(window, qtbot, "scripted")
    window.interview.saver.save_soon_now()
    qtbot.waitUntil(lambda: len(saved(notes_path)["highlights"]) == 2, timeout=5000)
    assert sorted(h["exact"] for h in saved(notes_path)["highlights"]) == ["Rehearsal", "scripted"]
    assert "from the other laptop" in saved(notes_path)["notes"]


def test_read_only_window_refuses_edits(make_window, notes_path, qtbot) -> None:
    first = make_window()
    second = make_window()
    assert second.interview.saver.read_only
    highlight_with_key(second, qtbot, "Rehearsal")
    assert second.interview.session.notes.highlights == []
    assert "read-only" in second.statusBar().currentMessage()
    first.close()


def test_n_c_and_t_on_a_highlight_of_a_read_only_window_say_why_and_open_nothing(
    make_window, notes_path, qtbot, monkeypatch
) -> None:
    """N opened the note dialog, whose note was refused once typed (put on the clipboard);
    C and T opened the code picker on the highlight (C on a selection said why at once)."""
    from reader.ui.dialogs import NoteDialog

    opened: list[str] = []
    monkeypatch.setattr(NoteDialog, "exec", lambda _dialog: opened.append("note") or 0)
    notes_with(notes_path, ["Rehearsal"])
    first, second = make_window(), make_window()
    activate(second, qtbot)
    (highlight,) = second.interview.session.notes.highlights
    why = second.interview.why_read_only()
    for key in (Qt.Key.Key_N, Qt.Key.Key_C, Qt.Key.Key_T):
        cursor = second.reader.textCursor()
        cursor.setPosition(second.reader.reading.to_qt(highlight.start + 1))
        second.reader.setTextCursor(cursor)
        second.statusBar().clearMessage()
        qtbot.keyClick(second.reader, key)
        assert second.statusBar().currentMessage() == why, key
    assert opened == [] and QApplication.activePopupWidget() is None
    assert second.reader.hasFocus()
    assert first.interview.flush() and saved(notes_path)["highlights"][0]["codes"] == []


def test_save_as_refuses_the_locked_file_and_is_remembered(
    make_window, notes_path, dialogs, qtbot, tmp_path
) -> None:
    first = make_window()
    second = make_window()
    dialogs.save_answers.append(str(notes_path))
    second.interview.safety.save_as()
    assert second.interview.notes_path == notes_path and second.interview.saver.read_only
    elsewhere = tmp_path / "mine.json"
    dialogs.save_answers.append(str(elsewhere))
    second.interview.safety.save_as()
    assert not second.interview.saver.read_only and not second.notes_editor.isReadOnly()
    assert "read-only" not in second.windowTitle()
    assert elsewhere.exists()
    first.close()
    second.close()
    again = make_window(notes=None)
    assert again.interview.notes_path == elsewhere


def test_save_as_over_a_file_replaces_it_knowingly(
    make_window, notes_path, dialogs, qtbot, tmp_path
) -> None:
    """The file chosen was taken for another program's change: backed up beside it (a
    backups folder made wherever the user chose), or, on a retry, merged into these notes."""
    window = make_window()
    highlight_with_key(window, qtbot, "scripted")
    chosen = tmp_path / "elsewhere" / "other.json"
    chosen.parent.mkdir()
    notes_with(chosen, ["Rehearsal"], text="another interview's")
    dialogs.save_answers.append(str(chosen))
    window.interview.safety.save_as()
    assert [h["exact"] for h in saved(chosen)["highlights"]] == ["scripted"]
    assert "another interview's" not in saved(chosen)["notes"]
    assert not (chosen.parent / "backups").exists()


def test_open_another_document_asks_when_notes_cannot_be_saved(
    make_window, dialogs, monkeypatch, tmp_path
) -> None:
    window = make_window()
    monkeypatch.setattr(
        "reader.ui.persistence.saver.atomic_write",
        lambda path, data, **_kw: (_ for _ in ()).throw(OSError(errno.EACCES, "Permission denied")),
    )
    window.notes_editor.setPlainText("unsaved")
    other = tmp_path / "other.txt"
    other.write_text("Q: Why?\nA: Because.\n", "utf-8")
    dialogs.button_answer = QMessageBox.StandardButton.Cancel
    assert not window.open_document(other, tmp_path / "other.json")
    assert window.notes_editor.toPlainText() == "unsaved"
    assert window.windowTitle().endswith("Her Smell Interview")


@pytest.mark.permissions
def test_folder_made_read_only_mid_session_keeps_editing_and_retries(
    make_window, tmp_path, qtbot, dialogs
) -> None:
    folder = tmp_path / "shared-drive"
    folder.mkdir()
    notes_with(folder / "notes.json", ["Rehearsal"])
    window = make_window(notes=folder / "notes.json")
    folder.chmod(0o555)
    try:
        window.notes_editor.setPlainText("typed while the folder was read-only")
        qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
        assert not window.notes_editor.isReadOnly()
        assert "Permission denied" in window.banner.text()
        assert any(b.text() == "Save Notes As…" for b in window.banner.buttons)
    finally:
        folder.chmod(0o755)
    window.interview.saver.save_soon_now()  # the retry, without waiting for its timer
    qtbot.waitUntil(
        lambda: saved(folder / "notes.json")["notes"] == "typed while the folder was read-only"
    )


def test_notes_merged_from_disk_keep_the_structure_without_detecting_it_again(
    make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge or restore swaps the notes of the same document: its structure stands (a
    3 MB .srt took ~0.3 s to detect again, on the GUI thread)."""
    window = make_window()
    before = window.interview.session.detected

    def detect(*_args: object) -> None:
        raise AssertionError("the structure was detected again")

    monkeypatch.setattr("reader.core.session.detected_segments", detect)
    window.interview.replace_notes(window.interview.notes_data())
    assert window.interview.session.detected == before


def test_ctrl_z_after_delete_keeps_the_order_of_highlights_on_the_same_words(
    make_window, notes_path, qtbot
) -> None:
    """Two highlights on the same words (two machines' notes merged, an import): Ctrl+Z
    after deleting the first put it back after the second, the file's order swapped."""
    notes_with(notes_path, ["Rehearsal", "Rehearsal"], text="base")
    before = [h["id"] for h in saved(notes_path)["highlights"]]
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.interview.controller.delete_highlight(before[0])
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.interview.flush()
    assert [h["id"] for h in saved(notes_path)["highlights"]] == before
