"""Start-up (reader/ui/window/startup.py): the garbage collector, paused while the window is
made, comes back once the reader has painted; the first paint loads only what it shows."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile, QSettings, QTimer
from PySide6.QtGui import QTextCursor

from reader.core.annotations import make_highlight
from reader.core.backups import list_backups
from reader.core.codebook import Codebook, codes_for_tags
from reader.core.document import load_document
from reader.core.lock_files import notes_lock
from reader.core.notes_file import NotesData
from reader.core.store import save_notes
from reader.resources import BUNDLED_INTERVIEW
from reader.ui.window import startup
from reader.ui.window.main_window import MainWindow
from reader.ui.window.startup import collect_after_paint


class Finalised:
    """In a cycle, so that only the garbage collector frees it; says on which thread."""

    def __init__(self, threads: list[str]) -> None:
        self.threads, self.me = threads, self

    def __del__(self) -> None:
        self.threads.append(threading.current_thread().name)


def test_garbage_is_collected_on_the_gui_thread_after_the_first_paint(
    window: MainWindow, qtbot: Any
) -> None:
    """After the first paint the collector runs from the event loop: a worker thread that
    allocates a great deal (a saver, a study's loading) never frees a cycle, which may
    hold a Qt object that must be deleted on its own thread."""
    gc.disable()
    try:
        collector = collect_after_paint(window)
        gc.collect()  # the reader and the window, not Python names, keep them alive
        qtbot.waitUntil(collector.findChild(QTimer).isActive)  # painted: collecting
        threads: list[str] = []
        Finalised(threads)
        kept: list[list] = []  # counted while alive: past the threshold, and held

        def allocate() -> None:
            kept.extend([] for _ in range(20_000))

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert threads == []  # not run by the worker
        qtbot.waitUntil(lambda: threads == [threading.main_thread().name], timeout=5000)
        assert not gc.isenabled()  # Python's own collection stays off: the timer collects
        collector.deleteLater()
    finally:
        gc.enable()


def test_the_collector_starts_even_if_the_window_never_paints(
    window: MainWindow, qtbot: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(startup, "COLLECTOR_BACK_MS", 50)
    window.hide()  # as if opened minimised: the reader paints nothing
    gc.disable()
    try:
        collector = collect_after_paint(window)
        threads: list[str] = []
        Finalised(threads)
        kept = [[] for _ in range(20_000)]  # past the threshold, and held
        qtbot.waitUntil(lambda: threads == [threading.main_thread().name], timeout=5000)
        assert kept
        collector.deleteLater()
    finally:
        gc.enable()


def test_the_sample_interview_says_so_and_where_ones_own_begin(
    make_window: Any, dialogs: Any, qtbot: Any, tmp_path: Path
) -> None:
    """A first start opens the bundled interview: the banner says it is a sample and
    offers Open Study… (a folder of one's interviews, as the README's first steps say) and
    Open Interview…; the latter opens the file chosen."""
    from PySide6.QtCore import Qt

    window = make_window(BUNDLED_INTERVIEW)
    startup.greet_on_sample(window, BUNDLED_INTERVIEW)
    assert window.banner.isVisible() and window.banner.text() == startup.SAMPLE
    labels = [b.text() for b in window.banner.buttons]
    assert labels == ["Open Study…", "Open Interview…", "Dismiss"]
    own = tmp_path / "P01.txt"
    own.write_text("Q: How did it start?\nA: With a phone call.\n", encoding="utf-8")
    dialogs.open_answers.append(str(own))
    qtbot.mouseClick(window.banner.buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "phone call" in window.interview.session.document.text)
    assert not window.banner.isVisible()  # opening one's own says nothing of samples
    startup.greet_on_sample(window, BUNDLED_INTERVIEW)  # not the sample: nothing said
    assert not window.banner.isVisible()


# What the first paint must not pay for: modules of panes not on screen, and PySide types
# whose first use costs milliseconds (QStyle's ~1,000 enum members: ~6 ms).
NOT_AT_FIRST_PAINT = (
    "PySide6.QtMultimedia",
    "reader.core.export",
    "reader.core.refi",
    "reader.core.study",
    "reader.core.text_merge",  # difflib and merge3: a merge's, ~5 ms
    "reader.core.transcripts",
    "reader.ui.annotations.panel",
    "reader.ui.appearance.indicators",
    "reader.ui.codebook.counting",
    "reader.ui.exporting.export_dialog",
    "reader.ui.find.find_bar",
    "reader.ui.find.search_panel",
    "reader.ui.library.library_panel",
    "reader.ui.memo.study_memo",
    "reader.ui.recording.media",
    "reader.ui.speakers.participant_follows",
    "reader.ui.speakers.study_rename",
)
NOT_BUILT_AT_FIRST_PAINT = ("QStyle", "QProxyStyle")

FIRST_PAINT_CHILD = """
import json, os, sys
from reader.ui.after_paint import AfterPaint
from reader.ui.window import startup

resume = startup.collect_after_paint

def report_after_paint(window):
    resume(window)

    def report():
        import PySide6.QtWidgets as widgets
        loaded = [name for name in NOT_AT_FIRST_PAINT if name in sys.modules]
        built = [name for name in NOT_BUILT_AT_FIRST_PAINT if name in vars(widgets)]
        print(json.dumps({"loaded": loaded, "built": built}))
        sys.stdout.flush()
        os._exit(0)

    AfterPaint(window.reader, report).start()

startup.collect_after_paint = report_after_paint
from reader.app import main
"""


def coded_notes(folder: Path) -> Path:
    """Notes on the bundled interview with a coded passage: the Codebook dock shows."""
    document = load_document(BUNDLED_INTERVIEW)
    codebook = Codebook()
    codes = codes_for_tags(["Memory"], codebook)
    start = document.text.index("Her Smell")
    passage = make_highlight(document.text, start, start + len("Her Smell"), "yellow")
    notes = NotesData(
        document=document.meta(),
        codebook=codebook,
        highlights=[replace(passage, codes=codes)],
    )
    save_notes(folder / "notes.json", notes)
    return folder / "notes.json"


@pytest.mark.parametrize("coded", [False, True], ids=["bundled", "coded"])
def test_the_first_paint_loads_nothing_it_does_not_show(tmp_path: Path, coded: bool) -> None:
    """The bundled interview opened as `python main.py` opens it, and with coded notes
    (`--notes`): what is off screen, and costly PySide types, wait until needed (#17)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(tmp_path / name)
    argv = ["--notes", str(coded_notes(tmp_path))] if coded else []
    code = f"NOT_AT_FIRST_PAINT = {NOT_AT_FIRST_PAINT!r}\n"
    code += f"NOT_BUILT_AT_FIRST_PAINT = {NOT_BUILT_AT_FIRST_PAINT!r}\n"
    code += FIRST_PAINT_CHILD + f"main({argv!r})\n"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"loaded": [], "built": []}


def test_notes_given_by_a_relative_path_are_remembered_by_their_whole_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`main.py a.txt --notes notes.json` in two folders named two different files by one
    key: the second interview opened at the first one's place."""
    import reader.app as app

    started: list[tuple[Path | None, Path | None]] = []
    monkeypatch.setattr(app, "has_display", lambda: True)
    monkeypatch.setattr(
        startup, "run_gui", lambda document, notes: started.append((document, notes)) or 0
    )
    monkeypatch.chdir(tmp_path)
    assert app.main(["a.txt", "--notes", "notes.json"]) == 0
    gc.enable()  # main pauses it for the window, which is not made here
    assert started == [(Path("a.txt"), tmp_path / "notes.json")]


def test_notes_given_with_a_study_folder_are_refused_not_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`main.py STUDY --notes notes.json` opened the study and never read the notes given,
    without a word; the command line's export refuses the same in one line."""
    import reader.app as app

    started: list[tuple[Path | None, Path | None]] = []
    monkeypatch.setattr(app, "has_display", lambda: True)
    monkeypatch.setattr(
        startup, "run_gui", lambda document, notes: started.append((document, notes)) or 0
    )
    monkeypatch.setattr(gc, "disable", lambda: None)  # as for a window: none is made
    assert app.main([str(tmp_path), "--notes", str(tmp_path / "notes.json")]) == 1
    assert capsys.readouterr().err == (
        "interview-reader: --notes names one interview's notes; a study keeps its own.\n"
    )
    assert started == []


# The notes' lock at start-up: taken just after the first paint, as its fdatasync may wait
# long for a busy disk (#17); every other open locks at once.


@pytest.fixture
def start_unshown(qtbot: Any, dialogs: Any) -> Iterator[Callable[[Path], MainWindow]]:
    """A window opened on the bundled interview with notes at `notes` as main.py opens it
    (open_at_start), not shown yet: it has not painted."""
    windows: list[MainWindow] = []

    def make(notes: Path) -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        assert window.study_actions.open_at_start(BUNDLED_INTERVIEW, notes, BUNDLED_INTERVIEW)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def test_the_notes_opened_at_start_are_locked_after_the_first_paint(
    start_unshown: Any, qtbot: Any, tmp_path: Path
) -> None:
    notes = coded_notes(tmp_path)
    window = start_unshown(notes)
    assert not notes_lock(notes).exists()
    assert not window.interview.read_only
    assert not window.banner.isVisibleTo(window)  # no "cannot be written" while pending
    assert window.interview.safety.conflict_actions() == ("", [])
    window.show()
    qtbot.waitUntil(notes_lock(notes).exists)
    qtbot.waitUntil(lambda: bool(list_backups(notes)))  # the notes as opened, kept as ever
    assert not window.interview.read_only and not window.banner.isVisibleTo(window)


def test_copies_of_the_notes_opened_at_start_are_offered_once_it_has_painted(
    start_unshown: Any, qtbot: Any, tmp_path: Path
) -> None:
    """Looking for them lists the data folder's rescued copies (with platformdirs): after
    the first paint, with the lock, as the rest of what the notes' safety says."""
    notes = coded_notes(tmp_path)
    copy = notes.with_name(f"{notes.stem}.sync-conflict-20261125-101010-ABCDEF.json")
    copy.write_bytes(notes.read_bytes())
    window = start_unshown(notes)
    assert window.interview.safety.conflict_actions() == ("", [])
    window.show()
    qtbot.waitUntil(lambda: "conflict cop" in window.banner.text())
    assert "Merge Into My Notes" in [b.text() for b in window.banner.buttons]


def test_notes_another_window_has_go_read_only_after_the_first_paint(
    start_unshown: Any, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    notes = coded_notes(tmp_path)
    make_window(BUNDLED_INTERVIEW, notes)  # locks at once, as File ▸ Open does
    window = start_unshown(notes)
    assert not window.interview.read_only
    QTextCursor(window.interview.notes_document).insertText("typed before the paint ")
    assert window.interview.notes_document.isUndoAvailable()
    with qtbot.waitSignal(window.interview.readOnlyChanged) as changed:
        window.show()
    assert changed.args == [True]
    assert window.interview.read_only
    assert not window.interview.notes_document.isUndoAvailable()
    assert window.banner.text().startswith("Opened read-only: ")
    assert "is editing these notes." in window.banner.text()
    assert [b.text() for b in window.banner.buttons] == ["Save Notes As…", "Dismiss"]
    window.interview.saver.flush()
    assert "typed before the paint" not in notes.read_text(encoding="utf-8")


def test_a_window_closed_before_its_first_paint_leaves_no_lock(
    start_unshown: Any, qtbot: Any, tmp_path: Path
) -> None:
    notes = coded_notes(tmp_path)
    window = start_unshown(notes)
    safety = window.interview.safety
    window.show()
    window.close()  # before the paint it asked for
    safety.take_pending_lock()  # as a paint coming late would
    qtbot.waitUntil(lambda: window.interview.safety is None and not window.isVisible())
    assert not notes_lock(notes).exists()


def test_a_save_before_the_first_paint_takes_the_lock_first(
    start_unshown: Any, tmp_path: Path
) -> None:
    notes = coded_notes(tmp_path)
    window = start_unshown(notes)
    QTextCursor(window.interview.notes_document).insertText("typed before the paint")
    assert window.interview.saver.flush()
    assert notes_lock(notes).exists()
    assert json.loads(notes.read_text(encoding="utf-8"))["notes"] == "typed before the paint"
    assert list_backups(notes)  # the notes as opened, kept before they were written over


def test_a_folder_that_cannot_be_written_says_so_after_the_first_paint(
    start_unshown: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = coded_notes(tmp_path)
    monkeypatch.setattr(QLockFile, "tryLock", lambda self, timeout=0: False)  # a full disk
    window = start_unshown(notes)
    window.show()
    qtbot.waitUntil(lambda: "cannot be written now" in window.banner.text())
    assert not window.interview.read_only
    assert [b.text() for b in window.banner.buttons] == ["Save Notes As…", "Dismiss"]


def test_a_full_collection_waits_for_the_oldest_generation_to_grow_by_a_quarter(
    window: MainWindow, monkeypatch: Any
) -> None:
    """As Python's own rule: with a large study open a full collection took 110 ms, and
    without the rule it came every two minutes or so of work."""
    collected: list[int] = []
    state = {"count": (0, 0, 11), "oldest": 1000}
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: state["count"])
    monkeypatch.setattr(gc, "get_objects", lambda generation=None: [None] * state["oldest"])
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation) or 0)
    collector = startup.GuiThreadCollector(window)
    collector.collect_due()
    assert collected == [2]  # the first: it has left nothing yet, as at Python's start
    state["count"], state["oldest"] = (0, 11, 12), 1200  # grown by a fifth
    collector.collect_due()
    assert collected == [2, 1]  # the younger one instead
    state["oldest"] = 1300  # by three tenths, but looked at again only past 10 more
    collector.collect_due()
    assert collected == [2, 1, 1]
    state["count"] = (0, 11, 23)
    collector.collect_due()
    assert collected == [2, 1, 1, 2]


