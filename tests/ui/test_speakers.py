"""The Speakers dialog (rename, merge, who asks) with undo and the JSON on disk, and the
line that offers it when detection is unsure."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt

from reader.core.export import FORMATS
from reader.core.export.common import ExportOptions
from reader.core.interview import Role
from reader.ui.speakers.speakers_dialog import SIDE, SpeakersDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.test_main_window import saved

FOCUS_GROUP = (
    "Moderator: Who here draws by hand?\n\n"
    "Ann: I do, every day, before I touch the computer.\n\n"
    "Host: And you, Bo?\n\n"
    "Bo: Never. I start on screen.\n\n"
    "Host: Why not?\n\n"
    "Bo: Speed, mostly. And habit.\n"
)


@pytest.fixture
def group(make_window, tmp_path: Path) -> MainWindow:
    path = tmp_path / "focus-group.txt"
    path.write_text(FOCUS_GROUP, encoding="utf-8")
    return make_window(path)


def open_dialog(window: MainWindow) -> SpeakersDialog:
    window.window_actions.speakers.trigger()
    dialog = window.speakers.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def rows(dialog: SpeakersDialog) -> list[tuple[str, str, str]]:
    return [
        (
            dialog.table.item(row, 0).text(),
            dialog.table.cellWidget(row, SIDE).currentText(),
            dialog.table.item(row, 2).text(),
        )
        for row in range(dialog.table.rowCount())
    ]


def speakers_of(window: MainWindow, role: Role) -> list[str]:
    return [s.speaker for s in window.interview.session.segments if s.role is role]


def test_dialog_lists_speakers_with_turns_and_first_words(group: MainWindow) -> None:
    dialog = open_dialog(group)
    assert rows(dialog) == [
        ("Moderator", "Asks", "1"),
        ("Ann", "Answers", "1"),
        ("Host", "Asks", "2"),
        ("Bo", "Answers", "2"),
    ]
    assert dialog.table.item(1, 3).text().startswith("I do, every day")


def test_rename_applies_everywhere_saves_and_undoes(
    group: MainWindow, dialogs, notes_path: Path, qtbot
) -> None:
    dialog = open_dialog(group)
    dialog.select("Bo")
    dialogs.text_answers.append(("Bo Berg", True))
    dialog.rename_button.click()
    assert speakers_of(group, Role.ANSWER) == ["Ann", "Bo Berg", "Bo Berg"]
    assert dialog.selected() == "Bo Berg"
    qtbot.waitUntil(lambda: notes_path.exists() and "structure" in saved(notes_path))
    assert saved(notes_path)["structure"]["speakers"] == {"Bo": "Bo Berg"}
    group.window_actions.undo.trigger()
    assert speakers_of(group, Role.ANSWER) == ["Ann", "Bo", "Bo"]
    assert [r[0] for r in rows(dialog)] == ["Moderator", "Ann", "Host", "Bo"]
    qtbot.waitUntil(lambda: "structure" not in saved(notes_path))


def test_f2_on_a_speakers_row_renames_it(group: MainWindow, dialogs, qtbot) -> None:
    """As F2 renames a code in the Codebook and an interview in the Library."""
    dialog = open_dialog(group)
    dialog.select("Bo")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    dialogs.text_answers.append(("Bo Berg", True))
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    assert speakers_of(group, Role.ANSWER) == ["Ann", "Bo Berg", "Bo Berg"]


def test_merge_two_speakers(group: MainWindow, dialogs, notes_path: Path, qtbot) -> None:
    dialog = open_dialog(group)
    dialog.select("Host")
    dialogs.item_answers.append((0, True))  # the first other speaker: Moderator
    dialog.merge_button.click()
    assert [r[0] for r in rows(dialog)] == ["Moderator", "Ann", "Bo"]
    assert rows(dialog)[0] == ("Moderator", "Asks", "3")
    assert group.window_actions.undo.text() == "&Undo Merge Speakers"
    qtbot.waitUntil(lambda: notes_path.exists() and "structure" in saved(notes_path))
    assert saved(notes_path)["structure"]["speakers"] == {"Host": "Moderator"}
    group.window_actions.undo.trigger()
    assert [r[0] for r in rows(dialog)] == ["Moderator", "Ann", "Host", "Bo"]


def test_choose_who_asks_several_of_each(group: MainWindow, notes_path: Path, qtbot) -> None:
    dialog = open_dialog(group)
    questions_before = group.outline.count()
    ann = dialog.table.cellWidget(1, SIDE)
    ann.setCurrentIndex(ann.findText("Asks"))
    assert speakers_of(group, Role.QUESTION) == ["Moderator", "Ann", "Host", "Host"]
    assert group.outline.count() == questions_before + 1  # Ann asks too, at once
    bo = dialog.table.cellWidget(3, SIDE)
    bo.setCurrentIndex(bo.findText("Asks"))
    assert speakers_of(group, Role.ANSWER) == []
    qtbot.waitUntil(lambda: notes_path.exists() and "structure" in saved(notes_path))
    qtbot.waitUntil(
        lambda: saved(notes_path)["structure"].get("sides") == {"Ann": "question", "Bo": "question"}
    )
    group.window_actions.undo.trigger()
    group.window_actions.undo.trigger()
    assert speakers_of(group, Role.QUESTION) == ["Moderator", "Host", "Host"]
    assert [r[1] for r in rows(dialog)] == ["Asks", "Answers", "Asks", "Answers"]


def test_context_menu_rename_renames_a_merged_speaker_whole(group: MainWindow, dialogs) -> None:
    controller = group.interview.controller
    controller.rename_speaker("Host", "Moderator")
    dialogs.text_answers.append(("Léa", True))
    group.editing.rename_speaker("Moderator")  # the name shown, as the reader's menu sends it
    assert speakers_of(group, Role.QUESTION) == ["Léa", "Léa", "Léa"]


def test_unsure_detection_offers_the_dialog(make_window, tmp_path: Path, qtbot) -> None:
    path = tmp_path / "one-speaker.txt"
    path.write_text("Ann: We met at the studio.\n\nAnn: Then we left.\n", encoding="utf-8")
    window = make_window(path)
    hint = window.speakers.hint
    qtbot.waitUntil(hint.isVisible)
    assert hint.label.text() == "Speakers were guessed. Only one speaker was found."
    assert hint.check.isVisible()
    hint.check.click()
    assert window.speakers.dialog is not None and window.speakers.dialog.isVisible()
    hint.dismiss.click()
    assert not hint.isVisible()


def test_a_text_naming_nobody_says_so_and_offers_no_empty_dialog(
    make_window, tmp_path: Path, qtbot
) -> None:
    path = tmp_path / "captions.txt"
    path.write_text("We met at the studio.\n\nShe showed me her pencils.\n", encoding="utf-8")
    hint = make_window(path).speakers.hint
    qtbot.waitUntil(hint.isVisible)
    assert hint.label.text() == (
        "No speaker is named. No questions were found. Right-click a paragraph (or Shift+F10 "
        "on it) to set its role."
    )
    assert not hint.check.isVisible()


def test_sure_detection_shows_no_line(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.speakers._check_timer.isActive())
    assert not window.speakers.hint.isVisible()


def test_exports_follow_the_speakers_at_once(group: MainWindow, dialogs) -> None:
    dialog = open_dialog(group)
    dialog.select("Ann")
    dialogs.text_answers.append(("Ann Lee", True))
    dialog.rename_button.click()
    ann = dialog.table.cellWidget(1, SIDE)
    ann.setCurrentIndex(ann.findText("Asks"))
    exported = orjson.loads(FORMATS["json"](group.interview.session, ExportOptions()))
    spoken = [(p["speaker"], p["role"]) for p in exported["segments"] if p["speaker"]]
    assert spoken[:2] == [("Moderator", "question"), ("Ann Lee", "question")]
    assert exported["structure"]["sides"] == {"Ann Lee": "question"}


def test_tab_goes_from_the_table_to_its_side_boxes_then_the_buttons(group: MainWindow) -> None:
    """The boxes, made after the buttons, came after Close in the Tab order."""
    dialog = open_dialog(group)
    table = dialog.table
    boxes = [table.cellWidget(row, SIDE) for row in range(table.rowCount())]
    order, widget = [], table
    for _ in range(len(boxes) + 1):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == [*boxes, dialog.rename_button]
