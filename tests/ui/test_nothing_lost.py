"""The data-safety audit: each way found to lose what a user wrote, met as a user meets it
(keys pressed, another program at work, a full disk), then the files on disk read."""

from __future__ import annotations

import errno
import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from reader.core import half_written
from reader.ui.window.main_window import MainWindow
from tests.ui.test_read_only_undo import activate

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any) -> MainWindow:
    window = make_study_window(folder)
    activate(window, qtbot)
    return window


def study_json(folder: Path) -> dict[str, Any]:
    return orjson.loads((folder / "study.json").read_bytes())


def titles_on_disk(folder: Path) -> list[str]:
    """The titles study.json lists; none while it is missing or cannot be read."""
    try:
        return [i["title"] for i in study_json(folder)["interviews"]]
    except (OSError, ValueError, KeyError):
        return []


def rename_first_with_f2(window: MainWindow, qtbot: Any, title: str) -> None:
    """F2 on the Library's first row, the new title typed, Enter."""
    view = window.library.view
    view.setFocus()
    view.setCurrentIndex(window.library.proxy.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, title)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.library.model.rows[0].title == title)


# study.json spoilt or deleted by another program while the study is open ------------------


@pytest.mark.parametrize("spoil", ["half-written", "deleted"])
def test_a_study_json_spoilt_or_deleted_by_another_program_is_written_again(
    window: MainWindow, folder: Path, qtbot: Any, spoil: str
) -> None:
    """A sync tool leaves half a study.json (set aside, as unreadable), or deletes it: the
    study as open here is written again at once, not only at the next change; else the next
    opening found a bare folder of transcripts (titles, attributes, codebook gone)."""
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    assert titles_on_disk(folder)[0] == "Ana, night nurse"
    if spoil == "deleted":
        (folder / "study.json").unlink()
    else:
        (folder / "study.json").write_bytes(b'{"format": "interview-reader-study", "interv')
    qtbot.waitUntil(lambda: titles_on_disk(folder)[:1] == ["Ana, night nurse"], timeout=10_000)
    if spoil != "deleted":
        kept = list(folder.glob("study.corrupt-*.json"))
        assert [p.read_bytes() for p in kept] == [b'{"format": "interview-reader-study", "interv']


# study.json cannot be written (a full disk) -------------------------------------------------


class FullDisk:
    """`module.atomic_write` fails with ENOSPC while `full`; saving is retried at once."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: str) -> None:
        self.full = True
        real = importlib.import_module(module).atomic_write

        def write(path: Path, data: bytes, **kwargs: Any) -> None:
            if self.full:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            real(path, data, **kwargs)

        monkeypatch.setattr(f"{module}.atomic_write", write)


def test_a_study_change_the_disk_could_not_take_is_retried_and_quitting_asks(
    window: MainWindow, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch, dialogs: Any
) -> None:
    monkeypatch.setattr("reader.ui.library.open_study.RETRY_MS", 50)
    disk = FullDisk(monkeypatch, "reader.core.study")
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    assert "could not be saved" in window.banner.text()
    assert not (folder / "study.json").exists()
    dialogs.button_answer = QMessageBox.StandardButton.Cancel
    window.close()  # the disk is still full: asked, and kept open
    assert window.isVisible()
    assert dialogs.titles().count("Study not saved") == 1
    other = folder.parent / "another study"
    other.mkdir()
    assert not window.study_actions.open_path(other)  # asked again, and kept
    assert dialogs.titles().count("Study not saved") == 2
    assert window.study.study is not None and window.study.study.folder == folder
    disk.full = False  # room again: written without another change
    qtbot.waitUntil(lambda: titles_on_disk(folder)[:1] == ["Ana, night nurse"], timeout=10_000)
    assert "could not be saved" not in window.banner.text()
    shown = len(dialogs.shown)
    window.close()
    assert not window.isVisible() and len(dialogs.shown) == shown


# The notes cannot be written (a full disk) ----------------------------------------------------


def notes_text(path: Path) -> str | None:
    """The research notes in the notes file at `path`; None while it is missing or unreadable."""
    try:
        return orjson.loads(path.read_bytes())["notes"]
    except (OSError, ValueError, KeyError):
        return None


def type_notes(window: MainWindow, qtbot: Any, text: str) -> None:
    window.notes_editor.setFocus()
    qtbot.keyClicks(window.notes_editor, text)


def test_notes_kept_when_switching_failed_are_saved_once_the_disk_has_room(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, dialogs: Any
) -> None:
    """Ctrl+PgDn on a full disk asks, and Cancel keeps the interview; saving must still be
    tried again by itself (the failed write on switching stopped the retry: a crash
    before the next keystroke lost the notes)."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 50)
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    path = window.interview.notes_path
    type_notes(window, qtbot, "precious words")
    dialogs.button_answer = QMessageBox.StandardButton.Cancel
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_PageDown, CTRL)
    assert "Notes not saved" in dialogs.titles()
    assert window.interview.notes_path == path  # kept open
    disk.full = False
    qtbot.waitUntil(lambda: notes_text(path) == "precious words", timeout=10_000)
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved")


