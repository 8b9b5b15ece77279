"""A study opened while another program writes its study.json opens by itself once that
write is done (reader/ui/library/awaited_study.py). A warning said to try again in a few
seconds, and at start-up the sample opened in its place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from reader.core import half_written
from reader.core.study import open_study
from reader.ui.dialogs import NoteDialog
from reader.ui.library.awaited_study import AwaitedStudy
from reader.ui.window.main_window import MainWindow
from tests.ui.interview.test_open_again import highlighted
from tests.ui.test_nothing_lost import switch
from tests.ui.test_read_only_undo import activate


def looks_recorded(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each time the awaited study's moment comes (AwaitedStudy._open), what it was."""
    looked: list[object] = []
    opening = AwaitedStudy._open
    monkeypatch.setattr(
        AwaitedStudy,
        "_open",
        lambda self, awaited: (looked.append(awaited), opening(self, awaited)),
    )
    return looked


@pytest.fixture
def half_written_study(folder: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The study in `folder` saved, then another program halfway through writing its
    study.json again, in place; what it is writing, whole. The half is never taken as
    whole by its age here: with a wait of a second, a loaded machine passed it before the
    test wrote the rest, and the half opened as a damaged study."""
    open_study(folder).save()
    whole = (folder / "study.json").read_bytes()
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)  # longer than the test
    (folder / "study.json").write_bytes(whole[: len(whole) // 2])
    return whole


def the_write_ends(window: MainWindow, folder: Path, whole: bytes) -> None:
    """Another program's write of study.json ends, and the awaited study's moment comes
    now, as if its wait were over: how long that is, is half_written's (tested in core)."""
    (folder / "study.json").write_bytes(whole)
    awaited = window.study_actions.awaited
    assert awaited.moment.isActive()  # waiting, not yet tried
    awaited.moment.start(0)


def test_a_study_being_written_opens_once_the_write_is_done(
    make_window: Callable[..., MainWindow],
    folder: Path,
    half_written_study: bytes,
    qtbot: Any,
    dialogs: Any,
) -> None:
    window = make_window()
    said: list[str] = []
    window.interview.status.connect(lambda text, _ms: said.append(text))
    assert not window.study_actions.open_path(folder)
    assert dialogs.shown == [] and window.study.study is None
    assert "opens in a moment" in said[-1] and folder.name in said[-1]
    the_write_ends(window, folder, half_written_study)
    qtbot.waitUntil(lambda: window.study.study is not None, timeout=5000)
    assert window.switcher.current and not window.study.read_only
    assert list(folder.glob("study.corrupt-*")) == []


def test_what_is_opened_meanwhile_stays_open(
    make_window: Callable[..., MainWindow],
    folder: Path,
    half_written_study: bytes,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    looked = looks_recorded(monkeypatch)
    assert not window.study_actions.open_path(folder)
    other = folder.parent / "other.txt"
    other.write_text("Q: Another?\nA: Yes, another.\n", "utf-8")
    assert window.study_actions.open_path(other)
    the_write_ends(window, folder, half_written_study)
    qtbot.waitUntil(lambda: bool(looked), timeout=5000)
    assert window.study.study is None
    assert window.interview.session.document.text.startswith("Q: Another?")


def test_the_last_study_being_written_at_start_up_opens_after_the_sample(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Any,
) -> None:
    """At start-up the study open last was being written: the sample opened in its place,
    and the study never came."""
    make_study_window(folder).close()  # the study open last
    open_study(folder).save()
    whole = (folder / "study.json").read_bytes()
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)  # longer than the test
    (folder / "study.json").write_bytes(whole[: len(whole) // 2])
    window = MainWindow()
    qtbot.addWidget(window)
    sample = folder.parent / "sample.txt"
    sample.write_text("Q: A sample?\nA: Yes.\n", "utf-8")
    assert window.study_actions.open_at_start(None, None, sample)
    assert window.study.study is None and dialogs.shown == []
    assert "opens in a moment" in window.statusBar().currentMessage()  # said still
    the_write_ends(window, folder, whole)
    qtbot.waitUntil(lambda: window.study.study is not None, timeout=5000)
    assert window.study.study.folder == folder
    window.close()


def test_a_note_being_written_when_the_awaited_study_comes_is_kept(
    make_window: Callable[..., MainWindow],
    folder: Path,
    notes_path: Path,
    half_written_study: bytes,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The study asked for opens in a moment; meanwhile the user writes a note on a
    highlight of the interview open, in its dialog. The study came while the dialog was
    open, closing the interview under it: OK then kept the note nowhere."""
    window = make_window()
    highlighted(window, qtbot, "Netflix")
    monkeypatch.setattr(NoteDialog, "exec", QDialog.exec)  # a real one, modal
    looked = looks_recorded(monkeypatch)
    assert not window.study_actions.open_path(folder)  # awaited
    the_write_ends(window, folder, half_written_study)

    def write_the_note() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NoteDialog):
            return
        if not dialog.editor.toPlainText():
            qtbot.keyClicks(dialog.editor, "Streaming wins")
        elif looked:  # the awaited study's moment came while the dialog was open
            typer.stop()
            qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    typer = QTimer(interval=20, timeout=write_the_note)
    typer.start()
    qtbot.keyClick(window.reader, Qt.Key.Key_N)  # the note dialog on the highlight
    qtbot.waitUntil(lambda: window.study.study is not None, timeout=5000)
    (kept,) = orjson.loads(notes_path.read_bytes())["highlights"]
    assert (kept["exact"], kept["note"]) == ("Netflix", "Streaming wins")


def another_study(folder: Path, tmp_path: Path) -> Path:
    """A study folder "Other study" of two of `folder`'s interviews."""
    other = tmp_path / "Other study"
    other.mkdir()
    for name in ("P01 Ana.txt", "P02 Ben.txt"):
        (other / name).write_bytes((folder / name).read_bytes())
    return other


def test_an_interview_switched_to_meanwhile_stays_open(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    half_written_study: bytes,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Study B asked for, and while it waits the user goes on in study A, at its next
    interview: that is what the user opened since, and it stays open. B's moment came
    and took the user away from it, as if nothing had been opened meanwhile."""
    other = another_study(folder, tmp_path)
    window = make_study_window(other)
    activate(window, qtbot)
    looked = looks_recorded(monkeypatch)
    first = window.switcher.current
    assert not window.study_actions.open_path(folder)  # awaited
    switch(window, qtbot, Qt.Key.Key_PageDown)  # the next interview of this study
    went_to = window.switcher.current
    assert went_to != first
    the_write_ends(window, folder, half_written_study)  # B's
    qtbot.waitUntil(lambda: bool(looked), timeout=5000)
    assert window.study.study is not None and window.study.study.folder == other
    assert window.switcher.current == went_to


def test_the_wait_is_no_longer_said_once_something_else_is_opened(
    make_window: Callable[..., MainWindow],
    folder: Path,
    half_written_study: bytes,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by a code review: the status bar went on saying the study opens in a moment
    after the user opened something else, and the study then never came."""
    monkeypatch.setattr(half_written, "WHOLE_AFTER_NS", 60_000_000_000)  # longer than the test
    window = make_window()
    bar = window.statusBar()
    assert not window.study_actions.open_path(folder)
    assert "opens in a moment" in bar.currentMessage()
    other = folder.parent / "other.txt"
    other.write_text("Q: Another?\nA: Yes, another.\n", "utf-8")
    assert window.study_actions.open_path(other)
    assert "opens in a moment" not in bar.currentMessage()


def test_an_interview_the_app_opens_meanwhile_does_not_cancel_the_wait(
    make_study_window: Callable[[Path], MainWindow],
    folder: Path,
    half_written_study: bytes,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by a code review: study B asked for, and while it waits another program takes
    the interview open out of study A; A's next one opened in its place, as if the user had
    opened it, and B never came."""
    other = another_study(folder, tmp_path)
    open_study(other).save()
    window = make_study_window(other)
    first = window.switcher.current
    assert not window.study_actions.open_path(folder)  # awaited
    elsewhere = open_study(other)  # another program
    elsewhere.remove_interview(first)
    elsewhere.save()
    qtbot.waitUntil(lambda: window.switcher.current not in ("", first), timeout=5000)
    the_write_ends(window, folder, half_written_study)  # B's
    qtbot.waitUntil(lambda: window.study.study.folder == folder, timeout=5000)


def test_an_open_that_does_not_happen_leaves_the_wait(
    make_window: Callable[..., MainWindow],
    folder: Path,
    half_written_study: bytes,
    qtbot: Any,
    dialogs: Any,
) -> None:
    """Found by a code review: the wait was cancelled before the open it gave way to was
    known to happen, so a file that could not be opened (or Cancel to a question about
    unsaved notes) left nothing opened, and the study asked for never came."""
    window = make_window()
    assert not window.study_actions.open_path(folder)
    binary = folder.parent / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    assert not window.study_actions.open_path(binary)  # said in a warning
    assert "opens in a moment" in window.statusBar().currentMessage()
    the_write_ends(window, folder, half_written_study)
    qtbot.waitUntil(lambda: window.study.study is not None, timeout=10_000)
