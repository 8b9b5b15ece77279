"""The recording as a user steps through it: a time link is a step of undo of its own,
wherever Ctrl+Shift+T was pressed; a new place to play from drops Play Paragraph's stop;
following keeps the words being said in view inside a paragraph taller than the view,
and Follow Along turned on goes to them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.ui import keys
from reader.ui.recording.jumping import NOTHING_SAID
from reader.ui.window.main_window import MainWindow
from reader.ui.window.shortcuts import shortcut_groups
from tests.ui.conftest import DialogStub
from tests.ui.media_files import write_wav
from tests.ui.test_recording import TRANSCRIPT, long_timed_window, moved_to, offset_of, ready
from tests.ui.test_recording_times import caret_at, opened

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def test_a_time_link_put_in_from_the_reader_is_what_ctrl_z_takes_back(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """With the focus in the reader, Ctrl+Z took back the highlight made before, not the
    link: the notes now take the focus, and Undo is theirs."""
    window = opened(make_window, tmp_path / "iv", TRANSCRIPT)
    moved_to(qtbot, window, 12_300)
    editor = window.notes_editor
    start = offset_of(window, "We moved")
    window.reader.setFocus()
    window.reader.select_span(start, start + len("We moved"))
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    highlights = window.interview.session.notes.highlights  # type: ignore[union-attr]
    assert len(highlights) == 1
    qtbot.keyClick(window.reader, Qt.Key.Key_T, CTRL_SHIFT)
    assert editor.toPlainText() == "[▶ 0:12](#t=12.3) "
    qtbot.waitUntil(editor.hasFocus)
    assert window.window_actions.undo.text() == "&Undo Typing"
    window.window_actions.undo.trigger()
    assert editor.toPlainText() == "" and len(highlights) == 1


def test_a_time_link_put_in_while_typing_is_undone_alone(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Undo took the words typed before the link with it."""
    window = opened(make_window, tmp_path / "iv", TRANSCRIPT)
    moved_to(qtbot, window, 12_300)
    editor = window.notes_editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Note ")
    qtbot.keyClick(editor, Qt.Key.Key_T, CTRL_SHIFT)
    qtbot.keyClicks(editor, "boats")
    assert editor.toPlainText() == "Note [▶ 0:12](#t=12.3) boats"
    undone = []
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
        undone.append(editor.toPlainText())
    assert undone == ["Note [▶ 0:12](#t=12.3) ", "Note ", ""]


def test_a_time_clicked_in_the_margin_plays_on_past_the_paragraph_played_before(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Play Paragraph's stop stayed: a click on a time, a time link or the slider went
    there and paused at the other paragraph's end, in the middle of nothing."""
    window = opened(make_window, tmp_path / "iv", TRANSCRIPT)
    ready(qtbot, window)
    recording, player = window.recording, window.recording.player
    assert player is not None
    caret_at(window, offset_of(window, "[00:00:20]") + 3)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, CTRL_SHIFT)
    qtbot.waitUntil(player.is_playing)
    assert recording.stop_at == 30_000
    recording.overlay.timeClicked.emit(2_000)
    assert recording.stop_at is None and player.is_playing()
    window.notes_pane.linkActivated.emit("#t=25")
    assert recording.stop_at is None
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, CTRL_SHIFT)  # the same paragraph again
    assert recording.stop_at == 30_000
    window.window_actions.playback.back.trigger()  # Alt+Left: still stops at its end
    assert recording.stop_at == 30_000
    player.pause()


def test_a_time_link_with_an_end_pauses_there(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """A link to "#t=2,4" (a W3C media fragment, by hand or from another tool) played on to the
    recording's end."""
    window = opened(make_window, tmp_path / "iv", TRANSCRIPT)
    ready(qtbot, window)
    recording, player = window.recording, window.recording.player
    assert player is not None
    window.notes_pane.linkActivated.emit("#t=2,4")
    qtbot.waitUntil(player.is_playing)
    assert recording.stop_at == 4_000
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=10_000)
    assert 4_000 <= player.position() < 6_000
    window.notes_pane.linkActivated.emit("#t=2")
    assert recording.stop_at is None
    player.pause()


def test_play_paragraph_after_the_recordings_end_leaves_no_stop(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    window = opened(make_window, tmp_path / "iv", TRANSCRIPT, seconds=15)
    ready(qtbot, window)
    caret_at(window, offset_of(window, "[00:00:20]") + 3)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, CTRL_SHIFT)
    assert "is after the end of the recording" in window.statusBar().currentMessage()
    assert window.recording.stop_at is None


