"""The study memo and the study share the study folder's watch (reader/ui/memo/study_memo.py,
reader/ui/library/open_study.py): a save of the memo does not make the study look at
study.json again, nor a save of the study the memo at memo.md. The memo's preview shows
a change made on disk, and is not rendered again as interviews are switched."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from reader.core import half_written
from reader.ui.persistence.outside_change import OutsideChangeError
from reader.ui.window.main_window import MainWindow
from tests.ui.memo.test_study_memo import memo_file, on_disk, open_memo


def test_a_memo_save_does_not_wake_the_study_nor_a_study_save_the_memo(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    (folder / "notes").mkdir()  # as in a study worked in: no folder comes as it opens
    window: MainWindow = make_study_window(folder)
    open_memo(window, qtbot)
    owner, memo = window.study, window.memo()
    assert owner.disk is not None and memo is not None and memo.disk is not None
    assert memo.disk.disk.watcher is owner.disk.watcher  # one watch of the study folder
    study_looks: list[None] = []
    memo_looks: list[None] = []
    owner.disk.due.connect(lambda: study_looks.append(None))
    memo.disk.checked.connect(lambda: memo_looks.append(None))

    window.notes_editor.insertPlainText("Nights feel longer")  # memo.md made
    on_disk(qtbot, folder, "Nights feel longer")
    qtbot.waitUntil(lambda: len(memo_looks) == 1)  # it sees its own save
    owner.rename(owner.study.interviews[0].id, title="P01 Ana, nights")  # study.json saved
    qtbot.waitUntil(lambda: len(study_looks) == 1)  # one look: none came of the memo's save
    window.notes_editor.insertPlainText(", and shorter")
    on_disk(qtbot, folder, "Nights feel longer, and shorter")
    qtbot.waitUntil(lambda: len(memo_looks) == 2)  # none came of the study's save
    assert len(study_looks) == 1

    memo_file(folder).write_text("Nights feel longer, and shorter\nFrom a sync tool\n", "utf-8")
    qtbot.waitUntil(lambda: "From a sync tool" in window.notes_editor.toPlainText())
    assert len(study_looks) == 1  # another program's change to the memo is the memo's


def test_the_memo_preview_shows_a_change_made_on_disk_not_a_switch_of_interview(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """The memo is the same whichever interview is open (a quote's label names its
    interview in the memo's own words): switching renders nothing again."""
    memo_file(folder).write_text("# Themes\n\n> coffee [↩ P01 Ana, Q1](interview:x#h-y)\n", "utf-8")
    window: MainWindow = make_study_window(folder)
    open_memo(window, qtbot)
    window.window_actions.toggle_preview.setChecked(True)
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
    window.window_actions.toggle_preview.setChecked(False)
    pane.show_memo(False)
    assert window.notes_editor.toPlainText() == "P02's own notes"
    assert memo_file(folder).read_text("utf-8") == text  # nothing of ours to add to it


def test_a_memo_deleted_on_disk_is_written_again(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """What the editor holds is all there is of it now."""
    memo_file(folder).write_text("Words kept\n", encoding="utf-8")
    window: MainWindow = make_study_window(folder)
    open_memo(window, qtbot)
    qtbot.keyClicks(window.notes_editor, "More ")
    on_disk(qtbot, folder, "More Words kept\n")
    memo_file(folder).unlink()  # another program deletes it
    on_disk(qtbot, folder, "More Words kept\n")
    assert window.notes_editor.toPlainText() == "More Words kept\n"
    assert "could not be saved" not in window.banner.text()


def test_a_memo_cleared_before_is_no_other_programs_change(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """An empty memo.md (the memo cleared last time) was taken for none, so the first
    save found "another program's" file there and said so."""
    memo_file(folder).write_bytes(b"")
    window: MainWindow = make_study_window(folder)
    open_memo(window, qtbot)
    qtbot.keyClicks(window.notes_editor, "Themes")
    on_disk(qtbot, folder, "Themes")
    assert "another program" not in window.banner.text()
    assert "another program" not in window.statusBar().currentMessage()


def test_undo_after_another_programs_change_to_the_memo_leaves_it_in(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """Ctrl+Z after the merge took the other program's lines back out, and the save
    wrote that: the memo's typing history starts again at the merge, and it says so."""
    window: MainWindow = make_study_window(folder)
    open_memo(window, qtbot)
    editor = window.notes_editor
    editor.insertPlainText("Nights feel longer")
    on_disk(qtbot, folder, "Nights feel longer")
    memo_file(folder).write_text("From a sync tool\n\nNights feel longer", "utf-8")
    qtbot.waitUntil(lambda: "From a sync tool" in editor.toPlainText())
    assert not editor.document().isUndoAvailable()
    assert "Undo there starts again from here" in window.banner.text()


@pytest.mark.parametrize("clock_behind", [False, True], ids=["", "clock-behind"])
def test_a_memo_written_in_place_slowly_while_typing_keeps_both(
    make_study_window: Any,
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    clock_behind: bool,
) -> None:
    """Found by the safety review (F5): another program rewriting memo.md in place paused
    halfway; the half was merged as the deletion of the rest, and the app's next save sent
    the rest of that write nowhere: half the memo gone, the colleague's line too. A memo
    cut off inside a line is taken as it is only once it has stayed so for a while, by our
    clock too: a network share's file dated by a clock an hour behind looked long done."""
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)  # longer than the test
    lines = "".join(f"Line {i}: some memo words here.\n" for i in range(30))
    window: MainWindow = make_study_window(folder)
    open_memo(window, qtbot)
    window.notes_editor.insertPlainText(lines)
    on_disk(qtbot, folder, lines)
    memo = window.memo()
    assert memo is not None and memo.saver is not None
    tries: list[object] = []
    memo.saver._finished.connect(lambda _job, error: tries.append(error))
    theirs = (lines + "Line 30: added by a colleague\n").encode()
    with memo_file(folder).open("r+b", buffering=0) as writer:
        writer.truncate(0)
        writer.write(theirs[: len(theirs) // 2])
        if clock_behind:
            hour_ago = time.time() - 3600
            os.utime(memo_file(folder), (hour_ago, hour_ago))
        cursor = window.notes_editor.textCursor()
        cursor.setPosition(0)
        cursor.insertText("Mine: ")  # typed as the other program pauses
        # The save found the half, and waits for the rest: neither merged nor written over.
        qtbot.waitUntil(lambda: any(isinstance(e, OutsideChangeError) for e in tries))
        assert "Line 29" in window.notes_editor.toPlainText()
        assert memo_file(folder).read_bytes() == theirs[: len(theirs) // 2]
        writer.write(theirs[len(theirs) // 2 :])

    def both() -> bool:
        text = memo_file(folder).read_text("utf-8")
        return "Mine: Line 0" in text and "Line 29" in text and "by a colleague" in text

    qtbot.waitUntil(both, timeout=8000)
    assert window.notes_editor.toPlainText() == memo_file(folder).read_text("utf-8")


def test_a_study_opened_halfway_through_a_memo_write_keeps_the_rest_of_it(
    make_study_window: Any, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The half another program had written of memo.md as the study opened was taken as
    the memo as it is: typed into and saved, it replaced the file, and the rest of that
    write went nowhere. A memo that opens looking cut off, and fresh, is not saved over
    before it is whole, and is merged then."""
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)  # longer than the test
    theirs = "".join(f"Line {i}: some memo words here.\n" for i in range(30)).encode()
    tries: list[object] = []
    with memo_file(folder).open("wb", buffering=0) as writer:
        writer.write(theirs[: len(theirs) // 2])  # ends inside a line
        window: MainWindow = make_study_window(folder)
        open_memo(window, qtbot)
        memo = window.memo()
        assert memo is not None and memo.saver is not None
        memo.saver._finished.connect(lambda _job, error: tries.append(error))
        window.notes_editor.moveCursor(window.notes_editor.textCursor().MoveOperation.End)
        window.notes_editor.insertPlainText(" mine")
        qtbot.waitUntil(lambda: any(isinstance(e, OutsideChangeError) for e in tries))
        assert memo_file(folder).read_bytes() == theirs[: len(theirs) // 2]
        writer.write(theirs[len(theirs) // 2 :])

    def both() -> bool:
        text = memo_file(folder).read_text("utf-8")
        return "Line 29" in text and " mine" in text

    qtbot.waitUntil(both, timeout=5000)


@pytest.mark.parametrize(
    ("waited", "added_after"),
    [("SETTLE_NS", 5), ("WHOLE_AFTER_NS", 29)],  # the half: not the start of ours; the start
)
def test_a_memo_written_in_place_paused_at_a_line_end_while_typing_keeps_both(
    make_study_window: Any,
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    waited: str,
    added_after: int,
) -> None:
    """As above, the pause at a line end: the half looks whole (Markdown has no end mark),
    and was merged as the deletion of the rest. A memo another program just wrote is taken
    as it is once it has stayed so for a moment, and longer when it is the start alone of
    the memo as we know it."""
    monkeypatch.setattr(half_written, waited, 60_000_000_000)  # longer than the test
    lines = [f"Line {i}: some memo words here.\n" for i in range(30)]
    window: MainWindow = make_study_window(folder)
    open_memo(window, qtbot)
    window.notes_editor.insertPlainText("".join(lines))
    on_disk(qtbot, folder, "".join(lines))
    memo = window.memo()
    assert memo is not None and memo.saver is not None
    tries: list[object] = []
    memo.saver._finished.connect(lambda _job, error: tries.append(error))
    lines.insert(added_after + 1, "Added by a colleague\n")
    theirs = "".join(lines).encode()
    half = theirs[: theirs.index(b"\n", len(theirs) // 2) + 1]
    with memo_file(folder).open("r+b", buffering=0) as writer:
        writer.truncate(0)
        writer.write(half)
        cursor = window.notes_editor.textCursor()
        cursor.setPosition(0)
        cursor.insertText("Mine: ")
        qtbot.waitUntil(lambda: any(isinstance(e, OutsideChangeError) for e in tries))
        assert "Line 29" in window.notes_editor.toPlainText()
        assert memo_file(folder).read_bytes() == half
        writer.write(theirs[len(half) :])
    monkeypatch.setattr(half_written, waited, 0)  # the whole, unchanged since: taken

    def both() -> bool:
        text = memo_file(folder).read_text("utf-8")
        return "Mine: Line 0" in text and "Line 29" in text and "by a colleague" in text

    qtbot.waitUntil(both)
    assert window.notes_editor.toPlainText() == memo_file(folder).read_text("utf-8")


def test_closing_while_another_program_writes_the_memo_leaves_its_write_whole(
    make_study_window: Any, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The study closed halfway through another program's in-place write of memo.md: the
    half was merged and written over, the rest of that write sent nowhere. Now that write
    is left to end, and what was typed goes to a rescue copy, offered next time."""
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)
    window: MainWindow = make_study_window(folder)
    open_memo(window, qtbot)
    window.notes_editor.insertPlainText("Line 0\n")
    on_disk(qtbot, folder, "Line 0\n")
    theirs = b"Line 0\nLine 1, by a colleague\n"
    with memo_file(folder).open("r+b", buffering=0) as writer:
        writer.truncate(0)
        writer.write(theirs[:10])
        window.notes_editor.insertPlainText("Mine")
        window.close()  # asked, and closed: Discard
        writer.write(theirs[10:])
    assert memo_file(folder).read_bytes() == theirs
    (copy,) = Path(os.environ["XDG_DATA_HOME"]).rglob("rescued/* memo-*.md")
    assert copy.read_text("utf-8") == "Line 0\nMine"


def test_a_study_opened_as_a_memo_write_stops_inside_a_letter_says_no_memo_is_unreadable(
    make_study_window: Any, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The half of another program's write of memo.md, cut inside a letter ("Ä" is two
    bytes in UTF-8), was taken for a memo that is not text: read-only, and the banner said
    to save it as UTF-8 to write in it, of a memo that was fine. It is the half of a write
    under way: typed into and merged with the rest once that write is done."""
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)  # longer than the test
    theirs = "Über die Nächte\nÄrger am Morgen\n".encode()
    cut = theirs.index("Ärger".encode()) + 1  # inside the "Ä"
    with memo_file(folder).open("wb", buffering=0) as writer:
        writer.write(theirs[:cut])
        window: MainWindow = make_study_window(folder)
        open_memo(window, qtbot)
        memo = window.memo()
        assert memo is not None
        assert not memo.read_only, memo.why_read_only()
        assert "UTF-8" not in window.banner.text()
        window.notes_editor.moveCursor(window.notes_editor.textCursor().MoveOperation.Start)
        window.notes_editor.insertPlainText("Mine\n")
        writer.write(theirs[cut:])
    qtbot.waitUntil(lambda: window.notes_editor.toPlainText() == "Mine\n" + theirs.decode())
    on_disk(qtbot, folder, "Mine\n" + theirs.decode())


def test_the_half_of_a_memo_write_found_as_the_study_opens_is_not_backed_up(
    make_study_window: Any, folder: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by a code review: the half of another program's write of memo.md, found as
    the study opened, was kept as the memo from before the session: the newest backup,
    which Restore from Backup… and a memo gone missing offer, held half of it. The memo
    from before the session is kept once that write is done."""
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)  # longer than the test
    theirs = "".join(f"Line {i}: some memo words here.\n" for i in range(30)).encode()
    backups = folder / "notes" / "backups"
    with memo_file(folder).open("wb", buffering=0) as writer:
        writer.write(theirs[: len(theirs) // 2])  # ends inside a line
        window: MainWindow = make_study_window(folder)
        memo = window.memo()
        assert memo is not None and memo.saver is not None
        memo.saver.write_backup()  # as just after the first paint
        assert list(backups.glob("memo.*.md")) == []
        writer.write(theirs[len(theirs) // 2 :])
    qtbot.waitUntil(lambda: memo.text() == theirs.decode(), timeout=5000)
    memo.saver.write_backup()
    assert [b.read_bytes() for b in backups.glob("memo.*.md")] == [theirs]
