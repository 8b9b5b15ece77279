"""The accessibility rule (#17, tests/ui/test_accessibility.py) in every dialog and popup
the app opens, each opened as a user opens it, by its command or key: every field, list,
box and button named (and described, where test_accessibility.DESCRIBED says), Tab going
round all of them in the order they are laid out, with the focus seen on each.

A modal dialog's exec() is stubbed (tests/ui/conftest.py stubs Qt's and ours for the other
tests): it shows the dialog, walks it as a screen reader does, and cancels it. Qt's file
and print dialogs are left as Qt makes them: the system's own where there is one, else
Qt's, which names its fields by their labels (without descriptions); naming them would take
building Qt's own everywhere, and the system's dialog, its users' usual one, would go. Qt's
colour dialog, which most systems show as Qt makes it, is built by reader.ui.dialogs
.get_color, which names the parts Qt leaves nameless."""

from __future__ import annotations

import ast
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QWidget

from reader.core.study import open_study
from reader.ui.dialogs import ColorLabelsDialog, NoteDialog
from reader.ui.dialogs import ask as real_ask
from reader.ui.window.main_window import MainWindow
from tests.conftest import ROOT
from tests.ui.media_files import write_wav
from tests.ui.memo.test_memo_recovery import memo_backup
from tests.ui.memo.test_study_memo import open_memo
from tests.ui.test_accessibility import unnamed
from tests.ui.test_codebook import code_with_keys
from tests.ui.test_highlights import highlight_with_key
from tests.ui.test_main_window import menu_action, paragraph_point
from tests.ui.test_read_only_undo import activate

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
MOST_TABS = 400  # the User Guide's links are Tab stops too


def tab_stops(dialog: QWidget) -> list[QWidget]:
    """What Tab should reach in `dialog`: each widget shown, enabled and taking the focus
    by Tab (a widget with a focus proxy gives it to the proxy)."""
    found = []
    for widget in dialog.findChildren(QWidget):
        if widget.focusProxy() is not None or not widget.isVisibleTo(dialog):
            continue
        if widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
    return found


def tab_round(dialog: QWidget, qtbot: Any) -> dict[QWidget, QImage]:
    """The widgets Tab goes to, once round `dialog` from its focus, in turn, each with how
    it looks as it has the focus (a text with links keeps Tab while it goes along them)."""
    start = QApplication.focusWidget()
    assert start is not None and dialog.isAncestorOf(start), f"{title(dialog)}: no focus in it"
    reached = {start: start.grab().toImage()}
    for _ in range(MOST_TABS):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is start and len(reached) > 1:  # as Tab shows it: opened by the mouse,
            reached[start] = start.grab().toImage()  # Qt shows no focus until a key
            return reached
        reached.setdefault(focus, focus.grab().toImage())
    raise AssertionError(f"{title(dialog)}: Tab never came back round")


def place(widget: QWidget, dialog: QWidget) -> QRect:
    return QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())


def named(widget: QWidget) -> str:
    """`widget` as a failure names it: by its accessible name, its words, its kind."""
    words = widget.text() if hasattr(widget, "text") else ""
    return widget.accessibleName() or words or type(widget).__name__


