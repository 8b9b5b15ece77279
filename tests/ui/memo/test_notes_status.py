"""The status bar while the study memo shows (reader/ui/memo/notes_status.py): its file,
its words and its save state, the interview's notes' again with the other tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from reader.core.wording import counted
from reader.ui.notes.notes_editor import LONG_NOTES_CHARS
from reader.ui.persistence.saver import RETRY_MS
from reader.ui.window.main_window import MainWindow
from tests.conftest import BUNDLED
from tests.ui.memo.test_study_memo import memo_file, open_memo

CTRL = Qt.KeyboardModifier.ControlModifier


def click_tab(window: MainWindow, qtbot: Any, index: int) -> None:
    tabs = window.notes_pane.tabs
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(index).center())
    assert window.notes_pane.showing_memo() == (index == 1)


def status(window: MainWindow) -> tuple[str, str, str]:
    return window.notes_label.text(), window.words_label.text(), window.save_label.text()


def test_the_memos_file_words_and_save_state_show_while_it_does(
    make_study_window: Any, folder: Path, qtbot: Any, monkeypatch: Any
) -> None:
    from reader.ui.persistence import saver

    window = make_study_window(folder)
    editor = window.notes_editor
    qtbot.keyClicks(editor, "one two three")  # the interview's notes
    qtbot.waitUntil(lambda: status(window)[1:] == ("3 words", "Saved"))
    notes = status(window)
    assert notes[0] == f"Notes: {window.interview.notes_path}"
    write = saver.atomic_write

    def full(path: Path, data: bytes, **kwargs: Any) -> None:
        if path.name != "memo.md":
            return write(path, data, **kwargs)
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(saver, "atomic_write", full)
    monkeypatch.setattr(saver, "RETRY_MS", 300)  # the retry comes soon: the test waits less
    open_memo(window, qtbot)  # Ctrl+7
    assert status(window) == (f"Study memo: {memo_file(folder)}", "0 words", "Saved")
    qtbot.keyClicks(editor, "a memo of five words")
    assert window.save_label.text() == "Saving…"
    qtbot.waitUntil(lambda: window.words_label.text() == "5 words")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved: No space left"))
    click_tab(window, qtbot, 0)  # the interview's notes: written, three words
    qtbot.waitUntil(lambda: status(window) == notes)
    click_tab(window, qtbot, 1)
    assert status(window)[1] == "5 words"
    qtbot.waitUntil(lambda: status(window)[2].startswith("Not saved: No space left"))
    monkeypatch.setattr(saver, "atomic_write", write)  # room again: the retry writes it
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=4 * RETRY_MS)
    assert memo_file(folder).read_text("utf-8") == "a memo of five words"
    qtbot.keyClick(editor, Qt.Key.Key_7, CTRL)
    qtbot.waitUntil(lambda: status(window) == notes)


def test_a_read_only_memo_says_so_and_why_and_the_notes_do_not(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    memo_file(folder).write_bytes(b"caf\xe9 au lait, in Latin-1")
    window = make_study_window(folder)
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved")
    open_memo(window, qtbot)
    label = window.save_label
    assert label.text() == "Read-only" and "not UTF-8" in label.toolTip()
    assert window.words_label.text() == "0 words"  # nothing of it is shown
    click_tab(window, qtbot, 0)
    qtbot.waitUntil(lambda: label.text() == "Saved" and label.toolTip() == "Saved")


def test_a_second_windows_memo_is_read_only_with_the_studys_reason(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    memo_file(folder).write_text("Shared memo, four words\n", encoding="utf-8")
    make_study_window(folder)
    second = make_study_window(folder)
    open_memo(second, qtbot)
    assert second.save_label.text() == "Read-only"
    assert second.save_label.toolTip() == second.study.why_read_only() != ""
    assert second.words_label.text() == "4 words"


def test_long_notes_are_counted_just_after_they_show(
    make_window: Any, notes_path: Path, tmp_path: Path, qtbot: Any
) -> None:
    """Long notes' words are counted once the interview opened has painted, so that its
    first paint does not wait for them; short ones at once."""
    words = LONG_NOTES_CHARS // 5 + 1
    window = make_window()
    window.notes_editor.setPlainText("word " * words)
    window.interview.close()  # written to notes_path
    window.open_document(BUNDLED, tmp_path / "other.json")
    assert window.words_label.text() == "0 words"  # short: at once
    window.open_document(BUNDLED, notes_path)
    assert window.words_label.text() == "0 words"  # long: not before the paint
    qtbot.waitUntil(lambda: window.words_label.text() == counted(words, "word"))
