"""Actions greyed out while they cannot act, the reason in their tips, and on again once
they can (window/action_states.py): read-only notes and studies, nothing selected, no
study; the Speakers dialog read-only; the banner's way out; the retrieval's and pictures'
saving with nothing coded. As a user does it: keys and menus, then the JSON on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QToolTip

from reader.core.read_only import SAVE_AS_WAY_OUT, ReadOnly
from reader.ui.codebook.picture_view import NO_CODINGS
from reader.ui.codebook.pictures import NOTHING_TO_SAVE
from reader.ui.codebook.retrieval import NOTHING_TO_EXPORT
from reader.ui.speakers.speakers_dialog import SEEN_NOT_CHANGED, SIDE
from reader.ui.window.action_states import (
    NO_INTERVIEW,
    NO_PASSAGE,
    NO_STUDY,
    SEE_SPEAKERS,
)
from reader.ui.window.main_window import MainWindow
from reader.ui.window.shortcuts import shortcut_rows
from reader.ui.window.undo_focus import NOTHING_TO_REDO, NOTHING_TO_UNDO
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_highlights import highlight_with_key, saved, select

# Another window edits these notes: why, and the way out (a lone interview's notes can move).
NOTES_READ_ONLY = f"{ReadOnly.NOTES_IN_USE.value} {SAVE_AS_WAY_OUT}"
STUDY_READ_ONLY = ReadOnly.STUDY_IN_USE.value  # another window has the study

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def activate(window: MainWindow, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def menu(window: MainWindow, title: str) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def press_in_menu(window: MainWindow, qtbot: Any, title: str, letter: Qt.Key, item: Qt.Key):
    """Alt+`letter` opens the menu `title`; `item` is the letter of one of its items."""
    opened = menu(window, title)
    qtbot.keyClick(window, letter, ALT)
    qtbot.waitUntil(opened.isVisible)
    qtbot.keyClick(opened, item)
    if opened.isVisible():  # a greyed-out item: the menu stays open and nothing happens
        qtbot.keyClick(opened, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not opened.isVisible())
        bar = window.menuBar()
        if QApplication.focusWidget() is bar:  # Escape again leaves the menu bar
            qtbot.keyClick(bar, Qt.Key.Key_Escape)
        assert QApplication.focusWidget() is not bar


def hover_tip(window: MainWindow, qtbot: Any, title: str, action: Any) -> str:
    """The tooltip shown when the pointer rests on `action` in the menu `title`."""
    shown = menu(window, title)
    shown.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitUntil(shown.isVisible)
    at = shown.actionGeometry(action).center()
    QApplication.sendEvent(shown, QHelpEvent(QEvent.Type.ToolTip, at, shown.mapToGlobal(at)))
    text = QToolTip.text()
    shown.hide()
    return text


def test_read_only_notes_grey_out_editing_and_save_notes_as_in_the_banner_gives_it_back(
    make_window: Callable[..., MainWindow], dialogs: Any, tmp_path: Path, qtbot: Any
) -> None:
    first = make_window()
    second = make_window()  # the same notes: read-only here
    actions, codes = second.window_actions, second.window_actions.codes
    editing = [
        actions.quote_in_notes,
        actions.color_labels,
        actions.restore_backup,
        actions.import_annotations,
        codes.code_passage,
        codes.import_qdc,
        codes.import_qdc_in_codes,
    ]
    activate(second, qtbot)
    text = second.interview.session.document.text
    start = text.index("scripted")
    select(second, qtbot, start, start + len("scripted"))
    assert not any(a.isEnabled() for a in editing)
    assert {a.toolTip() for a in editing} == {a.statusTip() for a in editing} == {NOTES_READ_ONLY}
    assert hover_tip(second, qtbot, "Edit", actions.quote_in_notes) == NOTES_READ_ONLY
    assert actions.speakers.isEnabled() and actions.speakers.statusTip() == SEE_SPEAKERS
    assert codes.import_qdpx.isEnabled()  # a project becomes a new study
    press_in_menu(second, qtbot, "Edit", Qt.Key.Key_E, Qt.Key.Key_Q)  # Quote in Notes: off
    assert second.notes_editor.toPlainText() == ""
    # The banner says who has the notes in words, and offers the way out.
    banner = second.banner.text()
    assert "another Interview Reader window (on this computer) is editing" in banner
    assert "process" not in banner
    (save_as,) = [b for b in second.banner.buttons if b.text() == "Save Notes As…"]
    mine = tmp_path / "mine.json"
    dialogs.save_answers.append(str(mine))
    qtbot.mouseClick(save_as, Qt.MouseButton.LeftButton)
    assert not second.interview.read_only
    assert all(a.isEnabled() for a in editing)
    assert actions.quote_in_notes.toolTip() != NOTES_READ_ONLY
    assert actions.quote_in_notes.statusTip() == actions.quote_in_notes.whatsThis()  # its own
    # Edit ▸ Quote in Notes, by its letters: a highlight and a quote, saved to mine.json.
    press_in_menu(second, qtbot, "Edit", Qt.Key.Key_E, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: mine.exists() and "> scripted" in saved(mine)["notes"])
    assert [h["exact"] for h in saved(mine)["highlights"]] == ["scripted"]
    first.close()


def test_the_speakers_dialog_shows_but_cannot_change_read_only_notes(
    make_window: Callable[..., MainWindow],
    dialogs: Any,
    tmp_path: Path,
    notes_path: Path,
    qtbot: Any,
) -> None:
    first = make_window()
    second = make_window()
    second.window_actions.speakers.trigger()
    dialog = second.speakers.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.summary.text() == (
        f"{ReadOnly.NOTES_IN_USE.value} {SEEN_NOT_CHANGED} {SAVE_AS_WAY_OUT}"
    )
    assert "Changes apply at once" not in dialog.summary.text()
    assert not dialog.rename_button.isEnabled() and not dialog.merge_button.isEnabled()
    assert dialog.rename_button.toolTip() == NOTES_READ_ONLY
    boxes = [dialog.table.cellWidget(r, SIDE) for r in range(dialog.table.rowCount())]
    assert boxes and not any(box.isEnabled() for box in boxes)
    dialogs.text_answers.append(("Moderator", True))
    dialog.table.itemDoubleClicked.emit(dialog.table.item(0, 0))  # a double click: no rename
    assert dialogs.text_answers == [("Moderator", True)]
    # Write access back: the dialog follows at once.
    mine = tmp_path / "mine.json"
    dialogs.save_answers.append(str(mine))
    second.window_actions.save_notes_as.trigger()
    assert dialog.rename_button.isEnabled() and "Changes apply at once" in dialog.summary.text()
    box = dialog.table.cellWidget(0, SIDE)
    assert isinstance(box, QComboBox) and box.isEnabled()
    name = dialog.speakers[0].name
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # Asks → Answers
    qtbot.waitUntil(lambda: mine.exists() and sides(mine).get(name) == "answer")
    first.close()
    assert not notes_path.exists() or name not in sides(notes_path)


def sides(path: Path) -> dict[str, str]:
    return saved(path).get("structure", {}).get("sides", {})


def test_quote_and_code_follow_the_selection_and_the_caret(
    window: MainWindow, qtbot: Any, notes_path: Path
) -> None:
    actions, codes = window.window_actions, window.window_actions.codes
    activate(window, qtbot)
    reader = window.reader
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)  # the caret at the start, nothing selected
    for action in (actions.quote_in_notes, codes.code_passage, codes.recent[0]):
        assert not action.isEnabled() and action.toolTip() == NO_PASSAGE
    assert hover_tip(window, qtbot, "Codes", codes.code_passage) == NO_PASSAGE
    press_in_menu(window, qtbot, "Codes", Qt.Key.Key_C, Qt.Key.Key_C)  # Code Passage…: off
    assert window.codebook.coding.picker is None or not window.codebook.coding.picker.isVisible()
    highlight_with_key(window, qtbot, "scripted")  # select, H
    assert actions.quote_in_notes.isEnabled() and codes.code_passage.isEnabled()
    qtbot.keyClick(reader, Qt.Key.Key_Right)  # the selection gone, the caret after it
    qtbot.keyClick(reader, Qt.Key.Key_Left)
    qtbot.keyClick(reader, Qt.Key.Key_Left)  # inside the highlight now
    assert reader.current_highlight() is not None
    assert actions.quote_in_notes.isEnabled()
    press_in_menu(window, qtbot, "Edit", Qt.Key.Key_E, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: notes_path.exists() and "> scripted" in saved(notes_path)["notes"])
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Home, CTRL)  # out of the highlight: off again
    assert not actions.quote_in_notes.isEnabled()
    assert [h["exact"] for h in saved(notes_path)["highlights"]] == ["scripted"]


def test_switching_and_adding_need_a_study(
    make_window: Callable[..., MainWindow],
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
) -> None:
    alone = make_window()
    actions = alone.window_actions
    switching = [actions.next_interview, actions.previous_interview, actions.add_interviews]
    assert not any(a.isEnabled() for a in switching)
    assert {a.toolTip() for a in switching} == {NO_STUDY}
    activate(alone, qtbot)
    before = alone.interview.session.document.title
    qtbot.keyClick(alone.reader, Qt.Key.Key_PageDown, CTRL)
    assert alone.interview.session.document.title == before
    study = make_study_window(folder)
    actions = study.window_actions
    assert all(a.isEnabled() for a in [actions.next_interview, actions.add_interviews])
    assert study.library.add_button.isEnabled()
    activate(study, qtbot)
    first = study.switcher.current
    study.reader.setFocus()
    qtbot.keyClick(study.reader, Qt.Key.Key_PageDown, CTRL)
    assert study.switcher.current != first


def test_a_read_only_study_offers_no_adding(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    make_study_window(folder)
    second = make_study_window(folder)  # another window has the study
    actions = second.window_actions
    off = [
        actions.add_interviews,
        actions.color_labels,
        actions.quote_in_notes,
        actions.codes.import_qdpx,
        actions.codes.import_qdc,
    ]
    assert not any(a.isEnabled() for a in off)
    assert {a.toolTip() for a in off} == {STUDY_READ_ONLY}
    add = second.library.add_button
    assert not add.isEnabled() and add.toolTip() == STUDY_READ_ONLY
    assert "another Interview Reader window (on this computer) has it open" in second.banner.text()
    assert actions.next_interview.isEnabled()  # reading the others is fine


def test_nothing_open_greys_out_what_needs_an_interview(qtbot: Any, dialogs: Any) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    actions = window.window_actions
    for action in (
        actions.save_notes_as,
        actions.show_notes_file,
        actions.export,
        actions.print,
        actions.speakers,
        actions.color_labels,
        actions.quote_in_notes,
    ):
        assert not action.isEnabled() and action.toolTip() == NO_INTERVIEW, action.text()
    window.close()


def test_nothing_coded_greys_out_the_exports_and_says_so(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    dialogs: Any,
    tmp_path: Path,
    qtbot: Any,
) -> None:
    window = make_study_window(folder)
    panel = window.codebook.panel
    window.window_actions.codes.focus_codebook.trigger()
    dialogs.text_answers.append(("Drinks", True))
    qtbot.keyClick(panel.view, Qt.Key.Key_Insert)  # a code, no passage coded yet
    window.window_actions.codes.retrieve.trigger()
    retrieval = window.codebook.retrieval
    assert retrieval is not None and retrieval.passages == []
    assert not retrieval.export_button.isEnabled()
    assert retrieval.export_button.toolTip() == NOTHING_TO_EXPORT
    window.window_actions.codes.pictures.trigger()
    pictures = window.codebook.pictures
    assert pictures is not None and pictures.view.empty
    for kind in ("interview", "co-occurrence", "frequencies"):
        pictures.show_kind(kind)
        assert pictures.view.empty
        assert not any(b.isEnabled() for b in pictures.save_buttons)
        assert {b.toolTip() for b in pictures.save_buttons} == {NOTHING_TO_SAVE}
    image = pictures.view.grab().toImage()
    assert pictures.view.width() >= pictures.view.fontMetrics().horizontalAdvance(NO_CODINGS)
    assert len({image.pixel(x, image.height() // 2) for x in range(image.width())}) > 1  # text
    # A passage coded: both come on (shown again), and save.
    activate(window, qtbot)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    window.window_actions.codes.retrieve.trigger()
    assert len(retrieval.passages) == 1 and retrieval.export_button.isEnabled()
    window.window_actions.codes.pictures.trigger()
    assert not pictures.view.empty and all(b.isEnabled() for b in pictures.save_buttons)
    out = tmp_path / "frequencies.csv"
    dialogs.save_answers.append(str(out))
    pictures.save("csv")
    assert out.read_text("utf-8-sig").splitlines()[1:] == ["Drinks,1,1"]  # passages, interviews


def test_undo_and_redo_greyed_out_say_there_is_nothing(
    make_window: Callable[..., MainWindow], qtbot: Any
) -> None:
    window = make_window()
    undo, redo = window.window_actions.undo, window.window_actions.redo
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert not undo.isEnabled() and undo.toolTip() == undo.statusTip() == NOTHING_TO_UNDO
    assert not redo.isEnabled() and redo.toolTip() == redo.statusTip() == NOTHING_TO_REDO
    highlight_with_key(window, qtbot, "Hollywood")
    assert undo.isEnabled() and undo.statusTip() == ""  # the menu names what it undoes
    assert undo.toolTip() == "Undo Add Highlight"
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert redo.isEnabled() and redo.statusTip() == "" and redo.toolTip() != NOTHING_TO_REDO
    assert not undo.isEnabled() and undo.toolTip() == NOTHING_TO_UNDO
    # The F1 list names them by what they are, not by what they would undo now.
    assert ("Ctrl+Z", "Undo the last change") in shortcut_rows(window, window.window_actions)


def test_a_study_saved_by_a_newer_build_says_so_everywhere_not_another_window(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    from reader.core.study import open_study

    study = open_study(folder)
    study.save()
    data = orjson.loads((folder / "study.json").read_bytes())
    data["version"] = 99
    (folder / "study.json").write_bytes(orjson.dumps(data))
    window = make_study_window(folder)
    why = ReadOnly.STUDY_FILE.value
    actions = window.window_actions
    for action in (actions.add_interviews, actions.color_labels, actions.restore_backup):
        assert not action.isEnabled() and action.toolTip() == why
    assert window.window_actions.playback.attach.statusTip() == why
    assert window.save_label.text() == "Read-only" and window.save_label.toolTip() == why
    described = window.library.filter.accessibleDescription()
    assert described == f"3 interviews · read-only. {why}" == window.library.filter.toolTip()
    actions.speakers.trigger()
    assert window.speakers.dialog.summary.text() == f"{why} {SEEN_NOT_CHANGED}"
    # A key that would change the notes: refused, and the status bar says why.
    text = window.interview.session.document.text
    select(window, qtbot, 0, text.index(" "))
    qtbot.keyClick(window.reader, Qt.Key.Key_H)
    assert window.interview.session.notes.highlights == []
    assert window.statusBar().currentMessage() == why


def test_notes_written_by_a_newer_build_say_their_file_not_another_window(
    make_window: Callable[..., MainWindow], notes_path: Path, qtbot: Any
) -> None:
    first = make_window()
    highlight_with_key(first, qtbot, "Rehearsal")
    first.close()
    data = orjson.loads(notes_path.read_bytes())
    data["version"] = 99
    notes_path.write_bytes(orjson.dumps(data))
    window = make_window()
    why = f"{ReadOnly.NOTES_FILE.value} {SAVE_AS_WAY_OUT}"
    assert window.window_actions.restore_backup.toolTip() == why
    assert window.window_actions.undo.toolTip() == why
    assert window.save_label.toolTip() == why
    highlight_with_key(window, qtbot, "scripted")
    assert window.statusBar().currentMessage() == why
    assert [h.exact for h in window.interview.session.notes.highlights] == ["Rehearsal"]


def test_notes_that_could_not_be_read_offer_no_save_as(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    """A notes file that cannot be opened (here a folder in its place) shows no notes:
    saving them elsewhere would save nothing and leave the file behind, so it is not offered."""
    unreadable = tmp_path / "notes.json"
    unreadable.mkdir()
    window = make_window(notes=unreadable)
    assert window.interview.read_only_cause is ReadOnly.NOTES_UNREAD
    why = ReadOnly.NOTES_UNREAD.value
    assert SAVE_AS_WAY_OUT not in window.interview.why_read_only()
    assert not window.window_actions.save_notes_as.isEnabled()
    assert window.window_actions.save_notes_as.toolTip() == why
    assert window.window_actions.undo.toolTip() == why
    highlight_with_key(window, qtbot, "Rehearsal")
    assert window.statusBar().currentMessage() == why
    assert unreadable.is_dir()  # nothing written in its place
