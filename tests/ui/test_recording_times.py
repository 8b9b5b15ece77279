"""The recording and the times of the transcript: turns without an end time, times past
the recording's end, a transcript with no times."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.ui.recording.availability import NO_TIMES
from reader.ui.window.main_window import MainWindow
from tests.ui.media_files import write_wav
from tests.ui.test_highlights import highlight_with_key
from tests.ui.test_margin import with_whole_margin
from tests.ui.test_recording import TRANSCRIPT, offset_of, ready

# Otter's export: a turn's time, no end; John's turn has three paragraphs.
OTTER = (
    "Jane Doe  0:01\nWhere did you grow up?\n\n"
    "John Smith  0:02\nIn Porto, near the river.\n\n"
    "We moved to Lisbon later, when my father found work.\n\n"
    "Then Coimbra, for the university.\n\n"
    "Jane Doe  0:08\nWhat did your mother do?\n"
)


def opened(
    make_window: Callable[..., MainWindow], folder: Path, text: str, seconds: int = 40
) -> MainWindow:
    folder.mkdir()
    document = folder / "talk.txt"
    document.write_text(text, encoding="utf-8")
    write_wav(folder / "talk.wav", seconds)
    return make_window(document)


def caret_at(window: MainWindow, offset: int) -> None:
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.reading.to_qt(offset), QTextCursor.MoveMode.MoveAnchor)  # type: ignore[union-attr]
    window.reader.setTextCursor(cursor)


def test_play_paragraph_stops_at_the_end_of_a_paragraph_inside_an_otter_turn(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    window = opened(make_window, tmp_path / "iv", OTTER, seconds=12)
    ready(qtbot, window)
    table = window.recording.table
    assert table is not None and table.entries[-1].end_ms == 12_000  # ends with the recording
    player = window.recording.player
    assert player is not None
    caret_at(window, offset_of(window, "In Porto"))
    window.reader.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, modifiers)
    qtbot.waitUntil(player.is_playing)
    qtbot.waitUntil(lambda: not player.is_playing())
    assert 2_000 < player.position() < 5_000  # the first of John's three paragraphs only


def test_a_time_after_the_end_pauses_at_the_end_and_says_so(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """A recording shorter than the transcript's times: Qt went on "playing" at the end."""
    window = opened(make_window, tmp_path / "iv", TRANSCRIPT, seconds=10)
    ready(qtbot, window)
    recording, player = window.recording, window.recording.player
    assert player is not None
    window.notes_pane.linkActivated.emit("#t=20")
    qtbot.waitUntil(lambda: player.position() == 10_000)
    assert not player.is_playing()
    message = "0:20 is after the end of the recording (0:10)."
    assert window.statusBar().currentMessage() == message
    recording.seek(8_000, play=True)
    qtbot.waitUntil(player.is_playing)
    window.window_actions.playback.forward.trigger()  # Alt+Right: 0:13 and more
    qtbot.waitUntil(lambda: player.position() == 10_000 and not player.is_playing())
    assert window.statusBar().currentMessage().endswith("is after the end of the recording (0:10).")
    window.window_actions.playback.play.trigger()  # Ctrl+Space at the end: from the start
    qtbot.waitUntil(lambda: player.is_playing() and 0 < player.position() < 10_000)
    player.pause()
    window.statusBar().clearMessage()
    assert recording.seek(10_000)  # the slider taken to its end: no place after it, unsaid
    assert player.position() == 10_000 and window.statusBar().currentMessage() == ""