# The study folder renamed or moved while the study is open ----------------------------------


def test_a_study_folder_renamed_while_open_is_never_made_again_at_its_old_place(
    window: MainWindow, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notes typed and the study changed after the user renamed the study's folder went
    to a new folder of the old name, made again by the save: opening the renamed study
    showed none of it. Now saving fails, says so, keeps everything, and tries again."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 50)
    monkeypatch.setattr("reader.ui.library.open_study.RETRY_MS", 50)
    path = window.interview.notes_path
    type_notes(window, qtbot, "before")
    qtbot.waitUntil(lambda: notes_text(path) == "before")
    renamed = folder.with_name("Nachtschichten 2026")
    folder.rename(renamed)
    type_notes(window, qtbot, ", after")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    assert "could not be saved" in window.banner.text()
    assert not folder.exists()
    assert window.notes_editor.toPlainText() == "before, after"
    renamed.rename(folder)  # put back: everything is written by itself
    qtbot.waitUntil(lambda: notes_text(path) == "before, after", timeout=10_000)
    qtbot.waitUntil(lambda: titles_on_disk(folder)[:1] == ["Ana, night nurse"], timeout=10_000)


# The notes file deleted by another program while the interview is open --------------------


def test_a_notes_file_deleted_while_open_is_written_again(window: MainWindow, qtbot: Any) -> None:
    """The window said "Saved" with no notes file on disk, and wrote none before the next
    change: quitting then lost everything shown."""
    path = window.interview.notes_path
    type_notes(window, qtbot, "kept on screen")
    qtbot.waitUntil(lambda: notes_text(path) == "kept on screen")
    path.unlink()
    qtbot.waitUntil(lambda: notes_text(path) == "kept on screen", timeout=10_000)
    assert "deleted" in window.banner.text()


# Backups pushed out by switching --------------------------------------------------------------


def test_switching_between_interviews_keeps_the_older_backups(
    window: MainWindow, qtbot: Any
) -> None:
    """Each visit to an interview backs its notes file up as it opened; 25 visits in a
    study (Ctrl+PgDn, Ctrl+PgUp) wrote 25 copies of the same notes, and the keeping of the
    newest 20 deleted every older backup: last week's notes could no longer be restored."""
    from reader.core.backups import list_backups

    path = window.interview.notes_path
    type_notes(window, qtbot, "today's notes")
    qtbot.waitUntil(lambda: notes_text(path) == "today's notes")
    last_week = path.parent / "backups" / f"{path.stem}.20261120-101010.json"
    last_week.parent.mkdir(exist_ok=True)
    last_week.write_bytes(path.read_bytes().replace(b"today's notes", b"last week's notes"))
    for _ in range(25):
        qtbot.keyClick(window.notes_editor, Qt.Key.Key_PageDown, CTRL)
        qtbot.keyClick(window.notes_editor, Qt.Key.Key_PageUp, CTRL)
    assert last_week.exists()
    kept = list_backups(path)
    assert len(kept) == 2 and kept[-1].path == last_week


# The notes file of an interview left in a study deleted while the user is away --------------


def switch(window: MainWindow, qtbot: Any, key: Qt.Key) -> None:
    """Ctrl+PgDn or Ctrl+PgUp in the notes editor: the next or the previous interview."""
    window.notes_editor.setFocus()
    qtbot.keyClick(window.notes_editor, key, CTRL)


def delete_and_come_back(
    window: MainWindow, qtbot: Any, path: Path, back: Qt.Key, notes: str
) -> None:
    """Another program deletes the notes file at `path`, left; the user comes back (`back`):
    the notes are shown, written again, and the banner says why."""
    path.unlink()
    switch(window, qtbot, back)
    assert window.interview.notes_path == path
    assert window.notes_editor.toPlainText() == notes
    qtbot.waitUntil(lambda: notes_text(path) == notes, timeout=10_000)
    assert "deleted" in window.banner.text()


def test_notes_left_with_their_history_and_deleted_meanwhile_are_written_again(
    window: MainWindow, qtbot: Any
) -> None:
    """The interview left with its undo history came back with empty notes (its notes file
    deleted by another program meanwhile): the history kept in memory was dropped."""
    path = window.interview.notes_path
    type_notes(window, qtbot, "typed before leaving")
    qtbot.waitUntil(lambda: notes_text(path) == "typed before leaving")
    switch(window, qtbot, Qt.Key.Key_PageDown)
    delete_and_come_back(window, qtbot, path, Qt.Key.Key_PageUp, "typed before leaving")
    window.notes_editor.setFocus()
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_Z, CTRL)  # the history goes on
    assert window.notes_editor.toPlainText() != "typed before leaving"