def tab_problems(dialog: QWidget, qtbot: Any) -> list[str]:
    """What is wrong with Tab in `dialog`: a stop it never reaches, a stop reached out of
    the order the dialog is read in (down, and left to right along a row), a stop whose
    focus does not show."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    looks = tab_round(dialog, qtbot)
    reached = list(looks)
    problems = [f"{named(w)}: Tab never reaches it" for w in tab_stops(dialog) if w not in looks]
    if len(reached) > 1:  # each as it looks with the focus elsewhere
        first = reached[0]
        unfocused = {w: w.grab().toImage() for w in reached[1:]}
        qtbot.keyClick(first, Qt.Key.Key_Tab)
        unfocused[first] = first.grab().toImage()
        problems += [f"{named(w)}: its focus does not show" for w in reached
                     if looks[w] == unfocused[w]]  # fmt: skip
    # In the order they are read: from the stop nearest the top left, each next one lower
    # down, or along the same row, or in a column to the right.
    places = [place(w, dialog) for w in reached]
    first = min(range(len(reached)), key=lambda i: (places[i].top(), places[i].left()))
    order = list(range(first, len(reached))) + list(range(first))
    for a, b in pairwise(order):
        here, there = places[a], places[b]
        if there.top() < here.top() - 2 and there.left() < here.right():
            problems.append(f"Tab goes up from {named(reached[a])} to {named(reached[b])}")
    return problems


def window_titled(name: str) -> QWidget:
    """The window shown beside the main one under the title `name`."""
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == name]
    assert len(shown) == 1, (name, [w.windowTitle() for w in QApplication.topLevelWidgets()])
    return shown[0]


def title(widget: QWidget) -> str:
    return widget.windowTitle() or widget.accessibleName() or widget.objectName()


class Met:
    """The dialogs opened meanwhile: for each title, what a screen reader or the keyboard
    misses in it. A modal one is walked in its exec() and cancelled; `walk` walks one
    shown beside the main window."""

    def __init__(self, qtbot: Any, monkeypatch: Any) -> None:
        self.qtbot = qtbot
        self.found: dict[str, list[str]] = {}

        def exec_(dialog: QDialog) -> int:
            self.walk(dialog)
            dialog.hide()
            return QDialog.DialogCode.Rejected

        for kind in (QDialog, QInputDialog, QMessageBox, NoteDialog, ColorLabelsDialog):
            monkeypatch.setattr(kind, "exec", exec_)
        monkeypatch.setattr("reader.ui.dialogs.ask", real_ask)  # its message box, made

    def walk(self, dialog: QWidget, tabs: bool = True) -> None:
        if not dialog.isVisible():
            dialog.show()
        self.qtbot.waitExposed(dialog)
        # What the dialog replaced (a Side box made anew) goes, as in the app's event loop.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        found = unnamed(dialog)
        if tabs:
            found += tab_problems(dialog, self.qtbot)
        self.found[title(dialog)] = found

    def shown(self, *titles: str) -> dict[str, list[str]]:
        assert set(titles) <= self.found.keys(), (titles, list(self.found))
        return {t: self.found[t] for t in titles}


@pytest.fixture
def met(make_study_window: Any, qtbot: Any, monkeypatch: Any) -> Met:
    """(After make_study_window: its dialogs' stubs are patched over, then back.)"""
    return Met(qtbot, monkeypatch)


@pytest.fixture
def study_window(make_study_window: Any, folder: Path, qtbot: Any) -> MainWindow:
    """The study with an attribute, a recording of its first interview, two codes."""
    study = open_study(folder)
    study.define_attribute("Role", "choice", ["nurse", "porter"])
    study.set_attribute(study.interviews[0].id, "role", "nurse")
    study.save()
    write_wav(folder / "P01 Ana.wav")
    memo_backup(folder, "Themes of May\n", datetime(2026, 5, 1, 9))
    window = make_study_window(folder)
    window.resize(1280, 800)
    activate(window, qtbot)
    qtbot.waitUntil(window.player_bar.isVisible)
    code_with_keys(window, qtbot, "coffee", "Drinks")
    code_with_keys(window, qtbot, "handover", "Rituals")
    return window


def codebook_key(window: MainWindow, qtbot: Any, key: Qt.Key, modifiers: Any = NONE) -> None:
    """A key pressed on the code Drinks in the Codebook."""
    panel = window.codebook.panel
    activate(window, qtbot)
    window.window_actions.codes.focus_codebook.trigger()  # Ctrl+6
    qtbot.waitUntil(panel.view.hasFocus)
    panel.set_current(panel.hub.book.find("Drinks").id)
    qtbot.keyClick(panel.view, key, modifiers)


def test_the_dialogs_of_the_interview_and_its_codes(
    study_window: MainWindow, met: Met, qtbot: Any
) -> None:
    window, actions = study_window, study_window.window_actions
    reader = window.reader
    actions.color_labels.trigger()  # Edit ▸ Highlight Colours…
    highlight_with_key(window, qtbot, "handover")
    qtbot.keyClick(reader, Qt.Key.Key_N)  # the note on the highlight
    said = next(seg for seg in window.interview.session.segments if seg.speaker)
    menu = reader.build_context_menu(paragraph_point(window, said.start))
    menu_action(menu, "Rename Speaker…").trigger()
    assert met.shown("Highlight Colours", "Note on Highlight", "Rename Speaker") == {
        "Highlight Colours": [],
        "Note on Highlight": [],
        "Rename Speaker": [],
    }
    activate(window, qtbot)
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_T, CTRL)  # Playback ▸ Go to Time…
    activate(window, qtbot)
    highlight_with_key(window, qtbot, "shifts", Qt.Key.Key_C)  # the code picker on a passage
    picker = window.codebook.coding.picker
    assert picker.isVisible()
    met.walk(picker, tabs=False)  # one stop: the list goes by Up and Down from the field
    qtbot.keyClick(picker.edit, Qt.Key.Key_Escape)
    for key, modifiers in (
        (Qt.Key.Key_Insert, NONE),  # New Code…
        (Qt.Key.Key_M, CTRL),  # Merge Into…
        (Qt.Key.Key_M, CTRL | SHIFT),  # Move Into…
        (Qt.Key.Key_Delete, NONE),  # Delete Code: its question
    ):
        codebook_key(window, qtbot, key, modifiers)
    titles = ["Go to Time", "code-picker", "New Code", "Merge Codes", "Move Code", "Delete Code"]
    assert met.shown(*titles) == {t: [] for t in titles}


