"""The recording beside the transcript: attaching, playing with keys, jumping from the text,
following along, time links in the notes, the saved position, and bad input. The WAV
files are written here with the wave module; the machine needs no sound device."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.library.library_panel import SORTED_NO_MOVE
from reader.ui.recording import media
from reader.ui.recording.media import Player
from reader.ui.recording.player_bar import NAME_SHOWN_FROM
from reader.ui.recording.recording import NO_SOUND_NO_TIMES, NO_TIMES, Recording
from reader.ui.settings import settings
from reader.ui.window.main_window import MainWindow
from reader.ui.window.shortcuts import shortcut_groups
from tests.conftest import ROOT
from tests.core.test_no_qt import run_python
from tests.ui.conftest import DialogStub
from tests.ui.media_files import write_wav

SECONDS = 40  # write_wav's length
# Turns at 0:02, 0:10, 0:20 and 0:30; the second spans two paragraphs without times.
TRANSCRIPT = (
    "[00:00:02] Interviewer: Where did you grow up?\n\n"
    "[00:00:10] Ana: In Porto, near the river, where the boats came in every morning.\n\n"
    "We moved to Lisbon later, when my father found work at the docks.\n\n"
    "[00:00:20] Interviewer: What did your mother do?\n\n"
    "[00:00:30] Ana: She sang fado, but only at home.\n"
)


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    """A transcript with times and, beside it, its recording of the same name."""
    folder = tmp_path / "interviews"
    folder.mkdir()
    document = folder / "talk.txt"
    document.write_text(TRANSCRIPT, encoding="utf-8")
    write_wav(folder / "talk.wav")
    return document


def saved(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def ready(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the recording is open in the player and can play."""
    recording = window.recording
    qtbot.waitUntil(lambda: recording.player is not None and recording.player.duration() > 0)
    qtbot.waitUntil(lambda: recording._pending_seek is None)


def moved_to(qtbot: QtBot, window: MainWindow, ms: int) -> Player:
    """The window's player, ready, at `ms`."""
    ready(qtbot, window)
    player = window.recording.player
    assert player is not None
    window.recording.seek(ms)
    qtbot.waitUntil(lambda: player.position() == ms)
    return player


def offset_of(window: MainWindow, text: str) -> int:
    return window.interview.session.document.text.index(text)  # type: ignore[union-attr]


def test_a_recording_beside_the_transcript_plays_with_the_keys_and_saves_its_place(
    make_window: Callable[..., MainWindow], talk: Path, notes_path: Path, qtbot: QtBot
) -> None:
    window = make_window(talk)
    ready(qtbot, window)
    assert window.player_bar.isVisible()
    assert window.player_bar.length_label.text() == f"0:{SECONDS}"
    player = window.recording.player
    assert player is not None
    window.notes_editor.setFocus()  # the keys work while writing notes
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: player.position() > 300)
    qtbot.keyClick(window.notes_editor, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not player.is_playing())
    assert window.notes_editor.toPlainText() == ""  # the key typed nothing
    paused_at = player.position()
    window.interview.saver.flush()  # type: ignore[union-attr]
    recording = saved(notes_path)["recording"]
    assert recording["path"] == os.path.relpath(talk.with_suffix(".wav"), notes_path.parent)
    assert recording["position_ms"] == paused_at > 0