def test_the_collector_looks_again_soon_while_objects_keep_coming(
    window: MainWindow, monkeypatch: Any
) -> None:
    """Young objects collected every tenth of a second while they come, so that no single
    collection of them is long; once each second while the app is idle."""
    count = {"young": 701}
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: (count["young"], 0, 0))
    monkeypatch.setattr(gc, "collect", lambda generation=2: 0)
    collector = startup.GuiThreadCollector(window)
    timer = collector.findChild(QTimer)
    collector.collect_due()
    assert timer.interval() == startup.COLLECT_BUSY_MS
    count["young"] = 12  # idle: nothing due
    collector.collect_due()
    assert timer.interval() == startup.COLLECT_EVERY_MS


@pytest.mark.parametrize("open_last", [False, True])
def test_a_file_named_that_cannot_be_opened_leaves_the_app_on_the_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Any, qtbot: Any, open_last: bool
) -> None:
    """A transcript opened from a file manager ("Open With") that is empty or not text:
    the message came over an empty screen, and then the app ended with nothing open. The
    same file open last is not tried again: its message came twice."""
    from PySide6.QtWidgets import QApplication

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    if open_last:
        before = MainWindow()
        qtbot.addWidget(before)
        before.study_actions.recent.add(empty, study=False)
        before.close()
    shown: list[MainWindow] = []
    monkeypatch.setattr(QApplication, "exec", lambda _app: 0)
    monkeypatch.setattr(MainWindow, "show", lambda window: shown.append(window))
    monkeypatch.setattr(MainWindow, "showMaximized", lambda window: shown.append(window))
    assert startup.run_gui(empty, None) == 0
    (window,) = shown
    qtbot.addWidget(window)
    assert [title for title, _ in dialogs.shown] == ["warning"]
    assert "empty" in dialogs.shown[0][1]
    assert window.interview.session.document.source == str(BUNDLED_INTERVIEW)


def test_a_settings_file_that_cannot_be_written_is_said(
    tmp_path: Path, dialogs: Any, qtbot: Any
) -> None:
    """Its folder where a file is (as unwritable as one made by `sudo`, for root too):
    each start forgot the layout, zoom and places without a word; the banner says why."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(blocked))
    window = MainWindow()
    qtbot.addWidget(window)
    startup.say_when_settings_unkept(window)
    window.show()
    qtbot.waitUntil(lambda: "Settings cannot be saved" in window.banner.text())
    assert str(blocked) in window.banner.text()