def test_the_dialogs_of_the_file_and_help_menus(
    study_window: MainWindow, met: Met, qtbot: Any
) -> None:
    window, actions = study_window, study_window.window_actions
    actions.export.trigger()  # File ▸ Export…
    open_memo(window, qtbot)
    actions.restore_backup.trigger()  # File ▸ Restore from Backup… (the memo's)
    actions.shortcuts.trigger()  # F1
    met.walk(window_titled("Keyboard Shortcuts"))
    actions.user_guide.trigger()  # Help ▸ User Guide
    met.walk(window_titled("Interview Reader User Guide"))
    window.library.newAttributeRequested.emit()  # the Library's New Attribute…
    window.library.editAttributeRequested.emit("role")  # and a heading's Change…
    titles = ["Export", "Restore from Backup", "Keyboard Shortcuts", "Interview Reader User Guide"]
    titles += ["New Attribute", "Change Attribute"]
    assert met.shown(*titles) == {t: [] for t in titles}


def test_the_speakers_dialog_and_what_it_asks(
    study_window: MainWindow, met: Met, qtbot: Any
) -> None:
    window = study_window
    window.reader.setFocus()
    window.window_actions.speakers.trigger()  # Edit ▸ Speakers…
    dialog = window.speakers.dialog
    met.walk(dialog)
    assert dialog.study_button.isVisible()  # Q and A speak in every interview
    for button in (dialog.rename_button, dialog.merge_button, dialog.study_button):
        button.click()
    titles = ["Speakers", "Rename Speaker", "Merge Speakers", "Rename in Study"]
    assert met.shown(*titles) == {t: [] for t in titles}


def test_the_windows_of_the_codes_and_the_values_of_an_attribute(
    study_window: MainWindow, met: Met, qtbot: Any
) -> None:
    window, codes = study_window, study_window.window_actions.codes
    codes.retrieve.trigger()  # Codes ▸ Coded Passages
    met.walk(window_titled("Coded Passages"))
    codes.pictures.trigger()  # Codes ▸ Pictures of the Coding
    met.walk(window_titled("Pictures of the Coding"))
    activate(window, qtbot)
    window.window_actions.search_everything.trigger()
    combo = window.search_panel.scope.filter
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_End)  # Several values…
    met.walk(window_titled("Interviews with Several Values"))
    titles = ["Coded Passages", "Pictures of the Coding", "Interviews with Several Values"]
    assert met.shown(*titles) == {t: [] for t in titles}


def test_no_dialog_asks_with_qts_unnamed_fields() -> None:
    """QInputDialog.getText and getItem name their field by its label and describe it not
    at all, QColorDialog.getColor leaves its colour field nameless; reader.ui.dialogs
    .get_text, get_item and get_color are the ones to use."""
    calls = []
    for path in (ROOT / "reader").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("QInputDialog", "QColorDialog")
                and node.attr.startswith("get")
            ):
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert calls == []


