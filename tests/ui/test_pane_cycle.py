"""F6 goes round the panes the user sees, with the focus bar on the one it lands in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from reader.ui.lazy_dock import dock_showing
from tests.ui.media_files import write_wav


def press_f6(window: Any, qtbot: Any) -> QWidget:
    """F6; the widget it gave the focus, which the focus bar marks."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    focus, pane = QApplication.focusWidget(), window.focus_marker.pane()
    assert pane is not None and (pane is focus or pane.isAncestorOf(focus))
    assert window.focus_marker.bar.isVisible()
    return focus


def test_f6_skips_the_annotations_behind_the_codebook_tab(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    window.activateWindow()
    window.window_actions.focus_annotations.trigger()  # Ctrl+3: the list made, as once looked at
    window.window_actions.codes.focus_codebook.trigger()  # Ctrl+6: the Codebook tab in front
    codebook = window.codebook.panel
    qtbot.waitUntil(codebook.view.hasFocus)
    assert window.annotations_dock.isVisible()  # though its tab is not showing
    assert not dock_showing(window.annotations_dock) and dock_showing(window.codebook.dock)
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    round_ = [press_f6(window, qtbot) for _ in range(4)]
    assert round_ == [window.notes_editor, codebook.view, window.library.view, window.reader]


def test_f6_from_a_field_of_a_pane_goes_to_the_next_pane(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    window = make_study_window(folder)
    window.activateWindow()
    window.library.filter.setFocus()
    qtbot.waitUntil(window.library.filter.hasFocus)
    assert press_f6(window, qtbot) is window.reader
    assert press_f6(window, qtbot) is window.notes_editor
    assert press_f6(window, qtbot) is window.outline  # the outline's tab is in front


def test_f6_reaches_the_search_panel_and_shift_f6_goes_back(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """The Search panel in front of the Annotations: F6 went round it, never into its
    field. It is a pane of the round now; Shift+F6 goes round the other way."""
    window = make_study_window(folder)
    window.activateWindow()
    window.window_actions.search_everything.trigger()  # Ctrl+Shift+F
    field = window.search_panel.edit
    qtbot.waitUntil(field.hasFocus)
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)

    def press(modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, modifier)
        return QApplication.focusWidget()  # (the field has its own focus frame, no bar)

    round_ = [press()]
    while round_[-1] is not window.reader and len(round_) < 8:
        round_.append(press())
    assert round_ == [window.notes_editor, field, window.library.view, window.reader]
    back = [press(Qt.KeyboardModifier.ShiftModifier) for _ in round_]
    assert back == [*round_[-2::-1], window.reader]


def test_a_lists_rows_start_below_the_bar_that_marks_the_keyboard(window: Any, qtbot: Any) -> None:
    """Laid over the first row, most often the selected one, the accent bar was lost in
    the selection's blue (1.4:1): the Annotations list with the keyboard looked as one
    without (the visual review's finding 3)."""
    from tests.ui.test_highlights import highlight_with_key

    highlight_with_key(window, qtbot, "Rehearsal", Qt.Key.Key_2)
    window.window_actions.focus_annotations.trigger()
    view = window.annotations.view
    qtbot.waitUntil(lambda: window.focus_marker.pane() is view)
    bar = window.focus_marker.bar
    assert bar.isVisible() and bar.parentWidget() is view
    first = view.visualRect(view.model().index(0, 0)).translated(view.viewport().pos())
    assert bar.geometry().bottom() < first.top()


def with_a_recording(make_study_window: Any, folder: Path, qtbot: Any) -> Any:
    """A study window whose first interview has a recording, its bar shown, the reader
    with the keys."""
    write_wav(folder / "P01 Ana.wav")
    window = make_study_window(folder)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=10_000)
    bar = window.player_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.slider.maximum() > 0, timeout=10_000)
    window.reader.setFocus()
    qtbot.waitUntil(window.reader.hasFocus)
    return window


def test_f6_reaches_the_recordings_bar_and_its_arrows_seek(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """F6 went round the reader, the notes and the panels, never to the recording's bar
    under the reader, though it shows: only Tab from the reader reached it. Now F6 stops on
    its slider, where the arrows seek, between the reader and the notes, as on screen."""
    window = with_a_recording(make_study_window, folder, qtbot)
    bar = window.player_bar

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> Any:
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)
        return QApplication.focusWidget()

    assert press(Qt.Key.Key_F6) is bar.slider
    assert press(Qt.Key.Key_Right) is bar.slider
    qtbot.waitUntil(lambda: bar.position_label.text() == "0:01")
    assert press(Qt.Key.Key_F6) is window.notes_editor
    assert press(Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier) is bar.slider
    assert press(Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier) is window.reader


def test_space_on_the_recordings_slider_plays_and_pauses(
    make_study_window: Any, folder: Path, qtbot: Any
) -> None:
    """F6 lands on the slider: Space there did nothing, where a player's Space plays."""
    window = with_a_recording(make_study_window, folder, qtbot)
    bar = window.player_bar
    qtbot.keyClick(window.reader, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is bar.slider
    player = window.recording.player
    qtbot.keyClick(bar.slider, Qt.Key.Key_Space)
    qtbot.waitUntil(player.is_playing, timeout=10_000)
    qtbot.keyClick(bar.slider, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=10_000)
    assert QApplication.focusWidget() is bar.slider
