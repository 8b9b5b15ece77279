"""Taking a study, or a lone interview's notes, back from a window on another computer
that opened them anyway (Open Here Anyway there, its lock files synced here): the banner
offers it, as it does for a study opened read-only for such a window, and this window then
shows what that one wrote, and offers what it had typed before, kept in a rescue copy."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pytest

from reader.core.lock_files import notes_lock, study_lock
from reader.ui.window.main_window import MainWindow
from tests.ui.persistence.test_locks import LAPTOP, typed
from tests.ui.test_codebook import study_json
from tests.ui.test_rescued_copies import rescued

if TYPE_CHECKING:
    from tests.ui.test_random_sessions import FullDisk

OPEN_HERE = "Open Here Anyway…"


def synced(path: Path, data: bytes) -> None:
    """`data` written at `path` as a sync tool writes it: in a file renamed over it."""
    path.with_name(f"{path.name}.synced").write_bytes(data)
    os.replace(path.with_name(f"{path.name}.synced"), path)


def laptop_writes(notes_path: Path, notes: str) -> None:
    """The laptop's window saved the notes with `notes` as their research notes."""
    data = orjson.loads(notes_path.read_bytes())
    data["notes"] = notes
    synced(notes_path, orjson.dumps(data))


def buttons(window: MainWindow) -> list[str]:
    return [b.text() for b in window.banner.buttons]


def click(window: MainWindow, label: str) -> None:
    next(b for b in window.banner.buttons if b.text() == label).click()


def saved_notes(notes_path: Path) -> str:
    return orjson.loads(notes_path.read_bytes())["notes"]


