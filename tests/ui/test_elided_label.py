"""reader/ui/elided_label.py and where it is used: a long notes path, save error,
recording's name or problem keeps the window on a 1024 px screen, the whole text in the tip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from reader.ui.elided_label import ElidedLabel
from reader.ui.recording.player_bar import NAME_WIDTH
from reader.ui.window.main_window import MainWindow

LONG = "a-folder-with-a-rather-long-name-for-its-notes " * 12


def right(widget: QWidget, window: MainWindow) -> int:
    return widget.mapTo(window, widget.rect().topRight()).x()


def fits_1024(window: MainWindow, qtbot: Any) -> None:
    """The window within the screen, the notes pane and the status bar's words and save
    state on it (a status bar's long label pushed them off, not the window wider)."""
    assert window.minimumSizeHint().width() <= 1024
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() <= 1024)
    QApplication.processEvents()
    for widget in (window.notes_pane, window.words_label, window.save_label):
        assert widget.isVisible() and right(widget, window) < window.width()
    assert right(window.notes_label, window) < window.words_label.mapTo(window, QPoint()).x()
    words = window.words_label  # short: shown whole (a width rounded down once cut it)
    assert not words.is_elided() and "…" not in shown(words)


def shown(label: ElidedLabel) -> str:
    room = label.contentsRect().width()
    return label.fontMetrics().elidedText(label.text(), Qt.TextElideMode.ElideRight, room)


def test_it_asks_a_few_characters_shows_what_fits_and_tells_the_rest(qtbot: Any) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    label = ElidedLabel()
    QHBoxLayout(host).addWidget(label)
    label.setText(LONG)
    assert label.toolTip() == LONG and label.text() == LONG
    assert label.minimumSizeHint().width() < 120
    assert label.sizeHint().width() > 1000
    host.resize(300, 40)
    host.show()
    qtbot.waitExposed(host)
    assert label.is_elided() and label.width() < 300
    label.setText("Short", tip="Where it is")
    assert not label.is_elided() and label.toolTip() == "Where it is"
    assert label.minimumSizeHint().width() == label.sizeHint().width()  # asks no more
    label.setText("line one\nline two")
    assert label.sizeHint().height() == label.fontMetrics().height()  # one line


def test_a_very_long_notes_path_keeps_the_window_on_the_screen(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: Any
) -> None:
    folder = tmp_path
    for part in LONG.split():
        folder = folder / (part * 4)
    folder.mkdir(parents=True)
    window = make_window(notes=folder / "notes.json")
    label = window.notes_label
    fits_1024(window, qtbot)
    # A QLabel there was squeezed below its minimum: the path cut off, with no "…".
    assert label.minimumSizeHint().width() < 120
    assert str(folder / "notes.json") in label.toolTip()
    assert label.is_elided()


def test_a_long_save_error_keeps_the_window_on_the_screen(window: MainWindow, qtbot: Any) -> None:
    window.interview.saveStateChanged.emit("error", f"cannot write {LONG}: no space left")
    fits_1024(window, qtbot)
    assert window.save_label.minimumSizeHint().width() < 120
    assert window.save_label.toolTip().endswith("no space left")


def test_a_long_recording_name_or_problem_keeps_the_window_on_the_screen(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)  # the Library's dock too: the least room there is
    bar = window.player_bar
    name = LONG.replace(" ", "_") + ".wav"
    bar.show_recording(name, f"/recordings/{name}")
    qtbot.waitUntil(bar.isVisible)
    assert bar.name_label.toolTip() == f"/recordings/{name}"
    fits_1024(window, qtbot)
    assert bar.name_label.width() <= NAME_WIDTH
    bar.set_playable(False, f"The recording {name} is missing.")
    assert bar.name_label.toolTip().endswith("is missing.")
    fits_1024(window, qtbot)
    assert bar.name_label.is_elided()


def test_the_find_bars_error_is_cut_and_told_whole(window: MainWindow, qtbot: Any) -> None:
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    bar.count_label.setText("an error " * 60, tip="the whole error")
    fits_1024(window, qtbot)
    assert bar.count_label.is_elided()