def test_notes_left_without_history_and_deleted_meanwhile_are_written_again(
    window: MainWindow, qtbot: Any
) -> None:
    """An interview left with nothing to undo (its notes written by another program before
    it opened) came back empty when its notes file was deleted while the user was away."""
    first = window.interview.notes_path
    type_notes(window, qtbot, "the first one's")
    qtbot.waitUntil(lambda: notes_text(first) == "the first one's")
    switch(window, qtbot, Qt.Key.Key_PageDown)
    second = window.interview.notes_path
    switch(window, qtbot, Qt.Key.Key_PageUp)
    theirs = orjson.loads(first.read_bytes())
    theirs["notes"] = "written elsewhere"
    second.write_bytes(orjson.dumps(theirs))
    switch(window, qtbot, Qt.Key.Key_PageDown)
    assert window.notes_editor.toPlainText() == "written elsewhere"
    switch(window, qtbot, Qt.Key.Key_PageUp)
    delete_and_come_back(window, qtbot, second, Qt.Key.Key_PageDown, "written elsewhere")


# The renamed study opened again in the same app ----------------------------------------------


def test_a_study_renamed_while_open_opens_writable_in_the_same_app(
    window: MainWindow, folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """Its lock files went along with the folder and carry this app's process id: the
    renamed study opened read-only, as if another window had it, so nothing could be
    saved. A lock this very app left at a path it no longer holds is taken over."""
    path = window.interview.notes_path
    type_notes(window, qtbot, "before")
    qtbot.waitUntil(lambda: notes_text(path) == "before")
    renamed = folder.with_name("Nachtschichten 2026")
    folder.rename(renamed)
    assert (renamed / "study.json.lock").exists()
    assert window.study_actions.open_path(renamed)
    assert not window.study.read_only
    assert not window.interview.read_only
    moved = renamed / path.relative_to(folder)
    assert window.interview.notes_path == moved
    window.notes_editor.setFocus()
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_End, CTRL)
    type_notes(window, qtbot, ", after")
    qtbot.waitUntil(lambda: notes_text(moved) == "before, after", timeout=10_000)
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    assert titles_on_disk(renamed)[0] == "Ana, night nurse"
    assert not folder.exists()


