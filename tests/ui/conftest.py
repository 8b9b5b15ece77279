"""Fixtures for widget tests: settings in tmp_path, modal dialogs stubbed and recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
)

from reader.ui.dialogs import ColorLabelsDialog, NoteDialog
from reader.ui.notes.notes_editor import NotesEditor
from reader.ui.window.main_window import MainWindow
from reader.ui.window.window_state import focus_as_left
from tests.conftest import BUNDLED


@pytest.fixture(autouse=True)
def clipboard_emptied() -> Iterator[None]:
    """The clipboard emptied after each test: what a test copies stays out of the next,
    and offscreen Qt keeps it in a static that, deleted after Python has ended, made the
    process crash on exit (139) after any copy from our editors (tests/ui/test_exit.py)."""
    yield
    if (app := QApplication.instance()) is not None:
        app.clipboard().clear()


class DialogStub:
    """Records every modal dialog; `answers` gives what the next ones return."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.text_answers: list[tuple[str, bool]] = []
        self.open_answers: list[str] = []
        # What the user types into the next note or colour-label dialogs; None cancels.
        self.note_answers: list[str | None] = []
        self.color_answers: list[dict[str, str] | None] = []
        self.code_color_answers: list[str | None] = []  # a code's colour (#rrggbb) chosen
        # Choices in `dialogs.ask` (e.g. "Start Empty"); without an answer, the first.
        self.choice_answers: list[str] = []
        self.item_answers: list[tuple[int, bool]] = []  # dialogs.get_item: (row, ok)
        self.save_answers: list[str] = []  # QFileDialog.getSaveFileName
        self.save_suggested: list[str] = []  # the path each save dialog opened at
        self.open_started: list[str] = []  # the folder each Open dialog started in
        self.button_answer = QMessageBox.StandardButton.Discard
        self.boxes: list[QMessageBox] = []  # message boxes made and shown (exec), not static

    def message(self, kind: str) -> Callable[..., Any]:
        def show(_parent: Any, title: str, text: str = "", *args: Any, **kwargs: Any) -> Any:
            self.shown.append((kind, f"{title}: {text}"))
            return self.button_answer

        return show

    def titles(self) -> list[str]:
        return [text.split(":", 1)[0] for _, text in self.shown]


def input_answer(stub: DialogStub) -> Callable[[QInputDialog], int]:
    """The exec() of a name or a choice asked for (reader.ui.dialogs.get_text, get_item):
    the next of `stub`'s text_answers or item_answers (row, ok); none, cancelled."""

    def exec_(dialog: QInputDialog) -> int:
        items = dialog.comboBoxItems()
        if items:
            stub.shown.append(("item", f"{dialog.windowTitle()}: {dialog.labelText()}"))
            row, ok = stub.item_answers.pop(0) if stub.item_answers else (0, False)
            dialog.setTextValue(items[row])
        else:
            text, ok = stub.text_answers.pop(0) if stub.text_answers else ("", False)
            dialog.setTextValue(text)
        return QDialog.DialogCode.Accepted if ok else QDialog.DialogCode.Rejected

    return exec_


