"""Notes and memo the disk would not take when the app ended (reader/core/store.py
rescue, persistence/offered_copies.py): rescued to the data folder under the interview's
or the study's name, said in the report, kept when the user goes on anyway, and offered
for merging, against the file they came from, when the interview opens again."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.core import store
from reader.core.store import content_hash
from reader.ui.library.rescued_study import rescue_name as study_rescue_name
from reader.ui.memo.study_memo import memo_rescue_name
from reader.ui.persistence.offered_copies import rescue_name
from reader.ui.window.main_window import MainWindow
from tests.conftest import BUNDLED
from tests.ui.memo.test_study_memo import on_disk, open_memo
from tests.ui.test_nothing_lost import (
    FullDisk,
    notes_text,
    rename_first_with_f2,
    titles_on_disk,
    type_notes,
)
from tests.ui.test_other_scripts import caret_at
from tests.ui.test_read_only_undo import activate
from tests.ui.test_safety import notes_with


def rescued(pattern: str) -> list[Path]:
    return sorted(Path(os.environ["XDG_DATA_HOME"]).rglob(f"rescued/{pattern}"))


def to_the_rescued_line(banner: Any) -> None:
    """Dismiss the lines before the one offering the rescued copies."""
    while "rescued" not in banner.text():
        assert banner.text(), "no rescued copy offered"
        next(b for b in banner.buttons if b.text() == "Dismiss").click()


def test_the_system_ending_the_app_reports_where_the_memo_went_and_offers_it_again(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    window = make_study_window(folder)
    open_memo(window, qtbot)
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    qtbot.keyClicks(window.notes_editor, "Themes typed on a full disk")
    qtbot.waitUntil(lambda: "study memo could not be saved" in window.banner.text())
    report = window.shut_down_now()
    (memo,) = rescued(f"{folder.name} memo-*.md")  # named after its study
    assert memo.read_text("utf-8") == "Themes typed on a full disk"
    assert str(memo) in report

    disk.full = False  # room on the disk again: the study opens, and offers the copy
    again = make_study_window(folder)
    banner = again.banner
    to_the_rescued_line(banner)  # behind what opening the study said
    assert memo.name in banner.text()
    next(b for b in banner.buttons if b.text() == "Merge Into Memo").click()
    on_disk(qtbot, folder, "Themes typed on a full disk")
    assert rescued("*.md") == [] and (folder / "notes" / "backups" / memo.name).exists()


def test_each_rescued_copy_of_the_memo_is_named_and_merged(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Two exits that could not write the memo, each after typing on memo.md as it was:
    the banner counts them and names each, the newest first (it named the last alone),
    and the merge takes each one's edits."""
    memo = folder / "memo.md"
    memo.write_text("Dawn\nCoffee\nHandover\n", "utf-8")
    made: list[Path] = []
    base = content_hash(memo.read_bytes())  # what each was made from
    for n, text in enumerate(("Dawn, early\nCoffee\nHandover\n", "Dawn\nCoffee\nHandover, late\n")):
        store.rescue("the study memo", memo, text.encode(), memo_rescue_name(memo), base)
        (copy,) = set(rescued(f"{folder.name} memo-*.md")) - set(made)
        os.utime(copy, (2_000_000_000 + n, 2_000_000_000 + n))  # one exit, then the next
        made.append(copy)
    older, newer = made
    window = make_study_window(folder)
    banner = window.banner
    to_the_rescued_line(banner)  # behind what opening the study said
    said = banner.text()
    made = datetime.fromtimestamp(2_000_000_001)
    assert said.startswith(
        f"2 copies of the study memo rescued, the newest on {made:%Y-%m-%d %H:%M}, "
    )
    assert said.endswith(f"(newest first: {newer.name}, {older.name}).")
    assert banner.label.toolTip() == said  # whole, where the one line is cut
    next(b for b in banner.buttons if b.text() == "Merge Into Memo").click()
    on_disk(qtbot, folder, "Dawn, early\nCoffee\nHandover, late\n")
    assert banner.text() == "Merged 2 rescued copies into the study memo."
    assert rescued("*.md") == []
    assert {p.name for p in (folder / "notes" / "backups").glob("* memo-*.md")} == {
        older.name,
        newer.name,
    }