def test_a_second_window_of_the_same_app_still_gets_the_study_read_only(
    window: MainWindow, folder: Path, make_study_window: Callable[[Path], MainWindow]
) -> None:
    """The lock files carry the same process id, but this app holds them at that path."""
    second = make_study_window(folder)
    assert second.study.read_only and second.interview.read_only
    assert not window.study.read_only and not window.interview.read_only


def test_a_read_only_study_offers_no_backup_it_could_not_write(
    window: MainWindow, folder: Path, make_study_window: Callable[[Path], MainWindow], dialogs
) -> None:
    """The answer would never be written, so the question would come back at every
    opening: the missing notes open empty, read-only, as before."""
    from reader.core import backups
    from reader.core.document import load_document
    from reader.core.notes_file import NotesData
    from reader.core.store import save_notes

    second = make_study_window(folder)
    study = second.study.study
    entry = study.interviews[1]
    path = study.notes_path(entry)
    meta = load_document(study.transcript_path(entry)).meta()
    save_notes(path, NotesData(document=meta, notes="written before"))
    backups.backup_file(path)
    path.unlink()
    assert second.switcher.open(entry.id)
    assert "Notes file missing" not in dialogs.titles()
    assert second.interview.read_only and second.notes_editor.toPlainText() == ""


# Opening another study while the open interview's notes cannot be saved --------------------


@pytest.fixture
def other_study(folder: Path) -> Path:
    other = folder.with_name("Tagschichten")
    other.mkdir()
    (other / "Q01 Dora.txt").write_text("Q: Days?\nA: Busy, all of them.\n", encoding="utf-8")
    return other