def test_a_study_another_computer_took_is_taken_back_with_what_it_wrote(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """The window that the laptop took the study from said so, with Dismiss alone: no way
    to take it back but closing the study and opening it again."""
    window = make_study_window(folder)
    notes_path = typed(window, qtbot, "typed here")
    assert window.interview.flush()
    qtbot.keyClicks(window.notes_editor, " and more")  # not saved as the laptop takes it
    for lock in (study_lock(folder), notes_lock(notes_path)):
        synced(lock, LAPTOP.encode())
    qtbot.waitUntil(lambda: window.study.read_only and window.interview.read_only, timeout=10_000)
    laptop_writes(notes_path, "typed here, then on the laptop")
    entries = study_json(folder)
    entries["interviews"][0]["title"] = "Ana, on the laptop"
    synced(folder / "study.json", orjson.dumps(entries))
    qtbot.waitUntil(
        lambda: window.notes_editor.toPlainText() == "typed here, then on the laptop",
        timeout=10_000,
    )
    owner = window.study
    qtbot.waitUntil(lambda: owner.study.interviews[0].title == "Ana, on the laptop")
    said = window.banner.text()
    assert said.startswith("The study is read-only here now: ") and "“laptop”" in said
    assert "What you typed in these notes since they were last saved is kept in a copy" in said
    assert buttons(window) == [OPEN_HERE, "Dismiss"]
    dialogs.choice_answers.append("Cancel")
    click(window, OPEN_HERE)
    assert owner.read_only and study_lock(folder).read_text("utf-8") == LAPTOP
    dialogs.choice_answers.append("Open Here Anyway")
    click(window, OPEN_HERE)
    assert dialogs.titles().count("Open Here Anyway?") == 2
    qtbot.waitUntil(lambda: not owner.read_only and not window.interview.read_only, timeout=5000)
    assert "You opened this study here anyway" in window.banner.text()
    assert "kept in a copy" in window.banner.text()  # what was typed here before, to merge
    assert window.notes_editor.toPlainText() == "typed here, then on the laptop"
    window.notes_editor.moveCursor(window.notes_editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.notes_editor, " and back here")
    assert window.interview.flush()
    assert saved_notes(notes_path) == "typed here, then on the laptop and back here"
    assert study_json(folder)["interviews"][0]["title"] == "Ana, on the laptop"
    assert LAPTOP not in study_lock(folder).read_text("utf-8")
    assert LAPTOP not in notes_lock(notes_path).read_text("utf-8")
    click(window, "Merge Into My Notes")
    assert "and more" in window.notes_editor.toPlainText()
    assert rescued("*.json") == []  # filed with the backups, merged


def test_notes_another_computer_took_are_taken_back_as_it_left_them(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any, dialogs: Any
) -> None:
    """Taken back, the window showed and saved its own notes again, what was typed before
    the laptop took them and kept in a copy among them, over what the laptop wrote; that
    copy went at the next save, unoffered; and while read-only, the laptop's changes came
    in between conflict marks, as if this window still had words of its own to merge. The
    copy was said to be there because the app could not write the notes: said now that
    another computer opened them."""
    window = make_window()
    typed(window, qtbot, "typed here")
    assert window.interview.flush()
    qtbot.keyClicks(window.notes_editor, " and more")
    synced(notes_lock(notes_path), LAPTOP.encode())
    qtbot.waitUntil(lambda: window.interview.read_only, timeout=10_000)
    laptop_writes(notes_path, "typed here, then on the laptop")
    qtbot.waitUntil(
        lambda: window.notes_editor.toPlainText() == "typed here, then on the laptop",
        timeout=10_000,
    )
    (copy,) = rescued("*.json")
    assert OPEN_HERE in buttons(window)
    dialogs.choice_answers.append("Open Here Anyway")
    click(window, OPEN_HERE)
    qtbot.waitUntil(lambda: not window.interview.read_only, timeout=5000)
    assert window.banner.text().startswith("You opened these notes here anyway: ")
    assert "Merge Into My Notes" in buttons(window) and copy.name in window.banner.text()
    # What happened: no write failed, another computer took them.
    assert "Another computer opened these notes on " in window.banner.text()
    assert "what you had typed here and not saved was kept in a copy" in window.banner.text()
    assert "could not write" not in window.banner.text()
    window.notes_editor.moveCursor(window.notes_editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.notes_editor, " and back here")
    assert window.interview.flush()
    assert saved_notes(notes_path) == "typed here, then on the laptop and back here"
    assert copy.exists()
    assert LAPTOP not in notes_lock(notes_path).read_text("utf-8")


def test_closing_just_after_another_computer_took_the_notes_leaves_its_lock(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any
) -> None:
    """The laptop's lock file came (written in place: no watch tells of it) and the window
    closed before any save looked at it: closing deleted the laptop's lock, as Qt's unlock
    deletes whatever file is at its path, and a third window could open the notes too."""
    window = make_window()
    typed(window, qtbot, "typed here")
    assert window.interview.flush()
    notes_lock(notes_path).write_text(LAPTOP, "utf-8")
    window.close()
    assert notes_lock(notes_path).read_text("utf-8") == LAPTOP
    assert saved_notes(notes_path) == "typed here"


def laptop_takes(folder: Path, notes_path: Path) -> None:
    """The laptop opens the study and the interview anyway: its lock files come."""
    for lock in (study_lock(folder), notes_lock(notes_path)):
        synced(lock, LAPTOP.encode())


def take_back(window: MainWindow, qtbot: Any, dialogs: Any) -> None:
    dialogs.choice_answers.append("Open Here Anyway")
    click(window, OPEN_HERE)
    owner = window.study
    qtbot.waitUntil(lambda: not owner.read_only and not window.interview.read_only, timeout=5000)


def type_at_end(window: MainWindow, qtbot: Any, words: str) -> None:
    window.notes_editor.setFocus()
    window.notes_editor.moveCursor(window.notes_editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.notes_editor, words)


def test_a_study_taken_back_and_forth_twice_loses_nothing_typed_on_either_side(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any, dialogs: Any
) -> None:
    """The walk of the lock review: each side types in turn, this window taking the study
    back each time; the notes file ends with every word, and the banner says who has it."""
    window = make_study_window(folder)
    notes_path = typed(window, qtbot, "one")
    assert window.interview.flush()
    for laptop_words, here_words in ((" two", " three"), (" four", " five")):
        laptop_takes(folder, notes_path)
        qtbot.waitUntil(lambda: window.interview.read_only, timeout=10_000)
        qtbot.waitUntil(lambda: OPEN_HERE in buttons(window), timeout=10_000)
        assert "“laptop” has it open" in window.banner.text() and window.notes_editor.isReadOnly()
        assert "(read-only)" in window.windowTitle()
        laptop_writes(notes_path, saved_notes(notes_path) + laptop_words)
        qtbot.waitUntil(
            lambda words=laptop_words: window.notes_editor.toPlainText().endswith(words),
            timeout=10_000,
        )
        take_back(window, qtbot, dialogs)
        assert window.banner.text().startswith("You opened this study here anyway: ")
        assert "(read-only)" not in window.windowTitle()
        type_at_end(window, qtbot, here_words)
        assert window.interview.flush()
        assert LAPTOP not in notes_lock(notes_path).read_text("utf-8")
    assert saved_notes(notes_path) == "one two three four five"
    assert rescued("*.json") == []  # nothing was typed here that the file does not hold
    window.close()
    assert not notes_lock(notes_path).exists() and not study_lock(folder).exists()


def test_notes_taken_back_then_let_go_there_offer_each_copy_of_what_was_typed(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any, dialogs: Any
) -> None:
    """Twice the laptop takes the notes while words typed here are not saved yet: taken
    back here the first time, let go there (its window closed) the second; each time the
    notes show what the laptop wrote and offer the copy, merged into the file."""
    window = make_window()
    typed(window, qtbot, "one")
    assert window.interview.flush()
    said = {
        "anyway": "You opened these notes here anyway: ",
        "closed there": "The other window closed these notes: ",
    }
    for turn in said:
        type_at_end(window, qtbot, f" {turn} unsaved")
        synced(notes_lock(notes_path), LAPTOP.encode())
        qtbot.waitUntil(lambda: window.interview.read_only, timeout=10_000)
        assert "is kept in a copy" in window.banner.text()
        laptop_writes(notes_path, f"{saved_notes(notes_path)} laptop")
        if turn == "anyway":
            dialogs.choice_answers.append("Open Here Anyway")
            click(window, OPEN_HERE)
        else:
            notes_lock(notes_path).unlink()
        qtbot.waitUntil(lambda: not window.interview.read_only, timeout=10_000)
        assert window.notes_editor.toPlainText() == saved_notes(notes_path)
        assert (
            window.banner.text().startswith(said[turn]) and "kept in a copy" in window.banner.text()
        )
        click(window, "Merge Into My Notes")
        assert window.interview.flush()
        assert f"{turn} unsaved" in saved_notes(notes_path)
        assert rescued("*.json") == []
    assert saved_notes(notes_path).count("laptop") == 2


@pytest.mark.parametrize("notes_first", [True, False], ids=["notes lock first", "study first"])
def test_a_study_whose_lock_files_come_one_after_the_other_is_said_taken_and_let_go(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    notes_first: bool,
) -> None:
    """A sync tool brings the laptop's two lock files a while apart, in either order, with
    words typed here not saved yet: the study's line says who has it and where those words
    are; the laptop closing the study there gives it back, its words shown."""
    window = make_study_window(folder)
    notes_path = typed(window, qtbot, "one")
    assert window.interview.flush()
    qtbot.keyClicks(window.notes_editor, " unsaved")
    first, then = study_lock(folder), notes_lock(notes_path)
    if notes_first:
        first, then = then, first
    synced(first, LAPTOP.encode())
    qtbot.waitUntil(lambda: window.interview.read_only, timeout=10_000)
    synced(then, LAPTOP.encode())
    qtbot.waitUntil(lambda: window.study.read_only and OPEN_HERE in buttons(window), timeout=10_000)
    said = window.banner.text()
    assert said.startswith("The study is read-only here now: ") and "“laptop”" in said
    if notes_first:  # else written as the study turned read-only, before the notes' lock came
        assert "kept in a copy" in said and "unsaved" not in saved_notes(notes_path)
    laptop_writes(notes_path, f"{saved_notes(notes_path)} laptop")
    study_lock(folder).unlink()  # the laptop's window closed the study
    notes_lock(notes_path).unlink()
    qtbot.waitUntil(lambda: not window.study.read_only and not window.interview.read_only)
    assert window.banner.text().startswith("The other window closed this study: ")
    assert window.notes_editor.toPlainText() == saved_notes(notes_path)
    assert saved_notes(notes_path).endswith(" laptop")
    if notes_first:
        click(window, "Merge Into My Notes")
    assert window.interview.flush() and "unsaved" in saved_notes(notes_path)


def save_failed(window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> FullDisk:
    """The notes typed as "saved" and saved, then " unsaved" typed on a full disk: that
    save failed, its words in a rescue copy. The full disk, to give room again."""
    from reader.ui.persistence import saver
    from tests.ui.test_random_sessions import FullDisk

    typed(window, qtbot, "saved")
    assert window.interview.flush()
    disk = FullDisk(monkeypatch, saver)
    disk.full = True
    type_at_end(window, qtbot, " unsaved")
    qtbot.waitUntil(lambda: window.interview.saver.state == "error", timeout=10_000)
    return disk


def test_a_copy_kept_for_a_failed_save_is_named_and_said_for_the_computer_that_took_them(
    make_window: Callable[..., MainWindow],
    notes_path: Path,
    qtbot: Any,
    dialogs: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A save failed (a full disk), its words kept in a rescue copy; then the laptop took
    the notes: that copy was reused with its old name, so the banner said the app could
    not write the notes, not that another computer opened them. Now the copy is named
    and said for the laptop, one copy, holding every word typed."""
    window = make_window()
    disk = save_failed(window, qtbot, monkeypatch)
    (failed,) = rescued("*.json")
    synced(notes_lock(notes_path), LAPTOP.encode())
    qtbot.waitUntil(lambda: window.interview.read_only, timeout=10_000)
    (copy,) = rescued("*.json")
    assert copy.name.startswith("opened elsewhere - ") and not failed.exists()
    assert orjson.loads(copy.read_bytes())["notes"] == "saved unsaved"
    assert f"kept in a copy, {copy}." in window.banner.text()
    disk.full = False
    laptop_writes(notes_path, "saved, then on the laptop")
    qtbot.waitUntil(
        lambda: window.notes_editor.toPlainText() == "saved, then on the laptop", timeout=10_000
    )
    dialogs.choice_answers.append("Open Here Anyway")
    click(window, OPEN_HERE)
    qtbot.waitUntil(lambda: not window.interview.read_only, timeout=5000)
    assert "Another computer opened these notes on " in window.banner.text()
    assert "could not write" not in window.banner.text()
    click(window, "Merge Into My Notes")
    assert window.interview.flush()
    assert "unsaved" in saved_notes(notes_path) and "laptop" in saved_notes(notes_path)


def test_a_copy_for_a_failed_save_that_no_other_can_replace_keeps_every_word(
    make_window: Callable[..., MainWindow],
    notes_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As above, but no copy can be made under the laptop's name: the one made for the
    failed save takes what was typed since, under its old name, rather than nothing."""
    from reader.ui.persistence import saver

    window = make_window()
    save_failed(window, qtbot, monkeypatch)
    type_at_end(window, qtbot, " and more")
    made = saver.rescue_copy
    monkeypatch.setattr(
        saver,
        "rescue_copy",
        lambda path, data, name, came: (
            None if "opened elsewhere" in name.name else made(path, data, name, came)
        ),
    )
    synced(notes_lock(notes_path), LAPTOP.encode())
    qtbot.waitUntil(lambda: window.interview.read_only, timeout=10_000)
    (copy,) = rescued("*.json")
    assert orjson.loads(copy.read_bytes())["notes"] == "saved unsaved and more"
    assert f"kept in a copy, {copy}." in window.banner.text()
