"""A study coded by keys alone, as a QualCoder, NVivo or MAXQDA user codes for an hour:
codes made and edited in the Codebook, passages coded in the reader, undo in both and
across interviews, retrieval, exports; then the files on disk after a reopen. Every key
goes to the widget with the focus, as the user's would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from reader.ui.window.main_window import MainWindow

NONE = Qt.KeyboardModifier.NoModifier
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
SAID = {
    "Ana": "The night shift starts with coffee and the handover.",
    "Ben": "The hour before dawn is the hardest, nobody talks.",
    "Cem": "We sleep badly after nights, and the rota changes weekly.",
    "Dora": "My manager counts every minute we stand still.",
}


def study_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Warehouse study"
    folder.mkdir()
    for n, (who, said) in enumerate(SAID.items(), start=1):
        (folder / f"P0{n} {who}.txt").write_text(
            f"Interviewer: How do your nights go?\n\n{who}: {said}\n\n"
            f"Interviewer: And your family?\n\n{who}: They barely see me, the children ask.\n",
            "utf-8",
        )
    return folder


def focused() -> Any:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def type_in(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def activate(window: Any, qtbot) -> None:
    """What the window manager does when a dialog or another window closes (offscreen
    has none)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def in_modal(steps) -> None:
    """`steps(dialog)` in the modal dialog the next key opens, once it has the keyboard."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isActiveWindow():
            QTimer.singleShot(20, run)
        else:
            steps(dialog)

    QTimer.singleShot(0, run)


def menu_key(qtbot, then: list[Qt.Key]) -> None:
    """The Menu key on the focused widget (Qt makes it a keyboard context-menu event),
    then `then` in the menu it opens."""
    menu = QApplication.activePopupWidget
    QTimer.singleShot(50, lambda: [qtbot.keyClick(menu(), key) for key in then])
    widget, point = focused(), QPoint(5, 5)
    reason = QContextMenuEvent.Reason.Keyboard
    event = QContextMenuEvent(reason, point, widget.mapToGlobal(point), Qt.KeyboardModifier(0))
    QApplication.sendEvent(widget, event)


def code_found(qtbot, words: str, code: str, enter=NONE) -> None:
    """Ctrl+1, Ctrl+F the words, Escape (they stay selected), C, the code's name, Enter."""
    press(qtbot, Qt.Key.Key_1, CTRL)
    press(qtbot, Qt.Key.Key_F, CTRL)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_in(qtbot, words)
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_C)
    type_in(qtbot, code)
    press(qtbot, Qt.Key.Key_Return, enter)


def study_codes(folder: Path) -> list[str]:
    return [c["name"] for c in orjson.loads((folder / "study.json").read_bytes())["codes"]]


def coded_on_disk(folder: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """Interview id -> (words, code ids) of each passage in its notes file."""
    out = {}
    for path in sorted((folder / "notes").glob("*.json")):
        notes = orjson.loads(path.read_bytes())
        out[path.stem] = [(h["exact"], h["codes"]) for h in notes["highlights"]]
    return out


def open_window(qtbot, folder: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(window, qtbot)
    assert window.study_actions.open_path(folder)
    return window


def test_undoing_a_new_code_takes_it_off_the_passages_coded_with_it_since(
    qtbot, dialogs, tmp_path: Path
) -> None:
    """C, a new name, Enter makes the code (the study's step) and codes the passage (the
    interview's). Ctrl+Z in the Codebook then took the code out of study.json but left the
    passage coded with it: grey, as an unknown code, and on coming back to the interview
    the code was "added to the study's codebook" again, with a banner saying the notes had
    brought it. Undo now takes it off its passages as Delete Code does; Redo puts both back."""
    folder = study_folder(tmp_path)
    window = open_window(qtbot, folder)
    first = window.switcher.current
    code_found(qtbot, "coffee", "Drinks")
    drinks = window.codebook.hub.book.find("Drinks").id
    qtbot.waitUntil(lambda: coded_on_disk(folder).get(first) == [("coffee", [drinks])])
    press(qtbot, Qt.Key.Key_6, CTRL)
    assert window.window_actions.undo.text() == "&Undo New Code"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert study_codes(folder) == []
    # The passage, coded with it alone (no colour, no note), goes with it.
    assert window.interview.session.notes.highlights == []
    press(qtbot, Qt.Key.Key_PageDown, CTRL)  # leaving saves it
    assert coded_on_disk(folder)[first] == []
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    assert window.switcher.current == first
    assert study_codes(folder) == []  # not brought back by the notes
    press(qtbot, Qt.Key.Key_6, CTRL)
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert study_codes(folder) == ["Drinks"]
    assert [(h.exact, h.codes) for h in window.interview.session.notes.highlights] == [
        ("coffee", (drinks,))
    ]
    window.close()
    assert coded_on_disk(folder)[first] == [("coffee", [drinks])]
