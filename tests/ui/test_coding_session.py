"""A study coded by keys alone, as a QualCoder, NVivo or MAXQDA user codes for an hour:
codes made and edited in the Codebook, passages coded in the reader, undo in both and
across interviews, retrieval, exports; then the files on disk after a reopen. Every key
goes to the widget with the focus, as the user's would."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from reader.ui.window.main_window import MainWindow
from tests.conftest import DATA

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


def focus_back(qtbot) -> None:
    """Offscreen, the focus comes back a moment after a popup menu or dialog closes. Under
    load it once did not within 5 s (twice, in a year of runs): the window was left
    inactive, and offscreen has no window manager to activate it again. After a second,
    the window is activated, as a window manager does; its focus comes back with it."""
    try:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=10_000)
    except qtbot.TimeoutError:
        [window] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        activate(window, qtbot)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    focus_back(qtbot)
    qtbot.keyClick(focused(), key, modifiers)


def type_in(qtbot, text: str) -> None:
    focus_back(qtbot)
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
    focus_back(qtbot)
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


def test_an_hour_of_coding_by_keys_ends_on_disk_as_it_was_in_the_window(
    qtbot, dialogs, tmp_path: Path, monkeypatch
) -> None:
    folder = study_folder(tmp_path)
    window = open_window(qtbot, folder)
    extra = [str(DATA / "student" / "P01-zoom.vtt"), str(DATA / "student" / "P03.srt")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: (extra, ""))
    window.window_actions.add_interviews.trigger()
    assert window.statusBar().currentMessage() == "Added 2 interviews."
    hub, panel = window.codebook.hub, window.codebook.panel

    def tree() -> list[str]:
        return [hub.book.path(c.id) for _, c in hub.book.tree()]

    # The Codebook: Insert, Shift+Insert, F2; the focus stays in the tree throughout.
    press(qtbot, Qt.Key.Key_6, CTRL)
    assert focused() is panel.view
    for name in ("Work", "Family", "Sleep"):
        dialogs.text_answers.append((name, True))
        press(qtbot, Qt.Key.Key_Insert)
    press(qtbot, Qt.Key.Key_Home)
    dialogs.text_answers.append(("Night shift", True))
    press(qtbot, Qt.Key.Key_Insert, SHIFT)
    assert tree() == ["Work", "Work / Night shift", "Family", "Sleep"]
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_F2)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_in(qtbot, "Rest")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: hub.book.find("Rest") is not None)
    assert focused() is panel.view and study_codes(folder)[-1] == "Rest"
    # The Menu key ▸ Colour… on Family; Ctrl+M merges Rest into it.
    press(qtbot, Qt.Key.Key_Up)
    dialogs.code_color_answers.append("#123456")
    menu_key(qtbot, [Qt.Key.Key_C])
    assert hub.book.find("Family").color == "#123456"
    press(qtbot, Qt.Key.Key_Down)
    dialogs.item_answers.append((2, True))  # Work, Work / Night shift, Family
    press(qtbot, Qt.Key.Key_M, CTRL)
    assert study_codes(folder) == ["Work", "Night shift", "Family"]
    assert hub.book.get(panel.current_id()).name == "Family" and focused() is panel.view
    # Delete Night shift; Ctrl+Z brings it back, current; Ctrl+Shift+Z deletes it again.
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Delete)
    assert study_codes(folder) == ["Work", "Family"]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert study_codes(folder) == ["Work", "Night shift", "Family"]
    assert hub.book.get(panel.current_id()).name == "Night shift"
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    # Its memo, by Tab (past the colour and Category): written when the focus leaves.
    while focused() is not panel.memo:
        press(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "Working **nights**")
    press(qtbot, Qt.Key.Key_1, CTRL)
    night = hub.book.find("Night shift").id
    described = orjson.loads((folder / "study.json").read_bytes())["codes"][1]
    assert (described["id"], described["description"]) == (night, "Working **nights**")

    # The reader: two codes on a passage by the picker (Ctrl+Enter, then Enter), one off.
    first = window.switcher.current
    code_found(qtbot, "night shift", "night", enter=CTRL)
    assert window.codebook.coding.picker.isVisible()  # Ctrl+Enter: open for another
    type_in(qtbot, "Family")
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is window.reader
    press(qtbot, Qt.Key.Key_C)
    type_in(qtbot, "Work")
    press(qtbot, Qt.Key.Key_Return)

    def passages() -> list[tuple[str, list[str]]]:
        coded = window.interview.session.notes.highlights
        return [(h.exact, [hub.book.path(c) for c in h.codes]) for h in coded]

    assert passages() == [("night shift", ["Work / Night shift", "Family", "Work"])]
    press(qtbot, Qt.Key.Key_C)
    type_in(qtbot, "Family")  # ticked: Enter leaves it on, Delete takes it off
    press(qtbot, Qt.Key.Key_Return)
    assert passages() == [("night shift", ["Work / Night shift", "Family", "Work"])]
    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_Escape)
    assert passages() == [("night shift", ["Work / Night shift", "Work"])]
    # A selection by Home and Shift+Ctrl+Right from the turn's start leaves out the label.
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Right, CTRL | SHIFT)
    press(qtbot, Qt.Key.Key_C)
    type_in(qtbot, "Sleep")  # no such code: Enter makes it
    press(qtbot, Qt.Key.Key_Return)
    assert passages()[0] == ("The night shift starts", ["Sleep"])
    press(qtbot, Qt.Key.Key_Z, CTRL)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert passages() == [("night shift", ["Work / Night shift", "Family", "Work"])]
    press(qtbot, Qt.Key.Key_Y, CTRL)
    # Another interview and back (Ctrl+PgDn, Ctrl+PgUp): the history and place are kept.
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    code_found(qtbot, "children", "Family")
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    assert window.switcher.current == first and focused() is window.reader
    assert window.window_actions.redo.text() == "&Redo Code Passage"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert passages() == [("night shift", ["Work / Night shift", "Work"])]

    # Coded Passages of Family across the study (Ctrl+6, the code, Enter); Escape.
    press(qtbot, Qt.Key.Key_6, CTRL)
    panel.set_current(hub.book.find("Family").id)
    press(qtbot, Qt.Key.Key_Return)
    retrieval = window.codebook.retrieval
    qtbot.waitUntil(retrieval.isActiveWindow)
    assert focused() is retrieval.list
    assert [(p.title, p.highlight.exact) for p in retrieval.passages] == [("P02 Ben", "children")]
    press(qtbot, Qt.Key.Key_Escape)
    assert not retrieval.isVisible()
    activate(window, qtbot)

    # File ▸ Export… (Ctrl+E) of the whole study: CSV, the codebook (.qdc), the project.
    out = tmp_path / "out"
    out.mkdir()
    for keys, name in (
        ([Qt.Key.Key_H], "passages.csv"),  # "Highlights table (CSV)"
        ([Qt.Key.Key_End], "codebook.qdc"),
        ([Qt.Key.Key_End, Qt.Key.Key_Up], "study.qdpx"),
    ):
        dialogs.save_answers.append(str(out / name))

        def steps(dialog: Any, keys: list[Qt.Key] = keys) -> None:
            assert focused() is dialog.scope_combo
            press(qtbot, Qt.Key.Key_End)  # the whole study
            press(qtbot, Qt.Key.Key_Tab)
            assert focused() is dialog.format_combo
            for key in keys:
                press(qtbot, key)
            press(qtbot, Qt.Key.Key_Return)

        in_modal(steps)
        press(qtbot, Qt.Key.Key_E, CTRL)
        assert window.statusBar().currentMessage().startswith("Exported")
        activate(window, qtbot)
    rows = (out / "passages.csv").read_text("utf-8-sig").splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == ["P01 Ana", "P02 Ben"]
    assert "Night shift;Work" in rows[1] and "Family" in rows[2]
    qdc = (out / "codebook.qdc").read_text("utf-8")
    assert qdc.count("<Code ") == 4 and "<Description>Working **nights**</Description>" in qdc
    with zipfile.ZipFile(out / "study.qdpx") as project:
        qde = project.read("project.qde").decode("utf-8")
    assert qde.count("<TextSource ") == 6 and qde.count("<CodeRef ") == 3

    # Closed and opened again: on disk as it was in the window, nothing doubled.
    codes = [(c.id, c.name, c.color, c.description, c.parent) for _, c in hub.book.tree()]
    coded = {
        first: [
            (h.id, h.start, h.end, list(h.codes)) for h in window.interview.session.notes.highlights
        ]
    }
    window.close()
    data = orjson.loads((folder / "study.json").read_bytes())
    assert [
        (c["id"], c["name"], c["color"], c["description"], c["parent"]) for c in data["codes"]
    ] == codes
    own = orjson.loads((folder / "notes" / f"{first}.json").read_bytes())
    assert [(h["id"], h["start"], h["end"], h["codes"]) for h in own["highlights"]] == coded[first]
    assert {k: len(v) for k, v in coded_on_disk(folder).items()} == {
        first: 1,
        data["interviews"][1]["id"]: 1,
    }
    again = open_window(qtbot, folder)
    assert again.switcher.current == first
    assert [(c.id, c.name) for _, c in again.codebook.hub.book.tree()] == [c[:2] for c in codes]
    assert [(h.id, list(h.codes)) for h in again.interview.session.notes.highlights] == [
        (h[0], h[3]) for h in coded[first]
    ]
    again.close()


def test_coding_more_words_with_a_passages_code_extends_it_not_doubles_it(
    qtbot, dialogs, tmp_path: Path
) -> None:
    """A coded passage extended as NVivo and MAXQDA users extend one: the longer words
    selected (Home, Shift+Ctrl+Right) and coded with its code. That made a second passage
    of the code over the same words: Coded Passages listed "night shift" twice, the
    counts, the CSV and the REFI-QDA project had it twice. The code now spans the longer
    words once; the shorter passage keeps its other codes, and goes with its last."""
    folder = study_folder(tmp_path)
    window = open_window(qtbot, folder)
    first = window.switcher.current
    code_found(qtbot, "night shift", "Night shift", enter=CTRL)
    type_in(qtbot, "Work")
    press(qtbot, Qt.Key.Key_Return)
    book = window.codebook.hub.book
    night, work = book.find("Night shift").id, book.find("Work").id

    def extend_with(code: str) -> None:
        press(qtbot, Qt.Key.Key_Home)  # the turn's start: "Ana: The night shift starts"
        for _ in range(6):
            press(qtbot, Qt.Key.Key_Right, CTRL | SHIFT)
        press(qtbot, Qt.Key.Key_C)
        type_in(qtbot, code)
        press(qtbot, Qt.Key.Key_Return)

    def coded() -> list[tuple[str, list[str]]]:
        return [(h.exact, list(h.codes)) for h in window.interview.session.notes.highlights]

    extend_with("Night shift")
    after = [("The night shift starts", [night]), ("night shift", [work])]
    assert coded() == after
    qtbot.waitUntil(lambda: coded_on_disk(folder).get(first) == after)
    assert window.codebook.hub.counts()[night] == 1
    extend_with("Work")  # the shorter passage's last code: it goes
    assert coded() == [("The night shift starts", [night, work])]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert coded() == after
    press(qtbot, Qt.Key.Key_Z, CTRL)  # one step each
    assert coded() == [("night shift", [night, work])]
    window.close()
    assert coded_on_disk(folder)[first] == [("night shift", [night, work])]


def test_a_categorys_name_typed_in_the_picker_is_said_to_be_a_category(
    qtbot, dialogs, tmp_path: Path
) -> None:
    """A category is not offered (it is not applied to passages), so its name typed in
    the picker offered "+ New code", and Enter said "There is a code “Work” there
    already", of a code the picker did not show. It says what it is, and the words stay
    selected for another C."""
    folder = study_folder(tmp_path)
    window = open_window(qtbot, folder)
    press(qtbot, Qt.Key.Key_6, CTRL)
    dialogs.text_answers.append(("Work", True))
    press(qtbot, Qt.Key.Key_Insert)
    while focused() is not window.codebook.panel.category_box:
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)
    assert not window.codebook.hub.book.find("Work").codable
    code_found(qtbot, "coffee", "Work")
    assert window.statusBar().currentMessage().startswith("“Work” is a category:")
    assert study_codes(folder) == ["Work"]
    assert window.interview.session.notes.highlights == []
    assert focused() is window.reader and window.reader.selected_range() is not None
    window.close()
