"""Go ▸ Back and Forward across a study's interviews (library/interview_history.py): a
search result in another interview opened it, and Back (Alt+Shift+Left) said "No jump to
go back from", the reading left behind in the interview before out of reach but by the
Library; each key here goes to the widget with the focus, as the user's would."""

from __future__ import annotations

from pathlib import Path

import orjson
from PySide6.QtCore import Qt, QTimer

from tests.ui.test_coding_session import (
    CTRL,
    SHIFT,
    focused,
    open_window,
    press,
    study_folder,
    type_in,
)

ALT = Qt.KeyboardModifier.AltModifier


def highlights_on_disk(folder: Path, interview: str) -> list[str]:
    [path] = (folder / "notes").glob(f"{interview}-*.json")
    return [h["exact"] for h in orjson.loads(path.read_bytes())["highlights"]]


def test_back_from_a_search_result_in_another_interview_goes_back_to_the_one_before(
    qtbot, dialogs, tmp_path: Path
) -> None:
    folder = study_folder(tmp_path)
    window = open_window(qtbot, folder)
    reader = window.reader
    press(qtbot, Qt.Key.Key_1, CTRL)
    press(qtbot, Qt.Key.Key_End, CTRL)  # reading on, at the end of P01 Ana
    read_at = reader.textCursor().position()
    press(qtbot, Qt.Key.Key_F, CTRL | SHIFT)
    type_in(qtbot, "dawn")  # said in P02 Ben alone
    press(qtbot, Qt.Key.Key_Return)  # to the results
    press(qtbot, Qt.Key.Key_Return)  # the first: P02 Ben opens on it
    assert window.windowTitle().endswith("P02 Ben") and focused() is reader
    assert reader.textCursor().selectedText() == "dawn"

    press(qtbot, Qt.Key.Key_Left, ALT | SHIFT)  # Back
    assert window.windowTitle().endswith("P01 Ana")
    assert focused() is reader and reader.textCursor().position() == read_at
    press(qtbot, Qt.Key.Key_Left, ALT | SHIFT)  # nothing before: said, nothing opened
    assert window.windowTitle().endswith("P01 Ana")
    assert window.statusBar().currentMessage() == "No jump to go back from."

    press(qtbot, Qt.Key.Key_Right, ALT | SHIFT)  # Forward: the result, selected again
    assert window.windowTitle().endswith("P02 Ben")
    assert reader.textCursor().selectedText() == "dawn"
    press(qtbot, Qt.Key.Key_2)  # the words found, highlighted
    window.close()
    assert highlights_on_disk(folder, "p02-ben") == ["dawn"]


def next_turn(qtbot) -> None:
    """The event loop turns, as between two keys a person presses."""
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(True))
    qtbot.waitUntil(lambda: bool(turned))


def test_back_goes_through_the_interviews_jumps_then_to_the_one_before(
    qtbot, dialogs, tmp_path: Path
) -> None:
    """Ctrl+PgDn is a step of the history too, as a page is in a browser; the jumps made in
    the interview come first, then the interview before, then nothing (said)."""
    folder = study_folder(tmp_path)
    window = open_window(qtbot, folder)
    reader = window.reader
    press(qtbot, Qt.Key.Key_1, CTRL)
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    next_turn(qtbot)
    assert window.windowTitle().endswith("P02 Ben")
    press(qtbot, Qt.Key.Key_Down)  # reading a line on
    reading_at = reader.textCursor().position()
    press(qtbot, Qt.Key.Key_4, CTRL)
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Return)  # the last question: a jump, the reader has the keys
    assert focused() is reader and reader.textCursor().position() != reading_at
    press(qtbot, Qt.Key.Key_Left, ALT | SHIFT)
    assert window.windowTitle().endswith("P02 Ben")
    assert reader.textCursor().position() == reading_at
    press(qtbot, Qt.Key.Key_Left, ALT | SHIFT)
    assert window.windowTitle().endswith("P01 Ana")
    press(qtbot, Qt.Key.Key_Right, ALT | SHIFT)
    assert window.windowTitle().endswith("P02 Ben")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # a new step: Forward has nothing left
    press(qtbot, Qt.Key.Key_Right, ALT | SHIFT)
    assert window.windowTitle().endswith("P03 Cem")
    assert window.statusBar().currentMessage() == "No jump to go forward to."


def to_the_last_question(qtbot) -> int:
    """A jump: the Outline's last question gone to, the reader given the keys again;
    where the caret is then."""
    press(qtbot, Qt.Key.Key_4, CTRL)
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Return)
    next_turn(qtbot)
    return focused().textCursor().position()


def test_back_and_forward_are_one_history_across_interviews(qtbot, dialogs, tmp_path: Path) -> None:
    """As a browser's: Back through P02 Ben's jump, then P01 Ana's, then Forward through
    them again in order. Back opened P01 Ana with its jumps forgotten (Back there said
    "No jump to go back from"), and Forward opened P02 Ben where Back left it and went no
    further: the jump made in it was lost."""
    folder = study_folder(tmp_path)
    window = open_window(qtbot, folder)
    reader = window.reader
    next_turn(qtbot)
    press(qtbot, Qt.Key.Key_1, CTRL)
    press(qtbot, Qt.Key.Key_Down)  # reading a line on
    ana_read = reader.textCursor().position()
    ana_jumped = to_the_last_question(qtbot)
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    next_turn(qtbot)
    press(qtbot, Qt.Key.Key_Down)
    ben_read = reader.textCursor().position()
    ben_jumped = to_the_last_question(qtbot)
    assert len({ana_read, ana_jumped}) == len({ben_read, ben_jumped}) == 2

    def where() -> tuple[str, int]:
        return window.windowTitle().rpartition(" ")[2], reader.textCursor().position()

    seen = []
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Left, ALT | SHIFT)  # Back
        seen.append(where())
    assert seen == [("Ben", ben_read), ("Ana", ana_jumped), ("Ana", ana_read)]
    press(qtbot, Qt.Key.Key_Left, ALT | SHIFT)
    assert window.statusBar().currentMessage() == "No jump to go back from."
    seen = []
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Right, ALT | SHIFT)  # Forward
        seen.append(where())
    assert seen == [("Ana", ana_jumped), ("Ben", ben_read), ("Ben", ben_jumped)]
    assert focused() is reader
    press(qtbot, Qt.Key.Key_Right, ALT | SHIFT)
    assert window.statusBar().currentMessage() == "No jump to go forward to."