def test_following_a_paragraph_taller_than_the_view_keeps_its_words_in_sight(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Automatic captions, no full stops, no names: paragraphs of 2,000 characters. Its
    top was kept in view, and the words being said went off the bottom."""
    cues = ["WEBVTT", ""]
    for i in range(60):
        start, end = divmod(i * 3, 60), divmod(i * 3 + 3, 60)
        cues += [f"00:{start[0]:02d}:{start[1]:02d}.000 --> 00:{end[0]:02d}:{end[1]:02d}.000"]
        cues += [f"w{i:02d}x so we used to go down to the river every day after school", ""]
    folder = tmp_path / "iv"
    folder.mkdir()
    (folder / "talk.vtt").write_text("\n".join(cues), encoding="utf-8")
    write_wav(folder / "talk.wav", 190)
    window = make_window(folder / "talk.vtt")
    window.resize(1024, 640)
    ready(qtbot, window)
    reader = window.reader
    paragraph = window.interview.session.segment_at(offset_of(window, "w30x"))  # type: ignore[union-attr]
    assert paragraph is not None and paragraph.start < offset_of(window, "w02x")  # 30 lines
    for i in (2, 20, 30, 38):
        window.recording.seek(i * 3_000 + 1_500)
        place = reader.reading.to_qt(offset_of(window, f"w{i:02d}x"))  # type: ignore[union-attr]

        def in_sight(place: int = place) -> bool:
            cursor = QTextCursor(reader.document())
            cursor.setPosition(place)
            top = reader.cursorRect(cursor).top()
            return 0 <= top < reader.viewport().height()

        qtbot.waitUntil(in_sight)


def test_follow_along_turned_on_goes_to_the_paragraph_being_said(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """It waited for the next paragraph: while paused, never."""
    window = long_timed_window(make_window, tmp_path, qtbot)
    recording, bar = window.recording, window.reader.verticalScrollBar()
    recording.seek(20_500)
    qtbot.waitUntil(lambda: bar.value() > 0)
    at = bar.value()
    follow = window.window_actions.playback.follow
    follow.setChecked(False)
    bar.setValue(0)  # the reader looks elsewhere, just now
    follow.setChecked(True)
    assert bar.value() == at


def test_the_reader_opens_where_it_was_left_not_where_the_recording_was(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Paused at 0:01, read on near the end, closed: at each start, the recording opening
    at 0:01 took the reader back there, though nothing played. It is marked there; the
    reader stays."""
    window = long_timed_window(make_window, tmp_path, qtbot)
    window.recording.seek(1_500)
    qtbot.waitUntil(lambda: window.recording.position() == 1_500)
    text = window.interview.session.document.text
    window.reader.scroll_to_offset(text.index("[00:00:27]"))
    window.close()
    again = make_window(tmp_path / "long.txt")
    ready(qtbot, again)
    overlay, reader = again.recording.overlay, again.reader

    def at_top() -> int:
        assert reader.reading is not None
        return reader.reading.to_model(reader.cursorForPosition(QPoint(20, 20)).position())

    qtbot.waitUntil(lambda: overlay.spoken is not None)
    assert overlay.spoken[0] == text.index("[00:00:01]")
    assert at_top() > text.index("[00:00:26]")
    overlay.show_position(5_500, now=True)  # Follow Along turned on: there at once
    assert at_top() < text.index("[00:00:06]")


def test_the_position_sliders_keys_seek_as_f1_says(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Tab reaches the slider, whose keys seek a second or five: F1 did not say so."""
    (tmp_path / "talk.txt").write_text(TRANSCRIPT, encoding="utf-8")
    write_wav(tmp_path / "talk.wav")
    window = make_window(tmp_path / "talk.txt")
    player = moved_to(qtbot, window, 10_000)
    slider = window.player_bar.slider
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus, timeout=10_000)
    for key, ms in ((Qt.Key.Key_Right, 11_000), (Qt.Key.Key_PageUp, 16_000),
                    (Qt.Key.Key_PageDown, 11_000), (Qt.Key.Key_Left, 10_000),
                    (Qt.Key.Key_Home, 0)):  # fmt: skip
        qtbot.keyClick(slider, key)
        qtbot.waitUntil(lambda ms=ms: player.position() == ms, timeout=10_000)
    rows = dict(shortcut_groups(window, window.window_actions))["Recording"]
    assert all((row.keys, row.does) in rows for row in keys.RECORDING)


def test_following_waits_while_the_reader_selects_words(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Words selected to highlight while it played: the next paragraph said scrolled them
    out of view, before H or C was pressed (a mouse drag grew them to the words then under
    the pointer). It waits while they are selected (and a moment after, as after a scroll)."""
    window = long_timed_window(make_window, tmp_path, qtbot)
    reader, bar = window.reader, window.reader.verticalScrollBar()
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Right, CTRL_SHIFT)
    assert reader.textCursor().hasSelection()
    top = bar.value()
    overlay = window.recording.overlay
    window.recording.seek(28_500)
    qtbot.waitUntil(lambda: overlay.spoken is not None and overlay.spoken[0] > 0)
    assert bar.value() == top and reader.textCursor().hasSelection()


def test_the_position_shows_where_the_slider_is_dragged_to(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Dragging the slider to find a place, the time beside it went on showing where it
    played: where the handle would land was nowhere to be read."""
    (tmp_path / "talk.txt").write_text(TRANSCRIPT, encoding="utf-8")
    write_wav(tmp_path / "talk.wav")
    window = make_window(tmp_path / "talk.txt")
    player = moved_to(qtbot, window, 5_000)
    bar = window.player_bar
    window.recording.toggle()
    qtbot.waitUntil(lambda: player.position() > 5_300)
    bar.slider.setSliderDown(True)  # as a drag of its handle
    bar.slider.setSliderPosition(30_000)
    assert bar.position_label.text() == "0:30"
    shown = player.position()
    qtbot.waitUntil(lambda: player.position() > shown + 300)  # it plays on meanwhile
    assert bar.position_label.text() == "0:30"
    assert bar.slider.accessibleDescription() == "0:30 of 0:40"
    bar.slider.setSliderDown(False)  # let go: it plays from there
    qtbot.waitUntil(lambda: player.position() >= 30_000)
    assert bar.position_label.text() == "0:30"


def test_a_key_puts_the_readers_caret_on_the_words_being_said(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Following scrolls the view, not the caret: to highlight what was just heard, the
    keys could not reach it (Shift+Down selected from where the caret had been left)."""
    window = opened(make_window, tmp_path / "iv", TRANSCRIPT)
    moved_to(qtbot, window, 22_000)  # "What did your mother do?", from 0:20
    session = window.interview.session
    assert session is not None
    window.notes_editor.setFocus()
    qtbot.waitUntil(window.notes_editor.hasFocus)
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(window.reader.hasFocus)
    said = session.segment_at(window.reader.cursor_offset())
    assert said == session.segment_at(offset_of(window, "mother"))
    assert window.notes_editor.toPlainText() == ""
    window.recording.seek(1_000)  # before the transcript's first time
    qtbot.keyClick(window.reader, Qt.Key.Key_J, CTRL)
    assert window.statusBar().currentMessage() == NOTHING_SAID
    assert session.segment_at(window.reader.cursor_offset()) == said
    rows = dict(shortcut_groups(window, window.window_actions))["Recording"]
    assert any(keys == "Ctrl+J" for keys, _ in rows)  # F1 lists it


def test_go_to_time_seeks_to_a_time_typed(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot, dialogs: DialogStub
) -> None:
    """ "At 0:25 she says…": the slider was the only way there, to the second or so."""
    window = opened(make_window, tmp_path / "iv", TRANSCRIPT)
    player = moved_to(qtbot, window, 3_000)
    go_to_time = window.window_actions.playback.go_to_time
    dialogs.text_answers += [("0:25", True), ("soon", True), ("1:00", True), ("0:30", False)]
    go_to_time.trigger()
    qtbot.waitUntil(lambda: player.position() == 25_000)
    assert not player.is_playing()
    go_to_time.trigger()
    assert window.statusBar().currentMessage() == "“soon” is no time: write it as 1:23 or 1:02:03."
    go_to_time.trigger()  # past the end: said, and at the end
    qtbot.waitUntil(lambda: player.position() == 40_000)
    assert "after the end of the recording" in window.statusBar().currentMessage()
    go_to_time.trigger()  # cancelled
    assert player.position() == 40_000
    rows = dict(shortcut_groups(window, window.window_actions))["Recording"]
    assert any(keys == "Ctrl+T" for keys, _ in rows)  # F1 lists it