def test_skip_keys_leave_the_editors_word_jumps_alone(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    window = make_window(talk)
    player = moved_to(qtbot, window, 12_000)
    editor = window.notes_editor
    editor.setFocus()
    editor.setPlainText("two words")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert editor.textCursor().position() == len("two ")  # Ctrl+Left: still a word jump
    assert player.position() == 12_000
    qtbot.keyClick(editor, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: player.position() == 7_000)
    qtbot.keyClick(window.reader, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: player.position() == 12_000)
    assert editor.toPlainText() == "two words"


def test_a_paragraph_plays_from_its_time_and_follow_along_moves_with_the_position(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    window = make_window(talk)
    ready(qtbot, window)
    recording, reader = window.recording, window.reader
    player = recording.player
    assert player is not None
    # Ctrl+Shift+Space in the paragraph timed 0:20 plays it from its time.
    reader.setFocus()
    question = offset_of(window, "[00:00:20]")
    reader.scroll_to_offset(question + 5)
    qtbot.keyClick(
        reader,
        Qt.Key.Key_Space,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: player.is_playing() and player.position() >= 20_000)
    assert recording.stop_at is not None and recording.stop_at <= 30_000
    qtbot.waitUntil(lambda: recording.overlay.spoken is not None)
    assert recording.overlay.spoken[0] == question  # type: ignore[index]
    player.pause()
    # Follow along: a later time marks its paragraph; an untimed paragraph has its share.
    for ms, text in ((31_000, "[00:00:30]"), (2_500, "[00:00:02]"), (18_000, "We moved")):
        recording.seek(ms)
        qtbot.waitUntil(
            lambda t=text: (
                recording.overlay.spoken is not None
                and recording.overlay.spoken[0] == offset_of(window, t)
            )
        )
    # Ctrl+click in a paragraph plays from its time.
    start = window.reader.reading.to_qt(offset_of(window, "[00:00:10]") + 3)  # type: ignore[union-attr]
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start)
    rect = reader.cursorRect(cursor)
    qtbot.mouseClick(
        reader.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )
    qtbot.waitUntil(lambda: player.is_playing() and 10_000 <= player.position() < 12_000)
    player.pause()


def long_timed_window(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> MainWindow:
    """A window on 30 paragraphs a second apart, taller than the view, with their recording."""
    document = tmp_path / "long.txt"
    paragraphs = [f"[00:00:{i:02d}] Ana: " + "words and more words " * 30 for i in range(30)]
    document.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    write_wav(tmp_path / "long.wav", 32)
    window = make_window(document)
    ready(qtbot, window)
    window.resize(900, 500)
    return window


def test_follow_along_keeps_the_spoken_paragraph_in_view_unless_turned_off(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    window = long_timed_window(make_window, tmp_path, qtbot)
    bar = window.reader.verticalScrollBar()
    top = bar.value()
    window.recording.seek(28_500)
    qtbot.waitUntil(lambda: bar.value() > top)
    spoken = window.recording.overlay.spoken
    assert spoken is not None
    rects = window.reader.highlights.rects(*spoken)
    assert rects[0].top() >= 0 and rects[0].top() < window.reader.viewport().height()
    window.window_actions.playback.follow.setChecked(False)
    bar.setValue(0)
    window.recording.seek(15_500)
    qtbot.waitUntil(lambda: window.recording.overlay.spoken != spoken)
    assert bar.value() == 0  # marked, not scrolled to


def test_following_along_leaves_the_place_the_reader_went_to_with_the_keys(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot: QtBot
) -> None:
    """Ctrl+End, Page Down or Find moves no scroll bar action: the next paragraph spoken
    pulled the view back to it all the same."""
    window = long_timed_window(make_window, tmp_path, qtbot)
    bar = window.reader.verticalScrollBar()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    bottom, spoken = bar.value(), window.recording.overlay.spoken
    assert bottom > 0
    window.recording.seek(2_500)
    qtbot.waitUntil(lambda: window.recording.overlay.spoken not in (None, spoken))
    assert bar.value() == bottom  # marked near the top, not scrolled to


def attached_from_elsewhere(
    make_window: Callable[..., MainWindow], dialogs: DialogStub, qtbot: QtBot, folder: Path
) -> tuple[MainWindow, Path]:
    """A window on a transcript in `folder` with no recording beside it, media/"zoom 0.wav"
    attached (File ▸ Attach Recording…); and the transcript."""
    document = folder / "plain.txt"
    document.write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "media").mkdir()
    window = make_window(document)
    assert not window.player_bar.isVisible()
    dialogs.open_answers.append(str(write_wav(folder / "media" / "zoom 0.wav")))
    window.window_actions.playback.attach.trigger()
    ready(qtbot, window)
    return window, document


def test_attach_stores_a_relative_path_and_reopening_restores_the_position(
    make_window: Callable[..., MainWindow], dialogs: DialogStub, notes_path: Path, qtbot: QtBot
) -> None:
    window, document = attached_from_elsewhere(make_window, dialogs, qtbot, notes_path.parent)
    window.recording.seek(9_000)
    qtbot.waitUntil(lambda: window.recording.player.position() == 9_000)  # type: ignore[union-attr]
    window.close()
    assert saved(notes_path)["recording"] == {"path": "media/zoom 0.wav", "position_ms": 9_000}
    again = make_window(document)
    ready(qtbot, again)
    assert again.recording.player.position() == 9_000  # type: ignore[union-attr]
    assert again.player_bar.position_label.text() == "0:09"
    again.window_actions.playback.detach.trigger()
    again.interview.saver.flush()  # type: ignore[union-attr]
    assert "recording" not in saved(notes_path)
    assert not again.player_bar.isVisible()


def test_notes_saved_as_elsewhere_name_the_same_recording(
    make_window: Callable[..., MainWindow], dialogs: DialogStub, notes_path: Path, qtbot: QtBot
) -> None:
    """Found by the recording review: the path stored relative to the notes' folder was
    kept as it was after Save Notes As… to another folder, so it named no file there."""
    tmp_path = notes_path.parent
    window, _ = attached_from_elsewhere(make_window, dialogs, qtbot, tmp_path)
    window.interview.saver.flush()  # type: ignore[union-attr]
    elsewhere = tmp_path / "analysis" / "plain notes.json"
    elsewhere.parent.mkdir()
    dialogs.save_answers.append(str(elsewhere))
    window.window_actions.save_notes_as.trigger()
    window.close()
    assert saved(elsewhere)["recording"]["path"] == "../media/zoom 0.wav"
    assert saved(notes_path)["recording"]["path"] == "media/zoom 0.wav"


def test_a_skip_before_the_recording_has_loaded_goes_from_its_remembered_place(
    make_window: Callable[..., MainWindow],
    talk: Path,
    notes_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by the recording review: a skip read the player's position, 0 until the file
    has loaded, so Alt+Right at opening went to 0:05 and saved it over the place."""
    first = make_window(talk)
    moved_to(qtbot, first, 20_000)
    first.close()
    # The player says "loaded" from its own thread, often before a test can look; held
    # back here so the skip surely comes first.
    held: list[Recording] = []
    loaded = Recording._loaded
    monkeypatch.setattr(Recording, "_loaded", lambda self: held.append(self))
    again = make_window(talk)
    qtbot.waitUntil(lambda: bool(held))
    assert again.recording._pending_seek == 20_000  # not loaded yet, as far as it knows
    again.recording.skip(5_000)
    loaded(again.recording)
    ready(qtbot, again)
    qtbot.waitUntil(lambda: again.recording.position() == 25_000)
    again.close()
    assert saved(notes_path)["recording"]["position_ms"] == 25_000


def test_a_place_past_what_a_slider_holds_opens_at_the_end(
    make_window: Callable[..., MainWindow], talk: Path, notes_path: Path, qtbot: QtBot
) -> None:
    """Found by the recording review: a place the schema allows (a hand edit) past a
    slider's 32-bit values raised OverflowError, and the player was never made."""
    first = make_window(talk)
    ready(qtbot, first)
    first.close()
    data = saved(notes_path)
    data["recording"]["position_ms"] = 3_000_000_000
    notes_path.write_bytes(orjson.dumps(data))
    again = make_window(talk)
    ready(qtbot, again)
    assert again.player_bar.isVisible()
    qtbot.waitUntil(lambda: again.player_bar.position_label.text() == "0:40")


def test_a_narrow_bar_gives_the_file_names_room_to_the_slider(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    """Found by the recording review: at 1024 pixels the slider had 80, 45 seconds of an
    hour a pixel, beside "Inter…1.wav"; the name is in the slider's tip then."""
    window = make_window(talk)
    ready(qtbot, window)
    bar = window.player_bar
    for size, named in (((1024, 640), False), ((1920, 1080), True)):
        window.resize(*size)
        qtbot.waitUntil(lambda named=named: (bar.width() >= NAME_SHOWN_FROM) is named)
        assert bar.name_label.isVisibleTo(bar) is named
    assert bar.slider.toolTip().endswith("talk.wav")
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: not bar.name_label.isVisibleTo(bar))
    bar.set_playable(False, "talk.wav is missing.", "talk.wav is missing")
    assert bar.name_label.isVisibleTo(bar)  # a reason always shows


def test_a_time_inserted_over_selected_words_keeps_them_and_says_the_time_it_links(
    make_window: Callable[..., MainWindow], talk: Path, notes_path: Path, qtbot: QtBot
) -> None:
    window = make_window(talk)
    moved_to(qtbot, window, 39_960)
    editor = window.notes_editor
    editor.setPlainText("Keep these words please.")
    cursor = editor.textCursor()
    cursor.setPosition(16)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)  # "these words", selected back
    editor.setTextCursor(cursor)
    editor.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(editor, Qt.Key.Key_T, modifiers)
    assert editor.toPlainText() == "Keep these words[▶ 0:40](#t=40)  please."
    assert not editor.textCursor().hasSelection()
    assert window.statusBar().currentMessage() == "Inserted 0:40 in your notes."  # not 0:39


def test_time_links_in_the_notes_play_from_their_time(
    make_window: Callable[..., MainWindow], talk: Path, notes_path: Path, qtbot: QtBot
) -> None:
    window = make_window(talk)
    player = moved_to(qtbot, window, 21_500)
    window.notes_editor.setFocus()
    qtbot.keyClick(
        window.notes_editor,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.notes_editor.toPlainText() == "[▶ 0:21](#t=21.5) "
    window.recording.seek(0)
    window.notes_pane.linkActivated.emit("#t=21.5")
    qtbot.waitUntil(lambda: player.is_playing() and player.position() >= 21_500)
    player.pause()
    window.interview.saver.flush()  # type: ignore[union-attr]
    assert saved(notes_path)["notes"] == "[▶ 0:21](#t=21.5) "


def test_ctrl_enter_after_a_time_just_typed_plays_from_it(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    """Keyboard alone: Ctrl+Shift+T, then Ctrl+Enter where the caret is left (after the
    link and its space) plays from that time again."""
    window = make_window(talk)
    player = moved_to(qtbot, window, 21_500)
    editor = window.notes_editor
    editor.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(editor, Qt.Key.Key_T, ctrl | Qt.KeyboardModifier.ShiftModifier)
    window.recording.seek(0)
    qtbot.keyClick(editor, Qt.Key.Key_Return, ctrl)
    qtbot.waitUntil(lambda: player.is_playing() and player.position() >= 21_500)
    player.pause()
    assert editor.toPlainText() == "[▶ 0:21](#t=21.5) "


def test_times_in_the_margin_are_clickable(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    window = make_window(talk)
    window.resize(1400, 800)
    window.splitter.setSizes([1100, 300])
    ready(qtbot, window)
    overlay = window.recording.overlay
    overlay.repaint()
    assert [ms for _, ms in overlay._hits][:2] == [2_000, 10_000]
    rect, _ = overlay._hits[1]
    qtbot.mouseClick(
        window.reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint()
    )
    player = window.recording.player
    assert player is not None
    qtbot.waitUntil(lambda: player.is_playing() and player.position() >= 10_000)
    player.pause()


@pytest.mark.parametrize("content", [b"", b"not a recording at all" * 50, b"RIFF\0\0\0\0WAVEfmt "])
def test_a_recording_that_cannot_play_is_said_once_and_the_reader_works_on(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot, content: bytes
) -> None:
    talk.with_suffix(".wav").write_bytes(content)
    window = make_window(talk)
    bar = window.player_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.locate_button.isVisible())
    assert "talk.wav" in bar.name_label.toolTip()
    # The sentence in its tip; in the bar, a few words: an empty file (a download cut
    # short) said "cannot be played" there, as a damaged one.
    wrong = "is empty" if not content else "cannot be played"
    assert bar.name_label.text() == f"talk.wav {wrong}"
    assert not bar.slider.isVisible()  # its room goes to the reason
    assert "talk.wav" in window.statusBar().currentMessage()
    play = window.window_actions.playback.play
    assert not play.isEnabled() and "talk.wav" in play.statusTip()  # greyed out, says why
    play.trigger()  # nothing to play: no crash, no second message
    window.reader.select_span(0, 10)
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    assert len(window.interview.session.notes.highlights) == 1  # type: ignore[union-attr]


def test_a_missing_recording_is_shown_and_can_be_located(
    make_window: Callable[..., MainWindow],
    dialogs: DialogStub,
    talk: Path,
    notes_path: Path,
    qtbot: QtBot,
) -> None:
    window = make_window(talk)
    ready(qtbot, window)
    window.recording.seek(7_000)
    window.close()
    moved = talk.parent / "archive"
    moved.mkdir()
    talk.with_suffix(".wav").rename(moved / "talk.wav")
    window = make_window(talk)
    bar = window.player_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.locate_button.isVisible())
    assert "missing" in bar.name_label.toolTip()
    assert "missing" in window.statusBar().currentMessage()
    assert not window.window_actions.playback.play.isEnabled()
    window.close()  # the place is kept while the file is away
    assert saved(notes_path)["recording"]["position_ms"] == 7_000
    window = make_window(talk)
    bar = window.player_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.locate_button.isVisible())
    dialogs.open_answers.append(str(moved / "talk.wav"))
    bar.locate_button.setFocus()  # Tab reaches it; Space presses it
    qtbot.waitUntil(bar.locate_button.hasFocus)
    qtbot.keyClick(bar.locate_button, Qt.Key.Key_Space)
    ready(qtbot, window)
    assert not bar.locate_button.isVisible()
    # On to Play (it went to the notes' Bold button), the speed named for a screen reader.
    assert QApplication.focusWidget() in (bar._buttons[1], bar.slider)
    assert bar.speed.accessibleName() == "Playback speed 1×"
    assert window.recording.player.position() == 7_000  # type: ignore[union-attr]
    window.interview.saver.flush()  # type: ignore[union-attr]
    expected = os.path.relpath(moved / "talk.wav", notes_path.parent)
    assert saved(notes_path)["recording"]["path"] == expected


def test_a_message_about_the_recording_goes_when_its_interview_is_left(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: QtBot
) -> None:
    write_wav(folder / "P01 Ana.wav")  # beside a transcript with no times
    window = make_study_window(folder)
    status = window.statusBar()
    qtbot.waitUntil(lambda: window.recording.player is not None)
    # It has no times (and, with no sound device, plays silently): said in the status bar,
    # never that following along still works.
    assert status.currentMessage() in (NO_TIMES, NO_SOUND_NO_TIMES)
    assert not window.notes_label.isVisible()  # the message stands over it
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert "hour before dawn" in window.interview.session.document.text  # type: ignore[union-attr]
    assert status.currentMessage() == ""
    assert window.notes_label.isVisible() and "p02" in window.notes_label.toolTip()


def test_another_message_stays_when_the_recordings_interview_is_left(
    make_study_window: Callable[[Path], MainWindow], folder: Path, qtbot: QtBot
) -> None:
    write_wav(folder / "P01 Ana.wav")
    window = make_study_window(folder)
    status = window.statusBar()
    qtbot.waitUntil(lambda: window.recording.player is not None)
    library = window.library
    library.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by title, not the study's order
    library.view.setFocus()
    qtbot.keyClick(library.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    said = SORTED_NO_MOVE  # and the way back to the study's order
    assert status.currentMessage() == said
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.recording.path is None  # left
    assert status.currentMessage() == said


def test_no_multimedia_module_is_one_message(
    make_window: Callable[..., MainWindow],
    talk: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> None:
        raise media.MediaUnavailableError("Recordings cannot be played here: no module.")

    monkeypatch.setattr(media, "multimedia", broken)
    window = make_window(talk)
    bar = window.player_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.locate_button.isVisible())
    assert window.statusBar().currentMessage() == "Recordings cannot be played here: no module."
    assert window.recording.player is None


def test_opening_an_interview_without_a_recording_never_imports_qtmultimedia(
    tmp_path: Path,
) -> None:
    """In a fresh process: the window opens and paints the bundled interview, with a
    speed kept from the last session."""
    bundled, notes = ROOT / "resources" / "her-smell-interview.txt", tmp_path / "n.json"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "scope = QSettings.Format.IniFormat, QSettings.Scope.UserScope\n"
        f"QSettings.setPath(*scope, {str(tmp_path / 'qs')!r})\n"
        "from reader.ui.settings import settings\n"
        "settings().setValue('playback/speed', 1.5)\n"
        "from reader.ui.window.main_window import MainWindow\n"
        "w = MainWindow(); w.show()\n"
        f"assert w.open_document(Path({str(bundled)!r}), Path({str(notes)!r}))\n"
        "for _ in range(20): app.processEvents()\n"
        "assert [a.data() for a in w.window_actions.playback.speeds if a.isChecked()] == [1.5]\n"
        "w.close()\n"
        "print(sorted(m for m in sys.modules if 'Multimedia' in m))\n"
    )
    done = run_python(script, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_speed_from_the_menu_keeps_the_pitch_and_the_typists_loop_goes_back_on_pause(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    window = make_window(talk)
    player = moved_to(qtbot, window, 10_000)
    playback = window.window_actions.playback
    assert window.player_bar.speed.text() == "1×"  # the rate, not the menu's "1× (Normal)"
    half = next(a for a in playback.speeds if a.data() == 0.5)
    half.trigger()
    assert player.player.playbackRate() == 0.5
    assert player.player.pitchCompensation()
    assert window.player_bar.speed.text() == "0.5×"
    next(a for a in playback.speeds if a.data() == 2.0).trigger()
    assert player.player.playbackRate() == 2.0 and window.player_bar.speed.text() == "2×"
    # The typist's loop: every pause goes back two seconds from where it stopped.
    next(a for a in playback.speeds if a.data() == 1.0).trigger()
    playback.typist_loop.trigger()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: player.position() > 10_500)
    before_pause = player.position()
    qtbot.keyClick(window.reader, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not player.is_playing())
    qtbot.waitUntil(lambda: player.position() < before_pause)
    assert player.position() >= before_pause - 2_000


def test_the_speed_chosen_last_plays_after_a_restart_and_is_written_when_it_changes(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    """One speed for the whole app, as media players keep it (kept_switches.py)."""
    settings().setValue("playback/speed", "fast")  # not a speed: the normal one
    window = make_window(talk)
    ready(qtbot, window)
    speeds = {a.data(): a for a in window.window_actions.playback.speeds}
    assert speeds[1.0].isChecked() and window.player_bar.speed.text() == "1×"
    speeds[1.5].trigger()  # Playback ▸ Speed ▸ 1.5×, or the bar's menu
    window.close()
    ini = Path(settings().fileName())
    assert "speed=1.5" in ini.read_text(encoding="utf-8")
    again = make_window(talk)
    ready(qtbot, again)
    player = again.recording.player
    assert player is not None and player.player.playbackRate() == 1.5
    speeds = {a.data(): a for a in again.window_actions.playback.speeds}
    assert speeds[1.5].isChecked() and not speeds[1.0].isChecked()
    assert again.player_bar.speed.text() == "1.5×"
    # The same speed chosen again writes nothing (each write syncs the settings file).
    settings().sync()
    written = ini.stat().st_mtime_ns, ini.read_bytes()
    speeds[1.5].trigger()
    settings().sync()
    assert (ini.stat().st_mtime_ns, ini.read_bytes()) == written
    speeds[0.75].trigger()
    assert player.player.playbackRate() == 0.75
    assert float(settings().value("playback/speed")) == 0.75


def test_a_time_link_ctrl_clicked_in_the_notes_or_clicked_in_the_preview_plays(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    window = make_window(talk)
    player = moved_to(qtbot, window, 0)
    editor = window.notes_editor
    editor.setPlainText("Fado: [▶ 0:30](#t=30.5) at home")
    cursor = QTextCursor(editor.document())
    cursor.setPosition(len("Fado: [▶ 0"))
    qtbot.mouseClick(
        editor.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        editor.cursorRect(cursor).center(),
    )
    qtbot.waitUntil(lambda: player.is_playing() and player.position() >= 30_500)
    player.pause()
    window.recording.seek(0)
    window.window_actions.toggle_preview.trigger()
    preview = window.notes_pane.preview
    qtbot.waitUntil(preview.isVisible)
    preview.anchorClicked.emit(QUrl("#t=30.5"))
    qtbot.waitUntil(lambda: player.is_playing() and player.position() >= 30_500)
    player.pause()


def test_a_highlight_plays_from_its_passage_to_the_end_of_its_paragraph(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    window = make_window(talk)
    player = moved_to(qtbot, window, 0)
    start = offset_of(window, "We moved")
    window.reader.select_span(start + 3, start + 18)  # "moved to Lisbon", untimed
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    (highlight,) = window.interview.session.notes.highlights  # type: ignore[union-attr]
    window.reader.select_span(highlight.start + 2, highlight.start + 2)
    assert window.reader.current_highlight() == highlight
    qtbot.keyClick(
        window.reader,
        Qt.Key.Key_Space,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    table = window.recording.table
    assert table is not None
    from_ms = table.ms_at(highlight.start)
    assert from_ms is not None and 10_000 < from_ms < 20_000  # its share of the turn
    qtbot.waitUntil(lambda: player.is_playing() and player.position() >= from_ms)
    # Its paragraph is the last of its turn: it stops at the next turn's own time.
    assert window.recording.stop_at == 20_000
    player.pause()


def test_a_highlight_over_three_paragraphs_plays_to_the_end_of_its_last(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    """From "Porto" to "mother": it stopped at the end of its first paragraph, 0:20."""
    window = make_window(talk)
    player = moved_to(qtbot, window, 0)
    window.reader.select_span(offset_of(window, "Porto"), offset_of(window, "mother") + 6)
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    (highlight,) = window.interview.session.notes.highlights  # type: ignore[union-attr]
    window.reader.select_span(highlight.start + 2, highlight.start + 2)
    window.window_actions.playback.play_paragraph.trigger()
    qtbot.waitUntil(player.is_playing)
    assert window.recording.stop_at == 30_000  # the next turn's own time
    player.pause()


def test_read_only_notes_keep_their_recording(
    make_study_window: Callable[[Path], MainWindow], dialogs: DialogStub, talk: Path, qtbot: QtBot
) -> None:
    """A second window on the study cannot attach or detach (both greyed out): it would
    show what is never saved (and said "detached" while the notes file keeps it)."""
    write_wav(talk.parent / "other.wav")
    first = make_study_window(talk.parent)
    ready(qtbot, first)
    first.interview.flush()  # what it writes as it opens is on disk before `before` is read
    window = make_study_window(talk.parent)  # read-only: the first holds the study
    ready(qtbot, window)
    notes = window.interview.notes_path
    assert window.interview.read_only and notes is not None
    before = notes.read_bytes() if notes.exists() else b""
    dialogs.open_answers.append(str(talk.parent / "other.wav"))
    playback = window.window_actions.playback
    assert not playback.attach.isEnabled() and not playback.detach.isEnabled()
    assert "read-only" in playback.attach.statusTip()
    playback.attach.trigger()
    assert window.recording.path == talk.with_suffix(".wav")
    window.recording.attaching.choose()  # asked for all the same (Locate… is also greyed out)
    assert "read-only" in window.statusBar().currentMessage()
    playback.detach.trigger()
    window.recording.attaching.detach()
    assert window.player_bar.isVisible() and window.recording.path == talk.with_suffix(".wav")
    assert dialogs.open_answers  # the file dialog was not even shown
    window.close()
    assert (notes.read_bytes() if notes.exists() else b"") == before


def test_an_interview_opened_at_once_after_one_with_a_recording_gets_none(
    make_window: Callable[..., MainWindow], talk: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """Two opens in one turn of the event loop: the first's recording, started a moment
    later, attached to the second, which has none."""
    other = talk.parent / "other.txt"
    other.write_text("[00:00:01] Bob: Nothing recorded here.\n", encoding="utf-8")
    window = make_window(talk)
    window.open_document(other, tmp_path / "other.json")
    window.open_document(talk, tmp_path / "talk.json")
    window.open_document(other, tmp_path / "other.json")
    for _ in range(3):  # the turns the recording's start waits for, and more
        QApplication.processEvents()
    assert window.recording.path is None and not window.player_bar.isVisible()
    assert window.interview.session.notes.recording is None  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_the_players_icons_are_drawn_in_the_themes_text_colour(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot, name: str
) -> None:
    """The style's media icons are black bitmaps: on the Dark theme's bar they stood at
    1.3:1, on High Contrast's at 1.1:1 (the visual review's finding 1)."""
    from reader.core.palettes import contrast_ratio

    window = make_window(talk)
    ready(qtbot, window)
    window.appearance.set_theme(name)
    bar = window.recording.bar
    background = bar.palette().color(QPalette.ColorRole.Window)
    playback = window.window_actions.playback
    for action in (playback.back, playback.play, playback.forward):
        image = action.icon().pixmap(32, 32).toImage()
        inked = [
            image.pixelColor(x, y)
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255
        ]
        assert inked, action.text()
        ink = inked[len(inked) // 2]
        rgb = (ink.red(), ink.green(), ink.blue())
        paper = (background.red(), background.green(), background.blue())
        assert contrast_ratio(rgb, paper) >= 4.5, (name, action.text())


def test_words_selected_over_two_paragraphs_play_from_their_start(
    make_window: Callable[..., MainWindow], talk: Path, qtbot: QtBot
) -> None:
    """Selected from "Porto" to "mother" (the caret at its end), Play Paragraph played
    the caret's paragraph alone, from 0:20: none of the words selected before it."""
    window = make_window(talk)
    player = moved_to(qtbot, window, 0)
    start = offset_of(window, "Porto")
    window.reader.select_span(start, offset_of(window, "mother") + 6)
    window.window_actions.playback.play_paragraph.trigger()
    table = window.recording.table
    assert table is not None
    from_ms = table.ms_at(start)
    assert from_ms is not None and 10_000 < from_ms < 20_000
    qtbot.waitUntil(player.is_playing)
    assert from_ms <= player.position() < 20_000
    assert window.recording.stop_at == 30_000  # the end of the paragraph it ends in
    player.pause()
    rows = dict(shortcut_groups(window, window.window_actions))["Recording"]
    (said,) = (does for keys, does in rows if keys == "Ctrl+Shift+Space")
    assert "words selected" in said  # F1 says so