@pytest.fixture
def dialogs(tmp_path: Path) -> Iterator[DialogStub]:
    # Its own MonkeyPatch, as tests/conftest.py's autouse fixtures: a test's undo() let
    # the next modal dialog open for real, and wait for a click that never comes.
    monkeypatch = pytest.MonkeyPatch()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    stub = DialogStub()
    for kind in ("warning", "information", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, stub.message(kind))

    def exec_box(box: QMessageBox) -> int:
        stub.shown.append(("box", f"{box.windowTitle()}: {box.text()}"))
        stub.boxes.append(box)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_box)

    def get_open(_parent: Any, _title: str = "", folder: str = "", *_a: Any) -> Any:
        stub.open_started.append(folder)
        return (stub.open_answers.pop(0) if stub.open_answers else "", "")

    def answer(queue: list, fill: Callable[[Any, Any], None]) -> Callable[[Any], int]:
        def exec_(dialog: Any) -> int:
            stub.shown.append(("dialog", dialog.windowTitle()))
            value = queue.pop(0) if queue else None
            if value is None:
                return QDialog.DialogCode.Rejected
            fill(dialog, value)
            return QDialog.DialogCode.Accepted

        return exec_

    monkeypatch.setattr(
        NoteDialog, "exec", answer(stub.note_answers, lambda d, v: d.editor.setPlainText(v))
    )

    def fill_colors(dialog: Any, labels: dict[str, str]) -> None:
        for color_id, label in labels.items():
            dialog.edits[color_id].setText(label)

    monkeypatch.setattr(ColorLabelsDialog, "exec", answer(stub.color_answers, fill_colors))
    chosen = answer(stub.code_color_answers, lambda d, v: d.setCurrentColor(QColor(v)))
    monkeypatch.setattr(QColorDialog, "exec", chosen)

    def ask(_parent: Any, title: str, text: str, choices: list[str], default: str = "") -> str:
        stub.shown.append(("ask", f"{title}: {text}"))
        assert not default or default in choices, (default, choices)
        answer = stub.choice_answers.pop(0) if stub.choice_answers else choices[0]
        assert answer in choices, (answer, choices)
        return answer

    monkeypatch.setattr("reader.ui.dialogs.ask", ask)
    monkeypatch.setattr(QInputDialog, "exec", input_answer(stub))

    def get_save(_parent: Any, _title: str = "", suggested: str = "", *_a: Any) -> Any:
        stub.save_suggested.append(suggested)
        return (stub.save_answers.pop(0) if stub.save_answers else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda *_: True)
    yield stub
    monkeypatch.undo()


@pytest.fixture
def notes_path(tmp_path: Path) -> Path:
    return tmp_path / "notes.json"


@pytest.fixture
def make_window(
    qtbot: Any, dialogs: DialogStub, notes_path: Path
) -> Iterator[Callable[..., MainWindow]]:
    """Open a main window on a document (default: the bundled interview)."""
    windows: list[MainWindow] = []

    def make(document: Path = BUNDLED, notes: Path | None = notes_path) -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.open_document(document, notes)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


# Studies (#12): a folder of three interviews, and windows opened on a folder ---------------

TALKS = {
    "P01 Ana.txt": "Q: How do night shifts start?\nA: With coffee and the handover.\n",
    "P02 Ben.txt": "Q: What is hardest?\nA: The hour before dawn, when nobody talks.\n",
    "P10 Cem.txt": "Q: And the patients?\nA: They sleep, mostly; some ask for the coffee.\n",
}


@pytest.fixture
def notes(window: MainWindow, qtbot: Any) -> NotesEditor:
    """The window's notes editor, with the focus, as a writer types in it."""
    editor = window.notes_editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    return editor


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Nachtschichten – Ünïcode"
    folder.mkdir()
    for name, text in TALKS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def make_study_window(qtbot: Any, dialogs: Any) -> Iterator[Callable[[Path], MainWindow]]:
    windows: list[MainWindow] = []

    def make(folder: Path) -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.study_actions.open_path(folder)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def lay_out_first_start(window: MainWindow, width: int = 1024, height: int = 640) -> None:
    """The left docks and the splitter as a first start on a `width` x `height` screen
    lays them out (offscreen, the screen is 800x600)."""
    from PySide6.QtCore import Qt

    from reader.ui.window.window_state import first_layout

    wants = window.reader.wanted_width(), window.notes_pane.minimumWidth()
    layout = first_layout(width, height, *wants)
    window.resizeDocks([window.outline_dock], [layout.dock], Qt.Orientation.Horizontal)
    window.splitter.setSizes([layout.reader, layout.notes])


@pytest.fixture
def start_window(qtbot: Any, dialogs: Any) -> Iterator[Callable[..., MainWindow]]:
    """A window started as main.py starts it: on `path`, or (None) on what was open last
    (a restart, after the window before was closed)."""
    windows: list[MainWindow] = []

    def make(path: Path | None = None) -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        assert window.study_actions.open_at_start(path, None, BUNDLED)
        focus_as_left(
            window.reader, window.window_actions.focus_notes.trigger
        )  # as reader/ui/window/startup.py starts it
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