def walked_when_shown(met: Met, qtbot: Any, start: Any, then: Any = None) -> None:
    """`start()` does what shows a progress dialog: walked once it shows (it has one stop,
    Cancel), then Esc pressed on it, as the user stops what it shows; `then()` after."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    walked: list[QWidget] = []

    def look() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        dialog = next((w for w in shown if w.isVisible()), None)
        if dialog is None or walked:
            return
        walked.append(dialog)
        met.walk(dialog, tabs=False)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        if then is not None:
            then()

    timer = QTimer(interval=0)
    timer.timeout.connect(look)
    timer.start()
    try:
        start()
        qtbot.waitUntil(lambda: bool(walked))
    finally:
        timer.stop()


def test_the_progress_dialogs_of_a_study_and_its_import_question(
    study_window: MainWindow, met: Met, qtbot: Any, dialogs: Any, monkeypatch: Any
) -> None:
    """Export's progress had no title: a screen reader said "dialog", and nothing of what
    it was. Each window the app builds is named, as its title says: a study's export, an
    interview being read, the transcripts being read for participants, the question an
    import asks."""
    import reader.core.refi.qdpx_export as qdpx_export
    from reader.ui.library import transcript_filling
    from tests.ui.test_loading import read_slowly
    from tests.ui.test_refi import export_qdpx, held, their_project

    window = study_window
    folder = window.study.study.folder
    real_export = qdpx_export.export_study_qdpx

    def held_export(study: Any, *, crlf: bool, progress: Any) -> Any:
        return real_export(study, crlf=crlf, progress=held(progress, lambda *told: True))

    monkeypatch.setattr(qdpx_export, "export_study_qdpx", held_export)
    target = folder.parent / "study.qdpx"
    walked_when_shown(met, qtbot, lambda: export_qdpx(window, monkeypatch, dialogs, True, target))
    release = read_slowly(monkeypatch, show_after_ms=0)
    next_interview = window.window_actions.next_interview.trigger  # Ctrl+PgDn
    walked_when_shown(met, qtbot, next_interview, then=release.set)
    monkeypatch.setattr(transcript_filling, "SLICE_MS", 0)  # one transcript a slice
    monkeypatch.setattr(transcript_filling, "SHOW_AFTER_MS", 0)
    walked_when_shown(met, qtbot, window.window_actions.fill_from_transcripts.trigger)
    dialogs.open_answers.append(str(their_project(folder.parent / "theirs")))
    window.window_actions.codes.import_qdpx.trigger()  # into this study, or a new one?
    titles = ["Exporting", "Opening Interview", transcript_filling.TITLE]
    titles.append("Import REFI-QDA Project")
    assert met.shown(*titles) == {t: [] for t in titles}
    assert "" not in met.found, "a window without a title"


def test_the_question_before_opening_a_study_here_anyway(
    make_study_window: Any, folder: Path, met: Met, qtbot: Any
) -> None:
    """The study's lock left by a window on another computer: the banner's Open Here
    Anyway… asks first."""
    from reader.core.lock_files import study_lock
    from tests.ui.persistence.test_locks import LAPTOP

    study_lock(folder).write_text(LAPTOP, "utf-8")
    window = make_study_window(folder)
    activate(window, qtbot)
    next(b for b in window.banner.buttons if b.text().startswith("Open Here Anyway")).click()
    assert met.shown("Open Here Anyway?") == {"Open Here Anyway?": []}


def test_the_colour_of_a_code(
    study_window: MainWindow, met: Met, qtbot: Any, monkeypatch: Any
) -> None:
    """The Codebook's colour button, pressed by Space: Qt's colour dialog left its colour
    field and lightness strip nameless, its lists and its field undescribed. (Its Tab
    order and how it draws the focus are Qt's: it is walked for names alone.)"""
    from PySide6.QtWidgets import QColorDialog

    def exec_(dialog: QColorDialog) -> int:
        met.walk(dialog, tabs=False)
        dialog.hide()
        return QDialog.DialogCode.Rejected

    def unnamed_parts(*_args: Any) -> None:
        raise AssertionError("Qt's static getColor: its colour field and lightness nameless")

    monkeypatch.setattr(QColorDialog, "exec", exec_)
    monkeypatch.setattr(QColorDialog, "getColor", unnamed_parts)
    panel = study_window.codebook.panel
    codebook_key(study_window, qtbot, Qt.Key.Key_Tab)  # from the code to its fields
    panel.color_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(panel.color_button, Qt.Key.Key_Space)
    assert met.shown("Colour of “Drinks”") == {"Colour of “Drinks”": []}


def test_the_transcripts_a_study_could_not_open(
    make_study_window: Any, folder: Path, met: Met, qtbot: Any
) -> None:
    """Two Word files cut short, first in the study: one warning names both, its details say
    why for each."""
    for name in ("A1 spoilt.docx", "A2 spoilt.docx"):
        (folder / name).write_bytes(b"PK\x03\x04 cut short")
    make_study_window(folder)
    title = "Cannot open some interviews"
    assert met.shown(title) == {title: []}