def test_opening_another_study_with_notes_not_saved_asks_once_and_cancel_keeps_all(
    window: MainWindow,
    folder: Path,
    other_study: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Any,
) -> None:
    """The old study was closed before the interview was switched: "Notes not saved" was
    asked twice on Cancel, and the window listed the new study while showing the old
    interview. Now it is asked once, before anything changes."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 50)
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    path = window.interview.notes_path
    titles = [row.title for row in window.library.model.rows]
    type_notes(window, qtbot, "precious words")
    dialogs.button_answer = QMessageBox.StandardButton.Cancel
    assert not window.study_actions.open_path(other_study)
    assert dialogs.titles().count("Notes not saved") == 1
    assert window.study.study is not None and window.study.study.folder == folder
    assert [row.title for row in window.library.model.rows] == titles
    assert window.interview.notes_path == path
    assert window.notes_editor.toPlainText() == "precious words"
    assert window.switcher.current == window.library.model.rows[0].id
    assert not window.interview.read_only
    disk.full = False  # saving is still tried again
    qtbot.waitUntil(lambda: notes_text(path) == "precious words", timeout=10_000)


@pytest.mark.parametrize("answer", ["discard", "room again"])
def test_opening_another_study_with_notes_not_saved_moves_there_cleanly(
    window: MainWindow,
    other_study: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Any,
    answer: str,
) -> None:
    """Discard (asked once), or a disk with room again (asked nothing, the notes saved):
    the new study is listed and its interview shown."""
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    path = window.interview.notes_path
    type_notes(window, qtbot, "precious words")
    disk.full = answer == "discard"
    assert window.study_actions.open_path(other_study)
    asked = dialogs.titles().count("Notes not saved")
    assert asked == (1 if answer == "discard" else 0)
    assert window.study.study is not None and window.study.study.folder == other_study
    assert [row.title for row in window.library.model.rows] == ["Q01 Dora"]
    assert window.interview.notes_path is not None
    assert window.interview.notes_path.is_relative_to(other_study)
    assert "Busy, all of them" in window.interview.session.document.text
    assert window.notes_editor.toPlainText() == ""
    assert window.switcher.current == window.library.model.rows[0].id
    if answer != "discard":
        assert notes_text(path) == "precious words"


def test_removing_the_open_interview_with_notes_not_saved_asks_once(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, dialogs: Any
) -> None:
    """Delete in the Library on the open interview, its notes not written (a full disk):
    Discard was asked for again as the next interview opened."""
    FullDisk(monkeypatch, "reader.ui.persistence.saver")
    type_notes(window, qtbot, "let go")
    ben = window.library.model.rows[1].id
    qtbot.keyClick(window.reader, Qt.Key.Key_5, CTRL)
    qtbot.waitUntil(window.library.view.hasFocus)
    qtbot.keyClick(window.library.view, Qt.Key.Key_Delete)
    assert dialogs.titles().count("Notes not saved") == 1
    assert window.switcher.current == ben


def test_notes_spoilt_while_away_are_set_aside_and_written_again(
    window: MainWindow, qtbot: Any, dialogs: Any
) -> None:
    """Another program spoilt the notes of an interview left in the study: coming back,
    the file was set aside and the user asked to Start Empty (the default) or keep the
    interview shown; Start Empty lost the notes this window still had. As for a file
    deleted while away, they are written again, and the banner says what happened."""
    path = window.interview.notes_path
    type_notes(window, qtbot, "typed before leaving")
    qtbot.waitUntil(lambda: notes_text(path) == "typed before leaving")
    switch(window, qtbot, Qt.Key.Key_PageDown)
    path.write_bytes(b'{"half a notes file')
    switch(window, qtbot, Qt.Key.Key_PageUp)
    assert window.interview.notes_path == path
    assert "Notes file set aside" not in dialogs.titles()  # nothing to choose
    assert window.notes_editor.toPlainText() == "typed before leaving"
    assert "set aside" in window.banner.text() and "written again" in window.banner.text()
    qtbot.waitUntil(lambda: notes_text(path) == "typed before leaving")
    (aside,) = path.parent.glob(f"{path.stem}.corrupt-*.json")
    assert aside.read_bytes() == b'{"half a notes file'


def test_an_interview_opened_after_its_study_folder_was_renamed_makes_no_folder_there(
    window: MainWindow, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A transcript kept outside the study folder opens after the user renamed the study's
    folder: taking its notes' lock made the old study folder again (notes/ and the lock
    in it), and the notes typed went there, where the renamed study never showed them."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 50)
    outside = folder.parent / "elsewhere" / "P20 Dora.txt"
    outside.parent.mkdir()
    outside.write_text("Q: Who relieves you?\nA: Dora, at six.\n", encoding="utf-8")
    added = window.study.add_files([outside])
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 4)
    renamed = folder.with_name("Nachtschichten 2026")
    folder.rename(renamed)
    window.switcher.open(added[0].id)
    assert window.interview.session is not None
    assert window.interview.session.document.title.startswith("P20")
    assert not folder.exists()
    type_notes(window, qtbot, "typed after the rename")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    assert not folder.exists()
    assert window.notes_editor.toPlainText() == "typed after the rename"


def test_a_study_json_written_in_place_slowly_is_merged_once_whole(
    window: MainWindow, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the safety review (F4): the half of another program's in-place write was
    renamed aside as unreadable and study.json written anew, so the rest of that write,
    and the program's change, went into the renamed file."""
    # Longer than the test: the change made meanwhile is written as the write ends.
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    data = study_json(folder)
    data["interviews"][1]["title"] = "Ben, from the other program"
    theirs = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    looks: list[None] = []
    assert window.study.disk is not None
    window.study.disk.due.connect(lambda: looks.append(None))
    with (folder / "study.json").open("r+b", buffering=0) as writer:
        writer.truncate(0)
        writer.write(theirs[: len(theirs) // 2])
        qtbot.waitUntil(lambda: bool(looks))  # looked at, and left to the writer
        rename_first_with_f2(window, qtbot, "Ana, nights")  # a change here meanwhile
        assert (folder / "study.json").read_bytes() == theirs[: len(theirs) // 2]
        writer.write(theirs[len(theirs) // 2 :])
    merged = ["Ana, nights", "Ben, from the other program"]
    qtbot.waitUntil(lambda: titles_on_disk(folder)[:2] == merged, timeout=5000)
    assert list(folder.glob("study.corrupt-*")) == []
    assert "cannot be read" not in window.banner.text()