def test_a_transcript_without_times_greys_out_play_paragraph_and_follow_and_says_why(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Play Paragraph said "comes before any time", which no paragraph has."""
    text = "Interviewer: Where did you grow up?\n\nAna: In Porto. [00:00:10]\n"
    window = opened(make_window, tmp_path / "iv", text)
    ready(qtbot, window)
    playback = window.window_actions.playback
    for action in (playback.play_paragraph, playback.follow):
        assert not action.isEnabled() and action.toolTip() == NO_TIMES
    assert playback.play.isEnabled() and playback.forward.isEnabled()
    window.recording.jumps.play_from(offset_of(window, "In Porto"))  # a Ctrl+click
    assert window.statusBar().currentMessage() == NO_TIMES
    assert not window.recording.player.is_playing()  # type: ignore[union-attr]


def test_stamps_ending_each_paragraph_time_it_for_play_paragraph(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """The same text with one stamp is untimed (above); stamped throughout, it is timed."""
    text = (
        "Interviewer: Where did you grow up? [00:00:04]\n\nAna: In Porto. [00:00:10]\n\n"
        "Interviewer: And then? [00:00:12]\n\nAna: Lisbon. [00:00:15]\n"
    )
    window = opened(make_window, tmp_path / "iv", text, seconds=20)
    ready(qtbot, window)
    playback = window.window_actions.playback
    assert playback.play_paragraph.isEnabled() and playback.follow.isEnabled()
    player = window.recording.player
    assert player is not None
    window.recording.jumps.play_from(offset_of(window, "Ana: In Porto"))  # a Ctrl+click
    qtbot.waitUntil(player.is_playing)
    assert 4_000 <= player.position() < 10_000  # after the question's stamp, not from 0:10
    player.pause()


def test_inside_a_long_turn_the_recording_follows_each_cue_across_a_pause(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Bo's cues join into one turn of two paragraphs, the second said after a pause of
    half a minute: it was placed by its share of the turn's characters, so following
    marked the first paragraph at 0:31 and Play Paragraph started the second at 0:33.
    The second paragraph shows its own time in the margin, on its first line."""
    long_words = "In Porto, near the river, where the boats came in every morning. " * 16
    subtitles = (
        "1\n00:00:00,000 --> 00:00:02,000\nAna: Where did you grow up?\n\n"
        f"2\n00:00:02,000 --> 00:00:09,000\nBo: {long_words.strip()}\n\n"
        "3\n00:00:30,000 --> 00:00:34,000\nWe moved to Lisbon later, when my father found work"
        " at the docks, and we lived above a bakery on a steep street near the river.\n\n"
        "4\n00:00:35,000 --> 00:00:36,000\nAna: Why?\n"
    )
    folder = tmp_path / "iv"
    folder.mkdir()
    (folder / "talk.srt").write_text(subtitles, encoding="utf-8")
    write_wav(folder / "talk.wav", 40)
    window = make_window(folder / "talk.srt")
    ready(qtbot, window)
    recording, player = window.recording, window.recording.player
    assert player is not None
    moved = offset_of(window, "We moved")
    first = window.interview.session.segment_at(offset_of(window, "In Porto"))  # type: ignore[union-attr]
    assert first is not None and first.end < moved  # two paragraphs of one turn
    with_whole_margin(window)  # times in the left margin, beside the names
    recording.overlay.repaint()  # the second paragraph shows its own time, and plays it
    assert [ms for _, ms in recording.overlay._hits] == [0, 2_000, 30_000, 35_000]
    # Its margin says nothing else: the time goes on its first line, not the second.
    first_line = window.reader.highlights.rects(moved, moved + 1)[0]
    hit = recording.overlay._hits[2][0]
    assert (
        hit.right() < first_line.left()
        and first_line.top() < hit.center().y() < first_line.bottom()
    )
    recording.seek(31_000)
    qtbot.waitUntil(lambda: (recording.overlay.spoken or (0,))[0] == moved)
    recording.seek(20_000)  # in the pause: still the first paragraph
    qtbot.waitUntil(lambda: recording.overlay.spoken == (first.start, first.end))
    caret_at(window, moved + 3)
    window.reader.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, modifiers)
    qtbot.waitUntil(lambda: player.is_playing() and player.position() >= 30_000)
    assert player.position() < 32_000 and recording.stop_at == 34_000
    player.pause()
    # A quote of its words cites its time, as the margin shows it, not the turn's 0:02.
    highlight_with_key(window, qtbot, "father found work", key=Qt.Key.Key_Q)
    assert "[↩ Bo, Q1, 0:30](#h-" in window.notes_pane.editor.toPlainText()


def test_played_to_its_end_the_recording_pauses_there_and_plays_again_from_the_start(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Played to its end, Qt went on "playing" there, silent: the bar showed Pause, and
    the first Ctrl+Space only paused it (with the typist's loop, two seconds back)."""
    window = opened(make_window, tmp_path / "iv", TRANSCRIPT, seconds=10)
    ready(qtbot, window)
    recording, player = window.recording, window.recording.player
    assert player is not None
    window.window_actions.playback.typist_loop.setChecked(True)
    recording.seek(9_000, play=True)
    qtbot.waitUntil(lambda: not player.is_playing() and player.position() == 10_000)
    assert window.player_bar._buttons[1].accessibleName() == "Play"
    window.window_actions.playback.play.trigger()  # Ctrl+Space: from the start
    qtbot.waitUntil(lambda: player.is_playing() and player.position() < 9_000)
    player.pause()