def test_notes_lost_on_quitting_are_rescued_and_offered_when_the_interview_opens_again(
    make_window: Callable[..., MainWindow],
    notes_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+Q on a full disk, "Discard" (go on anyway): the memo had a rescue copy, the
    notes none. Now they have one, and opening the interview offers to merge it."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    notes_with(notes_path, ["Rehearsal"], text="start\n")
    window = make_window()
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    window.notes_editor.moveCursor(window.notes_editor.textCursor().MoveOperation.End)
    type_notes(window, qtbot, "typed on a full disk")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    window.close()  # asked; the stub answers Discard
    (copy,) = rescued(f"{BUNDLED.stem} notes-*.json")  # named after the interview
    assert notes_text(copy) == "start\ntyped on a full disk"
    assert notes_text(notes_path) == "start\n"

    disk.full = False
    again = make_window()
    assert "rescued" in again.banner.text() and copy.name in again.banner.text()
    next(b for b in again.banner.buttons if b.text() == "Merge Into My Notes").click()
    qtbot.waitUntil(lambda: notes_text(notes_path) == "start\ntyped on a full disk")
    assert rescued("*.json") == []  # merged: kept with the backups, not offered again
    assert (notes_path.parent / "backups" / copy.name).exists()


def test_quitting_unsaved_says_where_the_copy_is_or_that_none_could_be_kept(
    make_window: Callable[..., MainWindow],
    notes_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Any,
    tmp_path: Path,
) -> None:
    """The question promised a copy in the data folder before any was tried: with that
    folder read-only, none was kept, and the words went (the safety review's F7). The
    copy is made first: in the temporary folder when the data folder fails, or the
    question says none could be; Cancel takes the copy back, the notes still open."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    notes_with(notes_path, [], text="start\n")
    window = make_window()
    FullDisk(monkeypatch, "reader.ui.persistence.saver")
    blocked = tmp_path / "a file"
    blocked.write_text("")
    folders = store.rescue_folders()
    monkeypatch.setattr(store, "rescue_folders", lambda: [blocked / "rescued", *folders[1:]])
    type_notes(window, qtbot, "typed on a full disk")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    dialogs.button_answer = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible()
    assert (
        f"A copy of them is kept in {folders[1]} (a temporary folder, emptied when the"
        in (dialogs.shown[-1][1])
    )
    assert list(folders[1].glob("*.json")) == []  # cancelled: taken back
    monkeypatch.setattr(store, "rescue_folders", lambda: [blocked / "rescued"])
    window.close()
    assert "No copy of them could be kept either" in dialogs.shown[-1][1]
    assert window.isVisible()
    monkeypatch.setattr(store, "rescue_folders", lambda: folders)
    dialogs.button_answer = QMessageBox.StandardButton.Discard
    window.close()
    assert not window.isVisible()
    (copy,) = folders[0].glob("*.json")  # one copy: closing made no second
    assert notes_text(copy) == "typed on a full diskstart\n"  # typed at the top


def test_a_copy_rescued_before_the_study_folder_was_renamed_is_offered_at_its_new_place(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Renamed while open, the study could not save the words typed after; they were
    rescued under its old place's name, and never offered at its new one (the safety
    review's F4)."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    window = make_study_window(folder)
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    type_notes(window, qtbot, "typed after the rename")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    window.shut_down_now()
    (copy,) = rescued("*.json")
    disk.full = False
    moved = folder.with_name("Moved study")
    folder.rename(moved)
    again = make_study_window(moved)
    banner = again.banner
    to_the_rescued_line(banner)  # behind what opening the study said
    assert copy.name in banner.text()


def test_a_copy_rescued_in_another_study_is_not_offered_as_this_interviews(
    make_study_window: Callable[[Path], MainWindow],
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two studies each with a P01 at their root (notes files named alike): what study A's
    P01 rescued is offered in A, never in B, whose notes it would have been merged into."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    a, b = tmp_path / "A" / "Study", tmp_path / "B" / "Study"
    for study, text in ((a, "A: Alpha about coffee.\n"), (b, "A: Bravo about tea.\n")):
        study.mkdir(parents=True)
        (study / "P01.txt").write_text(text)
    window = make_study_window(b)
    type_notes(window, qtbot, "B notes")
    qtbot.waitUntil(lambda: any((b / "notes").glob("p01*.json")), timeout=10_000)
    window.close()
    window = make_study_window(a)
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    type_notes(window, qtbot, "A notes typed on a full disk")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    window.close()
    assert len(rescued("P01 p01*.json")) == 1
    disk.full = False

    assert "rescued" not in make_study_window(b).banner.text()
    assert "rescued" in make_study_window(a).banner.text()


def test_a_rescued_copy_is_merged_against_the_file_it_came_from(
    make_window: Callable[..., MainWindow],
    notes_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a full disk a line was edited and a highlight deleted, then the app ended: the
    merge takes the line as edited (no conflict markers) and the highlight stays gone."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    notes_with(notes_path, ["Rehearsal"], text="start\nline one")
    window = make_window()
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    text = window.interview.session.document.text  # type: ignore[union-attr]
    activate(window, qtbot)  # Delete reaches the window's action
    caret_at(window, text.index("Rehearsal") + 2)  # in the highlight
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    assert window.interview.session.notes.highlights == []  # type: ignore[union-attr]
    window.notes_editor.setFocus()
    window.notes_editor.moveCursor(window.notes_editor.textCursor().MoveOperation.End)
    for _ in range(3):
        qtbot.keyClick(window.notes_editor, Qt.Key.Key_Backspace)
    type_notes(window, qtbot, "ONE")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    window.close()
    disk.full = False

    again = make_window()
    next(b for b in again.banner.buttons if b.text() == "Merge Into My Notes").click()
    qtbot.waitUntil(lambda: notes_text(notes_path) == "start\nline ONE")
    assert orjson.loads(notes_path.read_bytes())["highlights"] == []


def test_a_rescued_memo_is_merged_against_the_memo_it_came_from(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A line of the memo edited on a full disk: merged as edited, no conflict markers."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    (folder / "memo.md").write_text("Themes\nline one\n", "utf-8")
    window = make_study_window(folder)
    open_memo(window, qtbot)
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    window.notes_editor.moveCursor(window.notes_editor.textCursor().MoveOperation.End)
    for _ in range(4):
        qtbot.keyClick(window.notes_editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.notes_editor, "ONE")
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "study memo could not be saved" in window.banner.text())
    window.shut_down_now()
    disk.full = False

    banner = make_study_window(folder).banner
    to_the_rescued_line(banner)  # behind what opening the study said
    next(b for b in banner.buttons if b.text() == "Merge Into Memo").click()
    on_disk(qtbot, folder, "Themes\nline ONE\n")


def test_conflict_copies_and_rescued_copies_are_each_said_as_what_they_are(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any
) -> None:
    """A sync tool's copy and a rescued copy both there: the banner named the sync tool's
    as rescued ("A copy … was rescued (conflict, rescued)"); now each as what it is."""
    notes_with(notes_path, ["Rehearsal"], text="start\n")
    os.utime(notes_path, (1_700_000_000, 1_700_000_000))  # older than both copies
    conflict = notes_path.with_name(f"{notes_path.stem}.sync-conflict-20250101-000000-AB.json")
    notes_with(conflict, ["Rehearsal"], text="start\nfrom the laptop\n")
    name = rescue_name(notes_path, BUNDLED)
    store.rescue("the notes", notes_path, conflict.read_bytes(), name)
    (copy,) = rescued("*.json")
    os.utime(copy, (1_800_000_000, 1_800_000_000))
    window = make_window()
    made = datetime.fromtimestamp(1_800_000_000)
    assert window.banner.text() == (
        f"A sync tool left 1 conflict copy of these notes ({conflict.name}). A copy of these "
        f"notes rescued on {made:%Y-%m-%d %H:%M} holds what their file does not: the app "
        f"could not write it there ({copy.name})."
    )


# Offered by what they carry, not by their time --------------------------------------------


def rescue_copy(
    notes_path: Path, words: list[str], text: str, made_from: bytes | None = None
) -> Path:
    """A copy of the bundled interview's notes rescued when the app last ended, holding
    highlights on `words` and the research notes `text`, made from the notes `made_from`
    (None: not known, as in copies from before); the notes file left as it is."""
    kept = notes_path.read_bytes()
    notes_with(notes_path, words, text=text)
    name, base = rescue_name(notes_path, BUNDLED), content_hash(made_from) if made_from else ""
    store.rescue("the notes", notes_path, notes_path.read_bytes(), name, made_from=base)
    notes_path.write_bytes(kept)
    (copy,) = rescued("*.json")
    return copy


def merge_offered(window: MainWindow) -> None:
    next(b for b in window.banner.buttons if b.text() == "Merge Into My Notes").click()


def test_a_rescued_copy_is_offered_though_a_backup_program_touched_the_notes_since(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any
) -> None:
    """A touch (newer time, same bytes) hid the copy for good: its words were never offered
    again. Now it is offered, and merged without losing what either holds."""
    notes_with(notes_path, ["Rehearsal"], text="start\n")
    copy = rescue_copy(notes_path, ["Rehearsal"], "start\ntyped on a full disk\n")
    os.utime(notes_path, (2_000_000_000, 2_000_000_000))  # newer than the copy
    window = make_window()
    assert "rescued" in window.banner.text() and copy.name in window.banner.text()
    merge_offered(window)
    assert window.interview.flush()
    assert notes_text(notes_path) == "start\ntyped on a full disk\n"
    assert rescued("*.json") == []  # merged: filed with the backups, not offered again


@pytest.mark.parametrize("laptop_time", [2_000_000_000, 1_000_000_000])
def test_a_rescued_copy_of_other_notes_than_another_programs_version_deletes_nothing_of_it(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any, laptop_time: int
) -> None:
    """A sync tool brought a version from another machine after the rescue: the copy did
    not come from it, so it is merged as a sync tool's copy is, every highlight kept. So
    too when the tool kept that version's time, older than the copy (Syncthing, rsync -t):
    by their times, the copy was taken as made from it, merged against it, and its
    highlight and line were deleted. The copy's name holds what it came from."""
    notes_with(notes_path, ["Rehearsal"], text="start\n")
    made_from = notes_path.read_bytes()
    rescue_copy(notes_path, ["Rehearsal", "scripted"], "start\ntyped on a full disk\n", made_from)
    notes_with(notes_path, ["Rehearsal", "blocked"], text="start\nfrom the laptop\n")
    os.utime(notes_path, (laptop_time, laptop_time))
    window = make_window()
    merge_offered(window)
    text = window.interview.session.document.text  # type: ignore[union-attr]

    def quoted() -> set[str]:
        highlights = orjson.loads(notes_path.read_bytes())["highlights"]
        return {text[h["start"] : h["end"]] for h in highlights}

    assert window.interview.flush() and quoted() == {"Rehearsal", "scripted", "blocked"}
    merged = notes_text(notes_path) or ""
    assert "from the laptop" in merged and "typed on a full disk" in merged


def test_a_rescued_copy_holding_what_the_notes_hold_is_not_offered(
    make_window: Callable[..., MainWindow], notes_path: Path
) -> None:
    notes_with(notes_path, ["Rehearsal"], text="start\n")
    rescue_copy(notes_path, ["Rehearsal"], "start\n")
    notes_path.write_bytes(rescued("*.json")[0].read_bytes())  # the same bytes
    os.utime(notes_path, (1_700_000_000, 1_700_000_000))  # older than the copy
    assert "rescued" not in make_window().banner.text()


def test_a_rescued_copy_put_away_is_kept_with_the_backups_and_not_offered_again(
    make_window: Callable[..., MainWindow], notes_path: Path
) -> None:
    """Dismissing the line only hides it: the copy is offered at the next opening, until
    it is merged or put away."""
    notes_with(notes_path, ["Rehearsal"], text="start\n")
    copy = rescue_copy(notes_path, ["Rehearsal"], "start\nnot wanted after all\n")
    window = make_window()
    next(b for b in window.banner.buttons if b.text() == "Dismiss").click()
    window.close()
    window = make_window()
    next(b for b in window.banner.buttons if b.text() == "Put Away").click()
    assert rescued("*.json") == [] and (notes_path.parent / "backups" / copy.name).exists()
    assert "backups" in window.banner.text()
    assert notes_text(notes_path) == "start\n"
    window.close()
    assert "rescued" not in make_window().banner.text()


def test_a_rescued_memo_is_offered_though_memo_md_was_touched_since(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    memo = folder / "memo.md"
    memo.write_text("Themes\n", "utf-8")
    name = memo.with_name(f"{folder.name} memo.md")
    store.rescue("the study memo", memo, b"Themes\ntyped on a full disk\n", name)
    os.utime(memo, (2_000_000_000, 2_000_000_000))
    banner = make_study_window(folder).banner
    to_the_rescued_line(banner)  # behind what opening the study said
    next(b for b in banner.buttons if b.text() == "Put Away").click()
    assert "kept with the backups" in banner.text()
    assert rescued("*.md") == [] and len(list((folder / "notes" / "backups").glob("*.md"))) == 1


def test_a_second_window_offers_the_memos_rescued_copies_once_it_takes_the_study(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """The first window offered them and the user let it be; the second, read-only, could
    not; once the first closed and it took the study over, it did not offer them until it
    was opened again."""
    memo = folder / "memo.md"
    memo.write_text("Dawn\n", "utf-8")
    base = content_hash(memo.read_bytes())
    store.rescue("the study memo", memo, b"Dawn, early\n", memo_rescue_name(memo), base)
    first, second = make_study_window(folder), make_study_window(folder)
    assert "rescued" not in second.banner.text()
    first.close()
    banner = second.banner
    qtbot.waitUntil(lambda: "closed this study" in banner.text(), timeout=5000)
    to_the_rescued_line(banner)  # behind what says the study is this window's
    next(b for b in banner.buttons if b.text() == "Merge Into Memo").click()
    on_disk(qtbot, folder, "Dawn, early\n")


def test_at_start_up_the_notes_offer_waits_beside_the_studys_messages(
    make_study_window: Any, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the safety review: the notes and the study memo both rescued on a full
    disk, the next start offered the notes' copy alone. The interview's lock, taken after
    the first paint, said its offer with a message that replaced every message waiting,
    the memo's offer too; the study's messages now wait behind it."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    window = make_study_window(folder)
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    type_notes(window, qtbot, "notes typed on a full disk")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    open_memo(window, qtbot)
    qtbot.keyClicks(window.notes_editor, "memo typed on a full disk")
    qtbot.waitUntil(lambda: "study memo could not be saved" in window.banner.text())
    window.shut_down_now()
    assert len(rescued("*.json")) == 1 and len(rescued("*.md")) == 1
    disk.full = False
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.study_actions.open_at_start(folder, None, BUNDLED)  # as the app starts
    again.show()
    qtbot.waitExposed(again)
    banner = again.banner
    qtbot.waitUntil(lambda: "notes rescued" in banner.text(), timeout=5000)
    qtbot.waitUntil(lambda: any("study memo rescued" in t for t, _ in banner._waiting))


def test_study_changes_its_renamed_folder_would_not_take_are_offered_when_it_opens_again(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """Found by the safety review: the study's rescue copy was written as the app ended,
    said on the terminal alone, and never offered: a title typed after the folder was
    renamed was in the study nowhere."""
    window = make_study_window(folder)
    activate(window, qtbot)
    rename_first_with_f2(window, qtbot, "Ana")  # study.json written
    renamed = folder.with_name("Renamed study")
    os.rename(folder, renamed)
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    report = window.shut_down_now()  # as a logout does
    (copy,) = rescued(f"{folder.name} study-*.json")
    assert str(copy) in report
    window.close()
    again = make_study_window(renamed)
    to_the_rescued_line(again.banner)
    assert copy.name in again.banner.text()
    next(b for b in again.banner.buttons if b.text() == "Merge Into Study").click()
    assert titles_on_disk(renamed)[0] == "Ana, night nurse"
    qtbot.waitUntil(lambda: again.library.model.rows[0].title == "Ana, night nurse")
    assert rescued("*.json") == [] and (renamed / "notes" / "backups" / copy.name).exists()


def test_closing_a_study_the_disk_would_not_take_keeps_a_copy_and_says_where(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Any,
) -> None:
    """Found by the safety review: Close it anyway asked to "lose them", and did."""
    monkeypatch.setattr("reader.ui.library.open_study.RETRY_MS", 60_000)
    window = make_study_window(folder)
    disk = FullDisk(monkeypatch, "reader.core.study")
    activate(window, qtbot)
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    dialogs.button_answer = QMessageBox.StandardButton.Cancel
    window.close()  # kept open: no copy left behind
    assert window.isVisible() and rescued("*.json") == []
    dialogs.button_answer = QMessageBox.StandardButton.Discard
    window.close()
    (copy,) = rescued(f"{folder.name} study-*.json")
    assert f"A copy of them is kept in {copy.parent}" in dialogs.shown[-1][1]
    assert not window.isVisible()
    disk.full = False
    again = make_study_window(folder)
    to_the_rescued_line(again.banner)
    next(b for b in again.banner.buttons if b.text() == "Put Away").click()
    assert rescued("*.json") == [] and (folder / "notes" / "backups" / copy.name).exists()
    assert "Ana, night nurse" not in titles_on_disk(folder)  # put away, not merged


def test_a_second_window_offers_the_studys_rescued_copies_once_it_takes_the_study(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    """As the memo's: the first window offered them, the read-only second could not."""
    first = make_study_window(folder)
    activate(first, qtbot)
    rename_first_with_f2(first, qtbot, "Ana")  # study.json written
    study = first.study.study
    assert study is not None
    theirs = orjson.loads(study.file.read_bytes())
    theirs["interviews"][0]["title"] = "Ana, night nurse"
    made_from = content_hash(study.file.read_bytes())
    store.rescue("the study", study.file, orjson.dumps(theirs), study_rescue_name(study), made_from)
    second = make_study_window(folder)
    assert "rescued" not in second.banner.text()
    first.close()
    banner = second.banner
    qtbot.waitUntil(lambda: "closed this study" in banner.text(), timeout=5000)
    to_the_rescued_line(banner)
    next(b for b in banner.buttons if b.text() == "Merge Into Study").click()
    assert titles_on_disk(folder)[0] == "Ana, night nurse"


def test_while_saving_fails_one_copy_holds_the_notes_and_goes_once_a_save_succeeds(
    make_window: Callable[..., MainWindow],
    notes_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A crash or a kill while the disk is full kept nothing of what saving could not
    write (tests/e2e/test_real_window.py): each failed save now keeps it in one rescue
    copy, written over at each try; once a save succeeds the file holds it all, and the
    copy goes, never offered."""
    monkeypatch.setattr("reader.ui.persistence.saver.RETRY_MS", 60_000)
    notes_with(notes_path, [], text="start\n")
    window = make_window()
    disk = FullDisk(monkeypatch, "reader.ui.persistence.saver")
    window.notes_editor.moveCursor(window.notes_editor.textCursor().MoveOperation.End)
    type_notes(window, qtbot, "one")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=10_000)
    failed = qtbot.waitSignal(
        window.interview.saver.stateChanged, check_params_cb=lambda state, _: state == "error"
    )
    with failed:  # the second failed save's end handled, its retry timed
        type_notes(window, qtbot, " two")
    assert [notes_text(c) for c in rescued("*.json")] == ["start\none two"]
    disk.full = False
    type_notes(window, qtbot, " three")
    qtbot.waitUntil(lambda: notes_text(notes_path) == "start\none two three")
    # The file is written on the saver's thread; the copy goes as the window hears of it.
    qtbot.waitUntil(lambda: rescued("*.json") == [])


def test_while_study_json_fails_one_copy_holds_the_study_and_goes_once_a_save_succeeds(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As for the notes: a title typed while study.json could not be written (a full disk)
    was in memory alone, and a crash or a kill lost it. It is in one rescue copy from the
    first failed save, written over at each, offered when the study opens again (the app
    killed here: the window left as it is); once a save succeeds the copy goes."""
    monkeypatch.setattr("reader.ui.library.open_study.RETRY_MS", 60_000)
    window = make_study_window(folder)
    activate(window, qtbot)
    disk = FullDisk(monkeypatch, "reader.core.study")
    rename_first_with_f2(window, qtbot, "Ana")
    rename_first_with_f2(window, qtbot, "Ana, night nurse")
    (copy,) = rescued(f"{folder.name} study-*.json")
    assert orjson.loads(copy.read_bytes())["interviews"][0]["title"] == "Ana, night nurse"
    again = make_study_window(folder)  # as after a kill: offered
    to_the_rescued_line(again.banner)
    assert copy.name in again.banner.text()
    again.close()
    disk.full = False
    rename_first_with_f2(window, qtbot, "Ana, nights")
    assert titles_on_disk(folder)[0] == "Ana, nights"
    assert rescued("*.json") == []
